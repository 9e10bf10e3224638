import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { insertSpan } from '../../src/main/store/spans.js';
import { measureAgreement } from '../../src/main/teams/agreement.js';
import { ADJUDICATOR } from '../../src/shared/model.js';
import { apiCaller } from '../helpers/api.js';
import { createTestProject } from '../helpers/project.js';

const TEXT = 'Lan visited Hue Central Hospital on Monday .';

function at(phrase: string): { startCp: number; endCp: number } {
  const start = TEXT.indexOf(phrase);
  return { startCp: start, endCp: start + phrase.length };
}

function seed(db: Db) {
  const first = insertDocument(db, { title: 'a', source: 'a.txt', text: TEXT, meta: {} }).id;
  const second = insertDocument(db, { title: 'b', source: 'b.txt', text: 'Only one annotator here .', meta: {} }).id;
  const tag = (documentId: number, phrase: string, label: string, annotator: string, status: 'accepted' | 'suggested' | 'rejected' = 'accepted') =>
    insertSpan(db, { documentId, ...at(phrase), label, annotator, status });
  tag(first, 'Lan', 'PERSON', 'lan');
  tag(first, 'Hue Central Hospital', 'HOSPITAL', 'lan');
  tag(first, 'Monday', 'DATE', 'lan');
  tag(first, 'Central Hospital', 'HOSPITAL', 'minh');
  tag(first, 'Monday', 'DATE', 'minh');
  // Not minh's decision: a suggestion does not count.
  tag(first, 'Lan', 'PERSON', 'minh', 'suggested');
  insertSpan(db, { documentId: second, startCp: 0, endCp: 4, label: 'PERSON', annotator: 'lan' });
  return { first, second };
}

describe('measureAgreement', () => {
  it('gives hand-worked figures for two annotators on one document', () => {
    const { db } = createTestProject();
    const { first, second } = seed(db);
    const report = measureAgreement(db);
    expect(report.annotators).toEqual(['lan', 'minh']);
    expect(report.labels).toEqual(['DATE', 'HOSPITAL', 'PERSON']);
    expect(report.documentsCompared).toBe(1);
    expect(report.leftOut).toEqual([{ documentId: second, reason: 'annotated only by lan' }]);

    // Tokens: Lan visited Hue Central Hospital on Monday . (8)
    // lan:  P O H H H O D O;  minh: O O O H H O D O. Agree on 6 of 8: p_o = 0.75.
    // Marginals lan O3 H3 D1 P1, minh O5 H2 D1: p_e = (15 + 6 + 1) / 64; κ = (0.75 − 22/64) / (1 − 22/64) = 13/21.
    const [pair] = report.pairs;
    expect(pair?.annotators).toEqual(['lan', 'minh']);
    expect(pair?.documents).toBe(1);
    expect(pair?.tokens).toBe(8);
    expect(pair?.kappa.observedAgreement).toBeCloseTo(0.75, 12);
    expect(pair?.kappa.expectedAgreement).toBeCloseTo(22 / 64, 12);
    expect(pair?.kappa.kappa).toBeCloseTo(13 / 21, 12);
    // Spans 3 and 2; exact: DATE; overlap: DATE and HOSPITAL.
    expect(pair).toMatchObject({ spansA: 3, spansB: 2, exactMatches: 1, overlapMatches: 2 });
    expect(pair?.exactF1).toBeCloseTo(0.4, 12);
    expect(pair?.overlapF1).toBeCloseTo(0.8, 12);
    // α: n = 16 values; n_O 8, n_H 5, n_D 2, n_P 1; two disagreeing tokens give 4 disagreeing coincidences:
    // α = 1 − 15·4 / (256 − 94) = 17/27.
    expect(pair?.alpha.pairableValues).toBe(16);
    expect(pair?.alpha.alpha).toBeCloseTo(17 / 27, 12);
    expect(report.alpha.alpha).toBeCloseTo(17 / 27, 12);

    const hospital = pair?.byLabel.find((label) => label.label === 'HOSPITAL');
    expect(hospital).toMatchObject({ spansA: 1, spansB: 1, exactMatches: 0, overlapMatches: 1, exactF1: 0, overlapF1: 1 });
    // HOSPITAL against the rest: lan H on 3 tokens, minh on 2, agreeing on 7 of 8.
    // p_e = (3·2 + 5·6) / 64 = 36/64; κ = (7/8 − 36/64) / (1 − 36/64) = 20/28.
    expect(hospital?.kappa.kappa).toBeCloseTo(20 / 28, 12);

    expect(report.documents).toHaveLength(1);
    expect(report.documents[0]).toMatchObject({ documentId: first, annotators: ['lan', 'minh'], tokens: 8 });
    expect(report.documents[0]?.pairs[0]?.kappa.kappa).toBeCloseTo(13 / 21, 12);
  });

  it('counts an annotator who only rejected suggestions as having annotated the document', () => {
    const { db } = createTestProject();
    const id = insertDocument(db, { title: 'a', source: 'a.txt', text: TEXT, meta: {} }).id;
    insertSpan(db, { documentId: id, ...at('Monday'), label: 'DATE', annotator: 'lan' });
    insertSpan(db, { documentId: id, ...at('Lan'), label: 'PERSON', annotator: 'minh', status: 'rejected' });
    const report = measureAgreement(db);
    expect(report.documentsCompared).toBe(1);
    expect(report.pairs[0]).toMatchObject({ spansA: 1, spansB: 0, exactMatches: 0, exactF1: 0 });
  });

  it('compares three annotators pair by pair and all together, and filters labels and documents', () => {
    const { db } = createTestProject();
    const { first, second } = seed(db);
    insertSpan(db, { documentId: first, ...at('Hue Central Hospital'), label: 'HOSPITAL', annotator: 'an' });
    const report = measureAgreement(db, { labels: ['HOSPITAL'], documentIds: [first] });
    expect(report.annotators).toEqual(['an', 'lan', 'minh']);
    expect(report.pairs.map((pair) => pair.annotators.join('/'))).toEqual(['an/lan', 'an/minh', 'lan/minh']);
    expect(report.pairs[0]).toMatchObject({ exactF1: 1, overlapF1: 1, leftOut: [] });
    expect(report.pairs[0]?.kappa.kappa).toBe(1);
    // 8 tokens × 3 annotators; "Hue" is H, H, O and every other token agrees.
    // n = 24; n_H = 8, n_O = 16; disagreeing coincidences on "Hue": 2·2·1/(3 − 1) = 2.
    // α = 1 − 23·2 / (2·8·16) = 1 − 46/256.
    expect(report.alpha.pairableValues).toBe(24);
    expect(report.alpha.alpha).toBeCloseTo(1 - 46 / 256, 12);

    // A document an and lan annotated counts for them and for α, and each pair with minh says why it left it out.
    insertSpan(db, { documentId: second, startCp: 0, endCp: 4, label: 'PERSON', annotator: 'an' });
    const all = measureAgreement(db);
    expect(all.documentsCompared).toBe(2);
    expect(all.leftOut).toEqual([]);
    expect(all.pairs.map((pair) => pair.documents)).toEqual([2, 1, 1]);
    expect(all.pairs[1]?.leftOut).toEqual([{ documentId: second, reason: 'not annotated by minh' }]);
    expect(all.pairs[2]?.leftOut).toEqual([{ documentId: second, reason: 'not annotated by minh' }]);
    expect(() => measureAgreement(db, { annotators: ['lan', 'nobody'] })).toThrow(/no accepted or rejected spans by nobody/);
    expect(() => measureAgreement(db, { documentIds: [999] })).toThrow(/no such document: 999/);
  });

  it('leaves the adjudicated result out unless it is named', () => {
    const { db } = createTestProject();
    const { first } = seed(db);
    insertSpan(db, { documentId: first, ...at('Hue Central Hospital'), label: 'HOSPITAL', annotator: ADJUDICATOR });
    insertSpan(db, { documentId: first, ...at('Lan'), label: 'PERSON', annotator: ADJUDICATOR, status: 'rejected' });
    const report = measureAgreement(db);
    expect(report.annotators).toEqual(['lan', 'minh']);
    expect(report.pairs.map((pair) => pair.annotators)).toEqual([['lan', 'minh']]);
    expect(report.pairs[0]?.kappa.kappa).toBeCloseTo(13 / 21, 12);

    // Named, it is compared like anyone: here each annotator against the adjudicated gold.
    const gold = measureAgreement(db, { annotators: ['lan', ADJUDICATOR] });
    expect(gold.pairs[0]).toMatchObject({ annotators: ['lan', ADJUDICATOR], spansA: 3, spansB: 1, exactMatches: 1, documents: 1 });
    expect(() => measureAgreement(db, { annotators: [ADJUDICATOR] })).toThrow(/two annotators or more/);
  });
});

describe('agreement:measure', () => {
  it('lists documents lowest α first, with titles, cut to the limit', async () => {
    const { db, dbPath } = createTestProject();
    const { first } = seed(db);
    const same = insertDocument(db, { title: 'agreed', source: 'c.txt', text: 'Minh works at Bach Mai Hospital .', meta: {} }).id;
    const other = insertDocument(db, { title: 'apart', source: 'd.txt', text: 'Dr Minh came on Friday .', meta: {} }).id;
    for (const annotator of ['lan', 'minh', ADJUDICATOR]) insertSpan(db, { documentId: same, startCp: 14, endCp: 31, label: 'HOSPITAL', annotator });
    insertSpan(db, { documentId: other, startCp: 3, endCp: 7, label: 'PERSON', annotator: 'lan' });
    insertSpan(db, { documentId: other, startCp: 16, endCp: 22, label: 'DATE', annotator: 'minh' });
    const call = apiCaller(db, dbPath);

    const report = await call('agreement:measure', {});
    const measured = measureAgreement(db);
    expect(report.annotators).toEqual(['lan', 'minh']);
    expect(report.documentsTotal).toBe(3);
    expect(report.pairs[0]?.kappa).toEqual(measured.pairs[0]?.kappa);
    expect(report.pairs[0]).not.toHaveProperty('leftOut');
    const alphas = report.documents.map((doc) => doc.alpha.alpha);
    // "apart" agrees on nothing but O tokens, "agreed" on everything: α below zero, then the hand-worked 17/27, then 1.
    expect(report.documents.map((doc) => [doc.documentId, doc.title])).toEqual([
      [other, 'apart'],
      [first, 'a'],
      [same, 'agreed'],
    ]);
    expect(alphas[0]).toBeLessThan(0);
    expect(alphas[1]).toBeCloseTo(17 / 27, 12);
    expect(alphas[2]).toBe(1);

    const cut = await call('agreement:measure', { documentLimit: 1, annotators: ['lan', 'minh'] });
    expect(cut.documents.map((doc) => doc.documentId)).toEqual([other]);
    expect(cut.documentsTotal).toBe(3);
    await expect(call('agreement:measure', { annotators: ['lan'] })).rejects.toThrow(/^invalid_input/);
    await expect(call('agreement:measure', { annotators: ['lan', 'nobody'] })).rejects.toThrow(/^failed: no accepted or rejected spans by nobody/);
  });
});
