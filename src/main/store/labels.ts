import { COLOR_PATTERN, LABEL_NAME_PATTERN, LABELS_THAT_NAME_THINGS, SPARE_LABEL_COLORS } from '../../shared/labels.js';
import type { Label } from '../../shared/model.js';
import { UserError } from '../errors.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

interface LabelRow {
  name: string;
  display_name: string;
  color: string;
  shortcut_key: string | null;
  names_things: number;
}

function toLabel(row: LabelRow): Label {
  return { name: row.name, displayName: row.display_name, color: row.color, shortcutKey: row.shortcut_key, namesThings: row.names_things === 1 };
}

/** Every label, in the order the project shows them. */
export function listLabels(db: Db): Label[] {
  const rows = statement(db, 'SELECT * FROM labels ORDER BY position, name').all() as LabelRow[];
  return rows.map(toLabel);
}

export interface NewLabel {
  readonly name: string;
  readonly displayName?: string;
  readonly color?: string;
  readonly shortcutKey?: string | null;
  /** Whether spans of the label name things entities gather (default: only for HOSPITAL and PERSON). */
  readonly namesThings?: boolean;
}

/** Adds a label, checking its name, colour and key; refuses a name or key already in use. */
export function addLabel(db: Db, input: NewLabel): Label {
  if (!LABEL_NAME_PATTERN.test(input.name)) {
    throw new UserError(`label name "${input.name}" is not allowed: use letters, digits, _ . - (at most 40, no spaces)`);
  }
  if (input.color !== undefined && !COLOR_PATTERN.test(input.color)) {
    throw new UserError(`colour "${input.color}" is not a #rrggbb colour`);
  }
  const key = input.shortcutKey ?? null;
  if (key !== null && [...key].length !== 1) throw new UserError(`shortcut key "${key}" must be one character`);
  const existing = listLabels(db);
  if (existing.some((label) => label.name === input.name)) throw new UserError(`label ${input.name} already exists`);
  const holder = key === null ? undefined : existing.find((label) => label.shortcutKey === key);
  if (holder) throw new UserError(`shortcut key ${key} is already used by ${holder.name}`);
  const label: Label = {
    name: input.name,
    displayName: input.displayName ?? input.name.charAt(0) + input.name.slice(1).toLowerCase(),
    color: input.color ?? (SPARE_LABEL_COLORS[existing.length % SPARE_LABEL_COLORS.length] as string),
    shortcutKey: key,
    namesThings: input.namesThings ?? LABELS_THAT_NAME_THINGS.includes(input.name),
  };
  statement(
    db,
    `INSERT INTO labels (name, display_name, color, shortcut_key, names_things, position)
     VALUES (?, ?, ?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM labels))`,
  ).run(label.name, label.displayName, label.color, label.shortcutKey, label.namesThings ? 1 : 0);
  return label;
}

/**
 * Makes sure a label exists before spans use it (imports meet labels the project
 * has not seen). A declared label's colour and key are kept where they are free.
 */
export function ensureLabel(db: Db, name: string, declared?: Label): boolean {
  if (statement(db, 'SELECT 1 FROM labels WHERE name = ?').get(name)) return false;
  const keyTaken =
    declared?.shortcutKey != null && statement(db, 'SELECT 1 FROM labels WHERE shortcut_key = ?').get(declared.shortcutKey);
  addLabel(db, {
    name,
    displayName: declared?.displayName,
    color: declared && COLOR_PATTERN.test(declared.color) ? declared.color : undefined,
    shortcutKey: keyTaken ? null : (declared?.shortcutKey ?? null),
    namesThings: declared?.namesThings,
  });
  return true;
}

/** Removes a label nothing uses any more (no span, entity or learnt form); true when it was removed. */
export function removeUnusedLabel(db: Db, name: string): boolean {
  return (
    statement(
      db,
      `DELETE FROM labels WHERE name = @name
         AND NOT EXISTS (SELECT 1 FROM spans WHERE label = @name)
         AND NOT EXISTS (SELECT 1 FROM entities WHERE label = @name)
         AND NOT EXISTS (SELECT 1 FROM gazetteer WHERE label = @name)`,
    ).run({ name }).changes > 0
  );
}

export interface LabelChange {
  readonly displayName?: string;
  readonly color?: string;
  readonly shortcutKey?: string | null;
  readonly namesThings?: boolean;
}

/** Renames, recolours or rebinds a label, or marks whether it names things; its name (what exports carry) stays. */
export function updateLabel(db: Db, name: string, change: LabelChange): Label {
  const labels = listLabels(db);
  const label = labels.find((candidate) => candidate.name === name);
  if (!label) throw new UserError(`no label ${name}`);
  if (change.color !== undefined && !COLOR_PATTERN.test(change.color)) throw new UserError(`colour "${change.color}" is not a #rrggbb colour`);
  const key = change.shortcutKey === undefined ? label.shortcutKey : change.shortcutKey;
  if (key !== null && [...key].length !== 1) throw new UserError(`shortcut key "${key}" must be one character`);
  const holder = key === null ? undefined : labels.find((other) => other.shortcutKey === key && other.name !== name);
  if (holder) throw new UserError(`shortcut key ${key} is already used by ${holder.name}`);
  const updated: Label = {
    name,
    displayName: change.displayName?.trim() || label.displayName,
    color: change.color ?? label.color,
    shortcutKey: key,
    namesThings: change.namesThings ?? label.namesThings,
  };
  statement(db, 'UPDATE labels SET display_name = ?, color = ?, shortcut_key = ?, names_things = ? WHERE name = ?').run(
    updated.displayName,
    updated.color,
    updated.shortcutKey,
    updated.namesThings ? 1 : 0,
    name,
  );
  return updated;
}

/** The labels whose spans name things entities gather (HOSPITAL, PERSON, custom ones marked so), in the project's order. */
export function labelsThatNameThings(db: Db): string[] {
  return statement(db, 'SELECT name FROM labels WHERE names_things = 1 ORDER BY position, name').pluck().all() as string[];
}
