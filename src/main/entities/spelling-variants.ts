/**
 * British and American spellings folded to one form, word by word. Rules are
 * stems and endings rather than a word list, so "Gynaecology", "gynaecologist"
 * and "Orthopaedic" are covered without naming each word. Folding is applied to
 * both sides of every comparison, so a rule only has to map both spellings to
 * the same string, not to the "right" one.
 */

export interface SpellingRule {
  /** What the rule is about, for explanations and reading. */
  readonly family: string;
  /** A British word and its American spelling. */
  readonly example: readonly [british: string, american: string];
  readonly pattern: RegExp;
  readonly replacement: string;
}

/** Greek ae/oe in medical words: a stem anywhere in the word, British → American. */
const LIGATURE_STEMS: readonly (readonly [british: string, american: string, example: readonly [string, string]])[] = [
  ['haem', 'hem', ['haematology', 'hematology']],
  ['aemia', 'emia', ['anaemia', 'anemia']],
  ['gynae', 'gyne', ['gynaecology', 'gynecology']],
  ['paed', 'ped', ['paediatric', 'pediatric']],
  ['anaes', 'anes', ['anaesthesia', 'anesthesia']],
  ['aetiol', 'etiol', ['aetiology', 'etiology']],
  ['caesar', 'cesar', ['caesarean', 'cesarean']],
  ['oesophag', 'esophag', ['oesophagus', 'esophagus']],
  ['oedema', 'edema', ['oedema', 'edema']],
  ['oestr', 'estr', ['oestrogen', 'estrogen']],
  ['foet', 'fet', ['foetal', 'fetal']],
  ['rrhoea', 'rrhea', ['diarrhoea', 'diarrhea']],
  ['pnoea', 'pnea', ['dyspnoea', 'dyspnea']],
];

/** Words that follow no pattern, with their plural. */
const IRREGULAR: readonly (readonly [british: string, american: string])[] = [
  ['programme', 'program'],
  ['defence', 'defense'],
  ['licence', 'license'],
  ['offence', 'offense'],
  ['grey', 'gray'],
  ['ageing', 'aging'],
  ['judgement', 'judgment'],
  ['aluminium', 'aluminum'],
  ['sulphur', 'sulfur'],
  ['mould', 'mold'],
];

/**
 * The rule table. Endings ask for at least two letters before them, which keeps
 * short words alone ("four", "hour", "tour", "vogue", "seller").
 */
export const SPELLING_RULES: readonly SpellingRule[] = [
  ...LIGATURE_STEMS.map(([british, american, example]) => ({
    family: 'ae/oe → e',
    example,
    pattern: new RegExp(british, 'g'),
    replacement: american,
  })),
  { family: '-ise → -ize', example: ['organisation', 'organization'], pattern: /^(\p{L}{2,})is(e|es|ed|ing|er|ers|ation|ations)$/u, replacement: '$1iz$2' },
  { family: '-yse → -yze', example: ['analyse', 'analyze'], pattern: /^(\p{L}{2,})yse(s|d)?$/u, replacement: '$1yze$2' },
  { family: '-our → -or', example: ['tumour', 'tumor'], pattern: /^(\p{L}{2,})our(s|ed|ing|ite|ites|able|er|ers|ful)?$/u, replacement: '$1or$2' },
  { family: '-tre → -ter', example: ['centre', 'center'], pattern: /^(\p{L}{2,})(t|b)re(s|d)?$/u, replacement: '$1$2er$3' },
  { family: '-ogue → -og', example: ['catalogue', 'catalog'], pattern: /^(\p{L}{2,})ogue(s)?$/u, replacement: '$1og$2' },
  { family: '-elled → -eled', example: ['counsellor', 'counselor'], pattern: /^(\p{L}{2,}e)ll(ed|ing|er|ers|or|ors)$/u, replacement: '$1l$2' },
  ...IRREGULAR.map(([british, american]) => ({
    family: 'irregular',
    example: [british, american] as const,
    pattern: new RegExp(`^${british}(s?)$`),
    replacement: `${american}$1`,
  })),
];

/** Folded words, kept because names repeat the same few thousand words; emptied when it grows large. */
const folds = new Map<string, string>();
const MAX_REMEMBERED = 100_000;

/** One word (lower case, diacritics folded) in the spelling both variants share. */
export function foldSpelling(word: string): string {
  const known = folds.get(word);
  if (known !== undefined) return known;
  let folded = word;
  for (const rule of SPELLING_RULES) folded = folded.replace(rule.pattern, rule.replacement);
  if (folds.size >= MAX_REMEMBERED) folds.clear();
  folds.set(word, folded);
  return folded;
}
