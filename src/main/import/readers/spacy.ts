/**
 * spaCy/Prodigy-style JSONL: `{"text", "spans": [{start, end, label}], "tokens", "meta"}`,
 * offsets in code points. Tokens are not needed to place a span and are not kept.
 * Prodigy's `"answer": "reject"` makes the spans rejected.
 */
import { OffsetMap } from '../../../shared/offsets.js';
import type { ImportRecord, ImportedSpan } from '../record.js';
import { isJsonObject, type JsonObject, type Outcome } from './documents.js';
import { foreignSpan } from './foreign-spans.js';
import { titleOr } from './title.js';

/** A spaCy/Prodigy line: a string `text` and a `tokens` list. */
export function isSpacyShape(value: unknown): value is JsonObject {
  return isJsonObject(value) && typeof value.text === 'string' && Array.isArray(value.tokens);
}

const OWN_FIELDS = ['text', 'spans', 'tokens', 'meta', 'answer'];

/** One spaCy/Prodigy example; a bad span refuses the example, naming the span. */
export function spacyRecord(value: unknown, fileName: string, line?: number): Outcome<ImportRecord> {
  if (!isJsonObject(value)) return { ok: false, reason: 'not a JSON object' };
  const { text, spans, meta, answer } = value;
  if (typeof text !== 'string') return { ok: false, reason: 'no "text" field (a string is needed)' };
  if (text.trim() === '') return { ok: false, reason: 'empty text' };
  if (spans !== undefined && !Array.isArray(spans)) return { ok: false, reason: '"spans" must be a list' };
  if (meta !== undefined && !isJsonObject(meta)) return { ok: false, reason: '"meta" must be an object' };
  const map = new OffsetMap(text);
  const read: ImportedSpan[] = [];
  for (const [index, entry] of (spans ?? []).entries()) {
    if (!isJsonObject(entry)) return { ok: false, reason: `span ${index + 1}: not a JSON object` };
    const span = foreignSpan(map, { start: entry.start, end: entry.end, label: entry.label, text: entry.text }, 'codepoints');
    if (!span.ok) return { ok: false, reason: `span ${index + 1}: ${span.reason}` };
    read.push(answer === 'reject' ? { ...span.value, status: 'rejected' } : span.value);
  }
  const others = Object.fromEntries(Object.entries(value).filter(([key]) => !OWN_FIELDS.includes(key)));
  const metaFields = Object.fromEntries(Object.entries(meta ?? {}).filter(([key]) => key !== 'title'));
  return {
    ok: true,
    value: {
      kind: 'record',
      title: titleOr(meta?.title, text, fileName),
      text,
      meta: { ...others, ...metaFields },
      ...(line === undefined ? {} : { line }),
      ...(read.length > 0 ? { spans: read } : {}),
    },
  };
}
