import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { reducedMotion } from '../motion';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { AriaComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';

// Only what the figures pages draw, registered once: this module is loaded on demand (Chart.tsx),
// so ECharts never weighs on the console's first load.
echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

/** Where a click landed: the category (x, or y for horizontal bars) and the series. */
export interface ChartPick {
  dataIndex: number;
  seriesIndex: number;
}

/** One ECharts instance in a div that follows its container's width (a phone turned, a sider folded). */
export default function EChart({
  option,
  height,
  onPick,
  label,
}: {
  option: ChartOption;
  height: number;
  onPick?: ((p: ChartPick) => void) | undefined;
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);
  useEffect(() => {
    const c = echarts.init(el.current!, undefined, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => pick.current?.({ dataIndex: p.dataIndex, seriesIndex: p.seriesIndex ?? 0 }));
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el.current!);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true, label: { description: label } }, animation: !reducedMotion, ...option }, { notMerge: true });
  }, [option, label]);
  return <div ref={el} role="img" aria-label={label} style={{ width: '100%', height, cursor: onPick ? 'pointer' : undefined }} />;
}
