/**
 * Saving a chart: PNG and SVG drawn afresh at a fixed size with the chart's
 * title (and without animation, so the file never catches a bar halfway up),
 * and the chart's numbers as CSV.
 * A download link works the same in a browser tab and in the desktop app.
 */
import { tableToCsv, type ChartTable } from './chart-table.js';
import type { ChartOption } from './chart-option.js';
import { init } from './echarts-setup.js';

/** Pixels of a saved chart (PNG at twice that, for sharp print). */
export const SAVED_WIDTH = 960;

/** Room above a saved chart for its title. */
export const TITLE_HEIGHT = 36;

/** A chart on its own in a file: still, and titled, since the page's heading does not go with it. */
export function savedOption(option: ChartOption, title: string): ChartOption {
  const moveDown = <T>(part: T): T => {
    if (typeof part !== 'object' || part === null || Array.isArray(part)) return part;
    const top = (part as { top?: unknown }).top;
    return typeof top === 'number' ? { ...part, top: top + TITLE_HEIGHT } : part;
  };
  const textColor = (option.textStyle as { color?: string } | undefined)?.color;
  return {
    ...option,
    animation: false,
    title: { text: title, left: 16, top: 8, textStyle: { fontSize: 16, fontWeight: 600, ...(textColor ? { color: textColor } : {}) } },
    legend: moveDown(option.legend),
    grid: moveDown(option.grid),
  };
}

/** The chart as a standalone SVG document. */
export function chartSvg(option: ChartOption, title: string, height: number): string {
  // SSR mode renders to a string without touching the page.
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: SAVED_WIDTH, height: height + TITLE_HEIGHT });
  try {
    chart.setOption(savedOption(option, title));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as a PNG, drawn on a canvas of its own. */
export async function chartPng(option: ChartOption, title: string, height: number): Promise<Blob> {
  const holder = document.createElement('div');
  const chart = init(holder, null, { renderer: 'canvas', width: SAVED_WIDTH, height: height + TITLE_HEIGHT, devicePixelRatio: 2 });
  try {
    chart.setOption(savedOption(option, title));
    const canvas = chart.renderToCanvas({ pixelRatio: 2, backgroundColor: typeof option.backgroundColor === 'string' ? option.backgroundColor : '#ffffff' });
    // A blob straight from the canvas: fetching a data: URL would need a CSP exception.
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the chart could not be drawn as PNG'))), 'image/png'),
    );
  } finally {
    chart.dispose();
  }
}

/** The table as a CSV file's contents. */
export function chartCsv(table: ChartTable): Blob {
  return new Blob([tableToCsv(table)], { type: 'text/csv;charset=utf-8' });
}

/** Hands `blob` to the browser (or the desktop app) as a file named `name`. */
export function saveFile(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; give it a moment before letting go.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
