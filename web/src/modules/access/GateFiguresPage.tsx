import { useMemo, useState } from 'react';
import { Button, Card, Col, DatePicker, Flex, Row, Select, Tag, Typography } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { DownloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import type { GateEventKind } from '@jiayuan/contracts';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { apiUrl } from '../../platform/api/client';
import { useI18n } from '../../platform/i18n/i18n';
import { todayLocal } from '../../platform/time';
import { BarChart, TrendChart, daysOf } from '../../platform/ui/charts/Chart';
import { useFiguresRange } from '../../platform/ui/charts/figures-range';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { accessApi, type GateFigureRowView } from './access.api';

/**
 * Figures per gate and day: entries, exits, refusals by reason, vehicles, visitors, fevers. A trend
 * over the days and the gates side by side (a click on a gate's bars narrows the page to that gate);
 * the same rows as Excel.
 */
export default function GateFiguresPage() {
  const { t } = useI18n();
  const { range, setRange, picker } = useFiguresRange(() => [todayLocal().subtract(6, 'day').format('YYYY-MM-DD'), todayLocal().format('YYYY-MM-DD')]);
  const [gateId, setGateId] = useState<number | undefined>();
  const gates = useQuery({ queryKey: ['access', 'gates'], queryFn: accessApi.gates });
  const q = useQuery({ queryKey: ['access', 'figures', range, gateId], queryFn: () => accessApi.figures({ from: range[0], to: range[1], gateId }) });
  /** The events a number counts: the same range, that row's gate and day, that column (or refusal reason). */
  const eventsLink = (r: GateFigureRowView | null, which: Record<string, string>) =>
    `/access/events?${new URLSearchParams({ from: range[0], to: range[1], ...(r ? { gateId: String(r.gateId), day: r.day } : gateId ? { gateId: String(gateId) } : {}), ...which }).toString()}`;
  const num = (k: GateEventKind, tone?: string) => ({
    title: t(`access.figures.${k}`),
    dataIndex: k,
    align: 'right' as const,
    render: (n: number, r: GateFigureRowView) => {
      const shown = <span style={{ fontWeight: 600, color: tone && n > 0 ? tone : undefined }}>{n}</span>;
      return n > 0 ? (
        <Link to={eventsLink(r, { kind: k })} data-testid={`drill-${k}-${r.gateId}-${r.day}`}>
          {shown}
        </Link>
      ) : (
        shown
      );
    },
  });
  const charts = useMemo(() => {
    const items = q.data?.items;
    if (!items) return null;
    const days = daysOf(range[0], range[1]);
    const perDay = (k: 'entries' | 'exits' | 'refused' | 'fevers') => days.map((d) => items.filter((r) => r.day === d).reduce((n, r) => n + r[k], 0));
    const gateIds = [...new Set(items.map((r) => r.gateId))];
    const perGate = (k: 'entries' | 'exits' | 'refused') => gateIds.map((g) => items.filter((r) => r.gateId === g).reduce((n, r) => n + r[k], 0));
    const names = gateIds.map((g) => items.find((r) => r.gateId === g)?.gateName ?? String(g));
    const series = [
      { name: t('access.figures.entries') },
      { name: t('access.figures.exits'), color: '#1a7f37' },
      { name: t('access.figures.refused'), color: '#cf1322' },
    ];
    return (
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={gateId || gateIds.length === 0 ? 24 : 14}>
          <Typography.Text strong>{t('charts.trend')}</Typography.Text>
          <TrendChart
            testId="figures-chart"
            label={`${t('access.figures.title')} · ${t('charts.trend')}`}
            categories={days}
            series={[
              { ...series[0]!, data: perDay('entries') },
              { ...series[1]!, data: perDay('exits') },
              { ...series[2]!, data: perDay('refused') },
              { name: t('access.figures.fevers'), data: perDay('fevers'), color: '#d48806' },
            ]}
          />
        </Col>
        {gateId || gateIds.length === 0 ? null : (
          <Col xs={24} lg={10}>
            <Typography.Text strong>{t('charts.breakdown')}</Typography.Text>
            <BarChart
              testId="figures-gates"
              label={`${t('access.figures.title')} · ${t('charts.breakdown')}`}
              categories={names}
              series={[
                { ...series[0]!, data: perGate('entries') },
                { ...series[1]!, data: perGate('exits') },
                { ...series[2]!, data: perGate('refused') },
              ]}
              onPick={(i) => setGateId(gateIds[i])}
            />
          </Col>
        )}
      </Row>
    );
  }, [q.data, range, gateId, t]);
  return (
    <>
      <PageHeader
        title={t('access.figures.title')}
        subtitle={<span data-testid="figures-subtitle">{`${t('access.figures.subtitle')} · ${t('charts.range', { from: range[0], to: range[1] })}`}</span>}
        extra={
          <>
            <Link to={eventsLink(null, {})} data-testid="figures-events">
              <Button icon={<UnorderedListOutlined />}>{t('access.events.open')}</Button>
            </Link>
            <Button icon={<DownloadOutlined />} href={apiUrl('/access/figures.xlsx', { from: range[0], to: range[1], gateId })} data-testid="figures-export">
              {t('charts.export')}
            </Button>
          </>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <DatePicker.RangePicker
            value={picker}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
            allowClear={false}
            data-testid="figures-range"
          />
          <Select
            allowClear
            style={{ minWidth: 0, flex: '1 1 200px', maxWidth: 360 }}
            placeholder={t('access.figures.allGates')}
            aria-label={t('access.figures.allGates')}
            value={gateId}
            onChange={setGateId}
            options={(gates.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.name} · ${g.placeLabel}` }))}
          />
        </Flex>
        {q.error ? (
          <QueryError error={q.error} />
        ) : (
          <>
            {charts}
            <DataTable<GateFigureRowView>
              rowKey={(r) => `${r.gateId}-${r.day}`}
              loading={q.isPending}
              dataSource={q.data?.items ?? []}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('access.figures.empty') }}
              data-testid="gate-figures"
              columns={[
                { title: t('access.figures.day'), dataIndex: 'day' },
                { title: t('access.figures.gate'), dataIndex: 'gateName' },
                num('entries'),
                num('exits'),
                num('refused', '#c4161c'),
                {
                  title: t('access.figures.reasons'),
                  dataIndex: 'refusals',
                  render: (r: Record<string, number>, row: GateFigureRowView) =>
                    Object.entries(r).map(([k, n]) => (
                      <Link key={k} to={eventsLink(row, { reason: k })}>
                        <Tag color="red">{`${t(`access.reason.${k}`)} ${n}`}</Tag>
                      </Link>
                    )),
                },
                num('vehicles'),
                num('visitors'),
                num('fevers', '#c4161c'),
              ]}
            />
          </>
        )}
      </Card>
    </>
  );
}
