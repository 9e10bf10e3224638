import { Command } from 'commander';
import { linkSuggestions } from '../entities/suggestions.js';
import { UsageError, UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { openProject } from '../store/connection.js';
import { entityListPage, type EntitySummaryRow } from '../store/entities.js';
import { listLabels } from '../store/labels.js';
import { say } from './options.js';

interface EntitiesOptions {
  db: string;
  label?: string;
  json?: boolean;
}

const PAGE = 500;

function allEntities(db: Db, label: string | undefined): EntitySummaryRow[] {
  const items: EntitySummaryRow[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = entityListPage(db, { label, offset, limit: PAGE });
    items.push(...page.items);
    if (page.items.length < PAGE) return items;
  }
}

function listEntities(db: Db, opts: EntitiesOptions): void {
  const entities = allEntities(db, opts.label);
  if (opts.json) {
    say(JSON.stringify(entities, null, 2));
    return;
  }
  if (entities.length === 0) say('no entities');
  for (const entity of entities) {
    const aliases = entity.aliases.length > 0 ? `  (also ${entity.aliases.join(', ')})` : '';
    say(`${String(entity.id).padStart(5)}  ${entity.label.padEnd(10)} ${String(entity.mentions).padStart(6)} mentions in ${entity.documents} ${entity.documents === 1 ? 'doc' : 'docs'}  ${entity.name}${aliases}`);
  }
}

function listSuggestions(db: Db, opts: EntitiesOptions): void {
  const suggestions = linkSuggestions(db, opts.label === undefined ? undefined : [opts.label]).map(({ group: _group, ...rest }) => rest);
  if (opts.json) {
    say(JSON.stringify(suggestions, null, 2));
    return;
  }
  if (suggestions.length === 0) say('no link suggestions');
  for (const suggestion of suggestions) {
    const target = suggestion.entityId === null ? `new entity "${suggestion.name}"` : `entity ${suggestion.entityId} "${suggestion.name}"`;
    const count = `${suggestion.spanIds.length} ${suggestion.spanIds.length === 1 ? 'span' : 'spans'}`;
    say(`${suggestion.reason.padEnd(16)} ${suggestion.label.padEnd(10)} ${count} → ${target}`);
    say(`  ${suggestion.explanation}`);
    say(`  key: ${suggestion.key}`);
  }
}

export function entitiesCommand(): Command {
  return new Command('entities')
    .description('list canonical entities with their mention counts, or the suggested links: entities suggestions')
    .argument('[action]', 'list (default) or suggestions')
    .requiredOption('--db <file>', 'project file')
    .option('--label <label>', 'only entities (or suggestions) of this label')
    .option('--json', 'print JSON')
    .action((action: string | undefined, opts: EntitiesOptions) => {
      if (action !== undefined && action !== 'list' && action !== 'suggestions') {
        throw new UsageError(`unknown entities action "${action}" (use list or suggestions)`);
      }
      const db = openProject(opts.db, { mustExist: true });
      try {
        if (opts.label !== undefined && !listLabels(db).some((label) => label.name === opts.label)) {
          throw new UserError(`unknown label ${opts.label}`);
        }
        if (action === 'suggestions') listSuggestions(db, opts);
        else listEntities(db, opts);
      } finally {
        db.close();
      }
    });
}
