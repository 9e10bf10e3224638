import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { openProject } from '../store/connection.js';
import { addLabel, listLabels } from '../store/labels.js';
import { say } from './options.js';

interface LabelsOptions {
  db: string;
  key?: string;
  color?: string;
  display?: string;
  namesThings?: boolean;
  json?: boolean;
}

export function labelsCommand(): Command {
  return new Command('labels')
    .description('list the project\'s labels, or add one: labels add NAME --key K --color "#rrggbb"')
    .argument('[action]', 'list (default) or add')
    .argument('[name]', 'with add: the new label\'s name, e.g. MEDICINE')
    .requiredOption('--db <file>', 'project file (created if missing)')
    .option('--key <key>', 'with add: shortcut key')
    .option('--color <color>', 'with add: colour as #rrggbb')
    .option('--display <name>', 'with add: display name')
    .option('--names-things', 'with add: its spans name things (a clinic, an organisation) that can be linked to entities')
    .option('--json', 'print JSON')
    .action((action: string | undefined, name: string | undefined, opts: LabelsOptions) => {
      if (action !== undefined && action !== 'list' && action !== 'add') {
        throw new UsageError(`unknown labels action "${action}" (use list or add)`);
      }
      if (action === 'add' && !name) throw new UsageError('labels add needs a NAME');
      const db = openProject(opts.db);
      try {
        if (action === 'add' && name) {
          const label = addLabel(db, { name, shortcutKey: opts.key ?? null, color: opts.color, displayName: opts.display, namesThings: opts.namesThings });
          const names = label.namesThings ? ', names things' : '';
          say(`added ${label.name} (${label.displayName}, ${label.color}${label.shortcutKey ? `, key ${label.shortcutKey}` : ''}${names})`);
          return;
        }
        const labels = listLabels(db);
        if (opts.json) {
          say(JSON.stringify(labels, null, 2));
          return;
        }
        for (const label of labels) {
          say(`${(label.shortcutKey ?? '-').padEnd(2)} ${label.name.padEnd(12)} ${label.displayName.padEnd(14)} ${label.color}`);
        }
      } finally {
        db.close();
      }
    });
}
