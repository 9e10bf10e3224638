/**
 * FIGURE: a number with what it counts or measures ("2,340 clinics",
 * "21 per 1,000 births", "3.2 million doses", "2.5 patients per bed"),
 * percentages and their ranges ("15 and 30%"), money ("2.5 billion VND"),
 * spelled-out counts ("seven ambulances"), measures joined by a hyphen
 * ("600-bed", "128-slice", "12-hour") and areas ("6,700m2", "1,200 m²"). Ages,
 * ordinals, times of day, years and numbers that belong to a name ("Ward 9",
 * "115 Emergency Central Hospital") are left out.
 */
import type { JsonValue } from '../../../shared/model.js';
import type { RawCandidate } from './types.js';
import { SCALES, SPELLED_NUMBERS } from './words.js';

const DIGITS = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
/** "Five" and "five": no inline case-insensitivity in this Node, so the first letter gets a class. */
const SPELLED = [...SPELLED_NUMBERS.keys()]
  .filter((word) => word !== 'hundred')
  .sort((a, b) => b.length - a.length)
  .map((word) => `[${word[0]}${(word[0] as string).toUpperCase()}]${word.slice(1)}`)
  .join('|');
const NOT_AFTER_NUMBER = '(?!\\d|[.,/]\\d|(?:st|nd|rd|th)\\b|[:h]\\d|\\p{L})';
const SCALE = '(?:thousand|million|billion|trillion|bn)';
const CURRENCY_BEFORE = '(?:US\\$|\\$|USD\\s?|VND\\s?|€|£)';
/** Units written against the number: "6,700m2", "12km". */
const GLUED_UNIT = '(?:km2|km²|m2|m²|sqm|km|kg|cm|mm|ml|mg|ha)';

const FIGURE = new RegExp(
  // The lookahead lets most positions fail on their first character, before the lookbehind and alternatives run.
  `(?=[\\d$€£]|US\\$|USD|VND|(?:${SPELLED})(?!\\p{L}))(?<![\\p{L}\\p{N}\\-.,/:$€£])(?<cur>${CURRENCY_BEFORE})?(?<n1>${DIGITS}|${SPELLED})(?:(?<glued>${GLUED_UNIT})(?![\\p{L}\\p{N}])|${NOT_AFTER_NUMBER})` +
    `(?:\\s+(?<s1>${SCALE}))?` +
    `(?:\\s*(?:-|–|to|and)\\s*(?<n2>${DIGITS})${NOT_AFTER_NUMBER}(?:\\s+(?<s2>${SCALE}))?)?` +
    `(?<pct>\\s?%|\\s+(?:per\\s?cent|percent)\\b)?`,
  'gu',
);

/** A word that follows a figure, on the same line. */
const NEXT_WORD = /[ \t\u00a0]+([\p{L}][\p{L}\p{M}\p{N}'’-]*)/uy;
const PER = new RegExp(`[ \\t\\u00a0]+per[ \\t\\u00a0]+(${DIGITS})(?:[ \\t\\u00a0]+(${SCALE}))?`, 'uy');
const CURRENCY_AFTER = /[ \t\u00a0]+(VND|USD|EUR|GBP|JPY|CNY|dong|đồng|US dollars|dollars|euros|yuan|yen)(?![\p{L}])/uy;
const CURRENCY_CODES: Readonly<Record<string, string>> = {
  VND: 'VND', USD: 'USD', EUR: 'EUR', GBP: 'GBP', JPY: 'JPY', CNY: 'CNY', dong: 'VND', 'đồng': 'VND',
  'US dollars': 'USD', dollars: 'USD', euros: 'EUR', yuan: 'CNY', yen: 'JPY',
  'US$': 'USD', $: 'USD', '€': 'EUR', '£': 'GBP',
};
/** A measure joined to its number by a hyphen: "600-bed", "128-slice", "12-hour". */
const HYPHENATED_MEASURE = /^-(\p{Ll}{3,})(?![\p{L}\p{N}-])/u;
/** "per bed", "per day" after what a figure counts. */
const PER_WORD = /[ \t\u00a0]+per[ \t\u00a0]+(\p{Ll}{3,})(?![\p{L}\p{N}])/uy;
/** Ages: "56-year-old", "aged 75", "at the age of 60". */
const AGE_AFTER = /^(?:-(?:year|month|week|day)s?-old|\s+(?:years?|months?)\s+old|-year\b)/;
const AGE_BEFORE = /(?:\baged|\bage of|\bages)\s+$/;
const COMPOUND_AFTER = /^-\p{L}/u;
const WORD_CHAR = /[\p{L}\p{M}.’'-]/u;

/** The word that ends just before `index` (blanks between, on the same line), or undefined. */
function wordBefore(text: string, index: number): string | undefined {
  let end = index;
  while (end > 0 && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09 || text.charCodeAt(end - 1) === 0xa0)) end--;
  if (end === index) return undefined;
  let start = end;
  while (start > 0 && end - start < 30 && WORD_CHAR.test(text.charAt(start - 1))) start--;
  return start < end ? text.slice(start, end) : undefined;
}

/** Capitalised words that may stand before a figure without making it part of a name. */
const FREE_BEFORE = new Set([
  'A', 'An', 'About', 'Above', 'Almost', 'Among', 'Around', 'Approximately', 'At', 'Below', 'Between', 'By', 'Each', 'Even', 'For',
  'From', 'In', 'Just', 'Last', 'Nearly', 'Of', 'On', 'Only', 'Over', 'Some', 'The', 'To', 'Under', 'Up', 'With',
  'All', 'And', 'But', 'Another', 'Roughly', 'Exactly', 'Those', 'These', 'More', 'Than', 'Less', 'Almost', 'Then',
  'Now', 'So', 'Here', 'There', 'Yet', 'Still', 'Thus', 'Also', 'Plus', 'Totally', 'Overall',
]);

/**
 * True when the capitalised word before a number makes it part of a name
 * ("Ward 9", "Circular 22", "No. 5"); a sentence's first word or a verb
 * opening a headline ("Moving 40 patients …") does not.
 */
function namesBefore(previous: string): boolean {
  if (!/^\p{Lu}/u.test(previous) || FREE_BEFORE.has(previous)) return false;
  if (/^No\.?$/i.test(previous)) return true;
  if (previous.endsWith('.')) return false;
  return !/\p{Ll}ing$/u.test(previous);
}

/** Words that end the phrase naming what a figure counts. */
const STOP = new Set([
  'and', 'or', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'with', 'by', 'the', 'a', 'an', 'that', 'which', 'who',
  'whom', 'whose', 'this', 'these', 'those', 'are', 'is', 'was', 'were', 'be', 'been', 'have', 'has', 'had', 'will',
  'would', 'can', 'could', 'may', 'might', 'per', 'than', 'as', 'each', 'less', 'over', 'under', 'about',
  'into', 'not', 'also', 'only', 'including', 'while', 'such', 'so', 'but', 'if', 'its', 'their', 'his', 'her', 'our',
  'your', 'it', 'they', 'we', 'across', 'always', 'perhaps', 'plus', 'thus', 'since', 'during', 'between', 'among',
]);
/** Plurals without a final s, and nouns counted in the singular. */
const IRREGULAR = new Set([
  'people', 'persons', 'men', 'women', 'children', 'staff', 'personnel', 'police', 'cattle', 'feet', 'teeth', 'mice',
  'kg', 'km', 'cm', 'mm', 'ml', 'mg', 'ha', 'tonnes', 'kilograms', 'litres', 'liters', 'hectares', 'sq', 'm2', 'km2', 'm²', 'km²',
  'bed', 'beds', 'cc', 'dose',
]);

function isCountedNoun(word: string): boolean {
  if (IRREGULAR.has(word)) return true;
  if (/^[A-Z]{2,}s$/.test(word)) return true; // SMEs, NGOs
  if (/^[A-Z]\p{Ll}+ese$/u.test(word)) return true; // Vietnamese, Japanese
  if (!/^\p{Ll}/u.test(word)) return false;
  return /s$/.test(word) && !/(?:ss|us|is|ous)$/.test(word);
}

/** Parses "2,340", "3.2" or "seven". */
function numberOf(token: string): number {
  const spelled = SPELLED_NUMBERS.get(token.toLowerCase());
  return spelled ?? Number(token.replace(/,/g, ''));
}

function scaled(token: string, scale: string | undefined): number {
  const value = numberOf(token) * (scale ? (SCALES.get(scale) ?? 1) : 1);
  // Scaling decimals ("3.2 million") leaves binary fractions behind.
  return Math.round(value * 1e6) / 1e6;
}

interface Tail {
  readonly endU16: number;
  readonly unit: string | null;
}

/**
 * A capitalised word that may stand between a number and its noun: an acronym
 * ("17,000 TB patients", "12 ICU beds") or a hyphenated term ("40 X-ray machines").
 */
function describesNoun(word: string): boolean {
  return /^[A-Z]{2,5}$/.test(word) || /^\p{Lu}[\p{L}\p{N}]*-\p{L}/u.test(word);
}

/** The phrase after a number that names what it counts: up to four words ending in a plural noun. */
function countedNoun(text: string, from: number): Tail | null {
  let at = from;
  for (let words = 0; words < 4; words++) {
    NEXT_WORD.lastIndex = at;
    const match = NEXT_WORD.exec(text);
    if (!match) return null;
    const word = (match[1] as string).replace(/['’-]+$/, '');
    if (STOP.has(word.toLowerCase())) return null;
    const capitalised = /^\p{Lu}/u.test(word) && !isCountedNoun(word) && !describesNoun(word);
    if (words === 0 && capitalised) return { endU16: -1, unit: null };
    if (words > 0 && capitalised) return null;
    const end = match.index + match[0].length - ((match[1] as string).length - word.length);
    if (isCountedNoun(word)) return { endU16: end, unit: word };
    at = end;
  }
  return null;
}

/** Figures in `text`. */
export function recogniseFigures(text: string): RawCandidate[] {
  const found: RawCandidate[] = [];
  FIGURE.lastIndex = 0;
  for (let match = FIGURE.exec(text); match !== null; match = FIGURE.exec(text)) {
    const groups = match.groups ?? {};
    const start = match.index;
    if (groups.n2 && scaled(groups.n2, groups.s2) < scaled(groups.n1 as string, groups.s1 ?? groups.s2)) {
      // "from 2019 to 8.3%" is a year and a figure, not a range: read again from the second number.
      FIGURE.lastIndex = start + match[0].lastIndexOf(groups.n2);
      continue;
    }
    let end = start + match[0].length;
    const n1 = groups.n1 as string;
    const spelled = SPELLED_NUMBERS.has(n1.toLowerCase());
    const rest = text.slice(end, end + 16);
    if (AGE_AFTER.test(rest)) continue;
    const measure = groups.n2 || groups.pct || groups.cur || groups.glued ? null : HYPHENATED_MEASURE.exec(rest);
    if (!measure && COMPOUND_AFTER.test(rest)) continue;
    const before = text.slice(Math.max(0, start - 24), start);
    if (AGE_BEFORE.test(before)) continue;
    const previous = wordBefore(text, start);
    if (previous && namesBefore(previous)) continue;
    let unit: string | null = null;
    let confidence = 0.85;
    if (measure) {
      unit = measure[1] as string;
      end += measure[0].length;
    } else if (groups.glued) {
      unit = groups.glued.replace('²', '2');
    } else if (groups.pct) {
      unit = 'percent';
    } else if (groups.cur) {
      unit = CURRENCY_CODES[groups.cur.trim()] ?? groups.cur.trim();
    } else {
      CURRENCY_AFTER.lastIndex = end;
      const currency = CURRENCY_AFTER.exec(text);
      PER.lastIndex = end;
      const per = currency ? null : PER.exec(text);
      if (currency) {
        unit = CURRENCY_CODES[currency[1] as string] ?? (currency[1] as string);
        end = CURRENCY_AFTER.lastIndex;
      } else if (per) {
        const tail = countedNoun(text, PER.lastIndex);
        const perEnd = tail && tail.endU16 > 0 ? tail.endU16 : PER.lastIndex;
        unit = text.slice(end, perEnd).trim().replace(/\s+/g, ' ');
        end = perEnd;
      } else {
        const tail = countedNoun(text, end);
        if (tail && tail.endU16 < 0) continue; // "115 Emergency Central Hospital"
        if (tail) {
          unit = tail.unit;
          end = tail.endU16;
          // "2.5 patients per bed", "21 deaths per 1,000 births"
          PER_WORD.lastIndex = end;
          PER.lastIndex = end;
          const perWord = PER_WORD.exec(text);
          const perNumber = perWord ? null : PER.exec(text);
          const perWordEnd = perWord && !STOP.has(perWord[1] as string) ? PER_WORD.lastIndex : -1;
          const perNumberTail = perNumber ? countedNoun(text, PER.lastIndex) : null;
          const perEnd = perWordEnd > 0 ? perWordEnd : perNumberTail && perNumberTail.endU16 > 0 ? perNumberTail.endU16 : -1;
          if (perEnd > 0) {
            unit = text.slice(start + (match[0].length), perEnd).trim().replace(/\s+/g, ' ');
            end = perEnd;
          }
        } else {
          // A bare number: only digits count, and never a year, which is a DATE.
          if (spelled) continue;
          if (!groups.s1 && /^(?:1[89]|20)\d\d$/.test(n1)) continue;
          confidence = 0.5;
        }
      }
    }
    const value: JsonValue = groups.n2
      ? { low: scaled(n1, groups.s1 ?? groups.s2), high: scaled(groups.n2, groups.s2), unit }
      : { value: scaled(n1, groups.s1), unit };
    found.push({ startU16: start, endU16: end, label: 'FIGURE', recogniser: 'figure', confidence, value });
    FIGURE.lastIndex = end;
  }
  return found;
}
