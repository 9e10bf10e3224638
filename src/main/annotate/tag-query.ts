/**
 * Tag from search: "tag every match of this query as LABEL", as experts tag a
 * term across a corpus (Prodigy's patterns, INCEpTION's "annotate all search
 * results"). The query's words, in order, are one phrase; its matches are the
 * places it occurs as whole words, in any case. The search index narrows the
 * corpus to the documents that can hold it, and the occurrence machinery
 * (occurrences.ts) sorts out the places already tagged with the label or lying
 * in noise.
 */
import { randomUUID } from 'node:crypto';
import { plainCountOf } from '../../shared/plural.js';
import { queryPhrase, termMatches, termText, type QueryTerm } from '../../shared/query-matches.js';
import { OffsetMap } from '../../shared/offsets.js';
import { UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { getDocument } from '../store/documents.js';
import { describeBatch } from '../store/history.js';
import { listLabels } from '../store/labels.js';
import { pendingDocuments } from '../store/search-index.js';
import { toFtsQuery } from '../store/search.js';
import { writeTransaction } from '../store/statements.js';
import { inDocumentBatches } from './document-batches.js';
import { documentsMatching, sortPlaces, type RangeCp } from './occurrences.js';
import { tagSpans, type SpanDraft } from './span-edits.js';

/** Code points of context shown on each side of a place in the preview. */
const CONTEXT_CP = 40;
/** Places the preview lists (it counts them all). */
export const PREVIEW_PLACES = 20;

export interface QueryPlace {
  readonly documentId: number;
  readonly title: string;
  readonly startCp: number;
  readonly endCp: number;
  readonly before: string;
  readonly match: string;
  readonly after: string;
}

export interface TagQueryPreview {
  /** The phrase that will be tagged (the query's words). */
  readonly phrase: string;
  /** Places that would be tagged, and the documents they are in. */
  readonly places: number;
  readonly documents: number;
  /** Matches left alone: already tagged with the label (or a span of it overlaps), or in noise. */
  readonly alreadyTagged: number;
  readonly inNoise: number;
  /** The first places, in document order, with some context. */
  readonly sample: readonly QueryPlace[];
  /** Documents the search index has not caught up with: the query cannot see them yet. */
  readonly searchPending: number;
}

export interface TagQueryProgress {
  readonly documentsDone: number;
  readonly documentsTotal: number;
}

export interface TagQueryReport {
  readonly phrase: string;
  readonly label: string;
  /** Spans made (or suggestions accepted) and the documents they are in. */
  readonly created: number;
  readonly documents: number;
  readonly cancelled: boolean;
}

export interface TagQueryOptions {
  readonly query: string;
  readonly label: string;
  readonly annotator: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: TagQueryProgress) => void;
  /** Documents tagged per transaction: short enough that the workbench's own writes go between them. */
  readonly batchDocuments?: number;
}

/** The query as the phrase to tag, after checking it and the label. */
function phraseOf(db: Db, query: string, label: string): QueryTerm {
  const phrase = queryPhrase(query);
  if (phrase === null) throw new UserError('the query has no word to tag');
  if (!listLabels(db).some((known) => known.name === label)) throw new UserError(`unknown label ${label}`);
  return phrase;
}

/** Every document the search index says can hold the phrase, in id order. */
function candidateDocuments(db: Db, phrase: QueryTerm): number[] {
  return documentsMatching(db, toFtsQuery(`"${termText(phrase)}"`), Number.MAX_SAFE_INTEGER);
}

/** The places of one document still to tag, and how many matches were left alone. */
function placesIn(db: Db, documentId: number, phrase: QueryTerm, label: string) {
  const doc = getDocument(db, documentId);
  if (!doc) return null;
  const sorted = sortPlaces(db, documentId, doc.text, termMatches(doc.text, phrase), label, { skipNoise: true, overlapping: true });
  return { doc, ...sorted };
}

function placeWithContext(text: OffsetMap, documentId: number, title: string, range: RangeCp): QueryPlace {
  const flat = (part: string): string => part.replace(/\s+/g, ' ');
  return {
    documentId,
    title,
    ...range,
    before: flat(text.sliceCp(Math.max(0, range.startCp - CONTEXT_CP), range.startCp)),
    match: text.sliceCp(range.startCp, range.endCp),
    after: flat(text.sliceCp(range.endCp, Math.min(text.lengthCp, range.endCp + CONTEXT_CP))),
  };
}

/** What tagging every match of `query` as `label` would do: the counts and the first places. Writes nothing. */
export function previewQueryTags(db: Db, query: string, label: string, sampleSize = PREVIEW_PLACES): TagQueryPreview {
  const phrase = phraseOf(db, query, label);
  let places = 0;
  let documents = 0;
  let alreadyTagged = 0;
  let inNoise = 0;
  const sample: QueryPlace[] = [];
  for (const id of candidateDocuments(db, phrase)) {
    const found = placesIn(db, id, phrase, label);
    if (!found) continue;
    alreadyTagged += found.tagged;
    inNoise += found.inNoise;
    if (found.untagged.length === 0) continue;
    places += found.untagged.length;
    documents++;
    if (sample.length < sampleSize) {
      const offsets = new OffsetMap(found.doc.text);
      for (const range of found.untagged.slice(0, sampleSize - sample.length)) sample.push(placeWithContext(offsets, id, found.doc.title, range));
    }
  }
  return { phrase: termText(phrase), places, documents, alreadyTagged, inNoise, sample, searchPending: pendingDocuments(db) };
}

/**
 * Tags every match of `query` as `label`, as a job: a batch of documents per
 * transaction, stoppable between batches. The batches' edits share a batch
 * key, so one undo takes all of it back, also when it was cancelled part-way.
 */
export async function tagQueryMatches(db: Db, options: TagQueryOptions): Promise<TagQueryReport> {
  const phrase = phraseOf(db, options.query, options.label);
  const text = termText(phrase);
  const documents = candidateDocuments(db, phrase);
  const batch = `tag-${randomUUID()}`;
  let created = 0;
  let touched = 0;
  const { cancelled } = await inDocumentBatches(db, documents, options, (slice) => {
    // Read inside the transaction, so nothing tagged meanwhile is tagged twice.
    const drafts: SpanDraft[] = [];
    for (const id of slice) {
      const found = placesIn(db, id, phrase, options.label);
      if (!found || found.untagged.length === 0) continue;
      touched++;
      for (const range of found.untagged) drafts.push({ documentId: id, ...range, label: options.label, annotator: options.annotator });
    }
    created += tagSpans(db, drafts, `tag "${text}" as ${options.label}`, batch);
  });
  writeTransaction(db, () => describeBatch(db, batch, tagQuerySummary({ phrase: text, label: options.label, created, documents: touched })))();
  return { phrase: text, label: options.label, created, documents: touched, cancelled };
}

/** "tag 37 × "Bach Mai Hospital" as HOSPITAL in 12 documents": the undo step's name and the job's summary. */
export function tagQuerySummary(report: Pick<TagQueryReport, 'phrase' | 'label' | 'created' | 'documents'>): string {
  return `tag ${report.created} × "${report.phrase}" as ${report.label} in ${plainCountOf(report.documents, 'document')}`;
}
