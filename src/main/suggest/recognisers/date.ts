/**
 * DATE: numeric dates (day-first unless the project says month-first) with an
 * optional time, month names with or without a day and year, year ranges and
 * named periods ("first three months of 2023"). Values are ISO 8601; a day and
 * month without a year is written "--MM-DD", a month without one "--MM" (ISO
 * 8601:2000 reduced forms). A numeric date that cannot be read in the project's
 * order but can in the other ("10/25/2024" in a day-first project) is read so.
 */
import type { DateOrder } from '../candidate.js';
import type { RawCandidate } from './types.js';
import { MONTHS, MONTH_PATTERN, SPELLED_NUMBERS, pad2 } from './words.js';

const M = MONTH_PATTERN;
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:1[89]|20)\\d\\d)';
const RANGE_WORD = '\\s*(?:to|until|through|till|-|–|—)\\s*';
const COUNT = '(\\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';
/** Words after which a bare month ("in March") or day and month ("on 5/10") is a date, not a verb or a fraction. */
const DATE_LEAD = '(?<=\\b(?:[Ii]n|[Oo]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Dd]uring|[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Ll]ate|[Bb]efore|[Aa]fter|[Tt]o|[Tt]hrough|[Dd]ated|[Oo]f|[Aa]nd)\\s)';

/**
 * One regex, alternatives from the longest form to the shortest, so that a
 * single left-to-right pass finds each date at its widest reading. The leading
 * lookahead lets most positions fail on their first character.
 */
const DATE = new RegExp(
  [
    // June 1 to July 15, 2026
    `(?<rM1>${M})\\s+${DAY}${RANGE_WORD}(?<rM2>${M})\\s+${DAY},?\\s+${YEAR}`,
    // between March 3 and March 9, 2024 ("and" alone would join two separate dates)
    `(?<=between\\s)(?<bM1>${M})\\s+${DAY}\\s+and\\s+(?<bM2>${M})\\s+${DAY},?\\s+${YEAR}`,
    // August 4-9, 2025
    `(?<dM>${M})\\s+${DAY}\\s*[-–]\\s*${DAY},?\\s+${YEAR}`,
    // May and June 2024, August to September
    `(?<pM1>${M})\\s*(?:and|to|-|–)\\s*(?<pM2>${M})(?:,?\\s+(?<pY>(?:1[89]|20)\\d\\d))?`,
    // first three months of 2023, last quarter of 2023, second half of 2022
    `(?<part>first|last|second|third|fourth)\\s+(?:(?<nMonths>${COUNT.slice(1, -1)})\\s+months|(?<unit>half|quarter))\\s+of\\s+${YEAR}`,
    // 20/11/2025 08:05
    `(?<n1>\\d{1,2})[/.-](?<n2>\\d{1,2})[/.-](?<nY>\\d{4})(?:,?\\s+(?:at\\s+)?(?<nH>\\d{1,2})[:h](?<nMin>\\d{2}))?`,
    // 19h on 5/10, 7:30 on 12/3/2025: a time glued to its date
    `(?<tH>\\d{1,2})(?:h(?<tMin>\\d{2})?|:(?<tMin2>\\d{2}))\\s+on\\s+(?<t1>\\d{1,2})/(?<t2>\\d{1,2})(?:/(?<tY>\\d{4}))?(?![/\\d])`,
    // on 5/10, from 15/11: a day and month after a word that leads a date
    `${DATE_LEAD}(?<s1>\\d{1,2})/(?<s2>\\d{1,2})(?![/\\d])`,
    // 2025-11-20
    `(?<iY>\\d{4})-(?<iM>\\d{2})-(?<iD>\\d{2})(?:[T ](?<iH>\\d{2}):(?<iMin>\\d{2}))?`,
    // March 9, 2026 / March 9
    `(?<mM>${M})\\s+(?<mD>\\d{1,2})(?:st|nd|rd|th)?(?![\\d:])(?:,?\\s+(?<mY>(?:1[89]|20)\\d\\d))?`,
    // 17 November 2025 / 17 November
    `(?<dD>\\d{1,2})(?:st|nd|rd|th)?\\s+(?<dMo>${M})(?:,?\\s+(?<dY>(?:1[89]|20)\\d\\d))?`,
    // November 2025
    `(?<yM>${M}),?\\s+(?<yY>(?:1[89]|20)\\d\\d)`,
    // in March, since December: a month alone after a word that leads a date
    `${DATE_LEAD}(?<oM>January|February|March|April|May|June|July|August|September|October|November|December)`,
    // 2016-2020, 2016–20
    `(?<y1>(?:1[89]|20)\\d\\d)\\s?[-–/]\\s?(?<y2>(?:1[89]|20)\\d\\d|\\d\\d)(?![\\d%])`,
    // 2024
    `(?<year>(?:1[89]|20)\\d\\d)`,
  ]
    .map((alternative) => `(?:${alternative})`)
    .join('|')
    .replace(/^/, '(?=[\\dJFMASOND]|(?:first|last|second|third|fourth)\\s)(?<![\\p{L}\\p{N}$€£.,-])(?:')
    .concat(')(?![\\p{L}\\p{N}%]|[.,]\\d)'),
  'gu',
);

/** A year that is really a count or a code: "2024 patients" stays, but "No. 2024", "2024%" and "2,024" do not. */
const YEAR_BEFORE_REJECT = /(?:No\.?|Number|Resolution|Decree|Decision|Circular|Law|Room|Ward|Route|Highway|#)\s*$/;

function monthNumber(name: string | undefined): number {
  return MONTHS.get((name ?? '').replace(/\.$/, '').toLowerCase()) ?? 0;
}

function countValue(word: string): number {
  return SPELLED_NUMBERS.get(word.toLowerCase()) ?? Number(word);
}

function validDay(month: number, day: number): boolean {
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day >= 1 && day <= days;
}

/** Day and month of two numbers in the project's order, or in the other when only that one is a date. */
function inOrder(a: number, b: number, order: DateOrder): { day: number; month: number } | null {
  const [day, month] = order === 'month-first' ? [b, a] : [a, b];
  if (validDay(month, day)) return { day, month };
  return validDay(day, month) ? { day: month, month: day } : null;
}

function dayValue(year: string | undefined, month: number, day: number): string {
  return year ? `${year}-${pad2(month)}-${pad2(day)}` : `--${pad2(month)}-${pad2(day)}`;
}

/** The ISO value of one match, or null when the match is not a real date. */
function valueOf(groups: Record<string, string | undefined>, all: string[], order: DateOrder, before: string): string | null {
  const g = groups;
  if (g.rM1 || g.bM1) {
    // Groups by position: [rM1, d1, rM2, d2, y]
    const [, d1, , d2, year] = all;
    const m1 = monthNumber(g.rM1 ?? g.bM1);
    const m2 = monthNumber(g.rM2 ?? g.bM2);
    if (!validDay(m1, Number(d1)) || !validDay(m2, Number(d2))) return null;
    return `${dayValue(year, m1, Number(d1))}/${dayValue(year, m2, Number(d2))}`;
  }
  if (g.dM) {
    const [, d1, d2, year] = all;
    const m = monthNumber(g.dM);
    if (!validDay(m, Number(d1)) || !validDay(m, Number(d2))) return null;
    return `${dayValue(year, m, Number(d1))}/${dayValue(year, m, Number(d2))}`;
  }
  if (g.pM1) {
    const year = g.pY ?? '-';
    return `${year}-${pad2(monthNumber(g.pM1))}/${year}-${pad2(monthNumber(g.pM2))}`;
  }
  if (g.oM) return `--${pad2(monthNumber(g.oM))}`;
  if (g.t1 || g.s1) {
    const dayMonth = inOrder(Number(g.t1 ?? g.s1), Number(g.t2 ?? g.s2), order);
    if (!dayMonth) return null;
    const date = dayValue(g.tY, dayMonth.month, dayMonth.day);
    if (g.tH === undefined) return date;
    const hour = Number(g.tH);
    const minute = Number(g.tMin ?? g.tMin2 ?? 0);
    return hour < 24 && minute < 60 ? `${date}T${pad2(hour)}:${pad2(minute)}` : null;
  }
  if (g.part) {
    const year = all[all.length - 1] as string;
    const part = g.part.toLowerCase();
    if (g.nMonths) {
      const months = countValue(g.nMonths);
      if (months < 1 || months > 12) return null;
      return part === 'last' ? `${year}-${pad2(13 - months)}/${year}-12` : `${year}-01/${year}-${pad2(months)}`;
    }
    const index = { first: 0, second: 1, third: 2, fourth: 3, last: -1 }[part] ?? 0;
    const size = g.unit === 'half' ? 6 : 3;
    const pieces = 12 / size;
    const k = index < 0 ? pieces - 1 : index;
    if (k >= pieces) return null;
    return `${year}-${pad2(k * size + 1)}/${year}-${pad2(k * size + size)}`;
  }
  if (g.n1) {
    const dayMonth = inOrder(Number(g.n1), Number(g.n2), order);
    if (!dayMonth) return null;
    const { day, month } = dayMonth;
    const date = dayValue(g.nY, month, day);
    if (g.nH === undefined) return date;
    const hour = Number(g.nH);
    const minute = Number(g.nMin);
    return hour < 24 && minute < 60 ? `${date}T${pad2(hour)}:${pad2(minute)}` : date;
  }
  if (g.iY) {
    const month = Number(g.iM);
    const day = Number(g.iD);
    if (!validDay(month, day)) return null;
    return g.iH === undefined ? `${g.iY}-${g.iM}-${g.iD}` : `${g.iY}-${g.iM}-${g.iD}T${g.iH}:${g.iMin}`;
  }
  if (g.mM) {
    const month = monthNumber(g.mM);
    return validDay(month, Number(g.mD)) ? dayValue(g.mY, month, Number(g.mD)) : null;
  }
  if (g.dMo) {
    const month = monthNumber(g.dMo);
    return validDay(month, Number(g.dD)) ? dayValue(g.dY, month, Number(g.dD)) : null;
  }
  if (g.yM) return `${g.yY}-${pad2(monthNumber(g.yM))}`;
  if (g.y1) {
    const first = g.y1;
    const second = (g.y2 as string).length === 2 ? first.slice(0, 2) + (g.y2 as string) : (g.y2 as string);
    return Number(second) > Number(first) ? `${first}/${second}` : null;
  }
  if (g.year) return YEAR_BEFORE_REJECT.test(before) ? null : g.year;
  return null;
}

/** Dates, datetimes, months, years and periods in `text`. */
export function recogniseDates(text: string, order: DateOrder = 'day-first'): RawCandidate[] {
  const found: RawCandidate[] = [];
  DATE.lastIndex = 0;
  for (let match = DATE.exec(text); match !== null; match = DATE.exec(text)) {
    const groups = match.groups ?? {};
    const all = match.slice(1).filter((part): part is string => part !== undefined);
    const before = text.slice(Math.max(0, match.index - 12), match.index);
    const value = valueOf(groups, all, order, before);
    if (value === null) continue;
    const isBareYear = groups.year !== undefined;
    found.push({
      startU16: match.index,
      endU16: match.index + match[0].length,
      label: 'DATE',
      recogniser: 'date',
      confidence: isBareYear ? 0.7 : 0.9,
      value,
    });
  }
  return found;
}
