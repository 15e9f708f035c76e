import { useMemo, useState } from 'react';
import { Badge, Button, Card, Flex, Input, Tabs, Tag, Typography } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { FilterOutlined } from '@ant-design/icons';
import { PlusOutlined, ScanOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { InboundRequestView, Permission } from '@jiayuan/contracts';
import { useMe } from '../../platform/auth/me';
import { useI18n } from '../../platform/i18n/i18n';
import { useLiveTopic } from '../../platform/live/live';
import { fmtDateTime } from '../../platform/time';
import { useDebounced, useNow } from '../../platform/ui/hooks';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { RelativeDue } from '../../platform/ui/RelativeDue';
import { DRILL_KEYS, STATUS_COLORS, inboundApi, inboundKeys, type DrillFilter } from './inbound.api';

const QUEUES: { key: string; permission?: Permission }[] = [
  { key: 'route', permission: 'inbound.route' },
  { key: 'review', permission: 'inbound.review' },
  { key: 'notify', permission: 'inbound.submit' },
  { key: 'arrival', permission: 'inbound.checkin' },
  { key: 'mine', permission: 'inbound.submit' },
  { key: 'all' },
  { key: 'closed' },
];

/** Every party's queue of return requests, soonest due first, with live clocks and live updates. */
export default function InboundQueuePage() {
  const { t, lang } = useI18n();
  const { can } = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const now = useNow(15000);
  const [params, setParams] = useSearchParams();
  const queues = QUEUES.filter((q) => !q.permission || can(q.permission));
  const queue = params.get('queue') ?? queues[0]!.key;
  const [page, setPage] = useState(1);
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  // Arriving from a figure: the requests it counts (kept until a tab is chosen or the filter closed).
  const drill: DrillFilter = Object.fromEntries(DRILL_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])));
  const drilled = Object.keys(drill).length > 0;
  const list = useQuery({
    queryKey: inboundKeys.list(queue, page, q, drill),
    queryFn: () => inboundApi.list(queue, page, q, drill),
    placeholderData: keepPreviousData,
    refetchInterval: 60000,
  });
  useLiveTopic('inbound', 'inbound.changed', () => void qc.invalidateQueries({ queryKey: inboundKeys.all }));
  const counts = list.data?.counts ?? {};
  const columns = useMemo(
    () => [
      {
        title: t('inbound.col.reference'),
        dataIndex: 'reference',
        width: 110,
        render: (v: string, r: InboundRequestView) => (
          <Link to={`/inbound/requests/${r.id}`} data-testid={`inbound-open-${r.id}`}>
            {v}
          </Link>
        ),
      },
      {
        title: t('inbound.col.person'),
        render: (_: unknown, r: InboundRequestView) => (
          <>
            <Typography.Text strong>{r.name}</Typography.Text>
            {r.hasSymptoms ? (
              <Tag color="red" style={{ marginInlineStart: 6 }}>
                {t('inbound.healthFlag')}
              </Tag>
            ) : null}
            <div>
              <Typography.Text type="secondary">{r.employerName ?? t(`inbound.source.${r.source}`)}</Typography.Text>
            </div>
          </>
        ),
      },
      {
        title: t('inbound.col.from'),
        render: (_: unknown, r: InboundRequestView) => (
          <>
            {r.fromCity} <Tag color={r.fromRisk === 'high' ? 'red' : r.fromRisk === 'medium' ? 'orange' : 'green'}>{t(`inbound.risk.${r.fromRisk}`)}</Tag>
          </>
        ),
      },
      { title: t('inbound.col.arrival'), dataIndex: 'plannedArrival', width: 110 },
      { title: t('inbound.col.community'), render: (_: unknown, r: InboundRequestView) => r.communityName ?? '—' },
      {
        title: t('inbound.col.status'),
        dataIndex: 'status',
        width: 110,
        render: (v: string) => (
          <Tag color={STATUS_COLORS[v]} data-testid="inbound-status">
            {t(`inbound.status.${v}`)}
          </Tag>
        ),
      },
      {
        title: t('inbound.col.clock'),
        width: 180,
        render: (_: unknown, r: InboundRequestView) =>
          r.dueAt ? (
            <span title={fmtDateTime(r.dueAt)}>
              <Typography.Text type="secondary">{t(`inbound.waiting.${r.waitingFor}`)} · </Typography.Text>
              <RelativeDue dueAt={r.dueAt} now={now} />
            </span>
          ) : (
            '—'
          ),
      },
    ],
    [t, now],
  );
  void lang;
  return (
    <>
      <PageHeader
        title={t('inbound.title')}
        subtitle={t('inbound.subtitle')}
        extra={
          <>
            {can('inbound.checkin') ? (
              <Button icon={<ScanOutlined />} onClick={() => navigate('/inbound/scan')} data-testid="inbound-scan">
                {t('inbound.scan.title')}
              </Button>
            ) : null}
            {can('inbound.submit') ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/inbound/new')} data-testid="inbound-new">
                {t('inbound.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card>
        {/* The search beside the tabs, not in their bar: a tablist holds tabs only. */}
        <Flex gap={12} wrap align="center" justify="space-between">
          <Tabs
            className="jy-tabs-wrap"
            style={{ flex: '1 1 320px', minWidth: 0 }}
            activeKey={queue}
            onChange={(k) => {
              setParams({ queue: k });
              setPage(1);
            }}
            items={queues.map((x) => ({
              key: x.key,
              label: (
                <span data-testid={`inbound-tab-${x.key}`}>
                  {t(`inbound.queue.${x.key}`)}{' '}
                  <Badge
                    count={counts[x.key] ?? 0}
                    showZero={false}
                    overflowCount={999}
                    color={x.key === 'closed' || x.key === 'all' ? '#bfbfbf' : undefined}
                  />
                </span>
              ),
            }))}
          />
          <Input.Search
            allowClear
            placeholder={t('inbound.searchName')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            style={{ width: 200, marginBottom: 16 }}
          />
        </Flex>
        {drilled ? (
          <Tag
            icon={<FilterOutlined />}
            closable
            onClose={() => setParams({ queue })}
            color="blue"
            style={{ marginBottom: 12, whiteSpace: 'normal' }}
            data-testid="inbound-drill"
          >
            {[
              drill.submittedFrom && drill.submittedTo ? t('inbound.drill.days', { from: drill.submittedFrom, to: drill.submittedTo }) : null,
              drill.communityId ? t('inbound.drill.community', { name: params.get('label') ?? `#${drill.communityId}` }) : null,
              drill.employerId ? t('inbound.drill.employer', { name: params.get('label') ?? `#${drill.employerId}` }) : null,
              drill.outcome ? t(`inbound.drill.${drill.outcome as 'approved' | 'rejected'}`) : null,
              t('inbound.drill.count', { n: list.data?.total ?? 0 }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Tag>
        ) : null}
        {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <DataTable<InboundRequestView>
          rowKey="id"
          data-testid="inbound-table"
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          columns={columns}
          rowClassName={(r) => (r.dueAt && new Date(r.dueAt).getTime() < now ? 'jy-row-overdue' : '')}
          locale={{ emptyText: t('inbound.empty') }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          onRow={(r) => ({ onDoubleClick: () => navigate(`/inbound/requests/${r.id}`) })}
        />
      </Card>
    </>
  );
}
