import { describe, expect, it } from 'vitest';
import { gazetteerRow, MIN_LEARNT_EVIDENCE } from '../../src/main/store/gazetteer.js';
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

/** The learnt suggestions of a document as the workbench gets them: text, label and what they were learnt from. */
async function learntSuggestions(call: ReturnType<typeof apiCaller>, documentId: number) {
  const detail = await call('documents:get', { id: documentId });
  return detail.spans
    .filter((span) => span.recogniser === 'gazetteer')
    .map((span) => [[...detail.text].slice(span.startCp, span.endCp).join(''), span.label, span.learntFrom ?? null]);
}

describe('learning forms from tags needs evidence', () => {
  it('asks for two tags, not one', () => {
    expect(MIN_LEARNT_EVIDENCE).toBe(2);
  });

  it('does not spread one mistaken tag, proposes a form tagged twice, and says what it was learnt from', async () => {
    const { db, call, doc, tag } = setup();
    const first = doc('The Pasteur Institute sent vaccines.');
    const other = doc('Staff of the Pasteur Institute 🙈 and the pasteur institute annex met.');
    const third = doc('A second team from the Pasteur Institute arrived.');

    tag(first, 'Pasteur Institute');
    await suggestForDocuments(db, { labels: ['HOSPITAL'] });
    expect(await learntSuggestions(call, other)).toEqual([]);

    tag(third, 'Pasteur Institute');
    await suggestForDocuments(db, { labels: ['HOSPITAL'] });
    expect(await learntSuggestions(call, other)).toEqual([
      ['Pasteur Institute', 'HOSPITAL', { accepted: 2, rejected: 0 }],
      ['pasteur institute', 'HOSPITAL', { accepted: 2, rejected: 0 }],
    ]);
    // Spans of the rule-based recognisers and people carry no such evidence.
    const plain = (await call('documents:get', { id: first })).spans;
    expect(plain.map((span) => span.learntFrom)).toEqual([undefined]);
  });
});

describe('the Learnt forms list', () => {
  it('lists forms per label with their counts and whether they are proposed, filtered by label and by part of the form', async () => {
    const { call, doc, tag } = setup();
    const a = doc('Lotus House and Cho Ray Hospital took in Nguyen Van An.');
    const b = doc('Lotus House asked Cho Ray Hospital for Nguyen Van An.');
    tag(a, 'Lotus House');
    tag(b, 'Lotus House');
    tag(a, 'Cho Ray Hospital');
    tag(a, 'Nguyen Van An', 'PERSON');

    expect(await call('learntForms:list', {})).toEqual({
      total: 3,
      items: [
        { label: 'HOSPITAL', surface: 'Lotus House', accepted: 2, rejected: 0, proposed: true },
        { label: 'HOSPITAL', surface: 'Cho Ray Hospital', accepted: 1, rejected: 0, proposed: false },
        { label: 'PERSON', surface: 'Nguyen Van An', accepted: 1, rejected: 0, proposed: false },
      ],
    });
    expect((await call('learntForms:list', { label: 'PERSON' })).items.map((form) => form.surface)).toEqual(['Nguyen Van An']);
    expect((await call('learntForms:list', { contains: 'HOUSE' })).items.map((form) => form.surface)).toEqual(['Lotus House']);
    expect(await call('learntForms:list', { limit: 1, offset: 1 })).toMatchObject({ total: 3, items: [{ surface: 'Cho Ray Hospital' }] });
  });

  it('removes a form so runs stop proposing it, as one undo step that brings it back', async () => {
    const { db, call, doc, tag } = setup();
    const a = doc('Rice went to Lotus House.');
    const b = doc('Lotus House fed forty people.');
    const c = doc('Blankets for Lotus House arrived.');
    tag(a, 'Lotus House');
    tag(b, 'Lotus House');

    expect(await call('learntForms:remove', { label: 'HOSPITAL', surface: 'Lotus House' })).toEqual({ removed: true });
    expect(gazetteerRow(db, 'HOSPITAL', 'Lotus House')).toBeUndefined();
    expect((await call('learntForms:list', {})).total).toBe(0);
    await suggestForDocuments(db, { labels: ['HOSPITAL'] });
    expect(await learntSuggestions(call, c)).toEqual([]);

    const undone = await call('history:undo', {});
    expect(undone).toMatchObject({ applied: true, description: 'forget learnt form "Lotus House" (HOSPITAL)' });
    expect(gazetteerRow(db, 'HOSPITAL', 'Lotus House')).toMatchObject({ accepted: 2, rejected: 0 });
    await suggestForDocuments(db, { labels: ['HOSPITAL'] });
    expect(await learntSuggestions(call, c)).toEqual([['Lotus House', 'HOSPITAL', { accepted: 2, rejected: 0 }]]);

    await call('history:redo', {});
    expect(gazetteerRow(db, 'HOSPITAL', 'Lotus House')).toBeUndefined();
    // The removal sits in the history like any edit: undone, then the tag before it.
    await call('history:undo', {});
    await call('history:undo', {});
    expect(gazetteerRow(db, 'HOSPITAL', 'Lotus House')).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('refuses to remove a form it does not know, and a request that does not fit the contract', async () => {
    const { call } = setup();
    expect(await refusal(call, 'learntForms:remove', { label: 'HOSPITAL', surface: 'Nowhere' })).toBe('not_found: no learnt form "Nowhere" of HOSPITAL');
    expect(await refusal(call, 'learntForms:remove', { label: 'HOSPITAL', surface: '' })).toMatch(/^invalid_input:/);
    expect(await refusal(call, 'learntForms:list', { limit: 5000 })).toMatch(/^invalid_input:/);
  });
});
