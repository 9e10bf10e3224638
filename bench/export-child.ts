/**
 * Child process of the export benchmark: exports a project to a file and prints
 * the time and its own peak memory as JSON.
 * Usage (runChild in bench/measure.ts compiles and starts it): export-child <project.sqlite> <jsonl|json|csv> <out-file>
 */
import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { openProject } from '../src/main/store/connection.js';
import { EXPORT_FORMATS, exportProject, type ExportFormat } from '../src/main/export/export-project.js';
import { peakRssMb, reportToParent, secondsSince } from './measure.js';

/** What the child reports to the parent. */
export interface ExportChildResult {
  readonly format: ExportFormat;
  readonly seconds: number;
  readonly documents: number;
  readonly spans: number;
  readonly fileBytes: number;
  readonly peakRssMb: number;
}

function isFormat(value: string | undefined): value is ExportFormat {
  return EXPORT_FORMATS.some((format) => format === value);
}

async function main(): Promise<void> {
  const [dbPath, format, outPath] = process.argv.slice(2);
  if (dbPath === undefined || !isFormat(format) || outPath === undefined) {
    throw new Error('usage: export-child.ts <project.sqlite> <jsonl|json|csv> <out-file>');
  }
  const db = openProject(dbPath, { mustExist: true });
  const started = performance.now();
  const out = createWriteStream(outPath);
  const report = await exportProject(db, out, { format, statuses: ['accepted'] });
  out.end();
  await once(out, 'finish');
  const seconds = secondsSince(started);
  db.close();
  const result: ExportChildResult = {
    format,
    seconds,
    documents: report.documents,
    spans: report.spans,
    fileBytes: statSync(outPath).size,
    peakRssMb: peakRssMb(),
  };
  reportToParent(result);
}

await main();
