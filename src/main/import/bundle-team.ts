import { COLOR_PATTERN } from '../../shared/labels.js';
import { UserError } from '../errors.js';
import { BUNDLE_ENTRIES } from '../export/formats/bundle.js';
import type { BundleTeam } from '../export/formats/bundle-team.js';
import { ensureAnnotator } from '../store/annotators.js';
import type { Db } from '../store/connection.js';
import { documentIdByContentHash } from '../store/documents.js';
import { statement, writeTransaction } from '../store/statements.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isName = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0 && value.length <= 80 && value !== 'adjudicated';
const isTime = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 40;

/** Checks team.json: annotators, assignments and done marks, documents named by index into the `documents` documents. */
export function teamFrom(value: unknown, documents: number): BundleTeam {
  const where = BUNDLE_ENTRIES.team;
  if (!isObject(value) || !Array.isArray(value.annotators) || !Array.isArray(value.assignments) || !Array.isArray(value.progress)) {
    throw new UserError(`${where}: needs "annotators", "assignments" and "progress" arrays`);
  }
  const annotators = value.annotators.map((each: unknown, i) => {
    if (!isObject(each) || !isName(each.name)) throw new UserError(`${where}: annotator ${i + 1} needs a "name"`);
    const color = typeof each.color === 'string' && COLOR_PATTERN.test(each.color) ? each.color : null;
    return { name: each.name, color, position: typeof each.position === 'number' ? each.position : i };
  });
  const rows = <K extends 'assigned_at' | 'done_at'>(list: unknown[], time: K, what: string) =>
    list.map((each: unknown, i) => {
      if (!isObject(each) || typeof each.document !== 'number' || !Number.isInteger(each.document) || each.document < 0 || each.document >= documents) {
        throw new UserError(`${where}: ${what} ${i + 1}: "document" must be an index into the ${documents} documents`);
      }
      if (!isName(each.annotator) || !isTime(each[time])) throw new UserError(`${where}: ${what} ${i + 1} needs an "annotator" and "${time}"`);
      return { document: each.document, annotator: each.annotator, [time]: each[time] } as { document: number; annotator: string } & Record<K, string>;
    });
  return { annotators, assignments: rows(value.assignments, 'assigned_at', 'assignment'), progress: rows(value.progress, 'done_at', 'done mark') };
}

/**
 * Brings a bundle's team into this project: its annotators (a name already here
 * keeps its colour), assignments and done marks, documents found again by
 * content hash. What is already here stays. One transaction. Returns how many
 * assignments were added.
 */
export function restoreBundleTeam(db: Db, team: BundleTeam, documentHashes: readonly string[]): number {
  const ids = new Map<number, number | undefined>();
  const idOf = (index: number): number | undefined => {
    if (!ids.has(index)) ids.set(index, documentIdByContentHash(db, documentHashes[index] ?? ''));
    return ids.get(index);
  };
  return writeTransaction(db, () => {
    for (const annotator of [...team.annotators].sort((a, b) => a.position - b.position)) ensureAnnotator(db, annotator.name, annotator.color);
    let added = 0;
    for (const row of team.assignments) {
      const documentId = idOf(row.document);
      if (documentId === undefined) continue;
      added += statement(db, 'INSERT OR IGNORE INTO assignments (annotator, document_id, assigned_at) VALUES (?, ?, ?)').run(row.annotator, documentId, row.assigned_at).changes;
    }
    for (const row of team.progress) {
      const documentId = idOf(row.document);
      if (documentId !== undefined) statement(db, 'INSERT OR IGNORE INTO document_progress (annotator, document_id, done_at) VALUES (?, ?, ?)').run(row.annotator, documentId, row.done_at);
    }
    return added;
  })();
}
