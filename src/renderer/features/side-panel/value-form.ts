/**
 * The normalised value of a span as the side panel shows and edits it: a
 * DATE's ISO 8601 string, a FIGURE's {value, unit} or {low, high, unit}, raw
 * JSON for any other label. Pure functions, so the form's checks can be tested
 * without a page.
 */
import { countOf } from '../../../shared/plural.js';

/** Which form edits a label's value. */
export type ValueKind = 'date' | 'figure' | 'json';

/** What parsing an edited value gives: the value to save, or why it cannot be saved. */
export type ParsedValue = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/** The text fields of the FIGURE form; empty strings are fields left blank. */
export interface FigureFields {
  readonly value: string;
  readonly low: string;
  readonly high: string;
  readonly unit: string;
}

/** The form a label's value is edited with. */
export function valueKind(label: string): ValueKind {
  if (label === 'DATE') return 'date';
  if (label === 'FIGURE') return 'figure';
  return 'json';
}

const DATE_PART = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const TIME_PART = /^(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?(Z|[+-](\d{2}):?(\d{2}))?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why `text` is not an ISO 8601 calendar date (YYYY, YYYY-MM, YYYY-MM-DD) or date-time, or null when it is one. */
function pointProblem(text: string): string | null {
  const [datePart = '', timePart, ...rest] = text.split('T');
  if (rest.length > 0) return 'more than one T';
  const date = DATE_PART.exec(datePart);
  if (!date) return `“${text}” is not a date like 2025-11-20`;
  const year = Number(date[1]);
  const month = date[2] === undefined ? null : Number(date[2]);
  const day = date[3] === undefined ? null : Number(date[3]);
  if (month !== null && (month < 1 || month > 12)) return `month ${date[2]} does not exist`;
  if (month !== null && day !== null && (day < 1 || day > daysInMonth(year, month))) return `${datePart} is not a day of the calendar`;
  if (timePart === undefined) return null;
  // A time needs the full date it belongs to.
  if (day === null) return 'a time needs a full date (YYYY-MM-DDThh:mm)';
  const time = TIME_PART.exec(timePart);
  if (!time) return `“${timePart}” is not a time like 08:15 or 08:15:00`;
  const hours = Number(time[1]);
  const minutes = Number(time[2]);
  const seconds = time[3] === undefined ? 0 : Number(time[3]);
  if (hours > 24 || minutes > 59 || seconds > 60 || (hours === 24 && (minutes > 0 || seconds > 0))) return `${timePart} is not a time of day`;
  if (time[5] !== undefined && (Number(time[5]) > 14 || Number(time[6]) > 59)) return `${time[4]} is not a time zone offset`;
  return null;
}

/**
 * Checks a DATE value: an ISO 8601 date (2025, 2025-11, 2025-11-20), date-time
 * (2025-11-20T08:15, with seconds and a zone if wanted) or interval of two of
 * them (2025-11-20/2025-11-23). Blank clears the value.
 */
export function parseDateValue(input: string): ParsedValue {
  const text = input.trim();
  if (text === '') return { ok: true, value: null };
  const ends = text.split('/');
  // "20/11/2025" lands here too: say what to write rather than count slashes.
  if (ends.length > 2) return { ok: false, error: `“${text}” is not ISO 8601: write 2025-11-20, or start/end for an interval` };
  for (const end of ends) {
    const problem = end === '' ? 'an interval needs both ends' : pointProblem(end);
    if (problem !== null) return { ok: false, error: problem };
  }
  if (ends.length === 2 && (ends[0] as string) > (ends[1] as string) && (ends[0] as string).length === (ends[1] as string).length) {
    return { ok: false, error: 'the interval ends before it starts' };
  }
  return { ok: true, value: text };
}

/** A number typed by a person: spaces and thousands commas allowed ("1,200"), a decimal point. */
function parseNumber(text: string): number | null {
  const compact = text.replace(/[\s\u00a0_]/g, '');
  if (!/^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(compact) && !/^[+-]?\.\d+$/.test(compact)) return null;
  const number = Number(compact.replace(/,/g, ''));
  return Number.isFinite(number) ? number : null;
}

/** Checks the FIGURE form: a value, or a low–high range, and an optional unit. All blank clears the value. */
export function parseFigureValue(fields: FigureFields): ParsedValue {
  const value = fields.value.trim();
  const low = fields.low.trim();
  const high = fields.high.trim();
  const unit = fields.unit.trim();
  if (value === '' && low === '' && high === '') {
    return unit === '' ? { ok: true, value: null } : { ok: false, error: 'a unit needs a number' };
  }
  if (value !== '' && (low !== '' || high !== '')) return { ok: false, error: 'give a value or a range (low and high), not both' };
  if (value !== '') {
    const number = parseNumber(value);
    if (number === null) return { ok: false, error: `“${value}” is not a number` };
    return { ok: true, value: { value: number, unit: unit === '' ? null : unit } };
  }
  if (low === '' || high === '') return { ok: false, error: 'a range needs both low and high' };
  const lowNumber = parseNumber(low);
  const highNumber = parseNumber(high);
  if (lowNumber === null) return { ok: false, error: `“${low}” is not a number` };
  if (highNumber === null) return { ok: false, error: `“${high}” is not a number` };
  if (lowNumber > highNumber) return { ok: false, error: 'low is above high' };
  return { ok: true, value: { low: lowNumber, high: highNumber, unit: unit === '' ? null : unit } };
}

/** Checks raw JSON typed for a label with no form of its own. Blank clears the value. */
export function parseJsonValue(input: string): ParsedValue {
  const text = input.trim();
  if (text === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The FIGURE form's fields for a stored value (blank for anything it cannot show). */
export function figureFields(value: unknown): FigureFields {
  const text = (x: unknown): string => (typeof x === 'number' && Number.isFinite(x) ? String(x) : '');
  if (!isRecord(value)) return { value: '', low: '', high: '', unit: '' };
  return { value: text(value.value), low: text(value.low), high: text(value.high), unit: typeof value.unit === 'string' ? value.unit : '' };
}

/** The text a DATE field or the JSON field starts with for a stored value. */
export function valueText(kind: 'date' | 'json', value: unknown): string {
  if (value === null || value === undefined) return '';
  if (kind === 'date' && typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A value as one short line for the side panel: "2025-11-20T08:15", "1200 children", "10–12 %". */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (isRecord(value)) {
    const unit = typeof value.unit === 'string' && value.unit !== '' ? ` ${value.unit}` : '';
    if (typeof value.value === 'number') return `${value.value}${unit}`;
    if (typeof value.low === 'number' && typeof value.high === 'number') return `${value.low}–${value.high}${unit}`;
  }
  return JSON.stringify(value);
}

/** True when two values are the same JSON (so saving would change nothing). */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The counts behind a learnt form's suggestion: times its form was tagged or accepted, and rejected. */
export interface LearntFrom {
  readonly accepted: number;
  readonly rejected: number;
}

/**
 * "suggested by date, 92%", or for a learnt form "learnt from 3 tags, 90%":
 * who proposed a span and how sure it was, or null for a span a person made.
 */
export function suggestionSource(span: {
  readonly recogniser: string | null;
  readonly confidence: number | null;
  readonly learntFrom?: LearntFrom | null;
}): string | null {
  if (span.recogniser === null) return null;
  const sure = span.confidence === null ? '' : `, ${Math.round(span.confidence * 100)}%`;
  if (span.recogniser !== 'gazetteer') return `suggested by ${span.recogniser}${sure}`;
  const learnt = span.learntFrom;
  // A form forgotten since the run proposed it has no counts left to show.
  if (!learnt) return `learnt from earlier tags${sure}`;
  const rejected = learnt.rejected > 0 ? ` and ${countOf(learnt.rejected, 'rejection')}` : '';
  return `learnt from ${countOf(learnt.accepted, 'tag')}${rejected}${sure}`;
}
