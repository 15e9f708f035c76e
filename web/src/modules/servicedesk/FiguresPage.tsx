import { useMemo } from 'react';
import { Button, Card, Col, DatePicker, Empty, Flex, List, Progress, Row, Segmented, Statistic, Tag, Typography } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { FiguresView } from '@jiayuan/contracts';
import { api, apiUrl } from '../../platform/api/client';
import { useI18n } from '../../platform/i18n/i18n';
import { dayjs } from '../../platform/time';
import { BarChart, RankingChart, TrendChart, daysOf } from '../../platform/ui/charts/Chart';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { pct, SD, useServicedeskLive } from './servicedesk.api';

type GroupBy = 'day' | 'month' | 'team' | 'category' | 'community';
const GROUPS: readonly GroupBy[] = ['day', 'month', 'team', 'category', 'community'];
type Row = FiguresView['rows'][number];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The last day of a month 'YYYY-MM'. */
const monthEnd = (m: string) => dayjs(`${m}-01`).endOf('month').format('YYYY-MM-DD');

/**
 * On-time rates per stage, first-visit fixes, satisfaction, backlog and repeated buildings: orders
 * by day or month as a trend, by team, category or community side by side and ranked by on-time
 * resolution; every count leads to its orders, and the page exports as Excel. The period is the
 * one the server computed (the last twelve months unless one is chosen): picker and subtitle show it.
 */
export default function FiguresPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const groupBy: GroupBy = GROUPS.includes(params.get('groupBy') as GroupBy) ? (params.get('groupBy') as GroupBy) : 'month';
  const kind = params.get('kind') === 'repair' || params.get('kind') === 'complaint' ? params.get('kind')! : '';
  const asked = DAY.test(params.get('from') ?? '') && DAY.test(params.get('to') ?? '') ? ([params.get('from')!, params.get('to')!] as const) : null;
  const set = (changes: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };
  const q = useQuery({
    queryKey: ['sd', 'figures', groupBy, kind, asked?.[0], asked?.[1]],
    queryFn: () => api.get<FiguresView>(`${SD}/figures`, { groupBy, kind: kind || undefined, from: asked?.[0], to: asked?.[1] }),
    placeholderData: keepPreviousData,
  });
  useServicedeskLive([['sd', 'figures']]);
  const f = q.data;
  // One range: the server's answer (what it counted); the picker shows it, the subtitle and the export too.
  const range = f ? ([f.from, f.to] as const) : asked;

  /** The orders a count stands for: the row's group, the period, the kind, and all counted or only open. */
  const ordersOf = (r: Pick<Row, 'key'> & { label?: string }, state: 'counted' | 'open'): string | null => {
    if (!f || r.key === '') return null;
    const p: Record<string, string> = { status: state, receivedFrom: f.from, receivedTo: f.to };
    if (kind) p.kind = kind;
    if (groupBy === 'day') Object.assign(p, { receivedFrom: r.key, receivedTo: r.key });
    if (groupBy === 'month')
      Object.assign(p, { receivedFrom: `${r.key}-01` > f.from ? `${r.key}-01` : f.from, receivedTo: monthEnd(r.key) < f.to ? monthEnd(r.key) : f.to });
    if (groupBy === 'team') p.teamId = r.key;
    if (groupBy === 'category') p.categoryId = r.key;
    if (groupBy === 'community') p.placeId = r.key;
    // The group's name, for the list to say what it shows.
    if (r.label && groupBy !== 'day' && groupBy !== 'month') p.label = r.label;
    return `/servicedesk/orders?${new URLSearchParams(p).toString()}`;
  };
  const go = (r: (Pick<Row, 'key'> & { label?: string }) | undefined, state: 'counted' | 'open') => {
    const link = r ? ordersOf(r, state) : null;
    if (link) void navigate(link);
  };
  const count = (state: 'counted' | 'open', field: string) => (v: number, r: Row) => {
    const link = v > 0 ? ordersOf(r, state) : null;
    return link ? (
      <Link to={link} data-testid={`drill-${field}-${r.key}`}>
        {v}
      </Link>
    ) : (
      v
    );
  };

  const chart = useMemo(() => {
    if (!f) return null;
    const two = (rows: (Row | undefined)[]) => [
      { name: t('sd.figures.orders'), data: rows.map((r) => r?.orders ?? 0) },
      { name: t('sd.figures.open'), data: rows.map((r) => r?.open ?? 0), color: '#d48806' },
    ];
    const stateOf = (s: number) => (s === 1 ? 'open' : 'counted') as 'counted' | 'open';
    if (groupBy === 'day' || groupBy === 'month') {
      const byKey = new Map(f.rows.map((r) => [r.key, r]));
      const keys = groupBy === 'day' ? daysOf(f.from, f.to) : [...new Set(daysOf(f.from, f.to).map((d) => d.slice(0, 7)))];
      return (
        <TrendChart
          testId="figures-chart"
          label={`${t('sd.figures.title')} · ${t('charts.trend')}`}
          categories={keys}
          series={two(keys.map((k) => byKey.get(k)))}
          onPick={(i, s) => go({ key: keys[i]! }, stateOf(s))}
        />
      );
    }
    const named = f.rows.filter((r) => r.key !== '');
    return (
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Typography.Text strong>{t('charts.breakdown')}</Typography.Text>
          <BarChart
            testId="figures-chart"
            label={`${t('sd.figures.title')} · ${t('charts.breakdown')}`}
            categories={named.map((r) => r.label)}
            series={two(named)}
            onPick={(i, s) => go(named[i], stateOf(s))}
          />
        </Col>
        <Col xs={24} lg={10}>
          <Typography.Text strong>{`${t('sd.figures.resolveOnTime')} · ${t('charts.ranking')}`}</Typography.Text>
          <RankingChart
            testId="figures-ranking"
            label={`${t('sd.figures.resolveOnTime')} · ${t('charts.ranking')}`}
            unit="%"
            color="#1a7f37"
            items={named.map((r) => ({ label: r.label, value: r.resolveOnTime === null ? null : Math.round(r.resolveOnTime * 1000) / 10 }))}
            onPick={(i) => go(named[i], 'counted')}
          />
        </Col>
      </Row>
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- go and ordersOf follow f, groupBy and kind, already listed
  }, [f, groupBy, kind, t]);

  const tile = (key: string, value: number | null, suffix?: string) => (
    <Card size="small" data-testid={`figure-${key}`}>
      <Statistic title={t(`sd.figures.${key}`)} value={value == null ? '—' : suffix ? value : pct(value)} suffix={value != null ? suffix : undefined} />
    </Card>
  );
  const maxBacklog = Math.max(1, ...(f?.backlogByAge.map((b) => b.count) ?? [1]));
  return (
    <>
      <PageHeader
        title={t('sd.figures.title')}
        subtitle={
          <span data-testid="figures-subtitle">
            {range ? `${t('sd.figures.subtitle')} · ${t('charts.range', { from: range[0], to: range[1] })}` : t('sd.figures.subtitle')}
          </span>
        }
        extra={
          <Flex gap={8} wrap>
            <DatePicker.RangePicker
              data-testid="figures-range"
              allowClear={false}
              onChange={(v) => v && v[0] && v[1] && set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
              value={range ? [dayjs(range[0]), dayjs(range[1])] : null}
            />
            <Segmented
              value={kind}
              onChange={(v) => set({ kind: String(v) || null })}
              options={[{ value: '', label: t('sd.list.all') }, ...(['repair', 'complaint'] as const).map((k) => ({ value: k, label: t(`sd.kind.${k}`) }))]}
            />
            <Button
              icon={<DownloadOutlined />}
              href={apiUrl(`${SD}/figures.xlsx`, { groupBy, kind: kind || undefined, from: range?.[0], to: range?.[1] })}
              data-testid="figures-export"
            >
              {t('charts.export')}
            </Button>
          </Flex>
        }
      />
      {q.error ? <QueryError error={q.error} /> : null}
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6} xl={3}>
          {tile('orders', f?.totals.orders ?? null, ' ')}
        </Col>
        <Col xs={12} md={6} xl={3}>
          {tile('acceptOnTime', f?.totals.acceptOnTime ?? null)}
        </Col>
        <Col xs={12} md={6} xl={3}>
          {tile('arriveOnTime', f?.totals.arriveOnTime ?? null)}
        </Col>
        <Col xs={12} md={6} xl={3}>
          {tile('resolveOnTime', f?.totals.resolveOnTime ?? null)}
        </Col>
        <Col xs={12} md={6} xl={3}>
          {tile('firstVisitFix', f?.totals.firstVisitFix ?? null)}
        </Col>
        <Col xs={12} md={6} xl={3}>
          {tile('satisfaction', f?.totals.satisfaction ?? null, '/ 5')}
        </Col>
        <Col xs={12} md={6} xl={3}>
          {tile('rated', f?.totals.rated ?? null, ' ')}
        </Col>
        <Col xs={12} md={6} xl={3}>
          {tile('open', f?.totals.open ?? null, ' ')}
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card
            title={
              <Segmented
                value={groupBy}
                onChange={(v) => set({ groupBy: String(v) })}
                options={GROUPS.map((g) => ({ value: g, label: t(`sd.figures.by.${g}`) }))}
                data-testid="figures-groupby"
              />
            }
            style={{ marginBottom: 16 }}
            styles={{ header: { overflowX: 'auto' } }}
          >
            {chart}
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('charts.drillHint')}
            </Typography.Paragraph>
            <DataTable<Row>
              rowKey="key"
              size="small"
              pagination={false}
              loading={q.isFetching && !f}
              dataSource={f?.rows ?? []}
              scroll={{ x: 'max-content' }}
              data-testid="figures-table"
              columns={[
                { title: t(`sd.figures.by.${groupBy}`), dataIndex: 'label', fixed: 'left' },
                { title: t('sd.figures.orders'), dataIndex: 'orders', align: 'right', render: count('counted', 'orders') },
                ...(['acceptOnTime', 'arriveOnTime', 'resolveOnTime', 'firstVisitFix'] as const).map((k) => ({
                  title: t(`sd.figures.${k}`),
                  dataIndex: k,
                  align: 'right' as const,
                  render: (v: number | null) => pct(v),
                })),
                {
                  title: t('sd.figures.satisfaction'),
                  dataIndex: 'satisfaction',
                  align: 'right',
                  render: (v: number | null) => (v == null ? '—' : v.toFixed(2)),
                },
                { title: t('sd.figures.open'), dataIndex: 'open', align: 'right', render: count('open', 'open') },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('sd.figures.backlog')} style={{ marginBottom: 16 }} data-testid="figures-backlog">
            {(f?.backlogByAge ?? []).map((b) => (
              <Flex key={b.bucket} align="center" gap={8}>
                <span style={{ width: 72 }}>{t(`sd.figures.bucket.${b.bucket}`)}</span>
                <Progress
                  percent={(b.count / maxBacklog) * 100}
                  showInfo={false}
                  aria-label={t(`sd.figures.bucket.${b.bucket}`)}
                  strokeColor={b.bucket === 'gt7d' ? '#cf1322' : b.bucket === '3to7d' ? '#d48806' : '#1668dc'}
                  style={{ flex: 1, margin: 0 }}
                />
                <span style={{ width: 40, textAlign: 'right' }}>{b.count}</span>
              </Flex>
            ))}
          </Card>
          <Card title={t('sd.figures.repeated')} data-testid="figures-repeated">
            {f?.repeatedBuildings.length ? (
              <List
                size="small"
                dataSource={f.repeatedBuildings}
                renderItem={(b) => (
                  <List.Item
                    extra={
                      <Link
                        to={`/servicedesk/orders?${new URLSearchParams({ status: 'counted', kind: 'repair', placeId: String(b.buildingId), receivedFrom: f.repeatedFrom, receivedTo: f.to, label: b.label }).toString()}`}
                      >
                        <Tag color="volcano">{t('sd.figures.buildingOrders', { count: b.orders })}</Tag>
                      </Link>
                    }
                  >
                    <Flex vertical>
                      <Typography.Text>{b.label}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {b.categories.join('、')}
                      </Typography.Text>
                    </Flex>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
