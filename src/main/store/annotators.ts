import { COLOR_PATTERN } from '../../shared/labels.js';
import { ADJUDICATOR } from '../../shared/model.js';
import { ConflictError, NotFoundError, UserError } from '../errors.js';
import type { Db } from './connection.js';
import { now, statement } from './statements.js';
import { recordEdit, type Change } from './history.js';

/**
 * The project's annotators: the people who tag, each with their own done marks
 * and queue. A name used on spans (an import brought it, the CLI tagged as it)
 * counts as an annotator whether or not anyone added it to the list.
 */

export interface ProjectAnnotator {
  readonly name: string;
  readonly color: string | null;
  /** Where the list shows it; null for a name only spans use, listed after the others. */
  readonly position: number | null;
}

interface AnnotatorRow {
  name: string;
  color: string | null;
  position: number;
}

/** Names that are not anyone's: suggestions ('') and the adjudicated result. */
const NOBODY = ['', ADJUDICATOR] as const;

/** The annotators on the list, in its order, then names only spans use, by name. */
export function projectAnnotators(db: Db): ProjectAnnotator[] {
  const listed = statement(db, 'SELECT name, color, position FROM annotators ORDER BY position, name').all() as AnnotatorRow[];
  const known = new Set(listed.map((row) => row.name));
  const fromSpans = (statement(db, "SELECT DISTINCT annotator FROM spans WHERE annotator NOT IN ('', ?) ORDER BY annotator").pluck().all(ADJUDICATOR) as string[]).filter(
    (name) => !known.has(name),
  );
  return [...listed.map((row) => ({ ...row })), ...fromSpans.map((name) => ({ name, color: null, position: null }))];
}

/** How many annotators the project has (listed or on spans). */
export function annotatorCount(db: Db): number {
  return projectAnnotators(db).length;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 80) throw new UserError('an annotator needs a name of 1 to 80 characters');
  if ((NOBODY as readonly string[]).includes(trimmed)) throw new UserError(`"${trimmed}" is the adjudicated result, not an annotator`);
  return trimmed;
}

function checkColor(color: string | null | undefined): void {
  if (color !== undefined && color !== null && !COLOR_PATTERN.test(color)) throw new UserError(`colour "${color}" is not a #rrggbb colour`);
}

/**
 * Puts a name on the list if it is not there yet, inside the caller's
 * transaction. The first annotator named takes over the done marks a project
 * kept for nobody ('', see migration 015). Returns whether it was added.
 */
export function ensureAnnotator(db: Db, name: string, color: string | null = null): boolean {
  const checked = checkName(name);
  checkColor(color);
  const wasEmpty = statement(db, 'SELECT NOT EXISTS (SELECT 1 FROM annotators) AS empty').get() as { empty: number };
  const added =
    statement(
      db,
      `INSERT INTO annotators (name, color, position, created_at)
       VALUES (?, ?, (SELECT coalesce(max(position), -1) + 1 FROM annotators), ?) ON CONFLICT (name) DO NOTHING`,
    ).run(checked, color, now()).changes > 0;
  if (added && wasEmpty.empty === 1) statement(db, "UPDATE document_progress SET annotator = ? WHERE annotator = ''").run(checked);
  return added;
}

/** An annotator's entry in the list as the edit history keeps it. */
export interface AnnotatorEntry {
  readonly color: string | null;
  readonly position: number;
  readonly createdAt: string;
}

function annotatorEntry(db: Db, name: string): AnnotatorEntry | null {
  const row = statement(db, 'SELECT color, position, created_at AS createdAt FROM annotators WHERE name = ?').get(name) as AnnotatorEntry | undefined;
  return row ?? null;
}

/** Puts an entry back as it was (undo and redo), or takes it off the list (null). */
export function setAnnotatorEntry(db: Db, name: string, entry: AnnotatorEntry | null): void {
  if (entry === null) statement(db, 'DELETE FROM annotators WHERE name = ?').run(name);
  else {
    statement(
      db,
      `INSERT INTO annotators (name, color, position, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET color = excluded.color, position = excluded.position, created_at = excluded.created_at`,
    ).run(name, entry.color, entry.position, entry.createdAt);
  }
}

/** The edit that puts `name` on the list (and hands it the done marks kept for nobody, when it is the first), as undoable changes. */
function listingChanges(db: Db, name: string, wasListed: AnnotatorEntry | null, nobodysMarks: readonly { documentId: number; doneAt: string }[]): Change[] {
  const marks = wasListed === null ? nobodysMarks : [];
  return [
    { kind: 'annotator', name, before: wasListed, after: annotatorEntry(db, name) },
    ...marks.flatMap(({ documentId, doneAt }): Change[] => [
      { kind: 'done', documentId, annotator: '', before: doneAt, after: null },
      { kind: 'done', documentId, annotator: name, before: null, after: doneAt },
    ]),
  ];
}

/** The done marks kept for nobody, which the first annotator named takes over. */
function nobodysDoneMarks(db: Db): { documentId: number; doneAt: string }[] {
  const listed = statement(db, 'SELECT EXISTS (SELECT 1 FROM annotators) AS any').get() as { any: number };
  if (listed.any === 1) return [];
  return statement(db, "SELECT document_id AS documentId, done_at AS doneAt FROM document_progress WHERE annotator = ''").all() as { documentId: number; doneAt: string }[];
}

/** Adds an annotator to the list, as one undoable edit; refuses a name already there. */
export function addAnnotator(db: Db, input: { readonly name: string; readonly color?: string | null }): ProjectAnnotator {
  const name = checkName(input.name);
  if (statement(db, 'SELECT 1 FROM annotators WHERE name = ?').get(name) !== undefined) throw new ConflictError(`${name} is already an annotator`);
  const marks = nobodysDoneMarks(db);
  ensureAnnotator(db, name, input.color ?? null);
  recordEdit(db, `add annotator ${name}`, null, listingChanges(db, name, null, marks));
  return mustGetAnnotator(db, name);
}

/** Changes an annotator's colour or place in the list (a name only spans use is put on the list first), as one undoable edit. */
export function updateAnnotator(db: Db, name: string, change: { readonly color?: string | null; readonly position?: number }): ProjectAnnotator {
  if (!projectAnnotators(db).some((each) => each.name === name)) throw new NotFoundError(`no annotator ${name}`);
  checkColor(change.color);
  const before = annotatorEntry(db, name);
  const marks = nobodysDoneMarks(db);
  ensureAnnotator(db, name);
  if (change.color !== undefined) statement(db, 'UPDATE annotators SET color = ? WHERE name = ?').run(change.color, name);
  if (change.position !== undefined) statement(db, 'UPDATE annotators SET position = ? WHERE name = ?').run(change.position, name);
  recordEdit(db, `change annotator ${name}`, null, listingChanges(db, name, before, marks));
  return mustGetAnnotator(db, name);
}

function mustGetAnnotator(db: Db, name: string): ProjectAnnotator {
  const row = statement(db, 'SELECT name, color, position FROM annotators WHERE name = ?').get(name) as AnnotatorRow | undefined;
  if (!row) throw new NotFoundError(`no annotator ${name}`);
  return { ...row };
}
