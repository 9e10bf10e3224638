/**
 * What goes in the outbox: every change to a shared thing, made through the
 * real store and edit functions (and undo), read back as records built from
 * the rows as they are now.
 */
import { describe, expect, it } from 'vitest';
import { createEntity, linkSpans, mergeEntities } from '../../src/main/annotate/entity-edits.js';
import { assignDocuments, setDocumentDone } from '../../src/main/annotate/progress-edits.js';
import { editSpan, removeSpan, tagSpan, tagSpans } from '../../src/main/annotate/span-edits.js';
import { addAnnotator, updateAnnotator } from '../../src/main/store/annotators.js';
import { removeDocuments } from '../../src/main/store/documents.js';
import { deleteEntityRow, insertEntityRow } from '../../src/main/store/entities.js';
import { redo, undo } from '../../src/main/store/history.js';
import { addLabel, removeUnusedLabel, updateLabel } from '../../src/main/store/labels.js';
import { updateProjectSettings } from '../../src/main/store/settings.js';
import { createSpan } from '../../src/main/store/spans.js';
import {
  acknowledgePushed,
  applyPulled,
  disableSync,
  enableSync,
  pendingChangeCount,
  readOutbox,
  syncState,
  syncStatus,
} from '../../src/main/sync/index.js';
import { formatHlc, Hlc, parseHlc, type SyncRecord } from '../../src/shared/sync.js';
import { hashOf, laptop, pendingKeys, uidOf } from './sync-support.js';

function records(db: ReturnType<typeof laptop>): SyncRecord[] {
  return readOutbox(db, 100_000);
}

function recordOf(db: ReturnType<typeof laptop>, kind: string, key: string): SyncRecord | undefined {
  return records(db).find((record) => record.kind === kind && record.key === key);
}

describe('sync outbox', () => {
  it('notes nothing while sync is off, then publishes every shared row once when it is enabled', () => {
    const db = laptop('lan', { sync: false });
    const mine = createSpan(db, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: '' })!;
    const suggestion = createSpan(db, { documentId: 1, startCp: 44, endCp: 57, label: 'DATE', annotator: '', status: 'suggested' })!;
    const bob = createSpan(db, { documentId: 2, startCp: 0, endCp: 16, label: 'PERSON', annotator: 'bob' })!;
    setDocumentDone(db, 3, 'bob', true);
    db.prepare("INSERT INTO document_progress (annotator, document_id, done_at) VALUES ('', 2, 't')").run();
    updateProjectSettings(db, { blindAnnotation: true, dateOrder: 'month-first' });
    const entity = insertEntityRow(db, { name: 'Cho Ray Hospital', label: 'HOSPITAL', aliases: [] });
    expect(pendingChangeCount(db)).toBe(0);

    enableSync(db, { serverUrl: 'http://server', token: 't', member: 'lan', role: 'lead', projectName: 'p' });
    // Work done under nobody's name is now the member's; a suggestion nobody decided on stays nobody's and stays home.
    expect(db.prepare('SELECT annotator FROM spans WHERE id = ?').pluck().get(mine.id)).toBe('lan');
    expect(db.prepare('SELECT annotator FROM spans WHERE id = ?').pluck().get(suggestion.id)).toBe('');
    expect(db.prepare('SELECT annotator, document_id FROM document_progress ORDER BY 1').all()).toEqual([
      { annotator: 'bob', document_id: 3 },
      { annotator: 'lan', document_id: 2 },
    ]);
    const sent = records(db);
    const keys = sent.map((record) => `${record.kind} ${record.key}`).sort();
    expect(keys).toEqual(
      [
        ...['DATE', 'FIGURE', 'HOSPITAL', 'PERSON'].map((name) => `label ${name}`),
        'annotator bob',
        'setting blindAnnotation',
        `entity ${db.prepare('SELECT uid FROM entities WHERE id = ?').pluck().get(entity.id) as string}`,
        `span ${uidOf(db, mine.id)}`,
        `span ${uidOf(db, bob.id)}`,
        `progress bob:${hashOf(db, 3)}`,
        `progress lan:${hashOf(db, 2)}`,
      ].sort(),
    );
    // Existing state goes up with the lowest clock, so a team's own edits win over a newcomer's defaults.
    const zero = formatHlc({ wallMs: 0, counter: 0, node: syncState(db).node });
    expect(new Set(sent.map((record) => record.hlc))).toEqual(new Set([zero]));
    expect(sent.find((record) => record.key === uidOf(db, mine.id))).toMatchObject({ owner: 'lan', document: hashOf(db, 1), data: { startCp: 0, endCp: 16, label: 'HOSPITAL', status: 'accepted' } });
    expect(sent.find((record) => record.kind === 'setting')?.data).toEqual({ value: true });
  });

  it('notes tags, edits and deletes made through the edit functions, one pending row per span, clocks rising', () => {
    const db = laptop('lan');
    const span = tagSpan(db, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'lan' });
    const uid = uidOf(db, span.id);
    const created = recordOf(db, 'span', uid)!;
    expect(created).toMatchObject({ owner: 'lan', document: hashOf(db, 1), data: { startCp: 0, endCp: 16, label: 'HOSPITAL', note: null } });
    expect(Hlc.safeParse(created.hlc).success).toBe(true);
    expect(formatHlc(parseHlc(created.hlc))).toBe(created.hlc);

    editSpan(db, span.id, { note: 'the big one' });
    const edited = recordOf(db, 'span', uid)!;
    expect(edited.data).toMatchObject({ note: 'the big one' });
    expect(edited.changeId).not.toBe(created.changeId);
    expect(edited.hlc > created.hlc).toBe(true);
    expect(pendingKeys(db)).toEqual([`span ${uid}`]);

    removeSpan(db, span.id);
    const removed = recordOf(db, 'span', uid)!;
    expect(removed).toMatchObject({ owner: 'lan', document: hashOf(db, 1), data: null });
    expect(removed.hlc > edited.hlc).toBe(true);
    expect(pendingChangeCount(db)).toBe(1);
  });

  it('brings a span back with its uid when a delete or an edit is undone, and redo keeps it too', () => {
    const db = laptop('lan');
    const span = tagSpan(db, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'lan' });
    const uid = uidOf(db, span.id);
    removeSpan(db, span.id);
    expect(recordOf(db, 'span', uid)?.data).toBeNull();

    undo(db);
    expect(uidOf(db, span.id)).toBe(uid);
    expect(recordOf(db, 'span', uid)?.data).toMatchObject({ startCp: 0, endCp: 16 });
    expect(pendingKeys(db)).toEqual([`span ${uid}`]);

    // Undoing an edit puts the row back with INSERT OR REPLACE, which makes a new row: it keeps the uid all the same.
    editSpan(db, span.id, { note: 'wrong' });
    undo(db);
    expect(uidOf(db, span.id)).toBe(uid);
    expect(recordOf(db, 'span', uid)?.data).toMatchObject({ note: null });
    redo(db);
    expect(uidOf(db, span.id)).toBe(uid);
    expect(recordOf(db, 'span', uid)?.data).toMatchObject({ note: 'wrong' });
    expect(pendingKeys(db)).toEqual([`span ${uid}`]);
    expect(db.prepare('SELECT count(*) FROM spans').pluck().get()).toBe(1);
  });

  it('sends a tombstone for a pulled span that putting a deleted one back replaces, and notes nothing for a tag already there', () => {
    const db = laptop('lan');
    const mine = tagSpan(db, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'lan' });
    const uid = uidOf(db, mine.id);
    removeSpan(db, mine.id);
    acknowledgePushed(
      db,
      records(db).map((record) => record.changeId),
    );
    // The same member tagged the same place on another laptop.
    const other = 'a'.repeat(32);
    applyPulled(
      db,
      [{ changeId: 'b'.repeat(32), hlc: '019000000000-0000-x', kind: 'span', key: other, owner: 'lan', document: hashOf(db, 1), author: 'lan',
         data: { startCp: 0, endCp: 16, label: 'HOSPITAL', status: 'accepted', entity: null, value: null, note: null, createdAt: 'c', updatedAt: 'u' } }],
      1,
    );
    undo(db);
    expect(db.prepare('SELECT uid FROM spans').pluck().all()).toEqual([uid]);
    expect(records(db).map((record) => [record.key, record.data === null])).toEqual([
      [other, true],
      [uid, false],
    ]);

    acknowledgePushed(
      db,
      records(db).map((record) => record.changeId),
    );
    expect(tagSpans(db, [{ documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'lan' }, { documentId: 2, startCp: 0, endCp: 2, label: 'PERSON', annotator: 'lan' }], 'two')).toBe(1);
    expect(records(db).map((record) => record.data && 'label' in record.data ? record.data.label : null)).toEqual(['PERSON']);
  });

  it('sends a tombstone when accepting a suggestion is undone and it is nobody’s suggestion again', () => {
    const db = laptop('lan');
    const suggestion = createSpan(db, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: '', status: 'suggested' })!;
    expect(pendingChangeCount(db)).toBe(0);
    const accepted = tagSpan(db, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'lan' });
    expect(accepted.id).toBe(suggestion.id);
    const uid = uidOf(db, suggestion.id);
    expect(recordOf(db, 'span', uid)).toMatchObject({ owner: 'lan', data: { status: 'accepted' } });
    undo(db);
    expect(db.prepare('SELECT annotator, status, uid FROM spans').get()).toEqual({ annotator: '', status: 'suggested', uid });
    expect(recordOf(db, 'span', uid)).toMatchObject({ owner: 'lan', document: hashOf(db, 1), data: null });
  });

  it('notes labels, a rename as a removal and an addition, and the spans the rename moves', () => {
    const db = laptop('lan');
    addLabel(db, { name: 'CLINIC', color: '#123456', shortcutKey: '7' });
    expect(recordOf(db, 'label', 'CLINIC')?.data).toEqual({ displayName: 'Clinic', color: '#123456', shortcutKey: '7', position: 4, namesThings: false });
    updateLabel(db, 'CLINIC', { displayName: 'Small clinic' });
    expect(recordOf(db, 'label', 'CLINIC')?.data).toMatchObject({ displayName: 'Small clinic' });
    const span = tagSpan(db, { documentId: 1, startCp: 0, endCp: 16, label: 'CLINIC', annotator: 'lan' });
    acknowledgePushed(
      db,
      records(db).map((record) => record.changeId),
    );

    db.prepare("UPDATE labels SET name = 'CENTRE' WHERE name = 'CLINIC'").run();
    expect(pendingKeys(db).sort()).toEqual(['label CENTRE', 'label CLINIC', `span ${uidOf(db, span.id)}`].sort());
    expect(recordOf(db, 'label', 'CLINIC')?.data).toBeNull();
    expect(recordOf(db, 'span', uidOf(db, span.id))?.data).toMatchObject({ label: 'CENTRE' });

    addLabel(db, { name: 'UNUSED' });
    expect(removeUnusedLabel(db, 'UNUSED')).toBe(true);
    expect(recordOf(db, 'label', 'UNUSED')?.data).toBeNull();
  });

  it('notes entities by uid, and the spans a deleted entity leaves unlinked', () => {
    const db = laptop('lan');
    const span = tagSpan(db, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'lan' });
    const entityId = createEntity(db, { name: 'Cho Ray Hospital', label: 'HOSPITAL', aliases: ['Cho Ray'], spanIds: [span.id] });
    const entityUid = db.prepare('SELECT uid FROM entities WHERE id = ?').pluck().get(entityId) as string;
    expect(recordOf(db, 'entity', entityUid)?.data).toEqual({ name: 'Cho Ray Hospital', label: 'HOSPITAL', aliases: ['Cho Ray'] });
    expect(recordOf(db, 'span', uidOf(db, span.id))?.data).toMatchObject({ entity: entityUid });
    acknowledgePushed(
      db,
      records(db).map((record) => record.changeId),
    );

    deleteEntityRow(db, entityId);
    expect(recordOf(db, 'entity', entityUid)?.data).toBeNull();
    expect(recordOf(db, 'span', uidOf(db, span.id))?.data).toMatchObject({ entity: null });

    // Put back (as undo does), it is the same entity to the team.
    linkSpans(db, [span.id], null);
    db.prepare("INSERT INTO entities (id, name, label, aliases) VALUES (?, 'Cho Ray Hospital', 'HOSPITAL', '[\"Cho Ray\"]')").run(entityId);
    expect(db.prepare('SELECT uid FROM entities WHERE id = ?').pluck().get(entityId)).toBe(entityUid);
    expect(recordOf(db, 'entity', entityUid)?.data).toMatchObject({ name: 'Cho Ray Hospital' });
  });

  it('brings a merged entity back with its uid when the merge is undone, and its mentions with it', () => {
    const db = laptop('lan');
    const first = tagSpan(db, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'lan' });
    const second = tagSpan(db, { documentId: 3, startCp: 0, endCp: 20, label: 'HOSPITAL', annotator: 'lan' });
    const target = createEntity(db, { name: 'Cho Ray Hospital', label: 'HOSPITAL', spanIds: [first.id] });
    const source = createEntity(db, { name: 'Hue Central Hospital', label: 'HOSPITAL', spanIds: [second.id] });
    const uid = (id: number): string => db.prepare('SELECT uid FROM entities WHERE id = ?').pluck().get(id) as string;
    const [targetUid, sourceUid] = [uid(target), uid(source)];
    acknowledgePushed(
      db,
      records(db).map((record) => record.changeId),
    );

    mergeEntities(db, target, [source]);
    expect(recordOf(db, 'entity', sourceUid)?.data).toBeNull();
    expect(recordOf(db, 'span', uidOf(db, second.id))?.data).toMatchObject({ entity: targetUid });
    undo(db);
    expect(uid(source)).toBe(sourceUid);
    expect(recordOf(db, 'entity', sourceUid)?.data).toMatchObject({ name: 'Hue Central Hospital' });
    expect(recordOf(db, 'span', uidOf(db, second.id))?.data).toMatchObject({ entity: sourceUid });
    expect(db.prepare('SELECT count(*) FROM sync_entity_uids').pluck().get()).toBe(0);
  });

  it('notes annotators, assignments, done marks and blind annotation, and no other setting', () => {
    const db = laptop('lan');
    addAnnotator(db, { name: 'bob' });
    updateAnnotator(db, 'bob', { color: '#00aa00' });
    assignDocuments(db, { annotators: ['bob'], share: 'all', overlap: 0, seed: 1, documentIds: [2] });
    setDocumentDone(db, 2, 'bob', true);
    updateProjectSettings(db, { dateOrder: 'month-first' });
    expect(pendingKeys(db)).toEqual(['annotator bob', `assignment bob:${hashOf(db, 2)}`, `progress bob:${hashOf(db, 2)}`]);
    updateProjectSettings(db, { blindAnnotation: false });
    const sent = records(db);
    expect(sent.find((record) => record.kind === 'annotator')?.data).toEqual({ color: '#00aa00', position: 0 });
    expect(sent.find((record) => record.kind === 'assignment')).toMatchObject({ owner: 'bob', document: hashOf(db, 2), data: { assignedAt: expect.any(String) } });
    expect(sent.find((record) => record.kind === 'progress')).toMatchObject({ owner: 'bob', data: { doneAt: expect.any(String) } });
    expect(sent.find((record) => record.kind === 'setting')).toMatchObject({ key: 'blindAnnotation', data: { value: false } });

    setDocumentDone(db, 2, 'bob', false);
    expect(recordOf(db, 'progress', `bob:${hashOf(db, 2)}`)?.data).toBeNull();
    undo(db);
    expect(recordOf(db, 'progress', `bob:${hashOf(db, 2)}`)?.data).toMatchObject({ doneAt: expect.any(String) });
  });

  it('sends tombstones for the spans and marks of a document taken out again', () => {
    const db = laptop('lan');
    const span = tagSpan(db, { documentId: 3, startCp: 0, endCp: 20, label: 'HOSPITAL', annotator: 'lan' });
    setDocumentDone(db, 3, 'lan', true);
    const uid = uidOf(db, span.id);
    const hash = hashOf(db, 3);
    acknowledgePushed(
      db,
      records(db).map((record) => record.changeId),
    );
    removeDocuments(db, [3]);
    expect(records(db).map((record) => [record.kind, record.key, record.owner, record.document, record.data])).toEqual([
      ['span', uid, 'lan', hash, null],
      ['progress', `lan:${hash}`, 'lan', hash, null],
    ]);
  });

  it('notes nothing while pulled records are applied, nor once sync is disabled', () => {
    const db = laptop('lan');
    db.prepare('UPDATE sync_state SET applying = 1').run();
    tagSpan(db, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'lan' });
    db.prepare('UPDATE sync_state SET applying = 0').run();
    expect(pendingChangeCount(db)).toBe(0);

    disableSync(db);
    expect(syncState(db)).toMatchObject({ enabled: false, token: null });
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'sync%'").pluck().get()).toBe(0);
    tagSpan(db, { documentId: 2, startCp: 0, endCp: 16, label: 'PERSON', annotator: 'lan' });
    addLabel(db, { name: 'CLINIC' });
    expect(pendingChangeCount(db)).toBe(0);

    enableSync(db, { serverUrl: 'http://server', token: 't2', member: 'lan', role: 'lead', projectName: 'p' });
    expect(pendingKeys(db).filter((key) => key.startsWith('span')).length).toBe(2);
    expect(() => enableSync(db, { serverUrl: 'http://server', token: 't', member: 'bob', role: 'annotator', projectName: 'p' })).toThrow(/syncs as lan/);
  });

  it('keeps a change made again after it was read when the first one is acknowledged', () => {
    const db = laptop('lan');
    const span = tagSpan(db, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'lan' });
    const read = records(db);
    editSpan(db, span.id, { note: 'changed while the push was on its way' });
    expect(acknowledgePushed(
      db,
      read.map((record) => record.changeId),
    )).toBe(0);
    expect(pendingChangeCount(db)).toBe(1);
    const again = records(db);
    expect(acknowledgePushed(
      db,
      again.map((record) => record.changeId),
    )).toBe(1);
    expect(pendingChangeCount(db)).toBe(0);
  });

  it('reads the outbox a page at a time, oldest first', () => {
    const db = laptop('lan');
    for (let start = 0; start < 40; start += 4) tagSpan(db, { documentId: 1, startCp: start, endCp: start + 3, label: 'HOSPITAL', annotator: 'lan' });
    const first = readOutbox(db, 4);
    expect(first.map((record) => record.data && 'startCp' in record.data ? record.data.startCp : -1)).toEqual([0, 4, 8, 12]);
    acknowledgePushed(
      db,
      first.map((record) => record.changeId),
    );
    expect(readOutbox(db, 4).map((record) => record.data && 'startCp' in record.data ? record.data.startCp : -1)).toEqual([16, 20, 24, 28]);
  });

  it('sets aside a change that cannot make a valid record, and sends the others', () => {
    const db = laptop('lan');
    insertEntityRow(db, { name: 'x'.repeat(1001), label: 'HOSPITAL', aliases: [] });
    tagSpan(db, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'lan' });
    expect(records(db).map((record) => record.kind)).toEqual(['span']);
    expect(syncStatus(db)).toMatchObject({ waiting: 1, unsendable: 1, unsendableReason: expect.stringContaining('name') });
  });

  it('keeps the clock moving forward and four digits wide when edits outrun the wall clock', () => {
    const db = laptop('lan');
    const ahead = Date.now() + 3_600_000;
    db.prepare('UPDATE sync_state SET wall_ms = ?, counter = 65534').run(ahead);
    tagSpan(db, { documentId: 1, startCp: 0, endCp: 16, label: 'HOSPITAL', annotator: 'lan' });
    tagSpan(db, { documentId: 1, startCp: 17, endCp: 20, label: 'HOSPITAL', annotator: 'lan' });
    const clocks = records(db).map((record) => parseHlc(record.hlc));
    expect(clocks.map(({ wallMs, counter }) => [wallMs - ahead, counter])).toEqual([
      [0, 65535],
      [1, 0],
    ]);
    for (const record of records(db)) expect(Hlc.safeParse(record.hlc).success).toBe(true);
  });

  it('is not noted when a pulled record is applied', () => {
    const db = laptop('lan');
    const hash = hashOf(db, 1);
    applyPulled(
      db,
      [
        {
          changeId: 'a'.repeat(32),
          hlc: '019000000000-0000-x',
          kind: 'span',
          key: 'b'.repeat(32),
          owner: 'bob',
          document: hash,
          author: 'bob',
          data: { startCp: 0, endCp: 3, label: 'HOSPITAL', status: 'accepted', entity: null, value: null, note: null, createdAt: 'c', updatedAt: 'u' },
        },
      ],
      1,
    );
    expect(db.prepare('SELECT count(*) FROM spans').pluck().get()).toBe(1);
    expect(pendingChangeCount(db)).toBe(0);
  });
});
