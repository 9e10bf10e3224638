/**
 * PERSON: Vietnamese names (a family name from the list below, then two or
 * three more syllables) and other names (a known given name, or a title
 * before them, then capitalised words and initials). Titles and roles are not part of the span:
 * the name starts at the family or given name found inside a run of capitals.
 * A name found in full makes its last part a name later in the same text
 * ("Health Minister Tran Thi Lan … Lan said"; "Dr Sarah O'Connell … O'Connell
 * called"), and initials are a name after a word that introduces a person
 * ("a patient, T.V.H.") and wherever they recur in the text.
 */
import type { RawCandidate } from './types.js';
import { plainWord, standingAlone } from './words.js';

/** Vietnamese family names, without diacritics. */
const FAMILY_NAMES = new Set([
  'nguyen', 'tran', 'le', 'pham', 'hoang', 'huynh', 'phan', 'vu', 'vo', 'dang', 'bui', 'do', 'ho', 'ngo', 'duong', 'ly',
  'dao', 'dinh', 'doan', 'lam', 'mai', 'truong', 'trinh', 'luong', 'cao', 'tang', 'tong', 'ta', 'kieu', 'chu', 'quach',
  'thich', 'luu', 'ha', 'hua', 'vuong', 'thai', 'giang', 'mac', 'lai', 'khuc', 'nghiem', 'phung', 'trieu', 'diep',
  'la', 'van', 'ton', 'khong', 'nong', 'lo', 'lu', 'au', 'quan', 'ong', 'tieu', 'thach', 'danh', 'kim', 'an',
]);

/** Common given names in news about health, across languages. */
const GIVEN_NAMES = new Set([
  'john', 'james', 'michael', 'david', 'robert', 'william', 'richard', 'thomas', 'mark', 'paul', 'peter', 'andrew',
  'daniel', 'matthew', 'christopher', 'george', 'stephen', 'steven', 'jan', 'hans', 'klaus', 'jens', 'karl', 'stefan',
  'anna', 'maria', 'mary', 'elizabeth', 'sarah', 'susan', 'jennifer', 'linda', 'barbara', 'patricia', 'angela', 'helen',
  'emma', 'olivia', 'sophie', 'julia', 'laura', 'claire', 'anne', 'catherine', 'kate', 'margaret', 'jane', 'lisa',
  'sergey', 'sergei', 'vladimir', 'dmitry', 'alexander', 'alexei', 'ivan', 'mikhail', 'nikolai', 'olga', 'tatiana',
  'natalia', 'elena', 'irina', 'alice', 'grace', 'hannah', 'lucy', 'isabel', 'ines', 'sofia', 'eva', 'nina', 'vera', 'pierre', 'jean', 'francois', 'marie', 'jacques', 'luc', 'carlos', 'jose', 'juan',
  'luis', 'antonio', 'manuel', 'pedro', 'marco', 'giovanni', 'luca', 'hiroshi', 'takeshi', 'yuki', 'kenji', 'akira',
  'kim', 'park', 'lee', 'joseph', 'charles', 'edward', 'henry', 'frank', 'tedros', 'bill', 'melinda', 'kevin', 'brian',
  'jason', 'eric', 'jeffrey', 'ryan', 'gary', 'tim', 'tom', 'ben', 'samuel', 'martin', 'simon', 'philip', 'tony',
  'chris', 'alex', 'sam', 'nick', 'adam', 'alan', 'ian', 'roger', 'rachel', 'rebecca', 'karen', 'nancy', 'betty',
  'margaret', 'dorothy', 'ruth', 'sharon', 'michelle', 'amy', 'emily', 'jessica', 'ashley', 'amanda', 'melissa',
  'deborah', 'stephanie', 'carol', 'christine', 'monica', 'ingrid', 'katrin', 'ursula', 'angelika', 'wolfgang',
  'jurgen', 'heinz', 'matthias', 'andreas', 'markus', 'michel', 'philippe', 'alain', 'nicolas', 'ahmed', 'mohamed',
  'muhammad', 'ali', 'omar', 'hassan', 'raj', 'rahul', 'priya', 'anil', 'sunil', 'ravi', 'wei', 'li', 'zhang',
]);

/** Words that make a run of capitals a place or body rather than a person. */
const NOT_A_PERSON = new Set([
  'city', 'province', 'district', 'ward', 'commune', 'town', 'village', 'street', 'road', 'lake', 'bay', 'river',
  'mountain', 'island', 'hospital', 'clinic', 'center', 'centre', 'institute', 'university', 'college', 'school',
  'ministry', 'department', 'committee', 'council', 'agency', 'association', 'foundation', 'company', 'group',
  'corporation', 'pagoda', 'temple', 'church', 'square', 'airport', 'station', 'bridge', 'market', 'newspaper',
  'club', 'zone', 'programme', 'program', 'project', 'fund', 'network', 'party', 'front', 'union', 'office', 'bank',
  'day', 'award', 'prize', 'law', 'resolution', 'decree', 'plan', 'scheme', 'medical', 'general', 'health', 'central',
  'national', 'international', 'co', 'ltd', 'jsc', 'vietnam',
]);

/** Titles and roles after which capitalised words are a person's name. */
const TITLES = new Set([
  'dr', 'prof', 'professor', 'mr', 'mrs', 'ms', 'miss', 'sir', 'dame', 'madam', 'assoc', 'associate', 'doctor', 'nurse',
  'minister', 'director', 'president', 'chairman', 'chairwoman', 'chairperson', 'ceo', 'secretary', 'ambassador',
  'representative', 'spokesperson', 'spokesman', 'spokeswoman', 'colonel', 'lieutenant', 'major', 'surgeon', 'physician',
  'coordinator', 'manager', 'trainer', 'researcher', 'founder', 'chair', 'mayor', 'governor', 'midwife', 'pharmacist',
  'lecturer', 'scientist', 'specialist',
]);

/** Words after which initials ("T.V.H.") are a person: news names patients and children so. */
const INITIALS_CUE = /\b(?:patients?|Mr|Mrs|Ms|Miss|boy|girl|man|woman|baby|infant|child|daughter|son|wife|husband|mother|father|named|victim|worker|student|donor|resident)\b[\s,.:]*$/iu;
/** Initials that are not a person's. */
const NOT_INITIALS = new Set(['U.S.', 'U.K.', 'U.N.', 'E.U.', 'A.M.', 'P.M.', 'D.C.', 'B.C.', 'A.D.', 'N.B.', 'P.S.', 'I.E.', 'E.G.', 'H.C.M.C.']);
// The plain class first lets most positions fail at once, before the lookbehind runs.
const INITIALS = /(?=[A-Z\u00c0-\u024f]\.)(?<![\p{L}\p{N}.])(?:\p{Lu}\.){2,4}(?![\p{L}\p{N}])/gu;
/** English words a name's last part may also be, which open sentences as themselves. */
const ALSO_WORDS = new Set(['long', 'may', 'will', 'an', 'do', 'hope', 'son', 'mark', 'bill', 'rose', 'june', 'young', 'grace', 'page', 'king']);

function isTitle(token: Token): boolean {
  // "Prof.Dr" is two titles glued together.
  return token.plain.split('.').some((part) => TITLES.has(part));
}

/** Place names that read like Vietnamese personal names. */
const PLACES = new Set(['ho chi minh', 'dien bien phu']);

/**
 * A run of capitalised words and initials on one line ("Prof.Dr. Maria K. Lindqvist").
 * The plain character class in front lets V8 reject most positions at once: a
 * leading \p{Lu} alone makes the scan several times slower.
 */
const CAPITAL_RUN = /(?=[A-Z\u00c0-\u024f\u0370-\u052f\u1e00-\u1fff])(?=\p{Lu})(?<![\p{L}\p{M}\p{N}])\p{Lu}[\p{L}\p{M}’'.-]*(?:[ \u00a0]+\p{Lu}[\p{L}\p{M}’'.-]*)+/gu;

const INITIAL = /^\p{Lu}\.$/u;

interface Token {
  readonly word: string;
  /** The word folded for list look-ups. */
  readonly plain: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The run's words, in pieces cut where a word ends a sentence ("… Tran Quoc
 * Bao. Bao thanked …"): a full stop after a word that is neither an initial
 * nor a title.
 */
function tokenise(run: string, offset: number): Token[][] {
  const pieces: Token[][] = [];
  let tokens: Token[] = [];
  const re = /[^ \u00a0]+/gu;
  for (let match = re.exec(run); match !== null; match = re.exec(run)) {
    // "Prof.Dr." glues two titles; the name never starts inside it.
    let word = match[0];
    let end = offset + match.index + word.length;
    if (/[’']s$/.test(word)) {
      word = word.slice(0, -2);
      end -= 2;
    } else if (word.endsWith('.') && !INITIAL.test(word)) {
      word = word.slice(0, -1);
      end -= 1;
      const token = { word, plain: plainWord(word), start: offset + match.index, end };
      tokens.push(token);
      if (!isTitle(token) && !word.includes('.')) {
        pieces.push(tokens);
        tokens = [];
      }
      continue;
    }
    tokens.push({ word, plain: plainWord(word), start: offset + match.index, end });
  }
  pieces.push(tokens);
  return pieces;
}

function isVietnameseSyllable(word: string): boolean {
  return /^\p{Lu}[\p{Ll}\p{M}]{0,6}$/u.test(word);
}

/** People named in `text`. */
export function recognisePeople(text: string): RawCandidate[] {
  const found: RawCandidate[] = [];
  CAPITAL_RUN.lastIndex = 0;
  for (let match = CAPITAL_RUN.exec(text); match !== null; match = CAPITAL_RUN.exec(text)) {
    for (const tokens of tokenise(match[0], match.index)) {
      // A run such as "Health Tran Thi Mai Anh" still holds a name after the role.
      let lastBad = -1;
      for (let i = 0; i < tokens.length; i++) if (NOT_A_PERSON.has((tokens[i] as Token).plain)) lastBad = i;
      if (lastBad >= tokens.length - 2) continue;
      if (lastBad >= 0) tokens.splice(0, lastBad + 1);
      const name = findName(tokens);
      if (!name) continue;
      found.push({ startU16: name.start, endU16: name.end, label: 'PERSON', recogniser: 'person', confidence: name.confidence, value: null });
    }
  }
  found.push(...initials(text));
  found.push(...laterParts(text, found));
  return found.sort((a, b) => a.startU16 - b.startU16);
}

/** Initials after a word that introduces a person, and the same initials wherever else they stand. */
function initials(text: string): RawCandidate[] {
  const found: RawCandidate[] = [];
  const named = new Set<string>();
  INITIALS.lastIndex = 0;
  for (let match = INITIALS.exec(text); match !== null; match = INITIALS.exec(text)) {
    const form = match[0];
    if (NOT_INITIALS.has(form)) continue;
    if (!named.has(form) && !INITIALS_CUE.test(text.slice(Math.max(0, match.index - 40), match.index))) continue;
    named.add(form);
    found.push({ startU16: match.index, endU16: match.index + form.length, label: 'PERSON', recogniser: 'person', confidence: 0.6, value: null });
  }
  return found;
}

/**
 * The last part of each name found in full, wherever it stands alone later in
 * the text: a word of its own, not inside a longer run of capitals, and not an
 * English word opening a sentence.
 */
function laterParts(text: string, names: readonly RawCandidate[]): RawCandidate[] {
  const firstEnd = new Map<string, { end: number; fullForm: string }>();
  for (const name of names) {
    const fullForm = text.slice(name.startU16, name.endU16);
    const words = fullForm.split(/[ \u00a0]+/u);
    const last = words[words.length - 1] as string;
    if (words.length < 2 || INITIAL.test(last) || last.length < 2) continue;
    const seen = firstEnd.get(last);
    if (seen === undefined || name.endU16 < seen.end) firstEnd.set(last, { end: name.endU16, fullForm });
  }
  const found: RawCandidate[] = [];
  for (const { start, end, form: part, fullForm } of standingAlone(text, firstEnd)) {
    if (names.some((name) => name.startU16 < end && start < name.endU16)) continue;
    const before = /(\S+)[ \u00a0]+$/u.exec(text.slice(Math.max(0, start - 40), start));
    const previous = before?.[1];
    const opensSentence = previous === undefined || /[.!?:"“]$/u.test(previous);
    if (previous !== undefined && !opensSentence && /^\p{Lu}/u.test(previous)) continue;
    if (opensSentence && ALSO_WORDS.has(plainWord(part))) continue;
    // The next word, past a possessive: a capital there makes this part of another name ("Lan Anh", "Ha Long").
    if (/^(?:[’']s)?[ \u00a0]+\p{Lu}/u.test(text.slice(end, end + 4))) continue;
    found.push({ startU16: start, endU16: end, label: 'PERSON', recogniser: 'person', confidence: 0.6, value: null, fullForm });
  }
  return found;
}

function findName(tokens: readonly Token[]): { start: number; end: number; confidence: number } | null {
  for (let i = 0; i < tokens.length - 1; i++) {
    const word = (tokens[i] as Token).plain;
    const rest = tokens.slice(i);
    if (FAMILY_NAMES.has(word) && rest.length >= 3 && rest.length <= 4 && rest.every((token) => isVietnameseSyllable(token.word))) {
      const phrase = rest.map((token) => token.plain).join(' ');
      if ([...PLACES].some((place) => phrase.startsWith(place))) return null;
      return { start: (rest[0] as Token).start, end: (rest[rest.length - 1] as Token).end, confidence: 0.8 };
    }
    const afterTitle = i > 0 && isTitle(tokens[i - 1] as Token) && !isTitle(tokens[i] as Token);
    if ((GIVEN_NAMES.has(word) || afterTitle) && rest.length >= 2 && rest.length <= (afterTitle ? 3 : 4)) {
      const last = rest[rest.length - 1] as Token;
      // "Ben Tre" is a province: a Western family name is rarely a three-letter syllable.
      if (INITIAL.test(last.word) || last.word.length < 4) return null;
      if (rest.some((token) => !/^\p{Lu}/u.test(token.word))) return null;
      return { start: (rest[0] as Token).start, end: last.end, confidence: GIVEN_NAMES.has(word) ? 0.75 : 0.7 };
    }
  }
  return null;
}
