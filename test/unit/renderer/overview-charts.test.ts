import { describe, expect, it } from 'vitest';
import type { LabelDto, OverviewDto } from '../../../src/shared/api.js';
import { chartSvg, savedOption, TITLE_HEIGHT } from '../../../src/renderer/features/overview/chart-files.js';
import { tableToCsv } from '../../../src/renderer/features/overview/chart-table.js';
import type { ChartTheme } from '../../../src/renderer/features/overview/chart-theme.js';
import { bucketName, chartFileName, escapeHtml, overviewCharts, ratioText, slug, utcDay, type ChartSpec } from '../../../src/renderer/features/overview/overview-charts.js';

const LABELS: LabelDto[] = [
  { name: 'HOSPITAL', displayName: 'Hospital', color: '#2f7ed8', shortcutKey: '1', namesThings: true },
  { name: 'DATE', displayName: 'Date', color: '#e07b00', shortcutKey: '2', namesThings: false },
];

const THEME: ChartTheme = { text: '#e6e6e3', muted: '#a3a8b0', line: '#3a3e45', surface: '#15171a', accent: '#8cb8e6', danger: '#f08a8f', ok: '#79c49a', animate: false };

const LIGHT: ChartTheme = { text: '#1f2328', muted: '#5f6670', line: '#dcd8cf', surface: '#ffffff', accent: '#2f5d8a', danger: '#a4262c', ok: '#2e7d4f', animate: false };

const FULL: OverviewDto = {
  spansPerLabel: [
    { label: 'HOSPITAL', accepted: 7, suggested: 3, rejected: 1 },
    { label: 'DATE', accepted: 2, suggested: 0, rejected: 0 },
  ],
  annotatorProgress: [],
  documentsDone: [
    { day: '2026-03-01', done: 2, cumulative: 2 },
    { day: '2026-03-04', done: 3, cumulative: 5 },
  ],
  spansPerDocument: [
    { min: 0, max: 0, documents: 4 },
    { min: 1, max: 1, documents: 2 },
    { min: 2, max: 4, documents: 1 },
  ],
  topEntities: [
    {
      label: 'HOSPITAL',
      entities: [
        { id: 3, name: 'Northgate Infirmary', mentions: 5 },
        { id: 9, name: '=cmd|calc', mentions: 2 },
      ],
    },
  ],
  agreement: {
    annotators: ['ines', 'mira', 'tomas'],
    pairs: [
      { a: 'ines', b: 'mira', kappa: 0.61904, exactF1: 0.4, documents: 3 },
      { a: 'ines', b: 'tomas', kappa: null, exactF1: null, documents: 0 },
      { a: 'mira', b: 'tomas', kappa: 1, exactF1: 1, documents: 2 },
    ],
  },
  duplicateClusters: [
    { size: 2, clusters: 4 },
    { size: 5, clusters: 1 },
  ],
};

const EMPTY: OverviewDto = {
  spansPerLabel: [{ label: 'HOSPITAL', accepted: 0, suggested: 0, rejected: 0 }],
  documentsDone: [],
  annotatorProgress: [],
  spansPerDocument: [],
  topEntities: [],
  agreement: null,
  duplicateClusters: [],
};

function byId(specs: readonly ChartSpec[], id: string): ChartSpec {
  const spec = specs.find((s) => s.id === id);
  if (!spec) throw new Error(`no chart ${id} among ${specs.map((s) => s.id).join(', ')}`);
  return spec;
}

describe('overview charts', () => {
  it('makes one card per figure, and one per label with linked entities', () => {
    expect(overviewCharts(FULL, LABELS).map((spec) => spec.id)).toEqual([
      'spans-per-label',
      'documents-done',
      'spans-per-document',
      'agreement',
      'duplicate-clusters',
      'top-entities-hospital',
    ]);
  });

  it('puts the figures in each chart’s table, ready for CSV', () => {
    const specs = overviewCharts(FULL, LABELS);
    expect(tableToCsv(byId(specs, 'spans-per-label').table)).toBe('label,accepted,suggested,rejected\r\nHOSPITAL,7,3,1\r\nDATE,2,0,0\r\n');
    expect(tableToCsv(byId(specs, 'documents-done').table)).toBe('day,done,cumulative\r\n2026-03-01,2,2\r\n2026-03-04,3,5\r\n');
    expect(tableToCsv(byId(specs, 'spans-per-document').table)).toBe('min_spans,max_spans,documents\r\n0,0,4\r\n1,1,2\r\n2,4,1\r\n');
    expect(tableToCsv(byId(specs, 'agreement').table)).toBe(
      'annotator_a,annotator_b,kappa,exact_f1,documents\r\nines,mira,0.619,0.4,3\r\nines,tomas,,,0\r\nmira,tomas,1,1,2\r\n',
    );
    expect(tableToCsv(byId(specs, 'duplicate-clusters').table)).toBe('members,clusters\r\n2,4\r\n5,1\r\n');
    expect(tableToCsv(byId(specs, 'top-entities-hospital').table)).toBe(
      "label,rank,entity_id,entity,mentions\r\nHOSPITAL,1,3,Northgate Infirmary,5\r\nHOSPITAL,2,9,'=cmd|calc,2\r\n",
    );
  });

  it('says what each chart shows in a sentence, with display names', () => {
    const specs = overviewCharts(FULL, LABELS);
    expect(byId(specs, 'spans-per-label').summary).toContain('Hospital 7 accepted, 3 suggested, 1 rejected');
    expect(byId(specs, 'documents-done').summary).toContain('5 documents done between 2026-03-01 and 2026-03-04, at most 3 in a day');
    expect(byId(specs, 'spans-per-document').summary).toContain('2–4 spans: 1');
    expect(byId(specs, 'agreement').summary).toContain('ines and tomas κ n/a over 0 documents');
    expect(byId(specs, 'top-entities-hospital').title).toBe('Most mentioned: Hospital');
    for (const spec of specs) expect(spec.empty).toBeNull();
  });

  it('gives an empty state instead of empty axes', () => {
    const specs = overviewCharts(EMPTY, LABELS);
    expect(specs.map((spec) => [spec.id, spec.empty?.split('.')[0]])).toEqual([
      ['spans-per-label', 'No spans yet'],
      ['documents-done', 'No document is marked done yet'],
      ['spans-per-document', 'No documents yet'],
      ['agreement', 'Agreement needs two annotators or more who accepted or rejected spans'],
      ['duplicate-clusters', 'No duplicate clusters'],
      ['top-entities', 'No spans are linked to entities yet'],
    ]);
  });

  it('colours bars with the labels’ own colours and the status by strength', () => {
    const option = byId(overviewCharts(FULL, LABELS), 'spans-per-label').option(THEME);
    const series = option.series as { name: string; data: { value: number; itemStyle: { color: string; opacity: number } }[] }[];
    expect(series.map((s) => s.name)).toEqual(['Accepted', 'Suggested', 'Rejected']);
    expect(series[0]?.data.map((d) => d.itemStyle.color)).toEqual(['#2f7ed8', '#e07b00']);
    expect(series[1]?.data.map((d) => d.value)).toEqual([3, 0]);
    expect(series.map((s) => s.data[0]?.itemStyle.opacity)).toEqual([1, 0.55, 0.25]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['Hospital', 'Date']);
    // A label unknown to the labels list still gets a colour: the theme's accent.
    const unknown = overviewCharts({ ...FULL, spansPerLabel: [{ label: 'WARD', accepted: 1, suggested: 0, rejected: 0 }] }, LABELS);
    const first = (byId(unknown, 'spans-per-label').option(THEME).series as { data: { itemStyle: { color: string } }[] }[])[0];
    expect(first?.data[0]?.itemStyle.color).toBe(THEME.accent);
  });

  it('draws documents done on a UTC time axis', () => {
    const option = byId(overviewCharts(FULL, LABELS), 'documents-done').option(THEME);
    expect(option.useUTC).toBe(true);
    const [bars, line] = option.series as { type: string; data: [number, number][] }[];
    expect(bars?.data).toEqual([
      [Date.UTC(2026, 2, 1), 2],
      [Date.UTC(2026, 2, 4), 3],
    ]);
    expect(line?.type).toBe('line');
    expect(line?.data.map(([, total]) => total)).toEqual([2, 5]);
  });

  it('fills both halves of the heat map and leaves pairs without κ blank', () => {
    const option = byId(overviewCharts(FULL, LABELS), 'agreement').option(THEME);
    const [heat, noKappa] = option.series as { data: { value: [number, number, number] }[] }[];
    const cells = heat?.data.map((d) => d.value) ?? [];
    expect(cells).toHaveLength(4);
    expect(cells).toContainEqual([0, 1, 0.61904]);
    expect(cells).toContainEqual([1, 0, 0.61904]);
    expect(cells).toContainEqual([2, 1, 1]);
    expect(noKappa?.data.map((d) => d.value)).toEqual([
      [0, 2, 0],
      [2, 0, 0],
    ]);
    // The colour scale is κ's whole range, and only the first series follows it.
    expect((option.visualMap as unknown[])[0]).toMatchObject({ min: -1, max: 1, seriesIndex: 0 });
    const tooltip = option.tooltip as { formatter: (params: unknown) => string };
    expect(tooltip.formatter({ data: heat?.data[0] })).toBe('ines × mira<br>κ 0.62 · exact F1 0.40<br>3 documents both annotated');
  });

  it('renders every chart to SVG with ECharts, in light and dark', () => {
    for (const theme of [THEME, LIGHT]) {
      for (const spec of overviewCharts(FULL, LABELS)) {
        const svg = chartSvg(spec.option(theme), spec.title, spec.height);
        expect(svg.startsWith('<svg'), spec.id).toBe(true);
        // Room for the title above the chart.
        expect(svg).toContain(`height="${spec.height + TITLE_HEIGHT}"`);
        expect(svg).toContain(escapeHtml(spec.title).replace(/&#39;/g, "'"));
        // The surface colour of the theme is the background.
        expect(svg).toContain(theme.surface);
      }
    }
    const labels = chartSvg(byId(overviewCharts(FULL, LABELS), 'spans-per-label').option(THEME), 'Spans per label', 280);
    expect(labels).toContain('Hospital');
    const heat = chartSvg(byId(overviewCharts(FULL, LABELS), 'agreement').option(THEME), 'Agreement', 300);
    for (const text of ['ines', 'tomas', '0.62', '1.00', 'n/a']) expect(heat).toContain(text);
  });
});

describe('each annotator’s progress', () => {
  const TEAM: OverviewDto = {
    ...FULL,
    annotatorProgress: [
      { annotator: 'mira', done: 5, assigned: 8, documentsPerHour: 2.5, days: [{ day: '2026-03-01', done: 2, cumulative: 2 }, { day: '2026-03-04', done: 3, cumulative: 5 }] },
      { annotator: 'tomas', done: 1, assigned: 8, documentsPerHour: null, days: [{ day: '2026-03-04', done: 1, cumulative: 1 }] },
      { annotator: 'lan', done: 0, assigned: 4, documentsPerHour: null, days: [] },
    ],
  };

  it('draws one running-total line per annotator with a done mark, after documents done', () => {
    const specs = overviewCharts(TEAM, LABELS);
    expect(specs.map((spec) => spec.id).slice(0, 3)).toEqual(['spans-per-label', 'documents-done', 'annotator-progress']);
    const spec = byId(specs, 'annotator-progress');
    expect(tableToCsv(spec.table)).toBe('annotator,day,done,cumulative\r\nmira,2026-03-01,2,2\r\nmira,2026-03-04,3,5\r\ntomas,2026-03-04,1,1\r\n');
    expect(spec.summary).toBe('Chart of 2 annotators’ documents done over time; mira leads with 5 documents.');
    const option = spec.option(LIGHT) as { series: { name: string; data: [number, number][] }[] };
    expect(option.series.map((series) => [series.name, series.data])).toEqual([
      ['mira', [[utcDay('2026-03-01'), 2], [utcDay('2026-03-04'), 5]]],
      ['tomas', [[utcDay('2026-03-04'), 1]]],
    ]);
    const svg = chartSvg(spec.option(THEME), spec.title, spec.height);
    for (const name of ['mira', 'tomas']) expect(svg).toContain(name);
  });

  it('is left out until someone has marked a document done', () => {
    expect(overviewCharts(FULL, LABELS).some((spec) => spec.id === 'annotator-progress')).toBe(false);
  });
});

describe('saved charts', () => {
  it('get a title and still bars, with the rest moved down to make room', () => {
    const option = byId(overviewCharts(FULL, LABELS), 'spans-per-label').option({ ...THEME, animate: true });
    const saved = savedOption(option, 'Spans per label');
    expect(saved.animation).toBe(false);
    expect(saved.title).toMatchObject({ text: 'Spans per label', textStyle: { color: THEME.text } });
    expect((saved.legend as { top: number }).top).toBe((option.legend as { top: number }).top + TITLE_HEIGHT);
    expect((saved.grid as { top: number }).top).toBe((option.grid as { top: number }).top + TITLE_HEIGHT);
    expect(saved.series).toBe(option.series);
  });
});

describe('overview names', () => {
  it('names files, buckets, ratios and days', () => {
    expect(chartFileName('spans-per-label', 'png')).toBe('marginalia-spans-per-label.png');
    expect(slug('CARE_UNIT.v2')).toBe('care-unit-v2');
    expect(bucketName({ min: 2, max: 4 })).toBe('2–4');
    expect(bucketName({ min: 1, max: 1 })).toBe('1');
    expect(ratioText(null)).toBe('n/a');
    expect(ratioText(0.61904)).toBe('0.62');
    expect(utcDay('2026-12-31')).toBe(Date.UTC(2026, 11, 31));
    expect(escapeHtml('<b>"Mira" & co</b>')).toBe('&#60;b&#62;&#34;Mira&#34; &#38; co&#60;/b&#62;');
  });
});
