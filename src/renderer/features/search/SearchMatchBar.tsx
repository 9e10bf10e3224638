/**
 * Above the open document while the document list is searched: how many
 * matches of the search the document holds, which one is current ("3 of 12"),
 * buttons to step through them (Enter and Shift+Enter in the search box do the
 * same), and the way to tag every match in the corpus. The matches are lit up
 * in the text as long as the search stands.
 */
import { useEffect } from 'react';
import { countOf } from '../../../shared/plural.js';
import { DOCUMENT_TEXT_ID } from '../../components/element-ids.js';
import { useDocumentStore } from '../../stores/document-store.js';
import { useListStore } from '../../stores/list-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { clearMatches, matchesIn, matchKey, paintMatches, stepMatch, useMatchStore } from './search-matches.js';

/** Keeps the highlights in step with the blocks the document view draws, the matches and the current one. */
function useMatchHighlights(matches: readonly { startU16: number; endU16: number }[], current: number, documentId: number | null): void {
  useEffect(() => {
    const root = document.getElementById(DOCUMENT_TEXT_ID);
    if (!root || matches.length === 0) {
      clearMatches();
      return;
    }
    let frame = 0;
    const paint = (): void => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => paintMatches(root, matches, current));
    };
    paint();
    // Blocks come and go as the text scrolls, and a block is redrawn after an edit: paint again then.
    const observer = new MutationObserver(paint);
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      clearMatches();
    };
  }, [matches, current, documentId]);
}

/** The match bar; nothing while the list is not searched or no document is open. */
export function SearchMatchBar() {
  const doc = useDocumentStore((s) => s.doc);
  const query = useListStore((s) => s.filters.query);
  const key = matchKey(doc?.id ?? null, query);
  const stored = useMatchStore((s) => (s.key === key ? s.current : -1));
  const matches = doc && key !== null ? matchesIn(doc.text, query) : [];
  const current = stored < matches.length ? stored : -1;
  useMatchHighlights(matches, current, doc?.id ?? null);

  // A document opened while searching shows its first match.
  useEffect(() => {
    if (key === null || useMatchStore.getState().key === key) return;
    useMatchStore.getState().setCurrent(key, -1);
    if (useDocumentStore.getState().reveal === null && useDocumentStore.getState().selectedSpanId === null) stepMatch(1);
  }, [key]);

  if (!doc || key === null) return null;
  const trimmed = query.trim();
  return (
    <div className="search-match-bar" role="region" aria-label="Search matches">
      <p className="search-match-count" role="status" aria-live="polite">
        {matches.length === 0
          ? `No match of “${trimmed}” in this document`
          : current < 0
            ? `${countOf(matches.length, 'match', 'matches')} of “${trimmed}”`
            : `Match ${current + 1} of ${matches.length} of “${trimmed}”`}
      </p>
      <div className="search-match-actions">
        <button type="button" onClick={() => stepMatch(-1)} disabled={matches.length === 0} title="Previous match (Shift+Enter in the search box)" aria-label="Previous match">
          ↑
        </button>
        <button type="button" onClick={() => stepMatch(1)} disabled={matches.length === 0} title="Next match (Enter in the search box)" aria-label="Next match">
          ↓
        </button>
        <button type="button" onClick={() => useUiStore.getState().openDialog('tag-search')} title="Tag every match of this search in the corpus with a label">
          Tag matches…
        </button>
      </div>
    </div>
  );
}
