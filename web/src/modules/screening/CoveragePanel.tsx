import { useEffect, useRef, useState } from 'react';
import { Breadcrumb, Flex, Progress, Segmented, Statistic, Table, Tag, Typography, Card, Row, Col } from 'antd';
import { DataTable } from '../../platform/ui/DataTable';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Campaign, Coverage, CoverageLevel, CoverageRow } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { useI18n } from '../../platform/i18n/i18n';
import { fmtDateTime } from '../../platform/time';
import { BarChart } from '../../platform/ui/charts/Chart';
import { QueryError } from '../../platform/ui/QueryError';

interface Step {
  level: CoverageLevel;
  placeId?: number;
  gridId?: number;
  label: string;
}

/**
 * Listens to the campaign's coverage events (`screening.coverage`, sent as visits are synced)
 * and refreshes the figures, at most every two seconds.
 */
function useLiveCoverage(campaignId: number) {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource('/api/events?topics=screening', { withCredentials: true });
    es.addEventListener('ready', () => setConnected(true));
    es.addEventListener('screening.coverage', (ev) => {
      let data: { campaignId?: number } = {};
      try {
        data = JSON.parse((ev as MessageEvent<string>).data) as { campaignId?: number };
      } catch {
        /* ignore */
      }
      if (data.campaignId !== campaignId || timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        void qc.invalidateQueries({ queryKey: ['screening', 'coverage', campaignId] });
        void qc.invalidateQueries({ queryKey: ['screening', 'findings', campaignId] });
      }, 2000);
    });
    es.onerror = () => setConnected(false);
    return () => {
      es.close();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [campaignId, qc]);
  return connected;
}

const pct = (r: { done: number; households: number }) => (r.households ? Math.round((r.done / r.households) * 1000) / 10 : 0);

/** Coverage with drill-down: communities → grids or buildings → households; live while open. */
export function CoveragePanel({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const [round, setRound] = useState(campaign.round);
  const [trail, setTrail] = useState<Step[]>([{ level: 'community', label: t('screening.coverage.all') }]);
  const step = trail[trail.length - 1]!;
  const live = useLiveCoverage(campaign.id);
  const q = useQuery({
    queryKey: ['screening', 'coverage', campaign.id, step.level, step.placeId, step.gridId, round],
    queryFn: () => api.get<Coverage>(`/screening/campaigns/${campaign.id}/coverage`, { level: step.level, placeId: step.placeId, gridId: step.gridId, round }),
  });
  const data = q.data;
  const drill = (r: CoverageRow) => {
    if (r.kind === 'community') setTrail([...trail, { level: 'building', placeId: r.id!, label: r.label }]);
    else if (r.kind === 'building') setTrail([...trail, { level: 'household', placeId: r.id!, label: r.label }]);
    else if (r.kind === 'grid' && r.id !== null) setTrail([...trail, { level: 'household', gridId: r.id, label: r.label }]);
  };
  const communityStep = trail.length === 2 && (step.level === 'building' || step.level === 'grid');
  const totals = data?.totals;
  return (
    <Flex vertical gap={12} data-testid="coverage-panel">
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('screening.coverage.done')} value={totals?.done ?? 0} suffix={`/ ${totals?.households ?? 0}`} />
            <Progress percent={totals ? pct(totals) : 0} size="small" aria-label={t('screening.coverage.pct')} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('screening.coverage.householdVisits')} value={totals?.householdVisits ?? 0} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="coverage-household-visits">
              {data ? t('screening.coverage.allRounds', { hv: data.allRounds.householdVisits, pv: data.allRounds.personVisits }) : ''}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('screening.coverage.personVisits')} value={totals?.personVisits ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('screening.coverage.findings')}
              value={totals?.findings ?? 0}
              styles={{ content: { color: totals?.findings ? '#cf1322' : undefined } }}
            />
          </Card>
        </Col>
      </Row>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Breadcrumb
          items={trail.map((s, i) => ({
            title:
              i < trail.length - 1 ? (
                <a onClick={() => setTrail(trail.slice(0, i + 1))} data-testid={`crumb-${i}`}>
                  {s.label}
                </a>
              ) : (
                s.label
              ),
          }))}
        />
        <Flex gap={8} align="center">
          {communityStep ? (
            <Segmented
              value={step.level}
              onChange={(v) => setTrail([...trail.slice(0, -1), { ...step, level: v as CoverageLevel }])}
              options={[
                { value: 'building', label: t('screening.coverage.byBuilding') },
                { value: 'grid', label: t('screening.coverage.byGrid') },
              ]}
            />
          ) : null}
          {campaign.round > 1 ? (
            <Segmented
              value={round}
              onChange={(v) => setRound(Number(v))}
              options={Array.from({ length: campaign.round }, (_, i) => ({ value: i + 1, label: t('screening.roundN', { n: i + 1 }) }))}
            />
          ) : null}
          <Tag color={live ? 'green' : 'default'} data-testid="coverage-live" data-live={live}>
            {t('screening.coverage.live')}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {data ? t('screening.coverage.updated', { time: fmtDateTime(data.computedAt) }) : ''}
          </Typography.Text>
        </Flex>
      </Flex>
      {q.error ? <QueryError error={q.error} /> : null}
      {data && step.level !== 'household' && data.rows.length > 1 ? (
        // Each community, grid or building side by side: households, done, findings; a click drills in as a row does.
        <BarChart
          testId="coverage-chart"
          label={`${t(`screening.coverage.level.${step.level}`)} · ${t('charts.breakdown')}`}
          categories={data.rows.map((r) => r.label || t('screening.coverage.noGrid'))}
          series={[
            { name: t('screening.coverage.households'), data: data.rows.map((r) => r.households), color: '#91caff' },
            { name: t('screening.coverage.done'), data: data.rows.map((r) => r.done), color: '#1a7f37' },
            { name: t('screening.coverage.findings'), data: data.rows.map((r) => r.findings), color: '#cf1322' },
          ]}
          onPick={(i) => data.rows[i] && drill(data.rows[i])}
        />
      ) : null}
      <DataTable<CoverageRow>
        rowKey="key"
        size="middle"
        data-testid="coverage-table"
        loading={q.isFetching && !data}
        dataSource={data?.rows ?? []}
        pagination={data && data.rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        onRow={(r) => ({ onClick: () => drill(r), style: { cursor: r.kind === 'household' ? 'default' : 'pointer' } })}
        summary={() =>
          totals && data && data.rows.length > 1 ? (
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              <Table.Summary.Cell index={0}>{t('screening.coverage.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {totals.households}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {totals.done}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3}>{pct(totals)}%</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {totals.nobodyHome}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {totals.refused}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {totals.revisit}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">
                {totals.householdVisits}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={8} align="right">
                {totals.personVisits}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={9} align="right">
                {totals.findings}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
        columns={[
          {
            title: t(`screening.coverage.level.${step.level}`),
            dataIndex: 'label',
            render: (v: string, r) => (
              <span data-testid={`coverage-row-${r.key}`}>
                {v || t('screening.coverage.noGrid')}
                {r.kind === 'household' ? (
                  <Tag style={{ marginInlineStart: 8 }} color={r.lastOutcome === 'visited' ? 'green' : r.lastOutcome ? 'orange' : 'default'}>
                    {t(`screening.outcome.${r.lastOutcome ?? 'none'}`)}
                  </Tag>
                ) : null}
              </span>
            ),
          },
          { title: t('screening.coverage.households'), dataIndex: 'households', align: 'right', width: 80 },
          {
            title: t('screening.coverage.done'),
            dataIndex: 'done',
            align: 'right',
            width: 80,
            render: (v: number) => <span data-testid="coverage-done">{v}</span>,
          },
          {
            title: t('screening.coverage.pct'),
            width: 150,
            render: (_, r) => <Progress percent={pct(r)} size="small" aria-label={t('screening.coverage.pct')} />,
          },
          { title: t('screening.coverage.nobodyHome'), dataIndex: 'nobodyHome', align: 'right', width: 90 },
          { title: t('screening.coverage.refused'), dataIndex: 'refused', align: 'right', width: 70 },
          { title: t('screening.coverage.revisit'), dataIndex: 'revisit', align: 'right', width: 80 },
          { title: t('screening.coverage.householdVisits'), dataIndex: 'householdVisits', align: 'right', width: 80 },
          { title: t('screening.coverage.personVisits'), dataIndex: 'personVisits', align: 'right', width: 80 },
          {
            title: t('screening.coverage.findings'),
            dataIndex: 'findings',
            align: 'right',
            width: 80,
            render: (v: number) =>
              v ? (
                <Typography.Text type="danger" strong>
                  {v}
                </Typography.Text>
              ) : (
                0
              ),
          },
        ]}
      />
    </Flex>
  );
}
