/**
 * Cuts a document's text into what the document view renders: blocks (for
 * virtualisation) made of segments (runs of text under the same spans and
 * noise), and for each block a tree of nested marks, with the gutter marks of
 * duplicate passages placed where those passages start.
 *
 * Spans and noise arrive in code points; everything produced here is in UTF-16
 * indices of the text, because that is what the DOM and `String.slice` speak.
 * Each placed span keeps its original code point offsets for the data-start and
 * data-end attributes. All conversions go through OffsetMap.
 *
 * The work is one sorted sweep over the boundaries (O((S + N + B) log) plus the
 * depth of nesting per segment), so a long document with thousands of spans
 * segments in a few milliseconds.
 */
import { OffsetMap } from '../../../shared/offsets.js';
import type { DuplicateKind, DuplicateStatus, NoiseKind, SpanStatus } from '../../../shared/model.js';

/** The fields of a span the view needs. */
export interface SpanInput {
  readonly id: number;
  readonly startCp: number;
  readonly endCp: number;
  readonly label: string;
  readonly status: SpanStatus;
  /** The entity the span mentions, if linked (its name goes into the tooltip). */
  readonly entityId?: number | null;
  /** For a suggestion: the recogniser that proposed it and how sure it was (both go into the tooltip). */
  readonly recogniser?: string | null;
  readonly confidence?: number | null;
  /** For a learnt form's suggestion: how often its form was tagged and rejected (the tooltip says so). */
  readonly learntFrom?: { readonly accepted: number; readonly rejected: number } | null;
  /** Whose span it is, when the view shows several annotators' spans (the tooltip says so); omitted otherwise. */
  readonly annotator?: string;
}

/** A passage of the document that has duplicates: its gutter mark sits where it starts. */
export interface PassageInput {
  readonly clusterId: number;
  readonly memberId: number;
  readonly kind: DuplicateKind;
  readonly status: DuplicateStatus;
  readonly startCp: number;
  readonly endCp: number;
  readonly otherDocuments: number;
  readonly otherMembers: number;
}

/** A passage with the UTF-16 index of its start in the text. */
export interface PlacedPassage extends PassageInput {
  readonly startU16: number;
}

/** The gutter mark of a passage in the render tree: drawn before the text at its start. */
export interface PassageNode {
  readonly kind: 'passage';
  readonly passage: PlacedPassage;
}

export interface NoiseInput {
  readonly startCp: number;
  readonly endCp: number;
  readonly kind: NoiseKind;
}

/** A span with its UTF-16 range in the text. */
export interface PlacedSpan extends SpanInput {
  readonly entityId: number | null;
  readonly startU16: number;
  readonly endU16: number;
}

/** A run of text in the render tree: the same UTF-16 range and noise kind as its segment. */
export interface TextNode {
  readonly kind: 'text';
  readonly startU16: number;
  readonly endU16: number;
  /** The kind of the earliest noise mark covering the run, if any. */
  readonly noise: NoiseKind | null;
}

/**
 * A run of text under one unchanging stack of spans and one noise kind. It is
 * also the text node of the render tree (one object for both keeps a document
 * with thousands of spans from churning the garbage collector).
 */
export interface Segment extends TextNode {
  /** The spans covering the run, outermost first (earlier start, then longer, then lower id). */
  readonly spans: readonly PlacedSpan[];
}

export interface MarkNode {
  readonly kind: 'mark';
  readonly span: PlacedSpan;
  /** Position of this piece among the span's pieces, or null when the span is drawn in one piece. */
  readonly fragment: number | null;
  /** 1 for a mark with no marks inside, otherwise one more than its deepest child: outer underlines sit lower. */
  readonly level: number;
  readonly children: readonly RenderNode[];
}

export type RenderNode = TextNode | MarkNode | PassageNode;

export interface Block {
  readonly index: number;
  readonly startU16: number;
  readonly endU16: number;
  readonly segments: readonly Segment[];
  /** The block's content as nested marks over text runs, ready to render. */
  readonly nodes: readonly RenderNode[];
}

export interface SegmentedText {
  readonly blocks: readonly Block[];
  /** Every drawable span in reading order (start, then longer first, then id). */
  readonly spans: readonly PlacedSpan[];
  /** How many pieces each span is drawn in (more than one when it crosses a block or another span). */
  readonly pieces: ReadonlyMap<number, number>;
}

export interface SegmentOptions {
  /** Upper bound of a block's length in UTF-16 units (a single unit more only to keep a character whole). */
  readonly maxBlockU16?: number;
}

export const DEFAULT_MAX_BLOCK_U16 = 2000;

const LF = 0x0a;
const CR = 0x0d;

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** True when a cut at `index` would separate two units that belong together (a surrogate pair or CR LF). */
function splitsUnit(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return false;
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index);
  return (isHighSurrogate(before) && isLowSurrogate(after)) || (before === CR && after === LF);
}

/**
 * Splits the text into consecutive ranges of at most `maxU16` units, cutting after
 * a line break when one is in reach, else after a space, else anywhere that keeps
 * characters and CR LF whole. Packs as many whole lines as fit into each range.
 */
export function blockRanges(text: string, maxU16: number = DEFAULT_MAX_BLOCK_U16): { startU16: number; endU16: number }[] {
  const max = Math.max(2, Math.floor(maxU16));
  const ranges: { startU16: number; endU16: number }[] = [];
  const length = text.length;
  let start = 0;
  while (start < length) {
    const limit = start + max;
    if (limit >= length) {
      ranges.push({ startU16: start, endU16: length });
      break;
    }
    let cut = -1;
    let spaceCut = -1;
    // One backward scan per block: the whole text is read about once.
    for (let i = limit - 1; i >= start; i--) {
      const unit = text.charCodeAt(i);
      if (unit === LF || (unit === CR && text.charCodeAt(i + 1) !== LF)) {
        if (i + 1 > start && !splitsUnit(text, i + 1)) {
          cut = i + 1;
          break;
        }
      } else if (spaceCut < 0 && (unit === 0x20 || unit === 0x09) && i + 1 > start) {
        spaceCut = i + 1;
      }
    }
    if (cut < 0) cut = spaceCut;
    if (cut < 0) {
      cut = limit;
      if (splitsUnit(text, cut)) cut -= 1;
      if (cut <= start) cut = start + 2;
    }
    ranges.push({ startU16: start, endU16: cut });
    start = cut;
  }
  return ranges;
}

/** Reading order of spans: earlier start first, then the longer one (it encloses), then the lower id. */
export function compareSpans(a: PlacedSpan, b: PlacedSpan): number {
  return a.startU16 - b.startU16 || b.endU16 - a.endU16 || a.id - b.id;
}

/** Places spans in the text: clamps them to it, drops empty ones and sorts them in reading order. */
export function placeSpans(offsets: OffsetMap, spans: readonly SpanInput[]): PlacedSpan[] {
  const placed: PlacedSpan[] = [];
  for (const span of spans) {
    const startCp = Math.max(0, Math.min(span.startCp, offsets.lengthCp));
    const endCp = Math.max(0, Math.min(span.endCp, offsets.lengthCp));
    if (!(endCp > startCp)) continue;
    // Only the fields the view needs, built explicitly: object spread is slow on hot paths.
    placed.push({
      id: span.id,
      startCp: span.startCp,
      endCp: span.endCp,
      label: span.label,
      status: span.status,
      entityId: span.entityId ?? null,
      recogniser: span.recogniser ?? null,
      confidence: span.confidence ?? null,
      learntFrom: span.learntFrom ?? null,
      ...(span.annotator ? { annotator: span.annotator } : {}),
      startU16: offsets.toU16(startCp),
      endU16: offsets.toU16(endCp),
    });
  }
  return placed.sort(compareSpans);
}

export interface PlacedNoise {
  readonly startU16: number;
  readonly endU16: number;
  readonly kind: NoiseKind;
}

type MutableMark = { kind: 'mark'; span: PlacedSpan; fragment: number | null; level: number; children: RenderNode[] };

/** Places passages in the text by their start, in order; passages outside the text are dropped. */
export function placePassages(offsets: OffsetMap, passages: readonly PassageInput[]): PlacedPassage[] {
  const placed: PlacedPassage[] = [];
  for (const passage of passages) {
    if (passage.startCp < 0 || passage.startCp >= offsets.lengthCp || !(passage.endCp > passage.startCp)) continue;
    placed.push({ ...passage, startU16: offsets.toU16(passage.startCp) });
  }
  return placed.sort((a, b) => a.startU16 - b.startU16 || a.clusterId - b.clusterId || a.memberId - b.memberId);
}

/** For each block, the passages starting in it (a passage's gutter mark belongs to the block of its first line). */
export function passagesByBlock(ranges: readonly { readonly startU16: number }[], passages: readonly PlacedPassage[]): PlacedPassage[][] {
  const result: PlacedPassage[][] = ranges.map(() => []);
  for (const passage of passages) result[blockIndexAt(ranges, passage.startU16)]?.push(passage);
  return result;
}

/** Places noise marks in the text, sorted by start (longer first). */
export function placeNoise(offsets: OffsetMap, noise: readonly NoiseInput[]): PlacedNoise[] {
  const placed: PlacedNoise[] = [];
  for (const mark of noise) {
    const startCp = Math.max(0, Math.min(mark.startCp, offsets.lengthCp));
    const endCp = Math.max(0, Math.min(mark.endCp, offsets.lengthCp));
    if (endCp > startCp) placed.push({ startU16: offsets.toU16(startCp), endU16: offsets.toU16(endCp), kind: mark.kind });
  }
  return placed.sort((a, b) => a.startU16 - b.startU16 || b.endU16 - a.endU16);
}

/**
 * Cuts [fromU16, toU16) into runs under the same spans and noise, also cutting at
 * `cuts`. `placed` and `noise` are in reading order and need only hold what
 * overlaps the range: whatever starts before it is open when the sweep begins.
 */
function sweep(fromU16: number, toU16: number, cuts: readonly number[], placed: readonly PlacedSpan[], noise: readonly PlacedNoise[]): Segment[] {
  // Every place where something starts or stops inside the range, once, in order.
  const points = new Float64Array(2 * placed.length + 2 * noise.length + cuts.length + 2);
  let p = 0;
  const clip = (at: number): number => Math.min(toU16, Math.max(fromU16, at));
  for (const span of placed) {
    points[p++] = clip(span.startU16);
    points[p++] = clip(span.endU16);
  }
  for (const mark of noise) {
    points[p++] = clip(mark.startU16);
    points[p++] = clip(mark.endU16);
  }
  for (const cut of cuts) points[p++] = clip(cut);
  points[p++] = fromU16;
  points[p++] = toU16;
  points.sort();
  let unique = 0;
  for (let i = 0; i < points.length; i++) if (i === 0 || points[i] !== points[unique - 1]) points[unique++] = points[i] as number;
  const bounds = points.subarray(0, unique);

  const segments: Segment[] = [];
  let nextSpan = 0;
  let nextNoise = 0;
  // What started before the range is already open, outermost first.
  let active: PlacedSpan[] = [];
  while (nextSpan < placed.length && (placed[nextSpan] as PlacedSpan).startU16 < fromU16) active.push(placed[nextSpan++] as PlacedSpan);
  let activeNoise: PlacedNoise[] = [];
  while (nextNoise < noise.length && (noise[nextNoise] as PlacedNoise).startU16 < fromU16) activeNoise.push(noise[nextNoise++] as PlacedNoise);
  for (let i = 0; i < bounds.length; i++) {
    const at = bounds[i] as number;
    // Spans and noise ending here leave; a fresh array keeps earlier segments' stacks intact.
    if (active.some((span) => span.endU16 <= at)) active = active.filter((span) => span.endU16 > at);
    if (activeNoise.some((mark) => mark.endU16 <= at)) activeNoise = activeNoise.filter((mark) => mark.endU16 > at);
    // Spans starting here go on top: their start is the latest, and placeSpans sorted them longest first.
    if (nextSpan < placed.length && (placed[nextSpan] as PlacedSpan).startU16 === at) {
      active = active.slice();
      while (nextSpan < placed.length && (placed[nextSpan] as PlacedSpan).startU16 === at) active.push(placed[nextSpan++] as PlacedSpan);
    }
    if (nextNoise < noise.length && (noise[nextNoise] as PlacedNoise).startU16 === at) {
      activeNoise = activeNoise.slice();
      while (nextNoise < noise.length && (noise[nextNoise] as PlacedNoise).startU16 === at) activeNoise.push(noise[nextNoise++] as PlacedNoise);
    }
    const end = bounds[i + 1];
    if (end === undefined || at >= toU16) break;
    segments.push({ kind: 'text', startU16: at, endU16: end, noise: activeNoise[0]?.kind ?? null, spans: active });
  }
  return segments;
}

/**
 * Segments a document for display: blocks of at most `maxBlockU16` units, each
 * cut into runs under the same spans and noise, and a tree of marks per block in
 * which a span that crosses another (or a block boundary) is drawn in pieces.
 */
export function segmentText(
  text: string,
  spans: readonly SpanInput[],
  noise: readonly NoiseInput[],
  options: SegmentOptions = {},
): SegmentedText {
  const offsets = new OffsetMap(text);
  const placed = placeSpans(offsets, spans);
  const ranges = blockRanges(text, options.maxBlockU16 ?? DEFAULT_MAX_BLOCK_U16);
  const all = sweep(0, text.length, ranges.map((range) => range.startU16), placed, placeNoise(offsets, noise));
  // Block starts are cut points, so no segment crosses into the next block.
  const blockSegments: Segment[][] = ranges.map(() => []);
  let block = 0;
  for (const segment of all) {
    while (block < ranges.length - 1 && (ranges[block] as { endU16: number }).endU16 <= segment.startU16) block++;
    (blockSegments[block] as Segment[]).push(segment);
  }

  const pieces = new Map<number, number>();
  const marks: MutableMark[] = [];
  const blocks: Block[] = ranges.map((range, index) => {
    const segments = blockSegments[index] as Segment[];
    return { index, startU16: range.startU16, endU16: range.endU16, segments, nodes: buildTree(segments, pieces, marks) };
  });
  // A span drawn in several pieces labels each piece; one drawn whole carries no fragment number.
  for (const mark of marks) if ((pieces.get(mark.span.id) ?? 0) < 2) mark.fragment = null;
  return { blocks, spans: placed, pieces };
}

/**
 * Segments one block on its own, from the spans and noise that overlap it (in
 * reading order): what an edit costs when only the blocks on screen are drawn.
 * A span reaching past the block is drawn as a fragment; fragment numbers count
 * within the block.
 */
export function segmentBlock(
  index: number,
  range: { readonly startU16: number; readonly endU16: number },
  spans: readonly PlacedSpan[],
  noise: readonly PlacedNoise[],
  passages: readonly PlacedPassage[] = [],
): Block {
  // A run starts at each passage's start, so its gutter mark can go right before it.
  const cuts = passages.map((passage) => passage.startU16);
  const segments = sweep(range.startU16, range.endU16, cuts, spans, noise);
  const pieces = new Map<number, number>();
  const marks: MutableMark[] = [];
  const nodes = buildTree(segments, pieces, marks, passages);
  for (const mark of marks) {
    const whole = mark.span.startU16 >= range.startU16 && mark.span.endU16 <= range.endU16;
    if (whole && (pieces.get(mark.span.id) ?? 0) < 2) mark.fragment = null;
  }
  return { index, startU16: range.startU16, endU16: range.endU16, segments, nodes };
}

/** For each block, the spans and noise overlapping it, in reading order: one pass over each list. */
export function overlapsByBlock(
  ranges: readonly { readonly startU16: number; readonly endU16: number }[],
  spans: readonly PlacedSpan[],
  noise: readonly PlacedNoise[],
): { spans: PlacedSpan[]; noise: PlacedNoise[] }[] {
  const result = ranges.map(() => ({ spans: [] as PlacedSpan[], noise: [] as PlacedNoise[] }));
  const spread = <T extends { readonly startU16: number; readonly endU16: number }>(items: readonly T[], pick: (entry: (typeof result)[number]) => T[]): void => {
    for (const item of items) {
      for (let b = blockIndexAt(ranges, item.startU16); b < ranges.length && (ranges[b] as { startU16: number }).startU16 < item.endU16; b++) {
        pick(result[b] as (typeof result)[number]).push(item);
      }
    }
  };
  spread(spans, (entry) => entry.spans);
  spread(noise, (entry) => entry.noise);
  return result;
}

/**
 * Nests a block's segments into marks, opening and closing only what changes
 * between neighbours. A passage's gutter mark goes before the first run at or
 * after its start, outside the marks that open there.
 */
function buildTree(segments: readonly Segment[], pieces: Map<number, number>, marks: MutableMark[], passages: readonly PlacedPassage[] = []): RenderNode[] {
  const root: RenderNode[] = [];
  const open: MutableMark[] = [];
  let nextPassage = 0;
  const container = (): RenderNode[] => (open.length > 0 ? (open[open.length - 1] as MutableMark).children : root);
  const close = (keep: number): void => {
    while (open.length > keep) {
      const mark = open.pop() as MutableMark;
      let deepest = 0;
      for (const child of mark.children) if (child.kind === 'mark' && child.level > deepest) deepest = child.level;
      mark.level = deepest + 1;
    }
  };
  for (const segment of segments) {
    let common = 0;
    while (common < open.length && common < segment.spans.length && (open[common] as MutableMark).span === segment.spans[common]) common++;
    close(common);
    while (nextPassage < passages.length && (passages[nextPassage] as PlacedPassage).startU16 <= segment.startU16) {
      container().push({ kind: 'passage', passage: passages[nextPassage++] as PlacedPassage });
    }
    for (let k = common; k < segment.spans.length; k++) {
      const span = segment.spans[k] as PlacedSpan;
      const index = pieces.get(span.id) ?? 0;
      pieces.set(span.id, index + 1);
      const mark: MutableMark = { kind: 'mark', span, fragment: index, level: 1, children: [] };
      marks.push(mark);
      container().push(mark);
      open.push(mark);
    }
    container().push(segment);
  }
  close(0);
  while (nextPassage < passages.length) root.push({ kind: 'passage', passage: passages[nextPassage++] as PlacedPassage });
  return root;
}

/** Index of the block holding UTF-16 index `indexU16` (the last block for the very end). */
export function blockIndexAt(blocks: readonly { readonly startU16: number }[], indexU16: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((blocks[mid] as { startU16: number }).startU16 <= indexU16) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}
