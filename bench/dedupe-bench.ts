/**
 * Duplicate detection benchmark: time and peak memory of a first run over
 * 10,000, 30,000 and 100,000 generated documents (each in its own child
 * process), recall and precision against an exact all-pairs computation, and
 * the incremental check of 1,000 documents added to the largest project.
 * Sentences repeated inside other paragraphs and passages contained in longer
 * ones are scored on their own, against exact computations of each.
 * Then the same first run over the stock corpus (most paragraphs drawn from a
 * pool of 150, so a passage recurs in hundreds or thousands of documents) at
 * the same sizes, for how time grows when identical copies pile up.
 * Writes its own section of docs/benchmarks.md.
 *
 * Run alone: `npx tsx bench/dedupe-bench.ts [--quick] [--stock]` (--quick:
 * 10,000 documents only, and 10,000 and 30,000 of the stock corpus; --stock:
 * only the stock corpus, rewriting only its part of the section).
 * `npm run bench` runs it too.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DUPLICATE_CONTAINMENT, DEFAULT_DUPLICATE_MIN_CHARS, DEFAULT_DUPLICATE_THRESHOLD } from '../src/shared/model.js';
import { BANDS, HASHES, ROWS, SHINGLE_WORDS } from '../src/main/dedupe/minhash.js';
import { openProject } from '../src/main/store/connection.js';
import type { DedupeChildResult } from './dedupe-child.js';
import { ensureDedupeProject, ensureStockProject, STOCK_POOL, type DedupeManifest, type StockPlanted } from './dedupe-corpus.js';
import {
  distinctSets,
  readItemSets,
  readSentenceTruth,
  scoreClusters,
  scoreContained,
  scoreGroupedClusters,
  scoreSentences,
  similarPairs,
  storedClustersOf,
  type PairScore,
} from './dedupe-truth.js';
import { log, mb, runChild, secondsSince } from './measure.js';
import { describeMachine, replaceSection } from './report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRATCH = join(ROOT, '.bench');
const REPORT = join(ROOT, 'docs', 'benchmarks.md');
const SEED = 20240601;
const EXTRA_DOCUMENTS = 1000;

const START = '<!-- bench:dedupe:start -->';
const END = '<!-- bench:dedupe:end -->';
const STOCK_START = '<!-- bench:dedupe-stock:start -->';
const STOCK_END = '<!-- bench:dedupe-stock:end -->';

/** Targets the section checks against. */
export const DEDUPE_TARGETS = {
  seconds100k: 60,
  peakRssMb: 1000,
  incrementalSeconds: 3,
  recall: 0.95,
  precision: 0.95,
} as const;

export interface SizeResult {
  readonly docs: number;
  readonly manifest: DedupeManifest;
  readonly run: DedupeChildResult;
  readonly passages: PairScore;
  readonly documents: PairScore;
  /** Identical sentences in different paragraphs. */
  readonly sentences: PairScore;
  /** Passages at least the containment share inside longer ones. */
  readonly contained: PairScore;
  readonly truthSeconds: number;
  readonly passageItems: number;
  readonly documentItems: number;
  readonly sentenceItems: number;
}

export interface DedupeBenchResults {
  readonly date: string;
  readonly sqliteVersion: string;
  readonly quick: boolean;
  readonly sizes: readonly SizeResult[];
  readonly incremental: { readonly docs: number; readonly added: number; readonly run: DedupeChildResult };
  readonly stock: StockBenchResults;
}

export interface StockSizeResult {
  readonly docs: number;
  readonly manifest: DedupeManifest<StockPlanted>;
  readonly run: DedupeChildResult;
  readonly passages: PairScore;
  readonly documents: PairScore;
  readonly truthSeconds: number;
  readonly passageItems: number;
  /** Passages left once identical ones are counted once. */
  readonly distinctPassages: number;
  readonly documentItems: number;
  /** SHA-256 of every stored cluster with its members and similarities, to compare two versions of detection. */
  readonly digest: string;
}

export interface StockBenchResults {
  readonly date: string;
  readonly sqliteVersion: string;
  readonly quick: boolean;
  readonly sizes: readonly StockSizeResult[];
}

async function measureSize(docs: number, withIncremental: boolean): Promise<{ size: SizeResult; incremental?: DedupeChildResult }> {
  const project = ensureDedupeProject(SCRATCH, docs, EXTRA_DOCUMENTS, SEED);
  log(`dedupe ${docs}: first run in a child process`);
  const run = await runChild<DedupeChildResult>(join(ROOT, 'bench', 'dedupe-child.ts'), ['full', project.path]);
  log(`dedupe ${docs}: ${run.seconds.toFixed(1)} s, peak RSS ${run.peakRssMb.toFixed(0)} MB, ${run.report.totals.clusters} clusters`);

  const started = performance.now();
  const db = openProject(project.path, { mustExist: true });
  const items = readItemSets(db, run.report.minChars);
  const passageTruth = similarPairs(items.passages.sets, run.report.threshold);
  const documentTruth = similarPairs(items.documents.sets, run.report.threshold);
  const passages = scoreClusters(passageTruth, storedClustersOf(db, 'passage', items.passages));
  const documents = scoreClusters(documentTruth, storedClustersOf(db, 'document', items.documents));
  const sentenceData = readSentenceTruth(db, run.report.minChars);
  if (sentenceData.passageKeys.length !== items.passages.keys.length) throw new Error('the sentence truth reads other passages than the pair truth');
  const sentences = scoreSentences(db, sentenceData);
  const contained = scoreContained(db, sentenceData, items.passages.sets, run.report.threshold, run.report.containment);
  db.close();
  const truthSeconds = secondsSince(started);
  log(
    `dedupe ${docs}: exact pairs in ${truthSeconds.toFixed(1)} s; passages recall ${passages.recall.toFixed(4)} precision ${passages.precision.toFixed(4)} ` +
      `(${passages.truePairs} pairs); documents recall ${documents.recall.toFixed(4)} precision ${documents.precision.toFixed(4)} (${documents.truePairs} pairs); ` +
      `sentences recall ${sentences.recall.toFixed(4)} precision ${sentences.precision.toFixed(4)} (${sentences.truePairs} pairs); ` +
      `contained recall ${contained.recall.toFixed(4)} precision ${contained.precision.toFixed(4)} (${contained.truePairs} pairs)`,
  );
  const size: SizeResult = {
    docs,
    manifest: project.manifest,
    run,
    passages,
    documents,
    sentences,
    contained,
    truthSeconds,
    passageItems: items.passages.sets.length,
    documentItems: items.documents.sets.length,
    sentenceItems: sentenceData.sentenceKeys.length,
  };
  if (!withIncremental) return { size };
  log(`dedupe ${docs}: adding ${EXTRA_DOCUMENTS} documents and checking them in a child process`);
  const incremental = await runChild<DedupeChildResult>(join(ROOT, 'bench', 'dedupe-child.ts'), ['incremental', project.path, project.extraPath]);
  log(`dedupe ${docs} + ${EXTRA_DOCUMENTS}: ${incremental.seconds.toFixed(2)} s, ${incremental.report.added.passages} passages linked`);
  return { size, incremental };
}

/** Measures every size; the incremental check runs on the largest. */
export async function runDedupeBench(options: { readonly quick: boolean }): Promise<DedupeBenchResults> {
  mkdirSync(SCRATCH, { recursive: true });
  const sizes = options.quick ? [10_000] : [10_000, 30_000, 100_000];
  const results: SizeResult[] = [];
  let incremental: DedupeChildResult | undefined;
  for (const docs of sizes) {
    const measured = await measureSize(docs, docs === sizes[sizes.length - 1]);
    results.push(measured.size);
    incremental = measured.incremental ?? incremental;
  }
  if (!incremental) throw new Error('the incremental check did not run');
  const stock = await runStockBench(options);
  return {
    date: new Date().toISOString(),
    sqliteVersion: sqliteVersion(),
    quick: options.quick,
    sizes: results,
    incremental: { docs: sizes[sizes.length - 1] as number, added: EXTRA_DOCUMENTS, run: incremental },
    stock,
  };
}

/** The first run over the stock corpus at each size, scored with identical passages counted by multiplication. */
export async function runStockBench(options: { readonly quick: boolean }): Promise<StockBenchResults> {
  mkdirSync(SCRATCH, { recursive: true });
  const sizes = options.quick ? [10_000, 30_000] : [10_000, 30_000, 100_000];
  const results: StockSizeResult[] = [];
  for (const docs of sizes) {
    const project = ensureStockProject(SCRATCH, docs, 0, SEED);
    log(`dedupe stock ${docs}: first run in a child process`);
    const run = await runChild<DedupeChildResult>(join(ROOT, 'bench', 'dedupe-child.ts'), ['full', project.path]);
    log(`dedupe stock ${docs}: ${run.seconds.toFixed(1)} s, peak RSS ${run.peakRssMb.toFixed(0)} MB, ${run.report.totals.clusters} clusters`);
    const started = performance.now();
    const db = openProject(project.path, { mustExist: true });
    const digest = clustersDigest(db);
    const items = readItemSets(db, run.report.minChars);
    const distinctPassages = distinctSets(items.passages.sets);
    const distinctDocuments = distinctSets(items.documents.sets);
    const passages = scoreGroupedClusters(
      similarPairs(distinctPassages.sets, run.report.threshold),
      distinctPassages,
      storedClustersOf(db, 'passage', items.passages),
    );
    const documents = scoreGroupedClusters(
      similarPairs(distinctDocuments.sets, run.report.threshold),
      distinctDocuments,
      storedClustersOf(db, 'document', items.documents),
    );
    db.close();
    const truthSeconds = secondsSince(started);
    log(
      `dedupe stock ${docs}: clusters ${digest.slice(0, 16)}; passages recall ${passages.recall.toFixed(4)} precision ${passages.precision.toFixed(4)}; ` +
        `documents recall ${documents.recall.toFixed(4)} precision ${documents.precision.toFixed(4)} (scored in ${truthSeconds.toFixed(1)} s)`,
    );
    results.push({
      docs,
      manifest: project.manifest,
      run,
      passages,
      documents,
      truthSeconds,
      passageItems: items.passages.sets.length,
      distinctPassages: distinctPassages.sets.length,
      documentItems: items.documents.sets.length,
      digest,
    });
  }
  return { date: new Date().toISOString(), sqliteVersion: sqliteVersion(), quick: options.quick, sizes: results };
}

/** A digest of every stored cluster (members, their similarities, the cluster's), independent of cluster ids and order. */
function clustersDigest(db: Database.Database): string {
  const rows = db
    .prepare(
      `SELECT c.id AS id, c.kind AS kind, c.similarity AS similarity, m.document_id AS documentId, m.start_cp AS startCp, m.end_cp AS endCp,
         m.similarity AS memberSimilarity
       FROM duplicate_clusters c JOIN duplicate_members m ON m.cluster_id = c.id ORDER BY c.id, m.document_id, m.start_cp`,
    )
    .all() as { id: number; kind: string; similarity: number; documentId: number; startCp: number; endCp: number; memberSimilarity: number }[];
  const clusters = new Map<number, string[]>();
  for (const row of rows) {
    let lines = clusters.get(row.id);
    if (!lines) {
      lines = [`${row.kind} ${row.similarity}`];
      clusters.set(row.id, lines);
    }
    lines.push(`${row.documentId}:${row.startCp}:${row.endCp}:${row.memberSimilarity}`);
  }
  const canonical = [...clusters.values()].map((lines) => lines.join(' ')).sort();
  return createHash('sha256').update(canonical.join('\n')).digest('hex');
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  const version = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return version;
}

function passFail(ok: boolean): string {
  return ok ? 'pass' : '**fail**';
}

const count = (value: number): string => value.toLocaleString('en-US');

/** The markdown of the section, markers included. */
export function renderDedupeSection(results: DedupeBenchResults): string {
  const largest = results.sizes[results.sizes.length - 1] as SizeResult;
  const smallest = results.sizes[0] as SizeResult;
  const perThousand = (size: SizeResult): number => (size.run.seconds / size.docs) * 1000;
  const growth = perThousand(largest) / perThousand(smallest);
  const rows: string[][] = [];
  for (const size of results.sizes) {
    const is100k = size.docs === 100_000;
    rows.push([
      `First run, ${count(size.docs)} documents (${mb(size.manifest.bytes).toFixed(0)} MB)`,
      `${size.run.seconds.toFixed(1)} s (${perThousand(size).toFixed(2)} s per 1,000); CPU ${size.run.cpuSeconds.toFixed(1)} s`,
      is100k ? `≤ ${DEDUPE_TARGETS.seconds100k} s` : '–',
      is100k ? passFail(size.run.seconds <= DEDUPE_TARGETS.seconds100k) : '–',
    ]);
    rows.push([
      `Peak RSS, ${count(size.docs)} documents`,
      `${size.run.peakRssMb.toFixed(0)} MB`,
      `≤ ${DEDUPE_TARGETS.peakRssMb} MB`,
      passFail(size.run.peakRssMb <= DEDUPE_TARGETS.peakRssMb),
    ]);
    for (const [what, score] of [
      ['passage', size.passages],
      ['document', size.documents],
    ] as const) {
      rows.push([
        `Recall, ${what} pairs at J ≥ ${size.run.report.threshold}, ${count(size.docs)} documents`,
        `${score.recall.toFixed(4)} (${count(score.found)} of ${count(score.truePairs)})`,
        `≥ ${DEDUPE_TARGETS.recall}`,
        passFail(score.recall >= DEDUPE_TARGETS.recall),
      ]);
      rows.push([
        `Precision, ${what} pairs, ${count(size.docs)} documents`,
        `${score.precision.toFixed(4)} (${count(score.found)} of ${count(score.clusteredPairs)} same-cluster pairs)`,
        `≥ ${DEDUPE_TARGETS.precision}`,
        passFail(score.precision >= DEDUPE_TARGETS.precision),
      ]);
    }
    for (const [what, score] of [
      ['sentence pairs (the same words, in different paragraphs)', size.sentences],
      [`contained pairs (share ≥ ${size.run.report.containment}, J < ${size.run.report.threshold})`, size.contained],
    ] as const) {
      rows.push([
        `Recall / precision, ${what}, ${count(size.docs)} documents`,
        `${score.recall.toFixed(4)} / ${score.precision.toFixed(4)} (${count(score.found)} of ${count(score.truePairs)} pairs; ` +
          `${count(score.clusteredPairs)} linked)`,
        `≥ ${DEDUPE_TARGETS.recall} / ≥ ${DEDUPE_TARGETS.precision}`,
        passFail(score.recall >= DEDUPE_TARGETS.recall && score.precision >= DEDUPE_TARGETS.precision),
      ]);
    }
  }
  if (results.sizes.length > 1) {
    rows.push([
      `Time growth, ${count(smallest.docs)} → ${count(largest.docs)} documents`,
      `${growth.toFixed(2)}× the time per document`,
      'near-linear',
      passFail(growth <= 1.5),
    ]);
  }
  const incremental = results.incremental;
  rows.push([
    `Incremental: ${count(incremental.added)} documents added to ${count(incremental.docs)}`,
    `${incremental.run.seconds.toFixed(2)} s`,
    `≤ ${DEDUPE_TARGETS.incrementalSeconds} s`,
    passFail(incremental.run.seconds <= DEDUPE_TARGETS.incrementalSeconds),
  ]);
  const table = ['| Measurement | Result | Target | Pass/fail |', '| --- | --- | --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)];
  const planted = largest.manifest.planted;
  const phases = (run: DedupeChildResult): string =>
    Object.entries(run.phases)
      .map(([phase, seconds]) => `${phase} ${seconds.toFixed(1)} s`)
      .join(', ');
  const lines = [
    START,
    '## Duplicate detection',
    '',
    `Run on ${results.date} with \`npx tsx bench/dedupe-bench.ts${results.quick ? ' --quick' : ''}\` (also part of \`npm run bench\`).`,
    '',
    ...describeMachine(results.sqliteVersion),
    `- Corpus: generated health-news documents (seed ${SEED}); in the ${count(largest.docs)}-document project, planted ` +
      `${count(planted.repeatedParagraphs)} repeated paragraphs, ${count(planted.editedParagraphs)} paragraphs repeated with 1–3 words changed, ` +
      `${count(planted.teasers)} teasers (a paragraph cut short), ${count(planted.syndicatedDocuments)} syndicated articles (new headline, ` +
      `a few words changed), ${count(planted.footers)} copies of one stock footer, ${count(planted.strayCharacters)} stray characters in copies, ` +
      `${count(planted.captions)} photo captions, ${count(planted.spamLines)} spam lines, ${count(planted.crlfDocuments)} CRLF documents, ` +
      `${count(planted.quotedSentences ?? 0)} sentences of earlier paragraphs quoted inside new ones, ${count(planted.headlineLeads ?? 0)} headlines ` +
      'repeated in their lead with a few words added.',
    `- Settings: threshold ${DEFAULT_DUPLICATE_THRESHOLD}, containment ${DEFAULT_DUPLICATE_CONTAINMENT}, passages and sentences of at least ` +
      `${DEFAULT_DUPLICATE_MIN_CHARS} characters; ` +
      `${SHINGLE_WORDS}-word shingles, ${HASHES} MinHash values in ${BANDS} bands of ${ROWS} rows.`,
    '',
    ...table,
    '',
    `- Each run is a child process on a project nobody checked before; time is \`detectDuplicates\` from start to end ` +
      `(fingerprints written, candidates verified, clusters stored), with the CPU time (user and system) of the child beside it, as the ` +
      `machine may be shared. By phase at ${count(largest.docs)}: ${phases(largest.run)}.`,
    `- ${count(largest.docs)} documents: ${count(largest.passageItems)} passages, ${count(largest.sentenceItems)} sentences and ` +
      `${count(largest.documentItems)} documents compared; ` +
      `${count(largest.run.report.totals.passageClusters)} passage clusters holding ${count(largest.run.report.totals.passages)} passages, ` +
      `${count(largest.run.report.totals.sentenceClusters)} sentence clusters holding ${count(largest.run.report.totals.sentences)} sentences, ` +
      `${count(largest.run.report.totals.containedClusters)} 'contained in' clusters holding ${count(largest.run.report.totals.containedMembers)} passages, ` +
      `${count(largest.run.report.totals.documentClusters)} document clusters.`,
    '- Sentences and contained passages count by group, as detection counts them: a passage in a passage cluster is of that ' +
      "cluster's group (its copies), any other passage a group of its own, and a sentence is of its paragraph's group. Sentence " +
      "and 'contained in' clusters hold one member per group, so a true pair counts as found when its two groups are linked, or " +
      'are one group (the passage cluster tells of the pair already).',
    '- Sentences: a true pair is two sentences with the same words (case and punctuation folded) in different paragraphs, both of at least ' +
      'the minimum length, split by the rules detection uses; it is found when one sentence cluster holds a sentence of each of their groups, ' +
      'or when their paragraphs share a passage cluster. Precision: the share of pairs in one sentence cluster with the same words; "linked" ' +
      'counts those pairs.',
    '- Contained: a true pair is two distinct passages where the smaller lies at least the containment share inside the larger (shingles), ' +
      'their Jaccard similarity stays below the threshold, and the larger adds at least twice what the smaller has of its own; found by an ' +
      'overlap join with prefix filtering, less pairs where the shorter is a sentence of the longer (linked as a sentence), copies of a ' +
      "passage counted once. Each 'contained in' cluster links the group of its shortest member with the group of each other member; a true " +
      'pair is found when their groups are linked or one. Precision: the share of linked pairs of groups ("linked") that hold a true pair.',
    '- Recall: the share of pairs at or above the threshold (exact Jaccard of the same shingle sets, all pairs, by a prefix-filtered ' +
      `similarity join) that ended in one cluster. Precision: the share of pairs in one cluster that are such pairs; a pair joined only ` +
      `through a chain of links counts against it. The exact computation took ${results.sizes.map((size) => `${size.truthSeconds.toFixed(0)} s`).join(', ')}.`,
    `- Incremental: the ${count(incremental.added)} documents are made by the same generator after the project's (so they copy its recent ` +
      `paragraphs and articles), inserted without timing, then checked: ${phases(incremental.run)}; ` +
      `${count(incremental.run.report.added.passages)} passages and ${count(incremental.run.report.added.documentMembers)} documents linked, ` +
      `peak RSS ${incremental.run.peakRssMb.toFixed(0)} MB.`,
    '- Time growth compares the time per document at the largest size with the smallest; pass means at most 1.5×.',
    '',
    renderStockSection(results.stock),
    END,
  ];
  return lines.join('\n');
}

/** The markdown of the stock corpus's part of the section, its own markers included. */
export function renderStockSection(results: StockBenchResults): string {
  const smallest = results.sizes[0] as StockSizeResult;
  const largest = results.sizes[results.sizes.length - 1] as StockSizeResult;
  const perThousand = (size: StockSizeResult): number => (size.run.seconds / size.docs) * 1000;
  const cpuPerThousand = (size: StockSizeResult): number => (size.run.cpuSeconds / size.docs) * 1000;
  const rows: string[][] = [];
  for (const size of results.sizes) {
    rows.push([
      `First run, ${count(size.docs)} documents (${mb(size.manifest.bytes).toFixed(0)} MB)`,
      `${size.run.seconds.toFixed(1)} s (${perThousand(size).toFixed(2)} s per 1,000); CPU ${size.run.cpuSeconds.toFixed(1)} s`,
      '–',
      '–',
    ]);
    if (size !== smallest) {
      const growth = perThousand(size) / perThousand(smallest);
      rows.push([
        `Time growth, ${count(smallest.docs)} → ${count(size.docs)} documents`,
        `${growth.toFixed(2)}× the time per document (CPU ${(cpuPerThousand(size) / cpuPerThousand(smallest)).toFixed(2)}×)`,
        '≤ 1.5×',
        passFail(growth <= 1.5),
      ]);
    }
    for (const [what, score] of [
      ['passage', size.passages],
      ['document', size.documents],
    ] as const) {
      rows.push([
        `Recall / precision, ${what} pairs at J ≥ ${size.run.report.threshold}, ${count(size.docs)} documents`,
        `${score.recall.toFixed(4)} / ${score.precision.toFixed(4)} (${count(score.found)} of ${count(score.truePairs)} pairs; ` +
          `${count(score.clusteredPairs)} same-cluster)`,
        `≥ ${DEDUPE_TARGETS.recall} / ≥ ${DEDUPE_TARGETS.precision}`,
        passFail(score.recall >= DEDUPE_TARGETS.recall && score.precision >= DEDUPE_TARGETS.precision),
      ]);
    }
  }
  const planted = largest.manifest.planted;
  const phases = Object.entries(largest.run.phases)
    .map(([phase, seconds]) => `${phase} ${seconds.toFixed(1)} s`)
    .join(', ');
  const lines = [
    STOCK_START,
    '### Passages repeated in thousands of documents',
    '',
    `Run on ${results.date}${results.quick ? ' (quick)' : ''}. A generated archive of one site (seed ${SEED}) that writes from a stock of ` +
      `${STOCK_POOL} sentences: each document is a headline and two to eight paragraphs of one, two or three stock sentences (each as likely), ` +
      `so a one-sentence paragraph recurs in hundreds of documents at 10,000 and thousands at 100,000; 2% of documents rerun a recent one ` +
      `under a new headline. In the ${count(largest.docs)}-document project: ${count(planted.oneSentenceParagraphs)} one-sentence paragraphs, ` +
      `${count(planted.longerParagraphs)} longer ones, ${count(planted.rerunDocuments)} reruns.`,
    '',
    '| Measurement | Result | Target | Pass/fail |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    `- By phase at ${count(largest.docs)}: ${phases}; ${count(largest.passageItems)} passages (${count(largest.distinctPassages)} distinct) and ` +
      `${count(largest.documentItems)} documents compared; ${count(largest.run.report.totals.passageClusters)} passage clusters holding ` +
      `${count(largest.run.report.totals.passages)} passages, ${count(largest.run.report.totals.documentClusters)} document clusters; ` +
      `peak RSS ${largest.run.peakRssMb.toFixed(0)} MB.`,
    `- Sentences and containment: every stock sentence recurs in paragraphs of many passage clusters, and every paragraph of two stock ` +
      'sentences lies inside paragraphs of three. Sentence and \'contained in\' clusters count the copies in one passage cluster once ' +
      '(one member per group of copies, one \'contained in\' cluster per group of contained passages), so what remains grows with the ' +
      'paragraphs of three sentences, which rarely repeat: ' +
      results.sizes
        .map(
          (size) =>
            `at ${count(size.docs)}, ${count(size.run.report.totals.sentences)} sentences in ${count(size.run.report.totals.sentenceClusters)} ` +
            `sentence clusters and ${count(size.run.report.totals.containedMembers)} passages in ${count(size.run.report.totals.containedClusters)} ` +
            `'contained in' clusters`,
        )
        .join('; ') +
      '. Members are written a transaction of about 100,000 at a time, in document order within each.',
    '- Pairs are scored as above, with identical passages gathered first and their pairs counted by multiplication ' +
      `(a paragraph in 1,500 documents makes over a million pairs); the exact computation took ${results.sizes.map((size) => `${size.truthSeconds.toFixed(0)} s`).join(', ')}.`,
    '- Time growth compares the time per document at each size with the smallest; CPU time (user and system, of the child process) ' +
      'is given beside the wall time because the machine may be shared.',
    STOCK_END,
  ];
  return lines.join('\n');
}

/** Replaces the stock corpus's part of the duplicate-detection section, placing it at the section's end the first time. */
export function writeStockSection(path: string, section: string): void {
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '';
  if (!existing.includes(STOCK_START) && existing.includes(END)) {
    writeFileSync(path, existing.replace(END, `${section}\n${END}`));
    return;
  }
  replaceSection(path, 'dedupe-stock', section);
}

/** Replaces the duplicate-detection section of `path` (or appends it). */
export function writeDedupeSection(path: string, section: string): void {
  replaceSection(path, 'dedupe', section);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--quick' && arg !== '--stock');
  if (unknown.length > 0) throw new Error(`unknown option ${unknown[0]} (options: --quick, --stock)`);
  if (args.includes('--stock')) {
    const stock = await runStockBench({ quick: args.includes('--quick') });
    writeFileSync(join(SCRATCH, `dedupe-stock-results${stock.quick ? '-quick' : ''}.json`), `${JSON.stringify(stock, null, 2)}\n`);
    writeStockSection(REPORT, renderStockSection(stock));
    log(`report: wrote the stock corpus's part of the duplicate-detection section of ${REPORT}`);
    return;
  }
  const results = await runDedupeBench({ quick: args.includes('--quick') });
  writeFileSync(join(SCRATCH, `dedupe-results${results.quick ? '-quick' : ''}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeDedupeSection(REPORT, renderDedupeSection(results));
  log(`report: wrote the duplicate-detection section of ${REPORT}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
