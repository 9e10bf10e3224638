/**
 * HOSPITAL: a capitalised name ending in a facility word ("… General Hospital",
 * "… Medical Center", "… Clinic", "… Health Station"), or an institute whose
 * name says it treats patients ("National Institute of Cardiology and Heart
 * Surgery"), and the acronyms a text defines for such a name. Departments
 * and centres inside a hospital ("Oncology Center") have no facility word and
 * are not proposed.
 *
 * The facility words are rare, so the scan looks for them alone and only then
 * walks back over the capitalised words of the name: a regex that tried to
 * start a name at every capital letter would be several times slower.
 */
import { findAcronymDefinitions } from '../../entities/acronyms.js';
import type { RawCandidate } from './types.js';

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
    push(found, start, end, 'hospital', 0.85);
  }
  INSTITUTE.lastIndex = 0;
  for (let match = INSTITUTE.exec(text); match !== null; match = INSTITUTE.exec(text)) {
    REST_OF_NAME.lastIndex = match.index + match[0].length;
    const rest = REST_OF_NAME.exec(text);
    const end = rest ? REST_OF_NAME.lastIndex : match.index + match[0].length;
    push(found, nameBefore(text, match.index).start, end, 'hospital', 0.8);
  }
  if (found.length > 0 && text.includes('(')) addAcronyms(text, found);
  return found;
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
