import { describe, expect, it } from 'vitest';
import type { ExportedDocument } from '../../src/main/export/exported-document.js';
import { FramingPool } from '../../src/main/export/framing-pool.js';
import { writeBatch } from '../../src/main/export/token-batches.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { createSpan } from '../../src/main/store/spans.js';
import { ASTRAL_TEXT, exportText, findCp, taggedProject } from './formats-support.js';

/** The tagged project and twenty more documents, with spans CoNLL cannot hold (overlapping, white space only). */
function largerProject() {
  const project = taggedProject();
  for (let n = 0; n < 20; n++) {
    const text = `${n}: ${ASTRAL_TEXT}${n % 2 === 0 ? '\r\n' : '\n'}"Quoted" \\ back\u0001slash, and   spaces.`;
    const { id } = insertDocument(project.db, { title: `copy ${n}`, source: `copy-${n}.txt`, text, meta: { n } });
    const hospital = findCp(text, 'Riverside General Hospital');
    createSpan(project.db, { documentId: id, startCp: hospital.start, endCp: hospital.end, label: 'HOSPITAL', annotator: 'lan' });
    createSpan(project.db, { documentId: id, startCp: hospital.start, endCp: hospital.start + 9, label: 'PERSON', annotator: 'lan' });
    const gap = findCp(text, '   ');
    createSpan(project.db, { documentId: id, startCp: gap.start, endCp: gap.end, label: 'DATE', annotator: 'mai' });
  }
  return project;
}

describe('writing token formats on worker threads', () => {
  it('writes the same file, and leaves out the same spans, as the export thread alone', async () => {
    const { db } = largerProject();
    for (const format of ['spacy', 'conll'] as const) {
      const alone = await exportText(db, { format, batchDocuments: 3, framingThreads: 0 });
      const threaded = await exportText(db, { format, batchDocuments: 3, framingThreads: 2 });
      expect(threaded.text, format).toBe(alone.text);
      expect(threaded.report, format).toEqual(alone.report);
      expect(alone.report.documents).toBe(22);
      expect(alone.report.leftOut.length, format).toBeGreaterThan(0);
    }
  });

  it('writes on its own thread what its workers had in hand when they stop', async () => {
    const { db } = largerProject();
    const { text } = await exportText(db, { format: 'jsonl', statuses: ['accepted', 'suggested', 'rejected'] });
    const documents = text.trim().split('\n').map((line) => JSON.parse(line) as ExportedDocument);
    const batches = [documents.slice(0, 5), documents.slice(5, 12), documents.slice(12)];
    const pool = new FramingPool('spacy', 2);
    const written = batches.map((batch) => pool.write(batch));
    pool.close();
    const texts = (await Promise.all(written)).map((chunk) => (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')));
    expect(texts).toEqual(batches.map((batch) => writeBatch('spacy', batch).text));
    // Still usable: later batches are written on this thread.
    expect(await pool.write(batches[0] ?? [])).toBe(writeBatch('spacy', batches[0] ?? []).text);
  });
});
