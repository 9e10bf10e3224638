import { describe, expect, it } from 'vitest';
import { HashList, appendWordHashes, foldText, foldedWords, wordHash } from '../../src/main/dedupe/fold.js';
import { documentLines } from '../../src/main/dedupe/passages.js';
import { findNoise } from '../../src/main/import/noise.js';
import type { NoiseMark } from '../../src/shared/model.js';
import { sliceCp } from '../../src/shared/offsets.js';

/** The text of each line's pieces, noise cut out, joined. */
function contentOf(text: string, pieces: readonly number[]): string {
  let content = '';
  for (let p = 0; p < pieces.length; p += 2) content += text.slice(pieces[p], pieces[p + 1]);
  return content;
}

describe('folding', () => {
  it('folds case, punctuation and white space', () => {
    expect(foldText('  The WARD, at Ba Ria   hospital;\treopened!  ')).toBe('the ward at ba ria hospital reopened');
    expect(foldText('Hanoi’s 1,665 hospitals — “three goals”')).toBe('hanoi s 1 665 hospitals three goals');
    expect(foldText('...!!! ---')).toBe('');
  });

  it('keeps letters with diacritics and combining marks inside words, and drops emoji', () => {
    expect(foldText('Bệnh viện Chợ Rẫy 🙂 TỐT')).toBe('bệnh viện chợ rẫy tốt');
    expect(foldText('Vie\u0302t Nam')).toBe('vie\u0302t nam');
    expect(foldText('ward🙂ward')).toBe('ward ward');
  });

  it('hashes exactly the folded words', () => {
    const text = 'Cho Ray HOSPITAL, Bệnh viện 🙂 x-ray';
    const hashes = new HashList(2);
    appendWordHashes(text, [0, text.length], hashes);
    expect([...hashes.values.subarray(0, hashes.length)]).toEqual(foldedWords(text).map(wordHash));
  });

  it('runs a word on across a cut, so a word with an injected character still matches', () => {
    const injected = 'Vie𝄹tnam forges a partnership';
    const at = injected.indexOf('𝄹');
    const pieces = [0, at, at + 2, injected.length];
    expect(foldedWords(injected, pieces)).toEqual(['vietnam', 'forges', 'a', 'partnership']);
  });
});

describe('passages', () => {
  it('splits on \\n, \\r\\n and \\r, trims, skips blank lines and gives code point offsets after emoji', () => {
    const text = '🙈 First line here  \r\n\r\n  Second 🏥 line\rThird line\n\n';
    const lines = documentLines(text, []);
    expect(lines.map((line) => sliceCp(text, line.startCp, line.endCp))).toEqual(['🙈 First line here', 'Second 🏥 line', 'Third line']);
    expect(lines.map((line) => [line.startCp, line.endCp])).toEqual([
      [0, 17],
      [25, 38],
      [39, 49],
    ]);
    expect(lines.map((line) => line.contentCp)).toEqual([17, 13, 10]);
  });

  it('cuts noise out: a boilerplate or spam line vanishes, an injected character is dropped', () => {
    const text = [
      'Doctors at the provincial hospital treated 40 patients for dengue during the flood week.',
      'See more',
      'Volunteers brought meals to the flooded wards. (Photo: VNA)',
      'The Vie𝄹tnam health ministry 🙈 sent supplies.',
      'link ae888',
    ].join('\n');
    const noise = findNoise(text);
    expect(noise.map((mark) => mark.kind).sort()).toEqual(['boilerplate', 'boilerplate', 'injected_char', 'spam_line']);
    const lines = documentLines(text, noise);
    expect(lines.map((line) => contentOf(text, line.pieces))).toEqual([
      'Doctors at the provincial hospital treated 40 patients for dengue during the flood week.',
      'The Vietnam health ministry 🙈 sent supplies.',
    ]);
    const last = lines[1];
    expect(last && sliceCp(text, last.startCp, last.endCp)).toBe('The Vie𝄹tnam health ministry 🙈 sent supplies.');
    expect(last?.contentCp).toBe([...'The Vietnam health ministry 🙈 sent supplies.'].length);
  });

  it('takes marks given in code points, also after astral characters', () => {
    const text = '🙈🙈 abc\nmore text';
    const mark: NoiseMark = { startCp: 3, endCp: 4, kind: 'injected_char' };
    const [first] = documentLines(text, [mark]);
    expect(first && contentOf(text, first.pieces)).toBe('🙈🙈 bc');
  });
});
