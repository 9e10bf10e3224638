/**
 * Applying pulled records: several laptops (real project files) exchange
 * records as a server would pass them on, and must end in the same state
 * whatever the order, the repeats and the clocks of their computers.
 */
import { describe, expect, it } from 'vitest';
import { createEntity } from '../../src/main/annotate/entity-edits.js';
import { assignDocuments, setDocumentDone } from '../../src/main/annotate/progress-edits.js';
import { editSpan, removeSpan, tagSpan } from '../../src/main/annotate/span-edits.js';
import { addAnnotator } from '../../src/main/store/annotators.js';
import { contentHash } from '../../src/main/store/documents.js';
import { undo } from '../../src/main/store/history.js';
import { addLabel } from '../../src/main/store/labels.js';
import { updateProjectSettings } from '../../src/main/store/settings.js';
import {
  addPulledDocuments,
  applyPulled,
  changedByOthers,
  changedByOthersCount,
  markChangedByOthersSeen,
  pendingChangeCount,
  syncState,
} from '../../src/main/sync/index.js';
import { parseHlc, type SyncRecord } from '../../src/shared/sync.js';
import { asPulled, contentOf, hashOf, laptop, nextMillisecond, pull, push, TEXTS, uidOf } from './sync-support.js';

/** A lead's project with a bit of everything, published. */
function leadProject(): ReturnType<typeof laptop> {
  const a = laptop('lan', { recordExisting: true });
  addLabel(a, { name: 'CLINIC', color: '#123456', shortcutKey: '7', namesThings: true });
  addAnnotator(a, { name: 'bob', color: '#00aa00' });
  const hospital = tagSpan(a, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'lan' });
  const again = tagSpan(a, { documentId: 3, startCp: 38, endCp: 54, label: 'HOSPITAL', annotator: 'lan' });
  createEntity(a, { name: 'Cho Ray Hospital', label: 'HOSPITAL', aliases: ['Cho Ray'], spanIds: [hospital.id, again.id] });
  const date = tagSpan(a, { documentId: 1, startCp: 44, endCp: 56, label: 'DATE', annotator: 'bob' });
  editSpan(a, date.id, { value: { iso: '2024-03-03' }, note: 'day first' });
  tagSpan(a, { documentId: 2, startCp: 3, endCp: 16, label: 'PERSON', annotator: 'lan' });
  setDocumentDone(a, 1, 'lan', true);
  assignDocuments(a, { annotators: ['bob'], share: 'all', overlap: 0, seed: 1, documentIds: [2, 3] });
  updateProjectSettings(a, { blindAnnotation: true });
  return a;
}

function noteOf(db: ReturnType<typeof laptop>, uid: string): string | null {
  return db.prepare('SELECT note FROM spans WHERE uid = ?').pluck().get(uid) as string | null;
}

function spanRecord(db: ReturnType<typeof laptop>, overrides: Partial<Extract<SyncRecord, { kind: 'span' }>> & { data?: unknown }): SyncRecord {
  return {
    changeId: '0'.repeat(31) + '1',
    hlc: '019000000000-0000-zz',
    author: 'zoe',
    kind: 'span',
    key: 'c'.repeat(32),
    owner: 'zoe',
    document: hashOf(db, 1),
    data: { startCp: 0, endCp: 16, label: 'HOSPITAL', status: 'accepted', entity: null, value: null, note: null, createdAt: 'c', updatedAt: 'u' },
    ...overrides,
  } as SyncRecord;
}

describe('applying pulled records', () => {
  it('gives a laptop with the same documents the same labels, entities, spans, marks and settings, noting none of it', () => {
    const a = leadProject();
    const b = laptop('bob');
    const records = push(a, 'lan');
    const result = pull(b, records);
    expect(result).toEqual({ applied: records.length, skipped: 0, missingDocuments: [], refused: 0 });
    expect(contentOf(b)).toEqual(contentOf(a));
    expect(pendingChangeCount(b)).toBe(0);
    expect(syncState(b).pullCursor).toBe(records.at(-1)?.seq);
    // B's clock has seen A's, so B's next edit orders after everything A did.
    const latest = records.map((record) => record.hlc).sort().at(-1)!;
    expect(syncState(b).hlc > latest).toBe(true);
  });

  it('applies the same page twice as once', () => {
    const a = leadProject();
    const b = laptop('bob');
    const records = push(a, 'lan');
    pull(b, records);
    const once = contentOf(b);
    const versions = b.prepare('SELECT * FROM sync_versions ORDER BY kind, key').all();
    expect(pull(b, records)).toEqual({ applied: 0, skipped: records.length, missingDocuments: [], refused: 0 });
    expect(contentOf(b)).toEqual(once);
    expect(b.prepare('SELECT * FROM sync_versions ORDER BY kind, key').all()).toEqual(versions);
  });

  it('lets the later edit win, whichever arrives first', () => {
    const a = leadProject();
    const b = laptop('bob');
    pull(b, push(a, 'lan'));
    const uid = a.prepare("SELECT uid FROM spans WHERE label = 'PERSON'").pluck().get() as string;
    const spanId = a.prepare('SELECT id FROM spans WHERE uid = ?').pluck().get(uid) as number;

    nextMillisecond();
    editSpan(a, spanId, { note: 'newer' });
    const newer = push(a, 'lan');
    expect(pull(b, newer).applied).toBe(1);
    expect(noteOf(b, uid)).toBe('newer');

    // The same span with an older clock (an edit made before, arriving late) changes nothing.
    const older = newer.map((record) => ({ ...record, hlc: '000000000001-0000-zz', data: { ...(record.data as object), note: 'older' } })) as SyncRecord[];
    expect(pull(b, older)).toMatchObject({ applied: 0, skipped: 1 });
    expect(noteOf(b, uid)).toBe('newer');
  });

  it('deletes by tombstone, and an older tombstone does not undo a later edit', () => {
    const a = leadProject();
    const b = laptop('bob');
    pull(b, push(a, 'lan'));
    const [person, date] = a.prepare("SELECT id, uid FROM spans WHERE label IN ('PERSON', 'DATE') ORDER BY label DESC").all() as { id: number; uid: string }[];

    removeSpan(a, person!.id);
    const tombstone = push(a, 'lan');
    expect(tombstone.map((record) => record.data)).toEqual([null]);
    pull(b, tombstone);
    expect(b.prepare('SELECT count(*) FROM spans WHERE uid = ?').pluck().get(person!.uid)).toBe(0);

    // B edits a span after A deleted it (A's delete arrives later, with the older clock): B's edit stands.
    const bDate = b.prepare('SELECT id FROM spans WHERE uid = ?').pluck().get(date!.uid) as number;
    removeSpan(a, date!.id);
    const lateTombstone = push(a, 'lan');
    nextMillisecond();
    editSpan(b, bDate, { note: 'checked by bob' });
    expect(pull(b, lateTombstone)).toMatchObject({ applied: 0, skipped: 1 });
    expect(noteOf(b, date!.uid)).toBe('checked by bob');
    // And at A the edit brings the span back.
    pull(a, push(b, 'bob'));
    expect(noteOf(a, date!.uid)).toBe('checked by bob');
  });

  it('orders an edit made after pulling a fast computer’s change after it, everywhere', () => {
    const a = leadProject();
    const b = laptop('bob');
    const c = laptop('cam');
    const published = push(a, 'lan');
    pull(b, published);
    pull(c, published);
    const uid = a.prepare("SELECT uid FROM spans WHERE label = 'PERSON'").pluck().get() as string;

    // A's computer runs an hour fast: that is what its clock carries.
    a.prepare('UPDATE sync_state SET wall_ms = ?, counter = 0').run(Date.now() + 3_600_000);
    editSpan(a, a.prepare('SELECT id FROM spans WHERE uid = ?').pluck().get(uid) as number, { note: 'from the fast laptop' });
    const fast = push(a, 'lan');
    expect(parseHlc(fast[0]!.hlc).wallMs).toBeGreaterThan(Date.now() + 3_000_000);

    pull(b, fast);
    editSpan(b, b.prepare('SELECT id FROM spans WHERE uid = ?').pluck().get(uid) as number, { note: 'bob, a minute later' });
    const later = push(b, 'bob');
    expect(later[0]!.hlc > fast[0]!.hlc).toBe(true);

    pull(a, later);
    expect(noteOf(a, uid)).toBe('bob, a minute later');
    // A third laptop gets both, the later first: the fast one does not overwrite it.
    pull(c, later);
    pull(c, fast);
    expect(noteOf(c, uid)).toBe('bob, a minute later');
  });

  it('leaves data, versions and cursor as they were when applying is cut short', () => {
    const a = leadProject();
    const b = laptop('bob');
    const records = push(a, 'lan');
    const before = { content: contentOf(b), versions: b.prepare('SELECT count(*) FROM sync_versions').pluck().get(), state: syncState(b) };
    // A failure half-way through the page: the fourth span to be written.
    const spans = records.filter((record) => record.kind === 'span');
    const fourth = spans[3]!.data as { startCp: number };
    b.exec(`CREATE TEMP TRIGGER killed BEFORE INSERT ON main.spans WHEN NEW.start_cp = ${fourth.startCp} BEGIN SELECT RAISE(ABORT, 'killed'); END`);
    expect(() => pull(b, records)).toThrow(/killed/);
    expect(contentOf(b)).toEqual(before.content);
    expect(b.prepare('SELECT count(*) FROM sync_versions').pluck().get()).toBe(before.versions);
    expect(syncState(b)).toEqual(before.state);
    expect(b.prepare('SELECT applying FROM sync_state').pluck().get()).toBe(0);

    b.exec('DROP TRIGGER temp.killed');
    pull(b, records);
    expect(contentOf(b)).toEqual(contentOf(a));
  });

  it('reports records of documents it lacks, and applies them once the document is added', () => {
    const a = leadProject();
    const b = laptop('bob', { texts: TEXTS.slice(0, 2) });
    const records = push(a, 'lan');
    const result = pull(b, records);
    const third = contentHash(TEXTS[2]);
    expect(result.missingDocuments).toEqual([third]);
    const forThird = records.filter((record) => record.document === third);
    expect(result.applied).toBe(records.length - forThird.length);
    expect(b.prepare('SELECT count(*) FROM sync_versions WHERE key LIKE ?').pluck().get(`%${third}`)).toBe(0);

    expect(addPulledDocuments(b, [{ hash: third, title: 'Doc 3', source: 'test', text: TEXTS[2], meta: {} }])).toBe(1);
    expect(applyPulled(b, forThird, null).applied).toBe(forThird.length);
    expect(contentOf(b)).toEqual(contentOf(a));
  });

  it('makes a missing label and entity from what the span says, and lets their own records replace them', () => {
    const b = laptop('bob');
    const entity = 'e'.repeat(32);
    const span = spanRecord(b, { data: { startCp: 0, endCp: 16, label: 'CLINIC', status: 'accepted', entity, value: null, note: null, createdAt: 'c', updatedAt: 'u' } });
    expect(applyPulled(b, [span], 1).applied).toBe(1);
    expect(b.prepare("SELECT name, names_things FROM labels WHERE name = 'CLINIC'").get()).toEqual({ name: 'CLINIC', names_things: 1 });
    expect(b.prepare('SELECT name, label FROM entities WHERE uid = ?').get(entity)).toEqual({ name: 'Cho Ray Hospital', label: 'CLINIC' });

    const label: SyncRecord = {
      changeId: '2'.repeat(32),
      hlc: '000000000000-0000-zz',
      kind: 'label',
      key: 'CLINIC',
      owner: null,
      document: null,
      data: { displayName: 'Clinic', color: '#123456', shortcutKey: null, position: 9, namesThings: true },
    };
    const named: SyncRecord = { changeId: '3'.repeat(32), hlc: '000000000000-0000-zz', kind: 'entity', key: entity, owner: null, document: null, data: { name: 'Cho Ray', label: 'CLINIC', aliases: [] } };
    expect(applyPulled(b, [label, named], 2).applied).toBe(2);
    expect(b.prepare("SELECT display_name, color, position FROM labels WHERE name = 'CLINIC'").get()).toEqual({ display_name: 'Clinic', color: '#123456', position: 9 });
    expect(b.prepare('SELECT name FROM entities WHERE uid = ?').pluck().get(entity)).toBe('Cho Ray');
    expect(pendingChangeCount(b)).toBe(0);
  });

  it('refuses a span outside its document and a malformed record, applying the rest', () => {
    const b = laptop('bob');
    const outside = spanRecord(b, { data: { startCp: 0, endCp: 500, label: 'HOSPITAL', status: 'accepted', entity: null, value: null, note: null, createdAt: 'c', updatedAt: 'u' } });
    const malformed = { ...spanRecord(b, { key: 'd'.repeat(32) }), hlc: 'yesterday' } as unknown as SyncRecord;
    const fine = spanRecord(b, { key: 'f'.repeat(32) });
    expect(applyPulled(b, [outside, malformed, fine], 3)).toEqual({ applied: 1, skipped: 0, missingDocuments: [], refused: 2 });
  });

  it('keeps one span where one member tagged the same place on two laptops', () => {
    const first = laptop('lan');
    const second = laptop('lan');
    tagSpan(first, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'lan' });
    nextMillisecond();
    tagSpan(second, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'lan' });
    const fromFirst = push(first, 'lan');
    const fromSecond = push(second, 'lan');
    expect(fromSecond[0]!.hlc > fromFirst[0]!.hlc).toBe(true);

    pull(first, fromSecond);
    pull(second, fromFirst);
    // The first laptop gave up its own span for the later one and tells the team so.
    const tombstones = push(first, 'lan');
    expect(tombstones.map((record) => [record.key, record.data])).toEqual([[fromFirst[0]!.key, null]]);
    pull(second, tombstones);
    for (const db of [first, second]) expect(db.prepare('SELECT uid FROM spans').pluck().all()).toEqual([fromSecond[0]!.key]);
    expect(contentOf(first)).toEqual(contentOf(second));
  });

  it('gives a shortcut key claimed on two laptops to the label that claimed it later', () => {
    const a = laptop('lan');
    const b = laptop('bob');
    addLabel(a, { name: 'CLINIC', shortcutKey: '7' });
    nextMillisecond();
    addLabel(b, { name: 'WARD', shortcutKey: '7' });
    const fromA = push(a, 'lan');
    const fromB = push(b, 'bob');
    pull(a, fromB);
    pull(b, fromA);
    for (const db of [a, b]) {
      expect(db.prepare("SELECT name, shortcut_key FROM labels WHERE name IN ('CLINIC', 'WARD') ORDER BY name").all()).toEqual([
        { name: 'CLINIC', shortcut_key: null },
        { name: 'WARD', shortcut_key: '7' },
      ]);
    }
  });

  it('lists shared decisions others changed until they are seen, and not one’s own or spans', () => {
    const a = leadProject();
    const b = laptop('bob');
    pull(b, push(a, 'lan'));
    const listed = changedByOthers(b, 100);
    expect(listed.map((change) => change.kind).sort()).toEqual(['annotator', 'annotator', 'assignment', 'assignment', 'entity', 'label', 'label', 'label', 'label', 'label', 'setting']);
    expect(listed.find((change) => change.key === 'CLINIC')).toMatchObject({ author: 'lan', summary: 'Label Clinic added' });
    expect(listed.find((change) => change.key === 'HOSPITAL')?.summary).toBe('Label Hospital changed');
    expect(listed.find((change) => change.kind === 'assignment')?.summary).toMatch(/^Doc [23] given to bob$/);
    markChangedByOthersSeen(b);
    expect(changedByOthersCount(b)).toBe(0);

    const bobs = laptop('bob');
    addLabel(bobs, { name: 'WARD' });
    pull(b, push(bobs, 'bob'));
    expect(changedByOthersCount(b)).toBe(0);
  });

  it('gives pulled spans ids the edit history cannot put back over', () => {
    const a = laptop('lan');
    const b = laptop('bob');
    const mine = tagSpan(a, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'lan' });
    const uid = uidOf(a, mine.id);
    removeSpan(a, mine.id);
    tagSpan(b, { documentId: 2, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'bob' });
    pull(a, push(b, 'bob'));
    const pulledId = a.prepare("SELECT id FROM spans WHERE annotator = 'bob'").pluck().get() as number;
    expect(pulledId).toBeGreaterThan(mine.id);

    undo(a);
    expect(a.prepare('SELECT id, uid, annotator FROM spans ORDER BY id').all()).toEqual([
      { id: mine.id, uid, annotator: 'lan' },
      { id: pulledId, uid: expect.any(String), annotator: 'bob' },
    ]);
  });

  it('adds pulled documents as an import would, refusing one whose text is not its hash', () => {
    const b = laptop('bob', { texts: [] });
    const text = 'Bệnh viện Chợ Rẫy 🙈 admitted 4';
    const document = { hash: contentHash(text), title: 'Vietnamese', source: 'server', text, meta: { lang: 'vi' } };
    expect(addPulledDocuments(b, [document])).toBe(1);
    expect(addPulledDocuments(b, [document])).toBe(0);
    expect(b.prepare('SELECT title, source, length_cp, meta FROM documents').get()).toEqual({ title: 'Vietnamese', source: 'server', length_cp: [...text].length, meta: '{"lang":"vi"}' });
    expect(pendingChangeCount(b)).toBe(0);

    const forged = { ...document, hash: contentHash('something else'), title: 'Forged' };
    const honest = { ...document, text: 'another', hash: contentHash('another') };
    expect(() => addPulledDocuments(b, [honest, forged])).toThrow(/does not hash/);
    expect(b.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(1);
  });

  it('keeps a label a pulled tombstone removes while spans here still use it', () => {
    const a = laptop('lan', { recordExisting: true });
    const b = laptop('bob');
    addLabel(a, { name: 'CLINIC' });
    pull(b, push(a, 'lan'));
    tagSpan(b, { documentId: 1, startCp: 0, endCp: 16, label: 'CLINIC', annotator: 'bob' });
    a.prepare("DELETE FROM labels WHERE name = 'CLINIC'").run();
    const tombstone = asPulled(
      push(a, 'lan').filter((record) => record.kind === 'label'),
      'lan',
    );
    expect(pull(b, tombstone).applied).toBe(1);
    expect(b.prepare("SELECT count(*) FROM labels WHERE name = 'CLINIC'").pluck().get()).toBe(1);
  });
});
