// Rendered with react-dom/server (no DOM in these tests); createElement keeps this a .test.ts file,
// which is what vitest.config.ts includes.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LabelDto } from '../../../src/shared/api.js';
import { OffsetMap } from '../../../src/shared/offsets.js';
import { placePassages, placeSpans, segmentBlock, segmentText, type NoiseInput, type PassageInput, type SpanInput } from '../../../src/renderer/features/document/segments.js';
import { SpanText } from '../../../src/renderer/features/document/SpanText.js';

const LABELS: ReadonlyMap<string, LabelDto> = new Map([
  ['HOSPITAL', { name: 'HOSPITAL', displayName: 'Hospital', color: '#c0392b', shortcutKey: '1', namesThings: true }],
  ['DATE', { name: 'DATE', displayName: 'Date', color: '#16a085', shortcutKey: '2', namesThings: false }],
  ['PERSON', { name: 'PERSON', displayName: 'Person', color: '#8e6e3a', shortcutKey: '3', namesThings: true }],
]);

/** Renders every block of a document and returns the markup of each. */
function render(text: string, spans: readonly SpanInput[], noise: readonly NoiseInput[] = [], selectedSpanId: number | null = null, maxBlockU16?: number): string[] {
  const { blocks } = segmentText(text, spans, noise, maxBlockU16 === undefined ? {} : { maxBlockU16 });
  return blocks.map((block) => renderToStaticMarkup(createElement(SpanText, { text, nodes: block.nodes, labels: LABELS, selectedSpanId })));
}

interface MarkAttributes {
  readonly [name: string]: string;
}

/** The attributes of every <mark> in the markup, in document order. */
function marks(html: string): MarkAttributes[] {
  return [...html.matchAll(/<mark([^>]*)>/g)].map((m) => Object.fromEntries([...(m[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])));
}

/** The text of the markup with tags removed and entities decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

const span = (id: number, startCp: number, endCp: number, label: string, status: SpanInput['status'] = 'accepted'): SpanInput => ({ id, startCp, endCp, label, status });

describe('SpanText', () => {
  it('renders nested spans as nested marks with code point offsets', () => {
    const text = '🙈 On 14/11/2025 Hue Central Hospital opened.';
    // Code points: 🙈=0, " On "=1..5, "14/11/2025"=5..15, "Hue Central Hospital"=16..36, "Central"=20..27.
    const [html] = render(text, [span(1, 16, 36, 'HOSPITAL'), span(2, 5, 15, 'DATE'), span(3, 20, 27, 'PERSON', 'suggested')]);
    expect(marks(html!)).toEqual([
      expect.objectContaining({ 'data-span-id': '2', 'data-label': 'DATE', 'data-start': '5', 'data-end': '15', title: 'Date' }),
      expect.objectContaining({ 'data-span-id': '1', 'data-label': 'HOSPITAL', 'data-start': '16', 'data-end': '36', title: 'Hospital' }),
      expect.objectContaining({ 'data-span-id': '3', 'data-label': 'PERSON', 'data-start': '20', 'data-end': '27', title: 'Person (suggested)' }),
    ]);
    expect(html).toContain('<mark class="span status-accepted" style="--label-color:#c0392b;--level:2"');
    expect(html).toMatch(/data-start="16"[^>]*>(<span[^>]*>Hue <\/span>)<mark[^>]*data-span-id="3"[^>]*><span[^>]*>Central<\/span><\/mark><span[^>]*> Hospital<\/span><\/mark>/);
    expect(html).toContain('><span data-u16="6">14/11/2025</span></mark>');
    expect(html).not.toContain('data-fragment');
    expect(textOf(html!)).toBe(text);
  });

  it('gives every text run its UTF-16 start in data-u16', () => {
    const text = '🙈 Hue Hospital';
    const [html] = render(text, [span(1, 2, 5, 'HOSPITAL')]);
    const runs = [...html!.matchAll(/data-u16="(\d+)"[^>]*>([^<]*)</g)].map((m) => [Number(m[1]), m[2]]);
    expect(runs).toEqual([
      [0, '🙈 '],
      [3, 'Hue'],
      [6, ' Hospital'],
    ]);
    for (const [start, run] of runs) expect(text.slice(start as number, (start as number) + (run as string).length)).toBe(run);
  });

  it('draws crossing spans in fragments that all carry the span’s attributes', () => {
    const text = 'Hue Central Hospital Nguyen';
    const [html] = render(text, [span(1, 0, 20, 'HOSPITAL'), span(2, 12, 27, 'PERSON')]);
    const found = marks(html!);
    expect(found.map((m) => [m['data-span-id'], m['data-fragment'] ?? null])).toEqual([
      ['1', null],
      ['2', '0'],
      ['2', '1'],
    ]);
    for (const piece of found.filter((m) => m['data-span-id'] === '2')) {
      expect(piece).toMatchObject({ 'data-label': 'PERSON', 'data-start': '12', 'data-end': '27', class: 'span status-accepted fragment' });
    }
    expect(textOf(html!)).toBe(text);
  });

  it('names each span’s label once, where the span starts, as drawn content that leaves the text alone', () => {
    const text = 'Hue Central Hospital Nguyen';
    const [html] = render(text, [span(1, 0, 20, 'HOSPITAL'), span(2, 12, 27, 'PERSON')]);
    expect(marks(html!).map((m) => [m['data-span-id'], m['data-fragment'] ?? null, m['data-tag'] ?? null])).toEqual([
      ['1', null, 'Hospital'],
      ['2', '0', 'Person'],
      ['2', '1', null],
    ]);
    expect(textOf(html!)).toBe(text);
    // A span crossing into the next block is named in the first block only.
    const blocks = render('Hue Central\r\nHospital\r\n', [span(5, 4, 21, 'HOSPITAL')], [], null, 14);
    expect(blocks.map((block) => marks(block).map((m) => m['data-tag'] ?? null))).toEqual([['Hospital'], [null]]);
  });

  it('splits a span crossing a block boundary and keeps CRLF in the DOM with the CR hidden', () => {
    const text = 'Hue Central\r\nHospital\r\n';
    const blocks = render(text, [span(5, 4, 21, 'HOSPITAL')], [], 5, 14);
    expect(blocks).toHaveLength(2);
    const first = marks(blocks[0]!);
    const second = marks(blocks[1]!);
    expect(first).toEqual([expect.objectContaining({ 'data-span-id': '5', 'data-fragment': '0', 'data-start': '4', 'data-end': '21', class: 'span status-accepted selected fragment' })]);
    expect(second).toEqual([expect.objectContaining({ 'data-span-id': '5', 'data-fragment': '1', 'data-start': '4', 'data-end': '21' })]);
    expect(blocks[0]).toContain('<span class="cr" data-u16="11" aria-hidden="true">\r</span><span data-u16="12">\n</span>');
    expect(blocks.map(textOf).join('')).toBe(text);
  });

  it('dims noise with its kind, inside and outside spans', () => {
    const text = 'WIN BIG 🎰 now\nHue Cent🎰ral Hospital';
    const noise: NoiseInput[] = [
      { startCp: 0, endCp: 13, kind: 'spam_line' },
      { startCp: 22, endCp: 23, kind: 'injected_char' },
    ];
    const [html] = render(text, [span(1, 14, 35, 'HOSPITAL')], noise);
    expect(html).toContain('<span class="noise" data-kind="spam_line" title="Noise: spam line" data-u16="0">WIN BIG 🎰 now</span>');
    expect(html).toMatch(/<mark[^>]*data-span-id="1"[^>]*><span data-u16="15">Hue Cent<\/span><span class="noise" data-kind="injected_char" title="Noise: injected character" data-u16="23">🎰<\/span>/);
    expect(textOf(html!)).toBe(text);
  });

  it('marks spans of an unknown label grey and names them by their label', () => {
    const [html] = render('Aspirin', [span(1, 0, 7, 'MEDICINE')]);
    expect(marks(html!)[0]).toMatchObject({ 'data-label': 'MEDICINE', title: 'MEDICINE', style: '--label-color:#808080;--level:1' });
  });

  it('names a linked span’s entity in its tooltip', () => {
    const text = 'At Bạch Mai Hospital today';
    const { blocks } = segmentText(text, [{ ...span(1, 3, 20, 'HOSPITAL'), entityId: 9 }], []);
    const html = renderToStaticMarkup(createElement(SpanText, { text, nodes: blocks[0]!.nodes, labels: LABELS, selectedSpanId: null, entityNames: new Map([[9, 'Bach Mai Hospital']]) }));
    expect(marks(html)[0]).toMatchObject({ title: 'Hospital · Bach Mai Hospital', 'data-entity-id': '9', class: 'span status-accepted linked' });
  });

  it('draws a duplicate passage’s gutter mark as an empty button that leaves the text alone', () => {
    const text = '🐢 Intro.\nThe tide mill turns at noon.\n';
    const offsets = new OffsetMap(text);
    const passage = (memberId: number, otherDocuments: number): PassageInput => ({
      clusterId: 4,
      memberId,
      kind: 'passage',
      status: 'confirmed',
      startCp: 9,
      endCp: 37,
      otherDocuments,
      otherMembers: Math.max(1, otherDocuments),
    });
    const draw = (p: PassageInput): string => {
      const block = segmentBlock(0, { startU16: 0, endU16: text.length }, placeSpans(offsets, [span(1, 13, 17, 'PERSON')]), [], placePassages(offsets, [p]));
      return renderToStaticMarkup(createElement(SpanText, { text, nodes: block.nodes, labels: LABELS, selectedSpanId: null }));
    };
    const html = draw(passage(11, 3));
    expect(html).toMatch(/<span class="passage-anchor"><button type="button" class="passage-mark status-confirmed" aria-label="Also in 3 documents"[^>]*data-cluster-id="4" data-member-id="11" data-start="9" data-end="37" data-badge="≈3"><\/button><\/span><span data-u16="10">The /);
    expect(textOf(html)).toBe(text);
    expect(draw(passage(12, 0))).toContain('aria-label="Repeated in this document"');
    expect(draw(passage(13, 1))).toContain('aria-label="Also in 1 document"');
  });
});
