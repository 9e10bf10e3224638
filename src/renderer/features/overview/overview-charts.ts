/**
 * What each card of the Overview shows, built from the project's figures: its
 * title, the table of numbers (CSV and text alternative), a one-line summary for
 * screen readers, and the ECharts option that draws it. Pure, so the figures and
 * the options can be checked without a page.
 */
import type { LabelDto, OverviewDto } from '../../../shared/api.js';
import type { ChartOption } from './chart-option.js';
import type { ChartTable } from './chart-table.js';
import type { ChartTheme } from './chart-theme.js';

export interface ChartSpec {
  /** Names the card's elements and its saved files (`marginalia-<id>.png`). */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** What to say instead of a chart when there is nothing to draw; null when there is. */
  readonly empty: string | null;
  readonly table: ChartTable;
  /** The chart's accessible name: what it shows, in a sentence. */
  readonly summary: string;
  /** Pixels; charts with many rows ask for more. */
  readonly height: number;
  option(theme: ChartTheme): ChartOption;
}

const CHART_HEIGHT = 280;
const DAY_MS = 24 * 60 * 60 * 1000;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** The file a chart is saved to. */
export function chartFileName(id: string, extension: 'png' | 'svg' | 'csv'): string {
  return `marginalia-${id}.${extension}`;
}

/** An element-id-safe slug of a label name (labels allow letters, digits, _ . -). */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'label'
  );
}

/** A ratio for people: two decimals, or "n/a" when it is undefined. */
export function ratioText(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(2);
}

/** A ratio for a file: four decimals are more than any agreement figure means. */
function ratioCell(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10_000) / 10_000;
}

/** "0", "1", "2–4", "100+"-style names of a histogram bucket. */
export function bucketName(bucket: { readonly min: number; readonly max: number }): string {
  return bucket.min === bucket.max ? String(bucket.min) : `${bucket.min}–${bucket.max}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Milliseconds of midnight UTC on a YYYY-MM-DD day: the time axis then needs no time zone. */
export function utcDay(day: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, date);
}

/** Colours and names of the project's labels, with a fallback for a label not (or no longer) listed. */
export class LabelLook {
  private readonly byName: ReadonlyMap<string, LabelDto>;

  constructor(labels: readonly LabelDto[]) {
    this.byName = new Map(labels.map((label) => [label.name, label]));
  }

  name(label: string): string {
    return this.byName.get(label)?.displayName ?? label;
  }

  color(label: string, theme: ChartTheme): string {
    return this.byName.get(label)?.color ?? theme.accent;
  }
}

/** Axis, tooltip and legend styling shared by every chart. */
function frame(theme: ChartTheme): ChartOption {
  return {
    animation: theme.animate,
    backgroundColor: theme.surface,
    textStyle: { color: theme.text, fontFamily: FONT },
    tooltip: { backgroundColor: theme.surface, borderColor: theme.line, textStyle: { color: theme.text } },
    legend: { top: 0, textStyle: { color: theme.text } },
    grid: { left: 16, right: 24, top: 40, bottom: 8, containLabel: true },
  };
}

function categoryAxis(theme: ChartTheme, data: readonly string[], name?: string) {
  return {
    type: 'category' as const,
    data: [...data],
    ...(name ? { name, nameLocation: 'middle' as const, nameGap: 28 } : {}),
    axisLine: { lineStyle: { color: theme.line } },
    axisTick: { alignWithLabel: true, lineStyle: { color: theme.line } },
    axisLabel: { color: theme.text, hideOverlap: true },
    nameTextStyle: { color: theme.muted },
  };
}

function valueAxis(theme: ChartTheme, name?: string) {
  return {
    type: 'value' as const,
    minInterval: 1,
    ...(name ? { name, nameTextStyle: { color: theme.muted } } : {}),
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.line } },
  };
}

// ── Spans per label ────────────────────────────────────────────────────────

/** A stacked bar per label; the status shows as the bar's strength, so the label keeps its own colour. */
const STATUS_LOOK = [
  { status: 'accepted', title: 'Accepted', opacity: 1 },
  { status: 'suggested', title: 'Suggested', opacity: 0.55 },
  { status: 'rejected', title: 'Rejected', opacity: 0.25 },
] as const;

function spansPerLabelChart(rows: OverviewDto['spansPerLabel'], look: LabelLook): ChartSpec {
  const total = rows.reduce((sum, row) => sum + row.accepted + row.suggested + row.rejected, 0);
  const accepted = rows.reduce((sum, row) => sum + row.accepted, 0);
  return {
    id: 'spans-per-label',
    title: 'Spans per label',
    description: 'Accepted, suggested and rejected spans of each label.',
    empty: total === 0 ? 'No spans yet. Tag a few in the Documents view, or run suggestions.' : null,
    height: CHART_HEIGHT,
    table: {
      columns: [
        { key: 'label', heading: 'Label' },
        { key: 'accepted', heading: 'Accepted' },
        { key: 'suggested', heading: 'Suggested' },
        { key: 'rejected', heading: 'Rejected' },
      ],
      rows: rows.map((row) => [row.label, row.accepted, row.suggested, row.rejected]),
    },
    summary: `Bar chart of spans per label: ${plural(accepted, 'accepted span')} in all; ${rows
      .map((row) => `${look.name(row.label)} ${row.accepted} accepted, ${row.suggested} suggested, ${row.rejected} rejected`)
      .join('; ')}.`,
    option: (theme) => ({
      ...frame(theme),
      tooltip: { ...frame(theme).tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: categoryAxis(theme, rows.map((row) => look.name(row.label))),
      yAxis: valueAxis(theme, 'Spans'),
      series: STATUS_LOOK.map(({ status, title, opacity }) => ({
        type: 'bar' as const,
        name: title,
        stack: 'spans',
        barMaxWidth: 48,
        // The legend's swatch: a neutral colour at the status's strength.
        itemStyle: { color: theme.muted, opacity },
        data: rows.map((row) => ({ value: row[status], itemStyle: { color: look.color(row.label, theme), opacity } })),
      })),
    }),
  };
}

// ── Documents done over time ───────────────────────────────────────────────

function documentsDoneChart(days: OverviewDto['documentsDone']): ChartSpec {
  const total = days.at(-1)?.cumulative ?? 0;
  return {
    id: 'documents-done',
    title: 'Documents done over time',
    description: 'Documents marked done each day (UTC) and the running total.',
    empty: days.length === 0 ? 'No document is marked done yet. Press D on a finished document.' : null,
    height: CHART_HEIGHT,
    table: {
      columns: [
        { key: 'day', heading: 'Day (UTC)' },
        { key: 'done', heading: 'Done that day' },
        { key: 'cumulative', heading: 'Done in all' },
      ],
      rows: days.map((row) => [row.day, row.done, row.cumulative]),
    },
    summary:
      days.length === 0
        ? 'No documents done yet.'
        : `Chart of documents done per day: ${plural(total, 'document')} done between ${days[0]?.day} and ${days.at(-1)?.day}, at most ${Math.max(...days.map((d) => d.done))} in a day.`,
    option: (theme) => ({
      ...frame(theme),
      useUTC: true,
      grid: { ...frame(theme).grid, right: 32 },
      tooltip: { ...frame(theme).tooltip, trigger: 'axis' },
      xAxis: {
        type: 'time',
        // Whole days only: the figures are per day, so ticks at noon would mean nothing.
        minInterval: DAY_MS,
        axisLine: { lineStyle: { color: theme.line } },
        axisLabel: { color: theme.text, hideOverlap: true, formatter: '{d} {MMM}' },
        splitLine: { show: false },
      },
      yAxis: [valueAxis(theme, 'Per day'), { ...valueAxis(theme, 'In all'), splitLine: { show: false } }],
      series: [
        {
          type: 'bar',
          name: 'Done that day',
          itemStyle: { color: theme.accent, opacity: 0.6 },
          barMaxWidth: 24,
          data: days.map((row) => [utcDay(row.day), row.done]),
        },
        {
          type: 'line',
          name: 'Done in all',
          yAxisIndex: 1,
          step: 'end',
          symbolSize: 6,
          itemStyle: { color: theme.ok },
          lineStyle: { color: theme.ok, width: 2 },
          data: days.map((row) => [utcDay(row.day), row.cumulative]),
        },
      ],
    }),
  };
}

// ── Each annotator's progress over time ────────────────────────────────────

/** Okabe–Ito's colours, told apart with every common colour-vision deficiency; annotators past eight repeat them. */
const ANNOTATOR_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

/** One running-total line per annotator with a done mark: who is how far, and how fast, day by day. */
function annotatorProgressChart(progress: OverviewDto['annotatorProgress']): ChartSpec | null {
  const active = progress.filter((row) => row.days.length > 0);
  if (active.length === 0) return null;
  const rows = active.flatMap((row) => row.days.map((day) => [row.annotator, day.day, day.done, day.cumulative] as const));
  const leader = [...active].sort((a, b) => b.done - a.done)[0] as (typeof active)[number];
  return {
    id: 'annotator-progress',
    title: 'Each annotator’s progress over time',
    description: 'Documents each annotator has marked done, as a running total by day (UTC).',
    empty: null,
    height: CHART_HEIGHT,
    table: {
      columns: [
        { key: 'annotator', heading: 'Annotator' },
        { key: 'day', heading: 'Day (UTC)' },
        { key: 'done', heading: 'Done that day' },
        { key: 'cumulative', heading: 'Done in all' },
      ],
      rows: rows.map((row) => [...row]),
    },
    summary:
      active.length === 1
        ? `Chart of ${leader.annotator}’s documents done over time: ${plural(leader.done, 'document')}.`
        : `Chart of ${active.length} annotators’ documents done over time; ${leader.annotator} leads with ${plural(leader.done, 'document')}.`,
    option: (theme) => ({
      ...frame(theme),
      useUTC: true,
      color: ANNOTATOR_COLOURS,
      tooltip: { ...frame(theme).tooltip, trigger: 'axis' },
      xAxis: {
        type: 'time',
        minInterval: DAY_MS,
        axisLine: { lineStyle: { color: theme.line } },
        axisLabel: { color: theme.text, hideOverlap: true, formatter: '{d} {MMM}' },
        splitLine: { show: false },
      },
      yAxis: valueAxis(theme, 'Done in all'),
      series: active.map((row) => ({
        type: 'line',
        name: row.annotator,
        step: 'end',
        symbolSize: 6,
        lineStyle: { width: 2 },
        data: row.days.map((day) => [utcDay(day.day), day.cumulative]),
      })),
    }),
  };
}

// ── Spans per document ─────────────────────────────────────────────────────

function spansPerDocumentChart(buckets: OverviewDto['spansPerDocument']): ChartSpec {
  const documents = buckets.reduce((sum, bucket) => sum + bucket.documents, 0);
  return {
    id: 'spans-per-document',
    title: 'Spans per document',
    description: 'How many documents hold how many accepted spans; documents without any count too.',
    empty: documents === 0 ? 'No documents yet. Import some to begin.' : null,
    height: CHART_HEIGHT,
    table: {
      columns: [
        { key: 'min_spans', heading: 'Accepted spans, from' },
        { key: 'max_spans', heading: 'to' },
        { key: 'documents', heading: 'Documents' },
      ],
      rows: buckets.map((bucket) => [bucket.min, bucket.max, bucket.documents]),
    },
    summary: `Histogram of accepted spans per document over ${plural(documents, 'document')}: ${buckets
      .map((bucket) => `${bucketName(bucket)} spans: ${bucket.documents}`)
      .join('; ')}.`,
    option: (theme) => ({
      ...frame(theme),
      legend: { show: false },
      grid: { ...frame(theme).grid, bottom: 24 },
      tooltip: { ...frame(theme).tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: categoryAxis(
        theme,
        buckets.map((bucket) => bucketName(bucket)),
        'Accepted spans in a document',
      ),
      yAxis: valueAxis(theme, 'Documents'),
      series: [{ type: 'bar', name: 'Documents', barCategoryGap: '10%', itemStyle: { color: theme.accent }, data: buckets.map((bucket) => bucket.documents) }],
    }),
  };
}

// ── Most mentioned entities ───────────────────────────────────────────────

const ENTITY_ROW_HEIGHT = 26;

function topEntitiesChart(group: OverviewDto['topEntities'][number], look: LabelLook): ChartSpec {
  const name = look.name(group.label);
  // Largest at the top: a category y axis runs bottom-up.
  const bottomUp = [...group.entities].reverse();
  return {
    id: `top-entities-${slug(group.label)}`,
    title: `Most mentioned: ${name}`,
    description: `The ${group.entities.length === 1 ? 'entity' : `${group.entities.length} entities`} of ${name} with the most accepted mentions.`,
    empty: group.entities.length === 0 ? `No ${name} spans are linked to entities yet.` : null,
    height: Math.max(CHART_HEIGHT, 60 + group.entities.length * ENTITY_ROW_HEIGHT),
    table: {
      columns: [
        { key: 'label', heading: 'Label' },
        { key: 'rank', heading: 'Rank' },
        { key: 'entity_id', heading: 'Entity id' },
        { key: 'entity', heading: 'Entity' },
        { key: 'mentions', heading: 'Accepted mentions' },
      ],
      rows: group.entities.map((entity, i) => [group.label, i + 1, entity.id, entity.name, entity.mentions]),
    },
    summary: `Bar chart of the most mentioned ${name} entities: ${group.entities.map((entity) => `${entity.name} ${entity.mentions}`).join('; ')}.`,
    option: (theme) => ({
      ...frame(theme),
      legend: { show: false },
      tooltip: { ...frame(theme).tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { ...frame(theme).grid, bottom: 24 },
      xAxis: { ...valueAxis(theme, 'Accepted mentions'), nameLocation: 'middle', nameGap: 28 },
      yAxis: {
        ...categoryAxis(
          theme,
          bottomUp.map((entity) => entity.name),
        ),
        axisLabel: { color: theme.text, width: 180, overflow: 'truncate' },
      },
      series: [{ type: 'bar', name: 'Accepted mentions', itemStyle: { color: look.color(group.label, theme) }, barMaxWidth: 20, data: bottomUp.map((entity) => entity.mentions) }],
    }),
  };
}

function noEntitiesChart(): ChartSpec {
  return {
    id: 'top-entities',
    title: 'Most mentioned entities',
    description: 'The entities of each label with the most accepted mentions.',
    empty: 'No spans are linked to entities yet. Link them in the Entities view.',
    height: CHART_HEIGHT,
    table: {
      columns: [
        { key: 'label', heading: 'Label' },
        { key: 'rank', heading: 'Rank' },
        { key: 'entity_id', heading: 'Entity id' },
        { key: 'entity', heading: 'Entity' },
        { key: 'mentions', heading: 'Accepted mentions' },
      ],
      rows: [],
    },
    summary: 'No entities yet.',
    option: (theme) => frame(theme),
  };
}

// ── Agreement ──────────────────────────────────────────────────────────────

type AgreementPair = NonNullable<OverviewDto['agreement']>['pairs'][number];

/** One square of the heat map: column, row and κ (null when it is undefined for the pair). */
interface HeatCell {
  readonly value: [number, number, number | null];
  readonly pair: AgreementPair;
}

function agreementChart(agreement: OverviewDto['agreement']): ChartSpec {
  const annotators = agreement?.annotators ?? [];
  const pairs = agreement?.pairs ?? [];
  const index = new Map(annotators.map((name, i) => [name, i]));
  // Both halves of the square: a pair reads the same from either annotator's row.
  const cells: HeatCell[] = pairs.flatMap((pair) => {
    const a = index.get(pair.a) ?? 0;
    const b = index.get(pair.b) ?? 0;
    return [
      { value: [a, b, pair.kappa], pair },
      { value: [b, a, pair.kappa], pair },
    ];
  });
  const heatData = (which: readonly HeatCell[]) => which.map((cell) => ({ value: [cell.value[0], cell.value[1], cell.value[2] ?? 0], pair: cell.pair }));
  const cellLabel = (theme: ChartTheme) => ({
    show: true,
    color: theme.text,
    textBorderColor: theme.surface,
    textBorderWidth: 2,
    formatter: (params: unknown) => {
      const pair = (params as { data?: { pair?: AgreementPair } }).data?.pair;
      return ratioText(pair?.kappa ?? null);
    },
  });
  const size = Math.max(CHART_HEIGHT, 90 + annotators.length * 44);
  return {
    id: 'agreement',
    title: 'Agreement between annotators',
    description: 'Cohen’s κ over tokens for each pair of annotators, on the documents both annotated.',
    empty: agreement === null ? 'Agreement needs two annotators or more who accepted or rejected spans.' : null,
    height: size,
    table: {
      columns: [
        { key: 'annotator_a', heading: 'Annotator' },
        { key: 'annotator_b', heading: 'with' },
        { key: 'kappa', heading: 'Cohen’s κ' },
        { key: 'exact_f1', heading: 'Exact span F1' },
        { key: 'documents', heading: 'Documents both annotated' },
      ],
      rows: pairs.map((pair) => [pair.a, pair.b, ratioCell(pair.kappa), ratioCell(pair.exactF1), pair.documents]),
    },
    summary: `Heat map of Cohen’s κ between ${plural(annotators.length, 'annotator')}: ${pairs
      .map((pair) => `${pair.a} and ${pair.b} κ ${ratioText(pair.kappa)} over ${plural(pair.documents, 'document')}`)
      .join('; ')}.`,
    option: (theme) => ({
      ...frame(theme),
      legend: { show: false },
      grid: { left: 16, right: 24, top: 16, bottom: 56, containLabel: true },
      tooltip: {
        ...frame(theme).tooltip,
        trigger: 'item',
        formatter: (params: unknown) => {
          const data = (params as { data?: HeatCell }).data;
          if (!data) return '';
          const { a, b, kappa, exactF1, documents } = data.pair;
          return `${escapeHtml(a)} × ${escapeHtml(b)}<br>κ ${ratioText(kappa)} · exact F1 ${ratioText(exactF1)}<br>${plural(documents, 'document')} both annotated`;
        },
      },
      xAxis: { ...categoryAxis(theme, annotators), splitArea: { show: false } },
      yAxis: { ...categoryAxis(theme, annotators), inverse: true, splitArea: { show: false } },
      visualMap: [
        {
          type: 'continuous',
          min: -1,
          max: 1,
          precision: 2,
          orient: 'horizontal',
          left: 'center',
          bottom: 0,
          itemHeight: 160,
          text: ['κ 1', '−1'],
          textStyle: { color: theme.text },
          seriesIndex: 0,
          inRange: { color: [theme.danger, theme.surface, theme.accent] },
        },
        // ECharts colours every heat map through a visual map: the n/a squares get a flat, hidden one.
        { type: 'continuous', show: false, seriesIndex: 1, min: 0, max: 1, inRange: { color: [theme.line, theme.line] } },
      ],
      series: [
        {
          type: 'heatmap',
          name: 'Cohen’s κ',
          data: heatData(cells.filter((cell) => cell.value[2] !== null)),
          label: cellLabel(theme),
          itemStyle: { borderColor: theme.surface, borderWidth: 2 },
        },
        {
          // Pairs with no κ (nothing to compare): grey squares outside the colour scale, marked n/a.
          type: 'heatmap',
          name: 'No κ',
          data: heatData(cells.filter((cell) => cell.value[2] === null)),
          label: cellLabel(theme),
          itemStyle: { borderColor: theme.surface, borderWidth: 2 },
        },
      ],
    }),
  };
}

/** Names in tooltips are HTML: an annotator's name must not become markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// ── Duplicate clusters ─────────────────────────────────────────────────────

function duplicateClustersChart(sizes: OverviewDto['duplicateClusters']): ChartSpec {
  const clusters = sizes.reduce((sum, row) => sum + row.clusters, 0);
  return {
    id: 'duplicate-clusters',
    title: 'Duplicate clusters by size',
    description: 'Clusters not rejected, by how many passages or documents each holds.',
    empty: clusters === 0 ? 'No duplicate clusters. Find them in the Duplicates view.' : null,
    height: CHART_HEIGHT,
    table: {
      columns: [
        { key: 'members', heading: 'Members' },
        { key: 'clusters', heading: 'Clusters' },
      ],
      rows: sizes.map((row) => [row.size, row.clusters]),
    },
    summary: `Bar chart of ${plural(clusters, 'duplicate cluster')} by size: ${sizes.map((row) => `${row.size} members: ${row.clusters}`).join('; ')}.`,
    option: (theme) => ({
      ...frame(theme),
      legend: { show: false },
      grid: { ...frame(theme).grid, bottom: 24 },
      tooltip: { ...frame(theme).tooltip, trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: categoryAxis(
        theme,
        sizes.map((row) => String(row.size)),
        'Members in a cluster',
      ),
      yAxis: valueAxis(theme, 'Clusters'),
      series: [{ type: 'bar', name: 'Clusters', itemStyle: { color: theme.accent }, barMaxWidth: 40, data: sizes.map((row) => row.clusters) }],
    }),
  };
}

/** Every card of the Overview, in the order they are shown. */
export function overviewCharts(overview: OverviewDto, labels: readonly LabelDto[]): ChartSpec[] {
  const look = new LabelLook(labels);
  return [
    spansPerLabelChart(overview.spansPerLabel, look),
    documentsDoneChart(overview.documentsDone),
    ...[annotatorProgressChart(overview.annotatorProgress)].filter((spec): spec is ChartSpec => spec !== null),
    spansPerDocumentChart(overview.spansPerDocument),
    agreementChart(overview.agreement),
    duplicateClustersChart(overview.duplicateClusters),
    ...(overview.topEntities.length === 0 ? [noEntitiesChart()] : overview.topEntities.map((group) => topEntitiesChart(group, look))),
  ];
}
