import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { NoiseMark } from '../../shared/model.js';
import { OffsetMap } from '../../shared/offsets.js';
import { NotFoundError, UserError } from '../errors.js';
import { optimizeAfterBulkWork, type Db } from '../store/connection.js';
import { listLabels } from '../store/labels.js';
import { noiseInDocument, noiseInDocumentRange } from '../store/noise-marks.js';
import { projectSettings } from '../store/settings.js';
import { insertSpanStamped, placeAlreadyCovered, spanPlacesInDocumentRange, type SpanPlace } from '../store/spans.js';
import { now, statement, writeTransaction } from '../store/statements.js';
import type { Candidate, RecogniseOptions } from './candidate.js';
import { EntityMatcher } from './entity-match.js';
import { learntForms } from './gazetteer.js';
import { recogniseText } from './recognise.js';

/** The labels recognisers know; a run proposes these unless told otherwise. */
export const SUGGESTED_LABELS: readonly string[] = ['HOSPITAL', 'DATE', 'PERSON', 'FIGURE'];

export interface SuggestOptions {
  /** Only these documents (default: all). */
  readonly documentIds?: readonly number[];
  /** Only documents with a larger id: those an import brought in after this one. */
  readonly afterDocumentId?: number;
  /** Only these labels (default: every label the recognisers know that the project has). */
  readonly labels?: readonly string[];
  readonly onProgress?: (progress: SuggestProgress) => void;
  readonly signal?: AbortSignal;
  /** Documents read and written per transaction. */
  readonly batchDocuments?: number;
  /** The recogniser; the project's own unless a caller brings another. */
  readonly recognise?: (text: string, options: RecogniseOptions) => readonly Candidate[];
}

export interface SuggestProgress {
  readonly documentsDone: number;
  readonly documentsTotal: number;
}

export interface LabelTally {
  /** Suggestions stored by this run. */
  proposed: number;
  /** Candidates left out because a span of that label was already there (tagged, decided or suggested before). */
  skipped: number;
}

export interface SuggestReport {
  readonly documents: number;
  readonly proposed: number;
  readonly skipped: number;
  readonly byLabel: Readonly<Record<string, LabelTally>>;
  readonly cancelled: boolean;
  readonly seconds: number;
}

/**
 * Checks what a run is asked for before it starts, so a bad request fails
 * whole: labels must exist in the project, documents too.
 */
export function resolveSuggestTargets(db: Db, input: { readonly labels?: readonly string[]; readonly documentIds?: readonly number[] }): {
  labels: string[];
  documentIds: number[] | undefined;
} {
  const known = listLabels(db).map((label) => label.name);
  if (input.labels) {
    const unknown = input.labels.filter((label) => !known.includes(label));
    if (unknown.length > 0) throw new UserError(`unknown label ${unknown.join(', ')}`);
  }
  const labels = [...new Set(input.labels ?? SUGGESTED_LABELS.filter((label) => known.includes(label)))];
  if (!input.documentIds) return { labels, documentIds: undefined };
  const ids = [...new Set(input.documentIds)].sort((a, b) => a - b);
  const found = new Set<number>();
  for (let at = 0; at < ids.length; at += 5000) {
    const rows = statement(db, 'SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(ids.slice(at, at + 5000))) as number[];
    for (const id of rows) found.add(id);
  }
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw new NotFoundError(`no document ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
  return { labels, documentIds: ids };
}

interface DocumentText {
  readonly id: number;
  readonly text: string;
}

/**
 * Reads documents batch by batch in id order: every document, or the listed
 * ones (sorted). Only one batch of texts is held at a time.
 */
class DocumentBatches {
  #afterId: number;
  #at = 0;

  constructor(
    private readonly db: Db,
    private readonly ids: readonly number[] | undefined,
    private readonly size: number,
    afterId: number,
  ) {
    this.#afterId = afterId;
  }

  next(): DocumentText[] {
    if (!this.ids) {
      const rows = statement(this.db, 'SELECT id, text FROM documents WHERE id > ? ORDER BY id LIMIT ?').all(this.#afterId, this.size) as DocumentText[];
      this.#afterId = rows[rows.length - 1]?.id ?? this.#afterId;
      return rows;
    }
    const slice = this.ids.slice(this.#at, this.#at + this.size);
    this.#at += slice.length;
    if (slice.length === 0) return [];
    return statement(this.db, 'SELECT id, text FROM documents WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(
      JSON.stringify(slice),
    ) as DocumentText[];
  }
}

/** Spans of a batch's documents: by id range when the batch is dense, else document by document. */
function spansOf(db: Db, batch: readonly DocumentText[]): Map<number, readonly SpanPlace[]> {
  const first = (batch[0] as DocumentText).id;
  const last = (batch[batch.length - 1] as DocumentText).id;
  if (last - first < batch.length * 4) return spanPlacesInDocumentRange(db, first, last);
  return new Map(batch.map((doc) => [doc.id, spanPlacesInDocumentRange(db, doc.id, doc.id).get(doc.id) ?? []]));
}

/** Noise marks of a batch: by id range when the batch is dense, else document by document. */
function noiseOf(db: Db, batch: readonly DocumentText[]): Map<number, readonly NoiseMark[]> {
  const first = (batch[0] as DocumentText).id;
  const last = (batch[batch.length - 1] as DocumentText).id;
  if (last - first < batch.length * 4) return noiseInDocumentRange(db, first, last);
  return new Map(batch.map((doc) => [doc.id, noiseInDocument(db, doc.id)]));
}

function countDocuments(db: Db, ids: readonly number[] | undefined, afterId: number): number {
  return ids ? ids.length : (statement(db, 'SELECT count(*) FROM documents WHERE id > ?').pluck().get(afterId) as number);
}

/** One candidate per place and label: where two recognisers agree, the surer one is kept. */
function distinctCandidates(candidates: readonly Candidate[], labels: readonly string[]): Candidate[] {
  const best = new Map<string, Candidate>();
  for (const candidate of candidates) {
    if (!labels.includes(candidate.label) || candidate.endCp <= candidate.startCp || candidate.startCp < 0) continue;
    const key = `${candidate.startCp}:${candidate.endCp}:${candidate.label}`;
    const known = best.get(key);
    if (!known || candidate.confidence > known.confidence) best.set(key, candidate);
  }
  return [...best.values()];
}

function clampConfidence(confidence: number): number {
  return Number.isFinite(confidence) ? Math.min(1, Math.max(0, confidence)) : 0;
}

/**
 * Proposes suggested spans for documents, in bounded batches: each batch's
 * documents are read, recognised (noise marks left alone, dates read in the
 * project's order, learnt forms proposed wherever they occur) and written in
 * one transaction, and the event loop runs between batches. A candidate is
 * stored only where no span of that label lies at those offsets, whoever made
 * it and whatever its status, and no accepted one overlaps them, so
 * suggestions never overwrite or duplicate a human decision and a rejected
 * suggestion is not proposed again. An
 * interrupted run leaves whole batches; running again completes it.
 */
export async function suggestForDocuments(db: Db, options: SuggestOptions = {}): Promise<SuggestReport> {
  const started = Date.now();
  const { labels, documentIds } = resolveSuggestTargets(db, options);
  const recognise = options.recognise ?? recogniseText;
  const settings = projectSettings(db);
  const recogniseOptions = { dateOrder: settings.dateOrder, labels, gazetteer: learntForms(db, labels) };
  const matcher = new EntityMatcher(db, labels);
  // A hundred documents hold the write lock for a few tens of milliseconds: the workbench's edits go between batches.
  const batchSize = options.batchDocuments ?? 100;
  const byLabel: Record<string, LabelTally> = Object.fromEntries(labels.map((label) => [label, { proposed: 0, skipped: 0 }]));
  // Listed documents are all looked at; afterDocumentId narrows a run over every document.
  const afterId = documentIds ? 0 : (options.afterDocumentId ?? 0);
  const documentsTotal = countDocuments(db, documentIds, afterId);
  const batches = new DocumentBatches(db, documentIds, batchSize, afterId);
  let documentsDone = 0;
  let cancelled = false;

  options.onProgress?.({ documentsDone, documentsTotal });
  while (labels.length > 0) {
    if (options.signal?.aborted) {
      cancelled = true;
      break;
    }
    const batch = batches.next();
    if (batch.length === 0) break;
    const noise = noiseOf(db, batch);
    // Recognising is the slow part and needs no lock: it runs before the write transaction opens.
    const found = batch.map((doc) => ({
      doc,
      candidates: distinctCandidates(recognise(doc.text, { ...recogniseOptions, skip: noise.get(doc.id) ?? [] }), labels),
    }));
    writeTransaction(db, () => {
      // Read inside the transaction, so no span written since the batch was read can be missed.
      const existing = spansOf(db, batch);
      // One time for the whole batch: its suggestions appear at one instant.
      const stamp = now();
      for (const { doc, candidates } of found) {
        const spans = existing.get(doc.id) ?? [];
        let offsets: OffsetMap | undefined;
        for (const candidate of candidates) {
          const tally = byLabel[candidate.label] as LabelTally;
          if (placeAlreadyCovered(spans, candidate.startCp, candidate.endCp, candidate.label)) {
            tally.skipped += 1;
            continue;
          }
          let entityId: number | null = null;
          if (matcher.links(candidate.label)) {
            offsets ??= new OffsetMap(doc.text);
            // A short form ("Lakeside") is the entity its full name in the same text is.
            entityId =
              matcher.match(candidate.label, offsets.sliceCp(candidate.startCp, candidate.endCp)) ??
              (candidate.fullForm === undefined ? null : matcher.match(candidate.label, candidate.fullForm));
          }
          const added = insertSpanStamped(
            db,
            {
              documentId: doc.id,
              startCp: candidate.startCp,
              endCp: candidate.endCp,
              label: candidate.label,
              annotator: '',
              status: 'suggested',
              entityId,
              value: candidate.value,
              recogniser: candidate.recogniser,
              confidence: clampConfidence(candidate.confidence),
            },
            stamp,
          );
          if (added !== undefined) tally.proposed += 1;
          else tally.skipped += 1;
        }
      }
    })();
    documentsDone += batch.length;
    options.onProgress?.({ documentsDone, documentsTotal });
    await yieldToEventLoop();
  }
  optimizeAfterBulkWork(db);
  const tallies = Object.values(byLabel);
  return {
    documents: documentsDone,
    proposed: tallies.reduce((sum, tally) => sum + tally.proposed, 0),
    skipped: tallies.reduce((sum, tally) => sum + tally.skipped, 0),
    byLabel,
    cancelled,
    seconds: (Date.now() - started) / 1000,
  };
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** One line saying what a run did, e.g. for an import's report. */
export function suggestSummary(report: SuggestReport): string {
  const parts = Object.entries(report.byLabel).map(([label, tally]) => `${tally.proposed} ${label}`);
  return `suggested ${count(report.proposed, 'span')} in ${count(report.documents, 'document')}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** The run's report as lines for a terminal: a total, then one line per label. */
export function suggestReportLines(report: SuggestReport): string[] {
  const width = Math.max(5, ...Object.keys(report.byLabel).map((label) => label.length));
  return [
    `suggested ${count(report.proposed, 'span')} in ${count(report.documents, 'document')}; ${report.skipped} left out where a span was already there`,
    ...Object.entries(report.byLabel).map(
      ([label, tally]) => `${label.padEnd(width)}  ${String(tally.proposed).padStart(6)} new  ${String(tally.skipped).padStart(6)} already there`,
    ),
  ];
}
