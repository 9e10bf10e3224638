import { Command } from 'commander';
import { openProject } from '../store/connection.js';
import { projectStats } from '../store/stats.js';
import { say } from './options.js';

export function statsCommand(): Command {
  return new Command('stats')
    .description('count documents, characters, spans by label and status, and noise by kind')
    .requiredOption('--db <file>', 'project file')
    .option('--json', 'print JSON')
    .action((opts: { db: string; json?: boolean }) => {
      const db = openProject(opts.db, { mustExist: true });
      try {
        const stats = projectStats(db);
        if (opts.json) {
          say(JSON.stringify(stats, null, 2));
          return;
        }
        say(`documents   ${stats.documents}`);
        say(`characters  ${stats.characters}`);
        say('spans');
        if (stats.spans.length === 0) say('  (none)');
        for (const row of stats.spans) say(`  ${row.label.padEnd(12)} ${row.status.padEnd(10)} ${row.count}`);
        say('noise');
        if (stats.noise.length === 0) say('  (none)');
        for (const row of stats.noise) say(`  ${row.kind.padEnd(23)} ${row.count}`);
      } finally {
        db.close();
      }
    });
}
