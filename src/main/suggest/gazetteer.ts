import type { Db } from '../store/connection.js';
import { countGazetteerForm, trustedGazetteerForms } from '../store/gazetteer.js';
import type { Change } from '../store/history.js';
import { statement } from '../store/statements.js';
import type { GazetteerEntry } from './candidate.js';

/** Longer "forms" are selections gone astray, not names worth proposing elsewhere. */
const MAX_FORM_CP = 200;

/** Where a span lies, enough to read its surface form. */
export interface SpanPlace {
  readonly documentId: number;
  readonly startCp: number;
  readonly endCp: number;
  readonly label: string;
}

/**
 * Counts what annotators decided about spans in the gazetteer: a tagged or
 * accepted span counts for its surface form, a rejected one against it. Called
 * inside the edit's transaction; the returned changes go into the same edit, so
 * undoing it takes the counts back too.
 */
export function learnFromSpans(db: Db, spans: readonly SpanPlace[], verdict: 'accepted' | 'rejected'): Change[] {
  if (spans.length === 0) return [];
  // SQLite's substr counts characters, i.e. code points, as our offsets do.
  const surfaceOf = statement(db, 'SELECT substr(text, ? + 1, ? - ?) AS surface FROM documents WHERE id = ?');
  const tally = new Map<string, { label: string; surface: string; n: number }>();
  for (const span of spans) {
    if (span.endCp - span.startCp > MAX_FORM_CP) continue;
    const row = surfaceOf.get(span.startCp, span.endCp, span.startCp, span.documentId) as { surface: string } | undefined;
    const surface = row?.surface.trim();
    if (!surface) continue;
    const key = `${span.label}\u0000${surface}`;
    const entry = tally.get(key);
    if (entry) entry.n += 1;
    else tally.set(key, { label: span.label, surface, n: 1 });
  }
  const changes: Change[] = [];
  for (const { label, surface, n } of tally.values()) {
    const counts = verdict === 'accepted' ? { accepted: n, rejected: 0 } : { accepted: 0, rejected: n };
    countGazetteerForm(db, label, surface, counts);
    changes.push({ kind: 'gazetteer', label, surface, ...counts });
  }
  return changes;
}

/** The learnt forms a suggestion run proposes wherever they occur: accepted more often than rejected. */
export function learntForms(db: Db, labels?: readonly string[]): GazetteerEntry[] {
  return trustedGazetteerForms(db, labels);
}
