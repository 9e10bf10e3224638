import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_DUPLICATE_CONTAINMENT, DEFAULT_DUPLICATE_MIN_CHARS, DEFAULT_DUPLICATE_THRESHOLD } from '../../shared/model.js';
import { detectReportLines } from '../dedupe/summary.js';
import { runJob } from '../jobs/run-job.js';
import { openProject } from '../store/connection.js';
import { say, warn } from './options.js';
import { DOCUMENTS, progressLine, type ProgressUnit } from './progress.js';

interface DedupeCliOptions {
  db: string;
  threshold?: number;
  minChars?: number;
  containment?: number;
  json?: boolean;
}

/** `--threshold`: a Jaccard similarity from 0.5 to 1, as the workbench allows. */
function parseThreshold(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0.5 || n > 1) throw new InvalidArgumentError('expected a similarity from 0.5 to 1, e.g. 0.8');
  return n;
}

/** `--containment`: a share from 0.5 to 1, as the workbench allows. */
function parseContainment(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0.5 || n > 1) throw new InvalidArgumentError('expected a share from 0.5 to 1, e.g. 0.8');
  return n;
}

/** `--min-chars`: a whole number of characters from 10 to 100,000. */
function parseMinChars(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 10 || n > 100_000) throw new InvalidArgumentError('expected a whole number of characters from 10 to 100000');
  return n;
}

const PHASES = {
  fingerprinting: { name: 'fingerprinting', unit: DOCUMENTS },
  comparing: { name: 'comparing     ', unit: DOCUMENTS },
  linking: { name: 'linking       ', unit: { one: 'link', many: 'links' } },
} as const satisfies Record<string, { name: string; unit: ProgressUnit }>;

export function dedupeCommand(): Command {
  return new Command('dedupe')
    .description(
      'link duplicate passages, sentences and documents (exact and near repeats) and passages contained in others, checking only what is new since the last run',
    )
    .requiredOption('--db <file>', 'project file')
    .option(
      '--threshold <similarity>',
      `Jaccard similarity of word shingles that makes a duplicate, 0.5–1 (default: the last run's, at first ${DEFAULT_DUPLICATE_THRESHOLD})`,
      parseThreshold,
    )
    .option(
      '--min-chars <n>',
      `ignore passages and sentences shorter than this, noise left out (default: the last run's, at first ${DEFAULT_DUPLICATE_MIN_CHARS})`,
      parseMinChars,
    )
    .option(
      '--containment <share>',
      `share of a passage's word shingles a longer passage must hold to link it as contained in it, 0.5–1 ` +
        `(default: the last run's, at first ${DEFAULT_DUPLICATE_CONTAINMENT})`,
      parseContainment,
    )
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nA passage is a line (paragraph); spam, captions and other noise marked at import are left out.\n' +
        'A sentence repeated word for word inside other paragraphs is linked as a sentence, with its own place.\n' +
        'A passage mostly inside a longer one (a headline in a lead paragraph, a teaser) is linked as contained in it.\n' +
        'Clusters and the decisions taken on them are kept; running again adds only what is new.\n' +
        'A lower threshold or containment, or another --min-chars, compares the whole project again.\n' +
        'Exit status: 0 when done, 1 when it failed or was interrupted, 2 for usage errors.',
    )
    .action(async (opts: DedupeCliOptions) => {
      const db = openProject(opts.db, { mustExist: true });
      const controller = new AbortController();
      const cancel = (): void => controller.abort();
      process.once('SIGINT', cancel);
      const bar = progressLine('{phase} |{bar}| {progress}');
      try {
        const report = await runJob(
          db,
          { kind: 'dedupe', settings: { threshold: opts.threshold, minChars: opts.minChars, containment: opts.containment } },
          {
            signal: controller.signal,
            onProgress: (p) => bar.update(p.done, Math.max(p.total, 1), { phase: PHASES[p.phase].name }, PHASES[p.phase].unit),
          },
        );
        bar.stop();
        if (opts.json) say(JSON.stringify(report, null, 2));
        else for (const line of detectReportLines(report)) say(line);
        if (report.cancelled) {
          warn('duplicate detection interrupted; run it again to finish');
          process.exitCode = 1;
        }
      } finally {
        bar.stop();
        process.off('SIGINT', cancel);
        db.close();
      }
    });
}
