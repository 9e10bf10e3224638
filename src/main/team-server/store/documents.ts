import { createHash } from 'node:crypto';
import type { SyncDocument } from '../../../shared/sync.js';
import { codePointLength } from '../../../shared/offsets.js';
import type { Queryable } from '../database.js';
import type { Caller } from './members.js';
import { RequestRefused, nulCharacterPath } from './refusals.js';

interface DocumentRow {
  hash: string;
  title: string;
  source: string;
  text: string;
  meta: Record<string, unknown>;
}

const COLUMNS = 'd.hash, d.title, d.source, d.text, d.meta';

function documentOf(row: DocumentRow): SyncDocument {
  return { hash: row.hash, title: row.title, source: row.source, text: row.text, meta: row.meta };
}

/**
 * Adds documents; ones already there are left as they are (a document is named
 * by its text's hash, so the same hash is the same document). A hash that is not
 * the SHA-256 of the text's UTF-8 is refused, as every laptop would file the
 * document under a name that does not match it.
 */
export async function putDocuments(db: Queryable, documents: readonly SyncDocument[]): Promise<{ added: number; present: number }> {
  const nul = nulCharacterPath(documents);
  if (nul !== null) throw new RequestRefused(422, `documents.${nul}: holds a NUL character, which the team database cannot store`);
  documents.forEach((document, index) => {
    if (createHash('sha256').update(document.text, 'utf8').digest('hex') !== document.hash) {
      throw new RequestRefused(422, `documents.${index}: the hash ${document.hash} is not the SHA-256 of the document's text`);
    }
  });
  const { rowCount } = await db.query(
    `INSERT INTO documents (hash, title, source, text, meta, length_cp)
     SELECT x.hash, x.title, x.source, x.text, x.meta, x.length_cp
       FROM jsonb_to_recordset($1::jsonb) AS x(hash text, title text, source text, text text, meta jsonb, length_cp integer)
     ON CONFLICT (hash) DO NOTHING`,
    [JSON.stringify(documents.map((d) => ({ ...d, length_cp: codePointLength(d.text) })))],
  );
  const added = rowCount ?? 0;
  return { added, present: documents.length - added };
}

/**
 * Whether an annotator sees only the documents assigned to them: once the
 * project has any assignment. Until then every document is everyone's.
 */
export const ASSIGNED_ONLY_SQL = 'EXISTS (SELECT 1 FROM assignments)';

/**
 * The next page of one annotator's assigned documents: the page is taken from
 * the assignments' primary key (annotator, document) first, then its documents
 * are read. Asked in one step (the queue joined to the documents, ordered by
 * the documents' hash), PostgreSQL hashed the whole queue, scanned every
 * document and sorted what matched, for each page: 0.4 s a page for a queue of
 * 100,000 among 1,000,000 documents. Parameters: annotator, after (hash), limit.
 */
export const ASSIGNED_DOCUMENTS_PAGE_SQL = `WITH page AS MATERIALIZED (
    SELECT a.document FROM assignments a WHERE a.annotator = $1 AND a.document > $2 COLLATE "C" ORDER BY a.document LIMIT $3
  )
  SELECT ${COLUMNS} FROM page p JOIN documents d ON d.hash = p.document ORDER BY d.hash`;

/** The next page of every document. Parameters: after (hash), limit. */
export const DOCUMENTS_PAGE_SQL = `SELECT ${COLUMNS} FROM documents d WHERE d.hash > $1 COLLATE "C" ORDER BY d.hash LIMIT $2`;

/**
 * One page of the documents a member may see, in hash order. Curators and leads
 * see every document; an annotator those assigned to them, or every document
 * while the project has no assignments.
 */
export async function documentsPage(db: Queryable, caller: Caller, after: string | null, limit: number): Promise<{ documents: SyncDocument[]; next: string | null }> {
  const from = after ?? '';
  const assignedOnly = caller.role === 'annotator' && (await db.query<{ any: boolean }>(`SELECT ${ASSIGNED_ONLY_SQL} AS any`)).rows[0]?.any === true;
  const { rows } = assignedOnly
    ? await db.query<DocumentRow>(ASSIGNED_DOCUMENTS_PAGE_SQL, [caller.name, from, limit])
    : await db.query<DocumentRow>(DOCUMENTS_PAGE_SQL, [from, limit]);
  const documents = rows.map(documentOf);
  return { documents, next: documents.length === limit ? (documents.at(-1)?.hash ?? null) : null };
}

/** The named documents a member may see; others (and unknown hashes) are left out. */
export async function documentsByHash(db: Queryable, caller: Caller, hashes: readonly string[]): Promise<SyncDocument[]> {
  const { rows } = await db.query<DocumentRow>(
    `SELECT ${COLUMNS} FROM documents d
      WHERE d.hash = ANY ($1::text[])
        AND ($2 OR NOT ${ASSIGNED_ONLY_SQL} OR EXISTS (SELECT 1 FROM assignments a WHERE a.annotator = $3 AND a.document = d.hash))
      ORDER BY d.hash`,
    [hashes, caller.role !== 'annotator', caller.name],
  );
  return rows.map(documentOf);
}

/** The hashes among these that the server has no document for. */
export async function missingDocuments(db: Queryable, hashes: readonly string[]): Promise<string[]> {
  if (hashes.length === 0) return [];
  const { rows } = await db.query<{ hash: string }>(
    `SELECT h.hash FROM unnest($1::text[]) AS h(hash) WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.hash = h.hash) ORDER BY h.hash`,
    [[...new Set(hashes)]],
  );
  return rows.map((row) => row.hash);
}
