/**
 * The only module that imports ECharts, loaded lazily (React.lazy) so the first page's JS does
 * not carry it. Only the charts and components Concord draws are registered. No chart renders
 * markup from data (see textOnly).
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { useComputedColorScheme } from '@mantine/core';
import { inkFor } from './ink.ts';

echarts.use([HeatmapChart, BarChart, GridComponent, TooltipComponent, VisualMapContinuousComponent, CanvasRenderer]);

export interface EChartProps {
  option: EChartsCoreOption;
  height: number;
  /** A sentence describing what the chart shows, for screen readers. */
  label: string;
  testId?: string;
  onClick?: (params: { data?: unknown; dataIndex?: number; value?: unknown }) => void;
}

/**
 * Record titles and party names reach charts as data, so a chart never renders markup: its
 * tooltip is drawn as text on the canvas (`renderMode: 'richText'`), whatever a formatter
 * returns. Formatters return plain text with `\n` between lines.
 */
export function textOnly(option: EChartsCoreOption): EChartsCoreOption {
  const tooltip = (option as { tooltip?: unknown }).tooltip;
  if (!tooltip) return option;
  const safe = (t: unknown) => ({ ...(t as object), renderMode: 'richText' });
  return { ...option, tooltip: Array.isArray(tooltip) ? tooltip.map(safe) : safe(tooltip) };
}

export default function EChart({ option, height, label, testId, onClick }: EChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const dark = useComputedColorScheme('light') === 'dark';

  // biome-ignore lint/correctness/useExhaustiveDependencies: the chart is created once per mount; testId only names its performance mark
  useEffect(() => {
    const el = host.current!;
    performance.mark(`concord:chart-init:${testId ?? 'chart'}`);
    const c = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = c;
    // Redraw only on a real change of size: the observer also reports the size it starts with,
    // and a resize redraws the whole chart.
    const ro = new ResizeObserver(() => {
      if (el.clientWidth !== c.getWidth() || el.clientHeight !== c.getHeight()) c.resize();
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    const el = host.current;
    if (!c || !el) return;
    el.removeAttribute('data-chart-ready');
    const done = () => {
      el.setAttribute('data-chart-ready', 'true');
      performance.mark(`concord:chart-ready:${testId ?? 'chart'}`);
      c.off('finished', done);
    };
    c.on('finished', done);
    c.setOption(textOnly(inkFor(option, dark)), { notMerge: true });
    return () => {
      c.off('finished', done);
    };
  }, [option, testId, dark]);

  useEffect(() => {
    const c = chart.current;
    if (!c || !onClick) return;
    const h = (p: unknown) => onClick(p as never);
    c.on('click', h);
    return () => {
      c.off('click', h);
    };
  }, [onClick]);

  return <div ref={host} role="img" aria-label={label} data-testid={testId} data-chart style={{ width: '100%', height }} />;
}
