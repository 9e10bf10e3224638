import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { annotatorSummaries } from '../api/annotator-handlers.js';
import { addAnnotator } from '../store/annotators.js';
import { openProject } from '../store/connection.js';
import { writeTransaction } from '../store/statements.js';
import { say } from './options.js';

interface AnnotatorsOptions {
  db: string;
  color?: string;
  json?: boolean;
}

export function annotatorsCommand(): Command {
  return new Command('annotators')
    .description('list the project\'s annotators with their spans, done marks and queue, or add one: annotators add NAME [--color "#rrggbb"]')
    .argument('[action]', 'list (default) or add')
    .argument('[name]', 'with add: the annotator\'s name')
    .requiredOption('--db <file>', 'project file (created if missing)')
    .option('--color <color>', 'with add: colour as #rrggbb')
    .option('--json', 'print JSON')
    .action((action: string | undefined, name: string | undefined, opts: AnnotatorsOptions) => {
      if (action !== undefined && action !== 'list' && action !== 'add') throw new UsageError(`unknown annotators action "${action}" (use list or add)`);
      if (action === 'add' && !name) throw new UsageError('annotators add needs a NAME');
      const db = openProject(opts.db);
      try {
        if (action === 'add' && name) {
          const added = writeTransaction(db, () => addAnnotator(db, { name, color: opts.color ?? null }))();
          say(`added ${added.name}${added.color ? ` (${added.color})` : ''}`);
          return;
        }
        const annotators = annotatorSummaries(db);
        if (opts.json) {
          say(JSON.stringify(annotators, null, 2));
          return;
        }
        if (annotators.length === 0) say('(no annotators)');
        for (const a of annotators) {
          const queue = a.assigned > 0 ? `, queue ${a.assignedDone}/${a.assigned} done` : '';
          say(`${a.name.padEnd(16)} ${String(a.accepted).padStart(6)} accepted  ${String(a.done).padStart(6)} done${queue}`);
        }
      } finally {
        db.close();
      }
    });
}
