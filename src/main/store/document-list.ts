import type { DocumentStatus } from '../../shared/api.js';
import type { Db } from './connection.js';
import { toFtsQuery, worthRanking } from './search.js';
import { pendingDocuments } from './search-index.js';
import { statement } from './statements.js';

export interface DocumentListQuery {
  readonly query?: string;
  readonly status?: DocumentStatus;
  readonly hasNoise?: boolean;
  readonly label?: string;
  readonly sort: 'id' | 'title' | 'spans';
  readonly offset: number;
  readonly limit: number;
}

export interface DocumentListRow {
  readonly id: number;
  readonly title: string;
  readonly status: DocumentStatus;
  readonly spanCount: number;
  readonly noiseCount: number;
  readonly lengthCp: number;
  readonly snippet?: string;
}

export interface ProgressCounts {
  readonly all: number;
  readonly notStarted: number;
  readonly inProgress: number;
  readonly done: number;
}

/** Only accepted spans are an annotator's work: suggestions and rejected ones do not make a document "in progress". */
const HAS_SPANS = "EXISTS (SELECT 1 FROM spans s WHERE s.document_id = d.id AND s.status = 'accepted')";

const STATUS_SQL = `CASE WHEN d.done_at IS NOT NULL THEN 'done' WHEN ${HAS_SPANS} THEN 'in_progress' ELSE 'not_started' END`;

const STATUS_FILTER: Record<DocumentStatus, string> = {
  done: 'd.done_at IS NOT NULL',
  in_progress: `d.done_at IS NULL AND ${HAS_SPANS}`,
  not_started: `d.done_at IS NULL AND NOT ${HAS_SPANS}`,
};

const SORT_SQL = { id: 'd.id', title: 'd.title COLLATE NOCASE, d.id', spans: 'span_count DESC, d.id' } as const;

export interface DocumentListPage {
  readonly total: number;
  readonly items: DocumentListRow[];
  /** Documents the search index does not cover yet: a query cannot find them until it catches up. */
  readonly searchPending: number;
}

/** The statements of one document-list page and the parameters both take first (the page then takes limit and offset). */
export interface DocumentListSql {
  readonly total: string;
  readonly page: string;
  readonly params: readonly unknown[];
}

/**
 * The statements a page of the document list runs for these filters:
 * `ftsQuery` is the search as FTS5 reads it ('' for none), `ranked` orders hits
 * best first. A label is filtered as +s.label: spans_by_label (label, status)
 * would otherwise look the better match to SQLite without statistics, and it
 * would read every accepted span of the label for each document.
 */
export function documentListSql(input: DocumentListQuery, ftsQuery: string, ranked: boolean): DocumentListSql {
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.status) where.push(STATUS_FILTER[input.status]);
  if (input.hasNoise !== undefined) where.push(`${input.hasNoise ? '' : 'NOT '}EXISTS (SELECT 1 FROM noise_marks n WHERE n.document_id = d.id)`);
  if (input.label) {
    where.push("EXISTS (SELECT 1 FROM spans s WHERE s.document_id = d.id AND +s.label = ? AND s.status = 'accepted')");
    params.push(input.label);
  }
  const from = ftsQuery ? 'documents_fts JOIN documents d ON d.id = documents_fts.rowid' : 'documents d';
  if (ftsQuery) {
    where.unshift('documents_fts MATCH ?');
    params.unshift(ftsQuery);
  }
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const order = ranked ? 'rank' : SORT_SQL[input.sort];
  const snippet = ftsQuery ? "snippet(documents_fts, -1, char(2), char(3), '…', 14)" : 'NULL';
  return {
    total: `SELECT count(*) AS n FROM ${from} ${whereSql}`,
    page: `SELECT d.id AS id, d.title AS title, d.length_cp AS lengthCp, ${STATUS_SQL} AS status,
       (SELECT count(*) FROM spans s WHERE s.document_id = d.id AND s.status = 'accepted') AS span_count,
       (SELECT count(*) FROM noise_marks n WHERE n.document_id = d.id) AS noiseCount,
       ${snippet} AS snippet
     FROM ${from} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    params,
  };
}

/**
 * One page of the document list with its total, filtered and sorted in SQL so
 * a 100,000-document project pages as fast as a small one. With a query, hits
 * come best first with a snippet (matches between \u0002 and \u0003).
 */
export function documentListPage(db: Db, input: DocumentListQuery): DocumentListPage {
  const ftsQuery = input.query ? toFtsQuery(input.query, true) : '';
  const searchPending = pendingDocuments(db);
  if (input.query && ftsQuery === '') return { total: 0, items: [], searchPending };
  const sql = documentListSql(input, ftsQuery, ftsQuery !== '' && input.sort === 'id' && worthRanking(db, ftsQuery));
  const total = (statement(db, sql.total).get(...sql.params) as { n: number }).n;
  const rows = statement(db, sql.page).all(...sql.params, input.limit, input.offset) as (Omit<DocumentListRow, 'spanCount' | 'snippet'> & {
    span_count: number;
    snippet: string | null;
  })[];
  return {
    total,
    searchPending,
    items: rows.map(({ span_count, snippet: text, ...row }) => ({ ...row, spanCount: span_count, ...(text === null ? {} : { snippet: text }) })),
  };
}

/** Counts every document, the done ones, and those in progress. */
export const PROGRESS_COUNTS_SQL = `SELECT (SELECT count(*) FROM documents) AS all_docs,
       (SELECT count(*) FROM documents WHERE done_at IS NOT NULL) AS done,
       (SELECT count(DISTINCT s.document_id) FROM spans s JOIN documents x ON x.id = s.document_id
         WHERE x.done_at IS NULL AND s.status = 'accepted') AS in_progress`;

/**
 * How many documents are done, in progress and not started. Separate counts,
 * so each can use an index instead of scanning every document's row.
 */
export function progressCounts(db: Db): ProgressCounts {
  const row = statement(db, PROGRESS_COUNTS_SQL).get() as { all_docs: number; done: number; in_progress: number };
  return { all: row.all_docs, done: row.done, inProgress: row.in_progress, notStarted: row.all_docs - row.done - row.in_progress };
}

/** Reads one document's list row: the parameter is the document. */
export const DOCUMENT_LIST_ROW_SQL = `SELECT d.id AS id, d.title AS title, d.length_cp AS lengthCp, ${STATUS_SQL} AS status,
       (SELECT count(*) FROM spans s WHERE s.document_id = d.id AND s.status = 'accepted') AS spanCount,
       (SELECT count(*) FROM noise_marks n WHERE n.document_id = d.id) AS noiseCount
     FROM documents d WHERE d.id = ?`;

/** The list row of one document. */
export function documentListRow(db: Db, id: number): DocumentListRow | undefined {
  return statement(db, DOCUMENT_LIST_ROW_SQL).get(id) as DocumentListRow | undefined;
}

/** Whether a document is done, in progress or not started. */
export function documentStatus(db: Db, id: number): DocumentStatus | undefined {
  return documentListRow(db, id)?.status;
}
