import { useState } from 'react';
import { Alert, App, Badge, Button, Card, Col, DatePicker, Drawer, Flex, Form, Input, InputNumber, Row, Select, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { errorText } from '../../platform/api/problem';
import { useI18n } from '../../platform/i18n/i18n';
import { useLive } from '../../platform/live/live';
import { dayjs, fmtDateTime } from '../../platform/time';
import { PlaceSelect } from '../../platform/places/PlaceSelect';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { windowText } from './NeedBits';
import { ResidentPick } from './ResidentPick';
import { NEED_COLORS, SERVICE_TYPES, useVolunteersLive, volApi, type NeedStatus, type NeedView, type ServiceType } from './volunteers.api';

const COLUMNS: readonly NeedStatus[] = ['open', 'taken', 'done', 'confirmed'];

interface OnBehalf {
  residentId: number;
  category: ServiceType;
  title: string;
  notes?: string;
  place?: string;
  window: [dayjs.Dayjs, dayjs.Dayjs];
  takersNeeded: number;
}

/** Publishing a need for a resident without a phone (recorded as on their behalf, audited). */
function OnBehalfDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<OnBehalf>();
  const save = useMutation({
    mutationFn: (v: OnBehalf) =>
      volApi.publishOnBehalf({
        residentId: v.residentId,
        category: v.category,
        title: v.title.trim(),
        notes: v.notes?.trim() || null,
        place: v.place?.trim() || null,
        windowStart: v.window[0].toISOString(),
        windowEnd: v.window[1].toISOString(),
        takersNeeded: v.takersNeeded,
      }),
    onSuccess: () => {
      message.success(t('vol.board.published'));
      void qc.invalidateQueries({ queryKey: ['vol'] });
      form.resetFields();
      onClose();
    },
  });
  const start = dayjs().add(1, 'hour').startOf('hour');
  return (
    <Drawer open={open} onClose={onClose} title={t('vol.board.onBehalf')} width={480} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('vol.board.onBehalfHint')}</Typography.Paragraph>
      <Form<OnBehalf>
        form={form}
        layout="vertical"
        initialValues={{ category: 'elderCare', takersNeeded: 1, window: [start, start.add(2, 'hour')] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="residentId" label={t('vol.board.resident')} rules={[{ required: true }]}>
          <ResidentPick placeholder={t('vol.board.residentPh')} testId="on-behalf-resident" />
        </Form.Item>
        <Form.Item name="category" label={t('vol.need.category')} rules={[{ required: true }]}>
          <Select options={SERVICE_TYPES.map((c) => ({ value: c, label: t(`vol.category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('vol.need.title')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="notes" label={t('vol.need.notes')}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
        <Form.Item name="place" label={t('vol.need.place')}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="window" label={t('vol.need.window')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="takersNeeded" label={t('vol.publish.takers')}>
          <InputNumber min={1} max={10} />
        </Form.Item>
        {save.error ? <Alert type="error" showIcon message={errorText(save.error, lang)} style={{ marginBottom: 12 }} /> : null}
        <Button type="primary" htmlType="submit" block loading={save.isPending}>
          {t('vol.publish.submit')}
        </Button>
      </Form>
    </Drawer>
  );
}

function BoardItem({ n }: { n: NeedView }) {
  const { t } = useI18n();
  const overdue = n.status === 'open' && dayjs(n.takeBy).isBefore(dayjs());
  return (
    <Card size="small" data-testid={`board-need-${n.id}`} data-status={n.status} style={overdue ? { borderColor: '#cf1322' } : undefined}>
      <Flex vertical gap={4}>
        <Flex justify="space-between" gap={8}>
          <Typography.Text strong>{n.title}</Typography.Text>
          <Tag color="green" style={{ marginInlineEnd: 0 }}>
            {t(`vol.category.${n.category}`)}
          </Tag>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {windowText(n.windowStart, n.windowEnd)} · {n.communityName}
        </Typography.Text>
        <Typography.Text style={{ fontSize: 13 }}>
          {n.residentName}
          {n.onBehalf ? (
            <Tag color="purple" style={{ marginInlineStart: 6 }}>
              {t('vol.need.onBehalf')}
            </Tag>
          ) : null}
          {n.elderCare ? <Tag color="gold">{t('vol.need.elderCare')}</Tag> : null}
        </Typography.Text>
        {n.takerList.length ? (
          <Typography.Text style={{ fontSize: 13 }}>
            {t('vol.board.takenBy', {
              names: n.takerList
                .filter((x) => x.status === 'taken' || x.status === 'done')
                .map((x) => x.name)
                .join(t('common.sep')),
            })}
          </Typography.Text>
        ) : null}
        {n.status === 'open' ? (
          <Typography.Text type={overdue ? 'danger' : 'secondary'} style={{ fontSize: 13 }}>
            {t('vol.board.takeBy', { at: fmtDateTime(n.takeBy) })}
          </Typography.Text>
        ) : null}
        <Link to={`/volunteers/needs/${n.id}`}>{t('vol.board.open')}</Link>
      </Flex>
    </Card>
  );
}

/** The needs board, live: open, taken, served and confirmed needs of the area in four columns; publishing for a resident without a phone. */
export default function NeedsBoardPage() {
  const { t } = useI18n();
  const { connected } = useLive();
  const [params, setParams] = useSearchParams();
  const communityId = Number(params.get('communityId')) || undefined;
  const category = (params.get('category') as ServiceType | null) ?? undefined;
  const [adding, setAdding] = useState(false);
  const q = useQuery({
    queryKey: ['vol', 'board', communityId, category],
    queryFn: () => volApi.needs({ communityId, category, status: 'all', pageSize: 200 }),
    placeholderData: keepPreviousData,
    refetchInterval: 60000,
  });
  useVolunteersLive();
  const set = (k: string, v: string | null) => {
    const p = new URLSearchParams(params);
    if (v) p.set(k, v);
    else p.delete(k);
    setParams(p, { replace: true });
  };
  const items = q.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={t('vol.board.title')}
        subtitle={
          <Badge status={connected ? 'processing' : 'default'} text={connected ? t('vol.board.live') : t('vol.board.notLive')} data-testid="board-live" />
        }
        extra={
          <Flex gap={8} wrap>
            <PlaceSelect
              type="community"
              value={communityId ?? null}
              onChange={(id) => set('communityId', id ? String(id) : null)}
              placeholder={t('vol.filter.community')}
            />
            <Select
              allowClear
              value={category ?? null}
              onChange={(v: string | null) => set('category', v)}
              placeholder={t('vol.need.category')}
              aria-label={t('vol.need.category')}
              style={{ minWidth: 140 }}
              options={SERVICE_TYPES.map((c) => ({ value: c, label: t(`vol.category.${c}`) }))}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="board-on-behalf">
              {t('vol.board.onBehalf')}
            </Button>
          </Flex>
        }
      />
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <Row gutter={[12, 12]}>
        {COLUMNS.map((s) => {
          const list = items.filter((n) => n.status === s);
          return (
            <Col key={s} xs={24} md={12} xl={6}>
              <Card
                size="small"
                title={
                  <Flex justify="space-between">
                    <span>{t(`vol.needStatus.${s}`)}</span>
                    <Tag color={NEED_COLORS[s]} data-testid={`board-count-${s}`}>
                      {q.data?.counts[s] ?? list.length}
                    </Tag>
                  </Flex>
                }
                styles={{ body: { background: '#f5f7fa', padding: 8, minHeight: 120 } }}
                data-testid={`board-col-${s}`}
              >
                <Flex vertical gap={8}>
                  {list.map((n) => (
                    <BoardItem key={n.id} n={n} />
                  ))}
                  {!list.length ? (
                    <Typography.Text type="secondary" style={{ textAlign: 'center', padding: 16 }}>
                      {t('vol.board.empty')}
                    </Typography.Text>
                  ) : null}
                </Flex>
              </Card>
            </Col>
          );
        })}
      </Row>
      <OnBehalfDrawer open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
