/**
 * The virtualised list of entities. Click shows one; Ctrl/⌘+click or Space adds
 * to the selection (for a merge); Shift with the arrows extends it.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import type { EntitySummaryDto } from '../../../shared/api.js';
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
  const version = useEntityList((s) => s.version);
  const generation = useEntityList((s) => s.generation);
  const selected = useEntitiesStore((s) => s.selected);
  const currentId = useEntitiesStore((s) => s.currentId);
  const cursor = useEntitiesStore((s) => s.cursor);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: loaded ? total : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    useFlushSync: false,
  });
  useEffect(() => virtualizer.scrollToOffset(0), [generation, virtualizer]);
  useEffect(() => {
    if (cursor !== null) virtualizer.scrollToIndex(cursor, { align: 'auto' });
  }, [cursor, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total > 0) useEntityList.getState().ensureRange(first, last);
  }, [first, last, version, generation, total]);

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

  const currentRendered = items.some((item) => useEntityList.getState().peek(item.index)?.id === currentId);
  return (
    <div className="list-scroll" ref={scrollRef}>
      {loaded && total === 0 ? (
        <div className="list-empty">
          <p>No entities here yet. Link a span to one from the side panel of the Documents view, or accept suggestions.</p>
        </div>
      ) : null}
      <div
        role="listbox"
        aria-label="Entities"
        aria-multiselectable="true"
        tabIndex={0}
        className="doc-listbox"
        aria-activedescendant={currentRendered && currentId !== null ? `entity-option-${currentId}` : undefined}
        onKeyDown={onKeyDown}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((row) => {
          const entity = pages.get(Math.floor(row.index / ENTITY_PAGE_SIZE))?.items[row.index % ENTITY_PAGE_SIZE];
          const style = { height: row.size, transform: `translateY(${row.start}px)` };
          if (!entity) {
            return (
              <div key={row.key} role="option" aria-selected={false} aria-disabled="true" aria-label="Loading…" className="doc-row placeholder" style={style}>
                <span className="doc-row-title">Loading…</span>
              </div>
            );
          }
          const isSelected = selected.has(entity.id);
          const current = entity.id === currentId;
          return (
            <div
              key={row.key}
              id={`entity-option-${entity.id}`}
              role="option"
              aria-label={entity.name}
              aria-selected={isSelected}
              aria-setsize={total}
              aria-posinset={row.index + 1}
              className={['doc-row', isSelected ? 'selected' : '', current ? 'open' : ''].filter(Boolean).join(' ')}
              style={style}
              onClick={(event) => onClick(event, entity, row.index)}
            >
              <EntityRow entity={entity} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
