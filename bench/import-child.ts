/**
 * Child process of the import benchmark: imports a folder into a fresh project
 * with the real pipeline, as the app does (documents first, the search index
 * caught up after), and prints timings and its own peak memory as JSON.
 * Usage (runChild in bench/measure.ts compiles and starts it): import-child <folder> <project.sqlite>
 */
import { openProject } from '../src/main/store/connection.js';
import { importPaths } from '../src/main/import/pipeline.js';
import { BULK_CHUNK_DOCUMENTS, catchUpSearchIndex } from '../src/main/store/search-index.js';
import { log, peakRssMb, reportToParent, secondsSince } from './measure.js';

/** What the child reports to the parent. */
export interface ImportChildResult {
  readonly seconds: number;
  readonly importSeconds: number;
  /** Catching the search index up after the import returned. */
  readonly indexSeconds: number;
  readonly closeSeconds: number;
  readonly filesTotal: number;
  readonly documentsImported: number;
  readonly bytesRead: number;
  readonly textBytesImported: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly rejectedSample: readonly string[];
  readonly noiseMarks: Readonly<Record<string, number>>;
  readonly peakRssMb: number;
}

async function main(): Promise<void> {
  const [folder, dbPath] = process.argv.slice(2);
  if (folder === undefined || dbPath === undefined) throw new Error('usage: import-child.ts <folder> <project.sqlite>');
  const started = performance.now();
  const db = openProject(dbPath);
  let lastLog = performance.now();
  const report = await importPaths(db, [folder], {
    deferSearchIndex: true,
    onProgress: (progress) => {
      if (performance.now() - lastLog < 5000) return;
      lastLog = performance.now();
      const rate = progress.bytesDone / 1e6 / secondsSince(started);
      log(`import: ${progress.filesDone}/${progress.filesTotal} files, ${rate.toFixed(1)} MB/s, rss ${(process.memoryUsage.rss() / 1e6).toFixed(0)} MB`);
    },
  });
  const importSeconds = secondsSince(started);
  const indexing = performance.now();
  // As `marginalia import` catches up (src/main/cli/search-command.ts).
  await catchUpSearchIndex(db, { chunkDocuments: BULK_CHUNK_DOCUMENTS });
  const indexSeconds = secondsSince(indexing);
  // Counted outside the timed part: a check that the planted noise was found.
  const noise = db.prepare('SELECT kind, count(*) AS n FROM noise_marks GROUP BY kind').all() as { kind: string; n: number }[];
  const closing = performance.now();
  db.close();
  const closeSeconds = secondsSince(closing);
  const result: ImportChildResult = {
    seconds: importSeconds + indexSeconds + closeSeconds,
    importSeconds,
    indexSeconds,
    closeSeconds,
    filesTotal: report.filesTotal,
    documentsImported: report.documentsImported,
    bytesRead: report.bytesRead,
    textBytesImported: report.textBytesImported,
    duplicates: report.duplicates.length,
    rejected: report.rejected.length,
    rejectedSample: report.rejected.slice(0, 5).map((problem) => `${problem.path}: ${problem.reason}`),
    noiseMarks: Object.fromEntries(noise.map((row) => [row.kind, row.n])),
    peakRssMb: peakRssMb(),
  };
  reportToParent(result);
}

await main();
