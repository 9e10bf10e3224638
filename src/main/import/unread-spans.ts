/**
 * Spans an import did not read. A reader keeps the fields it does not know as the
 * document's meta; when such a field looks like spans — a list of objects with
 * start, end and a label or labels (Label Studio, spaCy's training data…), or of
 * [start, end, label] triples (doccano), also as JSON text in a CSV cell — and the
 * record brought no spans, the import says so rather than keeping them silently.
 */
import type { JsonValue, Meta } from '../../shared/model.js';
import { countOf } from '../../shared/plural.js';
import type { ImportRecord } from './record.js';

/** Elements checked of a long list: enough to tell spans from other lists. */
const ELEMENTS_CHECKED = 20;
/** Longest string (UTF-16 units) parsed to see whether it holds spans as JSON text. */
const LONGEST_JSON_TEXT = 1024 * 1024;

function isWhole(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value);
}

/** The shapes of span lists, as the message names one element of each. */
const SHAPES = {
  triple: '[start, end, label] triple',
  labels: 'object with start, end and labels',
  label: 'object with start, end and label',
} as const;
type Shape = keyof typeof SHAPES;

/** `2 objects with start, end and labels`. */
function described(shape: Shape, count: number): string {
  const one = SHAPES[shape];
  return shape === 'triple' ? countOf(count, one) : countOf(count, 'object', 'objects') + one.slice('object'.length);
}

/** Which shape of span one element of a list has, if any. */
function spanShape(element: unknown): Shape | null {
  if (Array.isArray(element)) {
    const [start, end, label] = element as unknown[];
    return element.length === 3 && isWhole(start) && isWhole(end) && typeof label === 'string' ? 'triple' : null;
  }
  if (typeof element !== 'object' || element === null) return null;
  const { start, end, label, labels } = element as Record<string, unknown>;
  if (!isWhole(start) || !isWhole(end)) return null;
  if (Array.isArray(labels)) return 'labels';
  if (typeof label === 'string') return 'label';
  return null;
}

/** The shape of `value` when it is a non-empty list of spans (or JSON text of one), else null. */
function spanListShape(value: JsonValue | undefined): { readonly shape: Shape; readonly count: number } | null {
  let list: unknown = value;
  if (typeof value === 'string' && value.length <= LONGEST_JSON_TEXT && value.trimStart().startsWith('[')) {
    try {
      list = JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }
  if (!Array.isArray(list) || list.length === 0) return null;
  const shape = spanShape(list[0]);
  if (shape === null) return null;
  const checked = list.slice(0, ELEMENTS_CHECKED);
  return checked.every((element) => spanShape(element) === shape) ? { shape, count: list.length } : null;
}

/** The fields of `meta` that look like spans, with what they look like. */
export function spanLikeFields(meta: Meta): { readonly field: string; readonly shape: Shape; readonly count: number }[] {
  const found: { field: string; shape: Shape; count: number }[] = [];
  for (const [field, value] of Object.entries(meta)) {
    const list = spanListShape(value);
    if (list !== null) found.push({ field, ...list });
  }
  return found;
}

/** A warning of an import: where (a line, when the file has lines) and what. */
export interface UnreadWarning {
  readonly line?: number;
  readonly reason: string;
}

interface FirstSeen {
  readonly line?: number;
  readonly record: number;
  readonly shape: Shape;
  readonly count: number;
  others: number;
}

/**
 * Collects, for one file, the records that brought no spans but hold span-like
 * fields: one warning per field, naming the first record and how many more there were.
 */
export class UnreadSpans {
  readonly #fields = new Map<string, FirstSeen>();

  /** Notes record number `record` (1-based, in the file) if it holds spans that were not read. */
  note(record: ImportRecord, recordNumber: number): void {
    if (record.spans !== undefined && record.spans.length > 0) return;
    for (const { field, shape, count } of spanLikeFields(record.meta)) {
      const seen = this.#fields.get(field);
      if (seen) seen.others += 1;
      else this.#fields.set(field, { line: record.line, record: recordNumber, shape, count, others: 0 });
    }
  }

  /** The warnings of the file, then forgets them. */
  take(): UnreadWarning[] {
    const warnings = [...this.#fields].map(([field, seen]): UnreadWarning => {
      const where = seen.line === undefined ? `record ${seen.record}: ` : '';
      const more = seen.others > 0 ? `; so does the same field of ${countOf(seen.others, 'more record', 'more records')}` : '';
      const reason =
        `${where}no spans were read, but field "${field}" looks like spans (${described(seen.shape, seen.count)}); ` +
        `it was kept in the document's meta as it is${more}`;
      return seen.line === undefined ? { reason } : { line: seen.line, reason };
    });
    this.#fields.clear();
    return warnings;
  }

  clear(): void {
    this.#fields.clear();
  }
}
