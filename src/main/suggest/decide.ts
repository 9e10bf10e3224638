import type { JsonValue } from '../../shared/model.js';
import { randomUUID } from 'node:crypto';
import { NotFoundError, UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { describeBatch, recordEdit, type Change } from '../store/history.js';
import { listLabels } from '../store/labels.js';
import { createSpan, decideSpanRow, deleteSpanRow, spanRows, spanRowsWithStatus, type SpanRow } from '../store/spans.js';
import { decisionOf, setDecision } from '../store/decisions.js';
import { blindAnnotationOn } from '../annotate/blind-annotation.js';
import { inDocumentBatches } from '../annotate/document-batches.js';
import { statement, writeTransaction } from '../store/statements.js';
import { learnFromSpans } from './gazetteer.js';

/** Which suggestions to decide on: these ids, or every suggestion of a document (optionally of one label). */
export type SuggestionSelection =
  | { readonly ids: readonly number[] }
  | { readonly documentId: number; readonly label?: string };

export interface Decision {
  readonly status: 'accepted' | 'rejected';
  /** The person deciding; an accepted suggestion becomes theirs. */
  readonly annotator: string;
}

function selectedSuggestions(db: Db, selection: SuggestionSelection): SpanRow[] {
  if ('ids' in selection) {
    const rows = spanRows(db, [...new Set(selection.ids)]);
    if (rows.length < new Set(selection.ids).size) {
      const found = new Set(rows.map((row) => row.id));
      const missing = selection.ids.filter((id) => !found.has(id));
      throw new NotFoundError(`no span ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`);
    }
    // Spans already decided are left as they are: deciding twice changes nothing.
    return rows.filter((row) => row.status === 'suggested');
  }
  if (statement(db, 'SELECT 1 FROM documents WHERE id = ?').get(selection.documentId) === undefined) {
    throw new NotFoundError(`document ${selection.documentId} does not exist`);
  }
  if (selection.label !== undefined && !listLabels(db).some((label) => label.name === selection.label)) {
    throw new UserError(`unknown label ${selection.label}`);
  }
  return spanRowsWithStatus(db, selection.documentId, 'suggested', selection.label);
}

function ownSpanAt(db: Db, row: SpanRow, annotator: string): boolean {
  return (
    statement(db, 'SELECT 1 FROM spans WHERE document_id = ? AND start_cp = ? AND end_cp = ? AND label = ? AND annotator = ? AND id <> ?').get(
      row.document_id,
      row.start_cp,
      row.end_cp,
      row.label,
      annotator,
      row.id,
    ) !== undefined
  );
}

/**
 * One annotator's decision on a shared suggestion, with blind annotation: the
 * suggestion's row stays for the others; the person's decision is recorded,
 * and accepting also gives them their own span there (with the recogniser and
 * confidence as provenance). Undefined when they had decided on it already.
 */
function decideForOne(db: Db, row: SpanRow, decision: Decision): Change[] | undefined {
  if (decisionOf(db, row.id, decision.annotator)) return undefined;
  const changes: Change[] = [];
  if (decision.status === 'accepted' && !ownSpanAt(db, row, decision.annotator)) {
    const own = createSpan(db, {
      documentId: row.document_id,
      startCp: row.start_cp,
      endCp: row.end_cp,
      label: row.label,
      annotator: decision.annotator,
      status: 'accepted',
      entityId: row.entity_id,
      value: row.value === null ? null : (JSON.parse(row.value) as JsonValue),
      recogniser: row.recogniser,
      confidence: row.confidence,
    });
    if (own) changes.push({ kind: 'span', id: own.id, before: null, after: own });
  }
  const after = { decision: decision.status, decided_at: new Date().toISOString() };
  setDecision(db, row.id, decision.annotator, after);
  changes.push({ kind: 'decision', spanId: row.id, annotator: decision.annotator, before: null, after });
  return changes;
}

/** Decides on the given suggested rows; returns the row changes and what the gazetteer learnt, for one edit. */
function decideRows(db: Db, rows: readonly SpanRow[], decision: Decision): { changes: Change[]; learnt: Change[]; decided: number } {
  const changes: Change[] = [];
  const blind = blindAnnotationOn(db);
  const decided: SpanRow[] = [];
  for (const before of rows) {
    if (blind && before.annotator === '') {
      const own = decideForOne(db, before, decision);
      if (own) {
        changes.push(...own);
        decided.push(before);
      }
      continue;
    }
    decided.push(before);
    if (decision.status === 'accepted' && ownSpanAt(db, before, decision.annotator)) {
      // The person tagged the same span themselves since it was suggested: theirs stands, the suggestion goes.
      deleteSpanRow(db, before.id);
      changes.push({ kind: 'span', id: before.id, before, after: null });
      continue;
    }
    const annotator = decision.status === 'accepted' ? decision.annotator : before.annotator;
    changes.push({ kind: 'span', id: before.id, before, after: decideSpanRow(db, before.id, decision.status, annotator) });
  }
  const learnt = learnFromSpans(
    db,
    decided.map((row) => ({ documentId: row.document_id, startCp: row.start_cp, endCp: row.end_cp, label: row.label })),
    decision.status,
  );
  return { changes, learnt, decided: decided.length };
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en')} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Accepts or rejects suggested spans as one edit (one undo step). An accepted
 * suggestion becomes the person's span and keeps its recogniser and confidence
 * as provenance; a rejected one stays, so it is not proposed again. Both teach
 * the gazetteer. Returns how many spans changed.
 */
export function decideSuggestions(db: Db, selection: SuggestionSelection, decision: Decision): number {
  return writeTransaction(db, () => {
    const rows = selectedSuggestions(db, selection);
    const { changes, learnt, decided } = decideRows(db, rows, decision);
    const documents = new Set(rows.map((row) => row.document_id));
    const verb = decision.status === 'accepted' ? 'accept' : 'reject';
    recordEdit(db, `${verb} ${plural(decided, 'suggestion')}`, documents.size === 1 ? (rows[0]?.document_id ?? null) : null, [...changes, ...learnt]);
    return decided;
  })();
}

export interface DecideAllOptions extends Decision {
  /** Only suggestions of this label; every label when omitted. */
  readonly label?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { readonly documentsDone: number; readonly documentsTotal: number }) => void;
  /** Documents decided per transaction: short enough that the workbench's own writes go between them. */
  readonly batchDocuments?: number;
}

export interface DecideAllReport {
  readonly changed: number;
  readonly documents: number;
  readonly cancelled: boolean;
}

/** The documents holding suggestions of `label` (every label when undefined), read by the label's index. */
function documentsWithSuggestions(db: Db, label: string | undefined): number[] {
  const labels = label === undefined ? listLabels(db).map((each) => each.name) : [label];
  const ids = new Set<number>();
  for (const name of labels) {
    for (const id of statement(db, "SELECT DISTINCT document_id FROM spans WHERE label = ? AND status = 'suggested'").pluck().all(name) as number[]) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/**
 * Accepts or rejects every suggestion of a label (or of all labels) across the
 * corpus, as a job: a batch of documents per transaction, the event loop
 * turning between them, stoppable between batches. The batches' edits share a
 * batch key, so undo takes the whole decision back in one step, also when it
 * was cancelled part-way.
 */
export async function decideAllSuggestions(db: Db, options: DecideAllOptions): Promise<DecideAllReport> {
  if (options.label !== undefined && !listLabels(db).some((label) => label.name === options.label)) {
    throw new UserError(`unknown label ${options.label}`);
  }
  const documents = documentsWithSuggestions(db, options.label);
  const batch = `decide-${randomUUID()}`;
  const decision: Decision = { status: options.status, annotator: options.annotator };
  let changed = 0;
  const { done, cancelled } = await inDocumentBatches(db, documents, options, (slice) => {
    const rows = slice.flatMap((documentId) => spanRowsWithStatus(db, documentId, 'suggested', options.label));
    const { changes, learnt, decided } = decideRows(db, rows, decision);
    recordEdit(db, 'deciding suggestions across the corpus', null, [...changes, ...learnt], batch);
    changed += decided;
  });
  const verb = options.status === 'accepted' ? 'accept' : 'reject';
  const what = options.label === undefined ? 'suggestion' : `${options.label} suggestion`;
  writeTransaction(db, () => describeBatch(db, batch, `${verb} ${plural(changed, what)} in ${plural(done, 'document')}`))();
  return { changed, documents: done, cancelled };
}
