/**
 * HOSPITAL: a capitalised name ending in a facility word ("… General Hospital",
 * "… Medical Center", "… Clinic", "… Health Station"), or an institute whose
 * name says it treats patients ("National Institute of Cardiology and Heart
 * Surgery"), and the acronyms a text defines for such a name. Departments
 * and centres inside a hospital ("Oncology Center") have no facility word and
 * are not proposed.
 *
 * Also: a number that goes with the name ("Riverside Children's Hospital 2"), a
 * name before a lower-case "hospital" ("Hilltop hospital"), names sharing one
 * facility word ("Lakeside, Hilltop and Bayside hospitals"), and the
 * distinctive part of a name found in full, later in the same text ("Lakeside"
 * after "Lakeside General Hospital").
 *
 * The facility words are rare, so the scan looks for them alone and only then
 * walks back over the capitalised words of the name: a regex that tried to
 * start a name at every capital letter would be several times slower.
 */
import { findAcronymDefinitions } from '../../entities/acronyms.js';
import type { RawCandidate } from './types.js';
import { standingAlone } from './words.js';

const SPACE = '[ \\u00a0]+';
const HEAD = new RegExp(
  `Hospital|Clinic|Polyclinic|Infirmary|Sanatorium|Medical${SPACE}Cent(?:er|re)|Health${SPACE}(?:Cent(?:er|re)|Station)|Maternity${SPACE}Home`,
  'gu',
);
/** Specialities that make an institute a place where patients are treated. */
const CLINICAL =
  'Haematology|Hematology|Blood|Cardiology|Heart|Cancer|Oncology|Tuberculosis|Lung|Psychiatry|Mental|Dermatology|Ophthalmology|Eye|Odonto|Stomatology|Paediatrics|Pediatrics|Obstetrics|Geriatrics|Orthopaedics|Orthopedics|Trauma|Burns?|Tropical|Nephrology|Urology|Endocrinology|Rehabilitation|Traditional Medicine|Clinical';
const INSTITUTE = new RegExp(`Institute${SPACE}(?:of|for)${SPACE}(?:${CLINICAL})`, 'gu');
/** What may follow a facility word and still belong to the name: "Hospital for Tropical Diseases". */
const TAIL = new RegExp(`${SPACE}(?:for|of)${SPACE}(?:the${SPACE})?\\p{Lu}[\\p{L}\\p{M}-]*(?:${SPACE}(?:and${SPACE})?\\p{Lu}[\\p{L}\\p{M}-]*){0,4}`, 'uy');
const REST_OF_NAME = new RegExp(`[\\p{L}\\p{M}]*(?:${SPACE}(?:and${SPACE})?\\p{Lu}[\\p{L}\\p{M}-]*){0,4}`, 'uy');

/** Words a name is joined by; they never start or end one. */
const JOINS = new Set(['and', 'of', 'for', '&', 'de']);
/** Words after which "of" or "for" still joins one name. */
const OPENS_OF = /(?:University|Institute|Academy|College|School|Faculty)[ \u00a0]+$/u;
/** Facility words end a name: walking back, they mark where an earlier name ended. */
const HEAD_WORDS = new Set(['Hospital', 'Clinic', 'Polyclinic', 'Infirmary', 'Sanatorium', 'Center', 'Centre', 'Station', 'Home']);
/** Capitalised words that open a sentence or phrase rather than a name. */
const LEADING = new Set([
  'The', 'A', 'An', 'At', 'In', 'On', 'From', 'To', 'With', 'For', 'And', 'By', 'Of', 'Both', 'Currently', 'Accordingly',
  'Meanwhile', 'Today', 'Yesterday', 'Recently', 'Also', 'While', 'When', 'After', 'Before', 'During', 'Under', 'Since',
  'Our', 'Their', 'Its', 'His', 'Her', 'This', 'That', 'These', 'Those', 'Every', 'Each', 'Some', 'Many', 'All',
]);
/** Words that alone make no name: "the District Hospital" is any district's. */
const GENERIC = new Set([
  'General', 'Central', 'University', 'Provincial', 'District', 'City', 'Military', 'National', 'Regional', 'Field',
  'Private', 'Public', 'State', 'Children’s', "Children's", 'Medical', 'Health', 'Main', 'New', 'Old', 'Local',
]);

/** Places and nationalities: "Hanoi hospitals" and "Vietnamese hospitals" are any hospitals there. */
const PLACE_WORDS = new Set([
  'Vietnam', 'Viet', 'Nam', 'Vietnamese', 'Hanoi', 'Ha', 'Noi', 'Saigon', 'Ho', 'Chi', 'Minh', 'City', 'Province', 'District',
  'Da', 'Nang', 'Hue', 'Can', 'Tho', 'Hai', 'Phong', 'Asian', 'European', 'American', 'Korean', 'Japanese', 'Chinese',
  'Thai', 'Cambodian', 'Lao', 'Australian', 'French', 'German', 'British', 'Indian', 'Singapore', 'Cambodia', 'Laos',
  'Thailand', 'China', 'Japan', 'Korea', 'Southern', 'Northern', 'Central', 'Western', 'Eastern', 'Rural', 'Urban',
  'Top', 'Major', 'Leading', 'Other', 'Several', 'Most', 'Big', 'Large', 'Small', 'Many', 'Some', 'Both',
]);
/** Words of a name that say what kind of facility it is, not which: what is left is its distinctive part. */
const KIND_WORDS = new Set([...GENERIC, ...HEAD_WORDS, 'Medical', 'Heart', 'Eye', 'Cancer', 'Oncology', 'Lung', 'Children’s', "Children's",
  'Maternity', 'Rehabilitation', 'Emergency', 'Women’s', "Women's", 'Dental', 'Mental', 'Psychiatric', 'Paediatric',
  'Pediatric', 'Obstetrics', 'Gynecology', 'Cardiology', 'Orthopaedic', 'Orthopedic', 'Trauma', 'Burns', 'Tropical',
  'Diseases', 'Traditional', 'Medicine', 'International', 'Friendship', 'Heart', 'Health', 'Hi-tech', 'Specialised']);
/**
 * After a facility's number, what shows the number was the name's and not a
 * count: punctuation, a joining word or verb, or a lower-case word that is not
 * a plural noun ("Hospital 2 and …", "Hospital 1 share …", but not "Hospital 40 beds").
 */
const AFTER_NUMBER = /^[ \u00a0]+\d{1,2}(?=[.,;:)]|[ \u00a0]+(?:and|or|has|is|was|will|now|in|on|at|with|for|to|which|that|where|says|treats|runs|also)\b|[ \u00a0]+\p{Ll}+(?<!s)(?![\p{L}\p{M}]))/u;
/** Names sharing one facility word: "Lakeside, Hilltop and Bayside hospitals". */
const CAPS = "\\p{Lu}[\\p{L}\\p{M}’'-]*(?:[ \\u00a0]\\p{Lu}[\\p{L}\\p{M}’'-]*){0,2}";
const SHARED_HEAD = new RegExp(`(?<![\\p{L}\\p{M}])((?:${CAPS}(?:,[ \\u00a0]+|[ \\u00a0]+and[ \\u00a0]+|,[ \\u00a0]+and[ \\u00a0]+))+)(${CAPS})[ \\u00a0]+[Hh]ospitals$`, 'u');
const CAPS_RUN = new RegExp(CAPS, 'gu');
/** How far before "hospitals" a list of names sharing it may begin. */
const SHARED_REACH = 160;
/** A name before a lower-case "hospital": "taken to Hilltop hospital". */
const LOWER_HEAD = /(?<![\p{L}\p{M}])hospital(?![\p{L}\p{M}])/gu;

const WORD_CHAR = /[\p{L}\p{M}\p{N}’'.&-]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{M}\p{N}]/u;
const UPPER_START = /^(?:\p{Lu}|\d{1,3}$)/u;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0xa0;
}

/** Start of the name whose facility word starts at `headStart`, and whether it has a word of its own. */
function nameBefore(text: string, headStart: number): { start: number; specific: boolean } {
  let start = headStart;
  let specific = false;
  let at = headStart;
  const words: { word: string; start: number }[] = [];
  for (;;) {
    let wordEnd = at;
    while (wordEnd > 0 && isSpace(text.charCodeAt(wordEnd - 1))) wordEnd--;
    if (wordEnd === at) break; // punctuation or a line start ends the name
    let wordStart = wordEnd;
    while (wordStart > 0 && WORD_CHAR.test(text.charAt(wordStart - 1))) wordStart--;
    if (wordStart === wordEnd) break;
    const word = text.slice(wordStart, wordEnd);
    if (JOINS.has(word)) {
      // "of" joins "University of Medicine … Hospital", but "Dr X of Y Hospital" is a person and a hospital.
      if ((word === 'of' || word === 'for') && !OPENS_OF.test(text.slice(Math.max(0, wordStart - 16), wordStart))) break;
      // "… Hospital 2 and Riverside Hospital": the number before "and" ends the name before.
      if (/\d[ \u00a0]+$/u.test(text.slice(Math.max(0, wordStart - 3), wordStart))) break;
      at = wordStart;
      continue;
    }
    // "Hanoi." closes a sentence; "St." does not.
    if (!UPPER_START.test(word) || HEAD_WORDS.has(word) || (word.endsWith('.') && word.length > 3)) break;
    words.push({ word, start: wordStart });
    at = wordStart;
  }
  // "The" or "At" open a sentence, but "An" also ends "Long An": only the first words can be dropped.
  while (words.length > 0 && LEADING.has((words[words.length - 1] as { word: string }).word)) words.pop();
  for (const { word, start: wordStart } of words) {
    start = wordStart;
    if (!GENERIC.has(word)) specific = true;
  }
  return { start, specific };
}

function push(found: RawCandidate[], start: number, end: number, recogniser: string, confidence: number): void {
  found.push({ startU16: start, endU16: end, label: 'HOSPITAL', recogniser, confidence, value: null });
}

/** Facility names, institutes that treat patients, and the acronyms defined for them. */
export function recogniseHospitals(text: string): RawCandidate[] {
  const found: RawCandidate[] = [];
  HEAD.lastIndex = 0;
  for (let match = HEAD.exec(text); match !== null; match = HEAD.exec(text)) {
    let end = match.index + match[0].length;
    if (LETTER_OR_DIGIT.test(text.charAt(end)) || (match.index > 0 && LETTER_OR_DIGIT.test(text.charAt(match.index - 1)))) continue;
    const { start, specific } = nameBefore(text, match.index);
    TAIL.lastIndex = end;
    const tail = TAIL.exec(text);
    if (tail) end = TAIL.lastIndex;
    if (!specific && !tail) continue; // a bare "Hospital" or "General Hospital" names no facility
    const numbered = tail ? null : AFTER_NUMBER.exec(text.slice(end, end + 40));
    if (numbered) end += numbered[0].length;
    push(found, start, end, 'hospital', 0.85);
  }
  if (text.includes('hospital')) lowerCaseHeads(text, found);
  if (text.includes('ospitals')) sharedHeads(text, found);
  INSTITUTE.lastIndex = 0;
  for (let match = INSTITUTE.exec(text); match !== null; match = INSTITUTE.exec(text)) {
    REST_OF_NAME.lastIndex = match.index + match[0].length;
    const rest = REST_OF_NAME.exec(text);
    const end = rest ? REST_OF_NAME.lastIndex : match.index + match[0].length;
    push(found, nameBefore(text, match.index).start, end, 'hospital', 0.8);
  }
  if (found.length > 0 && text.includes('(')) addAcronyms(text, found);
  if (found.length > 0) laterShortForms(text, found);
  return found;
}

/** True when a capitalised phrase can name one facility: not a place, a nationality or a word that opens a sentence. */
function distinctive(words: readonly string[]): boolean {
  return words.length > 0 && !words.some((word) => PLACE_WORDS.has(word) || LEADING.has(word)) && words.some((word) => !GENERIC.has(word));
}

/** "Hilltop hospital": a name not opening a sentence, before a lower-case "hospital". */
function lowerCaseHeads(text: string, found: RawCandidate[]): void {
  LOWER_HEAD.lastIndex = 0;
  for (let match = LOWER_HEAD.exec(text); match !== null; match = LOWER_HEAD.exec(text)) {
    const { start, specific } = nameBefore(text, match.index);
    if (!specific || start === match.index) continue;
    const words = text.slice(start, match.index).trim().split(/[ \u00a0]+/u);
    if (!distinctive(words) || words.some((word) => /^\d/.test(word))) continue;
    // A sentence's first word is capitalised anyway: "Provincial hospital staff …" names nothing.
    if (start === 0 || /[.!?\n][ \u00a0"“]*$/u.test(text.slice(Math.max(0, start - 4), start))) continue;
    push(found, start, match.index + match[0].length, 'hospital', 0.7);
  }
}

/** "Lakeside, Hilltop and Bayside hospitals": the last name takes the facility word, the others stand alone. */
function sharedHeads(text: string, found: RawCandidate[]): void {
  // Only the text just before each "hospitals" is read: a pattern tried at every capital of the text cost more than the rest of the scan.
  for (let at = text.indexOf('ospitals'); at > 0; at = text.indexOf('ospitals', at + 1)) {
    const headEnd = at + 'ospitals'.length;
    if (headEnd < text.length && /[\p{L}\p{M}]/u.test(text.charAt(headEnd))) continue;
    const windowStart = Math.max(0, at - 1 - SHARED_REACH);
    const match = SHARED_HEAD.exec(text.slice(windowStart, headEnd));
    if (!match) continue;
    const listStart = windowStart + match.index;
    const list = match[1] as string;
    const items: { start: number; end: number }[] = [];
    CAPS_RUN.lastIndex = 0;
    for (let part = CAPS_RUN.exec(list); part !== null; part = CAPS_RUN.exec(list)) {
      items.push({ start: listStart + part.index, end: listStart + part.index + part[0].length });
    }
    const lastWords = (match[2] as string).split(/[ \u00a0]+/u);
    const all = [...items.map(({ start, end }) => text.slice(start, end).split(/[ \u00a0]+/u)), lastWords];
    if (!all.every(distinctive)) continue;
    for (const { start, end } of items) push(found, start, end, 'hospital', 0.7);
    push(found, listStart + list.length, headEnd, 'hospital', 0.7);
  }
}

/**
 * The distinctive part of each facility named in full ("Lakeside" of
 * "Lakeside General Hospital"), wherever it stands alone later in the text.
 * A place ("Hanoi" of "Hanoi Heart Hospital") never stands for the facility.
 */
function laterShortForms(text: string, found: RawCandidate[]): void {
  const firstEnd = new Map<string, { end: number; fullForm: string }>();
  for (const candidate of found) {
    if (candidate.recogniser !== 'hospital') continue;
    const fullForm = text.slice(candidate.startU16, candidate.endU16);
    const words = fullForm.split(/[ \u00a0]+/u);
    const own: string[] = [];
    for (const word of words) {
      if (KIND_WORDS.has(word) || JOINS.has(word) || /^\d/.test(word) || word === 'hospital' || word === 'hospitals') break;
      own.push(word);
    }
    if (own.length === 0 || own.length === words.length || !distinctive(own)) continue;
    const part = own.join(' ');
    if (part.length < 4) continue;
    const seen = firstEnd.get(part);
    if (seen === undefined || candidate.endU16 < seen.end) firstEnd.set(part, { end: candidate.endU16, fullForm });
  }
  if (firstEnd.size === 0) return;
  const taken = [...found];
  const added: RawCandidate[] = [];
  for (const { start, end, from, fullForm } of standingAlone(text, firstEnd)) {
    if (start < from || taken.some((candidate) => candidate.startU16 < end && start < candidate.endU16)) continue;
    const before = /(\S+)[ \u00a0]+$/u.exec(text.slice(Math.max(0, start - 40), start))?.[1];
    if (before !== undefined && !/[.!?:"“]$/u.test(before) && /^\p{Lu}/u.test(before)) continue;
    if (/^(?:[’']s)?[ \u00a0]+\p{Lu}/u.test(text.slice(end, end + 4))) continue;
    added.push({ startU16: start, endU16: end, label: 'HOSPITAL', recogniser: 'hospital', confidence: 0.6, value: null, fullForm });
  }
  found.push(...added);
}

/** Every whole-word use of an acronym the text defines for a facility it names. */
function addAcronyms(text: string, found: RawCandidate[]): void {
  const names = found.map((candidate) => text.slice(candidate.startU16, candidate.endU16));
  for (const definition of findAcronymDefinitions(text)) {
    const longForm = definition.longForm.trim();
    if (!names.some((name) => name === longForm || name.endsWith(longForm) || longForm.endsWith(name))) continue;
    const escaped = definition.acronym.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const use = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu');
    for (let match = use.exec(text); match !== null; match = use.exec(text)) {
      push(found, match.index, match.index + match[0].length, 'acronym', 0.8);
    }
  }
}
