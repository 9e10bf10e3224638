import { OffsetMap } from '../../shared/offsets.js';
import type { Span } from '../../shared/model.js';
import { NotFoundError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { countGazetteerForm, deleteGazetteerForm, learntEvidence, trustedGazetteerForms } from '../store/gazetteer.js';
import { recordEdit, type Change } from '../store/history.js';
import { statement, writeTransaction } from '../store/statements.js';
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

/**
 * The learnt forms a suggestion run proposes wherever they occur: tagged or
 * accepted more than once, and rejected no more often than that.
 */
export function learntForms(db: Db, labels?: readonly string[]): GazetteerEntry[] {
  return trustedGazetteerForms(db, labels);
}

/**
 * Forgets a learnt form: suggestion runs stop proposing it, and tags from now
 * on count for it afresh. One undo step brings its counts back.
 */
export function forgetLearntForm(db: Db, label: string, surface: string): void {
  writeTransaction(db, () => {
    const before = deleteGazetteerForm(db, label, surface);
    if (!before) throw new NotFoundError(`no learnt form "${surface}" of ${label}`);
    recordEdit(db, `forget learnt form "${surface}" (${label})`, null, [{ kind: 'learnt-form', label, surface, before, after: null }]);
  })();
}

/** What a learnt suggestion rests on, for its provenance: the tags (and rejections) of its form. */
export interface LearntFrom {
  readonly accepted: number;
  readonly rejected: number;
}

/**
 * Adds to each suggestion a learnt form proposed the counts of that form, as
 * they stand now; other spans are returned as they are.
 */
export function withLearntEvidence<T extends Pick<Span, 'startCp' | 'endCp' | 'label' | 'recogniser'>>(
  db: Db,
  text: string,
  spans: readonly T[],
): (T & { learntFrom?: LearntFrom })[] {
  let offsets: OffsetMap | undefined;
  return spans.map((span) => {
    if (span.recogniser !== 'gazetteer') return span;
    offsets ??= new OffsetMap(text);
    const evidence = learntEvidence(db, span.label, offsets.sliceCp(span.startCp, Math.min(span.endCp, offsets.lengthCp)));
    return evidence ? { ...span, learntFrom: evidence } : span;
  });
}
