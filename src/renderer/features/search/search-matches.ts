/**
 * The open document's matches of the search in the document list: found with
 * the same reading of the query as the search (shared/query-matches.ts), lit
 * up with the CSS Custom Highlight API over the rendered text runs (so no
 * block is redrawn and selection and offsets are left alone), and stepped
 * through one at a time.
 */
import { create } from 'zustand';
import { queryMatches, type RangeU16 } from '../../../shared/query-matches.js';
import { useDocumentStore } from '../../stores/document-store.js';
import { useListStore } from '../../stores/list-store.js';

export const MATCH_HIGHLIGHT = 'search-match';
export const CURRENT_MATCH_HIGHLIGHT = 'search-current';

interface MatchState {
  /** Which document and query `current` belongs to ("12:bach mai"). */
  readonly key: string;
  /** The match stepped to, or -1 before the first step. */
  readonly current: number;
  setCurrent(key: string, current: number): void;
}

export const useMatchStore = create<MatchState>()((set) => ({
  key: '',
  current: -1,
  setCurrent: (key, current) => set({ key, current }),
}));

let cached: { text: string; query: string; matches: RangeU16[] } | null = null;

/** The matches of `query` in `text` (the last answer is kept: the text and query rarely change between calls). */
export function matchesIn(text: string, query: string): readonly RangeU16[] {
  if (cached?.text === text && cached.query === query) return cached.matches;
  const matches = query.trim() === '' ? [] : queryMatches(text, query, true);
  cached = { text, query, matches };
  return matches;
}

/** The key of the open document and the list's query, or null when there is nothing to step through. */
export function matchKey(documentId: number | null, query: string): string | null {
  return documentId === null || query.trim() === '' ? null : `${documentId}:${query.trim()}`;
}

let revealNonce = 0;

/**
 * Steps to the next (1) or previous (-1) match of the search in the open
 * document, wrapping around, and brings it into view. False when there is none.
 */
export function stepMatch(step: 1 | -1): boolean {
  const { doc, offsets } = useDocumentStore.getState();
  const query = useListStore.getState().filters.query;
  const key = matchKey(doc?.id ?? null, query);
  if (!doc || !offsets || key === null) return false;
  const matches = matchesIn(doc.text, query);
  if (matches.length === 0) return false;
  const state = useMatchStore.getState();
  const from = state.key === key ? state.current : -1;
  const next = from < 0 ? (step === 1 ? 0 : matches.length - 1) : (from + step + matches.length) % matches.length;
  useMatchStore.getState().setCurrent(key, next);
  const match = matches[next] as RangeU16;
  // The document view brings a requested passage into view (and lights it up for a moment).
  useDocumentStore.setState({ reveal: { startCp: offsets.toCp(match.startU16), endCp: offsets.toCp(match.endU16), nonce: --revealNonce } });
  return true;
}

interface Run {
  readonly startU16: number;
  readonly node: Text;
}

/** The rendered text runs under `root`, in text order. */
function renderedRuns(root: Element): Run[] {
  const runs: Run[] = [];
  for (const element of root.querySelectorAll<HTMLElement>('[data-u16]')) {
    const node = element.firstChild;
    if (node instanceof Text) runs.push({ startU16: Number(element.getAttribute('data-u16')), node });
  }
  return runs.sort((a, b) => a.startU16 - b.startU16);
}

/** The run holding UTF-16 index `at` (the last run starting at or before it). */
function runAt(runs: readonly Run[], at: number): Run | undefined {
  let lo = 0;
  let hi = runs.length - 1;
  let found: Run | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const run = runs[mid] as Run;
    if (run.startU16 <= at) {
      found = run;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The first match ending after `at`. */
function firstEndingAfter(matches: readonly RangeU16[], at: number): number {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((matches[mid] as RangeU16).endU16 <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Lights up the matches drawn under `root` (only the blocks on screen are
 * drawn), the current one apart. Called again whenever the drawn blocks change.
 */
export function paintMatches(root: Element, matches: readonly RangeU16[], current: number): void {
  const registry = typeof CSS !== 'undefined' ? CSS.highlights : undefined;
  if (!registry || typeof Highlight === 'undefined') return;
  const all = new Highlight();
  const now = new Highlight();
  const runs = renderedRuns(root);
  const first = runs[0];
  const last = runs[runs.length - 1];
  if (first && last) {
    const drawnEnd = last.startU16 + last.node.length;
    for (let i = firstEndingAfter(matches, first.startU16); i < matches.length; i++) {
      const match = matches[i] as RangeU16;
      if (match.startU16 >= drawnEnd) break;
      const startRun = runAt(runs, Math.max(match.startU16, first.startU16));
      const endRun = runAt(runs, Math.min(match.endU16, drawnEnd) - 1);
      if (!startRun || !endRun) continue;
      const range = document.createRange();
      range.setStart(startRun.node, Math.min(startRun.node.length, Math.max(0, match.startU16 - startRun.startU16)));
      range.setEnd(endRun.node, Math.min(endRun.node.length, match.endU16 - endRun.startU16));
      (i === current ? now : all).add(range);
    }
  }
  registry.set(MATCH_HIGHLIGHT, all);
  registry.set(CURRENT_MATCH_HIGHLIGHT, now);
}

/** Takes every match highlight down (no search, or no document). */
export function clearMatches(): void {
  const registry = typeof CSS !== 'undefined' ? CSS.highlights : undefined;
  registry?.delete(MATCH_HIGHLIGHT);
  registry?.delete(CURRENT_MATCH_HIGHLIGHT);
}
