/**
 * What an import says beyond what went in: spans a file holds that no reader read
 * (kept in meta, so said out loud), and refused records counted apart from refused files.
 */
import { describe, expect, it } from 'vitest';
import { importSummary } from '../../src/main/import/summary.js';
import { importInto } from './formats-support.js';

const TEXT = 'Dr. Lan Vo 🩺 moved to Northgate Hospital on 2 May.';

describe('spans an import did not read', () => {
  it('warns once per field of a json file, naming the file, the first record and the field', async () => {
    const documents = [
      { text: TEXT, entities: [{ start: 4, end: 10, label: 'PERSON' }, { start: 22, end: 40, label: 'HOSPITAL' }] },
      { text: 'A second note.', entities: [{ start: 2, end: 8, label: 'PERSON' }] },
      { text: 'A third note, its tags plain words.', tags: ['ward', 'staff'], entities: [] },
    ];
    const { db, report, path } = await importInto('notes.json', JSON.stringify(documents));
    expect(report.documentsImported).toBe(3);
    expect(report.spansAdded).toBe(0);
    expect(report.warnings).toEqual([
      {
        path,
        reason:
          'record 1: no spans were read, but field "entities" looks like spans (2 objects with start, end and label); ' +
          "it was kept in the document's meta as it is; so does the same field of 1 more record",
      },
    ]);
    expect(importSummary(report)).toBe('imported 3 documents (0.00 MB), skipped 0 duplicates, rejected 0 files, 1 warning');
    // Nothing was lost: the field is in meta as it came.
    const meta = JSON.parse((db.prepare('SELECT meta FROM documents WHERE id = 1').get() as { meta: string }).meta) as Record<string, unknown>;
    expect(meta.entities).toEqual(documents[0]?.entities);
  });

  it('names the line in files made of lines: JSON lines with [start, end, label] triples, CSV cells holding spans as JSON', async () => {
    const lines = [JSON.stringify({ text: 'Nothing here.' }), JSON.stringify({ text: TEXT, ents: [[4, 10, 'PERSON']] })].join('\n');
    const jsonl = await importInto('notes.jsonl', `${lines}\n`);
    expect(jsonl.report.warnings).toEqual([
      {
        path: jsonl.path,
        line: 2,
        reason: `no spans were read, but field "ents" looks like spans (1 [start, end, label] triple); it was kept in the document's meta as it is`,
      },
    ]);

    // One label per span (not Label Studio's list of labels): not read as spans, but said.
    const cell = JSON.stringify([{ start: 22, end: 40, text: 'Northgate Hospital', label: 'HOSPITAL' }]).replaceAll('"', '""');
    const csv = await importInto('entities.csv', `text,entities,annotator\n"${TEXT}","${cell}",1\n`);
    expect(csv.report.warnings).toEqual([
      {
        path: csv.path,
        line: 2,
        reason: `no spans were read, but field "entities" looks like spans (1 object with start, end and label); it was kept in the document's meta as it is`,
      },
    ]);
  });

  it('says nothing when the spans were read, or when nothing looks like spans', async () => {
    const own = JSON.stringify({ text: TEXT, meta: { source: 'wire' }, spans: [{ start: 4, end: 10, label: 'PERSON' }] });
    const plain = JSON.stringify({ text: 'Nothing to tag.', figures: [{ value: 3 }], ranges: [[1, 2]], tags: ['a'] });
    const doccano = JSON.stringify({ text: `${TEXT} Again.`, label: [[4, 10, 'PERSON']] });
    const { report } = await importInto('mixed.jsonl', `${own}\n${plain}\n${doccano}\n`);
    expect(report.rejected).toEqual([]);
    expect(report.spansAdded).toBe(2);
    expect(report.warnings).toEqual([]);
  });

  it('a Label Studio JSON_MIN export brings its spans, with no warning', async () => {
    const records = [
      { text: TEXT, id: 1, label: [{ start: 22, end: 40, text: 'Northgate Hospital', labels: ['HOSPITAL'] }], annotator: 1, annotation_id: 1, created_at: '2031-05-02T10:00:00Z', updated_at: '2031-05-02T10:00:00Z', lead_time: 2.5 },
    ];
    const { report } = await importInto('export.json', JSON.stringify(records));
    expect(report.spansAdded).toBe(1);
    expect(report.warnings).toEqual([]);
    // And its CSV export, the spans as JSON text in the "label" column.
    const cell = JSON.stringify(records[0]?.label).replaceAll('"', '""');
    const csv = await importInto('export.csv', `text,label,annotator\n"${TEXT}","${cell}",1\n`);
    expect(csv.report.spansAdded).toBe(1);
    expect(csv.report.warnings).toEqual([]);
  });
});

describe('the import summary', () => {
  it('counts one file of 5 refused records as one file imported with 5 records refused, not as 5 rejected files', async () => {
    const bad = Array.from({ length: 5 }, (_, i) => JSON.stringify({ title: `note ${i + 1}` })).join('\n');
    const files: [string, string][] = [
      ['five.jsonl', `${bad}\n`],
      ['five.json', JSON.stringify(Array.from({ length: 5 }, (_, i) => ({ title: `note ${i + 1}` })))],
      ['five-tasks.json', JSON.stringify(Array.from({ length: 5 }, (_, i) => ({ id: i + 1, data: { body: 'no text' } })))],
    ];
    for (const [name, content] of files) {
      const { report } = await importInto(name, content);
      expect(report.rejected).toHaveLength(5);
      expect({ filesRejected: report.filesRejected, recordsRejected: report.recordsRejected, files: report.filesWithRecordsRejected }).toEqual({
        filesRejected: 0,
        recordsRejected: 5,
        files: 1,
      });
      expect(importSummary(report)).toBe('imported 0 documents (0.00 MB), skipped 0 duplicates, rejected 0 files, 1 file imported with 5 records refused');
    }
  });
});
