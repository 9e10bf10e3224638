import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportToFile, exportToFolder } from '../../src/main/export/export-file.js';
import { importPaths } from '../../src/main/import/pipeline.js';
import { spansInDocument, updateSpanRow } from '../../src/main/store/spans.js';
import { writeFiles } from '../helpers/files.js';
import { createTestProject, tempDir } from '../helpers/project.js';
import { ASTRAL_TEXT, exportText, findCp, taggedProject } from './formats-support.js';

function folderContents(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

describe('brat standoff', () => {
  it('writes a .txt and .ann per document and annotation.conf, offsets in code points', async () => {
    const { db } = taggedProject();
    const dir = join(tempDir(), 'brat');
    const report = await exportToFolder(db, dir, { format: 'brat', statuses: ['accepted', 'suggested'] });
    expect(report).toMatchObject({ documents: 2, spans: 5, leftOut: [] });
    const files = folderContents(dir);
    expect(Object.keys(files)).toEqual(['annotation.conf', 'document-1.ann', 'document-1.txt', 'document-2.ann', 'document-2.txt']);
    expect(files['document-1.txt']).toBe(ASTRAL_TEXT);
    expect(files['annotation.conf']).toBe('[entities]\nHOSPITAL\nDATE\nPERSON\nFIGURE\n\n[relations]\n\n[events]\n\n[attributes]\n');
    const { start, end } = findCp(ASTRAL_TEXT, 'Riverside General Hospital');
    expect(files['document-1.ann']?.split('\n')[1]).toBe(`T2\tHOSPITAL ${start} ${end}\tRiverside General Hospital`);
    const chars = [...ASTRAL_TEXT];
    for (const line of files['document-1.ann']!.trim().split('\n')) {
      const [, place, text] = line.split('\t');
      const [, from, to] = place!.split(' ');
      expect(chars.slice(Number(from), Number(to)).join('')).toBe(text);
    }
    expect(files['document-2.ann']).toBe('');
  });

  it('writes a span across a CRLF as fragments, and reads them back as one span', async () => {
    const text = 'Ward at Harbour\r\nHospital 🙂 today.';
    const { db } = taggedProject([text], [{ phrase: 'Harbour\r\nHospital', label: 'HOSPITAL' }, { phrase: 'today.\r\n'.slice(0, 6), label: 'DATE' }]);
    const dir = join(tempDir(), 'out');
    await exportToFolder(db, dir, { format: 'brat' });
    const { start, end } = findCp(text, 'Harbour\r\nHospital');
    expect(readFileSync(join(dir, 'document-1.ann'), 'utf8').split('\n')[0]).toBe(`T1\tHOSPITAL ${start} ${start + 7};${start + 9} ${end}\tHarbour Hospital`);
    const fresh = createTestProject();
    expect((await importPaths(fresh.db, [dir])).rejected).toEqual([]);
    expect(spansInDocument(fresh.db, 1).map((span) => [span.startCp, span.endCp, span.label])).toEqual([
      [start, end, 'HOSPITAL'],
      [findCp(text, 'today.').start, findCp(text, 'today.').end, 'DATE'],
    ]);
  });

  it('leaves out a span starting or ending with a line break, and says so', async () => {
    const { db } = taggedProject(['One\nTwo'], [{ phrase: 'One\n', label: 'FIGURE' }]);
    const report = await exportToFolder(db, join(tempDir(), 'out'), { format: 'brat' });
    expect(report.leftOut).toEqual([{ reason: "spans starting or ending with a line break (brat keeps a span's text on one line)", spans: 1 }]);
    expect(report.spans).toBe(0);
  });

  it('round-trips a folder through a fresh project: the second export is identical', async () => {
    const { db } = taggedProject();
    const first = join(tempDir(), 'first');
    await exportToFile(db, first, { format: 'brat', statuses: ['accepted', 'suggested', 'rejected'] });
    const fresh = createTestProject();
    const imported = await importPaths(fresh.db, [first]);
    expect(imported.rejected).toEqual([]);
    expect(imported.documentsImported).toBe(2);
    const second = join(tempDir(), 'second');
    await exportToFile(fresh.db, second, { format: 'brat', statuses: ['accepted', 'suggested', 'rejected'] });
    expect(folderContents(second)).toEqual(folderContents(first));
  });

  it('refuses a folder that exists, and a stream', async () => {
    const { db } = taggedProject();
    const dir = tempDir();
    await expect(exportToFolder(db, dir, { format: 'brat' })).rejects.toThrow(/already exists/);
    await expect(exportText(db, { format: 'brat' })).rejects.toThrow(/--out FOLDER/);
  });

  it('writes notes as AnnotatorNotes on one line, and reads them back onto their spans', async () => {
    const { db } = taggedProject([ASTRAL_TEXT], [{ phrase: 'Mai Tran', label: 'PERSON' }, { phrase: 'Riverside General Hospital', label: 'HOSPITAL' }]);
    const [tran] = spansInDocument(db, 1).filter((span) => span.label === 'PERSON');
    updateSpanRow(db, tran!.id, { note: 'the ward\r\nsurgeon\tsince 2019' });
    const dir = join(tempDir(), 'notes');
    await exportToFolder(db, dir, { format: 'brat' });
    const lines = readFileSync(join(dir, 'document-1.ann'), 'utf8').split('\n');
    const person = lines.findIndex((line) => /^T\d+\tPERSON /.test(line));
    const personId = lines[person]!.split('\t')[0];
    expect(lines[person + 1]).toBe(`#1\tAnnotatorNotes ${personId}\tthe ward  surgeon since 2019`);
    expect(lines.filter((line) => line.startsWith('#'))).toHaveLength(1);
    const fresh = createTestProject();
    expect((await importPaths(fresh.db, [dir])).rejected).toEqual([]);
    expect(spansInDocument(fresh.db, 1).map((span) => [span.label, span.note])).toEqual([
      ['HOSPITAL', null],
      ['PERSON', 'the ward  surgeon since 2019'],
    ]);
  });

  it('imports a folder written as brat documents it: pairs by name, keeps notes, passes over relations, reports bad lines', async () => {
    const text = 'Dr. Ines Park 🩺 moved from Bayview Clinic to Summit Hospital.\n';
    const ines = findCp(text, 'Ines Park');
    const bayview = findCp(text, 'Bayview Clinic');
    const summit = findCp(text, 'Summit Hospital');
    const dir = writeFiles(tempDir(), {
      'annotation.conf': '[entities]\nPERSON\nHOSPITAL\n[relations]\nMoved Arg1:PERSON, Arg2:HOSPITAL\n[events]\n[attributes]\n',
      'visual.conf': '[labels]\nPERSON | Person\n',
      'news/a1.txt': text,
      'news/a1.ann': [
        `T1\tPERSON ${ines.start} ${ines.end}\tInes Park`,
        `T2\tHOSPITAL ${bayview.start} ${bayview.end}\tBayview Clinic`,
        'R1\tMoved Arg1:T1 Arg2:T2',
        '#1\tAnnotatorNotes T1\tthe surgeon',
        '#2\tAnnotatorNotes T1\tsince 2019',
        '#3\tAnnotatorNotes R1\ta note on a relation',
        'A1\tNegated T2',
        `T3\tHOSPITAL ${summit.start} ${summit.end}\tSummit Hospita`,
        'T4\tHOSPITAL x y\tBroken',
        `T5\tHOSPITAL ${bayview.start} ${bayview.start + 7};${summit.start} ${summit.end}\tBayview Summit Hospital`,
        '',
      ].join('\n'),
      'news/plain.txt': 'A plain note with no annotations.\n',
      'news/orphan.ann': 'T1\tPERSON 0 3\tabc\n',
    });
    const project = createTestProject();
    const report = await importPaths(project.db, [dir]);
    expect(report.documentsImported).toBe(2);
    const ann = join(dir, 'news/a1.ann');
    expect(report.rejected).toEqual([
      { path: ann, line: 8, reason: `T3: text "Summit Hospita" differs from the document's "Summit Hospital" at those offsets` },
      { path: ann, line: 9, reason: 'T4: offsets must be "start end" (fragments joined by ";")' },
      { path: ann, line: 10, reason: `T5: fragments ${bayview.start + 7} and ${summit.start} are not separated by line breaks alone, and a Marginalia span is one stretch of text` },
      { path: join(dir, 'news/orphan.ann'), reason: 'brat annotations without their text: no orphan.txt beside it' },
    ]);
    expect(spansInDocument(project.db, 1).map((span) => [span.startCp, span.endCp, span.label, span.note])).toEqual([
      [ines.start, ines.end, 'PERSON', 'the surgeon\nsince 2019'],
      [bayview.start, bayview.end, 'HOSPITAL', null],
    ]);
    expect(spansInDocument(project.db, 2)).toEqual([]);
  });
});
