import { describe, expect, it } from 'vitest';
import { insertDocument } from '../../src/main/store/documents.js';
import { apiCaller } from '../helpers/api.js';
import { createTestProject } from '../helpers/project.js';

const TEXT = 'Dr Thu Ha moved 24 beds to Northgate Hospital on Monday .';

function at(phrase: string): { startCp: number; endCp: number } {
  const start = TEXT.indexOf(phrase);
  return { startCp: start, endCp: start + phrase.length };
}

describe('agreement follows the design', () => {
  it('compares the documents assigned to two or more and done by them, and says how many', async () => {
    const { db, dbPath } = createTestProject();
    const call = apiCaller(db, dbPath);
    const ids = [1, 2, 3, 4].map((n) => insertDocument(db, { title: `Report ${n}`, source: `r${n}.txt`, text: `${TEXT} ${n}`, meta: {} }).id);
    const [a, b, c, d] = ids as [number, number, number, number];
    await call('assignments:make', { annotators: ['mira', 'tomas'], share: 'all', documentIds: [a, b, c] });
    await call('assignments:make', { annotators: ['mira'], share: 'all', documentIds: [d] });
    const tag = (documentId: number, phrase: string, label: string, annotator: string) => call('spans:create', { documentId, ...at(phrase), label, annotator });
    await tag(a, 'Northgate Hospital', 'HOSPITAL', 'mira');
    await tag(a, 'Northgate Hospital', 'HOSPITAL', 'tomas');
    await tag(b, 'Monday', 'DATE', 'mira');
    // Document c: tomas tags, but only mira finishes it; document d is mira's alone.
    await tag(c, 'Thu Ha', 'PERSON', 'tomas');
    await tag(d, 'Thu Ha', 'PERSON', 'mira');
    for (const [id, who] of [[a, 'mira'], [a, 'tomas'], [b, 'mira'], [b, 'tomas'], [c, 'mira'], [d, 'mira']] as const) {
      await call('documents:setDone', { id, done: true, annotator: who });
    }
    const report = await call('agreement:measure', {});
    expect(report.design).toEqual({ assigned: 3, done: 2 });
    expect(report.annotators).toEqual(['mira', 'tomas']);
    // Document b counts although tomas found nothing there: he marked it done.
    expect(report.documents.map((doc) => doc.documentId).sort()).toEqual([a, b]);
    expect(report.pairs[0]).toMatchObject({ spansA: 2, spansB: 1, exactMatches: 1 });

    await call('documents:setDone', { id: b, done: false, annotator: 'tomas' });
    expect((await call('agreement:measure', {})).design).toEqual({ assigned: 3, done: 1 });
  });

  it('without assignments, compares wherever annotators overlap, as before', async () => {
    const { db, dbPath } = createTestProject();
    const call = apiCaller(db, dbPath);
    const id = insertDocument(db, { title: 'One', source: 'o.txt', text: TEXT, meta: {} }).id;
    await call('spans:create', { documentId: id, ...at('Monday'), label: 'DATE', annotator: 'mira' });
    await call('spans:create', { documentId: id, ...at('Monday'), label: 'DATE', annotator: 'tomas' });
    const report = await call('agreement:measure', {});
    expect(report.design).toBeNull();
    expect(report.documentsCompared).toBe(1);
  });
});
