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
 */
export function toFtsQuery(input: string, prefix = false): string {
  const terms: string[] = [];
  let lastIsWord = false;
  const pattern = /"([^"]*)"|([^\s"]+)/gu;
  for (const match of input.matchAll(pattern)) {
    const phrase = match[1];
    const word = match[2];
    const words = (phrase ?? word ?? '').match(/[\p{L}\p{N}\p{M}]+/gu);
    if (!words) continue;
    terms.push(`"${words.join(' ')}"`);
    lastIsWord = word !== undefined;
  }
  if (prefix && lastIsWord && terms.length > 0) terms[terms.length - 1] += '*';
  return terms.join(' ');
}

/** Documents matching a free-text query, best first. An empty query finds nothing. */
export function searchDocuments(db: Db, input: string, options: SearchOptions = {}): SearchHit[] {
  const query = toFtsQuery(input, options.prefix);
  if (query === '') return [];
  const [open, close] = options.markers ?? ['[', ']'];
  return statement(
    db,
    `SELECT d.id AS id, d.title AS title, snippet(documents_fts, -1, ?, ?, '…', 16) AS snippet
     FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
     WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?`,
  ).all(open, close, query, options.limit ?? 20) as SearchHit[];
}
