/** How duplicate clusters and passages are named on screen, in one place so the list, the detail and the gutter agree. */
import type { DuplicateClusterSummaryDto } from '../../../shared/api.js';
import { assertNever, type DuplicateKind, type DuplicateStatus } from '../../../shared/model.js';

/** "1 document", "3 documents". */
export function plural(count: number, one: string, many: string = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The gutter mark's accessible name: "Also in 3 documents", or "Repeated in this document". */
export function passageMarkName(passage: { readonly otherDocuments: number; readonly kind: DuplicateKind }): string {
  if (passage.otherDocuments === 0) return 'Repeated in this document';
  const where = `Also in ${plural(passage.otherDocuments, 'document')}`;
  switch (passage.kind) {
    case 'document':
      return `${where} (the whole document)`;
    case 'sentence':
      return `${where} (a sentence)`;
    case 'contained':
      return `${where} (one passage contained in another)`;
    case 'passage':
      return where;
    default:
      return assertNever(passage.kind);
  }
}

/** What a cluster's members are: "passages", "sentences", "contained in", "whole documents". */
export function clusterKindName(kind: DuplicateKind): string {
  switch (kind) {
    case 'passage':
      return 'passages';
    case 'sentence':
      return 'sentences';
    case 'contained':
      return 'contained in';
    case 'document':
      return 'whole documents';
    default:
      return assertNever(kind);
  }
}

/** The few characters the gutter shows: "≈" and how many other documents, or a loop and how many copies inside this one. */
export function passageMarkBadge(passage: { readonly otherDocuments: number; readonly otherMembers: number }): string {
  return passage.otherDocuments > 0 ? `≈${passage.otherDocuments}` : `↻${passage.otherMembers + 1}`;
}

/** "Suggested", "Confirmed", "Rejected". */
export function clusterStatusName(status: DuplicateStatus): string {
  switch (status) {
    case 'suggested':
      return 'Suggested';
    case 'confirmed':
      return 'Confirmed';
    case 'rejected':
      return 'Rejected';
    default:
      return assertNever(status);
  }
}

/** "3 passages in 2 documents", "2 sentences in 2 documents", "A passage contained in 2", "2 documents". */
export function clusterSize(cluster: Pick<DuplicateClusterSummaryDto, 'kind' | 'members' | 'documents'>): string {
  if (cluster.kind === 'document') return plural(cluster.members, 'document');
  if (cluster.kind === 'contained') return `A passage contained in ${plural(cluster.members - 1, 'other')}`;
  if (cluster.kind === 'sentence') return `${plural(cluster.members, 'sentence')} in ${plural(cluster.documents, 'document')}`;
  return cluster.documents === 1 ? `${plural(cluster.members, 'passage')} in 1 document` : `${plural(cluster.members, 'passage')} in ${plural(cluster.documents, 'document')}`;
}

/** A similarity as a whole percentage, "86%" ("100%" only when exact). */
export function similarityPercent(similarity: number): string {
  const percent = Math.floor(similarity * 100);
  return `${similarity < 1 && percent === 100 ? 99 : percent}%`;
}

/** "86% similar"; a 'contained' cluster's figure is the share contained, "92% contained". */
export function similarityText(similarity: number, kind?: DuplicateKind): string {
  return `${similarityPercent(similarity)} ${kind === 'contained' ? 'contained' : 'similar'}`;
}
