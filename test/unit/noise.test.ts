import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findNoise } from '../../src/main/import/noise.js';
import type { NoiseKind } from '../../src/shared/model.js';
import { corpusFile } from '../helpers/corpus.js';

interface FoundNoise {
  readonly kind: NoiseKind;
  readonly text: string;
}

/** The marks of `text` as {kind, text}, each text sliced by code points as Python would. */
function found(text: string): FoundNoise[] {
  const codePoints = [...text];
  return findNoise(text).map((mark) => ({ kind: mark.kind, text: codePoints.slice(mark.startCp, mark.endCp).join('') }));
}

/** The texts marked with `kind`. */
function markedAs(text: string, kind: NoiseKind): string[] {
  return found(text)
    .filter((mark) => mark.kind === kind)
    .map((mark) => mark.text);
}

describe('spam_line', () => {
  it('marks a spin list wherever it stands, and only that line', () => {
    const text = 'Hospital news\n{cheap pills}|{buy now}|{best casino}|\nThe ward reopened.';
    expect(found(text)).toEqual([{ kind: 'spam_line', text: '{cheap pills}|{buy now}|{best casino}|' }]);
  });

  it('does not take a single brace group or a table row for a spin list', () => {
    expect(findNoise('Use {placeholder} here')).toEqual([]);
    expect(findNoise('| Ward | Beds |')).toEqual([]);
  });

  it.each([
    'link ae888',
    'FB88 khuyến mãi',
    'w88',
    '789bet',
    'Đăng ký bet88 ngay',
    'bet365 odds today',
    'sbobet asian handicap',
    'Đá gà thomo hôm nay',
    'da ga truc tiep',
    'Nhà cái uy tín',
    'cá cược bóng đá',
    'Xổ số miền Bắc',
    'soi cầu lô đề',
    'best slot game 2025',
    'Jackpot winners list',
    'casino online',
  ])('marks the short betting line %j', (line) => {
    expect(found(`Intro.\n${line}\nOutro.`)).toEqual([{ kind: 'spam_line', text: line }]);
  });

  it('matches betting terms written in decomposed Unicode (NFD)', () => {
    const line = 'Đá gà thomo'.normalize('NFD');
    expect(markedAs(line, 'spam_line')).toEqual([line]);
  });

  it('leaves long prose that merely mentions a casino', () => {
    const prose =
      'The casino that opened on the coast in 2019 has since been turned into a rehabilitation centre run by the provincial hospital, which treats about 300 patients a month.';
    expect(findNoise(prose)).toEqual([]);
  });

  it('leaves short lines where the tokens are only parts of words or plain numbers', () => {
    for (const line of ['Better outcomes for patients', 'The alphabet of care', 'The ward has 88 beds', 'Da Nang hospital opens', 'Cardiology in 1988']) {
      expect(findNoise(line), line).toEqual([]);
    }
  });

  it('marks a line of three or more URLs with little else, but not prose citing URLs', () => {
    const links = 'https://a.example/x https://b.example/y www.c.example/z';
    expect(found(links)).toEqual([{ kind: 'spam_line', text: links }]);
    const prose =
      'Details are at https://a.example, https://b.example and https://c.example, where the ministry also publishes its yearly report on hospital capacity and staffing.';
    expect(findNoise(prose)).toEqual([]);
    expect(findNoise('https://a.example https://b.example')).toEqual([]);
  });
});

describe('boilerplate', () => {
  it.each([
    'Doctors examine a patient in Hue. (Photo: VNA)',
    'Doctors examine a patient in Hue (Photo: baodautu.vn)',
    'Youngsters donate blood in Hanoi. (Photo courtesy of NIHBT)',
    'Deputy Minister of Health. (File photo: VNA)',
    'A hospital ward (Illustrative photo).',
    '(Photo: VNA)',
  ])('marks the caption %j', (line) => {
    expect(found(`Text.\n${line}\nMore text.`)).toEqual([{ kind: 'boilerplate', text: line }]);
  });

  it.each([
    'See more',
    'Read more',
    'read more »',
    'Related news',
    'Comment (0)',
    'Comments (12)',
    'Share',
    'Print',
    'Tags: health, hospital, Hanoi',
    'Source: https://baohatinh.vn/some-story-post292370.html',
    'Source: vnexpress.net',
    'VNA',
    'VNS',
    'VNA/VNS',
    'TTXVN',
    'AFP',
    'Reuters',
    'AP',
  ])('marks the bare line %j', (line) => {
    expect(found(`Text.\n${line}\nMore text.`)).toEqual([{ kind: 'boilerplate', text: line }]);
  });

  it('leaves prose that merely contains the same words', () => {
    const lines = [
      'See more of the city from the new hospital tower.',
      'Share prices of pharmaceutical firms rose.',
      'Hanoi (VNA) - The ministry opened a new centre.',
      'The project is similar to Silicon Valley in the US.-VNA',
      'Source: the Ministry of Health said on Monday that beds were short.',
      'He kept the photo (taken in 1975) on his desk.',
      'Reuters reported the figures first.',
    ];
    for (const line of lines) expect(findNoise(line), line).toEqual([]);
  });
});

describe('injected_char', () => {
  it.each([
    ['collaܫboration', 'ܫ'],
    ['Key efforts include🙈 electronic records', '🙈'],
    ['treatment🅺, and care', '🅺'],
    ['Vie𝄹tnam, Germany', '𝄹'],
    ['access for💖 remote communities', '💖'],
    ['strengthen cꦬooperation', 'ꦬ'],
    ['a Cyrillic сasino homoglyph', 'с'],
  ])('marks the stray character in %j', (text, stray) => {
    expect(found(text)).toEqual([{ kind: 'injected_char', text: stray }]);
  });

  it('takes a variation selector, skin-tone modifier or ZWJ sequence along with its emoji', () => {
    expect(markedAs('love❤️it', 'injected_char')).toEqual(['❤️']);
    expect(markedAs('thanks👍🏽 doctor', 'injected_char')).toEqual(['👍🏽']);
    expect(markedAs('our👩‍⚕️ nurses', 'injected_char')).toEqual(['👩‍⚕️']);
  });

  it('marks each emoji of a run glued to a word separately', () => {
    expect(markedAs('good🙈💖 news', 'injected_char')).toEqual(['🙈', '💖']);
  });

  it('leaves emoji that are not glued to a Latin letter', () => {
    expect(findNoise('Good news 🎉 for everyone! 💖')).toEqual([]);
    expect(findNoise('Done.🙈')).toEqual([]);
  });

  it('leaves Vietnamese letters, composed and decomposed', () => {
    const vietnamese = 'Bệnh viện Trung ương Huế tổ chức hội nghị ở Đà Nẵng, trực tiếp hôm nay';
    expect(findNoise(vietnamese)).toEqual([]);
    expect(findNoise(vietnamese.normalize('NFD'))).toEqual([]);
  });

  it('leaves common symbols glued to words', () => {
    expect(findNoise('Microsoft™ and Apple® ©2024 at 30°C cost €5, £4 or 50% more')).toEqual([]);
  });

  it('leaves text in other scripts and scientific Greek letters', () => {
    expect(findNoise('Η Ελλάδα είναι μια χώρα της Ευρώπης.')).toEqual([]);
    expect(findNoise('The word λόγος stands alone.')).toEqual([]);
    expect(findNoise('Levels of TNFα rose to 5μg per litre; IL-1β fell.')).toEqual([]);
    expect(findNoise('Moscow (Москва) and Beijing (北京)')).toEqual([]);
    expect(findNoise('使用iPhone应用程序')).toEqual([]);
  });

  it('sees a decomposed Vietnamese letter as the Latin neighbour of an emoji', () => {
    const text = 'Vie\u0302\u0323🙈t Nam';
    expect(findNoise(text)).toEqual([{ startCp: 5, endCp: 6, kind: 'injected_char' }]);
  });

  it('copes with a lone surrogate without marking or throwing', () => {
    expect(findNoise('broken \ud83d text and a\ude48b')).toEqual([]);
  });

  it('marks a Greek letter wedged inside a Latin word', () => {
    expect(markedAs('hospiλtal', 'injected_char')).toEqual(['λ']);
  });

  it('puts every astral character glued to a Latin letter inside a mark', () => {
    const text = 'x𝐀y, go🇻🇳now, a🀄, 🃏b, word\u{1F3FD}, 𝄞𝄞z';
    expectAstralGluedCharsMarked(text);
    expect(markedAs(text, 'injected_char')).toEqual(['𝐀', '🇻🇳', '🀄', '🃏', '\u{1F3FD}', '𝄞', '𝄞']);
  });
});

describe('offsets and lines', () => {
  it('gives code point offsets when emoji come before the mark', () => {
    const text = '🎉🎉 Great day 🎉\nSee more\n';
    const [mark] = findNoise(text);
    expect(mark).toEqual({ startCp: 15, endCp: 23, kind: 'boilerplate' });
    expect(text.indexOf('See more')).toBe(18); // the UTF-16 index differs
    expect([...text].slice(15, 23).join('')).toBe('See more');
  });

  it('excludes \\r\\n, \\r and \\n from line marks', () => {
    const text = 'Intro\r\nSee more\r\nlink ae888\rVNA\nThe end';
    expect(findNoise(text)).toEqual([
      { startCp: 7, endCp: 15, kind: 'boilerplate' },
      { startCp: 17, endCp: 27, kind: 'spam_line' },
      { startCp: 28, endCp: 31, kind: 'boilerplate' },
    ]);
    expect(found(text).map((mark) => mark.text)).toEqual(['See more', 'link ae888', 'VNA']);
  });

  it('gives the right injected-character offsets with CRLF line endings', () => {
    const text = '🎉 Title\r\n\r\ncollaܫboration\r\n';
    expect(findNoise(text)).toEqual([{ startCp: 16, endCp: 17, kind: 'injected_char' }]);
  });

  it('marks a line without its surrounding blanks and never marks blank lines', () => {
    expect(found('  See more \t\n')).toEqual([{ kind: 'boilerplate', text: 'See more' }]);
    expect(findNoise('\n   \n\t\r\n\u00a0\n')).toEqual([]);
    expect(findNoise('')).toEqual([]);
  });

  it('sorts by start, then kind', () => {
    const text = 'See more\nꦬlink ae888';
    expect(findNoise(text)).toEqual([
      { startCp: 0, endCp: 8, kind: 'boilerplate' },
      { startCp: 9, endCp: 10, kind: 'injected_char' },
      { startCp: 9, endCp: 20, kind: 'spam_line' },
    ]);
  });
});

/** Asserts that every code point above U+FFFF next to a Latin letter lies inside an injected_char mark. */
function expectAstralGluedCharsMarked(text: string): void {
  const codePoints = [...text];
  const marks = findNoise(text).filter((mark) => mark.kind === 'injected_char');
  codePoints.forEach((char, index) => {
    const glued = /\p{Script=Latin}/u.test(codePoints[index - 1] ?? '') || /\p{Script=Latin}/u.test(codePoints[index + 1] ?? '');
    if ((char.codePointAt(0) ?? 0) <= 0xffff || !glued) return;
    const covered = marks.some((mark) => mark.startCp <= index && index < mark.endCp);
    expect(covered, `astral ${char} at code point ${index}`).toBe(true);
  });
}

/** Code point offsets of every character above U+FFFF. */
function astralOffsets(text: string): number[] {
  return [...text].flatMap((char, index) => ((char.codePointAt(0) ?? 0) > 0xffff ? [index] : []));
}

describe('the shared corpus', () => {
  const read = (prefix: string): string => readFileSync(corpusFile(prefix), 'utf8');

  /**
   * A photo-caption line, named by its credit only: the corpus's own sentences stay
   * in the corpus, and the credit is what makes the line a caption.
   */
  const caption = (credit: string) => ({ kind: 'boilerplate', text: expect.stringMatching(new RegExp(`\\(${escapeRegExp(credit)}\\)\\.?$`)) });
  const line = (kind: string, text: string) => ({ kind, text });

  const expected: Record<string, unknown[]> = {
    '000_': [],
    '001_': [
      line('spam_line', 'link ae888'),
      caption('Photo: baodautu.vn'),
      caption('Photo: baodautu.vn'),
      line('injected_char', '🙈'),
      line('injected_char', '🅺'),
      line('boilerplate', 'VNA'),
      line('boilerplate', 'See more'),
      caption('Photo: VNA'),
      line('injected_char', 'ܫ'),
      caption('Photo courtesy of NIHBT'),
      caption('Photo: VNA'),
      line('injected_char', '𝄹'),
      caption('Photo: nhandan.vn'),
      line('injected_char', '💖'),
      caption('Photo: VNA'),
      line('injected_char', 'ꦬ'),
      // The spin list on the last line: five {…} variants separated by |.
      { kind: 'spam_line', text: expect.stringMatching(/^(\{[^{}]+\}\|){5}$/) },
    ],
    '002_': [
      caption('Photo: Xanh Pon General Hospital'),
      caption('Photo: Xanh Pon General Hospital'),
      line('boilerplate', 'VNA'),
      line('boilerplate', 'See more'),
      caption('Photo: VNA'),
      caption('Photo: suckhoedoisong.vn'),
      caption('Photo: moh.gov.vn'),
      caption('Photo: VNA'),
      caption('Photo: VNA'),
      caption('File photo: VNA'),
      caption('Photo: VNA'),
      caption('Photo: qdnd.vn'),
    ],
    // Headlines, "dd/mm/yyyy hh:mm" datelines and prose only.
    '003_': [],
    '004_': [
      { kind: 'boilerplate', text: expect.stringMatching(/^Source: https:\/\/\S+$/) },
      line('boilerplate', 'Comment (0)'),
    ],
  };

  it.each(Object.keys(expected))('finds exactly the expected noise in %s', (prefix) => {
    expect(found(read(prefix))).toEqual(expected[prefix]);
  });

  it.each(Object.keys(expected))('keeps every mark in %s within one line', (prefix) => {
    for (const mark of found(read(prefix))) expect(mark.text).not.toMatch(/[\r\n]/);
  });

  it.each(Object.keys(expected))('puts every astral character of %s inside an injected_char mark', (prefix) => {
    const text = read(prefix);
    const marks = findNoise(text).filter((mark) => mark.kind === 'injected_char');
    for (const offset of astralOffsets(text)) {
      expect(marks.some((mark) => mark.startCp <= offset && offset < mark.endCp), `code point ${offset}`).toBe(true);
    }
  });

  it('has astral characters to check in 001_', () => {
    expect(astralOffsets(read('001_'))).toHaveLength(4);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
