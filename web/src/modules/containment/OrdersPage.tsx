import { useEffect, useState } from 'react';
import { Alert, App, Badge, Button, Card, Cascader, DatePicker, Form, Input, Modal, Space, Tabs, Tag, Typography } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { LockOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { LockdownOrderView } from '@jiayuan/contracts';
import { applyFieldErrors } from '../../platform/api/forms';
import { errorText } from '../../platform/api/problem';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { useLiveTopic } from '../../platform/live/live';
import { fmtDateTime, local, todayLocal } from '../../platform/time';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { cmApi, cmKeys, ORDER_STATUS_COLORS, type PlaceNode } from './containment.api';

const STATUSES = ['proposed', 'active', 'released', 'dismissed'] as const;
type Decision = 'confirm' | 'dismiss' | 'release';
const SEALABLE = new Set(['compound', 'building', 'stairwell']);

interface Option {
  value: number;
  label: string;
  type: string;
  isLeaf: boolean;
  children?: Option[];
}
const toOption = (p: PlaceNode): Option => ({ value: p.id, label: p.name, type: p.type, isLeaf: p.type === 'stairwell' });

/** Picks a compound, building or stairwell, walking the place tree level by level. */
function SealablePlacePicker({ value, onChange }: { value?: number | null; onChange?: (id: number | null) => void }) {
  const [options, setOptions] = useState<Option[]>([]);
  const [path, setPath] = useState<number[]>([]);
  useEffect(() => {
    void cmApi.places(null).then((r) => setOptions(r.items.map(toOption)));
  }, []);
  return (
    <Cascader<Option>
      data-testid="order-place"
      options={options}
      value={value == null ? [] : path}
      changeOnSelect
      style={{ width: '100%' }}
      loadData={async (selected) => {
        const target = selected[selected.length - 1]!;
        target.children = (await cmApi.places(target.value)).items.filter((p) => p.type !== 'dwelling').map(toOption);
        setOptions((o) => [...o]);
      }}
      onChange={(v, selected) => {
        setPath((v ?? []) as number[]);
        const last = selected?.[selected.length - 1];
        onChange?.(last && SEALABLE.has(last.type) ? last.value : null);
      }}
    />
  );
}

function CreateOrderModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { placeId: number; reason: string; releaseOn?: { format(f: string): string } | null }) =>
      cmApi.create({ placeId: v.placeId, reason: v.reason, releaseOn: v.releaseOn ? v.releaseOn.format('YYYY-MM-DD') : null }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: cmKeys.all });
      form.resetFields();
      onClose();
    },
    onError: (e) => {
      if (!applyFieldErrors(form, e, lang, { 'code:CONTAINMENT_ALREADY_SEALED': 'placeId' })) message.error(errorText(e, lang));
    },
  });
  return (
    <Modal
      open={open}
      title={t('containment.orders.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="placeId" label={t('containment.orders.createPlace')} rules={[{ required: true, message: t('containment.orders.pickPlace') }]}>
          <SealablePlacePicker />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('containment.orders.reasonLabel')}
          rules={[{ required: true, min: 2, message: t('containment.cases.reasonRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
        <Form.Item name="releaseOn" label={t('containment.orders.releaseOn')} extra={t('containment.orders.releaseOnHint')}>
          <DatePicker disabledDate={(d) => d.isBefore(todayLocal(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Lockdown orders by status: proposals to confirm or dismiss, orders in force to release, with their reasons. */
export default function OrdersPage() {
  const { t, pick, lang } = useI18n();
  const { can } = useMe();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'proposed';
  // Notifications and to-dos link here with the order to look at.
  const focus = Number(params.get('focus') ?? 0);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [deciding, setDeciding] = useState<{ o: LockdownOrderView; d: Decision } | null>(null);
  const [reason, setReason] = useState('');
  const list = useQuery({
    queryKey: cmKeys.orders(status, page),
    queryFn: () => cmApi.orders(status, page),
    placeholderData: keepPreviousData,
    refetchInterval: 60000,
  });
  useLiveTopic('containment', 'containment.changed', () => void qc.invalidateQueries({ queryKey: cmKeys.all }));
  const decide = useMutation({
    mutationFn: () => {
      const { o, d } = deciding!;
      return d === 'confirm'
        ? cmApi.confirm(o.id, reason.trim().length >= 2 ? reason.trim() : null)
        : d === 'dismiss'
          ? cmApi.dismiss(o.id, reason)
          : cmApi.release(o.id, reason);
    },
    onSuccess: () => {
      message.success(t('containment.orders.done'));
      setDeciding(null);
      setReason('');
      void qc.invalidateQueries({ queryKey: cmKeys.all });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    },
    onError: (e) => message.error(errorText(e, lang)),
  });
  const counts = list.data?.counts ?? {};
  const needsReason = deciding?.d !== 'confirm';
  const early = deciding?.d === 'release' && deciding.o.releaseAfter && !deciding.o.releaseDue;
  return (
    <>
      <PageHeader
        title={t('containment.orders.title')}
        subtitle={t('containment.orders.subtitle')}
        extra={
          can('containment.order.confirm') ? (
            <Button icon={<LockOutlined />} onClick={() => setCreating(true)} data-testid="order-create">
              {t('containment.orders.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Tabs
          activeKey={status}
          onChange={(k) => {
            setParams({ status: k });
            setPage(1);
          }}
          items={STATUSES.map((k) => ({
            key: k,
            label: (
              <span data-testid={`order-tab-${k}`}>
                {t(`containment.orders.tab.${k}`)}{' '}
                {k === 'proposed' || k === 'active' ? <Badge count={counts[k] ?? 0} color={k === 'active' ? 'red' : 'orange'} size="small" /> : null}
              </span>
            ),
          }))}
        />
        {list.error ? <QueryError error={list.error} /> : null}
        <DataTable<LockdownOrderView>
          rowKey="id"
          data-testid="order-table"
          rowClassName={(o) => (o.id === focus ? 'ant-table-row-selected' : '')}
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          locale={{ emptyText: t('containment.orders.empty') }}
          columns={[
            {
              title: t('containment.orders.place'),
              render: (_, o) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong data-testid={`order-place-${o.id}`}>
                    {o.placeLabel}
                  </Typography.Text>
                  <Space size={4}>
                    <Tag color={o.level === 'compound' ? 'magenta' : o.level === 'building' ? 'volcano' : 'gold'}>{t(`containment.level.${o.level}`)}</Tag>
                    <Tag color={ORDER_STATUS_COLORS[o.status]}>{t(`containment.orderStatus.${o.status}`)}</Tag>
                    <Typography.Text type="secondary">{o.rule === 'manual' ? t('containment.orders.manual') : t('containment.orders.rule')}</Typography.Text>
                  </Space>
                </Space>
              ),
            },
            {
              title: t('containment.orders.reason'),
              render: (_, o) => <Typography.Text style={{ maxWidth: 360, display: 'inline-block' }}>{pick(o.reasonText)}</Typography.Text>,
            },
            {
              title: t('containment.orders.release'),
              render: (_, o) =>
                o.releaseText ? (
                  <Space direction="vertical" size={0} style={{ maxWidth: 300 }}>
                    <Typography.Text>{pick(o.releaseText)}</Typography.Text>
                    {o.releaseDue ? <Tag color="green">{t('containment.orders.releaseDue')}</Tag> : null}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title:
                status === 'released' ? t('containment.orders.releasedAt') : status === 'active' ? t('containment.orders.startsAt') : t('common.createdAt'),
              render: (_, o) => (
                <Typography.Text type="secondary">
                  {fmtDateTime(status === 'released' ? o.releasedAt : status === 'active' ? o.startsAt : o.createdAt)}
                </Typography.Text>
              ),
            },
            ...(status === 'released' || status === 'dismissed'
              ? [
                  {
                    title: t('containment.orders.closeReason'),
                    render: (_: unknown, o: LockdownOrderView) => (o.closeReasonText ? pick(o.closeReasonText) : '—'),
                  },
                ]
              : []),
            ...(status === 'proposed' || status === 'active'
              ? [
                  {
                    title: t('common.actions'),
                    render: (_: unknown, o: LockdownOrderView) => (
                      <Space size={4}>
                        {o.actions.includes('confirm') ? (
                          <Button
                            size="small"
                            type="primary"
                            danger
                            onClick={() => {
                              setReason('');
                              setDeciding({ o, d: 'confirm' });
                            }}
                            data-testid={`order-confirm-${o.id}`}
                          >
                            {t('containment.orders.confirm')}
                          </Button>
                        ) : null}
                        {o.actions.includes('dismiss') ? (
                          <Button
                            size="small"
                            onClick={() => {
                              setReason('');
                              setDeciding({ o, d: 'dismiss' });
                            }}
                            data-testid={`order-dismiss-${o.id}`}
                          >
                            {t('containment.orders.dismiss')}
                          </Button>
                        ) : null}
                        {o.actions.includes('release') ? (
                          <Button
                            size="small"
                            type={o.releaseDue ? 'primary' : 'default'}
                            onClick={() => {
                              setReason('');
                              setDeciding({ o, d: 'release' });
                            }}
                            data-testid={`order-release-${o.id}`}
                          >
                            {t('containment.orders.releaseAction')}
                          </Button>
                        ) : null}
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <CreateOrderModal open={creating} onClose={() => setCreating(false)} />
      <Modal
        open={!!deciding}
        title={
          deciding
            ? t(
                deciding.d === 'confirm'
                  ? 'containment.orders.confirmTitle'
                  : deciding.d === 'dismiss'
                    ? 'containment.orders.dismissTitle'
                    : 'containment.orders.releaseTitle',
                { place: deciding.o.placeLabel },
              )
            : ''
        }
        onCancel={() => setDeciding(null)}
        onOk={() => decide.mutate()}
        okButtonProps={{ disabled: needsReason && reason.trim().length < 2, danger: deciding?.d === 'confirm', 'data-testid': 'order-decide-ok' } as never}
        confirmLoading={decide.isPending}
      >
        {deciding ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text>{pick(deciding.o.reasonText)}</Typography.Text>
            {deciding.o.releaseText ? <Typography.Text type="secondary">{pick(deciding.o.releaseText)}</Typography.Text> : null}
            {deciding.d === 'confirm' ? <Alert type="warning" showIcon message={t('containment.orders.confirmHint')} /> : null}
            {early ? (
              <Alert type="info" showIcon message={t('containment.orders.releaseEarly', { date: local(deciding.o.releaseAfter!).format('YYYY-MM-DD') })} />
            ) : null}
            <Input.TextArea
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={200}
              placeholder={needsReason ? t('containment.cases.reasonRequired') : t('containment.orders.note')}
              data-testid="order-decide-reason"
            />
          </Space>
        ) : null}
      </Modal>
    </>
  );
}
