/**
 * Child process of the format benchmark: one export, or one re-import into a
 * fresh project, timed on its own, with its own peak memory, printed as JSON.
 * Usage (runChild in bench/measure.ts compiles and starts it): formats-child export <project.sqlite> <format> <out>
 *        formats-child import <path> <format> <new-project.sqlite>
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openProject } from '../src/main/store/connection.js';
import { EXPORT_FORMATS, type ExportFormat } from '../src/main/export/export-project.js';
import { exportToFile } from '../src/main/export/export-file.js';
import { importPaths } from '../src/main/import/pipeline.js';
import { BULK_CHUNK_DOCUMENTS, catchUpSearchIndex } from '../src/main/store/search-index.js';
import { isImportFormat } from '../src/main/import/readers/index.js';
import { peakRssMb, reportToParent, secondsSince } from './measure.js';

export interface FormatExportResult {
  readonly format: ExportFormat;
  readonly seconds: number;
  readonly documents: number;
  readonly spans: number;
  readonly leftOut: number;
  readonly leftOutReasons: readonly string[];
  readonly bytes: number;
  readonly files: number;
  readonly peakRssMb: number;
}

export interface FormatImportResult {
  readonly format: string;
  /** Until the import returned: documents and spans stored. */
  readonly seconds: number;
  /** Then bringing the search index up to date (absent from results measured before it was timed apart). */
  readonly indexSeconds?: number;
  readonly documents: number;
  readonly spans: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly rejectedSample: readonly string[];
  readonly peakRssMb: number;
}

/** Bytes and file count of a file or of a folder's files. */
export function sizeOf(path: string): { bytes: number; files: number } {
  const stat = statSync(path);
  if (!stat.isDirectory()) return { bytes: stat.size, files: 1 };
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

function isExportFormat(value: string | undefined): value is ExportFormat {
  return EXPORT_FORMATS.some((format) => format === value);
}

async function main(): Promise<void> {
  const [mode, from, format, to] = process.argv.slice(2);
  if (from === undefined || to === undefined || format === undefined) {
    throw new Error('usage: formats-child.ts export|import <from> <format> <to>');
  }
  if (mode === 'export') {
    if (!isExportFormat(format)) throw new Error(`not an export format: ${format}`);
    const db = openProject(from, { mustExist: true });
    const started = performance.now();
    const report = await exportToFile(db, to, { format, statuses: ['accepted'] });
    const seconds = secondsSince(started);
    db.close();
    const { bytes, files } = sizeOf(to);
    const result: FormatExportResult = {
      format,
      seconds,
      documents: report.documents,
      spans: report.spans,
      leftOut: report.leftOut.reduce((sum, entry) => sum + entry.spans, 0),
      leftOutReasons: report.leftOut.map((entry) => `${entry.spans} ${entry.reason}`),
      bytes,
      files,
      peakRssMb: peakRssMb(),
    };
    reportToParent(result);
  } else if (mode === 'import') {
    // A bundle is known by its extension; every other file is read as the format named.
    if (format !== 'bundle' && !isImportFormat(format)) throw new Error(`not an import format: ${format}`);
    const started = performance.now();
    const db = openProject(to);
    // As the app imports: documents and spans first, the search index caught up after (timed apart).
    const report = await importPaths(db, [from], { ...(format === 'bundle' ? {} : { format }), deferSearchIndex: true });
    const seconds = secondsSince(started);
    const indexing = performance.now();
    await catchUpSearchIndex(db, { chunkDocuments: BULK_CHUNK_DOCUMENTS });
    const indexSeconds = secondsSince(indexing);
    db.close();
    const result: FormatImportResult = {
      format,
      seconds,
      indexSeconds,
      documents: report.documentsImported,
      spans: report.spansAdded,
      duplicates: report.duplicates.length,
      rejected: report.rejected.length,
      rejectedSample: report.rejected.slice(0, 3).map((problem) => `${problem.path}: ${problem.reason}`),
      peakRssMb: peakRssMb(),
    };
    reportToParent(result);
  } else {
    throw new Error('usage: formats-child.ts export|import <from> <format> <to>');
  }
}

await main();
