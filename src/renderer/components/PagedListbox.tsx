/**
 * A listbox over a paged list store (duplicate clusters, entities, documents to
 * adjudicate): virtualised, with pages fetched as rows scroll into view, the
 * item on show kept in view, and rows not yet fetched drawn as placeholders.
 * What a row says and what a click or a key does is the caller's.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';
import type { PagedListState } from '../stores/paged-list.js';

export interface PagedListboxProps<Item, Filters extends object, Extra> {
  readonly list: UseBoundStore<StoreApi<PagedListState<Item, Filters, Extra>>>;
  readonly pageSize: number;
  /** The listbox's accessible name. */
  readonly label: string;
  readonly rowHeight: number;
  readonly overscan: number;
  readonly multiselectable?: boolean;
  /** The item on show (null for none) and its index in the list (null when not known). */
  readonly currentId: number | null;
  readonly cursor: number | null;
  readonly idOf: (item: Item) => number;
  /** The DOM id of an item's option, for aria-activedescendant. */
  readonly optionId: (id: number) => string;
  readonly optionName: (item: Item) => string;
  readonly optionDescription?: (item: Item) => string;
  readonly isSelected: (item: Item) => boolean;
  readonly rowClassName: (item: Item) => string;
  readonly renderRow: (item: Item) => ReactNode;
  readonly onRowClick: (event: MouseEvent, item: Item, index: number) => void;
  readonly onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  /** Drawn above the rows: what an empty list says, or that it is loading. */
  readonly before?: ReactNode;
}

/** The virtualised listbox of a paged list. */
export function PagedListbox<Item, Filters extends object, Extra>(props: PagedListboxProps<Item, Filters, Extra>) {
  const { list, pageSize, currentId, cursor, idOf } = props;
  const total = list((s) => s.total);
  const pages = list((s) => s.pages);
  const loaded = list((s) => s.loaded);
  const version = list((s) => s.version);
  const generation = list((s) => s.generation);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: loaded ? total : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => props.rowHeight,
    overscan: props.overscan,
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
    if (total > 0) list.getState().ensureRange(first, last);
  }, [list, first, last, version, generation, total]);

  const itemAt = (index: number): Item | undefined => pages.get(Math.floor(index / pageSize))?.items[index % pageSize];
  const currentRendered = currentId !== null && items.some((row) => {
    const item = itemAt(row.index);
    return item !== undefined && idOf(item) === currentId;
  });
  return (
    <div className="list-scroll" ref={scrollRef}>
      {props.before}
      <div
        role="listbox"
        aria-label={props.label}
        aria-multiselectable={props.multiselectable === true ? 'true' : undefined}
        tabIndex={0}
        className="doc-listbox"
        aria-activedescendant={currentRendered && currentId !== null ? props.optionId(currentId) : undefined}
        onKeyDown={props.onKeyDown}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((row) => {
          const item = itemAt(row.index);
          const style = { height: row.size, transform: `translateY(${row.start}px)` };
          if (item === undefined) {
            return (
              <div key={row.key} role="option" aria-selected={false} aria-disabled="true" aria-label="Loading…" className="doc-row placeholder" style={style}>
                <span className="doc-row-title">Loading…</span>
              </div>
            );
          }
          return (
            <div
              key={row.key}
              id={props.optionId(idOf(item))}
              role="option"
              aria-label={props.optionName(item)}
              aria-description={props.optionDescription?.(item)}
              aria-selected={props.isSelected(item)}
              aria-setsize={total}
              aria-posinset={row.index + 1}
              className={props.rowClassName(item)}
              style={style}
              onClick={(event) => props.onRowClick(event, item, row.index)}
            >
              {props.renderRow(item)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
