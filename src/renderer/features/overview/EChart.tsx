/** One ECharts chart drawn on a canvas in the page, redrawn when its option changes and resized with its box. */
import { useEffect, useRef } from 'react';
import type { ChartOption } from './chart-option.js';
import { init, type EChartsType } from './echarts-setup.js';

interface EChartProps {
  readonly option: ChartOption;
  readonly height: number;
  /** The chart's accessible name (it is drawn on a canvas, so it is an image to assistive technology). */
  readonly label: string;
}

/** A chart; the numbers it shows are given in text by its card. */
export function EChart({ option, height, label }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const instance = init(element, null, { renderer: 'canvas' });
    chart.current = instance;
    const resizes = new ResizeObserver(() => instance.resize());
    resizes.observe(element);
    return () => {
      resizes.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a refreshed chart may have fewer series or categories than before.
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className="overview-chart" style={{ height }} role="img" aria-label={label} />;
}
