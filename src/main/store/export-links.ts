import type { DuplicateKind, DuplicateStatus, Entity } from '../../shared/model.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

/** A document's membership in a duplicate cluster, as exports write it. */
export interface DuplicateLink {
  readonly cluster: number;
  readonly kind: DuplicateKind;
  readonly startCp: number;
  readonly endCp: number;
  /** The member's own status, except that a rejected cluster rejects all its members. */
  readonly status: DuplicateStatus;
}

/** Reads the duplicate memberships of a range of documents: parameters are the first and last document. */
export const DUPLICATE_LINKS_IN_DOCUMENT_RANGE_SQL = `SELECT m.document_id AS documentId, m.cluster_id AS cluster, c.kind AS kind, m.start_cp AS startCp, m.end_cp AS endCp,
            CASE WHEN c.status = 'rejected' THEN 'rejected' ELSE m.status END AS status
     FROM duplicate_members m JOIN duplicate_clusters c ON c.id = m.cluster_id
     WHERE m.document_id BETWEEN ? AND ?
     ORDER BY m.document_id, m.start_cp, m.end_cp, m.cluster_id`;

/**
 * Duplicate memberships of documents firstId..lastId, grouped by document and in
 * text order, for streaming exports.
 */
export function duplicateLinksInDocumentRange(db: Db, firstId: number, lastId: number): Map<number, DuplicateLink[]> {
  const rows = statement(db, DUPLICATE_LINKS_IN_DOCUMENT_RANGE_SQL).all(firstId, lastId) as (DuplicateLink & { documentId: number })[];
  const byDocument = new Map<number, DuplicateLink[]>();
  for (const { documentId, ...link } of rows) {
    const list = byDocument.get(documentId);
    if (list) list.push(link);
    else byDocument.set(documentId, [link]);
  }
  return byDocument;
}

/**
 * Reads the entities that spans of a range of documents link to: parameters are
 * the first and last document. CROSS JOIN keeps the spans of the range as the
 * outer loop: with statistics SQLite would otherwise walk every entity and read
 * all its mentions, for each range an export reads.
 */
export const ENTITY_NAMES_IN_DOCUMENT_RANGE_SQL = `SELECT DISTINCT e.id AS id, e.name AS name FROM spans s CROSS JOIN entities e ON e.id = s.entity_id
     WHERE s.document_id BETWEEN ? AND ? AND s.entity_id IS NOT NULL`;

/** Names of the entities that spans of documents firstId..lastId link to. */
export function entityNamesInDocumentRange(db: Db, firstId: number, lastId: number): Map<number, string> {
  const rows = statement(db, ENTITY_NAMES_IN_DOCUMENT_RANGE_SQL).all(firstId, lastId) as { id: number; name: string }[];
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Every entity, for the json export's top-level list (optionally only these labels). */
export function entitiesForExport(db: Db, labels?: readonly string[]): Entity[] {
  const rows = statement(db, 'SELECT id, name, label, aliases FROM entities ORDER BY id').all() as {
    id: number;
    name: string;
    label: string;
    aliases: string;
  }[];
  return rows
    .filter((row) => !labels || labels.includes(row.label))
    .map((row) => ({ id: row.id, name: row.name, label: row.label, aliases: JSON.parse(row.aliases) as string[] }));
}
