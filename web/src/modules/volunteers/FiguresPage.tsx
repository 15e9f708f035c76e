import { useMemo } from 'react';
import { Card, Col, DatePicker, Empty, Flex, Row, Segmented, Select, Statistic, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import type { FigureCatalog, FigureGrouping, FigureSetResult } from '@jiayuan/contracts';
import { api } from '../../platform/api/client';
import { useI18n } from '../../platform/i18n/i18n';
import { dayjs } from '../../platform/time';
import { BarChart, TrendChart } from '../../platform/ui/charts/Chart';
import { DataTable } from '../../platform/ui/DataTable';
import { PageHeader } from '../../platform/ui/PageHeader';
import { QueryError } from '../../platform/ui/QueryError';
import { hm, useVolunteersLive } from './volunteers.api';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The module's figures (needs published, taken, served, confirmed, time to take; activities and
 * attendance; hours per person, team, unit, area and month; love-bank balances, holds and
 * redemptions) from the figures the server declares, as charts; a bar or point opens its records.
 */
export default function FiguresPage() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
  };
  const catalog = useQuery({ queryKey: ['vol', 'figures', 'catalog'], queryFn: () => api.get<FigureCatalog>('/figures'), staleTime: 600_000 });
  const sets = useMemo(() => (catalog.data?.items ?? []).filter((s) => s.module === 'volunteers'), [catalog.data]);
  const set0 = sets.find((s) => s.key === params.get('set')) ?? sets[0];
  const groupBy: FigureGrouping = set0?.groupings.includes(params.get('groupBy') as FigureGrouping)
    ? (params.get('groupBy') as FigureGrouping)
    : (set0?.groupings.find((g) => g !== 'total') ?? 'total');
  const from = DAY.test(params.get('from') ?? '') ? params.get('from')! : dayjs().subtract(29, 'day').format('YYYY-MM-DD');
  const to = DAY.test(params.get('to') ?? '') ? params.get('to')! : dayjs().format('YYYY-MM-DD');
  const q = useQuery({
    queryKey: ['vol', 'figures', set0?.key, groupBy, from, to],
    queryFn: () => api.get<FigureSetResult>(`/figures/${set0!.key}`, { from, to, groupBy }),
    enabled: !!set0,
    placeholderData: keepPreviousData,
  });
  useVolunteersLive();
  const measures = set0?.measures ?? [];
  const rows = q.data?.rows ?? [];
  const fmt = (key: string, v: number | null | undefined) => {
    const m = measures.find((x) => x.key === key);
    if (v == null) return '—';
    if (m?.unit === 'minutes') return hm(v, t);
    if (m?.unit === 'percent') return `${Math.round(v * 1000) / 10}%`;
    if (m?.unit === 'score') return v.toFixed(1);
    return String(v);
  };
  /** The records a group stands for. */
  const drill = (i: number) => {
    const r = rows[i];
    if (!r) return;
    if (groupBy === 'day') return set({ from: r.group, to: r.group, groupBy: 'community' });
    if (groupBy === 'community') return void navigate(`/volunteers/needs?communityId=${r.group}`);
    if (groupBy === 'team') return void navigate(`/volunteers/people?teamId=${r.group}`);
    if (groupBy === 'category') return void navigate(`/volunteers/needs?category=${r.group}`);
    if (groupBy === 'employer') return void navigate(`/volunteers/people?employerId=${r.group}`);
  };
  const counts = measures.filter((m) => m.unit === 'count' || m.unit === 'minutes');
  const series = counts.slice(0, 4).map((m) => ({
    name: m.label[lang],
    data: rows.map((r) => {
      const v = r.values[m.key] ?? null;
      return v == null ? null : m.unit === 'minutes' ? Math.round((v / 60) * 10) / 10 : v;
    }),
  }));
  return (
    <>
      <PageHeader
        title={t('vol.figures.title')}
        subtitle={<span data-testid="figures-subtitle">{t('vol.figures.subtitle', { from, to })}</span>}
        extra={
          <Flex gap={8} wrap>
            <Select
              value={set0?.key}
              onChange={(k: string) => set({ set: k, groupBy: null })}
              aria-label={t('vol.figures.set')}
              style={{ minWidth: 200 }}
              options={sets.map((s) => ({ value: s.key, label: s.title[lang] }))}
              data-testid="figures-set"
            />
            <DatePicker.RangePicker
              allowClear={false}
              value={[dayjs(from), dayjs(to)]}
              onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
            />
          </Flex>
        }
      />
      {catalog.error || q.error ? <QueryError error={catalog.error ?? q.error} onRetry={() => void q.refetch()} /> : null}
      {catalog.data && !sets.length ? <Empty description={t('vol.figures.none')} /> : null}
      {set0 ? (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            {measures.map((m) => (
              <Col key={m.key} xs={12} md={8} xl={4}>
                <Card size="small" title={null}>
                  <Statistic title={<span title={m.definition[lang]}>{m.label[lang]}</span>} value={fmt(m.key, q.data?.total.values[m.key])} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card
            size="small"
            title={
              <Segmented
                value={groupBy}
                onChange={(g) => set({ groupBy: g as string })}
                options={set0.groupings.filter((g) => g !== 'total').map((g) => ({ value: g, label: t(`vol.figures.by.${g}`) }))}
              />
            }
          >
            {rows.length ? (
              groupBy === 'day' ? (
                <TrendChart label={set0.title[lang]} categories={rows.map((r) => r.label)} series={series} onPick={drill} testId="figures-chart" />
              ) : (
                <BarChart label={set0.title[lang]} categories={rows.map((r) => r.label)} series={series} onPick={drill} testId="figures-chart" />
              )
            ) : (
              <Empty description={t('vol.figures.empty')} />
            )}
            <Typography.Text type="secondary">{t('vol.figures.drill')}</Typography.Text>
          </Card>
          <DataTable
            style={{ marginTop: 12 }}
            rowKey="group"
            dataSource={rows}
            pagination={false}
            data-testid="figures-table"
            columns={[
              { title: t(`vol.figures.by.${groupBy}`), dataIndex: 'label' },
              ...measures.map((m) => ({ title: m.label[lang], key: m.key, render: (_: unknown, r: (typeof rows)[number]) => fmt(m.key, r.values[m.key]) })),
            ]}
          />
        </>
      ) : null}
    </>
  );
}
