import { OffsetMap } from '../../shared/offsets.js';
import { NotFoundError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { getDocument } from '../store/documents.js';
import { noiseInDocument } from '../store/noise-marks.js';
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

export interface RangeCp {
  readonly startCp: number;
  readonly endCp: number;
}

/** Places of a document sorted by whether they can be tagged with a label. */
export interface SortedPlaces {
  /** Neither tagged with the label already nor (when asked) in noise. */
  readonly untagged: RangeCp[];
  readonly tagged: number;
  readonly inNoise: number;
}

export interface SortOptions {
  /** Leave out places overlapping noise (spam lines, captions, …). */
  readonly skipNoise?: boolean;
  /** A decided span of the label overlapping a place counts as tagging it, not only one at exactly its words. */
  readonly overlapping?: boolean;
}

/**
 * Sorts places of one document (UTF-16 ranges of `text`) into those still to
 * tag with `label` and those already tagged (or in noise), as code-point ranges.
 */
export function sortPlaces(
  db: Db,
  documentId: number,
  text: string,
  rangesU16: readonly { readonly startU16: number; readonly endU16: number }[],
  label: string,
  options: SortOptions = {},
): SortedPlaces {
  const offsets = new OffsetMap(text);
  // A suggestion there is not a decision: tagging the place accepts it.
  const decided = statement(db, TAGGED_PLACES_SQL).all(documentId, label) as { start_cp: number; end_cp: number }[];
  const exact = new Set(decided.map((row) => `${row.start_cp}:${row.end_cp}`));
  const noise = options.skipNoise ? noiseInDocument(db, documentId) : [];
  const overlapsAny = (range: RangeCp, others: readonly { startCp: number; endCp: number }[]): boolean =>
    others.some((other) => other.startCp < range.endCp && range.startCp < other.endCp);
  const decidedRanges = options.overlapping ? decided.map((row) => ({ startCp: row.start_cp, endCp: row.end_cp })) : [];
  const untagged: RangeCp[] = [];
  let tagged = 0;
  let inNoise = 0;
  for (const { startU16, endU16 } of rangesU16) {
    const range = { startCp: offsets.toCp(startU16), endCp: offsets.toCp(endU16) };
    if (exact.has(`${range.startCp}:${range.endCp}`) || overlapsAny(range, decidedRanges)) tagged++;
    else if (overlapsAny(range, noise)) inNoise++;
    else untagged.push(range);
  }
  return { untagged, tagged, inNoise };
}

/** Untagged occurrences (as code-point ranges) of `surface` in one document. */
function untaggedIn(db: Db, documentId: number, text: string, surface: string, label: string): RangeCp[] {
  const ranges = findOccurrences(text, surface).map((startU16) => ({ startU16, endU16: startU16 + surface.length }));
  return sortPlaces(db, documentId, text, ranges, label).untagged;
}

/** Documents whose indexed text matches an FTS5 query, in id order (at most `limit`). */
export function documentsMatching(db: Db, ftsQuery: string, limit: number): number[] {
  if (ftsQuery === '') return [];
  return statement(db, 'SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rowid LIMIT ?').pluck().all(ftsQuery, limit) as number[];
}

function candidateDocuments(db: Db, surface: string, exceptId: number): number[] {
  const query = toFtsQuery(`"${surface.replaceAll('"', ' ')}"`);
  return documentsMatching(db, query, MAX_CORPUS_DOCUMENTS + 1).filter((id) => id !== exceptId);
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
