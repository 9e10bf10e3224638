import { queryTerms } from '../../shared/query-matches.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

export interface SearchHit {
  readonly id: number;
  readonly title: string;
  /** A few words around the best match, the matched terms between the given markers. */
  readonly snippet: string;
}

export interface SearchOptions {
  readonly limit?: number;
  /** Treat the last word as a prefix (results as you type). */
  readonly prefix?: boolean;
  /** Markers put around matched terms in snippets. */
  readonly markers?: readonly [string, string];
}

/**
 * Turns what a person types into an FTS5 query that cannot be a syntax error:
 * every word is quoted, "double-quoted phrases" stay phrases, all terms must match.
 * The terms are read as the workbench reads them to light matches up (query-matches.ts).
 */
export function toFtsQuery(input: string, prefix = false): string {
  return queryTerms(input, prefix)
    .map((term) => `"${term.words.join(' ')}"${term.prefix ? '*' : ''}`)
    .join(' ');
}

/**
 * Above this many matches, ranking costs more than it tells (a word found in most
 * documents ranks them all alike), so hits come in corpus order instead.
 */
export const RANKED_MATCH_LIMIT = 500;

/** Whether an FTS query matches few enough documents to rank them all quickly. */
export function worthRanking(db: Db, ftsQuery: string): boolean {
  const { n } = statement(db, 'SELECT count(*) AS n FROM (SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? LIMIT ?)').get(
    ftsQuery,
    RANKED_MATCH_LIMIT + 1,
  ) as { n: number };
  return n <= RANKED_MATCH_LIMIT;
}

/**
 * Documents matching a free-text query, best first (in corpus order when the
 * query matches too many to rank). An empty query finds nothing.
 */
export function searchDocuments(db: Db, input: string, options: SearchOptions = {}): SearchHit[] {
  const query = toFtsQuery(input, options.prefix);
  if (query === '') return [];
  const [open, close] = options.markers ?? ['[', ']'];
  const order = worthRanking(db, query) ? 'ORDER BY rank' : 'ORDER BY documents_fts.rowid';
  return statement(
    db,
    `SELECT d.id AS id, d.title AS title, snippet(documents_fts, -1, ?, ?, '…', 16) AS snippet
     FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
     WHERE documents_fts MATCH ? ${order} LIMIT ?`,
  ).all(open, close, query, options.limit ?? 20) as SearchHit[];
}
