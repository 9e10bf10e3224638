import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ExportFormat, SpanStatus } from '../../shared/model.js';
import { OffsetMap } from '../../shared/offsets.js';
import { UsageError, UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { countDocuments, exportableDocumentsAfter } from '../store/documents.js';
import { duplicateLinksInDocumentRange, entitiesForExport, entityNamesInDocumentRange } from '../store/export-links.js';
import { listLabels } from '../store/labels.js';
import { noiseInDocumentRange } from '../store/noise-marks.js';
import { exportSpansInDocumentRange, type ExportSpanRow } from '../store/spans.js';
import { statement } from '../store/statements.js';
import { csvRows } from './csv.js';
import { toExportedDocument } from './exported-document.js';
import { FramingPool } from './framing-pool.js';
import { DOCUMENT_WRITERS, type TokenFormat } from './token-batches.js';
import { writeBundle } from './formats/bundle.js';
import { conllFraming } from './formats/conll.js';
import { doccanoFraming } from './formats/doccano.js';
import type { Framing } from './formats/framing.js';
import { labelStudioFraming } from './formats/label-studio.js';
import { spacyFraming } from './formats/spacy.js';
import { webAnnotationFraming } from './formats/web-annotation.js';

export { EXPORT_FORMATS, type ExportFormat } from '../../shared/model.js';

/** The version written in (and required of) the json export's header. */
export const EXPORT_FORMAT_VERSION = 1;

export interface ExportOptions {
  readonly format: ExportFormat;
  /** Span statuses to include (default: accepted only). */
  readonly statuses?: readonly SpanStatus[];
  /** Labels to include (default: all). */
  readonly labels?: readonly string[];
  /** Only spans by these annotators, e.g. the adjudicated result (default: every annotator). */
  readonly annotators?: readonly string[];
  /** With annotators: only the documents assigned to them (an annotator's queue with their own spans). */
  readonly assignedOnly?: boolean;
  /** CSV: start with a byte order mark, so Excel reads UTF-8. */
  readonly bom?: boolean;
  readonly onProgress?: (progress: ExportProgress) => void;
  readonly signal?: AbortSignal;
  /** Documents read from the store per step (default 500). */
  readonly batchDocuments?: number;
  /**
   * Threads that write spaCy and CoNLL batches (default: two for a project of
   * 2,000 documents or more, none below; 0 writes on the calling thread).
   */
  readonly framingThreads?: number;
}

export interface ExportProgress {
  readonly documentsDone: number;
  readonly documentsTotal: number;
}

export interface ExportReport {
  readonly documents: number;
  readonly spans: number;
  /** Spans the format cannot represent, by reason; they are not in `spans`. */
  readonly leftOut: readonly SpansLeftOut[];
  readonly cancelled: boolean;
}

export interface SpansLeftOut {
  readonly reason: string;
  readonly spans: number;
}

/** The summary's words for spans left out, e.g. "left out 2 spans: overlapping another span". */
export function leftOutLines(leftOut: readonly SpansLeftOut[]): string[] {
  return leftOut.map(({ reason, spans }) => `left out ${spans} span${spans === 1 ? '' : 's'}: ${reason}`);
}

function framingFor(db: Db, options: ExportOptions): Framing {
  switch (options.format) {
    case 'jsonl':
      return { head: () => '', batch: (docs) => docs.map((doc) => `${JSON.stringify(doc)}\n`).join(''), tail: () => '' };
    case 'json': {
      const labels = listLabels(db)
        .filter((label) => !options.labels || options.labels.includes(label.name))
        .map((label) => ({ name: label.name, display_name: label.displayName, color: label.color, key: label.shortcutKey, names_things: label.namesThings }));
      const entities = entitiesForExport(db, options.labels).map(({ id, name, label, aliases }) => ({ id, name, label, aliases }));
      const header = { format: 'marginalia', version: EXPORT_FORMAT_VERSION, labels, entities };
      return {
        head: () => `${JSON.stringify(header).slice(0, -1)},"documents":[`,
        batch: (docs, first) => docs.map((doc, i) => `${first && i === 0 ? '' : ','}\n${JSON.stringify(doc)}`).join(''),
        tail: () => '\n]}\n',
      };
    }
    case 'csv':
      return {
        head: () => (options.bom ? '\uFEFF' : '') + csvRows([], true),
        batch: (docs) => csvRows(docs, false),
        tail: () => '',
      };
    case 'doccano':
      return doccanoFraming();
    case 'spacy':
      return spacyFraming();
    case 'labelstudio':
      return labelStudioFraming();
    case 'webanno':
      return webAnnotationFraming();
    case 'conll':
      return conllFraming();
    case 'brat':
      throw new UsageError('brat writes a folder of .txt and .ann files: give --out FOLDER (not a stream)');
    case 'bundle':
      throw new UsageError('a project bundle is written by writeBundle, not framed');
  }
}

async function write(out: Writable, chunk: string | Uint8Array): Promise<void> {
  if (chunk.length > 0 && !out.write(chunk)) await once(out, 'drain');
}

/** Below this many documents a token-format export is written on the calling thread: threads take a moment to start. */
const FRAMING_THREADS_FROM_DOCUMENTS = 2000;

function isTokenFormat(format: ExportFormat): format is TokenFormat {
  return Object.hasOwn(DOCUMENT_WRITERS, format);
}

/** Worker threads for this export's batches, or null when the calling thread writes them. */
function framingPoolFor(options: ExportOptions, documentsTotal: number): FramingPool | null {
  if (!isTokenFormat(options.format)) return null;
  const threads = options.framingThreads ?? (documentsTotal >= FRAMING_THREADS_FROM_DOCUMENTS ? 2 : 0);
  return threads > 0 ? new FramingPool(options.format, threads) : null;
}

/** Checks a label filter against the project, so a typo is an error rather than an empty file. */
export function checkLabels(db: Db, labels: readonly string[] | undefined): void {
  if (!labels) return;
  const known = listLabels(db).map((label) => label.name);
  const unknown = labels.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new UserError(`unknown label ${unknown.join(', ')} (labels: ${known.join(', ')})`);
}

/** Reads which of a range of documents are assigned to any of some annotators: parameters are the annotators (JSON), first and last id. */
export const ASSIGNED_IN_RANGE_SQL = `SELECT DISTINCT document_id FROM assignments
  WHERE annotator IN (SELECT value FROM json_each(?)) AND document_id BETWEEN ? AND ?`;

function assignedInRange(db: Db, annotators: readonly string[], firstId: number, lastId: number): Set<number> {
  return new Set(statement(db, ASSIGNED_IN_RANGE_SQL).pluck().all(JSON.stringify(annotators), firstId, lastId) as number[]);
}

/** Checks an annotator filter against the project: a misspelt name would otherwise export no spans at all. */
export function checkAnnotators(db: Db, annotators: readonly string[] | undefined): void {
  if (!annotators) return;
  // Someone on the list with no spans yet (a queue, no work) is known too: their export is empty, not a mistake.
  const known = (statement(db, 'SELECT DISTINCT annotator FROM spans UNION SELECT name FROM annotators').raw(true).all() as [string][]).map((row) => row[0]);
  const unknown = annotators.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UserError(`no spans by ${unknown.join(', ')} (annotators: ${known.filter((name) => name !== '').join(', ') || 'none'})`);
  }
}

/** Keeps the spans of the chosen annotators: done here, where every format reads its spans, so no format needs to know. */
function byAnnotators(spans: readonly ExportSpanRow[], annotators: ReadonlySet<string> | undefined): readonly ExportSpanRow[] {
  return annotators ? spans.filter((span) => annotators.has(span[5])) : spans;
}

/**
 * Streams the project to `out` in bounded batches, so memory stays flat and a
 * server stays responsive. Documents without matching spans are still exported
 * in json/jsonl (the dataset keeps its negatives); csv has one row per span.
 */
export async function exportProject(db: Db, out: Writable, options: ExportOptions): Promise<ExportReport> {
  if (options.format === 'bundle') {
    if (options.annotators) throw new UsageError('a bundle holds the whole project: it cannot be limited to some annotators');
    return writeBundle(db, out, options);
  }
  return exportFramed(db, options, framingFor(db, options), (chunk) => write(out, chunk));
}

/**
 * The streaming loop every format shares: documents in id order, in bounded
 * batches, each handed to `framing` and what it returns to `emit`.
 */
export async function exportFramed(
  db: Db,
  options: ExportOptions,
  framing: Framing,
  emit: (chunk: string | Uint8Array) => Promise<void>,
): Promise<ExportReport> {
  checkLabels(db, options.labels);
  checkAnnotators(db, options.annotators);
  if (options.assignedOnly && !options.annotators) throw new UsageError('only the assigned documents of whom? name the annotators');
  const filter = { statuses: options.statuses ?? ['accepted'], labels: options.labels };
  const annotators = options.annotators && new Set(options.annotators);
  const batchSize = options.batchDocuments ?? 500;
  const documentsTotal = countDocuments(db);
  let documentsDone = 0;
  let documentsWritten = 0;
  let spans = 0;
  let afterId = 0;
  let cancelled = false;
  // Token formats are written by worker threads, a few batches ahead of the file, in order.
  const pool = framingPoolFor(options, documentsTotal);
  const inFlight: Promise<string | Uint8Array>[] = [];

  try {
    await emit(framing.head());
    for (;;) {
      if (options.signal?.aborted) {
        cancelled = true;
        break;
      }
      const docs = exportableDocumentsAfter(db, afterId, batchSize);
      if (docs.length === 0) break;
      const firstId = (docs[0] as (typeof docs)[number]).id;
      const lastId = (docs[docs.length - 1] as (typeof docs)[number]).id;
      const spansByDoc = exportSpansInDocumentRange(db, firstId, lastId, filter);
      const noiseByDoc = noiseInDocumentRange(db, firstId, lastId);
      const duplicatesByDoc = duplicateLinksInDocumentRange(db, firstId, lastId);
      const entityNames = entityNamesInDocumentRange(db, firstId, lastId);
      const assigned = options.assignedOnly && options.annotators ? assignedInRange(db, options.annotators, firstId, lastId) : null;
      const exported = docs.filter((doc) => assigned === null || assigned.has(doc.id)).map((doc) => {
        const docSpans = byAnnotators(spansByDoc.get(doc.id) ?? [], annotators);
        spans += docSpans.length;
        const links = { duplicates: duplicatesByDoc.get(doc.id) ?? [], entityNames };
        return toExportedDocument(doc, docSpans, noiseByDoc.get(doc.id) ?? [], new OffsetMap(doc.text), links);
      });
      if (pool === null) {
        await emit(framing.batch(exported, documentsWritten === 0));
      } else {
        inFlight.push(pool.write(exported));
        if (inFlight.length >= pool.depth) await emit(await (inFlight.shift() as Promise<string | Uint8Array>));
      }
      documentsDone += docs.length;
      documentsWritten += exported.length;
      afterId = lastId;
      options.onProgress?.({ documentsDone, documentsTotal });
      await yieldToEventLoop();
    }
    if (!cancelled) for (const chunk of inFlight.splice(0)) await emit(await chunk);
    await emit(framing.tail());
  } finally {
    pool?.close();
  }
  const leftOut = [...(pool?.leftOut() ?? framing.leftOut?.() ?? [])].map(([reason, count]) => ({ reason, spans: count }));
  return { documents: documentsWritten, spans: spans - leftOut.reduce((sum, entry) => sum + entry.spans, 0), leftOut, cancelled };
}
