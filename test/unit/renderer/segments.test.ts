import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OffsetMap } from '../../../src/shared/offsets.js';
import {
  blockIndexAt,
  blockRanges,
  overlapsByBlock,
  passagesByBlock,
  placeNoise,
  placePassages,
  placeSpans,
  segmentBlock,
  segmentText,
  type MarkNode,
  type NoiseInput,
  type PassageInput,
  type RenderNode,
  type SegmentedText,
  type SpanInput,
} from '../../../src/renderer/features/document/segments.js';

/** A span in code points, accepted, labelled `label`. */
function span(id: number, startCp: number, endCp: number, label = 'HOSPITAL'): SpanInput {
  return { id, startCp, endCp, label, status: 'accepted' };
}

/** A compact picture of a node tree: marks as "[id:children]" (with "#n" for fragments), passages as "¶member", text as its content. */
function shape(nodes: readonly RenderNode[], text: string): string {
  return nodes
    .map((node) => {
      if (node.kind === 'text') return node.noise ? `{${text.slice(node.startU16, node.endU16)}}` : text.slice(node.startU16, node.endU16);
      if (node.kind === 'passage') return `¶${node.passage.memberId}`;
      return `[${node.span.id}${node.fragment !== null ? `#${node.fragment}` : ''}:${shape(node.children, text)}]`;
    })
    .join('');
}

function allShapes(result: SegmentedText, text: string): string[] {
  return result.blocks.map((block) => shape(block.nodes, text));
}

function marks(nodes: readonly RenderNode[]): MarkNode[] {
  return nodes.flatMap((node) => (node.kind === 'mark' ? [node, ...marks(node.children)] : []));
}

describe('segmentText', () => {
  it('nests a span inside another and stacks their underlines', () => {
    const text = 'At Hue Central Hospital today';
    const result = segmentText(text, [span(1, 3, 23), span(2, 7, 14, 'PERSON')], []);
    expect(allShapes(result, text)).toEqual(['At [1:Hue [2:Central] Hospital] today']);
    const [outer, inner] = marks(result.blocks[0]!.nodes);
    expect(outer).toMatchObject({ level: 2, fragment: null, span: { id: 1, startU16: 3, endU16: 23 } });
    expect(inner).toMatchObject({ level: 1, fragment: null, span: { id: 2, label: 'PERSON' } });
    expect(result.blocks[0]!.segments.map((s) => s.spans.map((x) => x.id))).toEqual([[], [1], [1, 2], [1], []]);
  });

  it('splits the later of two crossing spans into fragments', () => {
    const text = 'abcdefghij';
    const result = segmentText(text, [span(7, 3, 9), span(5, 0, 6)], []);
    expect(allShapes(result, text)).toEqual(['[5:abc[7#0:def]][7#1:ghi]j']);
    expect(result.pieces.get(7)).toBe(2);
    expect(result.pieces.get(5)).toBe(1);
  });

  it('orders spans with the same start longest first, and identical ones by id', () => {
    const text = 'Hue Central Hospital';
    const result = segmentText(text, [span(3, 0, 3), span(2, 0, 20), span(9, 0, 3), span(1, 0, 3)], []);
    expect(allShapes(result, text)).toEqual(['[2:[1:[3:[9:Hue]]] Central Hospital]']);
  });

  it('places spans after astral characters by code points and keeps them for data-start/data-end', () => {
    const text = '🙈𝄹 Hue 🅺 Hospital';
    // Code points: 🙈=0 𝄹=1 ' '=2 H=3 u=4 e=5 ' '=6 🅺=7 ' '=8 Hospital=9..17
    const result = segmentText(text, [span(1, 3, 6), span(2, 9, 17)], []);
    expect(allShapes(result, text)).toEqual(['🙈𝄹 [1:Hue] 🅺 [2:Hospital]']);
    const [hue, hospital] = marks(result.blocks[0]!.nodes);
    expect(hue!.span).toMatchObject({ startCp: 3, endCp: 6, startU16: 5, endU16: 8 });
    expect(hospital!.span).toMatchObject({ startCp: 9, endCp: 17, startU16: 12, endU16: 20 });
    expect(text.slice(hospital!.span.startU16, hospital!.span.endU16)).toBe('Hospital');
  });

  it('cuts blocks after CRLF, never between CR and LF, and splits spans crossing a block boundary', () => {
    const text = 'one\r\ntwo\r\nthree\r\n';
    const blocks = blockRanges(text, 7);
    expect(blocks).toEqual([
      { startU16: 0, endU16: 5 },
      { startU16: 5, endU16: 10 },
      { startU16: 10, endU16: 17 },
    ]);
    // "one\r\ntwo" as one span: it crosses the first block boundary.
    const result = segmentText(text, [span(4, 0, 8)], [], { maxBlockU16: 7 });
    expect(allShapes(result, text)).toEqual(['[4#0:one\r\n]', '[4#1:two]\r\n', 'three\r\n']);
    expect(result.pieces.get(4)).toBe(2);
  });

  it('never cuts a surrogate pair when a line is longer than a block', () => {
    const text = '🙈🙈🙈🙈🙈';
    const blocks = blockRanges(text, 3);
    expect(blocks).toEqual([
      { startU16: 0, endU16: 2 },
      { startU16: 2, endU16: 4 },
      { startU16: 4, endU16: 6 },
      { startU16: 6, endU16: 8 },
      { startU16: 8, endU16: 10 },
    ]);
  });

  it('packs whole lines into a block and cuts a long line after a space', () => {
    const text = 'ab\ncd\nefgh ijkl mnop\n';
    expect(blockRanges(text, 7)).toEqual([
      { startU16: 0, endU16: 6 },
      { startU16: 6, endU16: 11 },
      { startU16: 11, endU16: 16 },
      { startU16: 16, endU16: 21 },
    ]);
  });

  it('shows noise inside a span as dimmed runs within the mark', () => {
    const text = 'Hue Cent🎰ral Hospital';
    const noise: NoiseInput[] = [{ startCp: 8, endCp: 9, kind: 'injected_char' }];
    const result = segmentText(text, [span(1, 0, 21)], noise);
    expect(allShapes(result, text)).toEqual(['[1:Hue Cent{🎰}ral Hospital]']);
    const inner = (result.blocks[0]!.nodes[0] as MarkNode).children;
    expect(inner[1]).toMatchObject({ kind: 'text', startU16: 8, endU16: 10, noise: 'injected_char' });
  });

  it('shows noise crossing a span boundary on both sides of it', () => {
    const text = 'Buy now!! Hue Hospital';
    const result = segmentText(text, [span(1, 10, 22)], [{ startCp: 0, endCp: 13, kind: 'spam_line' }]);
    expect(allShapes(result, text)).toEqual(['{Buy now!! }[1:{Hue} Hospital]']);
  });

  it('drops empty spans and clamps spans past the end of the text', () => {
    const text = 'short';
    const result = segmentText(text, [span(1, 2, 2), span(2, 3, 99), span(3, 9, 12)], []);
    expect(allShapes(result, text)).toEqual(['sho[2:rt]']);
    expect(result.spans.map((s) => s.id)).toEqual([2]);
  });

  it('finds the block holding an index', () => {
    const text = 'aaaa\nbbbb\ncccc\n';
    const { blocks } = segmentText(text, [], [], { maxBlockU16: 5 });
    expect(blocks.map((b) => [b.startU16, b.endU16])).toEqual([
      [0, 5],
      [5, 10],
      [10, 15],
    ]);
    expect(blockIndexAt(blocks, 0)).toBe(0);
    expect(blockIndexAt(blocks, 7)).toBe(1);
    expect(blockIndexAt(blocks, 10)).toBe(2);
    expect(blockIndexAt(blocks, 15)).toBe(2);
  });

  it('covers the text exactly and gives every run the spans that cover it (property)', () => {
    const chars = fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '🙈', 'é');
    const input = fc
      .array(chars, { minLength: 1, maxLength: 60 })
      .map((parts) => parts.join(''))
      .chain((text) => {
        const lengthCp = [...text].length;
        const offset = fc.integer({ min: 0, max: lengthCp });
        const spans = fc.array(fc.tuple(offset, offset), { maxLength: 8 });
        const noise = fc.array(fc.tuple(offset, offset), { maxLength: 3 });
        return fc.tuple(fc.constant(text), spans, noise, fc.integer({ min: 2, max: 12 }));
      });
    fc.assert(
      fc.property(input, ([text, rawSpans, rawNoise, maxBlockU16]) => {
        const spans = rawSpans.map(([a, b], i) => span(i + 1, Math.min(a, b), Math.max(a, b)));
        const noise: NoiseInput[] = rawNoise.map(([a, b]) => ({ startCp: Math.min(a, b), endCp: Math.max(a, b), kind: 'boilerplate' }));
        const map = new OffsetMap(text);
        const result = segmentText(text, spans, noise, { maxBlockU16 });
        let at = 0;
        for (const block of result.blocks) {
          expect(block.startU16).toBe(at);
          for (const segment of block.segments) {
            expect(segment.startU16).toBe(at);
            expect(segment.endU16).toBeGreaterThan(at);
            // Runs start and end on character boundaries (toCp throws inside a surrogate pair).
            map.toCp(segment.startU16);
            map.toCp(segment.endU16);
            const covering = spans
              .filter((s) => s.endCp > s.startCp && map.toU16(s.startCp) <= segment.startU16 && map.toU16(s.endCp) >= segment.endU16)
              .map((s) => s.id)
              .sort((a, b) => a - b);
            expect(segment.spans.map((s) => s.id).sort((a, b) => a - b)).toEqual(covering);
            at = segment.endU16;
          }
          expect(block.endU16).toBe(at);
        }
        expect(at).toBe(text.length);
        // The trees hold the same text runs as the segments, in order.
        const flat = (nodes: readonly RenderNode[]): string =>
          nodes.map((n) => (n.kind === 'text' ? text.slice(n.startU16, n.endU16) : n.kind === 'mark' ? flat(n.children) : '')).join('');
        expect(result.blocks.map((b) => flat(b.nodes)).join('')).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('draws each block alone exactly as the whole-document pass does (property)', () => {
    const chars = fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '🙈', 'é');
    const input = fc
      .array(chars, { minLength: 1, maxLength: 60 })
      .map((parts) => parts.join(''))
      .chain((text) => {
        const offset = fc.integer({ min: 0, max: [...text].length });
        return fc.tuple(fc.constant(text), fc.array(fc.tuple(offset, offset), { maxLength: 8 }), fc.array(fc.tuple(offset, offset), { maxLength: 3 }), fc.integer({ min: 2, max: 12 }));
      });
    // Fragment numbers count within a block when it is drawn alone; whether a piece is a fragment must agree.
    const withoutNumbers = (nodes: readonly RenderNode[], text: string): string => shape(nodes, text).replace(/#\d+/g, '#');
    fc.assert(
      fc.property(input, ([text, rawSpans, rawNoise, maxBlockU16]) => {
        const spans = rawSpans.map(([a, b], i) => span(i + 1, Math.min(a, b), Math.max(a, b)));
        const noise: NoiseInput[] = rawNoise.map(([a, b]) => ({ startCp: Math.min(a, b), endCp: Math.max(a, b), kind: 'boilerplate' }));
        const whole = segmentText(text, spans, noise, { maxBlockU16 });
        const offsets = new OffsetMap(text);
        const ranges = blockRanges(text, maxBlockU16);
        const overlaps = overlapsByBlock(ranges, placeSpans(offsets, spans), placeNoise(offsets, noise));
        ranges.forEach((range, index) => {
          const alone = segmentBlock(index, range, overlaps[index]?.spans ?? [], overlaps[index]?.noise ?? []);
          const expected = whole.blocks[index];
          expect(alone.segments.map((g) => [g.startU16, g.endU16, g.noise, g.spans.map((x) => x.id)])).toEqual(
            expected?.segments.map((g) => [g.startU16, g.endU16, g.noise, g.spans.map((x) => x.id)]),
          );
          expect(withoutNumbers(alone.nodes, text)).toBe(withoutNumbers(expected?.nodes ?? [], text));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('segments 200,000 characters with 5,000 nested and crossing spans, keeping every span', () => {
    const line = 'On 14/11/2025 Hue Central Hospital 🙈 welcomed 250 patients and Dr. Nguyen Van A.\r\n';
    let text = '';
    while (text.length < 200_000) text += line;
    const lengthCp = new OffsetMap(text).lengthCp;
    const spans: SpanInput[] = [];
    for (let i = 0; i < 5000; i++) {
      const start = Math.floor((i * lengthCp) / 5000);
      // Some nested, some crossing their neighbour.
      spans.push(span(i + 1, start, Math.min(lengthCp, start + 10 + (i % 7) * 9), i % 2 === 0 ? 'HOSPITAL' : 'DATE'));
    }
    const noise: NoiseInput[] = Array.from({ length: 500 }, (_, i) => ({ startCp: i * 390, endCp: i * 390 + 5, kind: 'injected_char' as const }));
    const result = segmentText(text, spans, noise);
    expect(result.spans).toHaveLength(5000);
  });
});

describe('passage gutter marks', () => {
  const passage = (memberId: number, startCp: number, endCp: number): PassageInput => ({
    clusterId: 7,
    memberId,
    kind: 'passage',
    status: 'suggested',
    startCp,
    endCp,
    otherDocuments: 1,
    otherMembers: 1,
  });

  /** One block over the whole text, with the passages given. */
  function drawn(text: string, spans: readonly SpanInput[], passages: readonly PassageInput[]): string {
    const offsets = new OffsetMap(text);
    const range = { startU16: 0, endU16: text.length };
    const block = segmentBlock(0, range, placeSpans(offsets, spans), [], placePassages(offsets, passages));
    return shape(block.nodes, text);
  }

  it('goes where its passage starts, outside a span starting there and inside one running across', () => {
    const text = 'Intro.\nThe tide mill turns.\nEnd.';
    expect(drawn(text, [span(1, 7, 10)], [passage(3, 7, 27)])).toBe('Intro.\n¶3[1:The] tide mill turns.\nEnd.');
    expect(drawn(text, [span(2, 0, 12)], [passage(4, 7, 27)])).toBe('[2:Intro.\n¶4The t]ide mill turns.\nEnd.');
  });

  it('is placed by code points after an emoji, and lands in the block of its first line', () => {
    const text = '🐢🐢\nslow tide\nlater';
    const placed = placePassages(new OffsetMap(text), [passage(5, 3, 12)]);
    expect(placed.map((p) => p.startU16)).toEqual([5]);
    const ranges = blockRanges(text, 6);
    expect(passagesByBlock(ranges, placed).map((list) => list.map((p) => p.memberId))).toEqual(ranges.map((range) => (range.startU16 <= 5 && 5 < range.endU16 ? [5] : [])));
  });

  it('drops passages outside the text', () => {
    expect(placePassages(new OffsetMap('short'), [passage(1, 5, 9), passage(2, 3, 3)])).toEqual([]);
  });
});
