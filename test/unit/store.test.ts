import { describe, expect, it } from 'vitest';
import { contentHash, countDocuments, getDocument, insertDocument } from '../../src/main/store/documents.js';
import { addLabel, ensureLabel, listLabels } from '../../src/main/store/labels.js';
import { searchDocuments, toFtsQuery } from '../../src/main/store/search.js';
import { insertSpan, spansInDocument } from '../../src/main/store/spans.js';
import { insertNoiseMarks } from '../../src/main/store/noise-marks.js';
import { projectStats } from '../../src/main/store/stats.js';
import { createTestProject } from '../helpers/project.js';

const TEXT = 'Bạch Mai Hospital 🙈 admitted 250 patients\r\non 20/11/2025.';

describe('documents', () => {
  it('stores the text exactly as given, CRLF and astral characters included', () => {
    const { db } = createTestProject();
    const outcome = insertDocument(db, { title: 'T', source: 'a.txt', text: TEXT, meta: { lang: 'en' } });
    expect(outcome.inserted).toBe(true);
    const doc = getDocument(db, outcome.id);
    expect(doc?.text).toBe(TEXT);
    expect(doc?.lengthCp).toBe([...TEXT].length);
    expect(doc?.meta).toEqual({ lang: 'en' });
    expect(doc?.contentHash).toBe(contentHash(TEXT));
  });

  it('does not store the same text twice and names the first copy', () => {
    const { db } = createTestProject();
    const first = insertDocument(db, { title: 'A', source: 'a.txt', text: TEXT, meta: {} });
    const second = insertDocument(db, { title: 'B', source: 'b.txt', text: TEXT, meta: {} });
    expect(second).toEqual({ inserted: false, id: first.id, duplicateOf: 'a.txt' });
    expect(countDocuments(db)).toBe(1);
  });
});

describe('spans', () => {
  it('allows nested and overlapping spans but not an exact duplicate', () => {
    const { db } = createTestProject();
    const { id } = insertDocument(db, { title: 'T', source: 's', text: TEXT, meta: {} });
    const base = { documentId: id, annotator: 'lan' };
    expect(insertSpan(db, { ...base, startCp: 0, endCp: 17, label: 'HOSPITAL' })).toBe(true);
    expect(insertSpan(db, { ...base, startCp: 0, endCp: 8, label: 'HOSPITAL' })).toBe(true); // nested
    expect(insertSpan(db, { ...base, startCp: 5, endCp: 30, label: 'FIGURE' })).toBe(true); // overlapping
    expect(insertSpan(db, { ...base, startCp: 0, endCp: 17, label: 'HOSPITAL' })).toBe(false); // duplicate
    expect(insertSpan(db, { ...base, annotator: 'minh', startCp: 0, endCp: 17, label: 'HOSPITAL' })).toBe(true);
    const spans = spansInDocument(db, id);
    expect(spans.map((s) => [s.startCp, s.endCp, s.label, s.annotator])).toEqual([
      [0, 17, 'HOSPITAL', 'lan'],
      [0, 17, 'HOSPITAL', 'minh'],
      [0, 8, 'HOSPITAL', 'lan'],
      [5, 30, 'FIGURE', 'lan'],
    ]);
  });

  it('refuses spans with unknown labels, empty ranges or missing documents', () => {
    const { db } = createTestProject();
    const { id } = insertDocument(db, { title: 'T', source: 's', text: TEXT, meta: {} });
    expect(() => insertSpan(db, { documentId: id, startCp: 0, endCp: 3, label: 'DRUG' })).toThrow(/FOREIGN KEY/);
    expect(() => insertSpan(db, { documentId: id, startCp: 3, endCp: 3, label: 'DATE' })).toThrow(/CHECK/);
    expect(() => insertSpan(db, { documentId: id + 1, startCp: 0, endCp: 3, label: 'DATE' })).toThrow(/FOREIGN KEY/);
  });

  it('keeps values and notes as given', () => {
    const { db } = createTestProject();
    const { id } = insertDocument(db, { title: 'T', source: 's', text: TEXT, meta: {} });
    insertSpan(db, { documentId: id, startCp: 29, endCp: 41, label: 'FIGURE', value: { value: 250, unit: 'patients' }, note: 'check' });
    const [span] = spansInDocument(db, id);
    expect(span?.value).toEqual({ value: 250, unit: 'patients' });
    expect(span?.note).toBe('check');
    expect(span?.status).toBe('accepted');
  });
});

describe('labels', () => {
  it('adds a label with the next free colour and refuses clashes', () => {
    const { db } = createTestProject();
    const label = addLabel(db, { name: 'MEDICINE', shortcutKey: '5' });
    expect(label).toMatchObject({ name: 'MEDICINE', displayName: 'Medicine', shortcutKey: '5' });
    expect(listLabels(db).map((l) => l.name)).toEqual(['HOSPITAL', 'DATE', 'PERSON', 'FIGURE', 'MEDICINE']);
    expect(() => addLabel(db, { name: 'MEDICINE' })).toThrow(/already exists/);
    expect(() => addLabel(db, { name: 'DRUG', shortcutKey: '1' })).toThrow(/already used by HOSPITAL/);
    expect(() => addLabel(db, { name: 'has space' })).toThrow(/not allowed/);
    expect(() => addLabel(db, { name: 'DRUG', color: 'red' })).toThrow(/#rrggbb/);
  });

  it('creates a label an import needs, keeping a declared key only when it is free', () => {
    const { db } = createTestProject();
    ensureLabel(db, 'ORG', { name: 'ORG', displayName: 'Organisation', color: '#123456', shortcutKey: '1', namesThings: true });
    ensureLabel(db, 'ORG');
    const org = listLabels(db).find((l) => l.name === 'ORG');
    expect(org).toEqual({ name: 'ORG', displayName: 'Organisation', color: '#123456', shortcutKey: null, namesThings: true });
  });
});

describe('search', () => {
  it('finds words and phrases, folds diacritics, and cannot be a syntax error', () => {
    const { db } = createTestProject();
    const a = insertDocument(db, { title: 'Bạch Mai', source: 'a', text: TEXT, meta: {} }).id;
    const b = insertDocument(db, { title: 'Other', source: 'b', text: 'Mai Hospital is not Bach.', meta: {} }).id;
    expect(searchDocuments(db, 'bach mai').map((h) => h.id).sort()).toEqual([a, b].sort());
    expect(searchDocuments(db, '"bach mai hospital"').map((h) => h.id)).toEqual([a]);
    expect(searchDocuments(db, 'patients')[0]?.snippet).toContain('[patients]');
    expect(searchDocuments(db, 'AND OR ( * "')).toEqual([]);
    expect(searchDocuments(db, 'admit', { prefix: true }).map((h) => h.id)).toEqual([a]);
    expect(searchDocuments(db, 'admit')).toEqual([]);
  });

  it('quotes every term of a query', () => {
    expect(toFtsQuery('hue "central hospital" NEAR(')).toBe('"hue" "central hospital" "NEAR"');
    expect(toFtsQuery('hue cent', true)).toBe('"hue" "cent"*');
    expect(toFtsQuery('  ')).toBe('');
  });
});

describe('stats', () => {
  it('counts documents, code points, spans by label and status, noise by kind', () => {
    const { db } = createTestProject();
    const { id } = insertDocument(db, { title: 'T', source: 's', text: TEXT, meta: {} });
    insertSpan(db, { documentId: id, startCp: 0, endCp: 17, label: 'HOSPITAL' });
    insertSpan(db, { documentId: id, startCp: 29, endCp: 41, label: 'FIGURE', status: 'suggested' });
    insertNoiseMarks(db, id, [{ startCp: 18, endCp: 19, kind: 'injected_char' }]);
    expect(projectStats(db)).toEqual({
      documents: 1,
      characters: [...TEXT].length,
      spans: [
        { label: 'HOSPITAL', status: 'accepted', count: 1 },
        { label: 'FIGURE', status: 'suggested', count: 1 },
      ],
      noise: [{ kind: 'injected_char', count: 1 }],
    });
  });
});

describe('search on very common words', () => {
  it('ranks few matches by relevance and lists very many in corpus order', async () => {
    const { RANKED_MATCH_LIMIT } = await import('../../src/main/store/search.js');
    const { db } = createTestProject();
    const insert = db.transaction(() => {
      for (let i = 0; i <= RANKED_MATCH_LIMIT; i++) {
        insertDocument(db, { title: `D${i}`, source: `s${i}`, text: `hospital report ${i}${i === 300 ? ' rare' : ''}`, meta: {} });
      }
      insertDocument(db, { title: 'Best', source: 'x', text: 'rare rare rare', meta: {} });
    });
    insert();
    expect(searchDocuments(db, 'hospital', { limit: 3 }).map((h) => h.title)).toEqual(['D0', 'D1', 'D2']);
    expect(searchDocuments(db, 'rare', { limit: 2 }).map((h) => h.title)).toEqual(['Best', 'D300']);
  });
});
