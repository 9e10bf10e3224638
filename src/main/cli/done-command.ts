import { Command } from 'commander';
import { setDocumentDone } from '../annotate/progress-edits.js';
import { UsageError, UserError } from '../errors.js';
import { openProject } from '../store/connection.js';
import { parseIds, say } from './options.js';

interface DoneOptions {
  db: string;
  annotator: string;
  not?: boolean;
}

export function doneCommand(): Command {
  return new Command('done')
    .description('mark documents done for an annotator (done is each annotator\'s own), or not done with --not')
    .argument('<ids>', 'document ids (comma-separated)', parseIds)
    .requiredOption('--db <file>', 'project file')
    .requiredOption('--annotator <name>', 'whose progress it is')
    .option('--not', 'mark them not done')
    .action((ids: readonly number[], opts: DoneOptions) => {
      const db = openProject(opts.db, { mustExist: true });
      try {
        for (const id of ids) {
          try {
            setDocumentDone(db, id, opts.annotator, !opts.not);
          } catch (error) {
            if (error instanceof UserError) throw new UsageError(error.message);
            throw error;
          }
        }
        say(`${ids.length} document${ids.length === 1 ? '' : 's'} ${opts.not ? 'not done' : 'done'} for ${opts.annotator}`);
      } finally {
        db.close();
      }
    });
}
