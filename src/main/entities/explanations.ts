import type { AcronymDefinition } from './acronyms.js';
import type { AliasMatch } from './known-aliases.js';
import { cleanSurface, foldDiacritics, hasDiacritics } from './normalise.js';
import { foldSpelling } from './spelling-variants.js';

/**
 * The sentences that tell a person why spans are suggested as one entity, e.g.
 * `same name with and without diacritics: "Bạch Mai Hospital" / "Bach Mai Hospital"`.
 */

const SHOWN_FORMS = 4;

/** Forms in quotes, at most a few of them. */
export function quoteForms(forms: readonly string[]): string {
  const shown = forms.slice(0, SHOWN_FORMS).map((form) => `"${form}"`);
  const more = forms.length - SHOWN_FORMS;
  return more > 0 ? `${shown.join(' / ')} and ${more} more` : shown.join(' / ');
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

const LEADING_THE = /^\s*the\s/i;
const POSSESSIVE = /\p{L}['’]s\b/iu;

/** What sets two forms of the same name apart: case, "the", a possessive, punctuation or spacing. */
function formDifferences(a: string, b: string): string[] {
  const found: string[] = [];
  if (LEADING_THE.test(a) !== LEADING_THE.test(b)) found.push('"the"');
  if (POSSESSIVE.test(a) !== POSSESSIVE.test(b)) found.push("a possessive 's");
  if (cleanSurface(a) !== cleanSurface(b)) found.push('case');
  const bare = (form: string): string => form.replace(LEADING_THE, '').replace(/['’]s\b/giu, '').toLowerCase();
  if (bare(a) !== bare(b)) found.push('punctuation or spacing');
  return found;
}

/** Same-form suggestions: the forms and what sets them apart, or the one form and how often it occurs. */
export function explainSameForm(reference: string, surfaces: readonly string[], mentions: number): string {
  const forms = unique([reference, ...surfaces]);
  if (forms.length === 1) return mentions > 1 ? `same name: "${reference}", ${mentions} mentions` : `same name: "${reference}"`;
  const differences = unique(forms.slice(1).flatMap((form) => formDifferences(reference, form)));
  return `same name up to ${differences.join(', ') || 'punctuation or spacing'}: ${quoteForms(forms)}`;
}

interface Lowered {
  readonly marked: string;
  readonly folded: string;
}

function lowered(form: string): Lowered {
  const clean = cleanSurface(form).toLowerCase();
  return { marked: clean, folded: foldDiacritics(clean) };
}

const WORD_BREAK = /[\s-]+/;

/** What sets two spelling variants apart: diacritics, hyphens and spacing, British and American spelling. */
function variantDifferences(a: string, b: string): string[] {
  const la = lowered(a);
  const lb = lowered(b);
  const found: string[] = [];
  const joined = (text: string): string => text.replace(/[\s-]+/g, '');
  if (hasDiacritics(la.marked) !== hasDiacritics(lb.marked)) found.push('with and without diacritics');
  else if (joined(la.marked) !== joined(lb.marked) && joined(la.folded) === joined(lb.folded)) found.push('with different diacritics');
  const wordsA = la.folded.split(WORD_BREAK);
  const wordsB = lb.folded.split(WORD_BREAK);
  if (wordsA.length !== wordsB.length) found.push('written as one word or apart');
  else if (la.folded.replace(/[^\s-]/g, '').replace(/\s+/g, ' ') !== lb.folded.replace(/[^\s-]/g, '').replace(/\s+/g, ' ')) {
    found.push('with a hyphen or a space');
  }
  if (joined(la.folded) !== joined(lb.folded)) {
    const pairs =
      wordsA.length === wordsB.length
        ? wordsA.flatMap((word, i) => {
            const other = wordsB[i] as string;
            return word !== other && foldSpelling(word) === foldSpelling(other) ? [`${word}/${other}`] : [];
          })
        : [];
    found.push(pairs.length > 0 ? `in British and American spelling (${unique(pairs).join(', ')})` : 'in British and American spelling');
  }
  return found;
}

/** Spelling-variant suggestions: what differs between the reference name and each variant. */
export function explainSpellingVariant(reference: string, surfaces: readonly string[]): string {
  const forms = unique([reference, ...surfaces]);
  const differences = unique(forms.slice(1).flatMap((form) => variantDifferences(reference, form)));
  return `same name ${differences.join(', ') || 'spelled differently'}: ${quoteForms(forms)}`;
}

/** Known-alias suggestions: which aliases were recognised. */
export function explainKnownAlias(matches: readonly AliasMatch[], reference: string, surfaces: readonly string[]): string {
  const aliases = unique(matches.map((match) => `"${match.alias}" is ${match.canonical}`));
  return `known alias ${aliases.join('; ')}: ${quoteForms(unique([reference, ...surfaces]))}`;
}

/** Where an acronym was defined, as a person would look it up. */
export interface AcronymSource {
  readonly definition: AcronymDefinition;
  readonly documentTitle: string;
}

/** Acronym suggestions: each acronym, its long form and the documents that define it. */
export function explainAcronym(sources: readonly AcronymSource[]): string {
  const byDefinition = new Map<string, { definition: AcronymDefinition; titles: string[] }>();
  for (const source of sources) {
    const id = `${source.definition.acronym}\u0000${source.definition.longForm}`;
    const entry = byDefinition.get(id) ?? { definition: source.definition, titles: [] };
    entry.titles.push(source.documentTitle);
    byDefinition.set(id, entry);
  }
  const sentences = [...byDefinition.values()].map(({ definition, titles }) => {
    const where = unique(titles);
    const others = where.length - 1;
    const place = others > 0 ? `"${where[0]}" and ${others} other document${others === 1 ? '' : 's'}` : `"${where[0]}"`;
    return `"${definition.acronym}" is defined as "${definition.longForm}" in ${place}`;
  });
  return `acronym: ${sentences.join('; ')}`;
}
