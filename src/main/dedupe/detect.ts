/**
 * Duplicate detection, incremental: documents without a fingerprint are
 * fingerprinted, then everything not yet checked is compared against
 * everything through the stored band keys, candidates are verified by exact
 * Jaccard similarity, and the links found join or make clusters. Passages
 * are also checked for lying inside longer ones (through the same candidates
 * and the containment anchors), and sentences matched with their exact
 * repeats inside other paragraphs. Running it
 * again finds nothing new; decisions on stored clusters are kept.
 *
 * Work goes in bounded transactions with the event loop given a turn between
 * them, and can be cancelled: a document counts as checked only once its
 * clusters are written, so an interrupted run is completed by the next one.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import {
  DEFAULT_DUPLICATE_CONTAINMENT,
  DEFAULT_DUPLICATE_MIN_CHARS,
  DEFAULT_DUPLICATE_THRESHOLD,
  DUPLICATE_KINDS,
  type DuplicateKind,
} from '../../shared/model.js';
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
import { anchorPairs, candidatePairs } from './candidates.js';
import { linkContained, withoutRepeatedSentences } from './contained.js';
import { Fingerprinter } from './fingerprint.js';
import { loadItems } from './items.js';
import { linkClusters, type ItemPlace, type LinkOutcome } from './link.js';
import { BANDS, FINGERPRINT_SCHEME, SET_HASH_WORDS } from './minhash.js';
import type { PassageClusters } from './passage-groups.js';
import { sentenceLinks } from './sentence-links.js';
import { verifyCandidates } from './verify.js';

export interface DetectSettings {
  /** Jaccard similarity of word shingles at or above which two passages are duplicates. */
  readonly threshold: number;
  /** Passages and sentences with fewer code points (noise left out) are not matched. */
  readonly minChars: number;
  /** Share of the smaller passage's shingles the larger must hold for the smaller to be linked as contained in it. */
  readonly containment: number;
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
    readonly sentenceClusters: number;
    readonly containedClusters: number;
    /** Passages that joined a cluster. */
    readonly passages: number;
    /** Sentences that joined a sentence cluster. */
    readonly sentences: number;
    /** Passages that joined a 'contained' cluster, contained or holding. */
    readonly containedMembers: number;
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
  const containment = asked.containment ?? last?.containment ?? DEFAULT_DUPLICATE_CONTAINMENT;
  if (!(threshold > 0 && threshold <= 1)) throw new UserError(`threshold ${threshold} is not a similarity between 0 and 1`);
  if (!Number.isInteger(minChars) || minChars < 1) throw new UserError(`minimum passage length ${minChars} is not a positive whole number`);
  if (!(containment > 0 && containment <= 1)) throw new UserError(`containment ${containment} is not a share between 0 and 1`);
  return { threshold, minChars, containment };
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
  // A lower threshold (or containment) than before can link pairs compared before: compare everything once.
  const compareAll = last !== undefined && (settings.threshold < last.threshold || settings.containment < last.containment);
  // The old thresholds stay until the run ends, so an interrupted run is redone at the new ones.
  if (last === undefined || refingerprint) {
    saveDuplicateSettings(db, {
      ...settings,
      threshold: last?.threshold ?? settings.threshold,
      containment: last?.containment ?? settings.containment,
      scheme: FINGERPRINT_SCHEME,
    });
  }

  const report = (fingerprinted: number, checked: number, outcomes: Partial<Record<DuplicateKind, LinkOutcome>>, cancelled: boolean): DetectReport => {
    const of = (kind: DuplicateKind): LinkOutcome => outcomes[kind] ?? NOTHING_ADDED;
    return {
      ...settings,
      documentsFingerprinted: fingerprinted,
      documentsChecked: checked,
      added: {
        clusters: DUPLICATE_KINDS.reduce((sum, kind) => sum + of(kind).clustersCreated, 0),
        passageClusters: of('passage').clustersCreated,
        documentClusters: of('document').clustersCreated,
        sentenceClusters: of('sentence').clustersCreated,
        containedClusters: of('contained').clustersCreated,
        passages: of('passage').membersAdded,
        sentences: of('sentence').membersAdded,
        containedMembers: of('contained').membersAdded,
        documentMembers: of('document').membersAdded,
        documents: new Set(DUPLICATE_KINDS.flatMap((kind) => [...of(kind).documents])).size,
      },
      totals: duplicateTotals(db),
      cancelled,
      seconds: (performance.now() - started) / 1000,
    };
  };

  const fingerprinted = await fingerprintNewDocuments(db, settings.minChars, options);
  if (fingerprinted === null) return report(0, 0, {}, true);
  if (!compareAll && !hasUncheckedFingerprints(db)) {
    if (last?.threshold !== settings.threshold || last.containment !== settings.containment) {
      saveDuplicateSettings(db, { ...settings, scheme: FINGERPRINT_SCHEME });
    }
    return report(fingerprinted, 0, {}, false);
  }

  options.onProgress?.({ phase: 'comparing', done: 0, total: 1 });
  await yieldToEventLoop();
  const { passages, documents, sentences, newDocumentIds } = loadItems(db, compareAll);
  const passagePairs = candidatePairs(passages.keys, passages.isNew, BANDS);
  const documentPairs = candidatePairs(documents.keys, documents.isNew, BANDS);
  const anchored = anchorPairs(passages, passages.anchorStart ?? new Uint32Array(1), passages.anchors ?? new Uint32Array(0), SET_HASH_WORDS);
  await yieldToEventLoop();
  const links = await verifyCandidates(db, {
    passages,
    passagePairs,
    documents,
    documentPairs,
    anchorPairs: anchored,
    threshold: settings.threshold,
    containment: settings.containment,
    signal: options.signal,
    onProgress: (done, total) => options.onProgress?.({ phase: 'comparing', done, total }),
  });
  if (links === null) return report(fingerprinted, 0, {}, true);

  const passagePlace = (item: number): ItemPlace => ({
    documentId: passages.documentIds[item] as number,
    startCp: passages.startCp[item] as number,
    endCp: passages.endCp[item] as number,
  });
  const contained = withoutRepeatedSentences(links.contained, passages, sentences);
  // The passage step fills in the cluster of each passage it links; sentences and containment count copies by it.
  const passageClusters: PassageClusters = { linked: new Float64Array(passages.count), newMayBeStored: compareAll || refingerprint };
  const outcomes: Partial<Record<DuplicateKind, LinkOutcome>> = {};
  let total = links.passages.count + links.documents.count + contained.count;
  let done = 0;
  options.onProgress?.({ phase: 'linking', done, total });
  // Passages first: whether a repeated sentence says anything new depends on the passage clusters.
  const steps: readonly [DuplicateKind, () => Promise<LinkOutcome | null>][] = [
    ['passage', () => linkClusters(db, 'passage', links.passages, passagePlace, options.signal, passageClusters.linked)],
    [
      'sentence',
      () => {
        const found = sentenceLinks(db, sentences, passages, passageClusters);
        total += found.count;
        const place = (item: number): ItemPlace => ({
          documentId: sentences.documentIds[item] as number,
          startCp: sentences.startCp[item] as number,
          endCp: sentences.endCp[item] as number,
        });
        return linkClusters(db, 'sentence', found, place, options.signal);
      },
    ],
    ['contained', () => linkContained(db, contained, passages, passageClusters, options.signal)],
    [
      'document',
      () =>
        linkClusters(
          db,
          'document',
          links.documents,
          (item) => {
            const documentId = documents.documentIds[item] as number;
            return { documentId, startCp: 0, endCp: documentLengthCp(db, documentId) ?? 0 };
          },
          options.signal,
        ),
    ],
  ];
  for (const [kind, step] of steps) {
    const outcome = await step();
    if (outcome === null) return report(fingerprinted, 0, outcomes, true);
    outcomes[kind] = outcome;
    done += kind === 'passage' ? links.passages.count : kind === 'document' ? links.documents.count : kind === 'contained' ? contained.count : 0;
    options.onProgress?.({ phase: 'linking', done, total });
  }
  writeTransaction(db, () => {
    markFingerprintsChecked(db, newDocumentIds);
    saveDuplicateSettings(db, { ...settings, scheme: FINGERPRINT_SCHEME });
  })();
  options.onProgress?.({ phase: 'linking', done: total, total });
  optimizeAfterBulkWork(db);
  return report(fingerprinted, newDocumentIds.length, outcomes, false);
}

/** Fingerprints every document that has none yet; returns how many, or null when cancelled. */
async function fingerprintNewDocuments(db: Db, minChars: number, options: DetectOptions): Promise<number | null> {
  const batch = options.batchDocuments ?? 1000;
  const ids = documentIdsWithoutFingerprint(db);
  const fingerprinter = new Fingerprinter(minChars);
  const save = writeTransaction(db, (prints: ReturnType<Fingerprinter['fingerprint']>[]) => {
    for (const print of prints) saveFingerprint(db, print.documentId, print.passages, print.documentBands, print.sentences);
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
