/**
 * Duplicate detection, incremental: documents without a fingerprint are
 * fingerprinted, then everything not yet checked is compared against
 * everything through the stored band keys, candidates are verified by exact
 * Jaccard similarity, and the links found join or make clusters. Running it
 * again finds nothing new; decisions on stored clusters are kept.
 *
 * Work goes in bounded transactions with the event loop given a turn between
 * them, and can be cancelled: a document counts as checked only once its
 * clusters are written, so an interrupted run is completed by the next one.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { DEFAULT_DUPLICATE_MIN_CHARS, DEFAULT_DUPLICATE_THRESHOLD } from '../../shared/model.js';
import { UserError } from '../errors.js';
import { optimizeAfterBulkWork, type Db } from '../store/connection.js';
import { writeTransaction } from '../store/statements.js';
import {
  clearFingerprints,
  documentIdsWithoutFingerprint,
  documentLengthCp,
  documentTexts,
  duplicateSettings,
  duplicateTotals,
  hasUncheckedFingerprints,
  markFingerprintsChecked,
  saveDuplicateSettings,
  saveFingerprint,
  type DuplicateTotals,
} from '../store/duplicates.js';
import { noiseInDocumentRange } from '../store/noise-marks.js';
import { candidatePairs } from './candidates.js';
import { Fingerprinter } from './fingerprint.js';
import { loadItems } from './items.js';
import { linkClusters, type LinkOutcome } from './link.js';
import { BANDS, FINGERPRINT_SCHEME } from './minhash.js';
import { verifyCandidates } from './verify.js';

export interface DetectSettings {
  /** Jaccard similarity of word shingles at or above which two passages are duplicates. */
  readonly threshold: number;
  /** Passages with fewer code points (noise left out) are not matched. */
  readonly minChars: number;
}

export type DetectPhase = 'fingerprinting' | 'comparing' | 'linking';

export interface DetectProgress {
  readonly phase: DetectPhase;
  readonly done: number;
  readonly total: number;
}

export interface DetectOptions extends Partial<DetectSettings> {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DetectProgress) => void;
  /** Documents fingerprinted per transaction (default 1,000). */
  readonly batchDocuments?: number;
}

export interface DetectReport extends DetectSettings {
  /** Documents fingerprinted in this run. */
  readonly documentsFingerprinted: number;
  /** Documents compared against the rest in this run. */
  readonly documentsChecked: number;
  /** What this run added. */
  readonly added: {
    readonly clusters: number;
    readonly passageClusters: number;
    readonly documentClusters: number;
    /** Passages that joined a cluster. */
    readonly passages: number;
    /** Documents that joined a document cluster. */
    readonly documentMembers: number;
    /** Documents that gained a member of any kind. */
    readonly documents: number;
  };
  /** Everything stored after the run. */
  readonly totals: DuplicateTotals;
  readonly cancelled: boolean;
  readonly seconds: number;
}

/**
 * The settings a run uses: those asked for, else the project's last ones, else
 * the defaults. Out-of-range values are refused.
 */
export function resolveSettings(db: Db, asked: Partial<DetectSettings> = {}): DetectSettings {
  const last = duplicateSettings(db);
  const threshold = asked.threshold ?? last?.threshold ?? DEFAULT_DUPLICATE_THRESHOLD;
  const minChars = asked.minChars ?? last?.minChars ?? DEFAULT_DUPLICATE_MIN_CHARS;
  if (!(threshold > 0 && threshold <= 1)) throw new UserError(`threshold ${threshold} is not a similarity between 0 and 1`);
  if (!Number.isInteger(minChars) || minChars < 1) throw new UserError(`minimum passage length ${minChars} is not a positive whole number`);
  return { threshold, minChars };
}

const NOTHING_ADDED: LinkOutcome = { clustersCreated: 0, membersAdded: 0, documents: new Set() };

/** Runs detection over what is new in the project. */
export async function detectDuplicates(db: Db, options: DetectOptions = {}): Promise<DetectReport> {
  const started = performance.now();
  const settings = resolveSettings(db, options);
  const last = duplicateSettings(db);
  // Fingerprints hold only passages of the old minimum length, made by the old scheme: start over.
  const refingerprint = last !== undefined && (last.scheme !== FINGERPRINT_SCHEME || last.minChars !== settings.minChars);
  if (refingerprint) clearFingerprints(db);
  // A lower threshold than before can link pairs compared before: compare everything once.
  const compareAll = last !== undefined && settings.threshold < last.threshold;
  // The old threshold stays until the run ends, so an interrupted run is redone at the new one.
  if (last === undefined || refingerprint) {
    saveDuplicateSettings(db, { ...settings, threshold: last?.threshold ?? settings.threshold, scheme: FINGERPRINT_SCHEME });
  }

  const report = (fingerprinted: number, checked: number, passages: LinkOutcome, documents: LinkOutcome, cancelled: boolean): DetectReport => ({
    ...settings,
    documentsFingerprinted: fingerprinted,
    documentsChecked: checked,
    added: {
      clusters: passages.clustersCreated + documents.clustersCreated,
      passageClusters: passages.clustersCreated,
      documentClusters: documents.clustersCreated,
      passages: passages.membersAdded,
      documentMembers: documents.membersAdded,
      documents: new Set([...passages.documents, ...documents.documents]).size,
    },
    totals: duplicateTotals(db),
    cancelled,
    seconds: (performance.now() - started) / 1000,
  });

  const fingerprinted = await fingerprintNewDocuments(db, settings.minChars, options);
  if (fingerprinted === null) return report(0, 0, NOTHING_ADDED, NOTHING_ADDED, true);
  if (!compareAll && !hasUncheckedFingerprints(db)) {
    if (last?.threshold !== settings.threshold) saveDuplicateSettings(db, { ...settings, scheme: FINGERPRINT_SCHEME });
    return report(fingerprinted, 0, NOTHING_ADDED, NOTHING_ADDED, false);
  }

  options.onProgress?.({ phase: 'comparing', done: 0, total: 1 });
  await yieldToEventLoop();
  const { passages, documents, newDocumentIds } = loadItems(db, compareAll);
  const passagePairs = candidatePairs(passages.keys, passages.isNew, BANDS);
  const documentPairs = candidatePairs(documents.keys, documents.isNew, BANDS);
  await yieldToEventLoop();
  const links = await verifyCandidates(db, {
    passages,
    passagePairs,
    documents,
    documentPairs,
    threshold: settings.threshold,
    signal: options.signal,
    onProgress: (done, total) => options.onProgress?.({ phase: 'comparing', done, total }),
  });
  if (links === null) return report(fingerprinted, 0, NOTHING_ADDED, NOTHING_ADDED, true);

  const total = links.passages.count + links.documents.count;
  options.onProgress?.({ phase: 'linking', done: 0, total });
  const passageOutcome = await linkClusters(
    db,
    'passage',
    links.passages,
    (item) => ({ documentId: passages.documentIds[item] as number, startCp: passages.startCp[item] as number, endCp: passages.endCp[item] as number }),
    options.signal,
  );
  options.onProgress?.({ phase: 'linking', done: links.passages.count, total });
  const documentOutcome =
    passageOutcome &&
    (await linkClusters(
      db,
      'document',
      links.documents,
      (item) => {
        const documentId = documents.documentIds[item] as number;
        return { documentId, startCp: 0, endCp: documentLengthCp(db, documentId) ?? 0 };
      },
      options.signal,
    ));
  if (passageOutcome === null || documentOutcome === null) {
    return report(fingerprinted, 0, passageOutcome ?? NOTHING_ADDED, documentOutcome ?? NOTHING_ADDED, true);
  }
  writeTransaction(db, () => {
    markFingerprintsChecked(db, newDocumentIds);
    saveDuplicateSettings(db, { ...settings, scheme: FINGERPRINT_SCHEME });
  })();
  options.onProgress?.({ phase: 'linking', done: total, total });
  optimizeAfterBulkWork(db);
  return report(fingerprinted, newDocumentIds.length, passageOutcome, documentOutcome, false);
}

/** Fingerprints every document that has none yet; returns how many, or null when cancelled. */
async function fingerprintNewDocuments(db: Db, minChars: number, options: DetectOptions): Promise<number | null> {
  const batch = options.batchDocuments ?? 1000;
  const ids = documentIdsWithoutFingerprint(db);
  const fingerprinter = new Fingerprinter(minChars);
  const save = writeTransaction(db, (prints: ReturnType<Fingerprinter['fingerprint']>[]) => {
    for (const print of prints) saveFingerprint(db, print.documentId, print.passages, print.documentBands);
  });
  options.onProgress?.({ phase: 'fingerprinting', done: 0, total: ids.length });
  for (let start = 0; start < ids.length; start += batch) {
    if (options.signal?.aborted) return null;
    const chunk = ids.slice(start, start + batch);
    const documents = documentTexts(db, chunk);
    const noise = noiseInDocumentRange(db, chunk[0] as number, chunk[chunk.length - 1] as number);
    save(documents.map((document) => fingerprinter.fingerprint(document.id, document.text, noise.get(document.id) ?? [])));
    options.onProgress?.({ phase: 'fingerprinting', done: start + chunk.length, total: ids.length });
    await yieldToEventLoop();
  }
  return ids.length;
}
