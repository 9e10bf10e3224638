/**
 * Annotate once: for a confirmed cluster, the spans tagged in one member that
 * the others lack, at the same words, ready to copy across in one undoable step.
 */
import type { CSSProperties } from 'react';
import type { DuplicateClusterDto, SpanTransferDto } from '../../../shared/api.js';
import { offerKey, useDuplicatesStore } from '../../stores/duplicates-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { plural } from './cluster-names.js';
import { applyTransfers } from './duplicate-commands.js';

/** The member an offer lands in (by document and position), for counting passages. */
function targetOf(cluster: DuplicateClusterDto, offer: SpanTransferDto): string {
  const member = cluster.memberList.find((m) => m.documentId === offer.documentId && m.startCp <= offer.startCp && offer.endCp <= m.endCp);
  return member ? `m${member.id}` : `d${offer.documentId}`;
}

/** "Copy 4 spans to 2 other passages". */
export function copyButtonText(cluster: DuplicateClusterDto, offers: readonly SpanTransferDto[]): string {
  const passages = new Set(offers.map((offer) => targetOf(cluster, offer))).size;
  return `Copy ${plural(offers.length, 'span')} to ${plural(passages, 'other passage')}`;
}

function OfferRow({ offer, ticked }: { readonly offer: SpanTransferDto; readonly ticked: boolean }) {
  const label = useLabelsStore((s) => s.byName.get(offer.label));
  const key = offerKey(offer);
  return (
    <li>
      <label className="checkbox">
        <input type="checkbox" checked={ticked} onChange={() => useDuplicatesStore.getState().toggleOffer(key)} />
        <span className="chip" style={{ '--label-color': label?.color ?? '#808080' } as CSSProperties}>
          {label?.displayName ?? offer.label}
        </span>
        <q>{offer.text}</q>
        <span className="hint">
          → {offer.documentTitle}, code points {offer.startCp}–{offer.endCp}
        </span>
      </label>
    </li>
  );
}

/** The transfer offers of a confirmed cluster. */
export function TransferPanel({ cluster }: { readonly cluster: DuplicateClusterDto }) {
  const transfers = useDuplicatesStore((s) => s.transfers);
  const skipped = useDuplicatesStore((s) => s.skippedOffers);
  if (transfers === null) return null;
  const ticked = transfers.filter((offer) => !skipped.has(offerKey(offer)));
  return (
    <section className="transfer-panel" aria-labelledby="transfer-heading">
      <h3 id="transfer-heading">Annotate once</h3>
      {transfers.length === 0 ? (
        <p className="hint">No spans to copy. Spans tagged in one member&apos;s passage are offered here for the other members.</p>
      ) : (
        <>
          <ul className="transfer-list" aria-label="Spans to copy">
            {transfers.map((offer) => (
              <OfferRow key={offerKey(offer)} offer={offer} ticked={!skipped.has(offerKey(offer))} />
            ))}
          </ul>
          <button type="button" className="primary" onClick={() => void applyTransfers()} disabled={ticked.length === 0} aria-keyshortcuts="T" title="Copy them all in one step; undo takes them back (T)">
            {ticked.length === 0 ? 'Copy spans' : copyButtonText(cluster, ticked)}
          </button>
        </>
      )}
    </section>
  );
}
