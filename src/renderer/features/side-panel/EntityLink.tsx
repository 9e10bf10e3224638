/**
 * The selected span's entity: its name with Unlink and a way to the Entities
 * view, or, for a span not linked yet, a search among the entities of the
 * span's label and a button that creates one from the span. A span of a label
 * that tags values (a date, a figure) has no entity: the section says so.
 */
import { useEffect, useId, useState } from 'react';
import type { EntitySummaryDto, SpanDto } from '../../../shared/api.js';
import { DOCUMENT_TEXT_ID, ENTITY_LINK_FIELD_ID } from '../../components/element-ids.js';
import { useEntityNamesStore } from '../../stores/entity-names-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { plural } from '../duplicates/cluster-names.js';
import { createEntityForSpan, findEntities, linkSpan, showEntity } from '../entities/entity-commands.js';

/** Matches shown at once; typing narrows them. */
const MATCHES = 8;

function LinkedEntity({ span, entityId }: { readonly span: SpanDto; readonly entityId: number }) {
  const entity = useEntityNamesStore((s) => s.byId.get(entityId));
  useEffect(() => {
    void useEntityNamesStore.getState().ensure([entityId]);
  }, [entityId]);
  return (
    <>
      <p className="entity-name">
        Linked to <strong>{entity?.name ?? `entity ${entityId}`}</strong>
        {entity && entity.aliases.length > 0 ? <span className="hint"> (also {entity.aliases.join(', ')})</span> : null}
      </p>
      <div className="button-row">
        <button type="button" onClick={() => void showEntity(entityId)}>
          Show in Entities
        </button>
        <button type="button" onClick={() => void linkSpan(span.id, null)}>
          Unlink
        </button>
      </div>
    </>
  );
}

function EntityPicker({ span, surface }: { readonly span: SpanDto; readonly surface: string }) {
  const [query, setQuery] = useState('');
  // Nothing is asked for until the field is used: selecting spans while tagging stays free.
  const [searching, setSearching] = useState(false);
  const [matches, setMatches] = useState<readonly EntitySummaryDto[] | null>(null);
  const [active, setActive] = useState(0);
  const listId = useId();

  useEffect(() => {
    setQuery('');
    setSearching(false);
    setMatches(null);
  }, [span.id]);

  useEffect(() => {
    if (!searching) return;
    let cancelled = false;
    const timer = setTimeout(
      () => {
        findEntities(span.label, query, MATCHES)
          .then((found) => {
            if (cancelled) return;
            setMatches(found);
            setActive(0);
          })
          .catch((error: unknown) => {
            if (!cancelled) useUiStore.getState().reportError(error);
          });
      },
      query === '' ? 0 : 150,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [searching, query, span.label]);

  const name = query.trim() !== '' ? query.trim() : surface;
  const open = searching && matches !== null && matches.length > 0;
  const choose = (entity: EntitySummaryDto): void => void linkSpan(span.id, entity);
  const create = (): void => void createEntityForSpan(span.id, name);
  return (
    <>
      <input
        id={ENTITY_LINK_FIELD_ID}
        type="text"
        role="combobox"
        aria-label="Link to an entity"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        placeholder="Search entities (E)"
        value={query}
        autoComplete="off"
        spellCheck={false}
        onFocus={() => setSearching(true)}
        onChange={(event) => {
          setSearching(true);
          setQuery(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            const count = matches?.length ?? 0;
            if (count > 0) setActive((active + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
          } else if (event.key === 'Enter') {
            event.preventDefault();
            const match = open ? matches[active] : undefined;
            if (match) choose(match);
            else if (name !== '') create();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            setQuery('');
            setSearching(false);
            document.getElementById(DOCUMENT_TEXT_ID)?.focus();
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label="Matching entities" className="entity-matches" hidden={!open}>
        {(matches ?? []).map((entity, index) => (
          <li
            key={entity.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'active' : undefined}
            // Keep focus in the field so the list stays open until the click lands.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(entity)}
          >
            {entity.name} <span className="hint">{plural(entity.mentions, 'mention')}</span>
          </li>
        ))}
      </ul>
      {searching && matches !== null && matches.length === 0 ? <p className="hint">No {query.trim() === '' ? '' : 'matching '}entities with this label yet.</p> : null}
      <button type="button" onClick={create} disabled={name === ''}>
        Create entity “{name}”
      </button>
    </>
  );
}

/** What linking would say of a span of a label that tags values. */
export function notNamingMessage(labelName: string): string {
  return `Linking to entities is for labels that name things; ${labelName} tags values. A label can be marked as naming things in the Labels dialog.`;
}

/**
 * In place of the search field, under the same id: E focuses it as it would the
 * field, and it says why there is nothing to link, then hands the keys back to the text.
 */
function NotNaming({ labelName }: { readonly labelName: string }) {
  return (
    <p
      id={ENTITY_LINK_FIELD_ID}
      className="hint not-naming"
      tabIndex={-1}
      onFocus={() => {
        useUiStore.getState().notify(notNamingMessage(labelName));
        document.getElementById(DOCUMENT_TEXT_ID)?.focus();
      }}
    >
      {notNamingMessage(labelName)}
    </p>
  );
}

/** The entity section of the selected span. */
export function EntityLink({ span, surface }: { readonly span: SpanDto; readonly surface: string }) {
  const label = useLabelsStore((s) => s.byName.get(span.label));
  return (
    <section className="entity-link" aria-labelledby="entity-link-heading">
      <h3 id="entity-link-heading">Entity</h3>
      {span.entityId !== null ? (
        <LinkedEntity span={span} entityId={span.entityId} />
      ) : label && !label.namesThings ? (
        <NotNaming labelName={label.displayName} />
      ) : (
        <EntityPicker span={span} surface={surface} />
      )}
    </section>
  );
}
