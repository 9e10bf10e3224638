/** Writes the core benchmark section of docs/benchmarks.md, leaving other sections alone. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { dirname } from 'node:path';
import type { ExportChildResult } from './export-child.js';
import type { ImportChildResult } from './import-child.js';
import type { CorpusManifest } from './generate-corpus.js';
import { mb } from './measure.js';
import type { ReferenceResult } from './reference-bench.js';
import type { SearchResult } from './search-bench.js';
import type { SpanSetupResult } from './spans-setup.js';

const START = '<!-- bench:core:start -->';
const END = '<!-- bench:core:end -->';

/** Targets the report checks against. */
export const TARGETS = {
  importMbPerSecond: 25,
  importPeakRssMb: 300,
  searchP95Ms: 20,
  exportJsonlSeconds: 10,
} as const;

/** Everything one run measured. */
export interface BenchResults {
  readonly date: string;
  readonly sqliteVersion: string;
  readonly corpus: CorpusManifest;
  readonly bare: ReferenceResult;
  readonly naiveFts: ReferenceResult;
  readonly importResult: ImportChildResult;
  readonly search: SearchResult;
  readonly spans: SpanSetupResult;
  readonly exports: readonly ExportChildResult[];
}

/** The machine the numbers came from, one line per fact. */
export function describeMachine(sqliteVersion: string): string[] {
  const cpu = cpus();
  return [
    `- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length} cores`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node ${process.version}, ${type()} ${release()}`,
    `- SQLite ${sqliteVersion} (better-sqlite3)`,
  ];
}

function passFail(ok: boolean): string {
  return ok ? 'pass' : '**fail**';
}

function fixed(value: number, digits = 1): string {
  return value.toFixed(digits);
}

function referenceCell(result: ReferenceResult): string {
  const sample = result.sampleFraction < 1 ? ` (first ${Math.round(result.sampleFraction * 100)}% of the corpus)` : '';
  return `${result.name}: ${fixed(result.mbPerSecond)} MB/s${sample}`;
}

/** The markdown of the section, markers included. */
export function renderSection(results: BenchResults): string {
  const { corpus, importResult, search, spans } = results;
  // Documents stored: the import returns, they can be read and tagged; search catches up after.
  const storedSeconds = importResult.importSeconds;
  const importMbps = mb(importResult.bytesRead) / storedSeconds;
  const searchableMbps = mb(importResult.bytesRead) / importResult.seconds;
  const rows: string[][] = [
    [
      'Import throughput (files read ÷ wall time until the import returns; search index built after)',
      `${fixed(importMbps)} MB/s (${fixed(storedSeconds)} s)`,
      `≥ ${TARGETS.importMbPerSecond} MB/s`,
      `${referenceCell(results.bare)}; ${referenceCell(results.naiveFts)}`,
      passFail(importMbps >= TARGETS.importMbPerSecond),
    ],
    [
      'Import until every document is searchable (import + index catch-up + close)',
      `${fixed(searchableMbps)} MB/s (${fixed(importResult.seconds)} s)`,
      `≥ ${TARGETS.importMbPerSecond} MB/s`,
      '–',
      passFail(searchableMbps >= TARGETS.importMbPerSecond),
    ],
    [
      'Import documents/s',
      `${fixed(importResult.filesTotal / storedSeconds, 0)} files/s (${importResult.documentsImported} stored, ${importResult.duplicates} duplicates)`,
      '–',
      `bare insert: ${fixed(results.bare.documentsPerSecond, 0)} docs/s`,
      '–',
    ],
    [
      'Import peak RSS',
      `${fixed(importResult.peakRssMb, 0)} MB`,
      `≤ ${TARGETS.importPeakRssMb} MB`,
      '–',
      passFail(importResult.peakRssMb <= TARGETS.importPeakRssMb),
    ],
    ['Search p50 (200 queries, limit 20)', `${fixed(search.p50Ms, 2)} ms`, '–', '–', '–'],
    [
      'Search p95',
      `${fixed(search.p95Ms, 2)} ms`,
      `≤ ${TARGETS.searchP95Ms} ms`,
      '–',
      passFail(search.p95Ms <= TARGETS.searchP95Ms),
    ],
    ['Search max', `${fixed(search.maxMs, 2)} ms`, '–', '–', '–'],
  ];
  for (const item of results.exports) {
    const target = item.format === 'jsonl' ? `≤ ${TARGETS.exportJsonlSeconds} s` : '–';
    const verdict = item.format === 'jsonl' ? passFail(item.seconds <= TARGETS.exportJsonlSeconds) : '–';
    rows.push([
      `Export ${item.format} (${item.spans.toLocaleString('en-US')} spans)`,
      `${fixed(item.seconds)} s, ${fixed(mb(item.fileBytes), 0)} MB file`,
      target,
      '–',
      verdict,
    ]);
    rows.push([`Export ${item.format} peak RSS`, `${fixed(item.peakRssMb, 0)} MB`, '–', '–', '–']);
  }
  const table = [
    '| Measurement | Result | Target | Reference | Pass/fail |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
  const planted = corpus.planted;
  const kinds = Object.entries(search.byKind)
    .map(([kind, figures]) => `${kind} p50 ${fixed(figures.p50Ms, 2)} / p95 ${fixed(figures.p95Ms, 2)} ms`)
    .join('; ');
  const slowest = search.slowest.map((item) => `\`${item.query}\` ${fixed(item.ms, 1)} ms`).join(', ');
  const noise = Object.entries(importResult.noiseMarks)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const lines = [
    START,
    '## Core: import, search, export',
    '',
    `Run on ${results.date} with \`npm run bench${corpus.docs === 100_000 ? '' : ` -- --docs ${corpus.docs}`}\`.`,
    '',
    ...describeMachine(results.sqliteVersion),
    `- Corpus: ${corpus.docs.toLocaleString('en-US')} synthetic .txt documents, ${fixed(mb(corpus.bytes))} MB, ` +
      `in ${corpus.folders} folders (seed ${corpus.seed}); planted ${planted.exactDuplicates} exact duplicates, ` +
      `${planted.repeatedParagraphs} repeated paragraphs, ${planted.spamLines} spam lines, ` +
      `${planted.strayCharacters} stray characters, ${planted.captions} photo captions, ` +
      `${planted.crlfFiles} CRLF files, ${planted.longDocuments} long (15–60 KB) documents`,
    '',
    ...table,
    '',
    `- Import: ${fixed(importResult.importSeconds)} s in \`importPaths\` (files read, decoded, hashed and noise-marked in a worker ` +
      `thread while the import's thread writes), then ${fixed(importResult.indexSeconds)} s bringing the search index up to date ` +
      `(as \`marginalia import\` does before it exits; the app does it in the background while documents are already open), ` +
      `+ ${fixed(importResult.closeSeconds)} s closing (WAL checkpoint), compiled to JavaScript (no TypeScript loader, as \`marginalia\` runs) in a child process; ${importResult.rejected} files rejected; ` +
      `noise marks found: ${noise || 'none'}.`,
    `- References, same files, same run, same commit sizes as the import (32 MB / 10,000 documents), WAL, synchronous=NORMAL: ` +
      `bare insert into \`(id INTEGER PRIMARY KEY, text TEXT)\` ${fixed(results.bare.seconds)} s ` +
      `(of which reading files ${fixed(results.bare.readSeconds)} s); ` +
      `naive FTS5 (external content, AFTER INSERT trigger) ${fixed(results.naiveFts.seconds)} s for ` +
      `${results.naiveFts.documents.toLocaleString('en-US')} documents.`,
    `- Search by query shape: ${kinds}. ${search.queriesWithHits}/${search.queries} queries had hits. Slowest: ${slowest}.`,
    `- Export setup (not counted): ${spans.spans.toLocaleString('en-US')} accepted spans added to ` +
      `${spans.documents.toLocaleString('en-US')} documents in ${fixed(spans.seconds)} s. Each export runs in its own child process.`,
    '- MB are 10^6 bytes. On a shared machine the figures move by up to a third between runs: compare the import with ' +
      'the bare-insert reference measured in the same run.',
    END,
  ];
  return lines.join('\n');
}

/**
 * Replaces the `<!-- bench:NAME:start -->` … `<!-- bench:NAME:end -->` section of
 * `path` with `section` (which carries both markers), or appends it; every
 * other section stays as it was, so each benchmark can be run on its own.
 */
export function replaceSection(path: string, name: string, section: string): void {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const from = existing.indexOf(start);
  const to = existing.indexOf(end);
  const updated =
    from >= 0 && to > from ? existing.slice(0, from) + section + existing.slice(to + end.length) : `${existing.trimEnd()}\n\n${section}\n`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, updated);
}

/** Writes a section from its lines, between its markers. */
export function writeNamedSection(path: string, name: string, body: readonly string[]): void {
  replaceSection(path, name, [`<!-- bench:${name}:start -->`, ...body, `<!-- bench:${name}:end -->`].join('\n'));
}

/** Replaces the core section of `path` (or appends it). */
export function writeSection(path: string, section: string): void {
  replaceSection(path, 'core', section);
}
