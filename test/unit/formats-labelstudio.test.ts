import { describe, expect, it } from 'vitest';
import { spansInDocument } from '../../src/main/store/spans.js';
import { ASTRAL_TEXT, exportText, expectRoundTrip, findCp, importInto, taggedProject } from './formats-support.js';

interface Result {
  id: string;
  type: string;
  from_name: string;
  to_name: string;
  value: { start: number; end: number; text: string; labels: string[] };
}
interface Task {
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
});
