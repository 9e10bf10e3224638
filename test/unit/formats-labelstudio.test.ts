import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/store/connection.js';
import { getDocument } from '../../src/main/store/documents.js';
import { spansInDocument } from '../../src/main/store/spans.js';
import { ASTRAL_TEXT, exportText, expectRoundTrip, findCp, importInto, taggedProject } from './formats-support.js';

/** A file of test/fixtures/label-studio: invented notes in the shapes Label Studio writes. */
function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/label-studio/${name}`, import.meta.url), 'utf8');
}

/** Code-point slicing, as Python's (and Label Studio's) text[start:end]. */
const sliceCp = (text: string, start: number, end: number): string => [...text].slice(start, end).join('');

/** Every span of the project, with its document's text at its offsets, in a stable order. */
function allSpans(db: Db) {
  const ids = (db.prepare('SELECT id FROM documents ORDER BY id').all() as { id: number }[]).map((row) => row.id);
  return ids.flatMap((id) => {
    const text = getDocument(db, id)?.text ?? '';
    return spansInDocument(db, id).map((span) => ({
      document: id,
      text: sliceCp(text, span.startCp, span.endCp),
      start: span.startCp,
      end: span.endCp,
      label: span.label,
      annotator: span.annotator,
      status: span.status,
      recogniser: span.recogniser,
      confidence: span.confidence,
    }));
  }).sort((a, b) => a.document - b.document || a.start - b.start || a.end - b.end || a.label.localeCompare(b.label) || a.annotator.localeCompare(b.annotator));
}

interface LabelsResult {
  type: string;
  from_name: string;
  value: { start: number; end: number; text: string; labels: string[] };
}
interface FixtureTask {
  id: number;
  data: { text: string };
  annotations: { completed_by: number; was_cancelled: boolean; result: LabelsResult[] }[];
}

interface Result {
  id: string;
  type: string;
  from_name: string;
  to_name: string;
  value: { start: number; end: number; text: string; labels: string[] };
}
interface Task {
  id: number;
  data: Record<string, unknown>;
  annotations: { completed_by?: string; result: Result[] }[];
  predictions?: { result: Result[] }[];
}

describe('Label Studio JSON', () => {
  it('writes one annotation per annotator and suggestions as predictions, in code points; rejected spans are counted', async () => {
    const { db } = taggedProject();
    const { text, report } = await exportText(db, { format: 'labelstudio', statuses: ['accepted', 'suggested', 'rejected'] });
    expect(report.leftOut).toEqual([{ reason: 'rejected spans (Label Studio has no rejected state)', spans: 1 }]);
    expect(report.spans).toBe(5);
    const [task, plain] = JSON.parse(text) as Task[];
    expect(task?.data).toEqual({ site: 'example', text: ASTRAL_TEXT, title: 'note 1' });
    expect(task?.annotations.map((annotation) => annotation.completed_by ?? null)).toEqual(['lan', 'minh', null]);
    expect(task?.predictions?.[0]?.result.map((result) => result.value.labels)).toEqual([['FIGURE']]);
    const chars = [...ASTRAL_TEXT];
    const results = [...(task?.annotations ?? []).flatMap((a) => a.result), ...(task?.predictions ?? []).flatMap((p) => p.result)];
    for (const { value } of results) expect(chars.slice(value.start, value.end).join('')).toBe(value.text);
    expect(results[1]?.value).toMatchObject(findCp(ASTRAL_TEXT, 'Riverside General Hospital'));
    expect(results[1]).toMatchObject({ type: 'labels', from_name: 'label', to_name: 'text' });
    expect(plain?.annotations).toEqual([]);
  });

  it('writes an empty project as an empty array', async () => {
    const { db } = taggedProject([], []);
    expect(JSON.parse((await exportText(db, { format: 'labelstudio' })).text)).toEqual([]);
  });

  it('round-trips through a fresh project: the second export is identical', async () => {
    await expectRoundTrip({ format: 'labelstudio', statuses: ['accepted', 'suggested'] }, 'tasks.json');
  });

  it('imports an example written as Label Studio documents it: annotators, predictions, cancelled annotations, other results', async () => {
    const text = 'Kim 🌧 flew to Northgate Hospital.';
    const hospital = findCp(text, 'Northgate Hospital');
    const labels = (start: number, end: number, label: string) => ({
      id: 'r1',
      type: 'labels',
      from_name: 'label',
      to_name: 'text',
      value: { start, end, text: [...text].slice(start, end).join(''), labels: [label] },
    });
    const tasks = [
      {
        id: 41,
        data: { text, source: 'wire' },
        annotations: [
          { completed_by: { id: 3, email: 'kim@example.org' }, result: [labels(hospital.start, hospital.end, 'HOSPITAL'), { type: 'choices', value: { choices: ['ok'] } }] },
          { completed_by: 7, was_cancelled: true, result: [labels(0, 3, 'PERSON')] },
          { result: [labels(0, 3, 'PERSON')] },
        ],
        predictions: [{ model_version: 'v1', result: [labels(hospital.start, hospital.end, 'HOSPITAL')] }],
      },
      { data: { body: 'no text field' } },
      { data: { text: 'Bad offsets' }, annotations: [{ result: [labels(0, 99, 'PERSON')] }] },
    ];
    const { db, report, path } = await importInto('export.json', JSON.stringify(tasks), { annotator: 'fallback' });
    expect(report.documentsImported).toBe(1);
    expect(report.rejected).toEqual([
      { path, reason: 'task 2: "data" has no "text" string (fields: body)' },
      { path, reason: 'task 3: annotation 1, result 1: offsets 0–99 fall outside the text (0–11 code points)' },
    ]);
    const spans = spansInDocument(db, 1).map((span) => [span.startCp, span.endCp, span.label, span.annotator, span.status]);
    expect(spans).toEqual(
      expect.arrayContaining([
        [hospital.start, hospital.end, 'HOSPITAL', 'kim@example.org', 'accepted'],
        [0, 3, 'PERSON', 'fallback', 'accepted'],
        [hospital.start, hospital.end, 'HOSPITAL', 'fallback', 'suggested'],
      ]),
    );
    expect(spans).toHaveLength(3);
  });

  it('gives every task a whole-number id, as Label Studio\'s converter reads from every task', async () => {
    const { db } = taggedProject();
    const tasks = JSON.parse((await exportText(db, { format: 'labelstudio' })).text) as Task[];
    expect(tasks.map((task) => task.id)).toEqual([1, 2]);
    expect(tasks.every((task) => Number.isInteger(task.id) && !('id' in task.data))).toBe(true);
  });

  it('imports the JSON export as Label Studio writes it: annotators, predictions with model version and score', async () => {
    const { db, report } = await importInto('project-3.json', fixture('project-3-json.json'));
    expect(report.rejected).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.documentsImported).toBe(3);
    expect(getDocument(db, 1)?.meta).toEqual({ id: 41, source: 'wire' });
    const spans = allSpans(db);
    for (const span of spans) expect(span.text).not.toBe('');
    expect(spans.map(({ document, text, label, annotator, status, recogniser, confidence }) => [document, text, label, annotator, status, recogniser, confidence])).toEqual([
      [1, '4 March', 'DATE', '1', 'accepted', null, null],
      [1, 'Pham Thu Ha', 'PERSON', '1', 'accepted', null, null],
      // A prediction's spans: the result's own score where it has one, else the prediction's.
      [1, 'Lakeside General Hospital', 'HOSPITAL', '', 'suggested', 'ner-2031-02', 0.93],
      [1, 'Lakeside General Hospital', 'HOSPITAL', '1', 'accepted', null, null],
      [1, '320 beds', 'FIGURE', '', 'suggested', 'ner-2031-02', 0.87],
      [1, '320 beds', 'FIGURE', '2', 'accepted', null, null],
      [1, '12 April', 'DATE', '2', 'accepted', null, null],
      [2, "Hilltop Children's Hospital 2", 'HOSPITAL', '1', 'accepted', null, null],
      [2, '1,450 patients', 'FIGURE', '1', 'accepted', null, null],
      [2, 'August', 'DATE', '1', 'accepted', null, null],
    ]);
  });

  it('imports the JSON_MIN export of the same project with the same documents and spans (its predictions aside)', async () => {
    const json = allSpans((await importInto('project-3.json', fixture('project-3-json.json'))).db).filter((span) => span.status === 'accepted');
    for (const streamJsonAbove of [undefined, 0]) {
      const { db, report, path } = await importInto('project-3-min.json', fixture('project-3-json-min.json'), { streamJsonAbove });
      expect(report.rejected).toEqual([]);
      expect(report.warnings).toEqual([]);
      // One record per annotation: the task annotated twice comes twice, and its second annotator's spans join the first.
      expect(report.documentsImported).toBe(3);
      expect(report.duplicates).toEqual([{ path, duplicateOf: expect.stringMatching(/project-3-min\.json$/) as string }]);
      expect(report.spansByAnnotator).toEqual({ 1: 6, 2: 2 });
      expect(allSpans(db)).toEqual(json);
      // The task's id and data stay; what the record says of its annotation does not.
      expect(getDocument(db, 1)?.meta).toEqual({ source: 'wire', id: 41, topic: 'relevant' });
      expect(getDocument(db, 3)?.meta).toEqual({ source: 'wire', id: 43 });
    }
  });

  it('imports its CSV and TSV exports (the spans as JSON text in the labels column) with the same documents and spans', async () => {
    const json = allSpans((await importInto('project-3.json', fixture('project-3-json.json'))).db).filter((span) => span.status === 'accepted');
    for (const name of ['project-3-csv.csv', 'project-3-tsv.tsv']) {
      const { db, report } = await importInto(name, fixture(name));
      expect(report.rejected).toEqual([]);
      expect(report.warnings).toEqual([]);
      expect(report.documentsImported).toBe(3);
      expect(report.spansByAnnotator).toEqual({ 1: 6, 2: 2 });
      expect(allSpans(db)).toEqual(json);
      // Cells are text: the task's columns stay as meta, as strings; the annotation's own do not.
      expect(getDocument(db, 1)?.meta).toEqual({ source: 'wire', id: '41', topic: 'relevant' });
    }
    // A span whose offsets do not hold its text is refused with its line, not shifted.
    const broken = fixture('project-3-csv.csv').replace('""start"":5,""end"":12', '""start"":6,""end"":13');
    const { report } = await importInto('broken.csv', broken);
    expect(report.rejected).toEqual([{ path: expect.stringMatching(/broken\.csv$/) as string, line: 2, reason: expect.stringMatching(/^"label" 1: /) as string }]);
  });

  it('reads JSON_MIN spans from the field named after any labels control, also with --format labelstudio', async () => {
    const text = 'Clinic 🏥🏥 in Westbay opened on 2 May.';
    const records = [
      {
        text,
        id: 7,
        ner: [{ start: 13, end: 20, text: 'Westbay', labels: ['PLACE'] }],
        when: [{ start: 31, end: 36, text: '2 May', labels: ['DATE', 'OPENING'] }],
        annotator: 'kim@example.org',
        annotation_id: 12,
        created_at: '2031-05-02T10:00:00.000000Z',
        updated_at: '2031-05-02T10:00:00.000000Z',
        lead_time: 3.5,
      },
    ];
    for (const format of [undefined, 'labelstudio'] as const) {
      const { db, report } = await importInto('min.json', JSON.stringify(records), { format });
      expect(report.rejected).toEqual([]);
      expect(allSpans(db).map(({ text: quoted, label, annotator }) => [quoted, label, annotator])).toEqual([
        ['Westbay', 'PLACE', 'kim@example.org'],
        ['2 May', 'DATE', 'kim@example.org'],
        ['2 May', 'OPENING', 'kim@example.org'],
      ]);
    }
    // Offsets counted in UTF-16 units (as JavaScript would) are refused, not shifted.
    const wrong = [{ ...records[0], ner: [{ start: 15, end: 22, text: 'Westbay', labels: ['PLACE'] }] }];
    const refused = await importInto('wrong.json', JSON.stringify(wrong));
    expect(refused.report.rejected.map((problem) => problem.reason)).toEqual([
      'record 1: "ner" 1: text "Westbay" differs from the document\'s "stbay o" at 15–22 (code points)',
    ]);
  });

  it('reads annotations of exports from before Label Studio 1.0, which called them completions', async () => {
    const text = 'Ward 3 of Eastgate Hospital';
    const tasks = [{ id: 1, data: { text }, completions: [{ completed_by: 4, result: [{ type: 'labels', from_name: 'label', to_name: 'text', value: { start: 10, end: 27, labels: ['HOSPITAL'] } }] }] }];
    const { db } = await importInto('old.json', JSON.stringify(tasks));
    expect(allSpans(db).map(({ text: quoted, annotator }) => [quoted, annotator])).toEqual([['Eastgate Hospital', '4']]);
  });

  it('brings spans after astral characters back to the same offsets: Label Studio → Marginalia → Label Studio', async () => {
    const source = JSON.parse(fixture('project-3-json.json')) as FixtureTask[];
    const { db } = await importInto('project-3.json', fixture('project-3-json.json'));
    const exported = JSON.parse((await exportText(db, { format: 'labelstudio' })).text) as Task[];
    expect(exported.map((task) => task.data.text)).toEqual(source.map((task) => task.data.text));
    for (const [index, task] of source.entries()) {
      const text = task.data.text;
      expect(text.length).toBeGreaterThanOrEqual([...text].length);
      const wanted = task.annotations
        .filter((annotation) => !annotation.was_cancelled)
        .map((annotation) => ({
          completed_by: String(annotation.completed_by),
          values: annotation.result.filter((result) => result.type === 'labels').map((result) => result.value),
        }))
        .filter((annotation) => annotation.values.length > 0);
      const written = (exported[index]?.annotations ?? []).map((annotation) => ({
        completed_by: annotation.completed_by,
        values: annotation.result.map((result) => result.value),
      }));
      expect(written).toEqual(wanted);
      for (const { values } of written) for (const value of values) expect(sliceCp(text, value.start, value.end)).toBe(value.text);
    }
    // The astral characters are really before the spans: in UTF-16 units the offsets would differ.
    const hospital = source[1]?.annotations[0]?.result[0]?.value;
    expect(source[1]?.data.text.slice(hospital?.start, hospital?.end)).not.toBe(hospital?.text);
  });
});
