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

/**
 * How many times a form must have been tagged or accepted before suggestion
 * runs propose it across the corpus: one tag may be a slip ("Institute" as a
 * hospital), two are a decision.
 */
export const MIN_LEARNT_EVIDENCE = 2;

/** Whether a form with these counts is proposed wherever it occurs. */
export function isTrustedForm(counts: { readonly accepted: number; readonly rejected: number }): boolean {
  return counts.accepted >= MIN_LEARNT_EVIDENCE && counts.rejected <= counts.accepted;
}

/**
 * Forms tagged or accepted at least MIN_LEARNT_EVIDENCE times and rejected no
 * more often than that, of the given labels (all when omitted), by label then form.
 */
export function trustedGazetteerForms(db: Db, labels?: readonly string[]): { label: string; surface: string }[] {
  const rows = statement(db, 'SELECT label, surface FROM gazetteer WHERE accepted >= ? AND rejected <= accepted ORDER BY label, surface').all(
    MIN_LEARNT_EVIDENCE,
  ) as {
    label: string;
    surface: string;
  }[];
  return labels ? rows.filter((row) => labels.includes(row.label)) : rows;
}

/** A learnt form as the Learnt forms list shows it. */
export interface LearntForm extends GazetteerRow {
  /** Whether suggestion runs propose it (enough evidence, not rejected more often than accepted). */
  readonly proposed: boolean;
}

export interface LearntFormQuery {
  readonly label?: string;
  /** Part of the form, any case. */
  readonly contains?: string;
  readonly offset: number;
  readonly limit: number;
}

/** One page of learnt forms (counted at least once either way), by label, then most tagged first. */
export function learntFormPage(db: Db, query: LearntFormQuery): { total: number; items: LearntForm[] } {
  const where = `(accepted > 0 OR rejected > 0)
    AND (@label IS NULL OR label = @label)
    AND (@contains IS NULL OR instr(lower(surface), lower(@contains)) > 0)`;
  const params = { label: query.label ?? null, contains: query.contains?.trim() || null };
  const total = statement(db, `SELECT count(*) FROM gazetteer WHERE ${where}`).pluck().get(params) as number;
  const rows = statement(
    db,
    `SELECT label, surface, accepted, rejected FROM gazetteer WHERE ${where}
     ORDER BY label, accepted DESC, surface LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: query.limit, offset: query.offset }) as GazetteerRow[];
  return { total, items: rows.map((row) => ({ ...row, proposed: isTrustedForm(row) })) };
}

/** Removes a form's row; returns what it held, or undefined when there was none. */
export function deleteGazetteerForm(db: Db, label: string, surface: string): GazetteerRow | undefined {
  const row = gazetteerRow(db, label, surface);
  if (row) statement(db, 'DELETE FROM gazetteer WHERE label = ? AND surface = ?').run(label, surface);
  return row;
}

/** Puts a form's counts back as they were (undoing its removal). */
export function restoreGazetteerForm(db: Db, row: GazetteerRow): void {
  statement(
    db,
    `INSERT INTO gazetteer (label, surface, accepted, rejected, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (label, surface) DO UPDATE SET accepted = excluded.accepted, rejected = excluded.rejected, updated_at = excluded.updated_at`,
  ).run(row.label, row.surface, row.accepted, row.rejected, now());
}

/**
 * The evidence behind a learnt suggestion: the counts of the forms its text
 * matches under its label. Learnt forms match regardless of case (except
 * acronyms, which are stored as written), so the counts of forms that differ
 * only in case are added up.
 */
export function learntEvidence(db: Db, label: string, surface: string): { accepted: number; rejected: number } | undefined {
  const row = statement(
    db,
    'SELECT count(*) AS n, coalesce(sum(accepted), 0) AS accepted, coalesce(sum(rejected), 0) AS rejected FROM gazetteer WHERE label = ? AND surface = ? COLLATE NOCASE',
  ).get(label, surface.replace(/\s+/g, ' ')) as { n: number; accepted: number; rejected: number };
  return row.n === 0 ? undefined : { accepted: row.accepted, rejected: row.rejected };
}
