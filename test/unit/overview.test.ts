import { afterEach, describe, expect, it, vi } from 'vitest';
import { assignDocuments, setDocumentDone } from '../../src/main/annotate/progress-edits.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { addMember, createCluster, decideCluster } from '../../src/main/store/duplicates.js';
import { ensureEntity } from '../../src/main/store/entities.js';
import { addLabel } from '../../src/main/store/labels.js';
import { histogramBounds, OVERVIEW_SQL, projectOverview, spansPerDocument } from '../../src/main/store/overview.js';
import { createSpan } from '../../src/main/store/spans.js';
import { measureAgreement } from '../../src/main/teams/agreement.js';
import type { SpanStatus } from '../../src/shared/model.js';
import { ADJUDICATOR } from '../../src/shared/model.js';
import { apiCaller } from '../helpers/api.js';
import { createTestProject } from '../helpers/project.js';
import { queryPlan } from '../helpers/query-plan.js';

const TEXT = 'Mira saw Dr Oyelaran at Northgate Infirmary on 4 June , then again at Northgate Infirmary .';

function at(phrase: string, occurrence = 0): { startCp: number; endCp: number } {
  let start = -1;
  for (let n = 0; n <= occurrence; n++) start = TEXT.indexOf(phrase, start + 1);
  if (start < 0) throw new Error(`"${phrase}" is not in the text`);
  return { startCp: start, endCp: start + phrase.length };
}

/** Documents all of the same sentence (a numbered title keeps each text distinct). */
function addDocuments(db: Db, count: number): number[] {
  return Array.from({ length: count }, (_, i) => insertDocument(db, { title: `note ${i + 1}`, source: `note-${i + 1}.txt`, text: `${TEXT}\n${i + 1}`, meta: {} }).id);
}

function tag(db: Db, documentId: number, phrase: string, label: string, annotator: string, options: { status?: SpanStatus; entityId?: number; occurrence?: number } = {}): number {
  const row = createSpan(db, { documentId, ...at(phrase, options.occurrence), label, annotator, status: options.status ?? 'accepted', entityId: options.entityId ?? null });
  if (!row) throw new Error('already tagged');
  return row.id;
}

function markDoneOn(db: Db, documentId: number, isoTime: string): void {
  vi.setSystemTime(new Date(isoTime));
  setDocumentDone(db, documentId, 'lan', true);
}

afterEach(() => {
  vi.useRealTimers();
});

describe('histogramBounds', () => {
  it('steps 0, 1, then 1-2-5 past the largest count', () => {
    expect(histogramBounds(0)).toEqual([0, 1]);
    expect(histogramBounds(1)).toEqual([0, 1, 2]);
    expect(histogramBounds(4)).toEqual([0, 1, 2, 5]);
    expect(histogramBounds(5)).toEqual([0, 1, 2, 5, 10]);
    expect(histogramBounds(10)).toEqual([0, 1, 2, 5, 10, 20]);
    expect(histogramBounds(1234)).toEqual([0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000]);
  });
});

describe('projectOverview', () => {
  it('is empty for an empty project, with the default labels at zero', () => {
    const { db } = createTestProject();
    const overview = projectOverview(db);
    expect(overview.spansPerLabel).toEqual(
      ['HOSPITAL', 'DATE', 'PERSON', 'FIGURE'].map((label) => ({ label, accepted: 0, suggested: 0, rejected: 0 })),
    );
    expect(overview).toMatchObject({ documentsDone: [], spansPerDocument: [], topEntities: [], duplicateClusters: [], agreement: null });
  });

  it('counts spans by label and status, in the labels’ order', () => {
    const { db } = createTestProject();
    addLabel(db, { name: 'WARD', displayName: 'Ward', color: '#777777' });
    const [first, second] = addDocuments(db, 2) as [number, number];
    tag(db, first, 'Northgate Infirmary', 'HOSPITAL', 'mira');
    tag(db, first, 'Northgate Infirmary', 'HOSPITAL', 'mira', { occurrence: 1 });
    tag(db, second, 'Northgate Infirmary', 'HOSPITAL', 'mira', { status: 'suggested' });
    tag(db, first, '4 June', 'DATE', 'mira', { status: 'rejected' });
    tag(db, second, '4 June', 'DATE', 'mira');
    tag(db, second, 'Dr Oyelaran', 'PERSON', 'mira', { status: 'suggested' });
    expect(projectOverview(db).spansPerLabel).toEqual([
      { label: 'HOSPITAL', accepted: 2, suggested: 1, rejected: 0 },
      { label: 'DATE', accepted: 1, suggested: 0, rejected: 1 },
      { label: 'PERSON', accepted: 0, suggested: 1, rejected: 0 },
      { label: 'FIGURE', accepted: 0, suggested: 0, rejected: 0 },
      { label: 'WARD', accepted: 0, suggested: 0, rejected: 0 },
    ]);
  });

  it('counts documents done per UTC day with the running total, and forgets an unmarked one', () => {
    const { db } = createTestProject();
    const ids = addDocuments(db, 5);
    vi.useFakeTimers({ toFake: ['Date'] });
    markDoneOn(db, ids[0] as number, '2026-03-01T08:00:00.000Z');
    // 23:30 in UTC is still 1 March, whatever the local time zone says.
    markDoneOn(db, ids[1] as number, '2026-03-01T23:30:00.000Z');
    markDoneOn(db, ids[2] as number, '2026-03-04T00:10:00.000Z');
    markDoneOn(db, ids[3] as number, '2026-03-04T12:00:00.000Z');
    markDoneOn(db, ids[4] as number, '2026-03-05T09:00:00.000Z');
    setDocumentDone(db, ids[4] as number, 'lan', false);
    expect(projectOverview(db).documentsDone).toEqual([
      { day: '2026-03-01', done: 2, cumulative: 2 },
      { day: '2026-03-04', done: 2, cumulative: 4 },
    ]);
  });

  it('puts every document in a bucket of accepted spans, those without any too', () => {
    const { db } = createTestProject();
    const ids = addDocuments(db, 6);
    const [none, one, three, rejectedOnly, suggestedOnly, six] = ids as [number, number, number, number, number, number];
    void none;
    tag(db, one, 'Mira', 'PERSON', 'mira');
    tag(db, three, 'Mira', 'PERSON', 'mira');
    tag(db, three, 'Dr Oyelaran', 'PERSON', 'mira');
    tag(db, three, '4 June', 'DATE', 'mira');
    tag(db, rejectedOnly, 'Mira', 'PERSON', 'mira', { status: 'rejected' });
    tag(db, suggestedOnly, 'Mira', 'PERSON', 'mira', { status: 'suggested' });
    for (const annotator of ['mira', 'tomas', 'ines']) {
      tag(db, six, 'Mira', 'PERSON', annotator);
      tag(db, six, '4 June', 'DATE', annotator);
    }
    expect(projectOverview(db).spansPerDocument).toEqual([
      // The empty one, the rejected-only one and the suggested-only one.
      { min: 0, max: 0, documents: 3 },
      { min: 1, max: 1, documents: 1 },
      { min: 2, max: 4, documents: 1 },
      { min: 5, max: 9, documents: 1 },
    ]);
  });

  it('keeps empty buckets between filled ones', () => {
    const { db } = createTestProject();
    const [busy] = addDocuments(db, 2) as [number, number];
    const words = TEXT.split(' ');
    let from = 0;
    // Twelve one-word spans in one document: bucket 10–19, with 1, 2–4 and 5–9 left empty.
    for (const word of words.slice(0, 12)) {
      const start = TEXT.indexOf(word, from);
      from = start + word.length;
      createSpan(db, { documentId: busy, startCp: start, endCp: start + word.length, label: 'FIGURE', annotator: 'mira' });
    }
    expect(spansPerDocument(db)).toEqual([
      { min: 0, max: 0, documents: 1 },
      { min: 1, max: 1, documents: 0 },
      { min: 2, max: 4, documents: 0 },
      { min: 5, max: 9, documents: 0 },
      { min: 10, max: 19, documents: 1 },
    ]);
  });

  it('ranks entities by accepted mentions, at most ten per label, ties by name', () => {
    const { db } = createTestProject();
    const ids = addDocuments(db, 4);
    const northgate = ensureEntity(db, 'HOSPITAL', { name: 'Northgate Infirmary', aliases: [] });
    const oyelaran = ensureEntity(db, 'PERSON', { name: 'Dr Oyelaran', aliases: [] });
    const mira = ensureEntity(db, 'PERSON', { name: 'Mira', aliases: [] });
    // An entity with only unaccepted mentions is not among the most mentioned.
    const ghost = ensureEntity(db, 'PERSON', { name: 'A ghost', aliases: [] });
    for (const id of ids) {
      tag(db, id, 'Northgate Infirmary', 'HOSPITAL', 'mira', { entityId: northgate });
      tag(db, id, 'Northgate Infirmary', 'HOSPITAL', 'mira', { entityId: northgate, occurrence: 1 });
    }
    tag(db, ids[0] as number, 'Dr Oyelaran', 'PERSON', 'mira', { entityId: oyelaran });
    tag(db, ids[1] as number, 'Dr Oyelaran', 'PERSON', 'mira', { entityId: oyelaran, status: 'suggested' });
    tag(db, ids[0] as number, 'Mira', 'PERSON', 'mira', { entityId: mira });
    tag(db, ids[2] as number, 'Mira', 'PERSON', 'mira', { entityId: ghost, status: 'rejected' });
    // Eleven FIGURE entities: the one with fewest mentions (and last by name on a tie) drops out.
    const figures = Array.from({ length: 11 }, (_, i) => ensureEntity(db, 'FIGURE', { name: `figure ${String.fromCharCode(97 + i)}`, aliases: [] }));
    figures.forEach((entityId, i) => {
      tag(db, ids[0] as number, TEXT.split(' ')[i] as string, 'FIGURE', `counter${i}`, { entityId });
      if (i === 10) tag(db, ids[1] as number, TEXT.split(' ')[i] as string, 'FIGURE', 'again', { entityId });
    });
    const top = projectOverview(db).topEntities;
    expect(top.map((group) => group.label)).toEqual(['HOSPITAL', 'PERSON', 'FIGURE']);
    expect(top[0]?.entities).toEqual([{ id: northgate, name: 'Northgate Infirmary', mentions: 8 }]);
    expect(top[1]?.entities).toEqual([
      { id: oyelaran, name: 'Dr Oyelaran', mentions: 1 },
      { id: mira, name: 'Mira', mentions: 1 },
    ]);
    const figureTop = top[2]?.entities ?? [];
    expect(figureTop).toHaveLength(10);
    expect(figureTop[0]).toEqual({ id: figures[10], name: 'figure k', mentions: 2 });
    expect(figureTop.slice(1).map((entity) => entity.name)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((c) => `figure ${c}`));
  });

  it('counts duplicate clusters that are not rejected by their number of members', () => {
    const { db } = createTestProject();
    const ids = addDocuments(db, 5);
    const cluster = (members: number, status: 'suggested' | 'confirmed' | 'rejected') => {
      const id = createCluster(db, 'passage', 0.9);
      for (const documentId of ids.slice(0, members)) addMember(db, { clusterId: id, documentId, startCp: 0, endCp: 20, similarity: 0.9 });
      if (status !== 'suggested') decideCluster(db, id, status, 'mira');
    };
    cluster(2, 'suggested');
    cluster(2, 'confirmed');
    cluster(2, 'rejected');
    cluster(3, 'suggested');
    cluster(5, 'confirmed');
    cluster(5, 'rejected');
    expect(projectOverview(db).duplicateClusters).toEqual([
      { size: 2, clusters: 2 },
      { size: 3, clusters: 1 },
      { size: 5, clusters: 1 },
    ]);
  });

  it('gives the agreement of every pair of annotators, without the adjudicated result', () => {
    const { db } = createTestProject();
    const [first, second] = addDocuments(db, 2) as [number, number];
    for (const documentId of [first, second]) {
      tag(db, documentId, 'Northgate Infirmary', 'HOSPITAL', 'mira');
      tag(db, documentId, 'Northgate Infirmary', 'HOSPITAL', 'tomas');
      tag(db, documentId, '4 June', 'DATE', 'mira');
      tag(db, documentId, '4 June', 'DATE', ADJUDICATOR);
    }
    tag(db, first, 'Dr Oyelaran', 'PERSON', 'ines');
    tag(db, first, 'Mira', 'PERSON', 'tomas');
    const agreement = projectOverview(db).agreement;
    expect(agreement?.annotators).toEqual(['ines', 'mira', 'tomas']);
    const expected = measureAgreement(db, { annotators: ['ines', 'mira', 'tomas'] });
    expect(agreement?.pairs).toEqual(
      expected.pairs.map((pair) => ({ a: pair.annotators[0], b: pair.annotators[1], kappa: pair.kappa.kappa, exactF1: pair.exactF1, documents: pair.documents })),
    );
    const miraTomas = agreement?.pairs.find((pair) => pair.a === 'mira' && pair.b === 'tomas');
    // Two documents each; per document mira has 2 spans, tomas 1 or 2, with HOSPITAL matching: 2·2 / (4 + 3).
    expect(miraTomas?.documents).toBe(2);
    expect(miraTomas?.exactF1).toBeCloseTo(4 / 7, 12);
    expect(miraTomas?.kappa).toBeGreaterThan(0);
    expect(miraTomas?.kappa).toBeLessThan(1);
    expect(agreement?.pairs.find((pair) => pair.a === 'ines' && pair.b === 'mira')?.documents).toBe(1);
  });

  it('has no agreement with one annotator besides the adjudicated result', () => {
    const { db } = createTestProject();
    const [first] = addDocuments(db, 1) as [number];
    tag(db, first, 'Mira', 'PERSON', 'mira');
    tag(db, first, 'Mira', 'PERSON', ADJUDICATOR);
    tag(db, first, '4 June', 'DATE', 'tomas', { status: 'suggested' });
    expect(projectOverview(db).agreement).toBeNull();
  });

  it('answers overview:get through the contract', async () => {
    const { db, dbPath } = createTestProject();
    const [first] = addDocuments(db, 3) as [number];
    tag(db, first, 'Mira', 'PERSON', 'mira');
    tag(db, first, 'Mira', 'PERSON', 'tomas');
    const call = apiCaller(db, dbPath);
    const overview = await call('overview:get', {});
    expect(overview.spansPerLabel.find((row) => row.label === 'PERSON')).toEqual({ label: 'PERSON', accepted: 2, suggested: 0, rejected: 0 });
    expect(overview.spansPerDocument).toEqual([
      { min: 0, max: 0, documents: 2 },
      { min: 1, max: 1, documents: 0 },
      { min: 2, max: 4, documents: 1 },
    ]);
    expect(overview.agreement?.pairs).toEqual([{ a: 'mira', b: 'tomas', kappa: 1, exactF1: 1, documents: 1 }]);
  });
});

describe('overview queries', () => {
  it('read indexes instead of scanning tables where an index answers', () => {
    const { db } = createTestProject();
    expect(queryPlan(db, OVERVIEW_SQL.spansByLabelAndStatus)).toBe('SCAN spans USING COVERING INDEX spans_by_label');
    // Done marks are each annotator's own: the first per document is found along the index by document.
    expect(queryPlan(db, OVERVIEW_SQL.doneByDay)).toMatch(/SCAN document_progress USING INDEX document_progress_by_document/);
    expect(queryPlan(db, OVERVIEW_SQL.topEntities, 10)).toMatch(/SEARCH s USING INDEX spans_by_entity \(entity_id=\?\)/);
    expect(queryPlan(db, OVERVIEW_SQL.clustersBySize)).not.toMatch(/SCAN documents/);
  });
});

describe('progress per annotator', () => {
  it('counts each annotator\'s done marks per day, their queue, and documents per hour within a day', () => {
    const { db } = createTestProject();
    const ids = addDocuments(db, 5);
    assignDocuments(db, { annotators: ['mira', 'tomas'], share: 'all', overlap: 0, seed: 1, documentIds: ids.slice(0, 4) });
    vi.useFakeTimers({ toFake: ['Date'] });
    const mark = (id: number, who: string, at: string) => {
      vi.setSystemTime(new Date(at));
      setDocumentDone(db, id, who, true);
    };
    // mira: three documents in one hour on 1 March, one on 2 March; tomas: one.
    mark(ids[0] as number, 'mira', '2026-03-01T09:00:00.000Z');
    mark(ids[1] as number, 'mira', '2026-03-01T09:30:00.000Z');
    mark(ids[2] as number, 'mira', '2026-03-01T10:00:00.000Z');
    mark(ids[3] as number, 'mira', '2026-03-02T15:00:00.000Z');
    mark(ids[0] as number, 'tomas', '2026-03-02T11:00:00.000Z');
    expect(projectOverview(db).annotatorProgress).toEqual([
      {
        annotator: 'mira',
        done: 4,
        assigned: 4,
        documentsPerHour: 2,
        days: [
          { day: '2026-03-01', done: 3, cumulative: 3 },
          { day: '2026-03-02', done: 1, cumulative: 4 },
        ],
      },
      { annotator: 'tomas', done: 1, assigned: 4, documentsPerHour: null, days: [{ day: '2026-03-02', done: 1, cumulative: 1 }] },
    ]);
    // A document counts once in the project's own curve, on the day it was first finished.
    expect(projectOverview(db).documentsDone).toEqual([
      { day: '2026-03-01', done: 3, cumulative: 3 },
      { day: '2026-03-02', done: 1, cumulative: 4 },
    ]);
  });
});
