/**
 * Label Studio JSON: an array of tasks `{"data": {"text", …}, "annotations": [{"completed_by",
 * "result": […]}], "predictions": [{"result": […]}]}`, offsets in code points (Python
 * string indices). Each annotation's `completed_by` names the annotator; predictions
 * come in as suggested spans. Results other than `labels` (choices, relations…) say
 * nothing about spans and are passed over; a cancelled annotation is skipped.
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

/** Label Studio writes `completed_by` as a user id, an object with an email, or (ours) a name. */
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

function resultSpans(results: unknown, map: OffsetMap, where: string, extra: Partial<ImportedSpan>): Outcome<ImportedSpan[]> {
  if (results === undefined || results === null) return { ok: true, value: [] };
  if (!Array.isArray(results)) return { ok: false, reason: `${where}: "result" must be a list` };
  const spans: ImportedSpan[] = [];
  for (const [index, result] of results.entries()) {
    if (!isJsonObject(result)) return { ok: false, reason: `${where}, result ${index + 1}: not a JSON object` };
    if (result.type !== 'labels') continue;
    const { value } = result;
    if (!isJsonObject(value) || !Array.isArray(value.labels)) {
      return { ok: false, reason: `${where}, result ${index + 1}: "value" needs start, end and a "labels" list` };
    }
    for (const label of value.labels) {
      const span = foreignSpan(map, { start: value.start, end: value.end, label, text: value.text }, 'codepoints');
      if (!span.ok) return { ok: false, reason: `${where}, result ${index + 1}: ${span.reason}` };
      spans.push({ ...span.value, ...extra });
    }
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
  const { annotations, predictions } = task;
  if (annotations !== undefined && !Array.isArray(annotations)) return { ok: false, reason: '"annotations" must be a list' };
  if (predictions !== undefined && !Array.isArray(predictions)) return { ok: false, reason: '"predictions" must be a list' };
  const map = new OffsetMap(text);
  const spans: ImportedSpan[] = [];
  for (const [index, annotation] of (annotations ?? []).entries()) {
    if (!isJsonObject(annotation)) return { ok: false, reason: `annotation ${index + 1}: not a JSON object` };
    if (annotation.was_cancelled === true) continue;
    const annotator = annotatorOf(annotation.completed_by);
    const read = resultSpans(annotation.result, map, `annotation ${index + 1}`, annotator === undefined ? {} : { annotator });
    if (!read.ok) return read;
    spans.push(...read.value);
  }
  for (const [index, prediction] of (predictions ?? []).entries()) {
    if (!isJsonObject(prediction)) return { ok: false, reason: `prediction ${index + 1}: not a JSON object` };
    const read = resultSpans(prediction.result, map, `prediction ${index + 1}`, { status: 'suggested' });
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

/** The tasks of a Label Studio export, each refused task reported as `task N: reason`. */
export function labelStudioItems(tasks: readonly unknown[], fileName: string): ReaderItem[] {
  return tasks.map((task, index) => {
    const record = labelStudioRecord(task, fileName);
    return record.ok ? record.value : { kind: 'problem', reason: `task ${index + 1}: ${record.reason}` };
  });
}
