/**
 * Throughput of recogniseText on the synthetic corpus, on one core: every
 * document is read and its noise found first (not timed), then each is
 * recognised with its noise as skip ranges, three times; the best pass counts.
 * `npx tsx bench/suggest-bench.ts [--docs N]` (10,000 by default; also part of
 * `npm run bench`).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findNoise } from '../src/main/import/noise.js';
import { recogniseText } from '../src/main/suggest/recognise.js';
import { ensureCorpus } from './generate-corpus.js';
import { log, mb, parseDocs, peakRssMb } from './measure.js';
import { describeMachine, writeNamedSection } from './report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRATCH = join(ROOT, '.bench');
const REPORT = join(ROOT, 'docs', 'benchmarks.md');
const SEED = 20240601;
const PASSES = 3;

/** Megabytes of text per second per core that the recognisers must reach. */
export const SUGGEST_TARGET_MB_PER_SECOND = 5;

export interface SuggestBenchResult {
  readonly date: string;
  readonly docs: number;
  readonly bytes: number;
  readonly passSeconds: readonly number[];
  readonly mbPerSecond: number;
  readonly candidates: Readonly<Record<string, number>>;
  readonly peakRssMb: number;
}

function filesUnder(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder).sort()) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) files.push(...filesUnder(path));
    else files.push(path);
  }
  return files;
}

/** Measures recogniseText over the corpus of `docs` documents (made if missing). */
export function runSuggestBench(docs: number): SuggestBenchResult {
  const corpus = ensureCorpus({ docs, seed: SEED, scratch: SCRATCH }, log);
  const documents = filesUnder(corpus.folder).map((path) => {
    const text = readFileSync(path, 'utf8');
    return { text, skip: findNoise(text) };
  });
  const bytes = documents.reduce((sum, document) => sum + Buffer.byteLength(document.text, 'utf8'), 0);
  log(`suggest: ${documents.length} documents, ${mb(bytes).toFixed(1)} MB in memory`);
  const passSeconds: number[] = [];
  const candidates: Record<string, number> = {};
  for (let pass = 0; pass < PASSES; pass++) {
    const started = performance.now();
    for (const document of documents) {
      const found = recogniseText(document.text, { skip: document.skip });
      if (pass === 0) for (const candidate of found) candidates[candidate.label] = (candidates[candidate.label] ?? 0) + 1;
    }
    passSeconds.push((performance.now() - started) / 1000);
    log(`suggest: pass ${pass + 1}: ${(mb(bytes) / (passSeconds[pass] as number)).toFixed(1)} MB/s`);
  }
  const best = Math.min(...passSeconds);
  return { date: new Date().toISOString(), docs: documents.length, bytes, passSeconds, mbPerSecond: mb(bytes) / best, candidates, peakRssMb: peakRssMb() };
}

/** The section's lines, markers excluded. */
export function renderSuggestSection(result: SuggestBenchResult): string[] {
  const pass = result.mbPerSecond >= SUGGEST_TARGET_MB_PER_SECOND ? 'pass' : '**fail**';
  const counts = Object.entries(result.candidates)
    .sort()
    .map(([label, count]) => `${label} ${count.toLocaleString('en-US')}`)
    .join(', ');
  return [
    '## Suggestions: recogniser throughput',
    '',
    `Run on ${result.date} with \`npx tsx bench/suggest-bench.ts --docs ${result.docs}\` (also part of \`npm run bench\`).`,
    '',
    ...describeMachine('').filter((line) => !line.startsWith('- SQLite')),
    `- Corpus: ${result.docs.toLocaleString('en-US')} synthetic documents (seed ${SEED}), ${mb(result.bytes).toFixed(1)} MB of UTF-8, read into memory with their noise marks before timing.`,
    '',
    '| Measurement | Result | Target | Pass/fail |',
    '| --- | --- | --- | --- |',
    `| \`recogniseText\` throughput, one core (best of ${PASSES} passes) | ${result.mbPerSecond.toFixed(1)} MB/s | ≥ ${SUGGEST_TARGET_MB_PER_SECOND} MB/s | ${pass} |`,
    `| Peak RSS (corpus held in memory) | ${result.peakRssMb.toFixed(0)} MB | – | – |`,
    '',
    `- Passes: ${result.passSeconds.map((seconds) => `${seconds.toFixed(2)} s`).join(', ')}. Proposals in one pass: ${counts}.`,
    '- All four labels, default options, noise marks as skip ranges, no gazetteer. MB are 10^6 bytes of UTF-8.',
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = runSuggestBench(parseDocs(process.argv.slice(2)));
  writeNamedSection(REPORT, 'suggest', renderSuggestSection(result));
  log(`report: wrote the suggestions section of ${REPORT}`);
}
