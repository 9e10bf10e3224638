import type { Db } from './connection.js';
import { now, statement } from './statements.js';

/** A gazetteer row: how often annotators confirmed and refused one surface form of a label. */
export interface GazetteerRow {
  readonly label: string;
  readonly surface: string;
  readonly accepted: number;
  readonly rejected: number;
}

/** Adds to a form's counts, creating its row at the first count. */
export function countGazetteerForm(db: Db, label: string, surface: string, counts: { readonly accepted?: number; readonly rejected?: number }): void {
  statement(
    db,
    `INSERT INTO gazetteer (label, surface, accepted, rejected, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (label, surface) DO UPDATE SET accepted = accepted + excluded.accepted,
       rejected = rejected + excluded.rejected, updated_at = excluded.updated_at`,
  ).run(label, surface, counts.accepted ?? 0, counts.rejected ?? 0, now());
}

/** Takes counts off a form again (undoing an edit); never below zero. */
export function uncountGazetteerForm(db: Db, label: string, surface: string, counts: { readonly accepted: number; readonly rejected: number }): void {
  statement(
    db,
    `UPDATE gazetteer SET accepted = max(0, accepted - ?), rejected = max(0, rejected - ?), updated_at = ?
     WHERE label = ? AND surface = ?`,
  ).run(counts.accepted, counts.rejected, now(), label, surface);
}

/** One form's row, or undefined when it was never counted. */
export function gazetteerRow(db: Db, label: string, surface: string): GazetteerRow | undefined {
  return statement(db, 'SELECT label, surface, accepted, rejected FROM gazetteer WHERE label = ? AND surface = ?').get(label, surface) as
    | GazetteerRow
    | undefined;
}

/** Forms accepted more often than rejected, of the given labels (all when omitted), by label then form. */
export function trustedGazetteerForms(db: Db, labels?: readonly string[]): { label: string; surface: string }[] {
  const rows = statement(db, 'SELECT label, surface FROM gazetteer WHERE accepted > rejected ORDER BY label, surface').all() as {
    label: string;
    surface: string;
  }[];
  return labels ? rows.filter((row) => labels.includes(row.label)) : rows;
}
