import { describe, expect, it } from 'vitest';
import type { JobStateDto, OperationName } from '../../src/shared/api.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertNoiseMarks } from '../../src/main/store/noise-marks.js';
import { suggestForDocuments } from '../../src/main/suggest/run.js';
import { sliceCp } from '../../src/shared/offsets.js';
import { apiCaller, jobFinished, refusal } from '../helpers/api.js';
import { createTestProject, tempDir } from '../helpers/project.js';
import { writeFiles } from '../helpers/files.js';
import { documentTagger } from '../helpers/tagging.js';

/** A project with its API, called as the workbench calls it (inputs parsed, errors as data). */
function setup() {
  const { db, dbPath } = createTestProject();
  const call = apiCaller(db, dbPath);
  const refused = (name: OperationName, input: unknown): Promise<string> => refusal(call, name, input);
  const finished = (jobId: string): Promise<JobStateDto> => jobFinished(call, jobId);
  const { doc, tag } = documentTagger(db, { undoable: true });
  return { db, dbPath, call, refused, finished, doc, tag };
}

interface StoredSpan {
  id: number;
  document_id: number;
  start_cp: number;
  end_cp: number;
  label: string;
  annotator: string;
  status: string;
  value: string | null;
  recogniser: string | null;
  confidence: number | null;
  entity_id: number | null;
  text: string;
}

/** Every span with its text, in reading order. */
function spans(db: Db, where = '1 = 1'): StoredSpan[] {
  return db
    .prepare(
      `SELECT s.*, substr(d.text, s.start_cp + 1, s.end_cp - s.start_cp) AS text FROM spans s JOIN documents d ON d.id = s.document_id
       WHERE ${where} ORDER BY s.document_id, s.start_cp, s.label`,
    )
    .all() as StoredSpan[];
}

const OPENING = 'Dr. Nguyen Van An opened Cho Ray Hospital on 03/04/2024 with 120 beds.';
const APPEAL = 'Ms. Tran Thi Binh said Lotus Clinic needs 5,000 masks by 12 May 2025.';

describe('suggestion runs', () => {
  it('stores suggestions with their recogniser, confidence and value, and reports them by label', async () => {
    const { db, call, doc } = setup();
    const opening = doc(OPENING);
    doc(APPEAL);
    const report = await suggestForDocuments(db);
    expect(report).toMatchObject({ documents: 2, proposed: 8, skipped: 0, cancelled: false });
    expect(report.byLabel).toEqual({
      HOSPITAL: { proposed: 2, skipped: 0 },
      DATE: { proposed: 2, skipped: 0 },
      PERSON: { proposed: 2, skipped: 0 },
      FIGURE: { proposed: 2, skipped: 0 },
    });
    const stored = spans(db, `s.document_id = ${opening}`);
    expect(stored.map((s) => [s.label, s.text, s.recogniser, s.status, s.annotator])).toEqual([
      ['PERSON', 'Nguyen Van An', 'person', 'suggested', ''],
      ['HOSPITAL', 'Cho Ray Hospital', 'hospital', 'suggested', ''],
      ['DATE', '03/04/2024', 'date', 'suggested', ''],
      ['FIGURE', '120 beds', 'figure', 'suggested', ''],
    ]);
    for (const span of stored) expect(span.confidence).toBeGreaterThan(0);
    expect(JSON.parse(stored[2]?.value ?? 'null')).toBe('2024-04-03');
    expect(JSON.parse(stored[3]?.value ?? 'null')).toEqual({ value: 120, unit: 'beds' });

    // The workbench sees them with their provenance.
    const detail = await call('documents:get', { id: opening });
    const date = detail.spans.find((span) => span.label === 'DATE');
    expect(date).toMatchObject({ status: 'suggested', recogniser: 'date', annotator: '', value: '2024-04-03' });
    expect(date?.confidence).toBeGreaterThan(0);
  });

  it('never duplicates a human span or a rejected suggestion, and a second run adds nothing', async () => {
    const { db, doc, tag, call } = setup();
    const opening = doc(OPENING);
    const appeal = doc(APPEAL);
    tag(opening, 'Cho Ray Hospital');
    // A person's span a word shorter than the candidate still stands for it.
    tag(appeal, 'Lotus');
    await suggestForDocuments(db);
    const date = spans(db, "s.label = 'DATE'")[0] as StoredSpan;
    await call('spans:decide', { ids: [date.id], status: 'rejected', annotator: 'lan' });
    const before = spans(db);
    expect(before.filter((s) => s.label === 'HOSPITAL').map((s) => [s.text, s.annotator, s.status])).toEqual([
      ['Cho Ray Hospital', 'lan', 'accepted'],
      ['Lotus', 'lan', 'accepted'],
    ]);

    const again = await suggestForDocuments(db);
    expect(again.proposed).toBe(0);
    expect(again.byLabel).toEqual({
      HOSPITAL: { proposed: 0, skipped: 2 },
      DATE: { proposed: 0, skipped: 2 },
      PERSON: { proposed: 0, skipped: 2 },
      FIGURE: { proposed: 0, skipped: 2 },
    });
    expect(spans(db)).toEqual(before);
  });

  it('narrows to labels and documents, leaves noise alone, and refuses unknown ones', async () => {
    const { db, doc, refused } = setup();
    const opening = doc(OPENING);
    const appeal = doc(APPEAL);
    const noisy = doc('Spam line 07/08/2024 win big\nMeals came on 09/10/2024.');
    insertNoiseMarks(db, noisy, [{ startCp: 0, endCp: 28, kind: 'spam_line' }]);

    const dates = await suggestForDocuments(db, { labels: ['DATE'], documentIds: [appeal, noisy] });
    expect(Object.keys(dates.byLabel)).toEqual(['DATE']);
    expect(spans(db).map((s) => [s.document_id, s.text])).toEqual([
      [appeal, '12 May 2025'],
      [noisy, '09/10/2024'],
    ]);
    await expect(suggestForDocuments(db, { labels: ['MEDICINE'] })).rejects.toThrow('unknown label MEDICINE');
    await expect(suggestForDocuments(db, { documentIds: [opening, 999] })).rejects.toThrow('no document 999');
    expect(await refused('suggestions:run', { labels: ['MEDICINE'] })).toBe('failed: unknown label MEDICINE');
    expect(await refused('suggestions:run', { documentIds: [999] })).toBe('not_found: no document 999');
  });

  it('works in bounded batches with progress, and stops between batches when cancelled', async () => {
    const { db, doc } = setup();
    for (let n = 0; n < 5; n++) doc(`Report ${n}: ${n + 2} boats reached the island on 0${n + 1}/02/2025.`);
    const seen: number[] = [];
    const report = await suggestForDocuments(db, { labels: ['DATE'], batchDocuments: 2, onProgress: (p) => seen.push(p.documentsDone) });
    expect(seen).toEqual([0, 2, 4, 5]);
    expect(report.proposed).toBe(5);

    db.prepare("DELETE FROM spans WHERE status = 'suggested'").run();
    const controller = new AbortController();
    const stopped = await suggestForDocuments(db, {
      labels: ['DATE'],
      batchDocuments: 2,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.documentsDone === 2) controller.abort();
      },
    });
    expect(stopped).toMatchObject({ documents: 2, proposed: 2, cancelled: true });
    expect(spans(db)).toHaveLength(2);
  });

  it('links PERSON and HOSPITAL suggestions to the entity with the same name key', async () => {
    const { db, call, doc } = setup();
    const hospital = await call('entities:create', { name: 'Bach Mai Hospital', label: 'HOSPITAL', aliases: ['BMH'] });
    const person = await call('entities:create', { name: 'Pham Van Long', label: 'PERSON' });
    // Two entities sharing a key link neither: the person reviewing decides.
    await call('entities:create', { name: 'Cho Ray Hospital', label: 'HOSPITAL' });
    await call('entities:create', { name: 'Chợ Rẫy Hospital', label: 'HOSPITAL' });
    doc('Mr. Pham Van Long visited Bạch Mai Hospital, then Cho Ray Hospital, on 2 March 2025.');
    await suggestForDocuments(db);
    expect(spans(db).map((s) => [s.label, s.text, s.entity_id])).toEqual([
      ['PERSON', 'Pham Van Long', person.id],
      ['HOSPITAL', 'Bạch Mai Hospital', hospital.id],
      ['HOSPITAL', 'Cho Ray Hospital', null],
      ['DATE', '2 March 2025', null],
    ]);
  });

  it('links a short form to the entity of the full name it follows in the same document', async () => {
    const { db, call, doc } = setup();
    const hospital = await call('entities:create', { name: 'Lakeside General Hospital', label: 'HOSPITAL' });
    const person = await call('entities:create', { name: 'Tran Thi Lan', label: 'PERSON' });
    doc('Minister Tran Thi Lan visited Lakeside General Hospital. Lan said Lakeside needs nurses.');
    await suggestForDocuments(db, { labels: ['HOSPITAL', 'PERSON'] });
    expect(spans(db).map((s) => [s.label, s.text, s.entity_id])).toEqual([
      ['PERSON', 'Tran Thi Lan', person.id],
      ['HOSPITAL', 'Lakeside General Hospital', hospital.id],
      ['PERSON', 'Lan', person.id],
      ['HOSPITAL', 'Lakeside', hospital.id],
    ]);
  });

  it('reads and changes project settings; the date order decides how numeric dates are read', async () => {
    const { db, call, doc, refused } = setup();
    expect(await call('settings:get', {})).toEqual({ dateOrder: 'day-first', suggestAfterImport: false, blindAnnotation: null });
    expect(await call('settings:update', { dateOrder: 'month-first' })).toEqual({ dateOrder: 'month-first', suggestAfterImport: false, blindAnnotation: null });
    expect(await call('settings:get', {})).toEqual({ dateOrder: 'month-first', suggestAfterImport: false, blindAnnotation: null });
    expect(await refused('settings:update', { dateOrder: 'year-first' })).toMatch(/^invalid_input: settings:update: dateOrder/);
    // A value this version cannot read counts as the default, and the rest still reads.
    db.prepare(`UPDATE project_settings SET value = '"year-first"' WHERE key = 'dateOrder'`).run();
    expect(await call('settings:get', {})).toEqual({ dateOrder: 'day-first', suggestAfterImport: false, blindAnnotation: null });
    await call('settings:update', { dateOrder: 'month-first' });

    doc('The ward reopened on 03/04/2024.');
    await suggestForDocuments(db, { labels: ['DATE'] });
    expect(spans(db).map((s) => JSON.parse(s.value ?? 'null') as unknown)).toEqual(['2024-03-04']);
  });

  it('runs as a job, and after a workbench import when the settings ask for it', async () => {
    const { db, call, finished, doc } = setup();
    doc(OPENING);
    const job = await finished((await call('suggestions:run', { labels: ['HOSPITAL'] })).jobId);
    expect(job).toMatchObject({ kind: 'suggest', state: 'done', filesDone: 1, filesTotal: 1 });
    expect(job.summary).toBe('suggested 1 span in 1 document (1 HOSPITAL)');

    const dir = writeFiles(tempDir(), { 'a.txt': APPEAL, 'b.txt': 'Nothing to see in this short note.' });
    const quiet = await finished((await call('import:paths', { paths: [dir] })).jobId);
    expect(quiet.summary).not.toContain('suggested');
    expect(spans(db)).toHaveLength(1);

    await call('settings:update', { suggestAfterImport: true });
    const more = writeFiles(tempDir(), { 'c.txt': 'Mr. Pham Van Long visited Bach Mai Hospital.' });
    const imported = await finished((await call('import:paths', { paths: [more] })).jobId);
    expect(imported.state).toBe('done');
    expect(imported.summary).toContain('; suggested 2 spans in 1 document (1 HOSPITAL, 0 DATE, 1 PERSON, 0 FIGURE)');
    // Only the new document: the earlier import's appeal stays without suggestions.
    expect(spans(db).map((s) => s.text)).toEqual(['Cho Ray Hospital', 'Pham Van Long', 'Bach Mai Hospital']);
  });
});

describe('migrated history', () => {
  it('undoes an edit recorded before spans had a recogniser and confidence', async () => {
    const { db, call, doc, tag } = setup();
    const id = doc(OPENING);
    const spanId = tag(id, 'Cho Ray Hospital');
    // An edit as migration 006 recorded it: its rows lack the two new columns.
    const edit = db.prepare('SELECT id, changes FROM edits ORDER BY id DESC LIMIT 1').get() as { id: number; changes: string };
    const changes = JSON.parse(edit.changes) as { kind: string; after?: Record<string, unknown> }[];
    for (const change of changes) {
      if (change.kind !== 'span' || !change.after) continue;
      delete change.after.recogniser;
      delete change.after.confidence;
    }
    db.prepare('UPDATE edits SET changes = ? WHERE id = ?').run(JSON.stringify(changes), edit.id);
    await call('history:undo', {});
    expect(spans(db)).toEqual([]);
    await call('history:redo', {});
    expect(spans(db).map((s) => [s.id, s.recogniser, s.confidence])).toEqual([[spanId, null, null]]);
    expect(sliceCp(OPENING, spans(db)[0]?.start_cp ?? 0, spans(db)[0]?.end_cp ?? 0)).toBe('Cho Ray Hospital');
  });
});
