/** Search box and label filter above the entity list, with how many entities match. */
import { useEffect, useRef, useState } from 'react';
import { ENTITY_SEARCH_ID } from '../../components/element-ids.js';
import { useEntityList } from '../../stores/entities-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';

/** Typing waits this long for a pause before searching. */
const SEARCH_DEBOUNCE_MS = 150;

const number = new Intl.NumberFormat();

/** The controls above the entity list. */
export function EntityListControls() {
  const filters = useEntityList((s) => s.filters);
  const total = useEntityList((s) => s.total);
  const loaded = useEntityList((s) => s.loaded);
  const labels = useLabelsStore((s) => s.labels);
  const [query, setQuery] = useState(filters.query);
  const pushed = useRef(filters.query);

  useEffect(() => {
    if (query === pushed.current) return;
    const timer = setTimeout(() => {
      pushed.current = query;
      useEntityList.getState().setFilters({ query });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  return (
    <div className="list-controls">
      <input
        id={ENTITY_SEARCH_ID}
        type="search"
        aria-label="Search entities"
        placeholder="Search names and aliases (/)"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && query !== '') {
            event.stopPropagation();
            setQuery('');
          }
        }}
        autoComplete="off"
        spellCheck={false}
      />
      <div className="filter-row">
        <label>
          <span className="visually-hidden">Label</span>
          <select
            aria-label="Entity label filter"
            value={filters.label ?? ''}
            onChange={(event) => useEntityList.getState().setFilters({ label: event.target.value === '' ? null : event.target.value })}
          >
            <option value="">Every label</option>
            {labels.map((label) => (
              <option key={label.name} value={label.name}>
                {label.displayName}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="list-count" role="status" aria-live="polite">
        {loaded ? `${number.format(total)} ${total === 1 ? 'entity' : 'entities'}` : 'Loading…'}
      </p>
    </div>
  );
}
