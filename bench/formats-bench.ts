/**
 * Export and re-import in every format: `npx tsx bench/formats-bench.ts [--docs N]`.
 * Exports the core benchmark's project (`.bench/project-N.sqlite`, with its
 * accepted spans) in each format, then imports each file into a fresh project,
 * every step in its own child process. Runs the same at 50,000 documents too, so
 * the report can say whether peak memory grows with the corpus (building that
 * project from the generated corpus when it is missing). Writes the
 * `formats` section of docs/benchmarks.md; the exported files are deleted.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExportFormat } from '../src/main/export/export-project.js';
import { openProject } from '../src/main/store/connection.js';
import type { FormatExportResult, FormatImportResult } from './formats-child.js';
import { CORPUS_SEED, ensureCorpus } from './generate-corpus.js';
import type { ImportChildResult } from './import-child.js';
import { log, mb, parseDocs, removeDatabase, runChild } from './measure.js';
import { describeMachine, writeNamedSection } from './report.js';
import { addSpans } from './spans-setup.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRATCH = join(ROOT, '.bench');
const REPORT = join(ROOT, 'docs', 'benchmarks.md');
const CHILD = join(ROOT, 'bench', 'formats-child.ts');
const SPANS_PER_DOCUMENT = 10;
const COMPARISON_DOCS = 50_000;

/** Targets from the issue: seconds each way for the JSON-family formats. */
export const FORMAT_TARGET_SECONDS = 15;
const JSON_FAMILY: readonly ExportFormat[] = ['jsonl', 'json', 'doccano', 'spacy', 'labelstudio', 'webanno'];
/**
 * "Flat": peak RSS at the full size at most this many times the peak at 50,000
 * documents (half the data). Half, not a tenth: a run over a tenth of the data
 * ends before V8 has grown its heaps to where they settle, and memory that
 * settled would look as if it grew.
 */
const FLAT_RATIO = 1.25;

/** Formats read back as spans (csv is one row per span with no document text to rebuild, so not re-imported). */
const REIMPORTED: readonly ExportFormat[] = ['jsonl', 'json', 'doccano', 'spacy', 'labelstudio', 'webanno', 'conll', 'brat', 'bundle'];

/** The formats measured, and the extension each export file gets. */
const EXTENSION: Readonly<Partial<Record<ExportFormat, string>>> = {
  jsonl: '.jsonl',
  json: '.json',
  csv: '.csv',
  doccano: '.jsonl',
  spacy: '.json',
  labelstudio: '.json',
  webanno: '.jsonld',
  conll: '.conll',
  brat: '',
  bundle: '.marginalia',
};

export interface FormatRow {
  readonly format: ExportFormat;
  readonly exported: FormatExportResult;
  readonly imported?: FormatImportResult;
}

export interface FormatsRun {
  readonly date: string;
  readonly sqliteVersion: string;
  readonly docs: number;
  readonly documents: number;
  readonly spans: number;
  readonly spanSetupSeconds?: number;
  readonly rows: readonly FormatRow[];
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  const version = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return version;
}

/**
 * The core project for `docs`, with its spans (added as bench/run.ts does when
 * missing); built from the same generated corpus when there is none yet (the
 * comparison size, on a first run).
 */
async function prepareProject(docs: number): Promise<{ path: string; documents: number; spans: number; setupSeconds?: number }> {
  const path = join(SCRATCH, `project-${docs}.sqlite`);
  if (!existsSync(path)) {
    const corpus = ensureCorpus({ docs, seed: CORPUS_SEED, scratch: SCRATCH }, log);
    log(`formats: importing ${corpus.folder} into ${path}`);
    await runChild<ImportChildResult>(join(ROOT, 'bench', 'import-child.ts'), [corpus.folder, path]);
  }
  const db = openProject(path, { mustExist: true });
  try {
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    let setupSeconds: number | undefined;
    if (count("SELECT count(*) AS n FROM spans WHERE status = 'accepted'") === 0) {
      setupSeconds = addSpans(db, docs * SPANS_PER_DOCUMENT).seconds;
    }
    return {
      path,
      documents: count('SELECT count(*) AS n FROM documents'),
      spans: count("SELECT count(*) AS n FROM spans WHERE status = 'accepted'"),
      setupSeconds,
    };
  } finally {
    db.close();
  }
}

async function runSize(docs: number, only?: readonly ExportFormat[]): Promise<FormatsRun> {
  const project = await prepareProject(docs);
  log(`formats: ${docs} — ${project.documents} documents, ${project.spans} accepted spans`);
  const rows: FormatRow[] = [];
  for (const [format, extension] of Object.entries(EXTENSION) as [ExportFormat, string][]) {
    if (only && !only.includes(format)) {
      // Measured again only on request: the other rows are kept from the last run.
      const kept = readRun(docs)?.rows.find((row) => row.format === format);
      if (kept) rows.push(kept);
      continue;
    }
    const out = join(SCRATCH, `formats-${docs}-${format}${extension}`);
    const reimport = join(SCRATCH, `formats-${docs}-${format}-reimport.sqlite`);
    rmSync(out, { recursive: true, force: true });
    rmSync(`${out}.partial`, { recursive: true, force: true });
    removeDatabase(reimport);
    try {
      const exported = await runChild<FormatExportResult>(CHILD, ['export', project.path, format, out]);
      log(
        `formats: export ${format} ${exported.seconds.toFixed(1)} s, ${mb(exported.bytes).toFixed(0)} MB, ` +
          `${exported.spans} spans (${exported.leftOut} left out), peak RSS ${exported.peakRssMb.toFixed(0)} MB`,
      );
      let imported: FormatImportResult | undefined;
      if (REIMPORTED.includes(format)) {
        imported = await runChild<FormatImportResult>(CHILD, ['import', out, format, reimport]);
        log(
          `formats: import ${format} ${imported.seconds.toFixed(1)} s, ${imported.documents} documents, ` +
            `${imported.spans} spans, ${imported.rejected} rejected, peak RSS ${imported.peakRssMb.toFixed(0)} MB`,
        );
      }
      rows.push({ format, exported, imported });
    } finally {
      // Hundreds of MB each; nothing reads them afterwards.
      rmSync(out, { recursive: true, force: true });
      rmSync(`${out}.partial`, { recursive: true, force: true });
      removeDatabase(reimport);
    }
  }
  return {
    date: new Date().toISOString(),
    sqliteVersion: sqliteVersion(),
    docs,
    documents: project.documents,
    spans: project.spans,
    spanSetupSeconds: project.setupSeconds,
    rows,
  };
}

function resultsPath(docs: number): string {
  return join(SCRATCH, `formats-results-${docs}.json`);
}

function readRun(docs: number): FormatsRun | undefined {
  const path = resultsPath(docs);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as FormatsRun) : undefined;
}

const count = (value: number): string => value.toLocaleString('en-US');
const passFail = (ok: boolean): string => (ok ? 'pass' : '**fail**');

function rssCell(peak: number, small: number | undefined): string {
  return small === undefined ? `${peak.toFixed(0)} MB` : `${peak.toFixed(0)} MB (${small.toFixed(0)} at ${COMPARISON_DOCS / 1000}k)`;
}

function verdict(format: ExportFormat, seconds: number, peak: number, small: number | undefined, complete = true): string {
  // An import that did not bring back every document and span has no time worth judging.
  if (!complete) return '**fail** (not read back)';
  const flat = small === undefined ? undefined : peak <= small * FLAT_RATIO;
  if (!JSON_FAMILY.includes(format)) return flat === undefined ? '–' : `no target; memory ${flat ? 'flat' : 'grows'}`;
  const time = seconds <= FORMAT_TARGET_SECONDS;
  if (flat === undefined) return `${passFail(time)} (time only)`;
  return time && flat ? 'pass' : `**fail** (${[time ? '' : 'time', flat ? '' : 'memory'].filter(Boolean).join(', ')})`;
}

/** The section's lines, without its markers. */
export function renderFormatsSection(run: FormatsRun, small: FormatsRun | undefined): string[] {
  const smallRow = (format: ExportFormat): FormatRow | undefined =>
    small === undefined || small.docs === run.docs ? undefined : small.rows.find((row) => row.format === format);
  const exportRows = run.rows.map(({ format, exported }) => {
    const peakSmall = smallRow(format)?.exported.peakRssMb;
    const left = exported.leftOut === 0 ? '0' : `${count(exported.leftOut)} (${exported.leftOutReasons.join('; ')})`;
    return [
      format,
      `${exported.seconds.toFixed(1)} s`,
      `${mb(exported.bytes).toFixed(0)} MB${exported.files > 1 ? ` in ${count(exported.files)} files` : ''}`,
      count(exported.spans),
      left,
      rssCell(exported.peakRssMb, peakSmall),
      JSON_FAMILY.includes(format) ? `≤ ${FORMAT_TARGET_SECONDS} s, flat` : '–',
      verdict(format, exported.seconds, exported.peakRssMb, peakSmall),
    ];
  });
  const importRows = run.rows.flatMap(({ format, exported, imported }) => {
    if (imported === undefined) return [];
    const complete = imported.documents === exported.documents && imported.spans === exported.spans;
    const peakSmall = smallRow(format)?.imported?.peakRssMb;
    return [
      [
        format,
        `${imported.seconds.toFixed(1)} s`,
        // Older result files lack the split.
        imported.indexSeconds === undefined ? '–' : `+ ${imported.indexSeconds.toFixed(1)} s`,
        count(imported.documents),
        count(imported.spans),
        `${imported.duplicates} duplicates, ${imported.rejected} rejected`,
        rssCell(imported.peakRssMb, peakSmall),
        JSON_FAMILY.includes(format) ? `≤ ${FORMAT_TARGET_SECONDS} s, flat` : '–',
        verdict(format, imported.seconds, imported.peakRssMb, peakSmall, complete),
      ],
    ];
  });
  const table = (head: readonly string[], rows: readonly (readonly string[])[]): string[] => [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
  const rejected = run.rows.flatMap(({ format, imported }) =>
    imported && imported.rejectedSample.length > 0 ? [`${format}: ${imported.rejectedSample.map((line) => basename(line)).join('; ')}`] : [],
  );
  const command = `npx tsx bench/formats-bench.ts${run.docs === 100_000 ? '' : ` --docs ${run.docs}`}`;
  return [
    '## Export and re-import in every format',
    '',
    `Run on ${run.date} with \`${command}\` (also part of \`npm run bench\`).`,
    '',
    ...describeMachine(run.sqliteVersion),
    `- Project: the core benchmark's, ${count(run.documents)} documents (${count(run.docs)} generated, exact duplicates dropped at import) ` +
      `with ${count(run.spans)} accepted spans${run.spanSetupSeconds === undefined ? '' : ` (added in ${run.spanSetupSeconds.toFixed(1)} s, not counted)`}.`,
    '',
    '### Export',
    '',
    ...table(['Format', 'Wall time', 'Output', 'Spans exported', 'Spans left out', 'Peak RSS', 'Target', 'Pass/fail'], exportRows),
    '',
    '### Re-import into a fresh project',
    '',
    ...table(['Format', 'Wall time', 'Search index after', 'Documents', 'Spans', 'Not imported', 'Peak RSS', 'Target', 'Pass/fail'], importRows),
    '',
    '- Each export and each import runs compiled to JavaScript (no TypeScript loader), as `marginalia` runs, in its own child process; peak RSS is the child\'s VmHWM. An export\'s wall time covers ' +
      'opening the project to closing it. An import\'s wall time runs from opening the project until the import returns with ' +
      'every document and span stored, as in the app, where documents open at once and the search index catches up in the ' +
      'background; "search index after" is the time that catch-up then took (`marginalia import` waits for it before it exits), ' +
      'with the WAL checkpoint on closing.',
    `- "Flat" memory: the peak RSS at ${count(run.docs)} documents is at most ${FLAT_RATIO}× the peak of the same step at ` +
      `${count(COMPARISON_DOCS)} documents (half the data)${small === undefined || small.docs === run.docs ? `; no ${count(COMPARISON_DOCS)}-document run was available, so only time is judged` : ''}. ` +
      'The export streams in batches of 500 documents and stays flat; spaCy and CoNLL batches are tokenized and written ' +
      'by two worker threads while the export\'s own thread reads the next documents and writes finished batches in order. The import streams too: JSON lines and CoNLL are read ' +
      'in 4 MB chunks line by line, and json, Label Studio and Web Annotation files of 64 MB or more element by element of ' +
      'their large array (cut by a splitter that follows strings and brackets, each element given to JSON.parse), after a ' +
      'first pass that checks the whole file is valid UTF-8; files of 4 MB or more are parsed in a worker thread a few ' +
      'batches ahead of the writes (spaCy lines without parsing their token lists); transactions are committed every ' +
      '10,000 documents or 32 MB of text.',
    '- Files of these formats are no longer read as one string (json, Label Studio and Web Annotation files under 64 MB ' +
      'still are), so V8\'s longest string (about 537 million characters) no longer limits the size of a file that can be ' +
      'imported: the 100,000-document spaCy and Web Annotation exports read back in full.',
    '- csv is export only: it has one row per span and no document text to rebuild, so it is not re-imported. ' +
      'brat writes one .txt and one .ann per document into a folder; its size is the sum of the files. The bundle is the ' +
      'json export with labels, entities and duplicate clusters in one zip; its import unpacks the json part to a ' +
      'temporary file a piece at a time, reads it once for the documents\' hashes, then imports it as a large json file.',
    '- Spans left out are those a format cannot represent, with the reason; with these spans no format left any out.',
    ...(rejected.length > 0 ? [`- Files or lines not imported (first few): ${rejected.join(' — ')}.`] : []),
    '- The exported files and re-imported projects are deleted after measuring. MB are 10^6 bytes.',
  ];
}

/** `--formats a,b`: measure only these formats again, keeping the others' last figures. */
function splitFormatsOption(argv: readonly string[]): { readonly rest: string[]; readonly only?: ExportFormat[] } {
  const at = argv.indexOf('--formats');
  if (at < 0) return { rest: [...argv] };
  const only = (argv[at + 1] ?? '').split(',').filter(Boolean) as ExportFormat[];
  const unknown = only.filter((format) => !(format in EXTENSION));
  if (only.length === 0 || unknown.length > 0) throw new Error(`--formats needs names among ${Object.keys(EXTENSION).join(', ')}`);
  return { rest: [...argv.slice(0, at), ...argv.slice(at + 2)], only };
}

async function main(): Promise<void> {
  const { rest, only } = splitFormatsOption(process.argv.slice(2));
  const docs = parseDocs(rest, 100_000);
  await runFormatsBench(docs, only);
  log(`report: wrote the formats section of ${REPORT}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();

/** For bench/run.ts: the same, at `docs` (and at 50,000 for the memory comparison). */
export async function runFormatsBench(docs: number, only?: readonly ExportFormat[]): Promise<void> {
  mkdirSync(SCRATCH, { recursive: true });
  // The full size first; the section is written after each size, so it always holds what was measured.
  const sizes = docs === COMPARISON_DOCS ? [docs] : [docs, COMPARISON_DOCS];
  for (const size of sizes) {
    writeFileSync(resultsPath(size), `${JSON.stringify(await runSize(size, only), null, 2)}\n`);
    writeNamedSection(REPORT, 'formats', renderFormatsSection(readRun(docs) as FormatsRun, readRun(COMPARISON_DOCS)));
  }
}
