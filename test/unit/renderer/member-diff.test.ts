import { describe, expect, it } from 'vitest';
import { columnPieces, diffMember, rangesFromChanges, referenceHighlights, type Piece } from '../../../src/renderer/features/duplicates/member-diff.js';

/** A column's pieces as a string: added text in [brackets], removed reference text in {braces}. */
function picture(text: string, pieces: readonly Piece[]): string {
  return pieces.map((piece) => (piece.kind === 'removed' ? `{${piece.text}}` : piece.kind === 'added' ? `[${text.slice(piece.startU16, piece.endU16)}]` : text.slice(piece.startU16, piece.endU16))).join('');
}

function columnOf(reference: string, member: string): string {
  const diff = diffMember(reference, member);
  return picture(member, columnPieces(member.length, diff.added, diff.removed));
}

describe('diffMember', () => {
  it('highlights the one word that changed, and shows what it replaced', () => {
    const reference = 'The ferry to the northern island leaves at dawn every Tuesday.';
    const member = 'The ferry to the southern island leaves at dawn every Tuesday.';
    const diff = diffMember(reference, member);
    expect(diff.identical).toBe(false);
    expect(diff.added).toEqual([{ startU16: 17, endU16: 25, startCp: 17, endCp: 25 }]);
    expect(diff.removed).toEqual([expect.objectContaining({ atU16: 17, atCp: 17, text: 'northern' })]);
    expect(columnOf(reference, member)).toBe('The ferry to the {northern}[southern] island leaves at dawn every Tuesday.');
  });

  it('gives code point offsets after an emoji, and keeps the emoji whole', () => {
    const reference = '🐢 slow tide 🌊 at the pier';
    const member = '🐢 slow tide 🌙 at the pier';
    const diff = diffMember(reference, member);
    // "🐢 slow tide " is 12 code points (13 UTF-16 units): the moon starts at code point 12.
    expect(diff.added).toEqual([{ startU16: 13, endU16: 15, startCp: 12, endCp: 13 }]);
    expect(member.slice(13, 15)).toBe('🌙');
    expect(diff.removed).toEqual([expect.objectContaining({ atCp: 12, text: '🌊', inReference: { startU16: 13, endU16: 15, startCp: 12, endCp: 13 } })]);
  });

  it('says identical texts are identical and highlights nothing', () => {
    const diff = diffMember('same words 🙂', 'same words 🙂');
    expect(diff).toEqual({ added: [], removed: [], identical: true, gaveUp: false });
    expect(picture('same words 🙂', columnPieces('same words 🙂'.length, diff.added, diff.removed))).toBe('same words 🙂');
  });

  it('shows words only one side has', () => {
    expect(columnOf('lanterns line the quiet canal', 'lanterns line the canal')).toBe('lanterns line the {quiet }canal');
    expect(columnOf('lanterns line the canal', 'paper lanterns line the canal')).toBe('[paper ]lanterns line the canal');
  });
});

describe('rangesFromChanges', () => {
  it('widens a change that cuts an emoji in two, in both texts', () => {
    // 🙈 is D83D DE48 and 🙉 is D83D DE49: a per-unit diff would keep the shared high surrogate.
    const reference = 'a🙈b';
    const member = 'a🙉b';
    const diff = rangesFromChanges(reference, member, [
      { value: 'a\ud83d' },
      { value: '\ude48', removed: true },
      { value: '\ude49', added: true },
      { value: 'b' },
    ]);
    expect(diff.added).toEqual([{ startU16: 1, endU16: 3, startCp: 1, endCp: 2 }]);
    expect(diff.removed).toEqual([{ atU16: 1, atCp: 1, text: '🙈', inReference: { startU16: 1, endU16: 3, startCp: 1, endCp: 2 } }]);
    expect(picture(member, columnPieces(member.length, diff.added, diff.removed))).toBe('a{🙈}[🙉]b');
  });

  it('joins touching additions into one range', () => {
    const diff = rangesFromChanges('x', 'abx', [{ value: 'a', added: true }, { value: 'b', added: true }, { value: 'x' }]);
    expect(diff.added).toEqual([{ startU16: 0, endU16: 2, startCp: 0, endCp: 2 }]);
  });
});

describe('referenceHighlights', () => {
  it('marks in the reference every stretch some member lacks', () => {
    const reference = 'red kite over green hills';
    const first = diffMember(reference, 'red kite over brown hills');
    const second = diffMember(reference, 'blue kite over green hills');
    const ranges = referenceHighlights(reference, [first, second]);
    expect(ranges.map((range) => reference.slice(range.startU16, range.endU16))).toEqual(['red', 'green']);
  });
});

describe('columnPieces', () => {
  it('keeps a removal at the end of the text', () => {
    expect(picture('abc', columnPieces(3, [], [{ atU16: 3, text: 'd' }]))).toBe('abc{d}');
  });
});
