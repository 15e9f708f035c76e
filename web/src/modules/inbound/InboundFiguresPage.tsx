import { useMemo } from 'react';
import { Button, Card, DatePicker, Flex, Radio, Table, Typography } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { FigureRow } from '@jiayuan/contracts';
import { apiUrl } from '../../platform/api/client';
import { useI18n } from '../../platform/i18n/i18n';
import { todayLocal } from '../../platform/time';
import { BarChart, RankingChart, TrendChart, daysOf } from '../../platform/ui/charts/Chart';
import { useFiguresRange } from '../../platform/ui/charts/figures-range';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { inboundApi } from './inbound.api';

type By = 'day' | 'employer' | 'community';
type Outcome = 'approved' | 'rejected' | undefined;
const BYS: readonly By[] = ['day', 'employer', 'community'];

/**
 * The loop's figures per day, employer or community, computed by the server from the requests:
 * a chart (trend by day, communities side by side, employers ranked) and the table, every number
 * leading to the requests it counts; the same figures as Excel.
 */
export default function InboundFiguresPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { range, setRange, picker } = useFiguresRange(() => [todayLocal().subtract(6, 'day').format('YYYY-MM-DD'), todayLocal().format('YYYY-MM-DD')]);
  const [from, to] = range;
  const by: By = BYS.includes(params.get('by') as By) ? (params.get('by') as By) : 'day';
  const setBy = (b: By) => {
    const p = new URLSearchParams(params);
    p.set('by', b);
    setParams(p, { replace: true });
  };
  const q = useQuery({ queryKey: ['inbound', 'figures', from, to, by], queryFn: () => inboundApi.figures(from, to, by) });
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  const mins = (v: number | null) => (v === null ? '—' : t('inbound.figures.minutes', { n: v }));

  /** The requests a number counts: the row's day, employer or community, the period, and the outcome. */
  const listOf = (key: string, outcome: Outcome): string | null => {
    if (key === '-') return null; // not routed yet / no employer: no filter names them
    const f: Record<string, string> = { queue: 'all', submittedFrom: by === 'day' ? key : from, submittedTo: by === 'day' ? key : to };
    if (by === 'community') f.communityId = key;
    if (by === 'employer') f.employerId = key;
    // The community's or employer's name, for the list to say what it shows.
    const label = q.data?.rows.find((r) => r.key === key)?.label;
    if (by !== 'day' && label) f.label = label;
    if (outcome) f.outcome = outcome;
    return `/inbound?${new URLSearchParams(f).toString()}`;
  };
  const num = (outcome: Outcome, field: 'submitted' | 'approved' | 'rejected') => (v: number, r: FigureRow) => {
    const link = v > 0 ? listOf(r.key, outcome) : null;
    return link ? (
      <Link to={link} data-testid={`drill-${field}-${r.key}`}>
        {v}
      </Link>
    ) : (
      v
    );
  };
  const go = (key: string | undefined, outcome: Outcome) => {
    const link = key ? listOf(key, outcome) : null;
    if (link) void navigate(link);
  };

  const rows = q.data?.rows ?? [];
  const chart = useMemo(() => {
    if (!q.data) return null;
    const series = (pickRow: (key: string) => FigureRow | undefined, keys: string[]) => [
      { name: t('inbound.figures.submitted'), data: keys.map((k) => pickRow(k)?.submitted ?? 0) },
      { name: t('inbound.figures.approved'), data: keys.map((k) => pickRow(k)?.approved ?? 0), color: '#1a7f37' },
      { name: t('inbound.figures.rejected'), data: keys.map((k) => pickRow(k)?.rejected ?? 0), color: '#cf1322' },
    ];
    const outcomeOf = (s: number): Outcome => (s === 1 ? 'approved' : s === 2 ? 'rejected' : undefined);
    if (by === 'day') {
      const days = daysOf(from, to);
      const byKey = new Map(q.data.rows.map((r) => [r.key, r]));
      return (
        <TrendChart
          testId="figures-chart"
          label={`${t('inbound.figures.title')} · ${t('charts.trend')}`}
          categories={days}
          series={series((k) => byKey.get(k), days)}
          onPick={(i, s) => go(days[i], outcomeOf(s))}
        />
      );
    }
    const named = q.data.rows.filter((r) => r.key !== '-');
    if (by === 'community') {
      return (
        <BarChart
          testId="figures-chart"
          label={`${t('inbound.figures.title')} · ${t('charts.breakdown')}`}
          categories={named.map((r) => r.label)}
          series={series(
            (k) => named.find((r) => r.key === k),
            named.map((r) => r.key),
          )}
          onPick={(i, s) => go(named[i]?.key, outcomeOf(s))}
        />
      );
    }
    return (
      <RankingChart
        testId="figures-chart"
        label={`${t('inbound.figures.submitted')} · ${t('charts.ranking')}`}
        items={named.map((r) => ({ label: r.label, value: r.submitted }))}
        onPick={(i) => go(named[i]?.key, undefined)}
      />
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- go and listOf follow by/from/to, already listed
  }, [q.data, by, from, to, t]);

  return (
    <>
      <PageHeader
        title={t('inbound.figures.title')}
        subtitle={<span data-testid="figures-subtitle">{`${t('inbound.figures.subtitle')} · ${t('charts.range', { from, to })}`}</span>}
        extra={
          <Button icon={<DownloadOutlined />} href={apiUrl('/inbound/figures.xlsx', { from, to, by })} data-testid="figures-export">
            {t('charts.export')}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <DatePicker.RangePicker
            value={picker}
            allowClear={false}
            onChange={(v) => v && v[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
            data-testid="figures-range"
          />
          <Radio.Group
            optionType="button"
            value={by}
            onChange={(e) => setBy(e.target.value as By)}
            options={BYS.map((k) => ({ value: k, label: t(`inbound.figures.by.${k}`) }))}
          />
        </Flex>
        {q.error ? <QueryError error={q.error} /> : chart}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('charts.drillHint')}
        </Typography.Text>
      </Card>
      <Card>
        <DataTable<FigureRow>
          rowKey="key"
          size="small"
          loading={q.isFetching}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="figures-table"
          columns={[
            { title: t(`inbound.figures.by.${by}`), dataIndex: 'label', fixed: 'left' },
            { title: t('inbound.figures.submitted'), dataIndex: 'submitted', align: 'right', render: num(undefined, 'submitted') },
            { title: t('inbound.figures.approved'), dataIndex: 'approved', align: 'right', render: num('approved', 'approved') },
            { title: t('inbound.figures.rejected'), dataIndex: 'rejected', align: 'right', render: num('rejected', 'rejected') },
            { title: t('inbound.figures.median'), dataIndex: 'medianMinutes', align: 'right', render: mins },
            { title: t('inbound.figures.p90'), dataIndex: 'p90Minutes', align: 'right', render: mins },
            { title: t('inbound.figures.withinHour'), dataIndex: 'withinHourShare', align: 'right', render: pct },
          ]}
          summary={() =>
            q.data ? (
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                <Table.Summary.Cell index={0}>{t('inbound.figures.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {q.data.total.submitted}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {q.data.total.approved}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {q.data.total.rejected}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {mins(q.data.total.medianMinutes)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {mins(q.data.total.p90Minutes)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {pct(q.data.total.withinHourShare)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </>
  );
}
