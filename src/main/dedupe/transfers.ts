/**
 * "Annotate once": in a confirmed cluster, spans tagged in one member are
 * offered to every other member at the aligned offsets, and applied together as
 * one edit, so one undo takes them all back.
 */
import type { SpanTransferDto } from '../../shared/api.js';
import type { Span } from '../../shared/model.js';
import { OffsetMap } from '../../shared/offsets.js';
import { tagSpans, type SpanDraft } from '../annotate/span-edits.js';
import { blindAnnotationOn } from '../annotate/blind-annotation.js';
import { NotFoundError, UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { writeTransaction } from '../store/statements.js';
import { getDocument } from '../store/documents.js';
import { clusterMemberRows, clusterSummary, type MemberRow } from '../store/duplicates.js';
import { spansInDocument } from '../store/spans.js';
import { alignTexts, type Alignment } from './alignment.js';

interface DocumentView {
  readonly title: string;
  readonly map: OffsetMap;
  readonly spans: readonly Span[];
}

interface MemberView extends MemberRow {
  readonly document: DocumentView;
  readonly startU16: number;
  readonly text: string;
}

function confirmedMembers(db: Db, clusterId: number, onlyOf: string | undefined): MemberView[] {
  const cluster = clusterSummary(db, clusterId);
  if (!cluster) throw new NotFoundError(`duplicate cluster ${clusterId} does not exist`);
  if (cluster.status !== 'confirmed') {
    throw new UserError(`duplicate cluster ${clusterId} is ${cluster.status}: confirm it before carrying spans across`);
  }
  const documents = new Map<number, DocumentView>();
  const members: MemberView[] = [];
  for (const member of clusterMemberRows(db, clusterId)) {
    if (member.status === 'rejected') continue;
    let document = documents.get(member.documentId);
    if (!document) {
      const stored = getDocument(db, member.documentId);
      if (!stored) continue;
      const spans = spansInDocument(db, member.documentId).filter((span) => onlyOf === undefined || span.annotator === onlyOf);
      document = { title: stored.title, map: new OffsetMap(stored.text), spans };
      documents.set(member.documentId, document);
    }
    const startU16 = document.map.toU16(member.startCp);
    members.push({ ...member, document, startU16, text: document.map.text.slice(startU16, document.map.toU16(member.endCp)) });
  }
  return members;
}

/**
 * The spans a confirmed cluster can carry: each accepted span lying inside one
 * member, offered to each other member that is not rejected, where its text is
 * unchanged and the target has no span with the same offsets and label yet.
 * With blind annotation and an annotator named, both are that annotator's
 * spans: carrying a colleague's answers into mine would unblind me.
 */
export function planTransfers(db: Db, clusterId: number, annotator?: string): SpanTransferDto[] {
  const onlyOf = annotator !== undefined && blindAnnotationOn(db) ? annotator : undefined;
  const members = confirmedMembers(db, clusterId, onlyOf);
  const offers = new Map<string, SpanTransferDto>();
  for (const source of members) {
    const spans = source.document.spans.filter(
      (span) => span.status === 'accepted' && span.startCp >= source.startCp && span.endCp <= source.endCp,
    );
    if (spans.length === 0) continue;
    for (const target of members) {
      if (target === source) continue;
      const alignment = alignTexts(source.text, target.text);
      if (!alignment) continue;
      for (const span of spans) {
        const offer = carry(span, source, target, alignment);
        if (offer) {
          const key = `${offer.documentId}:${offer.startCp}:${offer.endCp}:${offer.label}`;
          if (!offers.has(key)) offers.set(key, offer);
        }
      }
    }
  }
  return [...offers.values()].sort((a, b) => a.documentId - b.documentId || a.startCp - b.startCp || a.endCp - b.endCp || a.label.localeCompare(b.label));
}

function carry(span: Span, source: MemberView, target: MemberView, alignment: Alignment): SpanTransferDto | null {
  const sourceMap = source.document.map;
  const mapped = alignment.map(sourceMap.toU16(span.startCp) - source.startU16, sourceMap.toU16(span.endCp) - source.startU16);
  if (!mapped) return null;
  const targetMap = target.document.map;
  const startCp = targetMap.toCp(target.startU16 + mapped[0]);
  const endCp = targetMap.toCp(target.startU16 + mapped[1]);
  const taken = target.document.spans.some((other) => other.startCp === startCp && other.endCp === endCp && other.label === span.label);
  if (taken) return null;
  return {
    fromSpanId: span.id,
    documentId: target.documentId,
    documentTitle: target.document.title,
    startCp,
    endCp,
    label: span.label,
    text: targetMap.text.slice(target.startU16 + mapped[0], target.startU16 + mapped[1]),
  };
}

export interface ChosenOffer {
  readonly fromSpanId: number;
  readonly documentId: number;
  readonly startCp: number;
  readonly endCp: number;
}

/**
 * Tags the offers of a cluster's plan as one undoable edit. The plan is made
 * again here and only offers in it are applied (all of them when none are
 * chosen), so a stale or forged offer cannot tag anything else.
 */
export function applyTransfers(db: Db, clusterId: number, annotator: string, chosen?: readonly ChosenOffer[]): number {
  return writeTransaction(db, () => {
    const plan = planTransfers(db, clusterId, annotator);
    const wanted = chosen && new Set(chosen.map((offer) => `${offer.fromSpanId}:${offer.documentId}:${offer.startCp}:${offer.endCp}`));
    const drafts: SpanDraft[] = plan
      .filter((offer) => !wanted || wanted.has(`${offer.fromSpanId}:${offer.documentId}:${offer.startCp}:${offer.endCp}`))
      .map((offer) => ({ documentId: offer.documentId, startCp: offer.startCp, endCp: offer.endCp, label: offer.label, annotator }));
    if (drafts.length === 0) return 0;
    return tagSpans(db, drafts, `carry ${drafts.length} span${drafts.length === 1 ? '' : 's'} across duplicate cluster ${clusterId}`);
  })();
}
