import { describe, expect, it } from 'vitest';
import { linkSuggestions } from '../../src/main/entities/suggestions.js';
import { listLabels } from '../../src/main/store/labels.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { suggestForDocuments } from '../../src/main/suggest/run.js';
import { apiCaller, refusal } from '../helpers/api.js';
import { createTestProject } from '../helpers/project.js';
import { documentTagger } from '../helpers/tagging.js';

/** Values annotators tag as DATE and FIGURE, each twice, as the entity suggestions once grouped them. */
const VALUES: readonly (readonly [string, string])[] = [
  ['2024', 'DATE'],
  ['24-bed', 'FIGURE'],
  ['34 per 10,000 people', 'FIGURE'],
  ['384', 'FIGURE'],
];

function setup() {
  const { db, dbPath } = createTestProject();
  const { doc, tag } = documentTagger(db);
  const call = apiCaller(db, dbPath);
  let day = 0;
  /** One document per phrase, each tagged under `label`. */
  const mentions = (phrase: string, label: string, times = 2): number[] =>
    Array.from({ length: times }, () => tag(doc(`In ${phrase} the ward reported on day ${++day}.`), phrase, label));
  return { db, call, mentions };
}

describe('entity linking is for labels that name things', () => {
  it('marks HOSPITAL and PERSON as naming things in a new project, and nothing else', () => {
    const { db } = createTestProject();
    expect(listLabels(db).map((label) => [label.name, label.namesThings])).toEqual([
      ['HOSPITAL', true],
      ['DATE', false],
      ['PERSON', true],
      ['FIGURE', false],
    ]);
  });

  it('never suggests an entity for dates and figures, however often the same value is tagged', async () => {
    const { db, call, mentions } = setup();
    for (const [phrase, label] of VALUES) mentions(phrase, label);
    const hospitals = mentions('Hue Central Hospital', 'HOSPITAL');
    expect(linkSuggestions(db).map((s) => [s.label, s.name, s.spanIds])).toEqual([['HOSPITAL', 'Hue Central Hospital', hospitals]]);
    expect(linkSuggestions(db, ['DATE', 'FIGURE'])).toEqual([]);
    expect(await call('entities:suggestions', { label: 'FIGURE' })).toEqual({ total: 0, items: [] });
    expect((await call('entities:suggestions', {})).items.map((s) => s.label)).toEqual(['HOSPITAL']);
  });

  it('refuses to create or link an entity of a figure, and says why', async () => {
    const { call, mentions } = setup();
    const [figure] = mentions('384', 'FIGURE', 1);
    expect(await refusal(call, 'entities:create', { name: '384', label: 'FIGURE', spanIds: [figure] })).toMatch(
      /^failed: FIGURE does not name things: linking to entities is for labels that name things/,
    );
    expect((await call('entities:list', {})).total).toBe(0);
  });

  it('lets the lead mark a custom label as naming things, and take the mark back', async () => {
    const { db, call, mentions } = setup();
    await call('labels:create', { name: 'CLINIC', shortcutKey: '5' });
    const clinics = mentions('Lotus Clinic', 'CLINIC');
    expect(linkSuggestions(db)).toEqual([]);
    expect(await call('labels:update', { name: 'CLINIC', namesThings: true })).toMatchObject({ name: 'CLINIC', namesThings: true });
    expect(linkSuggestions(db).map((s) => [s.label, s.spanIds])).toEqual([['CLINIC', clinics]]);
    expect(await call('entities:create', { name: 'Lotus Clinic', label: 'CLINIC' })).toMatchObject({ label: 'CLINIC' });
    await call('labels:update', { name: 'CLINIC', namesThings: false });
    expect((await call('labels:list', {})).find((label) => label.name === 'CLINIC')?.namesThings).toBe(false);
    expect(linkSuggestions(db)).toEqual([]);
    expect(await refusal(call, 'entities:link', { spanIds: clinics, entityId: 1 })).toMatch(/CLINIC does not name things/);
  });

  it('links suggested names to their entity, but never a suggested figure', async () => {
    const { db, call } = setup();
    await call('entities:create', { name: 'Cho Ray Hospital', label: 'HOSPITAL' });
    const id = insertDocument(db, { title: 'n', source: 'n.txt', text: 'Cho Ray Hospital added 24 beds in March 2024.', meta: {} }).id;
    await suggestForDocuments(db, { documentIds: [id] });
    const spans = db.prepare("SELECT label, entity_id AS entityId FROM spans WHERE status = 'suggested' ORDER BY start_cp").all();
    expect(spans).toEqual([
      { label: 'HOSPITAL', entityId: 1 },
      { label: 'FIGURE', entityId: null },
      { label: 'DATE', entityId: null },
    ]);
  });
});
