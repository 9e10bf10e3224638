import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OffsetMap, codePointLength, cpToU16, sliceCp, u16ToCp } from '../../src/shared/offsets.js';

/** Characters that make UTF-16 and code point offsets differ, or tempt normalisation. */
const tricky = fc.constantFrom('a', 'é', 'e\u0301', '\r\n', '\n', '\r', '🙈', '𝄹', '🅺', '👩‍⚕️', 'ܫ', 'ꦬ', ' ', '\u00a0', '\t', 'ự');
const trickyText = fc.array(tricky, { maxLength: 40 }).map((parts) => parts.join(''));

describe('offsets', () => {
  it('counts code points as Python does', () => {
    expect(codePointLength('include🙈 electronic')).toBe(19);
    expect(codePointLength('Vie𝄹tnam')).toBe(8);
    expect(codePointLength('e\u0301')).toBe(2); // combining marks are code points of their own
    expect(codePointLength('\r\n')).toBe(2);
    expect(codePointLength('')).toBe(0);
  });

  it('converts a span after astral characters to the offsets Python slices with', () => {
    const text = '🙈 x 𝄹 Hue Central Hospital';
    const startU16 = text.indexOf('Hue');
    const startCp = u16ToCp(text, startU16);
    expect(startCp).toBe(6);
    expect([...text].slice(startCp, startCp + 3).join('')).toBe('Hue');
    expect(cpToU16(text, startCp)).toBe(startU16);
    expect(sliceCp(text, startCp, startCp + 20)).toBe('Hue Central Hospital');
  });

  it('refuses an index inside a surrogate pair and offsets out of range', () => {
    const map = new OffsetMap('a🙈b');
    expect(() => map.toCp(2)).toThrow(/splits a surrogate pair/);
    expect(() => map.toU16(4)).toThrow(RangeError);
    expect(() => map.toU16(-1)).toThrow(RangeError);
    expect(() => map.toCp(1.5)).toThrow(RangeError);
  });

  it('round-trips every character boundary (property)', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        const map = new OffsetMap(text);
        const codePoints = [...text];
        expect(map.lengthCp).toBe(codePoints.length);
        let u16 = 0;
        for (let cp = 0; cp <= codePoints.length; cp++) {
          expect(map.toU16(cp)).toBe(u16);
          expect(map.toCp(u16)).toBe(cp);
          u16 += codePoints[cp]?.length ?? 0;
        }
      }),
    );
  });

  it('slices by code points exactly like Array.from (property)', () => {
    fc.assert(
      fc.property(trickyText, fc.nat(), fc.nat(), (text, a, b) => {
        const codePoints = [...text];
        const start = Math.min(a, b) % (codePoints.length + 1);
        const end = Math.min(Math.max(a, b) % (codePoints.length + 1) + start, codePoints.length);
        expect(sliceCp(text, start, end)).toBe(codePoints.slice(start, end).join(''));
      }),
    );
  });

  it('treats a lone surrogate as one code point, as Python does', () => {
    const text = 'a\ud83db';
    const map = new OffsetMap(text);
    expect(map.lengthCp).toBe(3);
    expect(map.sliceCp(2, 3)).toBe('b');
  });
});
