import { useState } from 'react';
import { Card, Flex, Input, Segmented, Switch, Tag, Typography } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { FilterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import type { OrderSummary } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { useDebounced, useNow } from '../../platform/ui/hooks';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { RelativeDue } from '../../platform/ui/RelativeDue';
import { StatusTag } from './OrderBits';
import { SD, useServicedeskLive } from './servicedesk.api';

type Status = 'open' | 'closed' | 'all' | 'counted';
const STATUSES: readonly Status[] = ['open', 'closed', 'all', 'counted'];
/** What a figure's drill-down adds to the address: the group it counted and the days received. */
const DRILL_KEYS = ['teamId', 'categoryId', 'placeId', 'receivedFrom', 'receivedTo'] as const;

/** Every order in my scope, filtered (a figure's drill-down comes in the address); the owner shown on each row. */
export default function OrdersPage() {
  const { t, pick } = useI18n();
  const now = useNow(30000);
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<Status>(() => (STATUSES.includes(params.get('status') as Status) ? (params.get('status') as Status) : 'open'));
  const [kind, setKind] = useState<string>(() => params.get('kind') ?? '');
  const drill = Object.fromEntries(DRILL_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))) as Partial<
    Record<(typeof DRILL_KEYS)[number], string>
  >;
  const drilled = Object.keys(drill).length > 0;
  const [overdue, setOverdue] = useState(false);
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['sd', 'orders', status, kind, overdue, q, page, drill],
    queryFn: () =>
      api.get<{ items: OrderSummary[]; total: number }>(`${SD}/orders`, {
        status,
        kind: kind || undefined,
        overdue: overdue || undefined,
        q: q || undefined,
        page,
        pageSize: 20,
        ...drill,
      }),
    placeholderData: keepPreviousData,
  });
  useServicedeskLive([['sd', 'orders']]);
  return (
    <>
      <PageHeader title={t('sd.list.title')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 12 }} align="center">
          <Segmented
            value={status}
            onChange={(v) => {
              setStatus(v as Status);
              setPage(1);
            }}
            options={(status === 'counted' ? STATUSES : STATUSES.filter((s) => s !== 'counted')).map((s) => ({ value: s, label: t(`sd.list.${s}`) }))}
          />
          <Segmented
            value={kind}
            onChange={(v) => {
              setKind(String(v));
              setPage(1);
            }}
            options={[
              { value: '', label: t('sd.list.all') },
              ...(['repair', 'complaint', 'enquiry'] as const).map((k) => ({ value: k, label: t(`sd.kind.${k}`) })),
            ]}
          />
          <span>
            <Switch size="small" checked={overdue} onChange={setOverdue} aria-label={t('sd.list.onlyOverdue')} /> {t('sd.list.onlyOverdue')}
          </span>
          <Input.Search
            allowClear
            placeholder={t('sd.list.search')}
            style={{ width: 240 }}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
            data-testid="orders-search"
          />
        </Flex>
        {drilled ? (
          <Tag
            icon={<FilterOutlined />}
            closable
            onClose={() => {
              setParams({});
              setPage(1);
            }}
            color="blue"
            style={{ marginBottom: 12, whiteSpace: 'normal' }}
            data-testid="orders-drill"
          >
            {t('sd.list.drill', {
              what: [
                drill.receivedFrom && drill.receivedTo ? t('sd.list.drillDays', { from: drill.receivedFrom, to: drill.receivedTo }) : null,
                params.get('label'),
                t('sd.list.drillCount', { n: list.data?.total ?? 0 }),
              ]
                .filter(Boolean)
                .join(' · '),
            })}
          </Tag>
        ) : null}
        {list.error ? <QueryError error={list.error} /> : null}
        <DataTable<OrderSummary>
          rowKey="id"
          size="middle"
          data-testid="orders-table"
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          rowClassName={(r) => (r.overdue ? 'jy-row-overdue' : '')}
          columns={[
            { title: t('sd.col.id'), render: (_, r) => <Link to={`/servicedesk/orders/${r.id}`}>#{r.id}</Link>, width: 90 },
            {
              title: t('sd.col.category'),
              render: (_, r) => (
                <>
                  {pick(r.categoryName)} <Tag style={{ fontSize: 11 }}>{t(`sd.kind.${r.kind}`)}</Tag>
                </>
              ),
            },
            {
              title: t('sd.col.place'),
              render: (_, r) => (
                <Typography.Text ellipsis style={{ maxWidth: 220 }}>
                  {r.placeLabel ?? r.address ?? '—'}
                </Typography.Text>
              ),
            },
            { title: t('sd.col.status'), render: (_, r) => <StatusTag status={r.status} />, width: 130 },
            { title: t('sd.col.owner'), render: (_, r) => r.owner?.name ?? '—', width: 110 },
            { title: t('sd.col.team'), render: (_, r) => (r.team ? `${r.team.name}${r.assignee ? ` · ${r.assignee.name}` : ''}` : '—') },
            { title: t('sd.col.received'), render: (_, r) => fmtDateTime(r.receivedAt), width: 150 },
            { title: t('sd.col.remaining'), render: (_, r) => (r.nextDueAt ? <RelativeDue dueAt={r.nextDueAt} now={now} /> : '—'), width: 150 },
          ]}
        />
      </Card>
    </>
  );
}
