/**
 * Learnt forms: every whole-word occurrence of a surface the project has
 * accepted, under its label. Acronyms match only as written ("WHO", not
 * "who"); other forms ignore case. The compiled matcher is kept per gazetteer
 * array, so a run over many documents compiles it once.
 */
import type { GazetteerEntry } from '../candidate.js';
import { isAcronymLike } from '../../entities/normalise.js';
import type { RawCandidate } from './types.js';

interface Matcher {
  readonly exact: RegExp | null;
  readonly folded: RegExp | null;
  /** Surface (as written for acronyms, lower case otherwise) → labels. */
  readonly labels: ReadonlyMap<string, readonly string[]>;
}

const compiled = new WeakMap<readonly GazetteerEntry[], Matcher>();

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function alternation(surfaces: readonly string[], flags: string): RegExp | null {
  if (surfaces.length === 0) return null;
  // Longest first, so "Lakeside Heart Hospital" wins over "Lakeside".
  const body = [...new Set(surfaces)].sort((a, b) => b.length - a.length).map((s) => escape(s).replace(/\s+/g, '\\s+')).join('|');
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${body})(?![\\p{L}\\p{M}\\p{N}])`, flags);
}

function compile(entries: readonly GazetteerEntry[]): Matcher {
  const exact: string[] = [];
  const folded: string[] = [];
  const labels = new Map<string, string[]>();
  for (const entry of entries) {
    const surface = entry.surface.trim();
    if (surface === '') continue;
    const acronym = isAcronymLike(surface);
    (acronym ? exact : folded).push(surface);
    const key = acronym ? surface : surface.toLowerCase().replace(/\s+/g, ' ');
    const list = labels.get(key) ?? [];
    if (!list.includes(entry.label)) list.push(entry.label);
    labels.set(key, list);
  }
  return { exact: alternation(exact, 'gu'), folded: alternation(folded, 'giu'), labels };
}

/** Occurrences of learnt forms in `text`, one candidate per label a form carries. */
export function recogniseGazetteer(text: string, entries: readonly GazetteerEntry[], wanted: ReadonlySet<string>): RawCandidate[] {
  if (entries.length === 0) return [];
  let matcher = compiled.get(entries);
  if (!matcher) {
    matcher = compile(entries);
    compiled.set(entries, matcher);
  }
  const found: RawCandidate[] = [];
  for (const [re, fold] of [[matcher.exact, false], [matcher.folded, true]] as const) {
    if (!re) continue;
    re.lastIndex = 0;
    for (let match = re.exec(text); match !== null; match = re.exec(text)) {
      const key = fold ? match[0].toLowerCase().replace(/\s+/g, ' ') : match[0];
      for (const label of matcher.labels.get(key) ?? []) {
        if (!wanted.has(label)) continue;
        found.push({ startU16: match.index, endU16: match.index + match[0].length, label, recogniser: 'gazetteer', confidence: 0.9, value: null });
      }
    }
  }
  return found;
}
