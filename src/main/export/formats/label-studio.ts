/**
 * Label Studio JSON: one array of tasks `{"id", "data": {"text", "title", …meta},
 * "annotations": [{"completed_by", "result": […]}], "predictions": [{"result": […]}]}`.
 * Every task has a whole-number `id` (this project's document id), which Label
 * Studio's converter reads from every task.
 * Offsets are code points: Label Studio slices text with Python string indices.
 * Accepted spans become one annotation per annotator; suggested spans become
 * predictions (Label Studio's pre-annotations). Label Studio has nothing for a
 * rejected span, so those are counted and left out.
 */
import type { ExportedDocument, ExportedSpan } from '../exported-document.js';
import { LeftOut, metaWithout, type Framing } from './framing.js';

/** The names Label Studio's labelling config gives the labels control and the text object. */
export const LABEL_STUDIO_FROM_NAME = 'label';
export const LABEL_STUDIO_TO_NAME = 'text';

function result(span: ExportedSpan, index: number) {
  return {
    id: `s${index + 1}`,
    type: 'labels',
    from_name: LABEL_STUDIO_FROM_NAME,
    to_name: LABEL_STUDIO_TO_NAME,
    value: { start: span.start, end: span.end, text: span.text, labels: [span.label] },
  };
}

/**
 * Fields of a task's `data` that are the task's own: a meta `id` (a Label Studio
 * import keeps the task's id there) is not written, as the task's `id` says it.
 */
const TASK_FIELDS = ['id', 'text', 'title'] as const;

/** One task: spans numbered in document order, so ids are stable from one export to the next. */
export function labelStudioTask(doc: ExportedDocument, leftOut: LeftOut) {
  const byAnnotator = new Map<string, ReturnType<typeof result>[]>();
  const predictions: ReturnType<typeof result>[] = [];
  for (const [index, span] of doc.spans.entries()) {
    if (span.status === 'rejected') {
      leftOut.add('rejected spans (Label Studio has no rejected state)');
    } else if (span.status === 'suggested') {
      predictions.push(result(span, index));
    } else {
      const list = byAnnotator.get(span.annotator) ?? [];
      list.push(result(span, index));
      byAnnotator.set(span.annotator, list);
    }
  }
  const annotations = [...byAnnotator].map(([annotator, results]) => ({
    ...(annotator === '' ? {} : { completed_by: annotator }),
    result: results,
  }));
  return {
    id: doc.id,
    data: { ...metaWithout(doc.meta, TASK_FIELDS), text: doc.text, title: doc.title },
    annotations,
    ...(predictions.length > 0 ? { predictions: [{ result: predictions }] } : {}),
  };
}

export function labelStudioFraming(): Framing {
  const leftOut = new LeftOut();
  return {
    head: () => '[',
    batch: (docs, first) => docs.map((doc, i) => `${first && i === 0 ? '' : ','}\n${JSON.stringify(labelStudioTask(doc, leftOut))}`).join(''),
    tail: () => '\n]\n',
    leftOut: () => leftOut.counts,
  };
}
