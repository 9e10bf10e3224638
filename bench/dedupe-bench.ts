/**
 * Duplicate detection benchmark: time and peak memory of a first run over
 * 10,000, 30,000 and 100,000 generated documents (each in its own child
 * process), recall and precision against an exact all-pairs computation, and
 * the incremental check of 1,000 documents added to the largest project.
 * Writes its own section of docs/benchmarks.md.
 *
 * Run alone: `npx tsx bench/dedupe-bench.ts [--quick]` (--quick: 10,000 documents only).
 * `npm run bench` runs it too.
 */
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DUPLICATE_MIN_CHARS, DEFAULT_DUPLICATE_THRESHOLD } from '../src/shared/model.js';
import { BANDS, HASHES, ROWS, SHINGLE_WORDS } from '../src/main/dedupe/minhash.js';
import { openProject } from '../src/main/store/connection.js';
import type { DedupeChildResult } from './dedupe-child.js';
import { ensureDedupeProject, type DedupeManifest } from './dedupe-corpus.js';
import { readItemSets, scoreClusters, similarPairs, storedClustersOf, type PairScore } from './dedupe-truth.js';
import { log, mb, runChild, secondsSince } from './measure.js';
import { describeMachine, replaceSection } from './report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRATCH = join(ROOT, '.bench');
const REPORT = join(ROOT, 'docs', 'benchmarks.md');
const SEED = 20240601;
const EXTRA_DOCUMENTS = 1000;

const START = '<!-- bench:dedupe:start -->';
const END = '<!-- bench:dedupe:end -->';

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
  readonly truthSeconds: number;
  readonly passageItems: number;
  readonly documentItems: number;
}

export interface DedupeBenchResults {
  readonly date: string;
  readonly sqliteVersion: string;
  readonly quick: boolean;
  readonly sizes: readonly SizeResult[];
  readonly incremental: { readonly docs: number; readonly added: number; readonly run: DedupeChildResult };
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
  db.close();
  const truthSeconds = secondsSince(started);
  log(
    `dedupe ${docs}: exact pairs in ${truthSeconds.toFixed(1)} s; passages recall ${passages.recall.toFixed(4)} precision ${passages.precision.toFixed(4)} ` +
      `(${passages.truePairs} pairs); documents recall ${documents.recall.toFixed(4)} precision ${documents.precision.toFixed(4)} (${documents.truePairs} pairs)`,
  );
  const size: SizeResult = {
    docs,
    manifest: project.manifest,
    run,
    passages,
    documents,
    truthSeconds,
    passageItems: items.passages.sets.length,
    documentItems: items.documents.sets.length,
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
  return {
    date: new Date().toISOString(),
    sqliteVersion: sqliteVersion(),
    quick: options.quick,
    sizes: results,
    incremental: { docs: sizes[sizes.length - 1] as number, added: EXTRA_DOCUMENTS, run: incremental },
  };
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
      `${size.run.seconds.toFixed(1)} s (${perThousand(size).toFixed(2)} s per 1,000)`,
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
      `${count(planted.captions)} photo captions, ${count(planted.spamLines)} spam lines, ${count(planted.crlfDocuments)} CRLF documents.`,
    `- Settings: threshold ${DEFAULT_DUPLICATE_THRESHOLD}, passages of at least ${DEFAULT_DUPLICATE_MIN_CHARS} characters; ` +
      `${SHINGLE_WORDS}-word shingles, ${HASHES} MinHash values in ${BANDS} bands of ${ROWS} rows.`,
    '',
    ...table,
    '',
    `- Each run is a child process on a project nobody checked before; time is \`detectDuplicates\` from start to end ` +
      `(fingerprints written, candidates verified, clusters stored). By phase at ${count(largest.docs)}: ${phases(largest.run)}.`,
    `- ${count(largest.docs)} documents: ${count(largest.passageItems)} passages and ${count(largest.documentItems)} documents compared; ` +
      `${count(largest.run.report.totals.passageClusters)} passage clusters holding ${count(largest.run.report.totals.passages)} passages, ` +
      `${count(largest.run.report.totals.documentClusters)} document clusters.`,
    '- Recall: the share of pairs at or above the threshold (exact Jaccard of the same shingle sets, all pairs, by a prefix-filtered ' +
      `similarity join) that ended in one cluster. Precision: the share of pairs in one cluster that are such pairs; a pair joined only ` +
      `through a chain of links counts against it. The exact computation took ${results.sizes.map((size) => `${size.truthSeconds.toFixed(0)} s`).join(', ')}.`,
    `- Incremental: the ${count(incremental.added)} documents are made by the same generator after the project's (so they copy its recent ` +
      `paragraphs and articles), inserted without timing, then checked: ${phases(incremental.run)}; ` +
      `${count(incremental.run.report.added.passages)} passages and ${count(incremental.run.report.added.documentMembers)} documents linked, ` +
      `peak RSS ${incremental.run.peakRssMb.toFixed(0)} MB.`,
    '- Time growth compares the time per document at the largest size with the smallest; pass means at most 1.5×.',
    END,
  ];
  return lines.join('\n');
}

/** Replaces the duplicate-detection section of `path` (or appends it). */
export function writeDedupeSection(path: string, section: string): void {
  replaceSection(path, 'dedupe', section);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--quick');
  if (unknown.length > 0) throw new Error(`unknown option ${unknown[0]} (options: --quick)`);
  const results = await runDedupeBench({ quick: args.includes('--quick') });
  writeFileSync(join(SCRATCH, `dedupe-results${results.quick ? '-quick' : ''}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeDedupeSection(REPORT, renderDedupeSection(results));
  log(`report: wrote the duplicate-detection section of ${REPORT}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
