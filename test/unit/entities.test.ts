import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/store/connection.js';
import { historyState, redo, undo } from '../../src/main/store/history.js';
import { apiCaller } from '../helpers/api.js';
import { createTestProject } from '../helpers/project.js';
import { documentTagger } from '../helpers/tagging.js';

/** A project with its API, called as the workbench calls it (inputs parsed, errors as data). */
function setup() {
  const { db, dbPath } = createTestProject();
  const call = apiCaller(db, dbPath);
  const { doc, tag } = documentTagger(db, { undoable: true });
  return { db, call, doc, tag };
}

/** Everything the entity operations touch, to compare states before and after undo. */
function snapshot(db: Db) {
  return {
    entities: db.prepare('SELECT id, name, label, aliases FROM entities ORDER BY id').all(),
    links: db.prepare('SELECT id, entity_id FROM spans ORDER BY id').all(),
  };
}

const WARD = '🏥 The Hue Cancer Centre took in 40 patients; Hue Cancer Center staff and the Hue Cancer Centre’s nurses agreed.';
const APPEAL = 'Donors asked the Hue Cancer Centre and Bạch Mai Hospital for news; Bach Mai Hospital answered.';

describe('entities: create, link, list and get', () => {
  it('creates an entity with spans, lists it with counts and returns its mentions by code points', async () => {
    const { call, doc, tag } = setup();
    const ward = doc(WARD, 'Ward report');
    const appeal = doc(APPEAL, 'Appeal');
    const spans = [tag(ward, 'Hue Cancer Centre'), tag(ward, 'Hue Cancer Center'), tag(appeal, 'Hue Cancer Centre')];
    const created = await call('entities:create', { name: 'Hue Cancer Centre', label: 'HOSPITAL', aliases: ['HCC', 'HCC', 'Hue Cancer Centre'], spanIds: spans });
    expect(created).toMatchObject({ name: 'Hue Cancer Centre', label: 'HOSPITAL', aliases: ['HCC'], mentions: 3, documents: 2 });
    await call('entities:create', { name: 'Bach Mai Hospital', label: 'HOSPITAL', aliases: ['BMH'] });
    await call('entities:create', { name: 'Nguyen Van An', label: 'PERSON' });

    const page = await call('entities:list', {});
    expect(page.total).toBe(3);
    expect(page.items.map((item) => [item.name, item.mentions, item.documents])).toEqual([
      ['Hue Cancer Centre', 3, 2],
      ['Bach Mai Hospital', 0, 0],
      ['Nguyen Van An', 0, 0],
    ]);
    expect((await call('entities:list', { label: 'PERSON' })).items.map((item) => item.name)).toEqual(['Nguyen Van An']);
    expect((await call('entities:list', { query: 'bmh' })).items.map((item) => item.name)).toEqual(['Bach Mai Hospital']);
    expect((await call('entities:list', { query: '50%' })).total).toBe(0);
    expect(await call('entities:list', { offset: 1, limit: 1 })).toMatchObject({ total: 3, items: [{ name: 'Bach Mai Hospital' }] });

    const detail = await call('entities:get', { id: created.id });
    expect(detail.mentionList.map((m) => [m.documentTitle, m.text])).toEqual([
      ['Ward report', 'Hue Cancer Centre'],
      ['Ward report', 'Hue Cancer Center'],
      ['Appeal', 'Hue Cancer Centre'],
    ]);
    // After the emoji, code points and UTF-16 differ by one.
    expect(detail.mentionList[0]?.startCp).toBe(WARD.indexOf('Hue Cancer Centre') - 1);
  });

  it('links and unlinks spans, refusing a span of another label with a clear message', async () => {
    const { db, call, doc, tag } = setup();
    const appeal = doc(APPEAL, 'Appeal');
    const marked = tag(appeal, 'Bạch Mai Hospital');
    const plain = tag(appeal, 'Bach Mai Hospital');
    const person = tag(appeal, 'Donors', 'PERSON');
    const entity = await call('entities:create', { name: 'Bach Mai Hospital', label: 'HOSPITAL' });

    await expect(call('entities:link', { spanIds: [marked, person], entityId: entity.id })).rejects.toThrow(
      `failed: span ${person} is tagged PERSON but entity ${entity.id} "Bach Mai Hospital" is a HOSPITAL: only spans of the same label can be linked`,
    );
    expect(snapshot(db).links.every((row) => (row as { entity_id: number | null }).entity_id === null)).toBe(true);
    await expect(call('entities:link', { spanIds: [marked], entityId: 999 })).rejects.toThrow('not_found: entity 999 does not exist');
    await expect(call('entities:link', { spanIds: [12345], entityId: entity.id })).rejects.toThrow('not_found: span 12345 does not exist');
    await expect(call('entities:link', { spanIds: [], entityId: entity.id })).rejects.toThrow(/invalid_input/);

    expect(await call('entities:link', { spanIds: [marked, plain, plain], entityId: entity.id })).toEqual({ linked: 2 });
    expect(await call('entities:link', { spanIds: [marked, plain], entityId: entity.id })).toEqual({ linked: 0 });
    expect((await call('documents:get', { id: appeal })).spans.filter((s) => s.entityId === entity.id)).toHaveLength(2);
    expect(await call('entities:link', { spanIds: [plain], entityId: null })).toEqual({ linked: 1 });
    expect((await call('entities:get', { id: entity.id })).mentions).toBe(1);

    expect(undo(db).description).toBe('unlink 1 span');
    expect((await call('entities:get', { id: entity.id })).mentions).toBe(2);
    expect(undo(db).description).toBe(`link 2 spans to "Bach Mai Hospital"`);
    expect((await call('entities:get', { id: entity.id })).mentions).toBe(0);
    expect(redo(db).applied).toBe(true);
    expect((await call('entities:get', { id: entity.id })).mentions).toBe(2);
  });

  it('refuses an unknown label and a second entity of the same name and label', async () => {
    const { call } = setup();
    await expect(call('entities:create', { name: 'X Clinic', label: 'CLINIC' })).rejects.toThrow('failed: unknown label CLINIC');
    const first = await call('entities:create', { name: 'X Clinic', label: 'HOSPITAL' });
    await expect(call('entities:create', { name: 'X Clinic', label: 'HOSPITAL' })).rejects.toThrow(
      `conflict: a HOSPITAL entity named "X Clinic" already exists (entity ${first.id})`,
    );
    await expect(call('entities:get', { id: 404 })).rejects.toThrow('not_found: entity 404 does not exist');
  });

  it('renames and edits aliases, each one undo step', async () => {
    const { db, call } = setup();
    const entity = await call('entities:create', { name: 'Hue Central Hospital', label: 'HOSPITAL' });
    const renamed = await call('entities:update', { id: entity.id, name: 'Hue Central General Hospital', aliases: ['Hue Central Hospital', 'Hue Central General Hospital'] });
    expect(renamed).toMatchObject({ name: 'Hue Central General Hospital', aliases: ['Hue Central Hospital'] });
    const aliased = await call('entities:update', { id: entity.id, aliases: ['BV Trung uong Hue'] });
    expect(aliased).toMatchObject({ name: 'Hue Central General Hospital', aliases: ['BV Trung uong Hue'] });
    expect(undo(db).description).toBe('edit aliases of "Hue Central General Hospital"');
    expect(undo(db).description).toBe('rename entity "Hue Central Hospital" → "Hue Central General Hospital"');
    expect(await call('entities:get', { id: entity.id })).toMatchObject({ name: 'Hue Central Hospital', aliases: [] });
    expect(undo(db).description).toBe('create entity "Hue Central Hospital"');
    await expect(call('entities:get', { id: entity.id })).rejects.toThrow(/not_found/);
    expect(redo(db).applied).toBe(true);
    expect(await call('entities:get', { id: entity.id })).toMatchObject({ id: entity.id, name: 'Hue Central Hospital' });
  });
});

describe('entities: merge and split', () => {
  it('merges entities (mentions, names and aliases) and undo restores ids and links exactly; redo merges again', async () => {
    const { db, call, doc, tag } = setup();
    const ward = doc(WARD, 'Ward report');
    const appeal = doc(APPEAL, 'Appeal');
    const target = await call('entities:create', { name: 'Hue Cancer Centre', label: 'HOSPITAL', spanIds: [tag(ward, 'Hue Cancer Centre')] });
    const sourceA = await call('entities:create', {
      name: 'Hue Cancer Center',
      label: 'HOSPITAL',
      aliases: ['HCC'],
      spanIds: [tag(ward, 'Hue Cancer Center'), tag(appeal, 'Hue Cancer Centre')],
    });
    const sourceB = await call('entities:create', { name: 'Hue Cancer Centre’s', label: 'HOSPITAL', spanIds: [tag(ward, 'Hue Cancer Centre’s')] });
    const person = await call('entities:create', { name: 'Donors', label: 'PERSON' });
    const before = snapshot(db);

    await expect(call('entities:merge', { targetId: target.id, sourceIds: [person.id] })).rejects.toThrow(/only entities of the same label can be merged/);
    await expect(call('entities:merge', { targetId: target.id, sourceIds: [target.id] })).rejects.toThrow(/cannot be merged into itself/);
    const merged = await call('entities:merge', { targetId: target.id, sourceIds: [sourceA.id, sourceB.id] });
    expect(merged).toMatchObject({ id: target.id, mentions: 4, documents: 2, aliases: ['Hue Cancer Center', 'HCC', 'Hue Cancer Centre’s'] });
    expect((await call('entities:list', { label: 'HOSPITAL' })).total).toBe(1);
    const merged1 = snapshot(db);

    expect(undo(db).description).toBe('merge 2 entities into "Hue Cancer Centre"');
    expect(snapshot(db)).toEqual(before);
    expect((await call('entities:get', { id: sourceA.id })).mentionList.map((m) => m.text)).toEqual(['Hue Cancer Center', 'Hue Cancer Centre']);

    expect(redo(db).description).toBe('merge 2 entities into "Hue Cancer Centre"');
    expect(snapshot(db)).toEqual(merged1);
    expect(undo(db).applied).toBe(true);
    expect(snapshot(db)).toEqual(before);
  });

  it('splits mentions off into a new entity, and undo puts them back', async () => {
    const { db, call, doc, tag } = setup();
    const appeal = doc(APPEAL, 'Appeal');
    const spans = [tag(appeal, 'Hue Cancer Centre'), tag(appeal, 'Bạch Mai Hospital'), tag(appeal, 'Bach Mai Hospital')];
    const mixed = await call('entities:create', { name: 'Hue Cancer Centre', label: 'HOSPITAL', spanIds: spans });
    const other = await call('entities:create', { name: 'Other', label: 'HOSPITAL' });
    const before = snapshot(db);

    await expect(call('entities:split', { id: other.id, spanIds: [spans[1]], name: 'Bach Mai Hospital' })).rejects.toThrow(
      `failed: span ${spans[1]} is not a mention of entity ${other.id} "Other"`,
    );
    const { kept, created } = await call('entities:split', { id: mixed.id, spanIds: [spans[1], spans[2]], name: 'Bach Mai Hospital' });
    expect(kept).toMatchObject({ id: mixed.id, mentions: 1 });
    expect(created).toMatchObject({ name: 'Bach Mai Hospital', label: 'HOSPITAL', mentions: 2, documents: 1 });
    const detail = await call('entities:get', { id: created.id });
    expect(detail.mentionList.map((m) => m.text)).toEqual(['Bạch Mai Hospital', 'Bach Mai Hospital']);

    expect(undo(db)).toMatchObject({ applied: true, description: 'split 2 mentions of "Hue Cancer Centre" into "Bach Mai Hospital"', documentId: appeal });
    expect(snapshot(db)).toEqual(before);
  });
});

describe('entities: suggestions through the API', () => {
  it('pages suggestions, accepts several as one undo step, and redo makes the same entities again', async () => {
    const { db, call, doc, tag } = setup();
    const ward = doc(WARD, 'Ward report');
    const appeal = doc(APPEAL, 'Appeal');
    tag(ward, 'Hue Cancer Centre');
    tag(ward, 'Hue Cancer Center');
    tag(ward, 'Hue Cancer Centre’s');
    tag(appeal, 'Hue Cancer Centre');
    tag(appeal, 'Bạch Mai Hospital');
    tag(appeal, 'Bach Mai Hospital');
    tag(appeal, 'Donors', 'PERSON');
    const bachMai = await call('entities:create', { name: 'Bach Mai Hospital', label: 'HOSPITAL' });
    const before = snapshot(db);

    const all = await call('entities:suggestions', {});
    expect(all.items.map((s) => [s.reason, s.entityId, s.spanIds.length])).toEqual([
      ['spelling_variant', null, 4],
      ['same_form', null, 3],
      ['same_form', bachMai.id, 1],
      ['spelling_variant', bachMai.id, 1],
    ]);
    expect(all.items.every((s) => !('group' in s))).toBe(true);
    expect(await call('entities:suggestions', { offset: 1, limit: 2 })).toEqual({ total: 4, items: all.items.slice(1, 3) });
    expect((await call('entities:suggestions', { label: 'PERSON' })).total).toBe(0);

    const keys = all.items.map((s) => s.key);
    expect(await call('entities:acceptSuggestions', { keys })).toEqual({ linked: 6, created: 1 });
    const after = snapshot(db);
    const hue = (await call('entities:list', { query: 'Hue' })).items[0];
    expect(hue).toMatchObject({ name: 'Hue Cancer Centre', mentions: 4, documents: 2 });
    expect((await call('entities:get', { id: bachMai.id })).mentions).toBe(2);
    expect((await call('entities:suggestions', {})).total).toBe(0);

    expect(undo(db).description).toBe('accept 4 link suggestions');
    expect(snapshot(db)).toEqual(before);
    expect(historyState(db).canRedo).toBe(true);
    expect((await call('entities:suggestions', {})).items.map((s) => s.key)).toEqual(keys);

    expect(redo(db).applied).toBe(true);
    expect(snapshot(db)).toEqual(after);
    expect((await call('entities:list', { query: 'Hue' })).items[0]?.id).toBe(hue?.id);
  });

  it('writes a large accept as a batch of edits that one undo takes back whole', async () => {
    const { db, call, doc } = setup();
    // 12,000 mentions in one document: more than two pieces of the accept's edits.
    const mention = 'Lakeside Clinic. ';
    const id = doc(mention.repeat(12_000), 'Listing');
    const insert = db.prepare(
      "INSERT INTO spans (document_id, start_cp, end_cp, label, annotator, status, created_at, updated_at) VALUES (?, ?, ?, 'HOSPITAL', 'ana', 'accepted', 'now', 'now')",
    );
    db.transaction(() => {
      for (let n = 0; n < 12_000; n++) insert.run(id, n * mention.length, n * mention.length + 15);
    })();
    const before = snapshot(db);
    const { items } = await call('entities:suggestions', {});
    expect(items.map((item) => [item.name, item.spanIds.length])).toEqual([['Lakeside Clinic', 12_000]]);
    expect(await call('entities:acceptSuggestions', { keys: items.map((item) => item.key) })).toEqual({ linked: 12_000, created: 1 });
    const edits = db.prepare("SELECT batch, json_array_length(changes) AS n FROM edits WHERE description = 'accept link suggestion (same_form)'").all() as {
      batch: string | null;
      n: number;
    }[];
    expect(edits.length).toBeGreaterThanOrEqual(3);
    expect(new Set(edits.map((edit) => edit.batch)).size).toBe(1);
    expect(edits[0]?.batch).not.toBeNull();
    expect(Math.max(...edits.map((edit) => edit.n))).toBeLessThanOrEqual(5_001);
    const after = snapshot(db);

    expect(undo(db).description).toBe('accept link suggestion (same_form)');
    expect(snapshot(db)).toEqual(before);
    expect(redo(db).applied).toBe(true);
    expect(snapshot(db)).toEqual(after);
  });

  it('rejects suggestions for good, and refuses keys it does not know', async () => {
    const { call, doc, tag } = setup();
    const ward = doc(WARD, 'Ward report');
    tag(ward, 'Hue Cancer Centre');
    tag(ward, 'Hue Cancer Center');
    const [suggestion] = (await call('entities:suggestions', {})).items;
    expect(suggestion?.reason).toBe('spelling_variant');
    expect(await call('entities:rejectSuggestions', { keys: [suggestion?.key] })).toEqual({ rejected: 1 });
    expect((await call('entities:suggestions', {})).total).toBe(0);
    await expect(call('entities:acceptSuggestions', { keys: [suggestion?.key] })).rejects.toThrow(/^not_found: no link suggestion/);
    await expect(call('entities:rejectSuggestions', { keys: [] })).rejects.toThrow(/invalid_input/);
  });
});
