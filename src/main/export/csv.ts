import { stringify } from 'csv-stringify/sync';
import { OffsetMap } from '../../shared/offsets.js';
import type { ExportedDocument } from './exported-document.js';

export const CSV_COLUMNS = [
  'document_id',
  'document_title',
  'start',
  'end',
  'label',
  'text',
  'status',
  'annotator',
  'entity',
  'value',
  'context',
  'entity_name',
  'duplicate_cluster',
] as const;

const CONTEXT_WORDS = 6;
const CONTEXT_MAX_CP = 80;

/**
 * A spreadsheet runs a cell starting with = + - @ (or tab / CR) as a formula:
 * prefix it with an apostrophe so a hostile document cannot run code on open.
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function lastWords(text: string, count: number): string {
  const flat = text.replace(/\s+/gu, ' ');
  const words = flat.split(' ');
  return words.slice(Math.max(0, words.length - count)).join(' ');
}

function firstWords(text: string, count: number): string {
  return text.replace(/\s+/gu, ' ').split(' ').slice(0, count).join(' ');
}

/** A few words either side of a span, on one line, with the span in [brackets]. */
export function contextAround(offsets: OffsetMap, startCp: number, endCp: number): string {
  const before = offsets.sliceCp(Math.max(0, startCp - CONTEXT_MAX_CP), startCp);
  const after = offsets.sliceCp(endCp, Math.min(offsets.lengthCp, endCp + CONTEXT_MAX_CP));
  const inside = offsets.sliceCp(startCp, endCp).replace(/\s+/gu, ' ');
  return `${lastWords(before, CONTEXT_WORDS)}[${inside}]${firstWords(after, CONTEXT_WORDS)}`.trim();
}

function cell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  return neutraliseFormula(typeof value === 'string' ? value : JSON.stringify(value));
}

/** CSV rows (RFC 4180, CRLF) for a batch of documents: one row per span. */
export function csvRows(documents: readonly ExportedDocument[], withHeader: boolean): string {
  const rows: (string | number)[][] = [];
  for (const doc of documents) {
    if (doc.spans.length === 0) continue;
    const offsets = new OffsetMap(doc.text);
    for (const span of doc.spans) {
      rows.push([
        doc.id,
        cell(doc.title),
        span.start,
        span.end,
        cell(span.label),
        cell(span.text),
        span.status,
        cell(span.annotator),
        cell(span.entity),
        cell(span.value),
        cell(contextAround(offsets, span.start, span.end)),
        cell(span.entity_name),
        cell(span.duplicate_cluster),
      ]);
    }
  }
  if (rows.length === 0 && !withHeader) return '';
  return stringify(rows, { header: withHeader, columns: [...CSV_COLUMNS], record_delimiter: '\r\n', quoted_match: /^\s|\s$/ });
}
