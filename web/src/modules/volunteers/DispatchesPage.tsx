import { useState } from 'react';
import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Input, InputNumber, Progress, Select, Space, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api } from '../../platform/api/client';
import { useMe } from '../../platform/auth/me';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { dayjs, fmtDateTime } from '../../platform/time';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { DataTable } from '../../platform/ui/DataTable';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { windowText } from './NeedBits';
import { useVolunteersLive, volApi, type DispatchView } from './volunteers.api';

interface NewDispatch {
  title: string;
  note?: string;
  placeId: number;
  window: [dayjs.Dayjs, dayjs.Dayjs];
  quotas: { employerId: number; quota: number }[];
}

export const DISPATCH_COLORS: Record<DispatchView['status'], string> = { open: 'processing', filled: 'success', closed: 'default' };

/** A same-day dispatch asked for: what, where, today's hours, and how many people from each unit. */
function NewDispatchDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const employers = useQuery({ queryKey: ['employers'], queryFn: () => api.get<{ items: { id: number; name: string }[] }>('/employers'), enabled: open });
  const save = useMutation({
    mutationFn: (v: NewDispatch) =>
      volApi.createDispatch({
        title: v.title.trim(),
        note: v.note?.trim() || null,
        placeId: v.placeId,
        startsAt: v.window[0].toISOString(),
        endsAt: v.window[1].toISOString(),
        quotas: v.quotas,
      }),
    onSuccess: (d) => {
      message.success(t('vol.dispatch.created'));
      void qc.invalidateQueries({ queryKey: ['vol'] });
      onClose();
      void navigate(`/volunteers/dispatches/${d.id}`);
    },
  });
  const start = dayjs().add(1, 'hour').startOf('hour');
  return (
    <Drawer open={open} onClose={onClose} title={t('vol.dispatch.new')} width={520} destroyOnHidden>
      <Form<NewDispatch> layout="vertical" initialValues={{ window: [start, start.add(4, 'hour')], quotas: [{ quota: 10 }] }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="title" label={t('vol.dispatch.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={60} placeholder={t('vol.dispatch.namePh')} />
        </Form.Item>
        <Form.Item name="placeId" label={t('vol.dispatch.place')} rules={[{ required: true }]}>
          <PlaceSelect placeholder={t('vol.dispatch.place')} />
        </Form.Item>
        <Form.Item name="window" label={t('vol.dispatch.when')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.List name="quotas">
          {(fields, { add, remove }) => (
            <Form.Item label={t('vol.dispatch.quotas')} required>
              <Flex vertical gap={8}>
                {fields.map((f) => (
                  <Space.Compact key={f.key} style={{ width: '100%' }}>
                    <Form.Item name={[f.name, 'employerId']} noStyle rules={[{ required: true }]}>
                      <Select
                        showSearch
                        optionFilterProp="label"
                        placeholder={t('vol.dispatch.unit')}
                        aria-label={t('vol.dispatch.unit')}
                        style={{ width: '70%' }}
                        options={(employers.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'quota']} noStyle rules={[{ required: true }]}>
                      <InputNumber min={1} max={500} style={{ width: '30%' }} aria-label={t('vol.dispatch.quota')} />
                    </Form.Item>
                    {fields.length > 1 ? <Button icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} /> : null}
                  </Space.Compact>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quota: 5 })}>
                  {t('vol.dispatch.addUnit')}
                </Button>
              </Flex>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="note" label={t('vol.dispatch.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        {save.error ? <Alert type="error" showIcon message={errorText(save.error, lang)} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" block loading={save.isPending} data-testid="dispatch-submit">
          {t('vol.dispatch.send')}
        </Button>
      </Form>
    </Drawer>
  );
}

/** Same-day dispatches (应急调度): each with its roster filling; a liaison sees those asking their unit. */
export default function DispatchesPage() {
  const { t } = useI18n();
  const { can } = useMe();
  const [adding, setAdding] = useState(false);
  const q = useQuery({ queryKey: ['vol', 'dispatches'], queryFn: () => volApi.dispatches(), placeholderData: keepPreviousData });
  useVolunteersLive();
  return (
    <>
      <PageHeader
        title={t('vol.dispatch.title')}
        subtitle={t('vol.dispatch.subtitle')}
        extra={
          can('volunteers.dispatch') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="dispatch-new">
              {t('vol.dispatch.new')}
            </Button>
          ) : null
        }
      />
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <DataTable<DispatchView>
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        data-testid="dispatches-table"
        columns={[
          { title: t('vol.dispatch.name'), key: 'title', render: (_, d) => <Link to={`/volunteers/dispatches/${d.id}`}>{d.title}</Link> },
          { title: t('vol.dispatch.when'), key: 'when', render: (_, d) => windowText(d.startsAt, d.endsAt) },
          { title: t('vol.dispatch.place'), dataIndex: 'placeLabel' },
          {
            title: t('vol.dispatch.filled'),
            key: 'filled',
            width: 200,
            render: (_, d) => (
              <Progress
                percent={Math.round((Math.min(d.filled, d.needed) / d.needed) * 100)}
                format={() => `${d.filled}/${d.needed}`}
                size="small"
                aria-label={`${d.title} ${t('vol.dispatch.filled')}`}
              />
            ),
          },
          {
            title: t('vol.dispatch.status'),
            dataIndex: 'status',
            render: (s: DispatchView['status']) => <Tag color={DISPATCH_COLORS[s]}>{t(`vol.dispatchStatus.${s}`)}</Tag>,
          },
          { title: t('common.createdAt'), dataIndex: 'createdAt', render: (v: string) => fmtDateTime(v) },
        ]}
      />
      <NewDispatchDrawer open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
