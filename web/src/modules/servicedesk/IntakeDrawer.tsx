import { useState } from 'react';
import { Alert, App, Button, Drawer, Flex, Form, Input, List, Radio, Select, Space, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { OrderDetail, OrderSummary } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { useNow } from '../../platform/ui/hooks';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { OrderLine } from './OrderBits';
import { SD, useCategories } from './servicedesk.api';

interface Match {
  residentId: number;
  name: string;
  householdId: number;
  dwellingId: number;
  dwellingLabel: string;
  openOrders: number;
}

/** The fast form: type the caller's number, their household and dwelling come up; likely duplicates show. */
export function IntakeDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const now = useNow(30000);
  const [form] = Form.useForm();
  const cats = useCategories();
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [picked, setPicked] = useState<Match | null>(null);
  const categoryId = Form.useWatch('categoryId', form) as number | undefined;
  const dwellingId = Form.useWatch('dwellingId', form) as number | undefined;
  const placeId = picked?.dwellingId ?? dwellingId;
  const dups = useQuery({
    queryKey: ['sd', 'dups', categoryId, placeId],
    queryFn: () => api.get<{ items: OrderSummary[] }>(`${SD}/duplicates`, { categoryId, placeId }),
    enabled: !!categoryId && !!placeId,
  });
  const lookup = useMutation({
    mutationFn: (phone: string) => api.get<{ items: Match[] }>(`${SD}/caller`, { phone }),
    onSuccess: (r) => {
      setMatches(r.items);
      if (r.items.length === 1) choose(r.items[0]!);
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang, { phone: 'callerPhone' })) message.error(errorText(err, lang));
    },
  });
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post<OrderDetail>(`${SD}/orders`, v),
    onSuccess: (o) => {
      message.success(t('sd.intake.created', { id: o.id }));
      void qc.invalidateQueries({ queryKey: ['sd'] });
      reset();
      onClose();
      void navigate(`/servicedesk/orders/${o.id}`);
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err, lang)) message.error(errorText(err, lang));
    },
  });
  function choose(m: Match) {
    setPicked(m);
    form.setFieldsValue({ callerName: m.name, dwellingId: undefined });
  }
  function reset() {
    form.resetFields();
    setMatches(null);
    setPicked(null);
  }
  const options = (cats.data?.items ?? []).map((c) => ({
    value: c.id,
    label: (
      <span>
        {pick(c.name)} <Tag style={{ fontSize: 11 }}>{t(`sd.kind.${c.kind}`)}</Tag>
        {c.emergency ? (
          <Tag color="red" style={{ fontSize: 11 }}>
            {t('sd.intake.emergency')}
          </Tag>
        ) : null}
      </span>
    ),
    search: `${c.name['zh-CN']} ${c.name['en-US']} ${c.code} ${c.keywords ?? ''}`,
  }));

  return (
    <Drawer open={open} onClose={onClose} title={t('sd.intake.title')} size={560} destroyOnHidden data-testid="intake-drawer">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ channel: 'hotline' }}
        onFinish={(v) =>
          create.mutate({
            channel: v.channel,
            categoryId: v.categoryId,
            description: v.description,
            callerPhone: v.callerPhone || null,
            callerName: v.callerName || null,
            residentId: picked?.residentId ?? null,
            dwellingId: picked ? null : (v.dwellingId ?? null),
            address: v.address || null,
          })
        }
      >
        <Form.Item name="channel" label={t('sd.intake.channel')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'hotline', label: t('sd.channel.hotline') },
              { value: 'walk_in', label: t('sd.channel.walk_in') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('sd.intake.phone')} required={false}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="callerPhone" noStyle>
              <Input
                inputMode="tel"
                autoFocus
                data-testid="intake-phone"
                onPressEnter={(e) => {
                  e.preventDefault();
                  const v = (e.target as HTMLInputElement).value;
                  if (v) lookup.mutate(v);
                }}
              />
            </Form.Item>
            <Button
              icon={<SearchOutlined />}
              loading={lookup.isPending}
              onClick={() => {
                const v = form.getFieldValue('callerPhone');
                if (v) lookup.mutate(v);
              }}
              data-testid="intake-lookup"
            >
              {t('sd.intake.lookup')}
            </Button>
          </Space.Compact>
        </Form.Item>
        {matches ? (
          matches.length ? (
            <List
              size="small"
              bordered
              style={{ marginBottom: 16 }}
              header={t('sd.intake.found', { count: matches.length })}
              dataSource={matches}
              data-testid="intake-matches"
              renderItem={(m) => (
                <List.Item
                  actions={[
                    picked?.residentId === m.residentId ? (
                      <Tag color="green" key="p">
                        {t('sd.intake.picked')}
                      </Tag>
                    ) : (
                      <Button size="small" key="p" onClick={() => choose(m)}>
                        {t('sd.intake.pick')}
                      </Button>
                    ),
                  ]}
                >
                  <Flex vertical>
                    <Typography.Text strong>{m.name}</Typography.Text>
                    <Typography.Text type="secondary">
                      {m.dwellingLabel}
                      {m.openOrders ? ` · ${t('sd.intake.openOrders', { n: m.openOrders })}` : ''}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          ) : (
            <Alert type="info" showIcon title={t('sd.intake.notFound')} style={{ marginBottom: 16 }} />
          )
        ) : null}
        <Form.Item name="callerName" label={t('sd.intake.callerName')}>
          <Input maxLength={40} data-testid="intake-name" />
        </Form.Item>
        {!picked ? (
          <>
            <Form.Item name="dwellingId" label={t('sd.intake.dwelling')}>
              <PlaceSelect testId="intake-dwelling" />
            </Form.Item>
            <Form.Item name="address" label={t('sd.intake.address')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="categoryId" label={t('sd.intake.category')} rules={[{ required: true }]}>
          <Select
            showSearch={{
              filterOption: (input, o) =>
                String((o as { search?: string }).search ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase()),
            }}
            options={options}
            data-testid="intake-category"
          />
        </Form.Item>
        <Form.Item name="description" label={t('sd.intake.description')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={3} data-testid="intake-description" />
        </Form.Item>
        {dups.data?.items.length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('sd.intake.duplicates')}
            description={dups.data.items.map((o) => (
              <OrderLine key={o.id} o={o} now={now} />
            ))}
            data-testid="intake-duplicates"
          />
        ) : null}
        <Button type="primary" htmlType="submit" block loading={create.isPending} data-testid="intake-submit">
          {t('sd.intake.submit')}
        </Button>
      </Form>
    </Drawer>
  );
}
