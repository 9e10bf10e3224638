import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Label } from '../../shared/model.js';
import { UserError, messageOf } from '../errors.js';
import { optimizeAfterBulkWork, type Db } from '../store/connection.js';
import { insertDocument } from '../store/documents.js';
import { findOrAddEntity } from '../store/entities.js';
import { ensureLabel } from '../store/labels.js';
import { insertNoiseMarks } from '../store/noise-marks.js';
import { BULK_CHUNK_DOCUMENTS, catchUpSearchIndex } from '../store/search-index.js';
import { letWorkbenchGoFirst } from '../store/write-gate.js';
import { insertSpanStamped } from '../store/spans.js';
import { now, statement } from '../store/statements.js';
import { isBundlePath, openBundle, restoreBundleClusters, type OpenedBundle, type ReadBundle } from './bundle.js';
import { restoreBundleTeam } from './bundle-team.js';
import { binaryTypeOf } from './decode.js';
import { findNoise } from './noise.js';
import { ReadAhead } from './read-ahead.js';
import { FileFootprint } from './file-footprint.js';
import { readWholeFile, unreadable, type PreparedText } from './read-file.js';
import { bratRole } from './readers/brat.js';
import { formatForPath, type ImportFormat } from './readers/index.js';
import { isStreamedFormat, streamingItems } from './readers/streaming.js';
import { STREAM_AHEAD_FROM_BYTES, StreamAhead, type ItemBatch } from './stream-ahead.js';
import type { DeclaredEntityList, ImportRecord, ReaderItem } from './record.js';
import { UnreadSpans } from './unread-spans.js';
import { visibleText } from './visible.js';
import { fsPathOf, walkPaths, type FoundFile } from './walk.js';

export interface ImportOptions {
  /** Decode files that are not UTF-8/UTF-16 with this encoding (e.g. windows-1252). */
  readonly encoding?: string;
  /** Read every file as this format instead of guessing from its extension. */
  readonly format?: ImportFormat;
  /** CSV: the column holding the text. */
  readonly textColumn?: string;
  /**
   * How a file is named in sources and reports (uploads are staged in a
   * temporary folder but should be known by the name they were sent with).
   */
  readonly displayName?: (path: string) => string;
  /** Annotator recorded on imported spans that name none. */
  readonly annotator?: string;
  /** Called after each file. */
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly signal?: AbortSignal;
  /** A transaction is committed once it holds this many bytes of text (default 32 MB)… */
  readonly batchBytes?: number;
  /** …or this many documents (default 10,000). */
  readonly batchDocuments?: number;
  /** Bytes read at a time from files that are streamed (default 4 MB; tests make it small). */
  readonly chunkBytes?: number;
  /** json, labelstudio and webanno files of at least this many bytes are streamed (default 64 MB). */
  readonly streamJsonAbove?: number;
  /**
   * Return as soon as the documents are stored, leaving the search index to catch
   * up (search-index.ts); by default the import brings it up to date before it returns.
   */
  readonly deferSearchIndex?: boolean;
  /** Threads that read files ahead of the writes (default 1; 0 reads on the calling thread). */
  readonly readAheadWorkers?: number;
  /** Read ahead only when at least this many files are read whole (default 32; tests make it small). */
  readonly readAheadFrom?: number;
  /** Streamed files of at least this many bytes are parsed in a worker thread (default 4 MB; tests make it small). */
  readonly streamAheadFrom?: number;
}

export interface ImportProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly documentsImported: number;
}

/** A file, or a line of one, that did not go in, and why. */
export interface ImportProblem {
  readonly path: string;
  readonly line?: number;
  readonly reason: string;
}

export interface ImportDuplicate {
  readonly path: string;
  readonly line?: number;
  readonly duplicateOf: string;
}

export interface ImportReport {
  readonly filesTotal: number;
  readonly documentsImported: number;
  /** Bytes of the files that were read (not only those that went in). */
  readonly bytesRead: number;
  /** Size of the imported texts, in UTF-8 bytes. */
  readonly textBytesImported: number;
  readonly spansAdded: number;
  /** Spans added, by annotator name (`""` for spans that name none): whose work an exchange brought in. */
  readonly spansByAnnotator: Readonly<Record<string, number>>;
  /** Duplicate clusters recreated from project bundles (absent: none read). */
  readonly duplicateClustersAdded?: number;
  readonly duplicates: readonly ImportDuplicate[];
  /** Every file, record and place that did not go in, with why (shown with control characters made visible). */
  readonly rejected: readonly ImportProblem[];
  /** Files (and paths given) refused whole: nothing of them was stored. */
  readonly filesRejected: number;
  /** Records refused in files that otherwise went in… */
  readonly recordsRejected: number;
  /** …and how many files those were. */
  readonly filesWithRecordsRejected: number;
  /** Links back into a folder being read, not followed (each is also in `rejected`). */
  readonly linkLoops: number;
  /** What went in but may not be what was meant: spans a file holds that were not read as spans (unread-spans.ts). */
  readonly warnings: readonly ImportProblem[];
  readonly cancelled: boolean;
}

/** `path` or `path:line`, as every report prints a place; control characters in the path are shown as `\u001b`. */
export function formatPlace(place: { readonly path: string; readonly line?: number }): string {
  const path = visibleText(place.path);
  return place.line === undefined ? path : `${path}:${place.line}`;
}

/** SQLite's and the file system's ways of saying the disk (or the project's size limit) is full. */
export function isStorageFull(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  return code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code === 'ENOSPC';
}

/** The disk filled while the import wrote: nothing more can go in, so the import stops whole. */
class StorageFull extends Error {
  constructor(cause: unknown) {
    super(messageOf(cause), { cause });
  }
}

/**
 * One write transaction of the import, and within it a savepoint for the file
 * being imported, so a file refused part-way is undone whole (abandonFile). A
 * file larger than a transaction is committed in parts (see fileFull).
 */
class Batch {
  #open = false;
  #stamp = '';
  #bytes = 0;
  #documents = 0;
  /** Whether the file being imported has its savepoint in the open transaction. */
  #fileSaved = false;
  /** What the file has written since its savepoint. */
  #fileBytes = 0;
  #fileDocuments = 0;

  constructor(
    private readonly db: Db,
    private readonly maxBytes: number,
    private readonly maxDocuments: number,
  ) {}

  /** A file begins: what it writes from now on is kept or undone together. */
  beginFile(): void {
    this.#fileSaved = false;
    this.#fileBytes = 0;
    this.#fileDocuments = 0;
  }

  /**
   * Runs `write` inside the current transaction, opening one if needed. A write
   * that throws is undone on its own (a savepoint), leaving the batch intact.
   */
  write(bytes: number, write: () => void): void {
    if (!this.#open) {
      letWorkbenchGoFirst();
      this.db.exec('BEGIN IMMEDIATE');
      this.#open = true;
      this.#stamp = now();
    }
    if (this.#fileSaved) {
      // Prepared once: exec would parse the two statements again for each of 100,000 records.
      statement(this.db, 'SAVEPOINT record').run();
      try {
        write();
        statement(this.db, 'RELEASE record').run();
      } catch (error) {
        if (isStorageFull(error)) this.giveUp(error);
        this.db.exec('ROLLBACK TO record; RELEASE record');
        throw error;
      }
    } else {
      // The file's first write opens the file's savepoint, which serves as this write's too:
      // a file of one record (most files) costs two statements, as a record always did.
      statement(this.db, 'SAVEPOINT file').run();
      this.#fileSaved = true;
      try {
        write();
      } catch (error) {
        if (isStorageFull(error)) this.giveUp(error);
        this.db.exec('ROLLBACK TO file');
        throw error;
      }
    }
    this.#bytes += bytes;
    this.#documents += 1;
    this.#fileBytes += bytes;
    this.#fileDocuments += 1;
  }

  /** The file's writes stay (until the transaction commits). */
  endFile(): void {
    if (this.#fileSaved) statement(this.db, 'RELEASE file').run();
    this.#fileSaved = false;
  }

  /** Undoes what the file wrote since the last commit; true when it had written anything. */
  abandonFile(): boolean {
    if (!this.#fileSaved) return false;
    this.db.exec('ROLLBACK TO file; RELEASE file');
    this.#fileSaved = false;
    this.#bytes -= this.#fileBytes;
    this.#documents -= this.#fileDocuments;
    return true;
  }

  /** When the transaction began: what it writes becomes visible at one instant, so it carries one time. */
  get stamp(): string {
    return this.#stamp;
  }

  get full(): boolean {
    return this.#bytes >= this.maxBytes || this.#documents >= this.maxDocuments;
  }

  /**
   * The file alone fills a transaction: only then is it committed part-way. A
   * smaller file stays one unit even if the files before it filled the batch,
   * which then holds up to twice the limits.
   */
  get fileFull(): boolean {
    return this.#fileBytes >= this.maxBytes || this.#fileDocuments >= this.maxDocuments;
  }

  /**
   * The disk is full: SQLite may have rolled the transaction back itself, so
   * a savepoint can no longer be rolled back to (that failure used to hide
   * this one). What the transaction held is undone; earlier commits stay.
   */
  giveUp(error: unknown): never {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.#open = false;
    this.#fileSaved = false;
    throw new StorageFull(error);
  }

  commit(): void {
    if (this.#open) {
      try {
        this.db.exec('COMMIT');
      } catch (error) {
        if (isStorageFull(error)) this.giveUp(error);
        throw error;
      }
    }
    this.#open = false;
    this.#bytes = 0;
    this.#documents = 0;
    // COMMIT ends the file's savepoint with the transaction: what the file wrote so far is kept.
    this.#fileSaved = false;
    this.#fileBytes = 0;
    this.#fileDocuments = 0;
  }

  rollback(): void {
    if (this.#open && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.#open = false;
    this.#fileSaved = false;
  }
}

/** What the file being imported has stored so far: added to the report once it is kept, dropped if it is undone. */
class FileTally {
  documents = 0;
  textBytes = 0;
  spans = 0;
  readonly byAnnotator = new Map<string, number>();
  readonly duplicates: ImportDuplicate[] = [];
  /** Records of the file refused (the file still goes in). */
  recordsRejected = 0;

  /** Starts over; `keepRefused` keeps the count of refused records (a commit part-way through the file). */
  reset(keepRefused = false): void {
    this.documents = 0;
    this.textBytes = 0;
    this.spans = 0;
    this.byAnnotator.clear();
    this.duplicates.length = 0;
    if (!keepRefused) this.recordsRejected = 0;
  }
}

/** A file read: its records, or why it was refused; `prepared` is what the read-ahead worked out for each record. */
type ReadOutcome =
  | {
      readonly ok: true;
      readonly items: Iterable<ReaderItem>;
      readonly problemsIn?: string;
      readonly bundle?: ReadBundle;
      readonly prepared?: readonly (PreparedText | undefined)[];
      /** Items parsed by the stream worker, a batch at a time (then `items` is empty). */
      readonly batches?: AsyncIterable<ItemBatch>;
      /** Cleans up once the file's items are stored (a bundle's unpacked export). */
      readonly dispose?: () => void;
    }
  | { readonly ok: false; readonly reason: string };

/** Whether a file is read whole (not streamed, not a bundle), so the read-ahead worker may read it. */
function readWhole(file: FoundFile, options: ImportOptions): boolean {
  if (isBundlePath(file.path)) return false;
  if (binaryTypeOf(file.path) !== null) return true;
  return !isStreamedFormat(options.format ?? formatForPath(file.path));
}

/**
 * Reads one file on the import's own thread: a streamed format (whose records
 * come one at a time as the loop stores them), or a file read whole.
 */
function readFile(file: FoundFile, shownName: string, options: ImportOptions): ReadOutcome {
  if (binaryTypeOf(file.path) === null && bratRole(file.path, options.format, existsSync, fsPathOf(file)).kind === 'other') {
    try {
      const format = options.format ?? formatForPath(file.path);
      const streamed = streamingItems(fsPathOf(file), file.bytes, format, basename(shownName), options);
      if (streamed !== null) return { ok: true, items: streamed };
    } catch (error) {
      return { ok: false, reason: unreadable(error) };
    }
  }
  return readWholeFile(file.path, basename(shownName), options, existsSync, fsPathOf(file));
}

/**
 * Reads a file the read-ahead did not: a large streamed file is parsed by the
 * stream worker while the records before it are written; anything else, or
 * when the worker cannot take it, is read here.
 */
async function readFileAhead(file: FoundFile, shownName: string, options: ImportOptions, streamAhead: StreamAhead): Promise<ReadOutcome> {
  // A bundle is a zip, which the binary check refuses: it is read here first.
  if (isBundlePath(file.path)) return readBundleFile(file, shownName, streamAhead);
  const streamable =
    file.bytes >= (options.streamAheadFrom ?? STREAM_AHEAD_FROM_BYTES) &&
    binaryTypeOf(file.path) === null &&
    bratRole(file.path, options.format, existsSync, fsPathOf(file)).kind === 'other';
  if (streamable) {
    const format = options.format ?? formatForPath(file.path);
    const { encoding, chunkBytes, streamJsonAbove } = options;
    const opening = await streamAhead.open(fsPathOf(file), file.bytes, format, basename(shownName), { encoding, chunkBytes, streamJsonAbove });
    if (opening.kind === 'refused') return { ok: false, reason: opening.reason };
    if (opening.kind === 'stream') return { ok: true, items: [], batches: opening.batches };
  }
  return readFile(file, shownName, options);
}

/**
 * Reads a project bundle: unpacks it and checks it, then streams its json export
 * as our own json (in the stream worker when it can), keeping its clusters for
 * after the documents are in.
 */
async function readBundleFile(file: FoundFile, shownName: string, streamAhead: StreamAhead): Promise<ReadOutcome> {
  let bundle: OpenedBundle;
  try {
    bundle = openBundle(fsPathOf(file));
  } catch (error) {
    return { ok: false, reason: messageOf(error) };
  }
  const { dispose } = bundle;
  const name = basename(shownName);
  try {
    const options = { streamJsonAbove: 0 };
    const opening = await streamAhead.open(bundle.projectPath, bundle.projectBytes, 'json', name, options);
    if (opening.kind === 'refused') {
      dispose();
      return { ok: false, reason: opening.reason };
    }
    if (opening.kind === 'stream') return { ok: true, items: [], batches: opening.batches, bundle, dispose };
    return { ok: true, items: streamingItems(bundle.projectPath, bundle.projectBytes, 'json', name, options) ?? [], bundle, dispose };
  } catch (error) {
    dispose();
    return { ok: false, reason: unreadable(error) };
  }
}

/**
 * Imports files and folders into the project, one file at a time in bounded
 * transactions. Bad files and bad lines are reported and skipped; everything
 * else goes in. A file refused part-way (a large JSON cut short) is undone
 * whole, also when it was larger than a transaction and parts of it were
 * already committed (those are taken out again). Safe to run again after an
 * interruption: documents already there (same text) are skipped and their
 * spans merged without duplicates.
 */
export async function importPaths(db: Db, paths: readonly string[], options: ImportOptions = {}): Promise<ImportReport> {
  const shownPath = options.displayName ?? ((path: string) => path);
  const { files, problems, linkLoops } = walkPaths(paths);
  const readAhead = new ReadAhead(
    (file) => readWhole(file, options),
    (file) => basename(shownPath(file.path)),
    { encoding: options.encoding, format: options.format, textColumn: options.textColumn },
    options.readAheadWorkers ?? 1,
  );
  readAhead.plan(files, options.readAheadFrom);
  const streamAhead = new StreamAhead((options.readAheadWorkers ?? 1) > 0);
  const rejected: ImportProblem[] = problems.map((problem) => ({ ...problem, path: shownPath(problem.path) }));
  let filesRejected = problems.length - linkLoops;
  let recordsRejected = 0;
  let filesWithRecordsRejected = 0;
  const duplicates: ImportDuplicate[] = [];
  const warnings: ImportProblem[] = [];
  // Records of the file being imported whose span-like fields were not read: said once the file is kept.
  const unreadSpans = new UnreadSpans();
  const bytesTotal = files.reduce((sum, file) => sum + file.bytes, 0);
  const batch = new Batch(db, options.batchBytes ?? 32 * 1024 * 1024, options.batchDocuments ?? 10_000);
  let documentsImported = 0;
  let textBytesImported = 0;
  let spansAdded = 0;
  let duplicateClustersAdded = 0;
  const spansByAnnotator: Record<string, number> = {};
  // Labels known to exist, so each is looked up once per import rather than once per span.
  const ensuredLabels = new Set<string>();
  let bytesRead = 0;
  let filesDone = 0;
  let cancelled = false;
  // What the file being imported leaves to clean up once it is done.
  let disposeFile: (() => void) | undefined;
  const tally = new FileTally();
  // What the file being imported has added, and whether parts of it were committed before it ended (it was larger than a transaction).
  const footprint = new FileFootprint();
  let fileCommittedInParts = false;
  // The report's figures as the file began: a file taken out again leaves them so.
  let figuresBeforeFile = { documentsImported, textBytesImported, spansAdded, spansByAnnotator: { ...spansByAnnotator }, duplicates: 0 };
  // What is in the project for good: a full disk undoes the open transaction, not these.
  let documentsCommitted = 0;

  /** What the file stored so far is in for good (committed, or the file is done): it counts in the report. */
  const keepTally = (): void => {
    documentsImported += tally.documents;
    textBytesImported += tally.textBytes;
    spansAdded += tally.spans;
    for (const [annotator, count] of tally.byAnnotator) spansByAnnotator[annotator] = (spansByAnnotator[annotator] ?? 0) + count;
    for (const duplicate of tally.duplicates) duplicates.push(duplicate);
    tally.reset(true);
  };
  // Between transactions another writer may change the labels: what is known holds for one transaction.
  const commit = (): void => {
    batch.commit();
    keepTally();
    documentsCommitted = documentsImported;
    ensuredLabels.clear();
  };
  /**
   * Ends the file being imported: kept, or (with the reason) refused and what it
   * wrote since the last commit undone. True when it was kept with records refused.
   */
  const endFile = (file: FoundFile, refusal?: string): boolean => {
    let withRecordsRejected = false;
    if (refusal === undefined) {
      batch.endFile();
      keepTally();
      for (const warning of unreadSpans.take()) warnings.push({ path: shownPath(file.path), ...warning });
      if (tally.recordsRejected > 0) {
        recordsRejected += tally.recordsRejected;
        filesWithRecordsRejected += 1;
        withRecordsRejected = true;
      }
    } else {
      // The undone writes may have created labels.
      if (batch.abandonFile()) ensuredLabels.clear();
      tally.reset();
      if (fileCommittedInParts) takeBackCommittedParts();
      rejected.push({ path: shownPath(file.path), reason: refusal });
      filesRejected += 1;
    }
    tally.reset();
    footprint.clear();
    unreadSpans.clear();
    return withRecordsRejected;
  };

  /** Removes what a refused file committed before it was refused, at once and for good, and its figures from the report. */
  const takeBackCommittedParts = (): void => {
    batch.beginFile();
    batch.write(0, () => footprint.remove(db));
    batch.endFile();
    ensuredLabels.clear();
    commit();
    ({ documentsImported, textBytesImported, spansAdded } = figuresBeforeFile);
    for (const annotator of Object.keys(spansByAnnotator)) delete spansByAnnotator[annotator];
    Object.assign(spansByAnnotator, figuresBeforeFile.spansByAnnotator);
    duplicates.length = figuresBeforeFile.duplicates;
    documentsCommitted = documentsImported;
  };

  const storeRecord = (file: FoundFile, record: ImportRecord, labels: ReadonlyMap<string, Label>, prepared?: PreparedText): void => {
    const place = { path: shownPath(file.path), line: record.line };
    if (record.text.trim() === '') {
      rejected.push({ ...place, reason: 'empty text' });
      tally.recordsRejected += 1;
      return;
    }
    const sourcePath = options.displayName ? shownPath(file.path) : resolve(file.path);
    const source = record.line === undefined ? sourcePath : `${sourcePath}:${record.line}`;
    const textBytes = Buffer.byteLength(record.text, 'utf8');
    let imported = false;
    let duplicateOf: string | undefined;
    let spansInRecord = 0;
    // Counted apart and added only once the record is in: a record that fails is undone whole.
    const addedByAnnotator = new Map<string, number>();
    const added: FileFootprint = new FileFootprint();
    const write = (): void => {
      const outcome = insertDocument(
        db,
        {
          title: record.title,
          source,
          text: record.text,
          meta: record.meta,
          contentHash: prepared?.contentHash,
          lengthCp: prepared?.lengthCp,
          importedAt: batch.stamp,
        },
        { index: false },
      );
      if (outcome.inserted) {
        insertNoiseMarks(db, outcome.id, prepared?.noise ?? findNoise(record.text));
        added.documents.push(outcome.id);
      } else duplicateOf = outcome.duplicateOf;
      imported = outcome.inserted;
      const stamp = batch.stamp;
      for (const span of record.spans ?? []) {
        if (!ensuredLabels.has(span.label)) {
          if (ensureLabel(db, span.label, labels.get(span.label))) added.labels.push(span.label);
          ensuredLabels.add(span.label);
        }
        const annotator = span.annotator ?? options.annotator ?? '';
        let entityId: number | null = null;
        if (span.entity) {
          const entity = findOrAddEntity(db, span.label, span.entity);
          if (entity.created) added.entities.push(entity.id);
          entityId = entity.id;
        }
        const spanId = insertSpanStamped(db, {
          documentId: outcome.id,
          startCp: span.startCp,
          endCp: span.endCp,
          label: span.label,
          annotator,
          status: span.status,
          value: span.value,
          note: span.note,
          recogniser: span.recogniser,
          confidence: span.confidence,
          entityId,
        }, stamp);
        if (spanId !== undefined) {
          if (!outcome.inserted) added.spansElsewhere.push(spanId);
          spansInRecord += 1;
          addedByAnnotator.set(annotator, (addedByAnnotator.get(annotator) ?? 0) + 1);
        }
      }
    };
    try {
      batch.write(textBytes, write);
    } catch (error) {
      if (error instanceof StorageFull) throw error;
      // The record's writes were undone, a label it created with them.
      ensuredLabels.clear();
      rejected.push({ ...place, reason: messageOf(error) });
      tally.recordsRejected += 1;
      return;
    }
    footprint.add(added);
    if (imported) {
      tally.documents += 1;
      tally.textBytes += textBytes;
    }
    if (duplicateOf !== undefined) tally.duplicates.push({ ...place, duplicateOf });
    tally.spans += spansInRecord;
    for (const [annotator, count] of addedByAnnotator) tally.byAnnotator.set(annotator, (tally.byAnnotator.get(annotator) ?? 0) + count);
  };

  /**
   * The labels and entities a file declares, also those none of its spans used
   * (a label not applied yet, an entity whose mentions were unlinked): an export
   * or a bundle hands the whole project over. Returns why they could not be, if so.
   */
  const restoreDeclared = (labels: ReadonlyMap<string, Label>, entities: DeclaredEntityList['entities']): string | undefined => {
    if (labels.size === 0 && entities.length === 0) return undefined;
    try {
      const added = new FileFootprint();
      batch.write(0, () => {
        for (const label of labels.values()) if (ensureLabel(db, label.name, label)) added.labels.push(label.name);
        for (const { label, entity } of entities) {
          if (ensureLabel(db, label, labels.get(label))) added.labels.push(label);
          const { id, created } = findOrAddEntity(db, label, entity);
          if (created) added.entities.push(id);
        }
      });
      footprint.add(added);
      return undefined;
    } catch (error) {
      if (error instanceof StorageFull) throw error;
      ensuredLabels.clear();
      return `declared labels and entities: ${messageOf(error)}`;
    }
  };

  try {
    for (const [index, file] of files.entries()) {
      disposeFile?.();
      disposeFile = undefined;
      if (options.signal?.aborted) {
        cancelled = true;
        break;
      }
      const ahead = await readAhead.take(index);
      const outcome: ReadOutcome = !ahead
        ? await readFileAhead(file, shownPath(file.path), options, streamAhead)
        : ahead.outcome.ok
          ? { ...ahead.outcome, prepared: ahead.prepared }
          : ahead.outcome;
      bytesRead += file.bytes;
      if (outcome.ok) disposeFile = outcome.dispose;
      batch.beginFile();
      fileCommittedInParts = false;
      figuresBeforeFile = { documentsImported, textBytesImported, spansAdded, spansByAnnotator: { ...spansByAnnotator }, duplicates: duplicates.length };
      if (!outcome.ok) {
        endFile(file, outcome.reason);
      } else {
        const labels = new Map<string, Label>();
        const entities: DeclaredEntityList['entities'][number][] = [];
        const batches: AsyncIterable<ItemBatch> | Iterable<ItemBatch> = outcome.batches ?? [{ items: outcome.items, prepared: outcome.prepared }];
        let refusal: string | undefined;
        // Records and refused records of the file so far: how a warning names a record of a file without lines.
        let entries = 0;
        try {
          for await (const { items, prepared } of batches) {
            let itemIndex = -1;
            for (const item of items) {
              itemIndex += 1;
              switch (item.kind) {
                case 'labels':
                  for (const label of item.labels) labels.set(label.name, label);
                  break;
                case 'entities':
                  entities.push(...item.entities);
                  break;
                case 'problem':
                  entries += 1;
                  rejected.push({ path: shownPath(outcome.problemsIn ?? file.path), line: item.line, reason: item.reason });
                  tally.recordsRejected += 1;
                  break;
                case 'record':
                  entries += 1;
                  unreadSpans.note(item, entries);
                  storeRecord(file, item, labels, prepared?.[itemIndex]);
                  // A streamed file can hold a whole corpus: one that fills a transaction by itself is committed in parts.
                  if (batch.fileFull) {
                    commit();
                    fileCommittedInParts = true;
                    await yieldToEventLoop();
                    if (options.signal?.aborted) {
                      cancelled = true;
                      break;
                    }
                  }
                  break;
              }
              if (cancelled) break;
            }
            if (cancelled) break;
          }
        } catch (error) {
          if (error instanceof StorageFull) throw error;
          // A streamed file found bad part-way: the file is refused, and what it stored undone.
          refusal = messageOf(error);
        }
        if (refusal === undefined && !cancelled) refusal = restoreDeclared(labels, entities);
        const withRecordsRejected = endFile(file, refusal);
        if (outcome.bundle && refusal === undefined) {
          // Clusters name documents by content hash, so they go in once the documents are committed.
          commit();
          try {
            duplicateClustersAdded += restoreBundleClusters(db, outcome.bundle);
          } catch (error) {
            rejected.push({ path: shownPath(file.path), reason: `duplicate clusters: ${messageOf(error)}` });
            recordsRejected += 1;
            if (!withRecordsRejected) filesWithRecordsRejected += 1;
          }
          // Assignments and done marks name documents by content hash too.
          if (outcome.bundle.team) restoreBundleTeam(db, outcome.bundle.team, outcome.bundle.documentHashes);
        }
      }
      if (cancelled) break;
      filesDone += 1;
      if (batch.full) {
        commit();
        // Let the event loop breathe between batches, so a server stays responsive.
        await yieldToEventLoop();
      }
      options.onProgress?.({ filesDone, filesTotal: files.length, bytesDone: bytesRead, bytesTotal, documentsImported });
    }
    commit();
  } catch (error) {
    batch.rollback();
    if (error instanceof StorageFull) {
      const file = files[Math.min(filesDone, files.length - 1)];
      throw new UserError(
        `${db.name}: the disk is full (${error.message})${file ? ` while importing ${visibleText(shownPath(file.path))}` : ''}. ` +
          `The project is sound${documentsCommitted > 0 ? ` and keeps the ${documentsCommitted} documents this import committed before that` : '; nothing of this import was committed yet'}; ` +
          'free some space and run the import again to bring in the rest.',
      );
    }
    throw error;
  } finally {
    readAhead.close();
    streamAhead.close();
    disposeFile?.();
  }
  if (!options.deferSearchIndex) await catchUpSearchIndex(db, { signal: options.signal, chunkDocuments: BULK_CHUNK_DOCUMENTS });
  optimizeAfterBulkWork(db);
  return {
    filesTotal: files.length,
    documentsImported,
    bytesRead,
    textBytesImported,
    spansAdded,
    spansByAnnotator,
    duplicateClustersAdded,
    duplicates: duplicates.map((duplicate) => ({ ...duplicate, path: visibleText(duplicate.path), duplicateOf: visibleText(duplicate.duplicateOf) })),
    // Names and parser messages may quote a file's bytes: a report never carries a control character.
    rejected: rejected.map((problem) => ({ ...problem, path: visibleText(problem.path), reason: visibleText(problem.reason) })),
    filesRejected,
    recordsRejected,
    filesWithRecordsRejected,
    linkLoops,
    warnings: warnings.map((warning) => ({ ...warning, path: visibleText(warning.path), reason: visibleText(warning.reason) })),
    cancelled,
  };
}
