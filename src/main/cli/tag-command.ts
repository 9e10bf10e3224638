import { Command } from 'commander';
import { userInfo } from 'node:os';
import { plainCountOf } from '../../shared/plural.js';
import { previewQueryTags, tagQuerySummary, type TagQueryPreview, type TagQueryReport } from '../annotate/tag-query.js';
import { UsageError, UserError } from '../errors.js';
import { runJob } from '../jobs/run-job.js';
import { openProject } from '../store/connection.js';
import { pendingDocuments } from '../store/search-index.js';
import { say, warn } from './options.js';
import { progressLine } from './progress.js';
import { indexForSearch } from './search-command.js';

interface TagCliOptions {
  db: string;
  query: string;
  label: string;
  annotator?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** The person the spans are credited to when --annotator is not given: the account running the command. */
function defaultAnnotator(): string {
  try {
    const name = userInfo().username.trim();
    if (name !== '') return name;
  } catch {
    // No account name on this system (some containers): fall through.
  }
  return 'marginalia';
}

function previewLines(preview: TagQueryPreview, label: string): string[] {
  const lines = [
    `would tag ${plainCountOf(preview.places, 'place')} in ${plainCountOf(preview.documents, 'document')} as ${label} ("${preview.phrase}")`,
  ];
  if (preview.alreadyTagged > 0 || preview.inNoise > 0) {
    lines.push(`left alone: ${preview.alreadyTagged} already tagged ${label}, ${preview.inNoise} in noise`);
  }
  for (const place of preview.sample) {
    lines.push(`${place.documentId}\t${place.startCp}-${place.endCp}\t…${place.before}[${place.match}]${place.after}…`);
  }
  if (preview.places > preview.sample.length) lines.push(`… and ${preview.places - preview.sample.length} more`);
  return lines;
}

export function tagCommand(): Command {
  return new Command('tag')
    .description('tag every match of a search query with a label (tag from search), as one undo step')
    .requiredOption('--db <file>', 'project file')
    .requiredOption('--query <words>', 'the words to tag, as one phrase (whole words, any case)')
    .requiredOption('--label <name>', 'the label to tag them with')
    .option('--annotator <name>', 'whose spans they are (default: the account running the command)')
    .option('--dry-run', 'only say how many places and documents, and list the first places')
    .option('--json', 'print the preview or the summary as JSON')
    .addHelpText(
      'after',
      '\nThe query\'s words, in order, are one phrase; it is tagged wherever it occurs as whole words, in any case\n' +
        '(offsets are code points). Places already tagged with the label (or overlapped by a span of it) and\n' +
        'places in noise are left alone; a suggestion of the label at a place is accepted. The workbench runs the\n' +
        'same job (search, then "Tag matches…"), and one undo there takes it all back.\n' +
        'Exit status: 0 when done, 1 when it failed or was interrupted, 2 for usage errors.',
    )
    .action(async (opts: TagCliOptions) => {
      const db = openProject(opts.db, { mustExist: true });
      try {
        // The search index narrows the corpus: documents it has not caught up with would be missed.
        const pending = pendingDocuments(db);
        if (pending > 0) {
          warn(`indexing ${plainCountOf(pending, 'document')} for search first`);
          await indexForSearch(db);
        }
        let preview: TagQueryPreview;
        try {
          preview = previewQueryTags(db, opts.query, opts.label);
        } catch (error) {
          // A query without words or an unknown label is a usage error.
          if (error instanceof UserError) throw new UsageError(error.message);
          throw error;
        }
        if (opts.dryRun) {
          if (opts.json) say(JSON.stringify(preview, null, 2));
          else for (const line of previewLines(preview, opts.label)) say(line);
          return;
        }
        const controller = new AbortController();
        const cancel = (): void => controller.abort();
        process.once('SIGINT', cancel);
        const bar = progressLine('tagging |{bar}| {progress}');
        let report: TagQueryReport;
        try {
          report = await runJob(
            db,
            { kind: 'tag', query: opts.query, label: opts.label, annotator: opts.annotator ?? defaultAnnotator() },
            { signal: controller.signal, onProgress: (p) => bar.update(p.documentsDone, Math.max(p.documentsTotal, 1)) },
          );
        } finally {
          bar.stop();
          process.off('SIGINT', cancel);
        }
        if (opts.json) say(JSON.stringify(report, null, 2));
        else say(tagQuerySummary(report).replace(/^tag/, 'tagged'));
        if (report.cancelled) {
          warn('tagging interrupted; what was tagged stays (one undo in the workbench takes it back)');
          process.exitCode = 1;
        }
      } finally {
        db.close();
      }
    });
}
