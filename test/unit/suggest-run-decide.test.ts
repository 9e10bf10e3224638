import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/store/connection.js';
import { gazetteerRow } from '../../src/main/store/gazetteer.js';
import { createSpan } from '../../src/main/store/spans.js';
import { suggestForDocuments } from '../../src/main/suggest/run.js';
import { apiCaller, refusal } from '../helpers/api.js';
import { createTestProject } from '../helpers/project.js';
import { documentTagger } from '../helpers/tagging.js';

function setup() {
  const { db, dbPath } = createTestProject();
  const call = apiCaller(db, dbPath);
  const { doc, tag } = documentTagger(db, { undoable: true });
  return { db, call, doc, tag };
}

interface SpanState {
  id: number;
  label: string;
  text: string;
  status: string;
  annotator: string;
  recogniser: string | null;
  confidence: number | null;
}

/** The spans of a project with their text, status, annotator and provenance. */
function spans(db: Db, where = '1 = 1'): SpanState[] {
  return db
    .prepare(
      `SELECT s.id, s.label, substr(d.text, s.start_cp + 1, s.end_cp - s.start_cp) AS text, s.status, s.annotator, s.recogniser, s.confidence
       FROM spans s JOIN documents d ON d.id = s.document_id WHERE ${where} ORDER BY s.document_id, s.start_cp, s.label, s.annotator`,
    )
    .all() as SpanState[];
}

function rows(db: Db): unknown[] {
  return db.prepare('SELECT * FROM spans ORDER BY id').all();
}

const OPENING = 'Dr. Nguyen Van An opened Cho Ray Hospital on 03/04/2024 with 120 beds.';
const APPEAL = 'Ms. Tran Thi Binh said Lotus Clinic needs 5,000 masks by 12 May 2025.';

describe('deciding on suggestions', () => {
  it('accepts by ids as the person, keeping the provenance, as one undo step', async () => {
    const { db, call, doc } = setup();
    doc(OPENING);
    await suggestForDocuments(db);
    const suggested = rows(db);
    const [person, hospital] = spans(db);
    const { changed } = await call('spans:decide', { ids: [person?.id, hospital?.id], status: 'accepted', annotator: 'lan' });
    expect(changed).toBe(2);
    expect(spans(db).map((s) => [s.text, s.status, s.annotator, s.recogniser])).toEqual([
      ['Nguyen Van An', 'accepted', 'lan', 'person'],
      ['Cho Ray Hospital', 'accepted', 'lan', 'hospital'],
      ['03/04/2024', 'suggested', '', 'date'],
      ['120 beds', 'suggested', '', 'figure'],
    ]);
    expect(spans(db)[0]?.confidence).toBeGreaterThan(0);
    // Deciding again changes nothing and records nothing.
    expect((await call('spans:decide', { ids: [person?.id], status: 'rejected', annotator: 'lan' })).changed).toBe(0);

    const undone = await call('history:undo', {});
    expect(undone).toMatchObject({ applied: true, description: 'accept 2 suggestions', canUndo: false, canRedo: true });
    expect(rows(db)).toEqual(suggested);
    await call('history:redo', {});
    expect(spans(db, "s.status = 'accepted'").map((s) => s.text)).toEqual(['Nguyen Van An', 'Cho Ray Hospital']);
  });

  it('rejects every suggestion of a document, or of one label, each as one undo step', async () => {
    const { db, call, doc } = setup();
    const opening = doc(OPENING);
    const appeal = doc(APPEAL);
    await suggestForDocuments(db);
    const suggested = rows(db);

    expect((await call('spans:decide', { documentId: opening, label: 'DATE', status: 'rejected', annotator: 'lan' })).changed).toBe(1);
    expect((await call('spans:decide', { documentId: opening, status: 'rejected', annotator: 'lan' })).changed).toBe(3);
    expect(spans(db, `s.document_id = ${opening}`).every((s) => s.status === 'rejected' && s.annotator === '')).toBe(true);
    expect(spans(db, `s.document_id = ${appeal}`).every((s) => s.status === 'suggested')).toBe(true);

    expect((await call('history:undo', {})).description).toBe('reject 3 suggestions');
    expect(spans(db, `s.document_id = ${opening} AND s.status = 'rejected'`).map((s) => s.label)).toEqual(['DATE']);
    expect((await call('history:undo', {})).description).toBe('reject 1 suggestion');
    expect(rows(db)).toEqual(suggested);

    expect(await refusal(call, 'spans:decide', { documentId: 999, status: 'accepted', annotator: 'lan' })).toBe('not_found: document 999 does not exist');
    expect(await refusal(call, 'spans:decide', { ids: [999], status: 'accepted', annotator: 'lan' })).toBe('not_found: no span 999');
    expect(await refusal(call, 'spans:decide', { ids: [], status: 'accepted', annotator: 'lan' })).toMatch(/^invalid_input/);
  });

  it('drops a suggestion the person already has a span for instead of doubling it', async () => {
    const { db, call, doc } = setup();
    const opening = doc(OPENING);
    await suggestForDocuments(db, { labels: ['HOSPITAL'] });
    const [suggestion] = spans(db);
    // As spans carried across a duplicate cluster arrive: beside the suggestion, not in its place.
    createSpan(db, { documentId: opening, startCp: 25, endCp: 41, label: 'HOSPITAL', annotator: 'lan' });
    expect((await call('spans:decide', { ids: [suggestion?.id], status: 'accepted', annotator: 'lan' })).changed).toBe(1);
    expect(spans(db).map((s) => [s.text, s.status, s.annotator, s.recogniser])).toEqual([['Cho Ray Hospital', 'accepted', 'lan', null]]);
    await call('history:undo', {});
    expect(spans(db).map((s) => [s.status, s.annotator])).toEqual([
      ['suggested', ''],
      ['accepted', 'lan'],
    ]);
  });

  it('tagging where the same label is suggested accepts the suggestion rather than doubling it', async () => {
    const { db, call, doc, tag } = setup();
    const opening = doc(OPENING);
    await suggestForDocuments(db, { labels: ['HOSPITAL'] });
    const suggested = rows(db);
    const id = tag(opening, 'Cho Ray Hospital');
    expect(spans(db).map((s) => [s.id, s.text, s.status, s.annotator, s.recogniser])).toEqual([[id, 'Cho Ray Hospital', 'accepted', 'lan', 'hospital']]);
    expect((await call('history:undo', {})).description).toBe('tag HOSPITAL');
    expect(rows(db)).toEqual(suggested);
  });

  it('edits a normalised value as an undoable edit', async () => {
    const { db, call, doc } = setup();
    doc(OPENING);
    await suggestForDocuments(db, { labels: ['DATE', 'FIGURE'] });
    const [date, figure] = spans(db);
    const edited = await call('spans:update', { id: date?.id, value: '2024-03-04' });
    expect(edited).toMatchObject({ value: '2024-03-04', recogniser: 'date', status: 'suggested' });
    await call('spans:update', { id: figure?.id, value: { low: 100, high: 120, unit: 'beds' } });
    await call('spans:update', { id: figure?.id, value: null });
    expect((await call('documents:get', { id: 1 })).spans.map((s) => s.value)).toEqual(['2024-03-04', null]);

    expect((await call('history:undo', {})).description).toBe('clear FIGURE value');
    expect((await call('history:undo', {})).description).toBe('edit FIGURE value');
    expect((await call('documents:get', { id: 1 })).spans.map((s) => s.value)).toEqual(['2024-03-04', { value: 120, unit: 'beds' }]);
    expect((await call('history:undo', {})).description).toBe('edit DATE value');
    expect((await call('documents:get', { id: 1 })).spans[0]?.value).toBe('2024-04-03');
    // A note edit leaves the value alone.
    await call('spans:update', { id: date?.id, note: 'check the year' });
    expect((await call('documents:get', { id: 1 })).spans[0]).toMatchObject({ value: '2024-04-03', note: 'check the year' });
  });
});

describe('learning from annotators', () => {
  it('proposes a form tagged twice wherever else it occurs, until it is rejected more often than accepted', async () => {
    const { db, call, doc, tag } = setup();
    const first = doc('Rice went to Lotus House before the rain.');
    const second = doc('The Lotus House kitchen fed forty people.');
    const third = doc('Blankets for Lotus House arrived late.');
    const fifth = doc('Lotus House asked for rice again.');
    // No rule knows the form: nothing is proposed before someone tags it.
    await suggestForDocuments(db, { labels: ['HOSPITAL'] });
    expect(spans(db)).toEqual([]);

    // One tag may be a slip: it is counted, not yet proposed.
    tag(first, 'Lotus House');
    expect(gazetteerRow(db, 'HOSPITAL', 'Lotus House')).toMatchObject({ accepted: 1, rejected: 0 });
    expect((await suggestForDocuments(db, { labels: ['HOSPITAL'] })).byLabel.HOSPITAL).toEqual({ proposed: 0, skipped: 0 });

    tag(fifth, 'Lotus House');
    const learnt = await suggestForDocuments(db, { labels: ['HOSPITAL'] });
    expect(learnt.byLabel.HOSPITAL).toEqual({ proposed: 2, skipped: 2 });
    expect(spans(db, "s.status = 'suggested'").map((s) => [s.text, s.recogniser])).toEqual([
      ['Lotus House', 'gazetteer'],
      ['Lotus House', 'gazetteer'],
    ]);

    await call('spans:decide', { documentId: second, status: 'rejected', annotator: 'lan' });
    await call('spans:decide', { documentId: third, status: 'rejected', annotator: 'lan' });
    // As often rejected as accepted: still proposed.
    expect(gazetteerRow(db, 'HOSPITAL', 'Lotus House')).toMatchObject({ accepted: 2, rejected: 2 });
    const sixth = doc('Lotus House opened a second kitchen.');
    await suggestForDocuments(db, { labels: ['HOSPITAL'] });
    await call('spans:decide', { documentId: sixth, status: 'rejected', annotator: 'lan' });
    expect(gazetteerRow(db, 'HOSPITAL', 'Lotus House')).toMatchObject({ accepted: 2, rejected: 3 });
    const fourth = doc('Lotus House closed its doors for the storm.');
    await suggestForDocuments(db, { labels: ['HOSPITAL'] });
    expect(spans(db, `s.document_id = ${fourth}`)).toEqual([]);
  });

  it('counts accepted suggestions and tags of several occurrences for their forms', async () => {
    const { db, call, doc } = setup();
    const appeal = doc(APPEAL);
    doc('Lotus Clinic and Lotus Clinic again.');
    await suggestForDocuments(db, { labels: ['HOSPITAL'], documentIds: [appeal] });
    await call('spans:decide', { documentId: appeal, status: 'accepted', annotator: 'lan' });
    expect(gazetteerRow(db, 'HOSPITAL', 'Lotus Clinic')).toMatchObject({ accepted: 1, rejected: 0 });
    const start = [...APPEAL].join('').indexOf('Lotus Clinic');
    const { created } = await call('spans:tagOccurrences', {
      documentId: appeal,
      startCp: start,
      endCp: start + 'Lotus Clinic'.length,
      label: 'HOSPITAL',
      annotator: 'lan',
      scope: 'corpus',
    });
    expect(created).toBe(2);
    expect(gazetteerRow(db, 'HOSPITAL', 'Lotus Clinic')).toMatchObject({ accepted: 3, rejected: 0 });

    // Undo takes back what each edit taught, and redo teaches it again.
    await call('history:undo', {});
    expect(gazetteerRow(db, 'HOSPITAL', 'Lotus Clinic')).toMatchObject({ accepted: 1, rejected: 0 });
    await call('history:undo', {});
    expect(gazetteerRow(db, 'HOSPITAL', 'Lotus Clinic')).toMatchObject({ accepted: 0, rejected: 0 });
    await call('history:redo', {});
    expect(gazetteerRow(db, 'HOSPITAL', 'Lotus Clinic')).toMatchObject({ accepted: 1, rejected: 0 });
  });
});
