/**
 * Review of clusters: deciding them, and splitting members off. A split makes
 * the similarities of both clusters out of date, so they are measured again
 * from the members' texts.
 */
import type { DuplicateClusterSummaryDto } from '../../shared/api.js';
import type { DuplicateKind, DuplicateStatus } from '../../shared/model.js';
import { NotFoundError, UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { writeTransaction } from '../store/statements.js';
import {
  clusterKind,
  clusterMemberRows,
  clusterSummary,
  decideCluster,
  documentText,
  moveMembersToNewCluster,
  setClusterSimilarities,
  type MemberRow,
} from '../store/duplicates.js';
import { noiseInDocument } from '../store/noise-marks.js';
import { ShingleReader } from './fingerprint.js';
import { jaccard, sharedCount } from './minhash.js';
import { documentLines } from './passages.js';
import { lineSentences } from './sentences.js';

function mustGetSummary(db: Db, id: number): DuplicateClusterSummaryDto {
  const summary = clusterSummary(db, id);
  if (!summary) throw new NotFoundError(`duplicate cluster ${id} does not exist`);
  return summary;
}

/** Confirms or rejects a cluster (or sets it back to suggested), every member with it. */
export function decideDuplicateCluster(db: Db, id: number, status: DuplicateStatus, annotator: string): DuplicateClusterSummaryDto {
  return writeTransaction(db, () => {
    mustGetSummary(db, id);
    decideCluster(db, id, status, annotator);
    return mustGetSummary(db, id);
  })();
}

/** Moves the chosen members of a cluster to a new suggested cluster; at least one member must stay. */
export function splitDuplicateCluster(
  db: Db,
  id: number,
  memberIds: readonly number[],
): { kept: DuplicateClusterSummaryDto; created: DuplicateClusterSummaryDto } {
  return writeTransaction(db, () => {
    const kind = clusterKind(db, id);
    if (!kind) throw new NotFoundError(`duplicate cluster ${id} does not exist`);
    const members = clusterMemberRows(db, id);
    const known = new Set(members.map((member) => member.id));
    const chosen = [...new Set(memberIds)];
    const strangers = chosen.filter((memberId) => !known.has(memberId));
    if (strangers.length > 0) throw new UserError(`member${strangers.length === 1 ? '' : 's'} ${strangers.join(', ')} not in duplicate cluster ${id}`);
    if (chosen.length === members.length) throw new UserError(`cannot split every member off duplicate cluster ${id}: leave at least one`);
    const createdId = moveMembersToNewCluster(db, id, kind, chosen);
    remeasure(db, id, kind);
    remeasure(db, createdId, kind);
    return { kept: mustGetSummary(db, id), created: mustGetSummary(db, createdId) };
  })();
}

/** Above this many distinct member texts, members are measured against the first only. */
const PAIRWISE_LIMIT = 300;

/**
 * Measures a cluster's similarities again: each member's best Jaccard similarity
 * to another member, and the cluster's as the lowest of those. Members with the
 * same shingles are measured once. A lone member counts as 1. A 'contained'
 * cluster is measured by containment instead.
 */
function remeasure(db: Db, clusterId: number, kind: DuplicateKind): void {
  const members = clusterMemberRows(db, clusterId);
  const reader = new ShingleReader();
  if (kind === 'contained') {
    remeasureContained(db, clusterId, members, reader);
    return;
  }
  const groups = new Map<string, { set: Uint32Array; members: MemberRow[] }>();
  for (const member of members) {
    const set = shinglesOf(db, reader, kind, member);
    const key = set.join(',');
    const group = groups.get(key);
    if (group) group.members.push(member);
    else groups.set(key, { set, members: [member] });
  }
  const distinct = [...groups.values()];
  const best = distinct.map((group): number => (group.members.length > 1 ? 1 : 0));
  const pairwise = distinct.length <= PAIRWISE_LIMIT;
  for (let i = 0; i < (pairwise ? distinct.length : 1); i++) {
    for (let j = i + 1; j < distinct.length; j++) {
      const similarity = jaccard((distinct[i] as { set: Uint32Array }).set, (distinct[j] as { set: Uint32Array }).set);
      best[i] = Math.max(best[i] as number, similarity);
      best[j] = Math.max(best[j] as number, similarity);
    }
  }
  const bySimilarity = new Map<number, number>();
  distinct.forEach((group, i) => {
    for (const member of group.members) bySimilarity.set(member.id, members.length < 2 ? 1 : (best[i] as number));
  });
  const lowest = members.length < 2 ? 1 : Math.min(...bySimilarity.values());
  setClusterSimilarities(db, clusterId, lowest, bySimilarity);
}

/**
 * Measures a 'contained' cluster again: each holder by the share of the
 * contained passage (the shortest member) it holds, the contained passage by
 * its best holder, and the cluster by its weakest.
 */
function remeasureContained(db: Db, clusterId: number, members: readonly MemberRow[], reader: ShingleReader): void {
  const inside = members.reduce((shortest, member) => (member.endCp - member.startCp < shortest.endCp - shortest.startCp ? member : shortest));
  const insideSet = shinglesOf(db, reader, 'contained', inside);
  const shares = new Map<number, number>();
  for (const member of members) {
    if (member.id === inside.id) continue;
    const set = shinglesOf(db, reader, 'contained', member);
    const fewest = Math.min(insideSet.length, set.length);
    shares.set(member.id, fewest === 0 ? 0 : sharedCount(insideSet, set) / fewest);
  }
  const values = [...shares.values()];
  shares.set(inside.id, values.length === 0 ? 1 : Math.max(...values));
  setClusterSimilarities(db, clusterId, values.length === 0 ? 1 : Math.min(...values), shares);
}

function shinglesOf(db: Db, reader: ShingleReader, kind: DuplicateKind, member: MemberRow): Uint32Array {
  const text = documentText(db, member.documentId) ?? '';
  const lines = documentLines(text, noiseInDocument(db, member.documentId));
  if (kind === 'document') return reader.document(text, lines);
  if (kind === 'sentence') {
    const line = lines.find((candidate) => candidate.startCp <= member.startCp && candidate.endCp >= member.endCp);
    const sentence = line && lineSentences(text, line).find((candidate) => candidate.startCp === member.startCp && candidate.endCp === member.endCp);
    return sentence ? reader.line(text, sentence) : new Uint32Array(0);
  }
  const inside = lines.filter((line) => line.startCp >= member.startCp && line.endCp <= member.endCp);
  return reader.document(text, inside);
}
