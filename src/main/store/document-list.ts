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
  /** Whose progress the list shows: "done" is each annotator's own. Without one, done by anyone. */
  readonly annotator?: string;
  /** Only the documents assigned to the annotator. */
  readonly queue?: boolean;
  /** Count and look at the annotator's own spans only (blind annotation), not everyone's. */
  readonly ownSpans?: boolean;
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

/**
 * The SQL of a document's status and counts for a list's annotator. Statements
 * name the annotator @annotator (bound by name, after the positional parameters).
 */
interface ProgressSql {
  readonly done: string;
  readonly hasSpans: string;
  readonly spanCount: string;
  readonly status: string;
  readonly filter: Record<DocumentStatus, string>;
  readonly queue: string;
}

function progressSql(input: Pick<DocumentListQuery, 'annotator' | 'ownSpans'>): ProgressSql {
  const mine = input.annotator !== undefined;
  const done = mine
    ? 'EXISTS (SELECT 1 FROM document_progress p WHERE p.annotator = @annotator AND p.document_id = d.id)'
    : 'EXISTS (SELECT 1 FROM document_progress p WHERE p.document_id = d.id)';
  // Only accepted spans are an annotator's work: suggestions and rejected ones do not make a document "in progress".
  const own = mine && input.ownSpans ? ' AND s.annotator = @annotator' : '';
  const hasSpans = `EXISTS (SELECT 1 FROM spans s WHERE s.document_id = d.id AND s.status = 'accepted'${own})`;
  return {
    done,
    hasSpans,
    spanCount: `(SELECT count(*) FROM spans s WHERE s.document_id = d.id AND s.status = 'accepted'${own})`,
    status: `CASE WHEN ${done} THEN 'done' WHEN ${hasSpans} THEN 'in_progress' ELSE 'not_started' END`,
    filter: { done, in_progress: `NOT ${done} AND ${hasSpans}`, not_started: `NOT ${done} AND NOT ${hasSpans}` },
    queue: 'EXISTS (SELECT 1 FROM assignments a WHERE a.annotator = @annotator AND a.document_id = d.id)',
  };
}

/** The named parameters a list statement takes after its positional ones. */
function namedParams(input: Pick<DocumentListQuery, 'annotator'>): unknown[] {
  return input.annotator === undefined ? [] : [{ annotator: input.annotator }];
}

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
  const progress = progressSql(input);
  if (input.queue && input.annotator !== undefined) where.push(progress.queue);
  if (input.status) where.push(progress.filter[input.status]);
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
    page: `SELECT d.id AS id, d.title AS title, d.length_cp AS lengthCp, ${progress.status} AS status,
       ${progress.spanCount} AS span_count,
       (SELECT count(*) FROM noise_marks n WHERE n.document_id = d.id) AS noiseCount,
       ${snippet} AS snippet
     FROM ${from} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?`,
    params: [...params, ...namedParams(input)],
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

/** Counts every document, the done ones, and those in progress: done by anyone, and anyone's spans. */
export const PROGRESS_COUNTS_SQL = `SELECT (SELECT count(*) FROM documents) AS all_docs,
       (SELECT count(DISTINCT document_id) FROM document_progress) AS done,
       (SELECT count(DISTINCT s.document_id) FROM spans s
         WHERE s.status = 'accepted' AND NOT EXISTS (SELECT 1 FROM document_progress p WHERE p.document_id = s.document_id)) AS in_progress`;

/**
 * The same for one annotator (@annotator): their done marks, and documents
 * with accepted spans they have not marked done. `ownSpans`: only their spans
 * count (blind annotation); `queue`: only the documents assigned to them.
 */
export function annotatorProgressCountsSql(options: { readonly ownSpans: boolean; readonly queue: boolean }): string {
  const own = options.ownSpans ? ' AND s.annotator = @annotator' : '';
  const notDone = 'NOT EXISTS (SELECT 1 FROM document_progress p WHERE p.annotator = @annotator AND p.document_id = x.id)';
  const hasSpans = `EXISTS (SELECT 1 FROM spans s WHERE s.document_id = x.id AND s.status = 'accepted'${own})`;
  // The queue and the done marks lead with the annotator: counting them reads only theirs.
  if (options.queue) {
    return `SELECT (SELECT count(*) FROM assignments WHERE annotator = @annotator) AS all_docs,
       (SELECT count(*) FROM assignments a JOIN document_progress p ON p.annotator = a.annotator AND p.document_id = a.document_id
         WHERE a.annotator = @annotator) AS done,
       (SELECT count(*) FROM (SELECT document_id AS id FROM assignments WHERE annotator = @annotator) x WHERE ${notDone} AND ${hasSpans}) AS in_progress`;
  }
  return `SELECT (SELECT count(*) FROM documents) AS all_docs,
       (SELECT count(*) FROM document_progress WHERE annotator = @annotator) AS done,
       (SELECT count(*) FROM documents x WHERE ${notDone} AND ${hasSpans}) AS in_progress`;
}

/**
 * How many documents are done, in progress and not started, for everyone or
 * for one annotator. Separate counts, so each can use an index instead of
 * scanning every document's row.
 */
export function progressCounts(db: Db, options: Pick<DocumentListQuery, 'annotator' | 'queue' | 'ownSpans'> = {}): ProgressCounts {
  const row = (
    options.annotator === undefined
      ? statement(db, PROGRESS_COUNTS_SQL).get()
      : statement(db, annotatorProgressCountsSql({ ownSpans: options.ownSpans === true, queue: options.queue === true })).get({ annotator: options.annotator })
  ) as { all_docs: number; done: number; in_progress: number };
  return { all: row.all_docs, done: row.done, inProgress: row.in_progress, notStarted: row.all_docs - row.done - row.in_progress };
}

/** Reads one document's list row for an annotator (@annotator, or everyone): the parameter is the document. */
export function documentListRowSql(options: Pick<DocumentListQuery, 'annotator' | 'ownSpans'> = {}): string {
  const progress = progressSql(options);
  return `SELECT d.id AS id, d.title AS title, d.length_cp AS lengthCp, ${progress.status} AS status,
       ${progress.spanCount} AS spanCount,
       (SELECT count(*) FROM noise_marks n WHERE n.document_id = d.id) AS noiseCount
     FROM documents d WHERE d.id = ?`;
}

/** The list row of one document, as an annotator's list shows it (everyone's without one). */
export function documentListRow(db: Db, id: number, options: Pick<DocumentListQuery, 'annotator' | 'ownSpans'> = {}): DocumentListRow | undefined {
  return statement(db, documentListRowSql(options)).get(id, ...namedParams(options)) as DocumentListRow | undefined;
}

/** Whether a document is done, in progress or not started, for an annotator (or anyone). */
export function documentStatus(db: Db, id: number, options: Pick<DocumentListQuery, 'annotator' | 'ownSpans'> = {}): DocumentStatus | undefined {
  return documentListRow(db, id, options)?.status;
}

/** A document's list row for everyone (no annotator): the parameter is the document. */
export const DOCUMENT_LIST_ROW_SQL = documentListRowSql();

/** The ids of every document a list filter or search finds, in id order (assigning a filter's result). */
export function documentIdsMatching(db: Db, input: Omit<DocumentListQuery, 'sort' | 'offset' | 'limit'>): number[] {
  const ftsQuery = input.query ? toFtsQuery(input.query, true) : '';
  if (input.query && ftsQuery === '') return [];
  const sql = documentListSql({ ...input, sort: 'id', offset: 0, limit: 1 }, ftsQuery, false);
  // LIMIT -1 is no limit.
  return (statement(db, sql.page).all(...sql.params, -1, 0) as { id: number }[]).map((row) => row.id);
}
