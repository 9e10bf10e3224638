import type { DuplicateClusterSummaryDto, DuplicateMarkDto, DuplicateMemberDto, DuplicateMemberSpanDto } from '../../shared/api.js';
import type { DuplicateKind, DuplicateStatus } from '../../shared/model.js';
import { codePointLength } from '../../shared/offsets.js';
import type { Db } from './connection.js';
import { now, statement } from './statements.js';

// ── Fingerprints and settings ───────────────────────────────────────────────

/** The settings duplicate detection last ran with, and the scheme of the stored fingerprints. */
export interface DuplicateSettings {
  readonly threshold: number;
  readonly minChars: number;
  /** Share of the smaller passage's shingles the larger must hold for a 'contained' link. */
  readonly containment: number;
  readonly scheme: number;
}

/** The last detection settings, or undefined before the first run. */
export function duplicateSettings(db: Db): DuplicateSettings | undefined {
  return statement(db, 'SELECT threshold, min_chars AS minChars, containment, scheme FROM duplicate_settings WHERE id = 1').get() as
    | DuplicateSettings
    | undefined;
}

/** Remembers the settings of a detection run. */
export function saveDuplicateSettings(db: Db, settings: DuplicateSettings): void {
  statement(
    db,
    `INSERT INTO duplicate_settings (id, threshold, min_chars, containment, scheme, updated_at) VALUES (1, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET threshold = excluded.threshold, min_chars = excluded.min_chars,
       containment = excluded.containment, scheme = excluded.scheme, updated_at = excluded.updated_at`,
  ).run(settings.threshold, settings.minChars, settings.containment, settings.scheme, now());
}

/** Forgets every fingerprint, so the next run fingerprints and compares every document again. */
export function clearFingerprints(db: Db): void {
  statement(db, 'DELETE FROM duplicate_fingerprints').run();
}

/**
 * Ids of the documents without a fingerprint, in id order. Documents get ever
 * larger ids and are fingerprinted in id order, so those after the last
 * fingerprinted one are usually all of them; the counts tell, and only when
 * they disagree is every document looked up.
 */
export function documentIdsWithoutFingerprint(db: Db): number[] {
  const counts = statement(
    db,
    `SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM duplicate_fingerprints) AS fingerprints,
       (SELECT coalesce(max(document_id), 0) FROM duplicate_fingerprints) AS last`,
  ).get() as { documents: number; fingerprints: number; last: number };
  const missing = counts.documents - counts.fingerprints;
  if (missing === 0) return [];
  const after = statement(db, 'SELECT id FROM documents WHERE id > ? ORDER BY id').pluck().all(counts.last) as number[];
  if (after.length === missing) return after;
  return statement(
    db,
    'SELECT id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM duplicate_fingerprints f WHERE f.document_id = d.id) ORDER BY id',
  )
    .pluck()
    .all() as number[];
}

/** The texts of some documents, in id order. */
export function documentTexts(db: Db, ids: readonly number[]): { id: number; text: string }[] {
  return statement(db, 'SELECT id, text FROM documents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(ids)) as {
    id: number;
    text: string;
  }[];
}

function toBlob(values: Uint32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** Reads a BLOB of 32-bit values (the machine's byte order, as written). */
function fromBlob(blob: Buffer): Uint32Array {
  if (blob.byteOffset % 4 === 0) return new Uint32Array(blob.buffer, blob.byteOffset, blob.byteLength >>> 2);
  return new Uint32Array(new Uint8Array(blob).buffer, 0, blob.byteLength >>> 2);
}

/** Stores a document's fingerprint, not yet checked against the others. */
export function saveFingerprint(db: Db, documentId: number, passages: Uint32Array, documentBands: Uint32Array | null, sentences: Uint32Array): void {
  statement(
    db,
    'INSERT OR REPLACE INTO duplicate_fingerprints (document_id, passages, document_bands, sentences, checked) VALUES (?, ?, ?, ?, 0)',
  ).run(documentId, toBlob(passages), documentBands && toBlob(documentBands), toBlob(sentences));
}

export interface StoredFingerprint {
  readonly documentId: number;
  readonly checked: boolean;
  readonly passages: Uint32Array;
  readonly documentBands: Uint32Array | null;
  readonly sentences: Uint32Array;
}

const FINGERPRINT_FILTERS = { all: '', checked: 'WHERE checked = 1', unchecked: 'WHERE checked = 0' } as const;

/** Visits stored fingerprints (all, or only those compared or not compared yet) in document order, without holding the rows. */
export function forEachFingerprint(db: Db, which: keyof typeof FINGERPRINT_FILTERS, visit: (fingerprint: StoredFingerprint) => void): void {
  const rows = statement(
    db,
    `SELECT document_id, checked, passages, document_bands, sentences FROM duplicate_fingerprints ${FINGERPRINT_FILTERS[which]} ORDER BY document_id`,
  )
    .raw(true)
    .iterate() as IterableIterator<[number, number, Buffer, Buffer | null, Buffer | null]>;
  for (const [documentId, checked, passages, bands, sentences] of rows) {
    visit({
      documentId,
      checked: checked === 1,
      passages: fromBlob(passages),
      documentBands: bands && fromBlob(bands),
      sentences: sentences ? fromBlob(sentences) : new Uint32Array(0),
    });
  }
}

/** How many documents have a fingerprint. */
export function countFingerprints(db: Db): number {
  return (statement(db, 'SELECT count(*) AS n FROM duplicate_fingerprints').get() as { n: number }).n;
}

/** How many fingerprints have not been compared yet. */
export function countUncheckedFingerprints(db: Db): number {
  return (statement(db, 'SELECT count(*) AS n FROM duplicate_fingerprints WHERE checked = 0').get() as { n: number }).n;
}

/** Whether some fingerprint has not been compared yet. */
export function hasUncheckedFingerprints(db: Db): boolean {
  return statement(db, 'SELECT 1 FROM duplicate_fingerprints WHERE checked = 0 LIMIT 1').get() !== undefined;
}

/** Marks documents as compared. */
export function markFingerprintsChecked(db: Db, documentIds: readonly number[]): void {
  const mark = statement(db, 'UPDATE duplicate_fingerprints SET checked = 1 WHERE document_id IN (SELECT value FROM json_each(?))');
  for (let i = 0; i < documentIds.length; i += 5000) mark.run(JSON.stringify(documentIds.slice(i, i + 5000)));
}

/** The text of one document, for detection's exact comparisons. */
export function documentText(db: Db, documentId: number): string | undefined {
  const row = statement(db, 'SELECT text FROM documents WHERE id = ?').get(documentId) as { text: string } | undefined;
  return row?.text;
}

/** A document's length in code points, or undefined. */
export function documentLengthCp(db: Db, documentId: number): number | undefined {
  return (statement(db, 'SELECT length_cp FROM documents WHERE id = ?').get(documentId) as { length_cp: number } | undefined)?.length_cp;
}

// ── Clusters ────────────────────────────────────────────────────────────────

export interface MemberPlace {
  readonly clusterId: number;
  readonly documentId: number;
  readonly startCp: number;
  readonly endCp: number;
}

/** Reads where clusters of one kind have members in a document: parameters are the document and the kind. */
export const MEMBER_PLACES_IN_DOCUMENT_SQL = `SELECT m.cluster_id AS clusterId, m.document_id AS documentId, m.start_cp AS startCp, m.end_cp AS endCp
     FROM duplicate_members m JOIN duplicate_clusters c ON c.id = m.cluster_id
     WHERE m.document_id = ? AND c.kind = ? ORDER BY m.cluster_id`;

/** Where the clusters of `kind` already have members in one document. */
export function memberPlacesInDocument(db: Db, kind: DuplicateKind, documentId: number): MemberPlace[] {
  return statement(db, MEMBER_PLACES_IN_DOCUMENT_SQL).all(documentId, kind) as MemberPlace[];
}

/**
 * Reads the 'contained' cluster whose contained passage (its shortest member)
 * lies at one place: parameters are the document, start and end.
 */
export const CONTAINED_CLUSTER_AT_SQL = `SELECT m.cluster_id AS id FROM duplicate_members m JOIN duplicate_clusters c ON c.id = m.cluster_id
     WHERE m.document_id = ? AND m.start_cp = ? AND m.end_cp = ? AND c.kind = 'contained'
       AND NOT EXISTS (SELECT 1 FROM duplicate_members o WHERE o.cluster_id = m.cluster_id AND o.end_cp - o.start_cp < m.end_cp - m.start_cp)
     ORDER BY m.cluster_id LIMIT 1`;

/** The 'contained' cluster gathering what holds the passage at this place, or undefined. */
export function containedClusterAt(db: Db, documentId: number, startCp: number, endCp: number): number | undefined {
  return (statement(db, CONTAINED_CLUSTER_AT_SQL).get(documentId, startCp, endCp) as { id: number } | undefined)?.id;
}

/**
 * Reads whether any cluster of a kind exists: the parameter is the kind. Every
 * status is named so the status-and-kind index answers it.
 */
export const CLUSTERS_OF_KIND_EXIST_SQL = `SELECT EXISTS (SELECT 1 FROM duplicate_clusters WHERE status IN ('suggested', 'confirmed', 'rejected') AND kind = ?) AS found`;

/** Whether the project holds any cluster of `kind`. */
export function hasClustersOfKind(db: Db, kind: DuplicateKind): boolean {
  return (statement(db, CLUSTERS_OF_KIND_EXIST_SQL).get(kind) as { found: number }).found === 1;
}

/**
 * Reads the 'contained' cluster whose contained passage (its shortest member)
 * is a member of a passage cluster, through that cluster's members: the
 * parameter is the passage cluster. The joins keep their order (a project
 * with few 'contained' clusters would tempt SQLite to walk them all), and the
 * shortest-member check names the cluster row, so it runs only for
 * 'contained' clusters, not for the passage cluster itself or a sentence
 * cluster at the same place (thousands of members each in a corpus of stock
 * paragraphs).
 */
export const CONTAINED_CLUSTER_OF_PASSAGE_CLUSTER_SQL = `SELECT k.cluster_id AS id FROM duplicate_members p
     CROSS JOIN duplicate_members k ON k.document_id = p.document_id AND k.start_cp = p.start_cp AND k.end_cp = p.end_cp
     CROSS JOIN duplicate_clusters c ON c.id = k.cluster_id
     WHERE p.cluster_id = ? AND c.kind = 'contained'
       AND NOT EXISTS (SELECT 1 FROM duplicate_members o WHERE o.cluster_id = c.id AND o.end_cp - o.start_cp < k.end_cp - k.start_cp)
     ORDER BY k.cluster_id LIMIT 1`;

/**
 * The 'contained' cluster gathering what holds one of the copies a passage
 * cluster holds, or undefined: copies of a passage share one such cluster.
 */
export function containedClusterOfPassageCluster(db: Db, passageClusterId: number): number | undefined {
  return (statement(db, CONTAINED_CLUSTER_OF_PASSAGE_CLUSTER_SQL).get(passageClusterId) as { id: number } | undefined)?.id;
}

/**
 * Reads whether a cluster has a member at the place of a member of another,
 * walking the other's members (a passage cluster, usually the smaller) and
 * looking each place up in the first: parameters are the other, then the cluster.
 */
export const CLUSTER_SHARES_PLACE_SQL = `SELECT EXISTS (SELECT 1 FROM duplicate_members o
     CROSS JOIN duplicate_members m ON m.document_id = o.document_id AND m.start_cp = o.start_cp AND m.end_cp = o.end_cp
     WHERE o.cluster_id = ? AND m.cluster_id = ?) AS found`;

/** Whether cluster `clusterId` already has a member where `otherClusterId` has one (a copy it stands for). */
export function clusterSharesPlace(db: Db, clusterId: number, otherClusterId: number): boolean {
  return (statement(db, CLUSTER_SHARES_PLACE_SQL).get(otherClusterId, clusterId) as { found: number }).found === 1;
}

/** Creates an empty suggested cluster and returns its id; `stamp` (default: now) lets a batch share one time. */
export function createCluster(db: Db, kind: DuplicateKind, similarity: number, stamp = now()): number {
  const { lastInsertRowid } = statement(
    db,
    'INSERT INTO duplicate_clusters (kind, status, similarity, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
  ).run(kind, 'suggested', similarity, stamp, stamp);
  return Number(lastInsertRowid);
}

export interface NewMember {
  readonly clusterId: number;
  readonly documentId: number;
  readonly startCp: number;
  readonly endCp: number;
  readonly similarity: number;
}

/**
 * Adds a suggested member unless the cluster already has one at that place.
 * Returns whether it was added. `stamp` (default: now) lets a batch share one time.
 */
export function addMember(db: Db, member: NewMember, stamp = now()): boolean {
  return (
    statement(
      db,
      `INSERT INTO duplicate_members (cluster_id, document_id, start_cp, end_cp, similarity, status, added_at)
       VALUES (?, ?, ?, ?, ?, 'suggested', ?) ON CONFLICT DO NOTHING`,
    ).run(member.clusterId, member.documentId, member.startCp, member.endCp, member.similarity, stamp).changes > 0
  );
}

/** Lowers a cluster's similarity when a weaker link joined it. */
export function lowerClusterSimilarity(db: Db, clusterId: number, similarity: number, stamp = now()): void {
  statement(db, 'UPDATE duplicate_clusters SET similarity = min(similarity, ?), updated_at = ? WHERE id = ?').run(similarity, stamp, clusterId);
}

export interface DuplicateTotals {
  readonly clusters: number;
  readonly passageClusters: number;
  readonly documentClusters: number;
  readonly sentenceClusters: number;
  readonly containedClusters: number;
  /** Members of passage clusters. */
  readonly passages: number;
  /** Members of sentence clusters. */
  readonly sentences: number;
  /** Members of 'contained' clusters (the contained passages and those holding them). */
  readonly containedMembers: number;
  /** Documents with a member in any cluster. */
  readonly documents: number;
}

/** Counts over every cluster, for summaries. */
export function duplicateTotals(db: Db): DuplicateTotals {
  return statement(
    db,
    `SELECT (SELECT count(*) FROM duplicate_clusters) AS clusters,
       (SELECT count(*) FROM duplicate_clusters WHERE kind = 'passage') AS passageClusters,
       (SELECT count(*) FROM duplicate_clusters WHERE kind = 'document') AS documentClusters,
       (SELECT count(*) FROM duplicate_clusters WHERE kind = 'sentence') AS sentenceClusters,
       (SELECT count(*) FROM duplicate_clusters WHERE kind = 'contained') AS containedClusters,
       (SELECT count(*) FROM duplicate_members m JOIN duplicate_clusters c ON c.id = m.cluster_id WHERE c.kind = 'passage') AS passages,
       (SELECT count(*) FROM duplicate_members m JOIN duplicate_clusters c ON c.id = m.cluster_id WHERE c.kind = 'sentence') AS sentences,
       (SELECT count(*) FROM duplicate_members m JOIN duplicate_clusters c ON c.id = m.cluster_id WHERE c.kind = 'contained') AS containedMembers,
       (SELECT count(DISTINCT document_id) FROM duplicate_members) AS documents`,
  ).get() as DuplicateTotals;
}

const SUMMARY_SQL = `
  SELECT c.id AS id, c.kind AS kind, c.status AS status, c.similarity AS similarity,
    c.decided_by AS decidedBy, c.decided_at AS decidedAt,
    count(m.id) AS members, count(DISTINCT m.document_id) AS documents,
    coalesce(sum(c.status != 'suggested' AND m.status = 'suggested'), 0) AS pendingMembers
  FROM duplicate_clusters c LEFT JOIN duplicate_members m ON m.cluster_id = c.id`;

type SummaryRow = Omit<DuplicateClusterSummaryDto, 'preview'>;

/** Characters of the first member a list shows. */
const PREVIEW_CP = 200;

/** Reads the start of a cluster's first member: parameters are the length in code points and the cluster. */
export const CLUSTER_PREVIEW_SQL = `SELECT substr(d.text, m.start_cp + 1, min(m.end_cp - m.start_cp, ?)) AS preview
     FROM duplicate_members m JOIN documents d ON d.id = m.document_id
     WHERE m.cluster_id = ? ORDER BY m.document_id, m.start_cp LIMIT 1`;

function withPreview(db: Db, row: SummaryRow): DuplicateClusterSummaryDto {
  const first = statement(db, CLUSTER_PREVIEW_SQL).get(PREVIEW_CP, row.id) as { preview: string } | undefined;
  return { ...row, preview: (first?.preview ?? '').replace(/\s+/g, ' ').trim() };
}

export interface ClusterQuery {
  readonly status: DuplicateStatus | 'all';
  readonly kind?: DuplicateKind;
  readonly offset: number;
  readonly limit: number;
}

/** The statements of one page of clusters and the parameters all three take (the page then takes limit and offset). */
export interface ClusterPageSql {
  readonly total: string;
  readonly totalParams: readonly unknown[];
  readonly page: string;
  readonly byStatus: string;
  readonly byStatusParams: readonly unknown[];
}

/** The statements clusterPage runs for this query: its total, its rows and the counts by status. */
export function clusterPageSql(query: Omit<ClusterQuery, 'offset' | 'limit'>): ClusterPageSql {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (query.status !== 'all') {
    conditions.push('c.status = ?');
    params.push(query.status);
  }
  if (query.kind) {
    conditions.push('c.kind = ?');
    params.push(query.kind);
  }
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  return {
    total: `SELECT count(*) AS n FROM duplicate_clusters c ${where}`,
    totalParams: params,
    page: `${SUMMARY_SQL} ${where} GROUP BY c.id ORDER BY members DESC, c.similarity DESC, c.id LIMIT ? OFFSET ?`,
    byStatus: `SELECT status, count(*) AS n FROM duplicate_clusters ${query.kind ? 'WHERE kind = ?' : ''} GROUP BY status`,
    byStatusParams: query.kind ? [query.kind] : [],
  };
}

/** One page of clusters, largest first, then most similar, with the counts by status. */
export function clusterPage(
  db: Db,
  query: ClusterQuery,
): { total: number; items: DuplicateClusterSummaryDto[]; counts: Record<DuplicateStatus, number> } {
  const sql = clusterPageSql(query);
  const total = (statement(db, sql.total).get(...sql.totalParams) as { n: number }).n;
  const rows = statement(db, sql.page).all(...sql.totalParams, query.limit, query.offset) as SummaryRow[];
  const counts: Record<DuplicateStatus, number> = { suggested: 0, confirmed: 0, rejected: 0 };
  const byStatus = statement(db, sql.byStatus).all(...sql.byStatusParams) as { status: DuplicateStatus; n: number }[];
  for (const row of byStatus) counts[row.status] = row.n;
  return { total, items: rows.map((row) => withPreview(db, row)), counts };
}

/** One cluster's summary, or undefined. */
export function clusterSummary(db: Db, id: number): DuplicateClusterSummaryDto | undefined {
  const row = statement(db, `${SUMMARY_SQL} WHERE c.id = ? GROUP BY c.id`).get(id) as SummaryRow | undefined;
  return row && withPreview(db, row);
}

/** What a document cluster's member shows of its document. */
const DOCUMENT_MEMBER_TEXT_CP = 20_000;

/** Reads a cluster's members with their text: parameters are the longest document text and the cluster. */
export const CLUSTER_MEMBERS_SQL = `SELECT m.id AS id, m.document_id AS documentId, d.title AS documentTitle, m.start_cp AS startCp, m.end_cp AS endCp,
       substr(d.text, m.start_cp + 1, CASE WHEN c.kind = 'document' THEN min(m.end_cp - m.start_cp, ?) ELSE m.end_cp - m.start_cp END) AS text,
       m.similarity AS similarity, m.status AS status
     FROM duplicate_members m JOIN documents d ON d.id = m.document_id JOIN duplicate_clusters c ON c.id = m.cluster_id
     WHERE m.cluster_id = ? ORDER BY m.document_id, m.start_cp, m.id`;

/**
 * Reads the accepted spans overlapping a stretch of a document, in reading
 * order: parameters are the document, the stretch's end and its start. The
 * index that leads with document_id and start_cp finds them.
 */
export const SPANS_OVERLAPPING_SQL = `SELECT id, start_cp AS startCp, end_cp AS endCp, label, status FROM spans
     WHERE document_id = ? AND status = 'accepted' AND start_cp < ? AND end_cp > ?
     ORDER BY start_cp, end_cp DESC, id`;

/** The same, of one annotator (blind annotation): parameters are the document, the stretch's end, its start and the annotator. */
export const OWN_SPANS_OVERLAPPING_SQL = `SELECT id, start_cp AS startCp, end_cp AS endCp, label, status FROM spans
     WHERE document_id = ? AND status = 'accepted' AND start_cp < ? AND end_cp > ? AND annotator = ?
     ORDER BY start_cp, end_cp DESC, id`;

/** Accepted spans overlapping [startCp, endCp) of a document, with their offsets in the document; only `annotator`'s when given. */
export function spansOverlapping(db: Db, documentId: number, startCp: number, endCp: number, annotator?: string): DuplicateMemberSpanDto[] {
  if (annotator === undefined) return statement(db, SPANS_OVERLAPPING_SQL).all(documentId, endCp, startCp) as DuplicateMemberSpanDto[];
  return statement(db, OWN_SPANS_OVERLAPPING_SQL).all(documentId, endCp, startCp, annotator) as DuplicateMemberSpanDto[];
}

/**
 * The members of a cluster in document order, with their text and the
 * accepted spans overlapping the part of it shown (so a member shows what a
 * transfer would copy from it). Given an annotator, only their spans (blind
 * annotation: nobody sees another's answers here either).
 */
export function clusterMembers(db: Db, clusterId: number, onlyOf?: string): DuplicateMemberDto[] {
  const rows = statement(db, CLUSTER_MEMBERS_SQL).all(DOCUMENT_MEMBER_TEXT_CP, clusterId) as Omit<DuplicateMemberDto, 'spans'>[];
  return rows.map((row) => ({ ...row, spans: spansOverlapping(db, row.documentId, row.startCp, row.startCp + codePointLength(row.text), onlyOf) }));
}

export interface MemberRow {
  readonly id: number;
  readonly documentId: number;
  readonly startCp: number;
  readonly endCp: number;
  readonly status: DuplicateStatus;
}

/** A cluster's members without their text, in document order. */
export function clusterMemberRows(db: Db, clusterId: number): MemberRow[] {
  return statement(
    db,
    `SELECT id, document_id AS documentId, start_cp AS startCp, end_cp AS endCp, status
     FROM duplicate_members WHERE cluster_id = ? ORDER BY document_id, start_cp, id`,
  ).all(clusterId) as MemberRow[];
}

/** Sets a cluster's status and every member's with it, recording who decided (nobody when set back to suggested). */
export function decideCluster(db: Db, id: number, status: DuplicateStatus, annotator: string): void {
  const stamp = now();
  const decided = status === 'suggested' ? null : stamp;
  statement(db, 'UPDATE duplicate_clusters SET status = ?, decided_by = ?, decided_at = ?, updated_at = ? WHERE id = ?').run(
    status,
    status === 'suggested' ? null : annotator,
    decided,
    stamp,
    id,
  );
  statement(db, 'UPDATE duplicate_members SET status = ? WHERE cluster_id = ?').run(status, id);
}

/** Moves members to a new suggested cluster of the same kind and returns its id. */
export function moveMembersToNewCluster(db: Db, fromId: number, kind: DuplicateKind, memberIds: readonly number[]): number {
  const id = createCluster(db, kind, 1);
  const move = statement(db, "UPDATE duplicate_members SET cluster_id = ?, status = 'suggested' WHERE id = ? AND cluster_id = ?");
  for (const memberId of memberIds) move.run(id, memberId, fromId);
  statement(db, 'UPDATE duplicate_clusters SET updated_at = ? WHERE id = ?').run(now(), fromId);
  return id;
}

/** Stores recomputed similarities of a cluster and its members. */
export function setClusterSimilarities(db: Db, clusterId: number, similarity: number, members: ReadonlyMap<number, number>): void {
  statement(db, 'UPDATE duplicate_clusters SET similarity = ?, updated_at = ? WHERE id = ?').run(similarity, now(), clusterId);
  const update = statement(db, 'UPDATE duplicate_members SET similarity = ? WHERE id = ?');
  for (const [memberId, value] of members) update.run(value, memberId);
}

/** The kind of a cluster, or undefined when there is no such cluster. */
export function clusterKind(db: Db, id: number): DuplicateKind | undefined {
  return (statement(db, 'SELECT kind FROM duplicate_clusters WHERE id = ?').get(id) as { kind: DuplicateKind } | undefined)?.kind;
}

/** Reads the duplicate marks of a document: the parameter is the document. */
export const DUPLICATE_MARKS_IN_DOCUMENT_SQL = `SELECT * FROM (
       SELECT m.cluster_id AS clusterId, m.id AS memberId, c.kind AS kind, m.status AS status,
         m.start_cp AS startCp, m.end_cp AS endCp,
         (SELECT count(DISTINCT o.document_id) FROM duplicate_members o
           WHERE o.cluster_id = m.cluster_id AND o.status != 'rejected' AND o.document_id != m.document_id) AS otherDocuments,
         (SELECT count(*) FROM duplicate_members o
           WHERE o.cluster_id = m.cluster_id AND o.status != 'rejected' AND o.id != m.id) AS otherMembers
       FROM duplicate_members m JOIN duplicate_clusters c ON c.id = m.cluster_id
       WHERE m.document_id = ? AND m.status != 'rejected' AND c.status != 'rejected'
     ) WHERE otherMembers > 0
     ORDER BY startCp, endCp DESC, clusterId`;

/**
 * Duplicate clusters touching a document, for its gutter marks ("also in N
 * documents"). Rejected members and rejected clusters are left out, in the
 * counts too, and so is a member left without others.
 */
export function duplicateMarksInDocument(db: Db, documentId: number): DuplicateMarkDto[] {
  return statement(db, DUPLICATE_MARKS_IN_DOCUMENT_SQL).all(documentId) as DuplicateMarkDto[];
}

/** A cluster as a project bundle carries it (decisions included). */
export interface ClusterExportRow {
  readonly id: number;
  readonly kind: DuplicateKind;
  readonly status: DuplicateStatus;
  readonly similarity: number;
  readonly decided_by: string | null;
  readonly decided_at: string | null;
}

/** A member as a project bundle carries it. */
export interface MemberExportRow {
  readonly clusterId: number;
  readonly documentId: number;
  readonly start: number;
  readonly end: number;
  readonly status: DuplicateStatus;
  readonly similarity: number;
}

/** Every cluster, in id order. */
export function allClusters(db: Db): ClusterExportRow[] {
  return statement(db, 'SELECT id, kind, status, similarity, decided_by, decided_at FROM duplicate_clusters ORDER BY id').all() as ClusterExportRow[];
}

/** Every member of every cluster, grouped by cluster. */
export function allMembers(db: Db): MemberExportRow[] {
  return statement(
    db,
    `SELECT cluster_id AS clusterId, document_id AS documentId, start_cp AS start, end_cp AS end, status, similarity
     FROM duplicate_members ORDER BY cluster_id, document_id, start_cp, end_cp`,
  ).all() as MemberExportRow[];
}

/** Reads the clusters with a member at one place: parameters are the kind, the document, start and end. */
export const CLUSTERS_WITH_MEMBER_SQL = `SELECT DISTINCT m.cluster_id AS id FROM duplicate_members m JOIN duplicate_clusters c ON c.id = m.cluster_id
     WHERE c.kind = ? AND m.document_id = ? AND m.start_cp = ? AND m.end_cp = ?`;

/** Clusters of `kind` holding a member at exactly this place. */
export function clustersWithMember(db: Db, kind: DuplicateKind, documentId: number, startCp: number, endCp: number): number[] {
  const rows = statement(db, CLUSTERS_WITH_MEMBER_SQL).all(kind, documentId, startCp, endCp) as { id: number }[];
  return rows.map((row) => row.id);
}

/** Sets one member's review status. */
export function setMemberStatus(db: Db, clusterId: number, documentId: number, startCp: number, endCp: number, status: DuplicateStatus): void {
  statement(db, 'UPDATE duplicate_members SET status = ? WHERE cluster_id = ? AND document_id = ? AND start_cp = ? AND end_cp = ?').run(
    status,
    clusterId,
    documentId,
    startCp,
    endCp,
  );
}

/** Puts a decision on a cluster as it was taken (who and when), e.g. when a bundle brings it. */
export function setClusterDecision(db: Db, clusterId: number, decision: { readonly status: DuplicateStatus; readonly decidedBy: string | null; readonly decidedAt: string | null }): void {
  statement(db, 'UPDATE duplicate_clusters SET status = ?, decided_by = ?, decided_at = ?, updated_at = ? WHERE id = ?').run(
    decision.status,
    decision.decidedBy,
    decision.decidedAt,
    now(),
    clusterId,
  );
}
