/** Word lists and small text helpers shared by the recognisers. */

export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1], ['jan', 1], ['february', 2], ['feb', 2], ['march', 3], ['mar', 3], ['april', 4], ['apr', 4],
  ['may', 5], ['june', 6], ['jun', 6], ['july', 7], ['jul', 7], ['august', 8], ['aug', 8],
  ['september', 9], ['sep', 9], ['sept', 9], ['october', 10], ['oct', 10], ['november', 11], ['nov', 11],
  ['december', 12], ['dec', 12],
]);

/**
 * The alternation for a month name, longest forms first so "Sept" is not read as
 * "Sep". Only an abbreviation takes a full stop: after a full name it ends the sentence.
 */
export const MONTH_PATTERN =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\.?)';

/** Spelled-out counts. "one" is left out: it is an article far more often than a figure. */
export const SPELLED_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10],
  ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14], ['fifteen', 15], ['sixteen', 16],
  ['seventeen', 17], ['eighteen', 18], ['nineteen', 19], ['twenty', 20], ['thirty', 30], ['forty', 40],
  ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90], ['hundred', 100], ['dozen', 12],
]);

export const SPELLED_PATTERN =
  '(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen)';

export const SCALES: ReadonlyMap<string, number> = new Map([
  ['thousand', 1e3], ['million', 1e6], ['billion', 1e9], ['trillion', 1e12], ['bn', 1e9], ['mn', 1e6],
]);

/** Two-digit padding for ISO strings. */
export function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;
/** Folded forms of the words seen lately: names repeat, and NFD normalisation is the costly part. */
const folded = new Map<string, string>();
const FOLDED_LIMIT = 50_000;

/** Lower case without diacritics, for looking a word up in a list ("Nguyễn" → "nguyen"). */
export function plainWord(word: string): string {
  const lower = word.toLowerCase();
  if (ASCII.test(lower)) return lower;
  let plain = folded.get(lower);
  if (plain === undefined) {
    plain = lower.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
    if (folded.size >= FOLDED_LIMIT) folded.clear();
    folded.set(lower, plain);
  }
  return plain;
}

const WORD_BEFORE = /[\p{L}\p{M}\p{N}’'-]/u;
const WORD_AFTER = /[\p{L}\p{M}\p{N}-]/u;

/**
 * Each place a form stands as a word of its own in `text`, at or after the
 * offset given with it (`end`: where it was first found in full). Found with
 * indexOf: a regex built for each text costs more to compile than to run.
 */
export function* standingAlone<T extends { readonly end: number }>(
  text: string,
  forms: ReadonlyMap<string, T>,
): Generator<{ readonly start: number; readonly end: number; readonly form: string; readonly from: number } & Omit<T, 'end'>> {
  for (const [form, found] of forms) {
    const { end: from, ...rest } = found;
    for (let start = text.indexOf(form, from); start >= 0; start = text.indexOf(form, start + 1)) {
      const end = start + form.length;
      if (start > 0 && WORD_BEFORE.test(text.charAt(start - 1))) continue;
      if (end < text.length && WORD_AFTER.test(text.charAt(end))) continue;
      yield { start, end, form, from, ...rest };
    }
  }
}
