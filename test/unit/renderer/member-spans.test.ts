import { describe, expect, it } from 'vitest';
import type { MarkNode, RenderNode } from '../../../src/renderer/features/document/segments.js';
import { memberPieceNodes, placeMemberSpans } from '../../../src/renderer/features/duplicates/member-spans.js';

// A member starting at code point 10 of its document; its text has an emoji, so code points and UTF-16 differ.
const TEXT = 'Dr 🦉 Ada Park met Tom Reyes at the pier.';
const START_CP = 10;

function cp(needle: string): { startCp: number; endCp: number } {
  const at = TEXT.indexOf(needle);
  const startCp = START_CP + [...TEXT.slice(0, at)].length;
  return { startCp, endCp: startCp + [...needle].length };
}

function marks(nodes: readonly RenderNode[]): MarkNode[] {
  return nodes.flatMap((node) => (node.kind === 'mark' ? [node, ...marks(node.children)] : []));
}

describe('a cluster member’s spans', () => {
  it('are placed in the member’s text from code points of the document, keeping those offsets', () => {
    const placed = placeMemberSpans({
      text: TEXT,
      startCp: START_CP,
      spans: [
        { id: 2, ...cp('Tom Reyes'), label: 'PERSON', status: 'accepted' },
        // Begins before the member: drawn from the member's start.
        { id: 1, startCp: 4, endCp: cp('Dr').endCp, label: 'HOSPITAL', status: 'accepted' },
        { id: 3, ...cp('Ada Park'), label: 'PERSON', status: 'accepted' },
      ],
    });
    expect(placed.map((span) => [span.id, TEXT.slice(span.startU16, span.endU16), span.startCp, span.endCp])).toEqual([
      [1, 'Dr', 4, cp('Dr').endCp],
      [3, 'Ada Park', cp('Ada Park').startCp, cp('Ada Park').endCp],
      [2, 'Tom Reyes', cp('Tom Reyes').startCp, cp('Tom Reyes').endCp],
    ]);
  });

  it('are cut at a diff piece, drawn whole inside it and in fragments across it', () => {
    const placed = placeMemberSpans({ text: TEXT, startCp: START_CP, spans: [{ id: 7, ...cp('Ada Park'), label: 'PERSON', status: 'accepted' }] });
    const park = TEXT.indexOf('Park');
    const whole = marks(memberPieceNodes(placed, 0, TEXT.length));
    expect(whole.map((mark) => mark.fragment)).toEqual([null]);
    const before = marks(memberPieceNodes(placed, 0, park));
    const after = marks(memberPieceNodes(placed, park, TEXT.length));
    expect(before.map((mark) => [mark.span.id, mark.fragment])).toEqual([[7, 0]]);
    expect(after.map((mark) => [mark.span.id, mark.fragment])).toEqual([[7, 0]]);
    expect(marks(memberPieceNodes(placed, TEXT.indexOf('met'), TEXT.length))).toEqual([]);
  });
});
