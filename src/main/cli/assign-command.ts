import { Command, InvalidArgumentError } from 'commander';
import { assignDocuments } from '../annotate/progress-edits.js';
import { blindAnnotationOn } from '../annotate/blind-annotation.js';
import { UsageError, UserError } from '../errors.js';
import { openProject } from '../store/connection.js';
import { documentIdsMatching } from '../store/document-list.js';
import { parseList, say } from './options.js';

interface AssignOptions {
  db: string;
  annotators: readonly string[];
  share: 'all' | 'split';
  overlap: number;
  seed: number;
  query?: string;
  label?: string;
  replace?: boolean;
  json?: boolean;
}

function parseShare(value: string): 'all' | 'split' {
  if (value !== 'all' && value !== 'split') throw new InvalidArgumentError('use all or split');
  return value;
}

function parseOverlap(value: string): number {
  const share = Number(value);
  if (!Number.isFinite(share) || share < 0 || share > 1) throw new InvalidArgumentError('a share from 0 to 1, e.g. 0.1');
  return share;
}

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isInteger(seed)) throw new InvalidArgumentError('a whole number');
  return seed;
}

export function assignCommand(): Command {
  return new Command('assign')
    .description('assign documents to annotators: all of them to everyone, or a share each with some given to two (the overlap)')
    .requiredOption('--db <file>', 'project file')
    .requiredOption('--annotators <names>', 'the annotators (comma-separated)', parseList)
    .option('--share <how>', 'all: every annotator gets every document; split: a share each', parseShare, 'split')
    .option('--overlap <share>', 'with split: the share of documents (0–1) given to two annotators, to measure agreement', parseOverlap, 0)
    .option('--seed <n>', 'the seed of the draw: the same seed gives the same assignment', parseSeed, 1)
    .option('--query <text>', 'only the documents this search finds')
    .option('--label <name>', 'only documents with accepted spans of this label')
    .option('--replace', 'take the chosen documents back from everyone first')
    .option('--json', 'print JSON')
    .action((opts: AssignOptions) => {
      const db = openProject(opts.db, { mustExist: true });
      try {
        const filtered = opts.query !== undefined || opts.label !== undefined;
        const documentIds = filtered ? documentIdsMatching(db, { query: opts.query, label: opts.label, ownSpans: blindAnnotationOn(db) }) : undefined;
        let report;
        try {
          report = assignDocuments(db, { annotators: opts.annotators, share: opts.share, overlap: opts.overlap, seed: opts.seed, documentIds, replace: opts.replace });
        } catch (error) {
          if (error instanceof UserError) throw new UsageError(error.message);
          throw error;
        }
        if (opts.json) {
          say(JSON.stringify(report, null, 2));
          return;
        }
        say(`assigned ${report.documents} document${report.documents === 1 ? '' : 's'} (${report.assigned} new assignments); ${report.overlapping} given to two or more annotators`);
        for (const { annotator, documents } of report.perAnnotator) say(`  ${annotator.padEnd(16)} ${documents}`);
      } finally {
        db.close();
      }
    });
}
