/**
 * The Suggestions tab: spans that look like mentions of one entity, each with
 * why (same form, spelling variant, acronym, known alias), ticked and then
 * accepted or rejected together.
 */
import type { CSSProperties } from 'react';
import type { EntitySuggestionDto } from '../../../shared/api.js';
import { entityLinkReasonName } from '../../components/status-names.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { useSuggestionsStore } from '../../stores/suggestions-store.js';
import { plural } from '../duplicates/cluster-names.js';
import { decideSuggestions } from './entity-commands.js';

function SuggestionRow({ suggestion, ticked, current }: { readonly suggestion: EntitySuggestionDto; readonly ticked: boolean; readonly current: boolean }) {
  const label = useLabelsStore((s) => s.byName.get(suggestion.label));
  return (
    <li className={current ? 'suggestion current' : 'suggestion'} aria-current={current ? 'true' : undefined}>
      <input
        type="checkbox"
        checked={ticked}
        onChange={() => useSuggestionsStore.getState().toggle(suggestion.key)}
        aria-label={`Select the suggestion ${suggestion.name}: ${suggestion.surfaces.join(', ')}`}
      />
      <div className="suggestion-body">
        <p className="suggestion-line">
          <span className={`reason reason-${suggestion.reason}`}>{entityLinkReasonName(suggestion.reason)}</span>
          <span className="chip" style={{ '--label-color': label?.color ?? '#808080' } as CSSProperties}>
            {label?.displayName ?? suggestion.label}
          </span>
          <strong>{suggestion.name}</strong>
          <span className="hint">{suggestion.entityId !== null ? 'link to this entity' : 'new entity'}</span>
        </p>
        <p className="suggestion-explanation">{suggestion.explanation}</p>
        <p className="hint">
          {suggestion.surfaces.map((surface) => `“${surface}”`).join(', ')} · {plural(suggestion.spanIds.length, 'span')}
        </p>
      </div>
    </li>
  );
}

/** The suggestions list with its bulk actions. */
export function SuggestionsPanel() {
  const items = useSuggestionsStore((s) => s.items);
  const total = useSuggestionsStore((s) => s.total);
  const loaded = useSuggestionsStore((s) => s.loaded);
  const loading = useSuggestionsStore((s) => s.loading);
  const chosen = useSuggestionsStore((s) => s.chosen);
  const cursor = useSuggestionsStore((s) => s.cursor);
  const label = useSuggestionsStore((s) => s.label);
  const labels = useLabelsStore((s) => s.labels);
  const allTicked = items.length > 0 && chosen.size === items.length;
  const keys = [...chosen];
  return (
    <section className="suggestions-panel" aria-labelledby="suggestions-heading">
      <header className="suggestions-header">
        <h2 id="suggestions-heading">Suggested links</h2>
        <select aria-label="Suggestion label filter" value={label ?? ''} onChange={(event) => useSuggestionsStore.getState().setLabel(event.target.value === '' ? null : event.target.value)}>
          <option value="">Every label</option>
          {/* Only labels that name things have entities to suggest. */}
          {labels.filter((l) => l.namesThings).map((l) => (
            <option key={l.name} value={l.name}>
              {l.displayName}
            </option>
          ))}
        </select>
        <label className="checkbox">
          <input type="checkbox" checked={allTicked} disabled={items.length === 0} onChange={() => useSuggestionsStore.getState().setAll(!allTicked)} />
          Select all
        </label>
        <button type="button" className="primary" disabled={chosen.size === 0} onClick={() => void decideSuggestions(keys, true)} aria-keyshortcuts="A">
          Accept selected
        </button>
        <button type="button" disabled={chosen.size === 0} onClick={() => void decideSuggestions(keys, false)} aria-keyshortcuts="X">
          Reject selected
        </button>
        <span className="hint" role="status" aria-live="polite">
          {!loaded ? 'Loading…' : `${chosen.size} of ${plural(total, 'suggestion')} ticked`}
        </span>
      </header>
      {loaded && items.length === 0 ? (
        <p className="hint empty-note">No suggestions. They appear when tagged spans look like the same entity: the same words, spelling variants, acronyms or known aliases.</p>
      ) : (
        <ul className="suggestion-list" aria-label="Suggestions">
          {items.map((suggestion, index) => (
            <SuggestionRow key={suggestion.key} suggestion={suggestion} ticked={chosen.has(suggestion.key)} current={index === cursor} />
          ))}
        </ul>
      )}
      {items.length < total ? (
        <button type="button" onClick={() => void useSuggestionsStore.getState().loadMore()} disabled={loading}>
          Show more ({total - items.length} left)
        </button>
      ) : null}
    </section>
  );
}
