/**
 * The documents where annotators disagree, under the open / settled / all tabs:
 * a paged listbox like the other lists.
 */
import { useEffect, type KeyboardEvent } from 'react';
import type { AdjudicationDocumentDto } from '../../../shared/api.js';
import { CountedTabs } from '../../components/CountedTabs.js';
import { PagedListbox } from '../../components/PagedListbox.js';
import { ADJUDICATION_PAGE_SIZE, useAdjudicationList, useAdjudicationStore, type AdjudicationCounts, type AdjudicationTab } from '../../stores/adjudication-store.js';
import { chooseAdjudicationTab, moveDocument, showDocumentAt } from './adjudication-commands.js';
import { onListKey } from '../../components/list-keys.js';

const ROW_HEIGHT = 58;
const TABS: readonly { readonly tab: AdjudicationTab; readonly title: string }[] = [
  { tab: 'open', title: 'Open' },
  { tab: 'settled', title: 'Settled' },
  { tab: 'all', title: 'All' },
];

function countFor(counts: AdjudicationCounts | null, tab: AdjudicationTab): number | null {
  if (!counts) return null;
  return tab === 'all' ? counts.open + counts.settled : counts[tab];
}

/** "2 of 5 open · ana, ben". */
function rowMeta(item: AdjudicationDocumentDto): string {
  const state = item.open === 0 ? `all ${item.disagreements} settled` : `${item.open} of ${item.disagreements} open`;
  return `${state} · ${item.annotators.join(', ')}`;
}

/** Tabs over the list: documents with open disagreements, those all settled, and both. */
export function AdjudicationTabs() {
  const current = useAdjudicationList((s) => s.filters.status);
  const counts = useAdjudicationList((s) => s.extra);
  const tabs = TABS.map(({ tab, title }) => ({ id: tab, title, count: countFor(counts, tab) }));
  return <CountedTabs label="Adjudication status" tabs={tabs} current={current} onChoose={chooseAdjudicationTab} />;
}

function ListEmpty() {
  const counts = useAdjudicationList((s) => s.extra);
  const tab = useAdjudicationList((s) => s.filters.status);
  const none = counts === null || counts.open + counts.settled === 0;
  if (none) {
    return (
      <div className="list-empty">
        <p>No disagreements. Import the exports of two or more annotators of the same documents; the places where their spans differ are listed here.</p>
      </div>
    );
  }
  return (
    <div className="list-empty">
      <p>{tab === 'open' ? 'Every disagreement is settled.' : tab === 'settled' ? 'No document is settled yet.' : 'No documents.'}</p>
    </div>
  );
}

/** The listbox "Documents to adjudicate"; the chosen one is shown beside it. */
export function AdjudicationList() {
  const total = useAdjudicationList((s) => s.total);
  const pages = useAdjudicationList((s) => s.pages);
  const loaded = useAdjudicationList((s) => s.loaded);
  const generation = useAdjudicationList((s) => s.generation);
  const cursor = useAdjudicationStore((s) => s.cursor);
  const documentId = useAdjudicationStore((s) => s.documentId);

  // With nothing on show yet, the first document of the tab is.
  useEffect(() => {
    if (loaded && total > 0 && useAdjudicationStore.getState().documentId === null) void showDocumentAt(0);
  }, [loaded, total, generation]);

  // The document on show finds its place once its page is here (opened from the Agreement view, or moved by a decision).
  useEffect(() => {
    if (documentId === null) return;
    const index = useAdjudicationList.getState().indexOf(documentId);
    if (index !== null && index !== cursor) useAdjudicationStore.getState().setCursor(index);
  }, [pages, documentId, cursor]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void =>
    onListKey(event, { move: (step) => void moveDocument(step), showAt: (index) => void showDocumentAt(index), total });

  return (
    <PagedListbox
      list={useAdjudicationList}
      pageSize={ADJUDICATION_PAGE_SIZE}
      label="Documents to adjudicate"
      rowHeight={ROW_HEIGHT}
      overscan={10}
      currentId={documentId}
      cursor={cursor}
      idOf={(item) => item.documentId}
      optionId={(id) => `adjudication-option-${id}`}
      optionName={(item) => item.title}
      optionDescription={rowMeta}
      isSelected={(item) => item.documentId === documentId}
      rowClassName={(item) => (item.documentId === documentId ? 'doc-row open' : 'doc-row')}
      renderRow={(item) => (
        <>
          <span className="doc-row-line">
            <span className={item.open === 0 ? 'status-dot adjudication-settled' : 'status-dot adjudication-open'} aria-hidden="true" />
            <span className="doc-row-title">{item.title}</span>
          </span>
          <span className="doc-row-meta">{rowMeta(item)}</span>
        </>
      )}
      onRowClick={(_event, item, index) => void useAdjudicationStore.getState().show(item.documentId, index)}
      onKeyDown={onKeyDown}
      before={
        <>
          {loaded && total === 0 ? <ListEmpty /> : null}
          {!loaded ? (
            <p className="list-loading" role="status">
              Loading documents…
            </p>
          ) : null}
        </>
      }
    />
  );
}
