/**
 * `npm run bench [-- --docs N | --quick]`: generates (or reuses) the synthetic
 * corpus, measures import, search and export against their targets beside
 * bare-SQLite references, then the workbench in Chromium, then duplicate
 * detection (bench/dedupe-bench.ts, 10,000 documents only when quick), then
 * the recognisers' throughput (bench/suggest-bench.ts, on 10,000 documents),
 * then agreement between two annotators (bench/agreement-bench.ts, 10,000
 * documents), then export and re-import in every format (bench/formats-bench.ts),
 * then the whole workflow over browser mode's HTTP API at 10,000, 30,000 and
 * 100,000 documents (bench/workflow-bench.ts; sizes up to --docs), then a
 * team server on PostgreSQL with laptops syncing against it
 * (bench/team-sync-bench.ts; a tenth of the size when quick), and writes each
 * section of docs/benchmarks.md. `--workflow` runs only the workflow.
 */
import Database from 'better-sqlite3';
import { rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject } from '../src/main/store/connection.js';
import type { ExportChildResult } from './export-child.js';
import { CORPUS_SEED, ensureCorpus } from './generate-corpus.js';
import type { ImportChildResult } from './import-child.js';
import { log, mb, removeDatabase, runChild } from './measure.js';
import { runReferences } from './reference-bench.js';
import { renderSection, writeNamedSection, writeSection, type BenchResults } from './report.js';
import { runSearchBench } from './search-bench.js';
import { renderUiSection, runUiBench, writeUiSection } from './ui-bench.js';
import { addSpans } from './spans-setup.js';
import { renderDedupeSection, runDedupeBench, writeDedupeSection } from './dedupe-bench.js';
import { renderSuggestSection, runSuggestBench } from './suggest-bench.js';
import { renderAgreementSection, runAgreementBench } from './agreement-bench.js';
import { runFormatsBench } from './formats-bench.js';
import { runWorkflowBench, WORKFLOW_SIZES, writeWorkflowSection } from './workflow-bench.js';
import { runTeamSyncBench, writeTeamSyncSection } from './team-sync-bench.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRATCH = join(ROOT, '.bench');
const REPORT = join(ROOT, 'docs', 'benchmarks.md');
const SEED = CORPUS_SEED;
const SPANS_PER_DOCUMENT = 10;

interface Args {
  readonly docs: number;
  /** `--core-only`: import, search and export, without the sections after them. */
  readonly coreOnly: boolean;
  /** `--workflow`: only the workflow over HTTP, at the sizes up to `docs`. */
  readonly workflowOnly: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  let docs = 100_000;
  let coreOnly = false;
  let workflowOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') docs = 10_000;
    else if (arg === '--core-only') coreOnly = true;
    else if (arg === '--workflow') workflowOnly = true;
    else if (arg === '--docs') docs = Number(argv[++i]);
    else if (arg?.startsWith('--docs=')) docs = Number(arg.slice('--docs='.length));
    else throw new Error(`unknown option ${arg} (options: --docs N, --quick, --core-only, --workflow)`);
  }
  if (!Number.isInteger(docs) || docs < 100) throw new Error('--docs needs a whole number of at least 100');
  return { docs, coreOnly, workflowOnly };
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  const version = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return version;
}

/** The workflow over HTTP at the standard sizes up to `docs` (or `docs` alone when it is below them all). */
async function runWorkflow(docs: number): Promise<void> {
  const sizes = WORKFLOW_SIZES.filter((size) => size <= docs);
  const chosen = sizes.length > 0 ? sizes : [docs];
  const command = `npm run bench -- --workflow${docs === 100_000 ? '' : ` --docs ${docs}`}`;
  writeWorkflowSection(await runWorkflowBench(chosen, undefined, command), REPORT);
  log(`report: wrote the workflow section of ${REPORT}`);
}

async function main(): Promise<void> {
  const { docs, coreOnly, workflowOnly } = parseArgs(process.argv.slice(2));
  if (workflowOnly) return runWorkflow(docs);
  mkdirSync(SCRATCH, { recursive: true });
  const corpus = ensureCorpus({ docs, seed: SEED, scratch: SCRATCH }, log);
  log(`corpus: ${corpus.folder}, ${mb(corpus.manifest.bytes).toFixed(1)} MB`);

  const { bare, naiveFts } = runReferences(corpus.folder, docs, SCRATCH);

  const projectPath = join(SCRATCH, `project-${docs}.sqlite`);
  removeDatabase(projectPath);
  log('import: starting child process');
  const importResult = await runChild<ImportChildResult>(join(ROOT, 'bench', 'import-child.ts'), [corpus.folder, projectPath]);
  log(
    `import: ${(mb(importResult.bytesRead) / importResult.importSeconds).toFixed(1)} MB/s, ${importResult.importSeconds.toFixed(1)} s ` +
      `+ ${importResult.indexSeconds.toFixed(1)} s search index, ` +
      `peak RSS ${importResult.peakRssMb.toFixed(0)} MB, ${importResult.documentsImported} documents`,
  );

  const db = openProject(projectPath, { mustExist: true });
  const search = runSearchBench(db, SEED);
  const spans = addSpans(db, docs * SPANS_PER_DOCUMENT);
  db.close();

  const exports: ExportChildResult[] = [];
  for (const format of ['jsonl', 'json', 'csv'] as const) {
    const out = join(SCRATCH, `export-${docs}.${format}`);
    log(`export ${format}: starting child process`);
    const result = await runChild<ExportChildResult>(join(ROOT, 'bench', 'export-child.ts'), [projectPath, format, out]);
    log(`export ${format}: ${result.seconds.toFixed(1)} s, ${mb(result.fileBytes).toFixed(0)} MB, peak RSS ${result.peakRssMb.toFixed(0)} MB`);
    // Hundreds of MB each; nothing reads them afterwards.
    rmSync(out, { force: true });
    exports.push(result);
  }

  const results: BenchResults = {
    date: new Date().toISOString(),
    sqliteVersion: sqliteVersion(),
    corpus: corpus.manifest,
    bare,
    naiveFts,
    importResult,
    search,
    spans,
    exports,
  };
  writeFileSync(join(SCRATCH, `results-${docs}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeSection(REPORT, renderSection(results));
  log(`report: wrote ${REPORT}`);
  if (coreOnly) return;

  log('workbench in Chromium: starting');
  const ui = await runUiBench({ quick: docs < 100_000 });
  writeUiSection(REPORT, renderUiSection(ui));
  log(`report: wrote the workbench section of ${REPORT}`);

  log('duplicate detection: starting');
  const dedupe = await runDedupeBench({ quick: docs < 100_000 });
  writeDedupeSection(REPORT, renderDedupeSection(dedupe));
  log(`report: wrote the duplicate-detection section of ${REPORT}`);

  log('recognisers: starting');
  writeNamedSection(REPORT, 'suggest', renderSuggestSection(runSuggestBench(Math.min(docs, 10_000))));
  log(`report: wrote the suggestions section of ${REPORT}`);

  log('agreement: starting');
  writeNamedSection(REPORT, 'agreement', renderAgreementSection(runAgreementBench(Math.min(docs, 10_000))));
  log(`report: wrote the agreement section of ${REPORT}`);

  log('export and re-import in every format: starting');
  await runFormatsBench(docs);
  log(`report: wrote the formats section of ${REPORT}`);

  log('workflow over HTTP: starting');
  await runWorkflow(docs);

  log('team sync: starting');
  const quick = docs < 100_000;
  writeTeamSyncSection(await runTeamSyncBench({ quick, profile: false, command: `npm run bench${quick ? ' -- --quick' : ''}` }));
  log(`report: wrote the team sync section of ${REPORT}`);
}

await main();
