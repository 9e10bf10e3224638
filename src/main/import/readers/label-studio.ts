/**
 * Label Studio's JSON exports, in both flavours:
 *
 * - JSON: an array of tasks `{"id", "data": {"text", …}, "annotations": [{"completed_by",
 *   "result": […]}], "predictions": [{"model_version", "score", "result": […]}]}`. Each
 *   annotation's `completed_by` names the annotator; predictions come in as suggested
 *   spans, the model version as their recogniser and the score as their confidence.
 *   Results other than `labels` (choices, relations…) say nothing about spans and are
 *   passed over; a cancelled annotation is skipped. Exports from before Label Studio
 *   1.0 call the annotations `completions`.
 * - JSON_MIN: one flat record per annotation, `{"id", "text", …data, "label": [{"start",
 *   "end", "text", "labels"}], "annotator", "annotation_id", "created_at", "updated_at",
 *   "lead_time"}`, where the spans sit in a field named after the labels control
 *   (its `from_name`, commonly `label`).
 *
 * Offsets are code points in both: Label Studio's editor counts a Text's offsets in
 * code points (an emoji is one), as Python slices the text.
 */
import { OffsetMap } from '../../../shared/offsets.js';
import type { ImportRecord, ImportedSpan, ReaderItem } from '../record.js';
import { isJsonObject, type JsonObject, type Outcome } from './documents.js';
import { foreignSpan } from './foreign-spans.js';
import { titleOr } from './title.js';

/** A Label Studio task: an object whose `data` is an object. */
export function isLabelStudioTask(value: unknown): value is JsonObject {
  return isJsonObject(value) && isJsonObject(value.data);
}

/** Label Studio writes `completed_by` (JSON_MIN: `annotator`) as a user id, an object with an email, an email, or (ours) a name. */
function annotatorOf(completedBy: unknown): string | undefined {
  if (typeof completedBy === 'string' && completedBy !== '') return completedBy;
  if (typeof completedBy === 'number') return String(completedBy);
  if (isJsonObject(completedBy)) {
    const { email, username, id } = completedBy;
    if (typeof email === 'string' && email !== '') return email;
    if (typeof username === 'string' && username !== '') return username;
    if (typeof id === 'number') return String(id);
  }
  return undefined;
}

/** A prediction's score as our confidence: only a number from 0 to 1 is one (models may score on other scales). */
function confidenceOf(score: unknown): number | undefined {
  return typeof score === 'number' && score >= 0 && score <= 1 ? score : undefined;
}

/** A model version names the recogniser of a prediction's spans. */
function recogniserOf(modelVersion: unknown): string | undefined {
  if (typeof modelVersion === 'string' && modelVersion.trim() !== '') return modelVersion.trim();
  if (typeof modelVersion === 'number') return String(modelVersion);
  return undefined;
}

/** The spans of one `labels` value `{start, end, text, labels: […]}`: one per label listed. */
function valueSpans(value: JsonObject, map: OffsetMap, extra: Partial<ImportedSpan>): Outcome<ImportedSpan[]> {
  if (!Array.isArray(value.labels)) return { ok: false, reason: '"value" needs start, end and a "labels" list' };
  const spans: ImportedSpan[] = [];
  for (const label of value.labels) {
    const span = foreignSpan(map, { start: value.start, end: value.end, label, text: value.text }, 'codepoints');
    if (!span.ok) return span;
    spans.push({ ...span.value, ...extra });
  }
  return { ok: true, value: spans };
}

/** A prediction's result may carry its own score; else the prediction's counts. */
type ScoreOf = (result: JsonObject) => number | undefined;

function resultSpans(results: unknown, map: OffsetMap, where: string, extra: Partial<ImportedSpan>, scoreOf?: ScoreOf): Outcome<ImportedSpan[]> {
  if (results === undefined || results === null) return { ok: true, value: [] };
  if (!Array.isArray(results)) return { ok: false, reason: `${where}: "result" must be a list` };
  const spans: ImportedSpan[] = [];
  for (const [index, result] of results.entries()) {
    if (!isJsonObject(result)) return { ok: false, reason: `${where}, result ${index + 1}: not a JSON object` };
    if (result.type !== 'labels') continue;
    const { value } = result;
    const confidence = scoreOf?.(result);
    const read = isJsonObject(value)
      ? valueSpans(value, map, confidence === undefined ? extra : { ...extra, confidence })
      : ({ ok: false, reason: '"value" needs start, end and a "labels" list' } as const);
    if (!read.ok) return { ok: false, reason: `${where}, result ${index + 1}: ${read.reason}` };
    spans.push(...read.value);
  }
  return { ok: true, value: spans };
}

/** One task; `data.text` is the document, every other `data` field (and the task's `id`) goes to meta. */
export function labelStudioRecord(task: unknown, fileName: string): Outcome<ImportRecord> {
  if (!isLabelStudioTask(task)) return { ok: false, reason: 'not a Label Studio task (an object with a "data" object)' };
  const data = task.data as JsonObject;
  const { text, title } = data;
  if (typeof text !== 'string') return { ok: false, reason: `"data" has no "text" string (fields: ${Object.keys(data).join(', ') || 'none'})` };
  if (text.trim() === '') return { ok: false, reason: 'empty text' };
  const { predictions } = task;
  const annotations = task.annotations ?? task.completions;
  if (annotations !== undefined && annotations !== null && !Array.isArray(annotations)) return { ok: false, reason: '"annotations" must be a list' };
  if (predictions !== undefined && predictions !== null && !Array.isArray(predictions)) return { ok: false, reason: '"predictions" must be a list' };
  const map = new OffsetMap(text);
  const spans: ImportedSpan[] = [];
  for (const [index, annotation] of (annotations ?? []).entries()) {
    if (!isJsonObject(annotation)) return { ok: false, reason: `annotation ${index + 1}: not a JSON object` };
    if (annotation.was_cancelled === true || annotation.skipped === true) continue;
    const annotator = annotatorOf(annotation.completed_by);
    const read = resultSpans(annotation.result, map, `annotation ${index + 1}`, annotator === undefined ? {} : { annotator });
    if (!read.ok) return read;
    spans.push(...read.value);
  }
  for (const [index, prediction] of (predictions ?? []).entries()) {
    if (!isJsonObject(prediction)) return { ok: false, reason: `prediction ${index + 1}: not a JSON object` };
    const recogniser = recogniserOf(prediction.model_version);
    const scoreOf: ScoreOf = (result) => confidenceOf(result.score) ?? confidenceOf(prediction.score);
    const extra: Partial<ImportedSpan> = { status: 'suggested', ...(recogniser === undefined ? {} : { recogniser }) };
    const read = resultSpans(prediction.result, map, `prediction ${index + 1}`, extra, scoreOf);
    if (!read.ok) return read;
    spans.push(...read.value);
  }
  const meta = Object.fromEntries(Object.entries(data).filter(([key]) => key !== 'text' && key !== 'title'));
  return {
    ok: true,
    value: {
      kind: 'record',
      title: titleOr(title, text, fileName),
      text,
      meta: task.id === undefined ? meta : { id: task.id, ...meta },
      ...(spans.length > 0 ? { spans } : {}),
    },
  };
}

/** What JSON_MIN writes about the annotation a record comes from rather than about its document. */
const MIN_ANNOTATION_FIELDS: readonly string[] = ['annotator', 'annotation_id', 'created_at', 'updated_at', 'lead_time', 'agreement'];

export function isLabelsValue(value: unknown): boolean {
  return isJsonObject(value) && Array.isArray(value.labels) && 'start' in value && 'end' in value;
}

/** The fields of a JSON_MIN record that hold a labels control's results (each named after the control). */
function labelsFields(record: JsonObject): string[] {
  return Object.keys(record).filter((key) => {
    const value = record[key];
    return key !== 'text' && Array.isArray(value) && value.length > 0 && value.every(isLabelsValue);
  });
}

/**
 * A JSON_MIN record: a string `text` beside (no `data` object) a field of labels
 * values, or, for an annotation that tagged nothing, the annotation's own fields.
 */
export function isLabelStudioMinRecord(value: unknown): value is JsonObject {
  if (!isJsonObject(value) || isJsonObject(value.data) || typeof value.text !== 'string') return false;
  return labelsFields(value).length > 0 || ('annotation_id' in value && 'annotator' in value);
}

/**
 * One JSON_MIN record: its spans (one per label of each value, by the record's
 * `annotator`), its other fields (the task's `id` and `data`) as meta. Label Studio
 * writes one record per annotation, so a task annotated twice comes twice: the
 * second is the same document, and its spans are merged under its annotator.
 */
export function labelStudioMinRecord(value: unknown, fileName: string, line?: number): Outcome<ImportRecord> {
  if (!isJsonObject(value)) return { ok: false, reason: 'not a JSON object' };
  const { text, title } = value;
  if (typeof text !== 'string') return { ok: false, reason: 'no "text" field (a string is needed)' };
  if (text.trim() === '') return { ok: false, reason: 'empty text' };
  const map = new OffsetMap(text);
  const annotator = annotatorOf(value.annotator);
  const fields = labelsFields(value);
  const spans: ImportedSpan[] = [];
  for (const field of fields) {
    for (const [index, entry] of (value[field] as readonly JsonObject[]).entries()) {
      const read = valueSpans(entry, map, annotator === undefined ? {} : { annotator });
      if (!read.ok) return { ok: false, reason: `"${field}" ${index + 1}: ${read.reason}` };
      spans.push(...read.value);
    }
  }
  const omit = ['text', 'title', ...fields, ...MIN_ANNOTATION_FIELDS];
  return {
    ok: true,
    value: {
      kind: 'record',
      title: titleOr(title, text, fileName),
      text,
      meta: Object.fromEntries(Object.entries(value).filter(([key]) => !omit.includes(key))),
      ...(line === undefined ? {} : { line }),
      ...(spans.length > 0 ? { spans } : {}),
    },
  };
}

/** A task, or a JSON_MIN record, by its shape. */
export function labelStudioEntry(value: unknown, fileName: string): Outcome<ImportRecord> {
  return isLabelStudioMinRecord(value) ? labelStudioMinRecord(value, fileName) : labelStudioRecord(value, fileName);
}

/** How a refused entry is named: `task N`, or `record N` in JSON_MIN (1-based). */
export function labelStudioPlace(value: unknown, index: number): string {
  return `${isLabelStudioMinRecord(value) ? 'record' : 'task'} ${index}`;
}

/** The tasks (or JSON_MIN records) of a Label Studio export, each refused one reported as `task N: reason`. */
export function labelStudioItems(tasks: readonly unknown[], fileName: string): ReaderItem[] {
  return tasks.map((task, index) => {
    const record = labelStudioEntry(task, fileName);
    return record.ok ? record.value : { kind: 'problem', reason: `${labelStudioPlace(task, index + 1)}: ${record.reason}` };
  });
}
