import { OffsetMap } from '../../shared/offsets.js';
import { NotFoundError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { getDocument } from '../store/documents.js';
import { toFtsQuery } from '../store/search.js';
import { statement } from '../store/statements.js';
import type { SpanDraft } from './span-edits.js';

/** Documents scanned at most when looking across the corpus, so the answer stays quick. */
const MAX_CORPUS_DOCUMENTS = 5000;

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordBoundary(text: string, indexU16: number, side: 'before' | 'after'): boolean {
  const neighbour = side === 'before' ? text.codePointAt(indexU16 - 1) : text.codePointAt(indexU16);
  if (neighbour === undefined) return true;
  // A low surrogate seen from the right: look at the whole character.
  const char = side === 'before' && neighbour >= 0xdc00 && neighbour <= 0xdfff ? String.fromCodePoint(text.codePointAt(indexU16 - 2) ?? 0) : String.fromCodePoint(neighbour);
  return !WORD_CHAR.test(char);
}

/** UTF-16 starts of every whole-word occurrence of `surface` in `text` (exact, case-sensitive). */
export function findOccurrences(text: string, surface: string): number[] {
  const starts: number[] = [];
  if (surface === '') return starts;
  const checkBefore = WORD_CHAR.test(surface.charAt(0));
  const checkAfter = WORD_CHAR.test(surface.charAt(surface.length - 1));
  for (let at = text.indexOf(surface); at >= 0; at = text.indexOf(surface, at + 1)) {
    if (checkBefore && !isWordBoundary(text, at, 'before')) continue;
    if (checkAfter && !isWordBoundary(text, at + surface.length, 'after')) continue;
    starts.push(at);
  }
  return starts;
}

interface OccurrenceQuery {
  readonly documentId: number;
  readonly startCp: number;
  readonly endCp: number;
  readonly label: string;
}

/**
 * Reads where a document has decided spans of a label: parameters are the
 * document and the label. +label keeps SQLite off spans_by_label, which would
 * read every span of the label for each document when it has no statistics.
 */
export const TAGGED_PLACES_SQL = "SELECT start_cp, end_cp FROM spans WHERE document_id = ? AND +label = ? AND status <> 'suggested'";

/** Untagged occurrences (as code-point ranges) of `surface` in one document. */
function untaggedIn(db: Db, documentId: number, text: string, surface: string, label: string): { startCp: number; endCp: number }[] {
  const offsets = new OffsetMap(text);
  const tagged = new Set(
    // A suggestion there is not a decision: tagging the place accepts it.
    (statement(db, TAGGED_PLACES_SQL).all(documentId, label) as {
      start_cp: number;
      end_cp: number;
    }[]).map((row) => `${row.start_cp}:${row.end_cp}`),
  );
  return findOccurrences(text, surface)
    .map((startU16) => ({ startCp: offsets.toCp(startU16), endCp: offsets.toCp(startU16 + surface.length) }))
    .filter((range) => !tagged.has(`${range.startCp}:${range.endCp}`));
}

function candidateDocuments(db: Db, surface: string, exceptId: number): number[] {
  const query = toFtsQuery(`"${surface.replaceAll('"', ' ')}"`);
  if (query === '') return [];
  return (statement(db, 'SELECT rowid AS id FROM documents_fts WHERE documents_fts MATCH ? LIMIT ?').all(query, MAX_CORPUS_DOCUMENTS + 1) as {
    id: number;
  }[])
    .map((row) => row.id)
    .filter((id) => id !== exceptId);
}

/**
 * The other places the surface form of a span appears untagged with that label:
 * in its document, and in the rest of the corpus. Drafts are ready to tag.
 */
export function occurrenceDrafts(db: Db, query: OccurrenceQuery, annotator: string): { surface: string; inDocument: SpanDraft[]; inCorpus: SpanDraft[] } {
  const doc = getDocument(db, query.documentId);
  if (!doc) throw new NotFoundError(`document ${query.documentId} does not exist`);
  const surface = new OffsetMap(doc.text).sliceCp(query.startCp, Math.min(query.endCp, doc.lengthCp));
  const draft = (documentId: number, range: { startCp: number; endCp: number }): SpanDraft => ({
    documentId,
    ...range,
    label: query.label,
    annotator,
  });
  const inDocument = untaggedIn(db, doc.id, doc.text, surface, query.label)
    .filter((range) => range.startCp !== query.startCp)
    .map((range) => draft(doc.id, range));
  const inCorpus = [...inDocument];
  for (const id of candidateDocuments(db, surface, doc.id)) {
    const other = getDocument(db, id);
    if (other) inCorpus.push(...untaggedIn(db, id, other.text, surface, query.label).map((range) => draft(id, range)));
  }
  return { surface, inDocument, inCorpus };
}
