/**
 * Document objects as JSON carries them (json and jsonl readers): Marginalia's own
 * export with code-point spans, or any object with a string `text`.
 */
import { COLOR_PATTERN, LABEL_NAME_PATTERN, LABELS_THAT_NAME_THINGS } from '../../../shared/labels.js';
import { SPAN_STATUSES, type JsonValue, type Label, type Meta, type SpanStatus } from '../../../shared/model.js';
import { OffsetMap } from '../../../shared/offsets.js';
import type { ImportRecord, ImportedEntity, ImportedSpan } from '../record.js';
import { titleOr } from './title.js';

/** A JSON object as JSON.parse builds it. */
export type JsonObject = { readonly [key: string]: JsonValue };

/** Either what was read, or a reason (for a person) why it was refused. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

function refused<T>(reason: string): Outcome<T> {
  return { ok: false, reason };
}

/** True for a JSON object (not null, not an array); a value from JSON.parse holds only JsonValues. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short quotation of a string for a message. */
function quote(text: string): string {
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return JSON.stringify(shown);
}

/** Copies `object` without `omit`; fromEntries keeps a "__proto__" key as plain data. */
function withoutKeys(object: JsonObject, omit: readonly string[]): Meta {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !omit.includes(key)));
}

function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

function isSpanStatus(value: unknown): value is SpanStatus {
  return typeof value === 'string' && (SPAN_STATUSES as readonly string[]).includes(value);
}

function checkOffsets(span: JsonObject, map: OffsetMap): string | null {
  const { start, end } = span;
  if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end)) {
    return '"start" and "end" must be whole numbers';
  }
  if (start < 0 || end > map.lengthCp) {
    const hint = end <= map.lengthU16 ? '; the offsets may be UTF-16 units rather than code points' : '';
    return `offsets ${start}–${end} fall outside the text (0–${map.lengthCp} code points)${hint}`;
  }
  if (start >= end) return `"start" (${start}) must be before "end" (${end})`;
  return null;
}

function checkLabelAndExtras(span: JsonObject): string | null {
  const { label, status, annotator, note } = span;
  if (typeof label !== 'string') return 'no "label" (a string is needed)';
  if (!LABEL_NAME_PATTERN.test(label)) return `label ${quote(label)} is not a valid label name`;
  if (!isAbsent(status) && !isSpanStatus(status)) {
    return `status ${JSON.stringify(status)} is not one of ${SPAN_STATUSES.join(', ')}`;
  }
  if (!isAbsent(annotator) && typeof annotator !== 'string') return '"annotator" must be a string';
  if (note !== undefined && note !== null && typeof note !== 'string') return '"note" must be a string or null';
  return null;
}

/** The span's own copy of its text must match the document there, else the offsets mean something else. */
function checkSpanText(span: JsonObject, start: number, end: number, map: OffsetMap): string | null {
  const { text, label } = span;
  if (typeof text !== 'string') return null;
  const actual = map.sliceCp(start, end);
  if (text === actual) return null;
  return (
    `its "text" ${quote(text)} differs from the document's ${quote(actual)} at code points ${start}–${end} ` +
    `(label ${String(label)}); the offsets may be UTF-16 units rather than code points`
  );
}

/** Entities a json export declares at its top, by the exporting project's ids. */
export type DeclaredEntities = ReadonlyMap<number, ImportedEntity>;

const NO_ENTITIES: DeclaredEntities = new Map();

/**
 * The entity a span links to: by id among the declared entities (json), else by
 * `entity_name` (a jsonl line stands on its own). An id the file does not declare
 * and no name: the link cannot be followed, so the span comes without it.
 */
function entityOfSpan(span: JsonObject, entities: DeclaredEntities): Outcome<ImportedEntity | undefined> {
  const { entity, entity_name: name } = span;
  if (!isAbsent(entity) && (typeof entity !== 'number' || !Number.isInteger(entity))) return refused('"entity" must be a whole number or null');
  if (!isAbsent(name) && (typeof name !== 'string' || name.trim() === '')) return refused('"entity_name" must be a non-empty string or null');
  const declared = typeof entity === 'number' ? entities.get(entity) : undefined;
  if (declared) return ok(declared);
  return ok(typeof name === 'string' ? { name: name.trim(), aliases: [] } : undefined);
}

/** One entity of our json export: `{id, name, label, aliases}`. */
export function entityFromJson(value: unknown): Outcome<{ readonly id: number; readonly label?: string; readonly entity: ImportedEntity }> {
  if (!isJsonObject(value)) return refused('not a JSON object');
  const { id, name, aliases, label } = value;
  if (typeof id !== 'number' || !Number.isInteger(id)) return refused('"id" must be a whole number');
  if (typeof name !== 'string' || name.trim() === '') return refused('"name" must be a non-empty string');
  if (!isAbsent(aliases) && (!Array.isArray(aliases) || !aliases.every((alias) => typeof alias === 'string'))) {
    return refused('"aliases" must be an array of strings');
  }
  if (!isAbsent(label) && (typeof label !== 'string' || label.trim() === '')) return refused('"label" must be a non-empty string');
  const names = Array.isArray(aliases) ? (aliases as string[]).map((alias) => alias.trim()).filter((alias) => alias !== '') : [];
  return ok({ id, ...(typeof label === 'string' ? { label: label.trim() } : {}), entity: { name: name.trim(), aliases: names } });
}

/** One span of our own export, offsets in code points, checked against the text. */
function spanFromJson(value: JsonValue, map: OffsetMap, entities: DeclaredEntities): Outcome<ImportedSpan> {
  if (!isJsonObject(value)) return refused('not a JSON object');
  const problem = checkOffsets(value, map) ?? checkLabelAndExtras(value);
  if (problem !== null) return refused(problem);
  const start = value.start as number;
  const end = value.end as number;
  const mismatch = checkSpanText(value, start, end, map);
  if (mismatch !== null) return refused(mismatch);
  const entity = entityOfSpan(value, entities);
  if (!entity.ok) return entity;
  const { label, status, annotator, note } = value;
  return ok({
    startCp: start,
    endCp: end,
    label: label as string,
    ...(isSpanStatus(status) ? { status } : {}),
    ...(typeof annotator === 'string' ? { annotator } : {}),
    ...(value.value === undefined ? {} : { value: value.value }),
    ...(typeof note === 'string' || note === null ? { note } : {}),
    ...(entity.value ? { entity: entity.value } : {}),
  });
}

function spansFromJson(spans: readonly JsonValue[], text: string, entities: DeclaredEntities): Outcome<readonly ImportedSpan[]> {
  const map = new OffsetMap(text);
  const result: ImportedSpan[] = [];
  for (const [index, value] of spans.entries()) {
    const span = spanFromJson(value, map, entities);
    if (!span.ok) return refused(`span ${index + 1}: ${span.reason}`);
    result.push(span.value);
  }
  return ok(result);
}

/** Our own export's shape: `meta` is an object or `spans` an array. */
function isOwnExport(object: JsonObject): boolean {
  return isJsonObject(object.meta) || Array.isArray(object.spans);
}

function ownExportRecord(object: JsonObject, text: string, fileName: string, entities: DeclaredEntities): Outcome<Omit<ImportRecord, 'line'>> {
  const { meta, spans, title } = object;
  if (!isAbsent(meta) && !isJsonObject(meta)) return refused('"meta" must be an object');
  if (!isAbsent(spans) && !Array.isArray(spans)) return refused('"spans" must be an array');
  const read = spansFromJson(Array.isArray(spans) ? spans : [], text, entities);
  if (!read.ok) return read;
  // `id`, `noise`, `duplicates` and ids of entities and clusters are the exporting project's own;
  // noise is recomputed at import and duplicates are found again by `dedupe`.
  return ok({
    kind: 'record',
    title: titleOr(title, text, fileName),
    text,
    meta: isJsonObject(meta) ? meta : {},
    ...(read.value.length > 0 ? { spans: read.value } : {}),
  });
}

/**
 * One document object: Marginalia's own export (meta + code-point spans) or any
 * object with a string `text`, whose other fields become meta.
 */
export function documentFromJson(value: unknown, fileName: string, line?: number, entities: DeclaredEntities = NO_ENTITIES): Outcome<ImportRecord> {
  if (!isJsonObject(value)) return refused('not a JSON object');
  const { text, title } = value;
  if (typeof text !== 'string') return refused('no "text" field (a string is needed)');
  if (text.trim() === '') return refused('empty text');
  const lineField = line === undefined ? {} : { line };
  if (isOwnExport(value)) {
    const record = ownExportRecord(value, text, fileName, entities);
    return record.ok ? ok({ ...record.value, ...lineField }) : record;
  }
  return ok({
    kind: 'record',
    title: titleOr(title, text, fileName),
    text,
    meta: withoutKeys(value, ['text', 'title']),
    ...lineField,
  });
}

/** One label of our json export: `{name, display_name, color, key, names_things}` (the last optional). */
export function labelFromJson(value: unknown): Outcome<Label> {
  if (!isJsonObject(value)) return refused('not a JSON object');
  const { name, display_name: displayName, color, key, names_things: namesThings } = value;
  if (typeof name !== 'string' || !LABEL_NAME_PATTERN.test(name)) {
    return refused(`name ${JSON.stringify(name ?? null)} is not a valid label name`);
  }
  if (!isAbsent(displayName) && typeof displayName !== 'string') return refused('"display_name" must be a string');
  if (typeof color !== 'string' || !COLOR_PATTERN.test(color)) {
    return refused(`color ${JSON.stringify(color ?? null)} is not of the form #rrggbb`);
  }
  if (!isAbsent(key) && typeof key !== 'string') return refused('"key" must be a string or null');
  if (!isAbsent(namesThings) && typeof namesThings !== 'boolean') return refused('"names_things" must be true or false');
  return ok({
    name,
    displayName: typeof displayName === 'string' && displayName.trim() !== '' ? displayName : name,
    color,
    shortcutKey: typeof key === 'string' && key !== '' ? key : null,
    // Exports from before the flag: the built-in labels that name things still do.
    namesThings: typeof namesThings === 'boolean' ? namesThings : LABELS_THAT_NAME_THINGS.includes(name),
  });
}
