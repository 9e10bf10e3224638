/** Search box, filters and sort of the document list, with the project's counts. */
import { useEffect, useRef, useState } from 'react';
import type { DocumentStatus } from '../../../shared/api.js';
import { assertNever } from '../../../shared/model.js';
import { DOCUMENT_STATUSES } from '../../../shared/model.js';
import { SEARCH_FIELD_ID } from '../../components/element-ids.js';
import { documentStatusName } from '../../components/status-names.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { isFiltered, useListStore, type Counts, type DocumentSort } from '../../stores/list-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { stepMatch } from '../search/search-matches.js';

/** Typing waits this long for a pause before searching. */
const SEARCH_DEBOUNCE_MS = 150;
/** While the search index catches up after an import, the query runs again this often so hits fill in. */
const CATCH_UP_REFRESH_MS = 2000;

function countFor(counts: Counts | null, status: DocumentStatus): number | null {
  if (!counts) return null;
  switch (status) {
    case 'not_started':
      return counts.notStarted;
    case 'in_progress':
      return counts.inProgress;
    case 'done':
      return counts.done;
    default:
      return assertNever(status);
  }
}

const number = new Intl.NumberFormat();

/** The controls above the document list. */
export function ListControls() {
  const filters = useListStore((s) => s.filters);
  const setFilters = useListStore((s) => s.setFilters);
  const counts = useListStore((s) => s.counts);
  const total = useListStore((s) => s.total);
  const loaded = useListStore((s) => s.loaded);
  const searchPending = useListStore((s) => s.searchPending);
  const labels = useLabelsStore((s) => s.labels);
  const [query, setQuery] = useState(filters.query);

  const pushed = useRef(filters.query);

  // Filters cleared elsewhere (the empty state's button) clear the box too; our own pushes do not echo back.
  useEffect(() => {
    if (filters.query === pushed.current) return;
    pushed.current = filters.query;
    setQuery(filters.query);
  }, [filters.query]);

  useEffect(() => {
    if (query === pushed.current) return;
    const timer = setTimeout(() => {
      pushed.current = query;
      useListStore.getState().setFilters({ query });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const searching = filters.query.trim() !== '';
  const catchingUp = searching && searchPending > 0;

  useEffect(() => {
    if (!catchingUp) return;
    // A refresh keeps the scroll position and refetches the pages in view.
    const timer = setInterval(() => useListStore.getState().refresh(), CATCH_UP_REFRESH_MS);
    return () => clearInterval(timer);
  }, [catchingUp]);

  return (
    <div className="list-controls">
      <input
        id={SEARCH_FIELD_ID}
        type="search"
        aria-label="Search documents"
        placeholder="Search documents (/)"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && query !== '') {
            event.stopPropagation();
            setQuery('');
          } else if (event.key === 'Enter' && !event.altKey && !event.ctrlKey && !event.metaKey) {
            // As in a browser's find: Enter steps to the next match in the open document, Shift+Enter back.
            event.preventDefault();
            pushed.current = query;
            if (filters.query !== query) setFilters({ query });
            else stepMatch(event.shiftKey ? -1 : 1);
          }
        }}
        autoComplete="off"
        spellCheck={false}
      />
      <div className="filter-row">
        <label>
          <span className="visually-hidden">Status</span>
          <select
            aria-label="Status filter"
            value={filters.status ?? ''}
            onChange={(event) => setFilters({ status: event.target.value === '' ? null : (event.target.value as DocumentStatus) })}
          >
            <option value="">All statuses{counts ? ` (${number.format(counts.all)})` : ''}</option>
            {DOCUMENT_STATUSES.map((status) => {
              const count = countFor(counts, status);
              return (
                <option key={status} value={status}>
                  {documentStatusName(status)}
                  {count !== null ? ` (${number.format(count)})` : ''}
                </option>
              );
            })}
          </select>
        </label>
        <label>
          <span className="visually-hidden">Label</span>
          <select aria-label="Label filter" value={filters.label ?? ''} onChange={(event) => setFilters({ label: event.target.value === '' ? null : event.target.value })}>
            <option value="">Any label</option>
            {labels.map((label) => (
              <option key={label.name} value={label.name}>
                With {label.displayName}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="filter-row">
        <label className="checkbox">
          <input type="checkbox" checked={filters.hasNoise} onChange={(event) => setFilters({ hasNoise: event.target.checked })} />
          Has noise
        </label>
        <label>
          Sort{' '}
          <select aria-label="Sort" value={filters.sort} onChange={(event) => setFilters({ sort: event.target.value as DocumentSort })}>
            <option value="id">by import order</option>
            <option value="title">by title</option>
            <option value="spans">by spans</option>
          </select>
        </label>
      </div>
      <p className="list-count" role="status" aria-live="polite">
        {!loaded
          ? searching
            ? 'Searching…'
            : 'Loading…'
          : isFiltered(filters)
            ? `${number.format(total)} ${total === 1 ? 'match' : 'matches'}${counts ? ` of ${number.format(counts.all)}` : ''}`
            : `${number.format(total)} ${total === 1 ? 'document' : 'documents'}`}
        {/* In the same live region, so the count and why it may grow are read out together. */}
        {catchingUp ? (
          <span className="search-pending">
            Search is catching up: {number.format(searchPending)} {searchPending === 1 ? 'document' : 'documents'} not indexed yet
          </span>
        ) : null}
      </p>
      {searching ? (
        <button type="button" className="link-button tag-matches" onClick={() => useUiStore.getState().openDialog('tag-search')}>
          Tag matches…
        </button>
      ) : null}
    </div>
  );
}
