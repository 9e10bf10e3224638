/**
 * The left pane: search, filters, sort and the virtualised list of documents.
 * Only the rows in view are in the DOM and only their pages (100 rows each) are
 * fetched, so 100,000 documents scroll as smoothly as ten.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { DocumentListItemDto } from '../../../shared/api.js';
import { documentStatusName } from '../../components/status-names.js';
import { useDocumentStore } from '../../stores/document-store.js';
import { isFiltered, NO_FILTERS, PAGE_SIZE, useListStore } from '../../stores/list-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { openFromList, openRelative } from '../workbench/commands.js';
import { ListControls } from './ListControls.js';
import { snippetParts } from './snippet.js';
import { onListKey } from '../../components/list-keys.js';

const ROW_HEIGHT = 52;
const ROW_HEIGHT_WITH_SNIPPET = 84;

function Snippet({ text }: { readonly text: string }) {
  return (
    <span className="snippet">
      {snippetParts(text).map((part, i) => (part.match ? <b key={i}>{part.text}</b> : <span key={i}>{part.text}</span>))}
    </span>
  );
}

/** A row: the document's own id and title (the same under any search, sort or filter), its status and counts. */
function Row({ item }: { readonly item: DocumentListItemDto }) {
  return (
    <>
      <span className="doc-row-line">
        <span className={`status-dot status-${item.status}`} title={documentStatusName(item.status)} aria-hidden="true" />
        <span className="doc-row-title">{item.title}</span>
      </span>
      <span className="doc-row-meta">
        #{item.id} · {documentStatusName(item.status)} · {item.spanCount} {item.spanCount === 1 ? 'span' : 'spans'}
        {item.noiseCount > 0 ? <span className="noise-flag"> · noise {item.noiseCount}</span> : null}
      </span>
      {item.snippet !== undefined ? <Snippet text={item.snippet} /> : null}
    </>
  );
}

function ListEmpty() {
  const filters = useListStore((s) => s.filters);
  const setFilters = useListStore((s) => s.setFilters);
  const openDialog = useUiStore((s) => s.openDialog);
  if (isFiltered(filters)) {
    return (
      <div className="list-empty">
        <p>No documents match {filters.query.trim() !== '' ? `“${filters.query.trim()}”` : 'these filters'}.</p>
        <button type="button" onClick={() => setFilters({ ...NO_FILTERS, sort: filters.sort })}>
          Clear search and filters
        </button>
      </div>
    );
  }
  return (
    <div className="list-empty">
      <p>No documents yet.</p>
      <button type="button" className="primary" onClick={() => openDialog('import')}>
        Import…
      </button>
    </div>
  );
}

/** The virtualised listbox of documents. */
export function DocumentList() {
  const total = useListStore((s) => s.total);
  const pages = useListStore((s) => s.pages);
  const loaded = useListStore((s) => s.loaded);
  const version = useListStore((s) => s.version);
  const generation = useListStore((s) => s.generation);
  const searching = useListStore((s) => s.filters.query.trim() !== '');
  const scrollRequest = useListStore((s) => s.scrollRequest);
  const openId = useDocumentStore((s) => s.doc?.id ?? null);
  const listIndex = useDocumentStore((s) => s.listIndex);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowHeight = searching ? ROW_HEIGHT_WITH_SNIPPET : ROW_HEIGHT;

  const virtualizer = useVirtualizer({
    count: loaded ? total : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    useFlushSync: false,
  });

  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  useEffect(() => {
    virtualizer.scrollToOffset(0);
    // Under new filters the open document's place is unknown until a page holding it arrives.
    useDocumentStore.getState().setListIndex(null);
  }, [generation, virtualizer]);
  useEffect(() => {
    if (scrollRequest) virtualizer.scrollToIndex(scrollRequest.index, { align: 'auto' });
  }, [scrollRequest, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total > 0) useListStore.getState().ensureRange(first, last);
  }, [first, last, version, generation, total]);

  // After a refresh (another sort, a document marked done) the open document may have moved: J/K follow it.
  useEffect(() => {
    if (openId === null) return;
    const atIndex = listIndex === null ? undefined : useListStore.getState().peek(listIndex);
    if (atIndex?.id === openId) return;
    for (const [page, cached] of pages) {
      const offset = cached.items.findIndex((item) => item.id === openId);
      if (offset >= 0) {
        useDocumentStore.getState().setListIndex(page * PAGE_SIZE + offset);
        return;
      }
    }
  }, [pages, openId, listIndex]);

  const showAt = (index: number): void => {
    void useListStore
      .getState()
      .itemAt(index)
      .then((item) => {
        if (!item) return;
        useListStore.getState().requestScroll(index);
        openFromList(item.id, index);
      });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => onListKey(event, { move: (step) => void openRelative(step), showAt, total });

  const openRendered = items.some((item) => useListStore.getState().peek(item.index)?.id === openId);
  return (
    <div className="list-scroll" ref={scrollRef}>
      {loaded && total === 0 ? <ListEmpty /> : null}
      {!loaded ? (
        <p className="list-loading" role="status">
          Loading documents…
        </p>
      ) : null}
      <div
        role="listbox"
        aria-label="Documents"
        tabIndex={0}
        className="doc-listbox"
        aria-activedescendant={openRendered && openId !== null ? `doc-option-${openId}` : undefined}
        onKeyDown={onKeyDown}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((virtualRow) => {
          const item = pages.get(Math.floor(virtualRow.index / PAGE_SIZE))?.items[virtualRow.index % PAGE_SIZE];
          const style = { height: virtualRow.size, transform: `translateY(${virtualRow.start}px)` };
          if (!item) {
            return (
              <div
                key={virtualRow.key}
                role="option"
                aria-selected={false}
                aria-disabled="true"
                aria-label="Loading…"
                aria-setsize={total}
                aria-posinset={virtualRow.index + 1}
                className="doc-row placeholder"
                style={style}
              >
                <span className="doc-row-title">Loading…</span>
              </div>
            );
          }
          const open = item.id === openId;
          return (
            <div
              key={virtualRow.key}
              id={`doc-option-${item.id}`}
              role="option"
              aria-label={item.title}
              aria-selected={open}
              aria-setsize={total}
              aria-posinset={virtualRow.index + 1}
              className={open ? 'doc-row open' : 'doc-row'}
              style={style}
              onClick={() => openFromList(item.id, virtualRow.index)}
            >
              <Row item={item} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The left pane: list controls above the list. */
export function DocumentPane() {
  return (
    <nav className="list-pane" aria-label="Document list">
      <ListControls />
      <DocumentList />
    </nav>
  );
}
