import { Command, Option } from 'commander';
import type { SpanStatus } from '../../shared/model.js';
import { openProject } from '../store/connection.js';
import { EXPORT_FORMATS, exportProject, leftOutLines, type ExportFormat, type ExportProgress } from '../export/export-project.js';
import { runJob } from '../jobs/run-job.js';
import { parseList, parseStatus, say, warn } from './options.js';
import { progressLine } from './progress.js';
import { plainCountOf } from '../../shared/plural.js';

interface ExportCliOptions {
  db: string;
  format: ExportFormat;
  out: string;
  status: readonly SpanStatus[];
  labels?: readonly string[];
  annotator?: readonly string[];
  assigned?: boolean;
  bom?: boolean;
}

export function exportCommand(): Command {
  return new Command('export')
    .description('export documents and spans as jsonl, json or csv, or for doccano, spaCy/Prodigy, Label Studio, W3C Web Annotation, brat or CoNLL, or the whole project as a bundle (a zip; docs/formats.md gives each format\'s offset unit)')
    .requiredOption('--db <file>', 'project file')
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .option('--out <path>', 'output file, or - for standard output (brat: a new folder; bundle: FILE.zip)', '-')
    .option('--status <status>', 'spans to include: accepted, suggested, rejected or all', parseStatus, parseStatus('accepted'))
    .option('--labels <names>', 'only these labels (comma-separated)', parseList)
    .option('--annotator <names>', 'only spans by these annotators (comma-separated); "adjudicated" gives the adjudicated result', parseList)
    .option('--assigned', 'with --annotator: only the documents assigned to them (their queue)')
    .option('--bom', 'csv: start with a byte order mark (for Excel)')
    .action(async (opts: ExportCliOptions) => {
      const db = openProject(opts.db, { mustExist: true });
      const controller = new AbortController();
      const cancel = (): void => controller.abort();
      process.once('SIGINT', cancel);
      const bar = progressLine('exporting |{bar}| {progress}');
      const options = {
        format: opts.format,
        statuses: opts.status,
        labels: opts.labels,
        annotators: opts.annotator,
        assignedOnly: opts.assigned,
        bom: opts.bom,
        signal: controller.signal,
        onProgress: (p: ExportProgress) => bar.update(p.documentsDone, Math.max(p.documentsTotal, 1)),
      };
      try {
        if (opts.out === '-') {
          const report = await exportProject(db, process.stdout, options);
          warn(`exported ${plainCountOf(report.documents, 'document')} and ${plainCountOf(report.spans, 'span')}`);
          for (const line of leftOutLines(report.leftOut)) warn(line);
          return;
        }
        const report = await runJob(
          db,
          { kind: 'export', path: opts.out, format: opts.format, statuses: opts.status, labels: opts.labels, annotators: opts.annotator, assignedOnly: opts.assigned, bom: opts.bom },
          { signal: controller.signal, onProgress: options.onProgress },
        );
        bar.stop();
        if (report.cancelled) {
          warn('export cancelled; nothing written');
          process.exitCode = 1;
        } else {
          say(`exported ${plainCountOf(report.documents, 'document')} and ${plainCountOf(report.spans, 'span')} to ${opts.out}`);
          for (const line of leftOutLines(report.leftOut)) say(line);
        }
      } finally {
        bar.stop();
        process.off('SIGINT', cancel);
        db.close();
      }
    });
}
