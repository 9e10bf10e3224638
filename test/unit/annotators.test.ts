import { describe, expect, it } from 'vitest';
import { insertDocument } from '../../src/main/store/documents.js';
import { insertSpan } from '../../src/main/store/spans.js';
import { drawAssignments } from '../../src/main/teams/assignment-draw.js';
import { apiCaller, refusal } from '../helpers/api.js';
import { createTestProject } from '../helpers/project.js';

const TEXT = 'Dr Thu Ha moved 24 beds to Northgate Hospital on Monday .';

function at(phrase: string): { startCp: number; endCp: number } {
  const start = TEXT.indexOf(phrase);
  return { startCp: start, endCp: start + phrase.length };
}

/** A project of `n` documents with the same text (titles differ, so do the texts' endings). */
function setup(n = 10) {
  const { db, dbPath } = createTestProject();
  const ids: number[] = [];
  for (let i = 1; i <= n; i++) ids.push(insertDocument(db, { title: `Report ${i}`, source: `r${i}.txt`, text: `${TEXT} ${i}`, meta: {} }).id);
  return { db, call: apiCaller(db, dbPath), ids };
}

describe('the project\'s annotators', () => {
  it('lists those added and those only spans name, adds, recolours and refuses clashes', async () => {
    const { db, call, ids } = setup(1);
    insertSpan(db, { documentId: ids[0] as number, ...at('Northgate Hospital'), label: 'HOSPITAL', annotator: 'imported' });
    await call('annotators:create', { name: 'mira', color: '#aa3366' });
    await call('annotators:create', { name: 'tomas' });
    const names = (await call('annotators:list', {})).map((a) => [a.name, a.color, a.position, a.accepted]);
    expect(names).toEqual([
      ['mira', '#aa3366', 0, 0],
      ['tomas', null, 1, 0],
      ['imported', null, null, 1],
    ]);
    expect(await call('annotators:update', { name: 'tomas', color: '#115577' })).toMatchObject({ name: 'tomas', color: '#115577' });
    expect(await refusal(call, 'annotators:create', { name: 'mira' })).toBe('conflict: mira is already an annotator');
    expect(await refusal(call, 'annotators:create', { name: 'adjudicated' })).toMatch(/^failed: "adjudicated" is the adjudicated result/);
    expect(await refusal(call, 'annotators:update', { name: 'nobody', color: '#000000' })).toBe('not_found: no annotator nobody');
  });

  it('adds and recolours as undoable edits, the first one taking over (and giving back) the done marks kept for nobody', async () => {
    const { db, call, ids } = setup(2);
    // A mark made before anyone was named (as a project from before annotators keeps it): nobody's.
    db.prepare("INSERT INTO document_progress (annotator, document_id, done_at) VALUES ('', ?, '2024-05-01T00:00:00.000Z')").run(ids[0]);
    const marks = () => db.prepare('SELECT annotator, document_id AS id FROM document_progress').all();
    const list = async () => (await call('annotators:list', {})).map((a) => [a.name, a.color, a.done]);
    expect(await list()).toEqual([]);
    await call('annotators:create', { name: 'mira', color: '#aa3366' });
    await call('annotators:update', { name: 'mira', color: '#115577' });
    expect(await list()).toEqual([['mira', '#115577', 1]]);
    expect(await call('history:undo', {})).toMatchObject({ applied: true, description: 'change annotator mira' });
    expect(await list()).toEqual([['mira', '#aa3366', 1]]);
    expect(await call('history:undo', {})).toMatchObject({ applied: true, description: 'add annotator mira' });
    expect(await list()).toEqual([]);
    expect(marks()).toEqual([{ annotator: '', id: ids[0] }]);
    expect(await call('history:redo', {})).toMatchObject({ applied: true, description: 'add annotator mira' });
    expect(await call('history:redo', {})).toMatchObject({ applied: true, description: 'change annotator mira' });
    expect(await list()).toEqual([['mira', '#115577', 1]]);
    expect(marks()).toEqual([{ annotator: 'mira', id: ids[0] }]);
  });
});

describe('progress is each annotator\'s own', () => {
  it('marks done for one annotator only; the list, its filters and counts follow the annotator; undo takes it back', async () => {
    const { call, ids } = setup(3);
    const [first, second] = ids as [number, number];
    await call('spans:create', { documentId: second, ...at('Northgate Hospital'), label: 'HOSPITAL', annotator: 'tomas' });
    expect(await call('documents:setDone', { id: first, done: true, annotator: 'mira' })).toMatchObject({ id: first, status: 'done' });
    const list = (annotator: string, status?: 'done' | 'not_started' | 'in_progress') =>
      call('documents:list', { annotator, ...(status ? { status } : {}) }).then((page) => ({ ids: page.items.map((item) => item.id), counts: page.counts }));
    expect(await list('mira', 'done')).toEqual({ ids: [first], counts: { all: 3, done: 1, inProgress: 0, notStarted: 2 } });
    expect((await list('tomas', 'done')).ids).toEqual([]);
    // Two annotators: each works blind by default, so tomas's span makes the document in progress for him only.
    expect((await list('tomas', 'in_progress')).ids).toEqual([second]);
    expect((await list('mira', 'not_started')).ids).toEqual([second, ids[2]]);
    expect((await call('documents:get', { id: first, annotator: 'tomas' })).status).toBe('not_started');
    expect((await call('documents:get', { id: first, annotator: 'mira' })).status).toBe('done');

    expect(await call('history:undo', {})).toMatchObject({ description: 'mark done', documentId: first });
    expect((await list('mira', 'done')).ids).toEqual([]);
    await call('history:redo', {});
    expect((await list('mira', 'done')).ids).toEqual([first]);
    expect(await refusal(call, 'documents:setDone', { id: first, done: true })).toMatch(/^invalid_input: documents:setDone: annotator/);
  });
});

describe('assignments', () => {
  it('draws the same split and overlap from the same seed, and another from another seed', () => {
    const documentIds = Array.from({ length: 40 }, (_, i) => i + 1);
    const draw = (seed: number) => drawAssignments({ documentIds, annotators: ['ann', 'ben', 'cat'], share: 'split', overlap: 0.25, seed });
    const a = draw(7);
    expect(draw(7)).toEqual(a);
    expect(draw(8)).not.toEqual(a);
    expect([...a.values()].filter((given) => given.length === 2)).toHaveLength(10);
    expect([...a.values()].every((given) => given.length >= 1 && new Set(given).size === given.length)).toBe(true);
    // Everyone has close to a third of the load, doubled documents included.
    const load = ['ann', 'ben', 'cat'].map((name) => [...a.values()].filter((given) => given.includes(name)).length);
    expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(1);
    expect(drawAssignments({ documentIds: [3, 1], annotators: ['ann', 'ben'], share: 'all', overlap: 0, seed: 1 })).toEqual(
      new Map([
        [1, ['ann', 'ben']],
        [3, ['ann', 'ben']],
      ]),
    );
  });

  it('assigns as one undo step, limits each list to its queue, and finds the next document not done in it', async () => {
    const { call, ids } = setup(10);
    const report = await call('assignments:make', { annotators: ['mira', 'tomas'], share: 'split', overlap: 0.2, seed: 7 });
    expect(report).toMatchObject({ documents: 10, assigned: 12, overlapping: 2 });
    const summary = await call('assignments:summary', {});
    expect(summary.byAnnotators).toEqual([
      { annotators: 1, documents: 8 },
      { annotators: 2, documents: 2 },
    ]);
    expect(summary.unassigned).toBe(0);
    const queue = (await call('documents:list', { annotator: 'mira', queue: true })).items.map((item) => item.id);
    expect(queue).toHaveLength(6);
    expect((await call('documents:list', { annotator: 'mira', queue: true })).counts).toEqual({ all: 6, done: 0, inProgress: 0, notStarted: 6 });
    const listed = await call('assignments:list', { annotator: 'mira' });
    expect(listed.items.map((item) => item.documentId)).toEqual(queue);

    expect(await call('documents:next', { annotator: 'mira', queue: true })).toEqual({ id: queue[0] });
    await call('documents:setDone', { id: queue[0] as number, done: true, annotator: 'mira' });
    expect(await call('documents:next', { annotator: 'mira', queue: true })).toEqual({ id: queue[1] });
    // After the last one it goes round to the first not done.
    expect(await call('documents:next', { annotator: 'mira', queue: true, afterId: queue[5] as number })).toEqual({ id: queue[1] });
    expect(await call('documents:next', { annotator: 'mira', afterId: 0 })).toEqual({ id: ids.find((id) => id !== queue[0]) });

    // The same seed again, on a project assigned afresh, gives the same queues.
    await call('history:undo', {});
    expect(await call('history:undo', {})).toMatchObject({ description: 'assign 10 documents to mira, tomas' });
    expect((await call('assignments:summary', {})).unassigned).toBe(10);
    await call('assignments:make', { annotators: ['mira', 'tomas'], share: 'split', overlap: 0.2, seed: 7 });
    expect((await call('documents:list', { annotator: 'mira', queue: true })).items.map((item) => item.id)).toEqual(queue);
  });

  it('deals only the documents nobody has, the first ones in document order, without a list of ids', async () => {
    const { call, ids } = setup(10);
    await call('assignments:make', { annotators: ['mira'], share: 'all', documentIds: [ids[0] as number, ids[2] as number] });
    const first = await call('assignments:make', { annotators: ['tomas'], share: 'all', onlyUnassigned: true, unassignedLimit: 3 });
    expect(first).toMatchObject({ documents: 3, assigned: 3 });
    expect((await call('assignments:list', { annotator: 'tomas' })).items.map((item) => item.documentId)).toEqual([ids[1], ids[3], ids[4]]);
    const rest = await call('assignments:make', { annotators: ['lan'], share: 'all', onlyUnassigned: true });
    expect(rest).toMatchObject({ documents: 5 });
    expect((await call('assignments:summary', {})).unassigned).toBe(0);
    expect(await call('assignments:make', { annotators: ['lan'], share: 'all', onlyUnassigned: true })).toMatchObject({ documents: 0 });
    await expect(call('assignments:make', { annotators: ['lan'], onlyUnassigned: true, documentIds: [ids[0] as number] })).rejects.toThrow(/takes no documentIds/);
  });

  it('assigns a search result to everyone named, and can replace what those documents had', async () => {
    const { db, call, ids } = setup(4);
    insertDocument(db, { title: 'Other', source: 'o.txt', text: 'A ferry crossed the river at dawn .', meta: {} });
    await call('assignments:make', { annotators: ['mira'], share: 'all' });
    const report = await call('assignments:make', { annotators: ['tomas', 'lan'], share: 'all', filter: { query: 'Northgate' }, replace: true });
    expect(report).toMatchObject({ documents: 4, assigned: 8 });
    const summary = await call('assignments:summary', {});
    expect(summary.perAnnotator).toEqual([
      { annotator: 'lan', assigned: 4, done: 0 },
      { annotator: 'mira', assigned: 1, done: 0 },
      { annotator: 'tomas', assigned: 4, done: 0 },
    ]);
    await call('history:undo', {});
    expect((await call('assignments:summary', {})).perAnnotator).toEqual([{ annotator: 'mira', assigned: 5, done: 0 }]);
    expect(await refusal(call, 'assignments:make', { annotators: ['mira'], documentIds: [ids[0], 999] })).toBe('not_found: no document 999');
  });
});
