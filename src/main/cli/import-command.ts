import { Command, Option } from 'commander';
import { openProject } from '../store/connection.js';
import { lastDocumentId } from '../store/documents.js';
import { suggestReportLines } from '../suggest/run.js';
import { formatPlace } from '../import/pipeline.js';
import { runJob } from '../jobs/run-job.js';
import { importSummary } from '../import/summary.js';
import { IMPORT_FORMATS, type ImportFormat } from '../import/readers/index.js';
import { progressLine } from './progress.js';
import { parsePositiveInt, say, warn } from './options.js';
import { indexForSearch } from './search-command.js';
import { runSuggestions } from './suggest-command.js';

interface ImportCliOptions {
  db: string;
  format?: ImportFormat;
  encoding?: string;
  textColumn: string;
  annotator?: string;
  commitEvery?: number;
  suggest?: boolean;
}

export function importCommand(): Command {
  return new Command('import')
    .description('import files and folders (txt, md, html, jsonl, json, csv, tsv; doccano, spaCy/Prodigy, Label Studio, W3C Web Annotation, brat, CoNLL; a project bundle .zip/.marginalia) into a project')
    .argument('<paths...>', 'files or folders (folders are read recursively)')
    .requiredOption('--db <file>', 'project file (created if missing)')
    .addOption(new Option('--format <format>', 'read every file as this format').choices(IMPORT_FORMATS))
    .option('--encoding <name>', 'decode files that are not UTF-8/UTF-16 with this encoding (e.g. windows-1252)')
    .option('--text-column <name>', 'CSV: the column holding the text', 'text')
    .option('--annotator <name>', 'annotator recorded on imported spans that name none')
    .option('--commit-every <documents>', 'commit after this many documents (smaller: progress is durable sooner; larger: faster)', parsePositiveInt)
    .option('--suggest', 'then propose suggested spans for the documents it brought in (as `marginalia suggest`)')
    .addHelpText(
      'after',
      '\nExit status: 0 when everything went in, 1 when something was rejected, 2 for usage errors.\n' +
        'Documents already in the project (same text) are skipped; their spans are merged.',
    )
    .action(async (paths: string[], opts: ImportCliOptions) => {
      const db = openProject(opts.db);
      const controller = new AbortController();
      const cancel = (): void => controller.abort();
      process.once('SIGINT', cancel);
      // Documents get ever larger ids, so those after this one are the import's.
      const lastBefore = lastDocumentId(db);
      const bar = progressLine('importing |{bar}| {files} files · {progress}', 'bytes');
      try {
        // The workbench's import job, run here on the command's own thread.
        const report = await runJob(
          db,
          {
            kind: 'import',
            paths,
            settings: {
              format: opts.format,
              encoding: opts.encoding,
              textColumn: opts.textColumn,
              annotator: opts.annotator,
              batchDocuments: opts.commitEvery,
              // The summary comes as soon as the documents are in; the index catches up after it, with its own progress.
              deferSearchIndex: true,
            },
          },
          {
            signal: controller.signal,
            onProgress: (p) => bar.update(p.bytesDone, Math.max(p.bytesTotal, 1), { files: `${p.filesDone}/${p.filesTotal}` }),
          },
        );
        bar.stop();
        for (const duplicate of report.duplicates) say(`${formatPlace(duplicate)}: duplicate of ${duplicate.duplicateOf}, skipped`);
        for (const problem of report.rejected) warn(`${formatPlace(problem)}: ${problem.reason}`);
        for (const warning of report.warnings) warn(`${formatPlace(warning)}: warning: ${warning.reason}`);
        say(importSummary(report));
        if (report.duplicateClustersAdded) say(`restored ${report.duplicateClustersAdded} duplicate clusters from the bundle`);
        process.exitCode = report.rejected.length > 0 || report.cancelled ? 1 : 0;
        const index = await indexForSearch(db, controller.signal);
        if (index.indexed > 0) say(`indexed ${index.indexed} documents for search`);
        if (index.pending > 0) warn(`search index: ${index.pending} documents not indexed yet; the next import or search finishes them`);
        if (opts.suggest && !report.cancelled) {
          const suggested = await runSuggestions(db, { afterDocumentId: lastBefore });
          for (const line of suggestReportLines(suggested)) say(line);
          if (suggested.cancelled) {
            warn('suggestions interrupted; run `marginalia suggest` to finish');
            process.exitCode = 1;
          }
        }
      } finally {
        bar.stop();
        process.off('SIGINT', cancel);
        db.close();
      }
    });
}
