import { describe, expect, it } from 'vitest';
import { doccanoRecord } from '../../src/main/import/readers/doccano.js';
import { spansInDocument } from '../../src/main/store/spans.js';
import { ASTRAL_TEXT, exportText, expectRoundTrip, findCp, importInto, taggedProject } from './formats-support.js';

interface DoccanoLine {
  id: number;
  text: string;
  label: [number, number, string][];
  [key: string]: unknown;
}

function lines(text: string): DoccanoLine[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as DoccanoLine);
}

describe('doccano JSONL', () => {
  it('writes UTF-16 offsets, which differ from code points after an astral character and slice as JavaScript does', async () => {
    const { db } = taggedProject();
    const { text, report } = await exportText(db, { format: 'doccano', statuses: ['accepted'] });
    const [first, second] = lines(text);
    expect(report).toMatchObject({ documents: 2, spans: 4, leftOut: [] });
    expect(first?.text).toBe(ASTRAL_TEXT);
    expect(first?.title).toBe('note 1');
    expect(first?.site).toBe('example');
    const hospital = first?.label.find(([, , label]) => label === 'HOSPITAL');
    const cp = findCp(ASTRAL_TEXT, 'Riverside General Hospital');
    const startU16 = ASTRAL_TEXT.indexOf('Riverside General Hospital');
    expect(hospital).toEqual([startU16, startU16 + 26, 'HOSPITAL']);
    expect(startU16).toBe(cp.start + 1); // the emoji before it is two UTF-16 units
    for (const [start, end] of first?.label ?? []) expect(ASTRAL_TEXT.slice(start, end)).not.toMatch(/^\s|\s$/);
    expect(first?.label.map(([start, end]) => ASTRAL_TEXT.slice(start, end))).toEqual([
      '3 May',
      'Riverside General Hospital',
      'Mai Tran',
      'Riverside General Hospital',
    ]);
    expect(second?.label).toEqual([]);
  });

  it('round-trips through a fresh project: the second export is identical', async () => {
    const text = await expectRoundTrip({ format: 'doccano', statuses: ['accepted', 'suggested', 'rejected'] }, 'dataset.jsonl');
    expect(lines(text)[0]?.label).toHaveLength(6);
  });

  it('imports an example written as doccano documents it, keeping id and other fields as meta', async () => {
    // doccano's sequence-labelling export: {"id", "text", "label": [[start, end, label]], …}.
    const text = 'Anna 👋 visited the Lakeside Clinic.';
    const startU16 = text.indexOf('Lakeside Clinic');
    const file = [
      JSON.stringify({ id: 17, text, label: [[0, 4, 'PERSON'], [startU16, startU16 + 15, 'HOSPITAL']], Comments: [] }),
      JSON.stringify({ id: 18, text: 'No labels on this line.', label: [] }),
    ].join('\n');
    const { db, report } = await importInto('doccano.jsonl', file);
    expect(report.rejected).toEqual([]);
    expect(report.documentsImported).toBe(2);
    const spans = spansInDocument(db, 1);
    expect(spans.map((span) => [span.startCp, span.endCp, span.label])).toEqual([
      [0, 4, 'PERSON'],
      [startU16 - 1, startU16 + 14, 'HOSPITAL'],
    ]);
    const { text: exported } = await exportText(db, { format: 'jsonl' });
    const doc = JSON.parse(exported.split('\n')[0] as string) as { id: number; meta: Record<string, unknown> };
    expect(doc.meta).toEqual({ id: 17, Comments: [] });
    expect(doc.id).toBe(1);
  });

  it('refuses a line whose offsets split an emoji or leave the text, naming the line, and imports the rest', async () => {
    const file = [
      JSON.stringify({ text: 'A 👋 B', label: [[3, 5, 'PERSON']] }),
      JSON.stringify({ text: 'short', label: [[0, 99, 'PERSON']] }),
      'not json',
      JSON.stringify({ text: 'Fine line', label: [[0, 4, 'PERSON']] }),
    ].join('\n');
    const { report, path } = await importInto('bad.jsonl', file, { format: 'doccano' });
    expect(report.documentsImported).toBe(1);
    expect(report.rejected.map((problem) => `${problem.path}:${problem.line}: ${problem.reason}`)).toEqual([
      `${path}:1: label 1: offsets 3–5 split an emoji or other astral character (UTF-16 code units expected)`,
      `${path}:2: label 1: offsets 0–99 fall outside the text (0–5 UTF-16 code units)`,
      expect.stringMatching(new RegExp(`^${path}:3: invalid JSON`)),
    ]);
  });

  it('reads a record without a label list as a document without spans', () => {
    const record = doccanoRecord({ text: 'Just text', id: 3 }, 'f.jsonl', 1);
    expect(record).toMatchObject({ ok: true, value: { text: 'Just text', meta: { id: 3 }, line: 1 } });
  });
});
