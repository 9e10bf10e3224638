/**
 * After tagging, offers to tag the other untagged occurrences of the same words.
 * It never blocks the work: keys keep doing what they do; Escape or the close button dismisses it.
 */
import { useDocumentStore } from '../../stores/document-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { tagOccurrences } from '../workbench/commands.js';

const number = new Intl.NumberFormat();

/** The offer to tag other occurrences, when there is one. */
export function OccurrencesBar() {
  const offer = useDocumentStore((s) => s.occurrences);
  const label = useLabelsStore((s) => (offer ? s.byName.get(offer.label) : undefined));
  if (!offer) return null;
  const name = label?.displayName ?? offer.label;
  return (
    <div className="occurrences-bar" role="region" aria-label="Other occurrences">
      <p aria-live="polite">
        “{offer.surface}” appears untagged elsewhere
        {offer.searchPending > 0 ? ` (not counting ${number.format(offer.searchPending)} ${offer.searchPending === 1 ? 'document' : 'documents'} not indexed for search yet)` : ''}. Tag it as {name}:
      </p>
      <div className="occurrences-actions">
        {offer.inDocument > 0 ? (
          <button type="button" onClick={() => void tagOccurrences('document')} aria-keyshortcuts="A">
            Tag all {offer.inDocument} other {offer.inDocument === 1 ? 'occurrence' : 'occurrences'} in this document (A)
          </button>
        ) : null}
        {offer.inCorpus > 0 ? (
          <button type="button" onClick={() => void tagOccurrences('corpus')} aria-keyshortcuts="Shift+A">
            Tag all {offer.inCorpus} other {offer.inCorpus === 1 ? 'occurrence' : 'occurrences'} in the corpus (Shift+A)
          </button>
        ) : null}
        <button type="button" className="quiet" onClick={() => useDocumentStore.getState().setOccurrences(null)} aria-label="Dismiss (Escape)" title="Dismiss (Escape)">
          ✕
        </button>
      </div>
    </div>
  );
}
