import { describe, expect, it } from 'vitest';
import { findOccurrences, occurrenceDrafts } from '../../src/main/annotate/occurrences.js';
import { editSpan, removeSpan, tagSpan, tagSpans } from '../../src/main/annotate/span-edits.js';
import { setDocumentDone } from '../../src/main/annotate/progress-edits.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { documentListPage, progressCounts } from '../../src/main/store/document-list.js';
import { historyState, redo, undo } from '../../src/main/store/history.js';
import { insertEntityRow } from '../../src/main/store/entities.js';
import { insertNoiseMarks } from '../../src/main/store/noise-marks.js';
import { insertSpan, setSpanEntity, spansInDocument } from '../../src/main/store/spans.js';
import { createTestProject } from '../helpers/project.js';

const TEXT = '🙈 Hue Central Hospital admitted 250 patients. Hue Central Hospitality is not Hue Central Hospital.';

function setup() {
  const { db } = createTestProject();
  const id = insertDocument(db, { title: 'Hue', source: 'a', text: TEXT, meta: {} }).id;
  return { db, id };
}

const cp = (needle: string, from = 0) => {
  const u16 = TEXT.indexOf(needle, from);
  const start = [...TEXT.slice(0, u16)].length;
  return { startCp: start, endCp: start + [...needle].length };
};

describe('span edits and history', () => {
  it('tags a suggested place by accepting the suggestion, in one tag or many, and the list counts only accepted spans', () => {
    const { db, id } = setup();
    const first = cp('Hue Central Hospital');
    const last = cp('Hue Central Hospital', TEXT.lastIndexOf('Hue Central Hospital.'));
    for (const range of [first, last]) insertSpan(db, { documentId: id, ...range, label: 'HOSPITAL', status: 'suggested', recogniser: 'hospital', confidence: 0.8 });
    expect(documentListPage(db, { sort: 'id', offset: 0, limit: 10 }).items[0]).toMatchObject({ spanCount: 0, status: 'not_started' });

    // "Tag every other occurrence" sees the suggested place as untagged, and tagging it accepts the suggestion.
    const drafts = occurrenceDrafts(db, { documentId: id, ...first, label: 'HOSPITAL' }, 'lan').inDocument;
    expect(drafts.map((draft) => draft.startCp)).toEqual([last.startCp]);
    expect(tagSpans(db, drafts, 'tag all')).toBe(1);
    tagSpan(db, { documentId: id, ...first, label: 'HOSPITAL', annotator: 'lan' });
    const spans = spansInDocument(db, id);
    expect(spans.map((s) => [s.startCp, s.status, s.annotator, s.recogniser])).toEqual([
      [first.startCp, 'accepted', 'lan', 'hospital'],
      [last.startCp, 'accepted', 'lan', 'hospital'],
    ]);
    expect(documentListPage(db, { sort: 'id', offset: 0, limit: 10 }).items[0]).toMatchObject({ spanCount: 2, status: 'in_progress' });
    undo(db);
    undo(db);
    expect(spansInDocument(db, id).map((s) => s.status)).toEqual(['suggested', 'suggested']);
  });

  it('unlinks a span from its entity when it is relabelled away from the entity\'s label, and undo links it again', () => {
    const { db, id } = setup();
    const span = tagSpan(db, { documentId: id, ...cp('Hue Central Hospital'), label: 'HOSPITAL', annotator: 'lan' });
    const entity = insertEntityRow(db, { name: 'Hue Central Hospital', label: 'HOSPITAL', aliases: [] });
    setSpanEntity(db, span.id, entity.id);
    expect(editSpan(db, span.id, { note: 'main campus' }).entityId).toBe(entity.id);
    expect(editSpan(db, span.id, { label: 'PERSON' }).entityId).toBeNull();
    undo(db);
    expect(spansInDocument(db, id).map((s) => [s.label, s.entityId])).toEqual([['HOSPITAL', entity.id]]);
  });

  it('tags, relabels, notes and deletes, and undo/redo walks back and forth through all of it', () => {
    const { db, id } = setup();
    const span = tagSpan(db, { documentId: id, ...cp('Hue Central Hospital'), label: 'HOSPITAL', annotator: 'lan' });
    editSpan(db, span.id, { label: 'PERSON' });
    editSpan(db, span.id, { note: 'check spelling' });
    setDocumentDone(db, id, 'lan', true);
    removeSpan(db, span.id);
    expect(spansInDocument(db, id)).toEqual([]);

    expect(undo(db)).toMatchObject({ applied: true, description: 'delete PERSON', documentId: id });
    expect(spansInDocument(db, id).map((s) => [s.label, s.note])).toEqual([['PERSON', 'check spelling']]);
    expect(undo(db).description).toBe('mark done');
    expect(progressCounts(db).done).toBe(0);
    expect(undo(db).description).toBe('edit note');
    expect(undo(db).description).toBe('relabel HOSPITAL → PERSON');
    expect(spansInDocument(db, id).map((s) => [s.label, s.note])).toEqual([['HOSPITAL', null]]);
    expect(undo(db).description).toBe('tag HOSPITAL');
    expect(spansInDocument(db, id)).toEqual([]);
    expect(undo(db)).toMatchObject({ applied: false, canUndo: false, canRedo: true });

    expect(redo(db).description).toBe('tag HOSPITAL');
    expect(redo(db).description).toBe('relabel HOSPITAL → PERSON');
    expect(spansInDocument(db, id).map((s) => [s.id, s.label])).toEqual([[span.id, 'PERSON']]);
  });

  it('a new edit ends the redo branch', () => {
    const { db, id } = setup();
    tagSpan(db, { documentId: id, ...cp('250'), label: 'FIGURE', annotator: 'lan' });
    undo(db);
    expect(historyState(db)).toEqual({ canUndo: false, canRedo: true });
    tagSpan(db, { documentId: id, ...cp('Hue Central Hospital'), label: 'HOSPITAL', annotator: 'lan' });
    expect(historyState(db)).toEqual({ canUndo: true, canRedo: false });
    expect(redo(db).applied).toBe(false);
  });

  it('refuses bad spans with clear messages and writes nothing', () => {
    const { db, id } = setup();
    expect(() => tagSpan(db, { documentId: id, startCp: 5, endCp: 500, label: 'DATE', annotator: 'a' })).toThrow(/not a span inside the document \(0–\d+\)/);
    expect(() => tagSpan(db, { documentId: id, startCp: 1, endCp: 4, label: 'DRUG', annotator: 'a' })).toThrow(/unknown label DRUG/);
    expect(() => tagSpan(db, { documentId: 999, startCp: 1, endCp: 4, label: 'DATE', annotator: 'a' })).toThrow(/document 999 does not exist/);
    tagSpan(db, { documentId: id, startCp: 1, endCp: 4, label: 'DATE', annotator: 'a' });
    expect(() => tagSpan(db, { documentId: id, startCp: 1, endCp: 4, label: 'DATE', annotator: 'a' })).toThrow(/already tagged/);
    expect(historyState(db).canUndo).toBe(true);
    undo(db);
    expect(historyState(db).canUndo).toBe(false);
  });
});

describe('occurrences', () => {
  it('finds whole-word occurrences only, past astral characters', () => {
    expect(findOccurrences(TEXT, 'Hue Central Hospital').length).toBe(2); // not inside "Hospitality"
    expect(findOccurrences('a🙈Hue Hue', 'Hue')).toEqual([3, 7]);
  });

  it('tags the other occurrences in the document and the corpus as one undo step', () => {
    const { db, id } = setup();
    const other = insertDocument(db, { title: 'B', source: 'b', text: 'Patients at Hue Central Hospital 🅺 waited.', meta: {} }).id;
    const first = cp('Hue Central Hospital');
    tagSpan(db, { documentId: id, ...first, label: 'HOSPITAL', annotator: 'lan' });
    const found = occurrenceDrafts(db, { documentId: id, ...first, label: 'HOSPITAL' }, 'lan');
    expect(found.surface).toBe('Hue Central Hospital');
    expect(found.inDocument.map((d) => d.startCp)).toEqual([cp('Hue Central Hospital.', 60).startCp]);
    expect(found.inCorpus.map((d) => d.documentId)).toEqual([id, other]);
    expect(tagSpans(db, found.inCorpus, 'tag all')).toBe(2);
    const otherSpan = spansInDocument(db, other)[0];
    expect(otherSpan && [...'Patients at Hue Central Hospital 🅺 waited.'].slice(otherSpan.startCp, otherSpan.endCp).join('')).toBe('Hue Central Hospital');
    expect(occurrenceDrafts(db, { documentId: id, ...first, label: 'HOSPITAL' }, 'lan').inCorpus).toEqual([]);
    undo(db);
    expect(spansInDocument(db, other)).toEqual([]);
    expect(spansInDocument(db, id)).toHaveLength(1);
  });
});

describe('document list', () => {
  it('filters by status, noise and label, sorts, pages and counts', () => {
    const { db, id } = setup();
    const b = insertDocument(db, { title: 'alpha', source: 'b', text: 'Nothing here.', meta: {} }).id;
    const c = insertDocument(db, { title: 'Zeta', source: 'c', text: 'Cho Ray Hospital on 20/11/2025.', meta: {} }).id;
    insertNoiseMarks(db, b, [{ startCp: 0, endCp: 7, kind: 'boilerplate' }]);
    tagSpan(db, { documentId: c, startCp: 20, endCp: 30, label: 'DATE', annotator: 'lan' });
    setDocumentDone(db, id, 'lan', true);
    const page = (input: Partial<Parameters<typeof documentListPage>[1]>) =>
      documentListPage(db, { sort: 'id', offset: 0, limit: 100, ...input }).items.map((item) => item.id);
    expect(page({ status: 'done' })).toEqual([id]);
    expect(page({ status: 'in_progress' })).toEqual([c]);
    expect(page({ status: 'not_started' })).toEqual([b]);
    expect(page({ hasNoise: true })).toEqual([b]);
    expect(page({ label: 'DATE' })).toEqual([c]);
    expect(page({ sort: 'title' })).toEqual([b, id, c]);
    expect(page({ sort: 'spans' })[0]).toBe(c);
    expect(page({ offset: 1, limit: 1 })).toEqual([b]);
    expect(documentListPage(db, { sort: 'id', offset: 0, limit: 1 }).total).toBe(3);
    expect(progressCounts(db)).toEqual({ all: 3, done: 1, inProgress: 1, notStarted: 1 });
    const hits = documentListPage(db, { query: 'hosp', sort: 'id', offset: 0, limit: 10 });
    expect(hits.items.map((item) => item.id).sort()).toEqual([id, c].sort());
    expect(hits.items[0]?.snippet).toContain('\u0002Hosp');
  });
});
