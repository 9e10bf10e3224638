/**
 * The virtualised list of entities. Click shows one; Ctrl/⌘+click or Space adds
 * to the selection (for a merge); Shift with the arrows extends it.
 */
import { useEffect, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import type { EntitySummaryDto } from '../../../shared/api.js';
import { PagedListbox } from '../../components/PagedListbox.js';
import { ENTITY_PAGE_SIZE, useEntitiesStore, useEntityList } from '../../stores/entities-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { plural } from '../duplicates/cluster-names.js';
import { moveEntity } from './entity-commands.js';

const ROW_HEIGHT = 58;

function EntityRow({ entity }: { readonly entity: EntitySummaryDto }) {
  const label = useLabelsStore((s) => s.byName.get(entity.label));
  return (
    <>
      <span className="doc-row-line">
        <span className="chip" style={{ '--label-color': label?.color ?? '#808080' } as CSSProperties}>
          {label?.displayName ?? entity.label}
        </span>
        <span className="doc-row-title">{entity.name}</span>
      </span>
      <span className="doc-row-meta">
        {plural(entity.mentions, 'mention')} · {plural(entity.documents, 'document')}
        {entity.aliases.length > 0 ? ` · also ${entity.aliases.join(', ')}` : ''}
      </span>
    </>
  );
}

/** The listbox "Entities". */
export function EntityList() {
  const total = useEntityList((s) => s.total);
  const pages = useEntityList((s) => s.pages);
  const loaded = useEntityList((s) => s.loaded);
  const generation = useEntityList((s) => s.generation);
  const selected = useEntitiesStore((s) => s.selected);
  const currentId = useEntitiesStore((s) => s.currentId);
  const cursor = useEntitiesStore((s) => s.cursor);

  // With nothing on show yet, the first entity is.
  useEffect(() => {
    if (!loaded || total === 0 || useEntitiesStore.getState().currentId !== null) return;
    void useEntityList
      .getState()
      .itemAt(0)
      .then((entity) => {
        if (entity && useEntitiesStore.getState().currentId === null) void useEntitiesStore.getState().pick(entity, 0);
      });
  }, [loaded, total, generation]);

  // The entity on show finds its place once its page is here (after a merge, a search, a link from the side panel).
  useEffect(() => {
    if (currentId === null) return;
    const index = useEntityList.getState().indexOf(currentId);
    if (index !== cursor) useEntitiesStore.getState().setCursor(index);
  }, [pages, currentId, cursor]);

  const onClick = (event: MouseEvent, entity: EntitySummaryDto, index: number): void => {
    const store = useEntitiesStore.getState();
    if (event.ctrlKey || event.metaKey) void store.toggleSelected(entity, index);
    else if (event.shiftKey) void store.include(entity, index);
    else void store.pick(entity, index);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      void moveEntity(event.key === 'ArrowDown' ? 1 : -1, event.shiftKey);
    }
  };

  return (
    <PagedListbox
      list={useEntityList}
      pageSize={ENTITY_PAGE_SIZE}
      label="Entities"
      rowHeight={ROW_HEIGHT}
      overscan={10}
      multiselectable
      currentId={currentId}
      cursor={cursor}
      idOf={(entity) => entity.id}
      optionId={(id) => `entity-option-${id}`}
      optionName={(entity) => entity.name}
      isSelected={(entity) => selected.has(entity.id)}
      rowClassName={(entity) => ['doc-row', selected.has(entity.id) ? 'selected' : '', entity.id === currentId ? 'open' : ''].filter(Boolean).join(' ')}
      renderRow={(entity) => <EntityRow entity={entity} />}
      onRowClick={onClick}
      onKeyDown={onKeyDown}
      before={
        loaded && total === 0 ? (
          <div className="list-empty">
            <p>No entities here yet. Link a span to one from the side panel of the Documents view, or accept suggestions.</p>
          </div>
        ) : null
      }
    />
  );
}
