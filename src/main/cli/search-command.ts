import { Command } from 'commander';
import { openProject } from '../store/connection.js';
import { searchDocuments } from '../store/search.js';
import { parsePositiveInt, say } from './options.js';

export function searchCommand(): Command {
  return new Command('search')
    .description('full-text search over titles and texts ("quoted phrases" allowed)')
    .argument('<query...>', 'words to find (all must match)')
    .requiredOption('--db <file>', 'project file')
    .option('--limit <n>', 'at most this many hits', parsePositiveInt, 20)
    .option('--json', 'print JSON')
    .action((words: string[], opts: { db: string; limit: number; json?: boolean }) => {
      const db = openProject(opts.db, { mustExist: true });
      try {
        const hits = searchDocuments(db, words.join(' '), { limit: opts.limit });
        if (opts.json) {
          say(JSON.stringify(hits, null, 2));
          return;
        }
        if (hits.length === 0) say('no documents match');
        for (const hit of hits) say(`${hit.id}\t${hit.title}\n\t${hit.snippet.replace(/\s+/gu, ' ')}`);
      } finally {
        db.close();
      }
    });
}
