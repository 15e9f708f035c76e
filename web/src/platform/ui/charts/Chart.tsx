import { lazy, Suspense, useMemo } from 'react';
import { Empty, Skeleton } from 'antd';
import type { ChartOption, ChartPick } from './EChart';

const EChart = lazy(() => import('./EChart'));

export interface ChartSeries {
  name: string;
  data: (number | null)[];
  color?: string;
}

const PALETTE = ['#1668dc', '#1a7f37', '#cf1322', '#d48806', '#722ed1', '#08979c'];

function Frame({
  option,
  height,
  onPick,
  label,
  testId,
}: {
  option: ChartOption;
  height: number;
  onPick?: ((p: ChartPick) => void) | undefined;
  label: string;
  testId?: string | undefined;
}) {
  return (
    <div data-testid={testId} style={{ width: '100%', minWidth: 0 }}>
      <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height }} />}>
        <EChart option={option} height={height} onPick={onPick} label={label} />
      </Suspense>
    </div>
  );
}

const tooltip = { trigger: 'axis' as const, confine: true };
const legend = (series: ChartSeries[]) => ({ show: series.length > 1, top: 0, type: 'scroll' as const });

interface Props {
  /** Read out to screen readers and shown by the tooltip's heading. */
  label: string;
  categories: string[];
  series: ChartSeries[];
  /** A click on a point or bar: the category's index (to drill down to its records). */
  onPick?: ((index: number, seriesIndex: number) => void) | undefined;
  height?: number;
  testId?: string;
}

/** Figures over days: one line per series, a point per day. */
export function TrendChart({ label, categories, series, onPick, height = 260, testId }: Props) {
  const option = useMemo<ChartOption>(
    () => ({
      color: PALETTE,
      tooltip,
      legend: legend(series),
      grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: categories, boundaryGap: false, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({
        type: 'line',
        name: s.name,
        data: s.data,
        smooth: false,
        showSymbol: categories.length <= 62,
        symbolSize: 7,
        ...(s.color ? { color: s.color } : {}),
      })),
    }),
    [categories, series],
  );
  return <Frame option={option} height={height} onPick={onPick ? (p) => onPick(p.dataIndex, p.seriesIndex) : undefined} label={label} testId={testId} />;
}

/** Figures side by side per community, team or category: grouped bars. */
export function BarChart({ label, categories, series, onPick, height = 280, testId }: Props) {
  const option = useMemo<ChartOption>(
    () => ({
      color: PALETTE,
      tooltip: { ...tooltip, axisPointer: { type: 'shadow' } },
      legend: legend(series),
      grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, hideOverlap: true, width: 90, overflow: 'truncate' } },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, barMaxWidth: 36, ...(s.color ? { color: s.color } : {}) })),
    }),
    [categories, series],
  );
  return <Frame option={option} height={height} onPick={onPick ? (p) => onPick(p.dataIndex, p.seriesIndex) : undefined} label={label} testId={testId} />;
}

/**
 * A ranking: horizontal bars sorted from the highest value down (top `limit`). `onPick` gets the
 * index in `items` as given, whatever the sorted position.
 */
export function RankingChart({
  label,
  items,
  unit = '',
  limit = 15,
  onPick,
  testId,
  color = PALETTE[0],
}: {
  label: string;
  items: { label: string; value: number | null }[];
  unit?: string;
  limit?: number;
  onPick?: ((index: number) => void) | undefined;
  testId?: string;
  color?: string;
}) {
  const ranked = useMemo(
    () =>
      items
        .map((it, index) => ({ ...it, index }))
        .filter((it) => it.value !== null)
        .sort((a, b) => b.value! - a.value! || a.label.localeCompare(b.label, 'zh-CN'))
        .slice(0, limit),
    [items, limit],
  );
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { ...tooltip, axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${String(v)}${unit}` },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      // Highest at the top: ECharts draws a category y axis from the bottom up.
      yAxis: { type: 'category', data: [...ranked].reverse().map((r) => r.label), axisLabel: { width: 110, overflow: 'truncate' } },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: label,
          data: [...ranked].reverse().map((r) => r.value),
          color,
          barMaxWidth: 22,
          label: { show: true, position: 'right', formatter: (p) => `${String(p.value)}${unit}` },
        },
      ],
    }),
    [ranked, unit, label, color],
  );
  const height = Math.max(120, ranked.length * 28 + 24);
  if (ranked.length === 0) {
    return (
      <div data-testid={testId}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      </div>
    );
  }
  return (
    <Frame
      option={option}
      height={height}
      onPick={onPick ? (p) => onPick(ranked[ranked.length - 1 - p.dataIndex]!.index) : undefined}
      label={label}
      testId={testId}
    />
  );
}

/** Every day from `from` to `to` (YYYY-MM-DD), so a trend shows the quiet days as zero, not as a gap closed up. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let d = Date.parse(`${from}T00:00:00Z`); d <= end && out.length < 400; d += 86400000) out.push(new Date(d).toISOString().slice(0, 10));
  return out;
}
