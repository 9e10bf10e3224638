/** The centre of the workbench: the open document with its header, the occurrences and suggestions bars, or an empty state. */
import { useDocumentStore, type OpenDocument } from '../../stores/document-store.js';
import { useGuidelinesStore } from '../../stores/guidelines-store.js';
import { useListStore } from '../../stores/list-store.js';
import { useProjectStore } from '../../stores/project-store.js';
import { useUiStore } from '../../stores/ui-store.js';
import { documentStatusName } from '../../components/status-names.js';
import { openRelative, toggleDone } from '../workbench/commands.js';
import { DocumentText } from './DocumentText.js';
import { OccurrencesBar } from './OccurrencesBar.js';
import { SuggestionsBar } from '../suggestions/SuggestionsBar.js';
import { SearchMatchBar } from '../search/SearchMatchBar.js';

function EmptyState() {
  const listLoaded = useListStore((s) => s.loaded);
  const all = useListStore((s) => s.counts?.all ?? null);
  const projectDocuments = useProjectStore((s) => s.info?.documents ?? null);
  const loadingId = useDocumentStore((s) => s.loadingId);
  const openDialog = useUiStore((s) => s.openDialog);
  if (loadingId !== null) {
    return (
      <div className="empty-state" role="status">
        <p>Opening the document…</p>
      </div>
    );
  }
  const documents = all ?? projectDocuments;
  if (listLoaded && documents === 0) {
    return (
      <div className="empty-state">
        <h2>No documents yet</h2>
        <p>
          Marginalia keeps your corpus in one project file. Bring in plain text, Markdown, HTML, JSON, JSON Lines or CSV files — or whole
          folders — and they will appear in the list on the left, ready to tag.
        </p>
        <p>You can also drop files anywhere on this window.</p>
        <button type="button" className="primary" onClick={() => openDialog('import')}>
          Import…
        </button>
      </div>
    );
  }
  return (
    <div className="empty-state">
      <h2>No document open</h2>
      <p>
        Choose a document in the list, or press <kbd>J</kbd> to open the first one.
      </p>
      <p className="hint">
        Press <kbd>?</kbd> to see every keyboard shortcut.
      </p>
    </div>
  );
}

/** "3 spans · 5 suggestions": the annotator's spans apart from what is only proposed; rejected suggestions count as neither. */
function SpanCounts({ spans }: { readonly spans: OpenDocument['spans'] }) {
  let accepted = 0;
  let suggested = 0;
  for (const span of spans) {
    if (span.status === 'accepted') accepted++;
    else if (span.status === 'suggested') suggested++;
  }
  return (
    <span>
      {accepted} {accepted === 1 ? 'span' : 'spans'}
      {suggested > 0 ? ` · ${suggested} ${suggested === 1 ? 'suggestion' : 'suggestions'}` : ''}
    </span>
  );
}

/** The centre pane: header, occurrences and suggestions bars and text of the open document. */
export function DocumentView() {
  const doc = useDocumentStore((s) => s.doc);
  const loadingId = useDocumentStore((s) => s.loadingId);
  const guidelinesShown = useGuidelinesStore((s) => s.open);
  if (!doc) {
    return (
      <main className="document-view" aria-label="Document">
        <EmptyState />
      </main>
    );
  }
  const done = doc.status === 'done';
  return (
    <main className="document-view" aria-label="Document" aria-busy={loadingId !== null}>
      <header className="doc-header">
        <div className="doc-heading">
          <h2 className="doc-title">{doc.title}</h2>
          <p className="doc-meta">
            <span className={`status-badge status-${doc.status}`}>{documentStatusName(doc.status)}</span>
            <span className="doc-source" title={doc.source}>
              {doc.source}
            </span>
            <SpanCounts spans={doc.spans} />
            {loadingId !== null ? <span role="status">Loading…</span> : null}
          </p>
        </div>
        <div className="doc-actions">
          <button type="button" className={guidelinesShown ? 'toggle on' : 'toggle'} aria-pressed={guidelinesShown} onClick={() => useGuidelinesStore.getState().toggle()} aria-keyshortcuts="I" title="Show or hide the guidelines (I)">
            Guidelines
          </button>
          <button type="button" onClick={() => void openRelative(-1)} aria-keyshortcuts="K" title="Previous document (K)">
            ← Previous
          </button>
          <button type="button" onClick={() => void openRelative(1)} aria-keyshortcuts="J" title="Next document (J)">
            Next →
          </button>
          <button type="button" className={done ? 'toggle on' : 'toggle'} aria-pressed={done} onClick={() => void toggleDone()} aria-keyshortcuts="D" title="Toggle done (D)">
            {done ? '✓ Done' : 'Mark done'}
          </button>
        </div>
      </header>
      <OccurrencesBar />
      <SuggestionsBar />
      <SearchMatchBar />
      <DocumentText key={doc.id} doc={doc} />
    </main>
  );
}
