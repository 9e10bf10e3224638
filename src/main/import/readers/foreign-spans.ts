/**
 * Checks shared by the readers of other tools' formats: offsets in the tool's own
 * unit, converted to code points once (through OffsetMap), and label names.
 */
import { LABEL_NAME_PATTERN } from '../../../shared/labels.js';
import type { OffsetMap } from '../../../shared/offsets.js';
import type { ImportedSpan } from '../record.js';
import type { Outcome } from './documents.js';

/** The unit a format counts offsets in. */
export type OffsetUnit = 'codepoints' | 'utf16';

function isWhole(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/**
 * A span from another tool: `start`/`end` in `unit`, end exclusive, checked against
 * the text and converted to code points. `text`, when the format carries it, must
 * match the document there.
 */
export function foreignSpan(
  map: OffsetMap,
  fields: { readonly start: unknown; readonly end: unknown; readonly label: unknown; readonly text?: unknown },
  unit: OffsetUnit,
): Outcome<ImportedSpan> {
  const { start, end, label, text } = fields;
  if (!isWhole(start) || !isWhole(end)) return { ok: false, reason: 'start and end must be whole numbers' };
  if (typeof label !== 'string' || !LABEL_NAME_PATTERN.test(label)) {
    return { ok: false, reason: `label ${JSON.stringify(label ?? null)} is not a valid label name (letters, digits, _ . -; up to 40)` };
  }
  const length = unit === 'utf16' ? map.lengthU16 : map.lengthCp;
  const unitName = unit === 'utf16' ? 'UTF-16 code units' : 'code points';
  if (start < 0 || end > length) return { ok: false, reason: `offsets ${start}–${end} fall outside the text (0–${length} ${unitName})` };
  if (start >= end) return { ok: false, reason: `start (${start}) must be before end (${end})` };
  let startCp = start;
  let endCp = end;
  if (unit === 'utf16') {
    try {
      startCp = map.toCp(start);
      endCp = map.toCp(end);
    } catch {
      return { ok: false, reason: `offsets ${start}–${end} split an emoji or other astral character (UTF-16 code units expected)` };
    }
  }
  if (typeof text === 'string') {
    const actual = map.sliceCp(startCp, endCp);
    if (actual !== text) {
      return { ok: false, reason: `text ${JSON.stringify(text)} differs from the document's ${JSON.stringify(actual)} at ${start}–${end} (${unitName})` };
    }
  }
  return { ok: true, value: { startCp, endCp, label } };
}
