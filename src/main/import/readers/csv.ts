import { Buffer } from 'node:buffer';
import { CsvError, parse } from 'csv-parse/sync';
import { UserError } from '../../errors.js';
import type { ReaderItem, Reader, ReaderOptions } from '../record.js';
import { isLabelsValue, labelStudioMinRecord } from './label-studio.js';
import { titleOr } from './title.js';

const LF = 0x0a;
const CR = 0x0d;

/**
 * 1-based line numbers of byte offsets, asked in increasing order, so the whole
 * file is counted once. csv-parse's own line count is off for CRLF files.
 */
class LineCounter {
  #offset = 0;
  #line = 1;

  constructor(private readonly bytes: Uint8Array) {}

  lineAt(offset: number): number {
    for (let i = this.#offset; i < offset; i++) {
      const byte = this.bytes[i];
      if (byte === LF || (byte === CR && this.bytes[i + 1] !== LF)) this.#line++;
    }
    this.#offset = Math.max(this.#offset, offset);
    return this.#line;
  }
}

/** First offset at or after `offset` that is not a line break: where the next row starts. */
function skipLineBreaks(bytes: Uint8Array, offset: number): number {
  let i = offset;
  while (i < bytes.length && (bytes[i] === LF || bytes[i] === CR)) i++;
  return i;
}

/** Start of the line after the one holding `offset` (bytes.length when it is the last). */
function nextLineStart(bytes: Uint8Array, offset: number): number {
  for (let i = offset; i < bytes.length; i++) {
    if (bytes[i] === LF) return i + 1;
    if (bytes[i] === CR) return bytes[i + 1] === LF ? i + 2 : i + 1;
  }
  return bytes.length;
}

/** Why csv-parse refused a row, for a person (its own line numbers are relative to a restart). */
function csvReason(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed (unmatched ")';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted field is not closed properly (a quote inside it must be doubled as "")';
    case 'INVALID_OPENING_QUOTE':
      return 'a quote appears inside an unquoted field (quote the whole field and double the quote)';
    default:
      return `cannot be parsed: ${error.message.replace(/ at line \d+/g, '')}`;
  }
}

/** A parsed row and the 1-based line it starts on. */
interface CsvRow {
  readonly fields: readonly string[];
  readonly line: number;
}

type RowOrProblem = CsvRow | { readonly line: number; readonly reason: string };

/**
 * Every row of a CSV file with its starting line. A row csv-parse cannot read
 * becomes a problem and parsing resumes on the next line, so one stray quote
 * costs its row, not the rest of the file.
 */
function parseRows(text: string, delimiter: string): RowOrProblem[] {
  const bytes = Buffer.from(text, 'utf8');
  const lines = new LineCounter(bytes);
  const rows: RowOrProblem[] = [];
  let chunkStart = 0;
  let previousEnd = 0;
  while (chunkStart < bytes.length) {
    const base = chunkStart;
    try {
      parse(bytes.subarray(base), {
        delimiter,
        relax_column_count: true,
        skip_empty_lines: true,
        on_record: (fields: string[], context) => {
          rows.push({ fields, line: lines.lineAt(skipLineBreaks(bytes, previousEnd)) });
          previousEnd = base + context.bytes;
          return null;
        },
      });
      break;
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
      const rowStart = skipLineBreaks(bytes, previousEnd);
      rows.push({ line: lines.lineAt(rowStart), reason: csvReason(error) });
      chunkStart = nextLineStart(bytes, rowStart);
      previousEnd = chunkStart;
    }
  }
  return rows;
}

function isRow(row: RowOrProblem): row is CsvRow {
  return 'fields' in row;
}

/** Index of the header named `name`: exact match first, else ignoring case. */
function columnIndex(header: readonly string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const lower = name.toLowerCase();
  return header.findIndex((column) => column.toLowerCase() === lower);
}

/** Where text, title and meta come from in each row. */
interface CsvLayout {
  readonly header: readonly string[];
  readonly textIndex: number;
  /** -1 when there is no title column. */
  readonly titleIndex: number;
}

function layoutOf(header: readonly string[], options: ReaderOptions): CsvLayout {
  const textName = options.textColumn ?? 'text';
  const textIndex = columnIndex(header, textName);
  if (textIndex < 0) {
    throw new UserError(`no "${textName}" column (columns: ${header.join(', ')}); name one with --text-column`);
  }
  const titleIndex = columnIndex(header, 'title');
  return { header, textIndex, titleIndex: titleIndex === textIndex ? -1 : titleIndex };
}

function metaKey(header: readonly string[], index: number): string {
  const name = header[index] ?? '';
  return name === '' ? `column ${index + 1}` : name;
}

function itemFromRow(row: CsvRow, layout: CsvLayout, fileName: string): ReaderItem | null {
  const { fields, line } = row;
  // Spreadsheets often end with rows of empty cells; they hold nothing to refuse.
  if (fields.every((field) => field.trim() === '')) return null;
  if (fields.length !== layout.header.length) {
    return { kind: 'problem', line, reason: `${fields.length} columns where the header has ${layout.header.length}` };
  }
  const text = fields[layout.textIndex] ?? '';
  if (text.trim() === '') return { kind: 'problem', line, reason: 'empty text' };
  const meta = Object.fromEntries(
    fields.flatMap((field, index) =>
      index === layout.textIndex || index === layout.titleIndex ? [] : [[metaKey(layout.header, index), field]],
    ),
  );
  const labelStudio = labelStudioRow(layout.header, fields);
  if (labelStudio !== null) {
    const read = labelStudioMinRecord(labelStudio, fileName, line);
    return read.ok ? read.value : { kind: 'problem', line, reason: read.reason };
  }
  const title = titleOr(layout.titleIndex < 0 ? undefined : fields[layout.titleIndex], text, fileName);
  return { kind: 'record', title, text, meta, line };
}

/** A cell holding a JSON list, parsed; null for anything else (most cells), without trying to parse plain text. */
function jsonList(cell: string): unknown[] | null {
  const trimmed = cell.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return null;
  try {
    const value: unknown = JSON.parse(trimmed);
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * A row of Label Studio's CSV or TSV export, as the JSON_MIN record it flattens:
 * its labels control's column holds the spans as JSON text. Null for a row
 * without such a column, read as plain CSV.
 */
function labelStudioRow(header: readonly string[], fields: readonly string[]): Record<string, unknown> | null {
  const record: Record<string, unknown> = {};
  let spans = false;
  for (const [index, field] of fields.entries()) {
    const key = metaKey(header, index);
    const list = key === 'text' ? null : jsonList(field);
    if (list !== null && list.length > 0 && list.every(isLabelsValue)) {
      record[key] = list;
      spans = true;
    } else {
      record[key] = field;
    }
  }
  return spans ? record : null;
}

/**
 * CSV (RFC 4180) with a header row: the text column (`--text-column`, default
 * `text`), an optional `title` column, every other column into meta as strings.
 * A column of Label Studio spans (its CSV export) gives the row its spans.
 */
export const readCsv: Reader = (text, fileName, options) => readDelimited(text, fileName, options, ',');

/** Tab-separated values, quoted as in CSV (what spreadsheets and Label Studio's TSV export write). */
export const readTsv: Reader = (text, fileName, options) => readDelimited(text, fileName, options, '\t');

function readDelimited(text: string, fileName: string, options: ReaderOptions, delimiter: string): ReaderItem[] {
  const rows = parseRows(text.replace(/^\uFEFF/, ''), delimiter);
  const first = rows[0];
  if (first === undefined) throw new UserError('empty CSV file (no header row)');
  if (!isRow(first)) throw new UserError(`the header row cannot be read: ${first.reason}`);
  const layout = layoutOf(first.fields, options);
  const items: ReaderItem[] = [];
  for (const row of rows.slice(1)) {
    const item = isRow(row) ? itemFromRow(row, layout, fileName) : ({ kind: 'problem', ...row } as const);
    if (item !== null) items.push(item);
  }
  return items;
}
