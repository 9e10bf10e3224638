import { Command } from 'commander';
import { UsageError, UserError } from '../errors.js';
import { openProject, type Db } from '../store/connection.js';
import { runJob } from '../jobs/run-job.js';
import { resolveSuggestTargets, suggestReportLines, type SuggestReport } from '../suggest/run.js';
import { parseIds, parseList, say, warn } from './options.js';
import { progressLine } from './progress.js';

interface SuggestCliOptions {
  db: string;
  labels?: readonly string[];
  documents?: readonly number[];
  json?: boolean;
}

/**
 * Proposes suggestions with a progress bar on a terminal, for `suggest` and
 * `import --suggest`. Labels and documents that do not exist are usage errors.
 */
export async function runSuggestions(
  db: Db,
  input: { readonly labels?: readonly string[]; readonly documentIds?: readonly number[]; readonly afterDocumentId?: number },
): Promise<SuggestReport> {
  try {
    resolveSuggestTargets(db, input);
  } catch (error) {
    if (error instanceof UserError) throw new UsageError(error.message);
    throw error;
  }
  const controller = new AbortController();
  const cancel = (): void => controller.abort();
  process.once('SIGINT', cancel);
  const bar = progressLine('suggesting |{bar}| {progress}');
  try {
    return await runJob(
      db,
      { kind: 'suggest', ...input },
      { signal: controller.signal, onProgress: (p) => bar.update(p.documentsDone, Math.max(p.documentsTotal, 1)) },
    );
  } finally {
    bar.stop();
    process.off('SIGINT', cancel);
  }
}

export function suggestCommand(): Command {
  return new Command('suggest')
    .description('propose suggested spans (hospitals, dates, people, figures) for annotators to accept or reject')
    .requiredOption('--db <file>', 'project file')
    .option('--labels <names>', 'only these labels (comma-separated)', parseList)
    .option('--documents <ids>', 'only these documents (comma-separated ids)', parseIds)
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nNothing is proposed where a span with that label already lies at the same words, whoever made it and\n' +
        'whatever its status: rejected suggestions do not come back, and running again adds only what is new.\n' +
        'Forms annotators tagged or accepted more often than rejected are proposed wherever else they occur.\n' +
        'Exit status: 0 when done, 1 when it failed or was interrupted, 2 for usage errors.',
    )
    .action(async (opts: SuggestCliOptions) => {
      const db = openProject(opts.db, { mustExist: true });
      try {
        const report = await runSuggestions(db, { labels: opts.labels, documentIds: opts.documents });
        if (opts.json) say(JSON.stringify(report, null, 2));
        else for (const line of suggestReportLines(report)) say(line);
        if (report.cancelled) {
          warn('suggestions interrupted; run again to finish');
          process.exitCode = 1;
        }
      } finally {
        db.close();
      }
    });
}
