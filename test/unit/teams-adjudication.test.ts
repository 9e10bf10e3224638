import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { redo, undo } from '../../src/main/store/history.js';
import type { Db } from '../../src/main/store/connection.js';
import { openProject } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { createSpan, spansInDocument } from '../../src/main/store/spans.js';
import { createEntity } from '../../src/main/annotate/entity-edits.js';
import {
  acceptAgreed,
  adjudicate,
  adjudicationDocument,
  findDisagreements,
  listAdjudication,
  type PlacedSpan,
} from '../../src/main/teams/adjudication.js';
import { ADJUDICATOR, type SpanStatus } from '../../src/shared/model.js';
import { OffsetMap } from '../../src/shared/offsets.js';
import { apiCaller } from '../helpers/api.js';
import { corpusFile } from '../helpers/corpus.js';
import { createTestProject } from '../helpers/project.js';

const TEXT = 'Lan took her father to Hue Central Hospital on 3 May 2021 and met Dr Minh there .';

/** Adds documents and spans by phrase (first occurrence, or the n-th), as any annotator. */
function team(db: Db) {
  const texts = new Map<number, string>();
  const doc = (text = TEXT, title = `note ${texts.size + 1}`): number => {
    const id = insertDocument(db, { title, source: `${title}.txt`, text, meta: {} }).id;
    texts.set(id, text);
    return id;
  };
  const tag = (documentId: number, phrase: string, label: string, annotator: string, status: SpanStatus = 'accepted', occurrence = 0): number => {
    const text = texts.get(documentId) as string;
    let at = -1;
    for (let n = 0; n <= occurrence; n++) at = text.indexOf(phrase, at + 1);
    if (at < 0) throw new Error(`"${phrase}" is not in document ${documentId}`);
    const offsets = new OffsetMap(text);
    const row = createSpan(db, { documentId, startCp: offsets.toCp(at), endCp: offsets.toCp(at + phrase.length), label, annotator, status });
    if (!row) throw new Error('already tagged');
    return row.id;
  };
  return { doc, tag };
}

/** Every span of a document, timestamps included, for comparing states before and after undo/redo. */
function snapshot(db: Db, documentId: number) {
  return spansInDocument(db, documentId);
}

describe('findDisagreements', () => {
  const span = (id: number, startCp: number, endCp: number, label: string, annotator: string): PlacedSpan => ({ id, startCp, endCp, label, annotator });

  it('groups overlapping spans of any label, and lets agreeing groups pass', () => {
    const found = findDisagreements(
      [
        // Agreed exactly: no disagreement.
        span(1, 0, 3, 'PERSON', 'lan'),
        span(2, 0, 3, 'PERSON', 'minh'),
        // A chain 10–20, 15–30, 28–35 is one group even though 10–20 and 28–35 do not overlap.
        span(3, 10, 20, 'HOSPITAL', 'lan'),
        span(4, 15, 30, 'HOSPITAL', 'minh'),
        span(5, 28, 35, 'DATE', 'lan'),
        // Same offsets, different label.
        span(6, 40, 45, 'DATE', 'lan'),
        span(7, 40, 45, 'FIGURE', 'minh'),
        // Tagged by one annotator only.
        span(8, 50, 55, 'PERSON', 'minh'),
        // Touching (end = start) is not overlapping.
        span(9, 55, 60, 'PERSON', 'minh'),
        span(10, 55, 60, 'PERSON', 'lan'),
      ],
      [span(11, 42, 43, 'DATE', ADJUDICATOR)],
    );
    expect(found).toEqual([
      { startCp: 10, endCp: 35, spanIds: [3, 4, 5], adjudicatedSpanIds: [], settled: false },
      { startCp: 40, endCp: 45, spanIds: [6, 7], adjudicatedSpanIds: [11], settled: true },
      { startCp: 50, endCp: 55, spanIds: [8], adjudicatedSpanIds: [], settled: false },
    ]);
  });

  it('needs every annotator to have the same set of spans in a group', () => {
    // lan splits what minh tags whole: the same place, different spans.
    const split = [span(1, 0, 10, 'HOSPITAL', 'lan'), span(2, 0, 4, 'HOSPITAL', 'minh'), span(3, 5, 10, 'HOSPITAL', 'minh')];
    expect(findDisagreements(split, [])).toHaveLength(1);
    // A third annotator who tagged elsewhere in the document but nothing here disagrees by omission.
    const third = [span(1, 0, 4, 'PERSON', 'lan'), span(2, 0, 4, 'PERSON', 'minh'), span(3, 20, 24, 'DATE', 'an'), span(4, 20, 24, 'DATE', 'lan'), span(5, 20, 24, 'DATE', 'minh')];
    expect(findDisagreements(third, []).map((d) => d.spanIds)).toEqual([[1, 2]]);
  });

  it('finds nothing with one annotator', () => {
    expect(findDisagreements([span(1, 0, 4, 'PERSON', 'lan'), span(2, 2, 9, 'DATE', 'lan')], [])).toEqual([]);
  });
});

describe('adjudication over a project', () => {
  function seed(db: Db) {
    const { doc, tag } = team(db);
    const first = doc();
    const ids = {
      lanPerson: tag(first, 'Lan', 'PERSON', 'lan'),
      minhPerson: tag(first, 'Lan', 'PERSON', 'minh'),
      lanHospital: tag(first, 'Hue Central Hospital', 'HOSPITAL', 'lan'),
      minhHospital: tag(first, 'Central Hospital', 'HOSPITAL', 'minh'),
      lanDate: tag(first, '3 May 2021', 'DATE', 'lan'),
      minhDate: tag(first, '3 May 2021', 'DATE', 'minh'),
      minhDoctor: tag(first, 'Minh', 'PERSON', 'minh'),
      // Neither a suggestion nor a rejection is anyone's tag: neither makes a disagreement.
      suggested: tag(first, 'father', 'PERSON', 'lan', 'suggested'),
      rejected: tag(first, 'there', 'HOSPITAL', 'lan', 'rejected'),
    };
    const agreed = doc(`${TEXT} Again .`, 'agreed');
    tag(agreed, 'Lan', 'PERSON', 'lan');
    tag(agreed, 'Lan', 'PERSON', 'minh');
    const alone = doc(`${TEXT} Alone .`, 'alone');
    tag(alone, 'Lan', 'PERSON', 'lan');
    tag(alone, 'Hue', 'HOSPITAL', 'lan');
    return { first, agreed, alone, ids, tag };
  }

  it('lists documents with disagreements, open or settled, with counts', () => {
    const { db } = createTestProject();
    const { first, ids } = seed(db);
    const open = listAdjudication(db);
    expect(open.counts).toEqual({ open: 1, settled: 0 });
    expect(open.items).toEqual([{ documentId: first, annotators: ['lan', 'minh'], disagreements: 2, open: 2 }]);

    adjudicate(db, [ids.lanHospital], 'accept');
    expect(listAdjudication(db).items[0]).toMatchObject({ disagreements: 2, open: 1 });
    adjudicate(db, [ids.minhDoctor], 'reject');
    expect(listAdjudication(db)).toMatchObject({ total: 0, items: [], counts: { open: 0, settled: 1 } });
    expect(listAdjudication(db, { status: 'settled' }).items).toEqual([{ documentId: first, annotators: ['lan', 'minh'], disagreements: 2, open: 0 }]);
    expect(listAdjudication(db, { status: 'all' }).total).toBe(1);
  });

  it('counts an annotator who only turned suggestions down as having found nothing', () => {
    const { db } = createTestProject();
    const { doc, tag } = team(db);
    const id = doc(TEXT, 'quiet');
    const lan = tag(id, 'Hue Central Hospital', 'HOSPITAL', 'lan');
    // minh annotated the note (turned a suggestion down) and tagged nothing: lan's span is a disagreement.
    tag(id, '3 May 2021', 'DATE', 'minh', 'rejected');
    expect(listAdjudication(db).items).toEqual([{ documentId: id, annotators: ['lan', 'minh'], disagreements: 1, open: 1 }]);
    const shown = adjudicationDocument(db, id);
    expect(shown.annotators).toEqual(['lan', 'minh']);
    expect(shown.spans.map((span) => span.id)).toEqual([lan]);
    expect(shown.disagreements).toEqual([expect.objectContaining({ spanIds: [lan], settled: false })]);
    // Nothing is agreed by both, so accepting what they agree on copies nothing.
    expect(acceptAgreed(db, id)).toBe(0);
    // An annotator with no decided span in the note at all is not one of its annotators.
    const other = doc(`${TEXT} Once more .`, 'other');
    tag(other, 'Hue Central Hospital', 'HOSPITAL', 'lan');
    expect(adjudicationDocument(db, other).annotators).toEqual(['lan']);
  });

  it('compares only the annotators asked for, and refuses the adjudicated result as one of them', () => {
    const { db } = createTestProject();
    const { first, tag } = seed(db);
    tag(first, 'Dr Minh', 'PERSON', 'an');
    // Default: everyone but the adjudicated result, so an's span makes the doctor a three-way disagreement.
    expect(listAdjudication(db).items[0]?.annotators).toEqual(['an', 'lan', 'minh']);
    // lan and an alone: an tagged only the doctor, so each of lan's three spans and an's one is a place where they differ.
    expect(listAdjudication(db, { annotators: ['lan', 'an'] }).items[0]).toMatchObject({ annotators: ['an', 'lan'], disagreements: 4 });
    expect(() => listAdjudication(db, { annotators: ['lan', ADJUDICATOR] })).toThrow(/adjudicated result/);
  });

  it('pages the list, reading a batch of documents at a time', () => {
    const { db } = createTestProject();
    const { doc, tag } = team(db);
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      const id = doc(`${TEXT} ${i}`);
      tag(id, 'Lan', 'PERSON', 'lan');
      if (i % 2 === 0) tag(id, 'Lan', 'PERSON', 'minh');
      else tag(id, 'Hue', 'HOSPITAL', 'minh');
      ids.push(id);
    }
    const page = listAdjudication(db, { offset: 1, limit: 2, batchDocuments: 2 });
    const odd = ids.filter((_, i) => i % 2 === 1);
    expect(page.total).toBe(odd.length);
    expect(page.items.map((item) => item.documentId)).toEqual(odd.slice(1, 3));
  });

  it('keeps the list between pages, and works it out again once the project changes, here or in another process', () => {
    const { db, dbPath } = createTestProject();
    const { doc, tag } = team(db);
    const first = doc(TEXT, 'first');
    tag(first, 'Lan', 'PERSON', 'lan');
    tag(first, 'Hue', 'HOSPITAL', 'minh');
    expect(listAdjudication(db).total).toBe(1);
    // A change made here: the new disagreement shows at once.
    const second = doc(`${TEXT} Two .`, 'second');
    tag(second, 'Lan', 'PERSON', 'lan');
    tag(second, 'Minh', 'PERSON', 'minh');
    expect(listAdjudication(db).items.map((item) => item.documentId)).toEqual([first, second]);
    // A change committed by another connection (an import from the command line) shows too.
    const other = openProject(dbPath, { mustExist: true });
    try {
      adjudicate(other, spansInDocument(other, first).map((span) => span.id), 'reject');
    } finally {
      other.close();
    }
    expect(listAdjudication(db)).toMatchObject({ total: 1, items: [{ documentId: second }], counts: { open: 1, settled: 1 } });
  });

  it('shows a document: annotators, their accepted spans, adjudicated spans and disagreements in order', () => {
    const { db } = createTestProject();
    const { first, ids } = seed(db);
    adjudicate(db, [ids.minhDoctor], 'reject');
    const detail = adjudicationDocument(db, first);
    expect(detail.annotators).toEqual(['lan', 'minh']);
    const spanIds = detail.spans.map((row) => row.id);
    expect(spanIds).not.toContain(ids.suggested);
    expect(spanIds).not.toContain(ids.rejected);
    expect(detail.spans.filter((row) => row.annotator === ADJUDICATOR)).toMatchObject([{ status: 'rejected', label: 'PERSON' }]);
    expect(detail.disagreements.map((d) => [d.spanIds, d.settled])).toEqual([
      [[ids.lanHospital, ids.minhHospital], false],
      [[ids.minhDoctor], true],
    ]);
    expect(detail.disagreements[0]?.startCp).toBeLessThan(detail.disagreements[1]?.startCp as number);
    expect(() => adjudicationDocument(db, 999)).toThrow(/does not exist/);
  });

  it('accepts spans as adjudicated copies with link, value and note, in one undo step', () => {
    const { db } = createTestProject();
    const { first, ids } = seed(db);
    const entity = createEntity(db, { name: 'Hue Central Hospital', label: 'HOSPITAL', spanIds: [ids.lanHospital] });
    db.prepare("UPDATE spans SET note = 'main hospital', value = '{\"kind\":\"public\"}' WHERE id = ?").run(ids.lanHospital);
    const before = snapshot(db, first);

    // The same span by two annotators becomes one adjudicated span.
    expect(adjudicate(db, [ids.lanHospital, ids.lanPerson, ids.minhPerson], 'accept')).toBe(2);
    const adjudicated = spansInDocument(db, first).filter((span) => span.annotator === ADJUDICATOR);
    expect(adjudicated).toHaveLength(2);
    const hospital = adjudicated.find((span) => span.label === 'HOSPITAL');
    const source = spansInDocument(db, first).find((span) => span.id === ids.lanHospital);
    expect(hospital).toMatchObject({
      startCp: source?.startCp,
      endCp: source?.endCp,
      status: 'accepted',
      entityId: entity,
      note: 'main hospital',
      value: { kind: 'public' },
    });
    const after = snapshot(db, first);

    expect(undo(db)).toMatchObject({ applied: true, documentId: first, description: 'adjudicate: accept 2 spans' });
    expect(snapshot(db, first)).toEqual(before);
    expect(redo(db).applied).toBe(true);
    expect(snapshot(db, first)).toEqual(after);
  });

  it('rejects as adjudicated rejected spans, and turns an adjudicated span round rather than doubling it', () => {
    const { db } = createTestProject();
    const { first, ids } = seed(db);
    expect(adjudicate(db, [ids.minhHospital], 'accept')).toBe(1);
    const accepted = snapshot(db, first);
    expect(adjudicate(db, [ids.minhHospital, ids.minhDoctor], 'reject')).toBe(2);
    const adjudicated = spansInDocument(db, first).filter((span) => span.annotator === ADJUDICATOR);
    expect(adjudicated.map((span) => [span.label, span.status])).toEqual([
      ['HOSPITAL', 'rejected'],
      ['PERSON', 'rejected'],
    ]);
    // The annotators' own spans are left as they were.
    expect(spansInDocument(db, first).find((span) => span.id === ids.minhHospital)?.status).toBe('accepted');
    // Deciding again the same way changes nothing and records nothing.
    expect(adjudicate(db, [ids.minhDoctor], 'reject')).toBe(0);
    const rejected = snapshot(db, first);
    undo(db);
    expect(snapshot(db, first)).toEqual(accepted);
    redo(db);
    expect(snapshot(db, first)).toEqual(rejected);
  });

  it('replaces an earlier decision in the same undo step', () => {
    const { db } = createTestProject();
    const { first, ids } = seed(db);
    adjudicate(db, [ids.lanHospital], 'accept');
    const earlier = snapshot(db, first);
    const lanCopy = earlier.find((span) => span.annotator === ADJUDICATOR) as (typeof earlier)[number];
    expect(() => adjudicate(db, [ids.minhHospital], 'accept', [ids.lanHospital])).toThrow(/only adjudicated spans can be replaced/);
    expect(() => adjudicate(db, [ids.minhHospital], 'accept', [9999])).toThrow(/no such span: 9999/);
    expect(snapshot(db, first)).toEqual(earlier);

    expect(adjudicate(db, [ids.minhHospital], 'accept', [lanCopy.id])).toBe(1);
    const now = spansInDocument(db, first).filter((span) => span.annotator === ADJUDICATOR);
    expect(now.map((span) => [span.startCp, span.endCp, span.label])).toEqual([
      [spansInDocument(db, first).find((span) => span.id === ids.minhHospital)?.startCp, lanCopy.endCp, 'HOSPITAL'],
    ]);
    const replaced = snapshot(db, first);
    undo(db);
    expect(snapshot(db, first)).toEqual(earlier);
    redo(db);
    expect(snapshot(db, first)).toEqual(replaced);
  });

  it('refuses adjudicated, unaccepted and missing spans', () => {
    const { db } = createTestProject();
    const { first, ids } = seed(db);
    adjudicate(db, [ids.lanPerson], 'accept');
    const adjudicatedId = spansInDocument(db, first).find((span) => span.annotator === ADJUDICATOR)?.id as number;
    expect(() => adjudicate(db, [adjudicatedId], 'reject')).toThrow(/adjudicated already/);
    expect(() => adjudicate(db, [ids.lanDate, ids.suggested], 'accept')).toThrow(/suggested/);
    expect(() => adjudicate(db, [ids.rejected], 'accept')).toThrow(/rejected/);
    expect(() => adjudicate(db, [123_456], 'accept')).toThrow(/no such span: 123456/);
    // A refused decision writes nothing, not even its valid part.
    expect(spansInDocument(db, first).filter((span) => span.annotator === ADJUDICATOR)).toHaveLength(1);
  });

  it('accepts what all annotators agree on, skipping what is adjudicated already', () => {
    const { db } = createTestProject();
    const { first, alone, ids } = seed(db);
    adjudicate(db, [ids.lanDate], 'reject');
    const before = snapshot(db, first);
    // Agreed: PERSON Lan and the DATE; the DATE is decided already.
    expect(acceptAgreed(db, first)).toBe(1);
    const adjudicated = spansInDocument(db, first).filter((span) => span.annotator === ADJUDICATOR);
    expect(adjudicated.map((span) => [span.label, span.status])).toEqual([
      ['PERSON', 'accepted'],
      ['DATE', 'rejected'],
    ]);
    expect(acceptAgreed(db, first)).toBe(0);
    undo(db);
    expect(snapshot(db, first)).toEqual(before);
    expect(() => acceptAgreed(db, alone)).toThrow(/nothing to compare/);
  });

  it('finds disagreements in a real note tagged by two annotators', () => {
    const { db } = createTestProject();
    const { doc, tag } = team(db);
    const text = readFileSync(corpusFile('001_'), 'utf8');
    const id = doc(text, 'corpus note');
    // Two annotators tag the same capitalised words; one of them also tags the next word with them.
    const words = [...new Set(text.match(/\p{Lu}\p{Ll}{3,}/gu) ?? [])].slice(0, 6);
    expect(words.length).toBeGreaterThanOrEqual(4);
    for (const word of words) tag(id, word, 'PERSON', 'lan');
    for (const word of words.slice(0, 2)) tag(id, word, 'PERSON', 'minh');
    for (const word of words.slice(2, 4)) tag(id, word, 'HOSPITAL', 'minh');
    const detail = adjudicationDocument(db, id);
    // Two relabelled and two missed: four places where the two differ, unless two of the words overlap.
    expect(detail.disagreements).toHaveLength(4);
    expect(acceptAgreed(db, id)).toBe(2);
    expect(listAdjudication(db).items).toEqual([{ documentId: id, annotators: ['lan', 'minh'], disagreements: 4, open: 4 }]);
  });
});

describe('adjudication operations', () => {
  it('go through the contract as the workbench calls them', async () => {
    const { db, dbPath } = createTestProject();
    const { doc, tag } = team(db);
    const id = doc(TEXT, 'ward note');
    const lan = tag(id, 'Hue Central Hospital', 'HOSPITAL', 'lan');
    tag(id, 'Central Hospital', 'HOSPITAL', 'minh');
    tag(id, 'Lan', 'PERSON', 'lan');
    tag(id, 'Lan', 'PERSON', 'minh');
    const call = apiCaller(db, dbPath);

    const page = await call('adjudication:list', {});
    expect(page).toEqual({ total: 1, items: [{ documentId: id, title: 'ward note', annotators: ['lan', 'minh'], disagreements: 1, open: 1 }], counts: { open: 1, settled: 0 } });
    const detail = await call('adjudication:get', { documentId: id });
    expect(detail).toMatchObject({ documentId: id, title: 'ward note', text: TEXT, annotators: ['lan', 'minh'] });
    expect(detail.spans).toHaveLength(4);
    expect(detail.spans[0]).not.toHaveProperty('createdAt');
    expect(detail.disagreements).toHaveLength(1);

    expect(await call('adjudication:decide', { spanIds: [lan], decision: 'accept' })).toEqual({ created: 1 });
    expect(await call('adjudication:acceptAgreed', { documentId: id })).toEqual({ created: 1 });
    expect((await call('adjudication:list', { status: 'settled' })).total).toBe(1);
    expect(await call('history:undo', {})).toMatchObject({ applied: true, documentId: id });

    // The UI edits the adjudicated result with the ordinary span operations.
    const made = await call('spans:create', { documentId: id, startCp: 0, endCp: 3, label: 'PERSON', annotator: ADJUDICATOR });
    expect(made.annotator).toBe(ADJUDICATOR);

    await expect(call('adjudication:decide', { spanIds: [made.id], decision: 'reject' })).rejects.toThrow(/^failed: .*adjudicated already/);
    await expect(call('adjudication:decide', { spanIds: [], decision: 'accept' })).rejects.toThrow(/^invalid_input/);
    await expect(call('adjudication:get', { documentId: 999 })).rejects.toThrow(/^not_found/);
    await expect(call('adjudication:list', { annotators: ['lan'] })).rejects.toThrow(/^invalid_input/);
  });

  it('list who has spans, by status, for choosing whom to compare or export', async () => {
    const { db, dbPath } = createTestProject();
    const { doc, tag } = team(db);
    const first = doc(TEXT, 'ward note');
    const second = doc('Dr Minh moved to Cho Ray Hospital .', 'transfer');
    tag(first, 'Lan', 'PERSON', 'lan');
    tag(first, 'Hue Central Hospital', 'HOSPITAL', 'lan', 'rejected');
    tag(second, 'Cho Ray Hospital', 'HOSPITAL', 'lan');
    tag(first, 'Minh', 'PERSON', 'minh', 'suggested');
    tag(first, 'Lan', 'PERSON', '');
    const call = apiCaller(db, dbPath);
    expect(await call('annotators:list', {})).toEqual([
      { name: 'lan', color: null, position: null, accepted: 2, suggested: 0, rejected: 1, documents: 2, done: 0, assigned: 0, assignedDone: 0 },
      { name: 'minh', color: null, position: null, accepted: 0, suggested: 1, rejected: 0, documents: 1, done: 0, assigned: 0, assignedDone: 0 },
    ]);
  });
});
