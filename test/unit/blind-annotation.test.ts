import { describe, expect, it } from 'vitest';
import { insertDocument } from '../../src/main/store/documents.js';
import { insertSpan } from '../../src/main/store/spans.js';
import { apiCaller, jobFinished } from '../helpers/api.js';
import { createTestProject } from '../helpers/project.js';

const TEXT = 'Dr Thu Ha moved 24 beds to Northgate Hospital on Monday .';

function at(phrase: string): { startCp: number; endCp: number } {
  const start = TEXT.indexOf(phrase);
  return { startCp: start, endCp: start + phrase.length };
}

/** One document with a shared suggestion, and two annotators on the list. */
async function setup() {
  const { db, dbPath } = createTestProject();
  const call = apiCaller(db, dbPath);
  const id = insertDocument(db, { title: 'Transfer', source: 't.txt', text: TEXT, meta: {} }).id;
  insertSpan(db, { documentId: id, ...at('Northgate Hospital'), label: 'HOSPITAL', status: 'suggested', recogniser: 'gazetteer', confidence: 0.8 });
  await call('annotators:create', { name: 'mira' });
  await call('annotators:create', { name: 'tomas' });
  const seen = async (annotator: string, everyone = false) =>
    (await call('documents:get', { id, annotator, everyone })).spans.map((span) => `${span.annotator || '·'} ${span.status} ${span.label}`);
  return { db, call, id, seen };
}

describe('blind annotation', () => {
  it('is on once a second annotator exists: each sees their own spans and the suggestions they have not decided', async () => {
    const { call, id, seen } = await setup();
    await call('spans:create', { documentId: id, ...at('Monday'), label: 'DATE', annotator: 'mira' });
    await call('spans:create', { documentId: id, ...at('Thu Ha'), label: 'PERSON', annotator: 'tomas' });
    expect(await seen('mira')).toEqual(['· suggested HOSPITAL', 'mira accepted DATE']);
    expect(await seen('tomas')).toEqual(['tomas accepted PERSON', '· suggested HOSPITAL']);
    expect((await call('documents:get', { id, annotator: 'mira' })).blind).toBe(true);
    // "Show everyone's": every span, each naming whose it is.
    expect(await seen('mira', true)).toEqual(['tomas accepted PERSON', '· suggested HOSPITAL', 'mira accepted DATE']);
    expect((await call('documents:get', { id, annotator: 'mira', everyone: true })).blind).toBe(false);
  });

  it('rejecting a suggestion rejects it for me, not for others; accepting gives me my own span; undo takes each back', async () => {
    const { db, call, id, seen } = await setup();
    const suggestion = (await call('documents:get', { id, annotator: 'tomas' })).spans[0];
    expect(await call('spans:decide', { ids: [suggestion?.id], status: 'rejected', annotator: 'tomas' })).toEqual({ changed: 1 });
    expect(await seen('tomas')).toEqual([]);
    expect(await seen('mira')).toEqual(['· suggested HOSPITAL']);
    // Deciding twice changes nothing.
    expect(await call('spans:decide', { ids: [suggestion?.id], status: 'rejected', annotator: 'tomas' })).toEqual({ changed: 0 });

    expect(await call('spans:decide', { documentId: id, status: 'accepted', annotator: 'mira' })).toEqual({ changed: 1 });
    expect(await seen('mira')).toEqual(['mira accepted HOSPITAL']);
    const mine = (await call('documents:get', { id, annotator: 'mira' })).spans[0];
    expect(mine).toMatchObject({ recogniser: 'gazetteer', confidence: 0.8 });
    expect(db.prepare('SELECT annotator, status FROM spans WHERE id = ?').get(suggestion?.id)).toEqual({ annotator: '', status: 'suggested' });

    expect(await call('history:undo', {})).toMatchObject({ description: 'accept 1 suggestion' });
    expect(await seen('mira')).toEqual(['· suggested HOSPITAL']);
    expect(await call('history:undo', {})).toMatchObject({ description: 'reject 1 suggestion' });
    expect(await seen('tomas')).toEqual(['· suggested HOSPITAL']);
    await call('history:redo', {});
    expect(await seen('tomas')).toEqual([]);
  });

  it('tagging where a suggestion lies gives me my own span and leaves the suggestion to the others', async () => {
    const { call, id, seen } = await setup();
    await call('spans:create', { documentId: id, ...at('Northgate Hospital'), label: 'HOSPITAL', annotator: 'tomas' });
    expect(await seen('tomas')).toEqual(['tomas accepted HOSPITAL']);
    expect(await seen('mira')).toEqual(['· suggested HOSPITAL']);
    await call('history:undo', {});
    expect(await seen('tomas')).toEqual(['· suggested HOSPITAL']);
  });

  it('turned off, everyone sees every span and deciding a suggestion decides it for all', async () => {
    const { call, id, seen } = await setup();
    expect(await call('settings:update', { blindAnnotation: false })).toMatchObject({ blindAnnotation: false });
    await call('spans:create', { documentId: id, ...at('Monday'), label: 'DATE', annotator: 'mira' });
    expect(await seen('tomas')).toEqual(['· suggested HOSPITAL', 'mira accepted DATE']);
    await call('spans:decide', { documentId: id, status: 'rejected', annotator: 'tomas' });
    expect(await seen('mira')).toEqual(['· rejected HOSPITAL', 'mira accepted DATE']);
  });

  it('accepting every suggestion across the corpus accepts them for me alone, and one undo takes it back', async () => {
    const { call, seen } = await setup();
    const job = await call('suggestions:decideAll', { status: 'accepted', annotator: 'tomas' });
    expect(await jobFinished(call, job.jobId)).toMatchObject({ state: 'done' });
    expect(await seen('tomas')).toEqual(['tomas accepted HOSPITAL']);
    expect(await seen('mira')).toEqual(['· suggested HOSPITAL']);
    // Again: nothing is left for tomas to decide.
    const again = await call('suggestions:decideAll', { status: 'accepted', annotator: 'tomas' });
    expect((await jobFinished(call, again.jobId)).summary).toMatch(/accept(ed)? 0 suggestions/);
    expect(await call('history:undo', {})).toMatchObject({ applied: true, description: 'accept 1 suggestion in 1 document' });
    expect(await seen('tomas')).toEqual(['· suggested HOSPITAL']);
  });
});
