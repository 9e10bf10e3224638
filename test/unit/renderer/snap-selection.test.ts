import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapSelection } from '../../../src/renderer/features/document/snap-selection.js';

/** Snaps the selection of `selected` (its first occurrence in `text`, or the given indices) and returns the snapped text. */
function snapped(text: string, selected: string, options: { exact?: boolean } = {}): string | null {
  const start = text.indexOf(selected);
  if (start < 0) throw new Error(`"${selected}" is not in the text`);
  const range = snapSelection(text, start, start + selected.length, options);
  return range ? text.slice(range.startU16, range.endU16) : null;
}

describe('snapSelection', () => {
  const text = 'On 14/11/2025, Hue Central Hospital’s staff met "Dr. Nguyen Van A" (1,500 patients; 98%).';

  it('widens a cut inside a word to the whole word', () => {
    expect(snapped(text, 'ue Central Hosp')).toBe('Hue Central Hospital');
    expect(snapped(text, 'entral')).toBe('Central');
    expect(snapped(text, 'u')).toBe('Hue');
  });

  it('trims spaces and punctuation at the edges', () => {
    expect(snapped(text, ', Hue Central Hospital')).toBe('Hue Central Hospital');
    expect(snapped(text, '"Dr. Nguyen Van A" (')).toBe('Dr. Nguyen Van A');
    expect(snapped(text, '(1,500 ')).toBe('1,500');
    expect(snapped('  word  ', '  word  ')).toBe('word');
  });

  it('leaves a possessive ending out when the name was selected', () => {
    expect(snapped(text, 'Hue Central Hospital')).toBe('Hue Central Hospital');
  });

  it('keeps figures and dates whole across their separators, and a percent sign with its figure', () => {
    expect(snapped(text, '500')).toBe('1,500');
    expect(snapped(text, '11/20')).toBe('14/11/2025');
    expect(snapped(text, '98%)')).toBe('98%');
    expect(snapped('COVID-19 ward', 'COVID')).toBe('COVID-19');
  });

  it('accepts the selection in either direction', () => {
    const start = text.indexOf('Central');
    expect(snapSelection(text, start + 4, start + 1)).toEqual({ startU16: start, endU16: start + 7 });
  });

  it('keeps the selection exactly as made with Alt', () => {
    expect(snapped(text, 'ue Cen', { exact: true })).toBe('ue Cen');
    expect(snapped(text, ', Hue ', { exact: true })).toBe(', Hue ');
  });

  it('gives nothing for a selection of only spaces and punctuation', () => {
    expect(snapped(text, '" (')).toBeNull();
    expect(snapSelection(text, 5, 5)).toBeNull();
    expect(snapSelection(text, 5, 5, { exact: true })).toBeNull();
  });

  it('never splits a surrogate pair', () => {
    const astral = 'a 🙈 b';
    // 🙈 is units 2–3; a selection from the middle of it keeps the whole emoji.
    expect(snapSelection(astral, 3, 4, { exact: true })).toEqual({ startU16: 2, endU16: 4 });
    expect(snapSelection(astral, 2, 3, { exact: true })).toEqual({ startU16: 2, endU16: 4 });
    expect(snapSelection(astral, 3, 6)).toEqual({ startU16: 2, endU16: 6 });
  });

  it('widens to whole words made of astral letters and stops at emoji glued to a word', () => {
    const bold = 'the 𝐀𝐁𝐂 ward';
    const inB = bold.indexOf('𝐁') + 1; // the low half of 𝐁
    expect(snapSelection(bold, inB, inB + 1)).toEqual({ startU16: 4, endU16: 10 });
    const glued = 'Hue🙈Central';
    expect(snapped(glued, 'Cent')).toBe('Central');
    expect(snapped(glued, 'u')).toBe('Hue');
  });

  it('always lands on character boundaries inside the selection’s words (property)', () => {
    const chars = fc.constantFrom('a', 'Z', ' ', ',', '.', '1', '🙈', '𝐀', '-', '\n', '’', '%');
    fc.assert(
      fc.property(
        fc.array(chars, { minLength: 1, maxLength: 30 }).map((p) => p.join('')),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (s, a, b, exact) => {
          const anchor = a % (s.length + 1);
          const focus = b % (s.length + 1);
          const range = snapSelection(s, anchor, focus, { exact });
          if (!range) return;
          expect(range.endU16).toBeGreaterThan(range.startU16);
          for (const index of [range.startU16, range.endU16]) {
            const low = s.charCodeAt(index);
            const high = s.charCodeAt(index - 1);
            expect(low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff).toBe(false);
          }
          if (!exact) {
            const inside = s.slice(range.startU16, range.endU16);
            expect(inside).toBe(inside.trim());
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
