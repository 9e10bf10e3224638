/**
 * doccano JSONL: `{"text", "label": [[start, end, label], …]}`, offsets in UTF-16
 * code units (converted to code points here). Every other field goes to meta;
 * doccano's `id` is kept there, never used as ours.
 */
import { OffsetMap } from '../../../shared/offsets.js';
import type { ImportRecord, ImportedSpan } from '../record.js';
import { isJsonObject, type JsonObject, type Outcome } from './documents.js';
import { foreignSpan } from './foreign-spans.js';
import { titleOr } from './title.js';

/** A doccano line: a string `text` and a `label` list of [start, end, label] triples. */
export function isDoccanoShape(value: unknown): value is JsonObject {
  return (
    isJsonObject(value) &&
    typeof value.text === 'string' &&
    Array.isArray(value.label) &&
    value.label.every((entry) => Array.isArray(entry) && entry.length === 3)
  );
}

/** One doccano example; a bad span refuses the example, naming the span. */
export function doccanoRecord(value: unknown, fileName: string, line?: number): Outcome<ImportRecord> {
  if (!isJsonObject(value)) return { ok: false, reason: 'not a JSON object' };
  const { text, label, title } = value;
  if (typeof text !== 'string') return { ok: false, reason: 'no "text" field (a string is needed)' };
  if (text.trim() === '') return { ok: false, reason: 'empty text' };
  if (label !== undefined && !Array.isArray(label)) return { ok: false, reason: '"label" must be a list of [start, end, label]' };
  const map = new OffsetMap(text);
  const spans: ImportedSpan[] = [];
  for (const [index, entry] of (label ?? []).entries()) {
    if (!Array.isArray(entry) || entry.length !== 3) return { ok: false, reason: `label ${index + 1}: expected [start, end, label]` };
    const [start, end, name] = entry as readonly unknown[];
    const span = foreignSpan(map, { start, end, label: name }, 'utf16');
    if (!span.ok) return { ok: false, reason: `label ${index + 1}: ${span.reason}` };
    spans.push(span.value);
  }
  const meta = Object.fromEntries(Object.entries(value).filter(([key]) => !['text', 'label', 'title'].includes(key)));
  return {
    ok: true,
    value: {
      kind: 'record',
      title: titleOr(title, text, fileName),
      text,
      meta,
      ...(line === undefined ? {} : { line }),
      ...(spans.length > 0 ? { spans } : {}),
    },
  };
}
