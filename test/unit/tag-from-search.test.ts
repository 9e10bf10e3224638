import { describe, expect, it } from 'vitest';
import { previewQueryTags, tagQueryMatches } from '../../src/main/annotate/tag-query.js';
import { tagSpan } from '../../src/main/annotate/span-edits.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { redo, undo } from '../../src/main/store/history.js';
import { insertNoiseMarks } from '../../src/main/store/noise-marks.js';
import { insertSpan } from '../../src/main/store/spans.js';
import { runJob } from '../../src/main/jobs/run-job.js';
import { OffsetMap } from '../../src/shared/offsets.js';
import { queryMatches, queryPhrase, queryTerms, termMatches } from '../../src/shared/query-matches.js';
import { apiCaller, jobFinished, refusal } from '../helpers/api.js';
import { createTestProject } from '../helpers/project.js';

/** The code-point range of the `occurrence`-th `needle` in `text`. */
function cpRange(text: string, needle: string, occurrence = 0): { startCp: number; endCp: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  const offsets = new OffsetMap(text);
  return { startCp: offsets.toCp(at), endCp: offsets.toCp(at + needle.length) };
}

function add(db: Db, title: string, text: string): number {
  return insertDocument(db, { title, source: `${title}.txt`, text, meta: {} }).id;
}

/** Accepted spans of a label, as "document:start-end" with the text they cover. */
function tagged(db: Db, label: string): string[] {
  const rows = db
    .prepare("SELECT s.document_id AS d, s.start_cp AS s, s.end_cp AS e, d.text AS text FROM spans s JOIN documents d ON d.id = s.document_id WHERE s.label = ? AND s.status = 'accepted' ORDER BY d, s")
    .all(label) as { d: number; s: number; e: number; text: string }[];
  return rows.map((row) => `${row.d}:${row.s}-${row.e} ${new OffsetMap(row.text).sliceCp(row.s, row.e)}`);
}

describe('where a query matches a text', () => {
  it('finds whole words in any case, phrases across spacing and punctuation, and a last word as a prefix', () => {
    const text = 'Hue Central Hospital; hue-central  hospital. Huey Central Hospitals';
    const phrase = queryPhrase('Hue "Central" Hospital');
    expect(phrase).toEqual({ words: ['Hue', 'Central', 'Hospital'], prefix: false });
    expect(termMatches(text, phrase!).map((r) => text.slice(r.startU16, r.endU16))).toEqual(['Hue Central Hospital', 'hue-central  hospital']);
    expect(queryTerms('"Hue Central" hosp', true)).toEqual([
      { words: ['Hue', 'Central'], prefix: false },
      { words: ['hosp'], prefix: true },
    ]);
    // The words together count as one match; apart, each term is one.
    expect(queryMatches(text, '"Hue Central" hosp', true).map((r) => text.slice(r.startU16, r.endU16))).toEqual([
      'Hue Central Hospital',
      'hue-central  hospital',
      'Hospitals',
    ]);
    expect(queryMatches('Hospital staff of Hue; central Hue', 'hue central hospital').length).toBe(4);
    // No match across a line break, nor inside a longer word.
    expect(termMatches('Hue\nCentral', queryPhrase('Hue Central')!)).toEqual([]);
    expect(termMatches('Bach Maid', queryPhrase('bach mai')!)).toEqual([]);
    expect(queryPhrase('  "" ,, ')).toBeNull();
  });
});

describe('tag from search', () => {
  it('previews the places to tag with context, leaving out tagged places, overlapping spans and noise', () => {
    const { db } = createTestProject();
    const first = 'Patients 🙈 went to Bach Mai Hospital, then to bach mai hospital again.';
    const second = 'Bach Mai hospital staff: see Bach Mai Hospital. SPAM Bach Mai Hospital SPAM';
    const third = 'Bach and Mai went home to the hospital.';
    const a = add(db, 'first', first);
    const b = add(db, 'second', second);
    add(db, 'third', third);
    // Already tagged exactly, and covered by a longer span of the label: both left alone.
    insertSpan(db, { documentId: b, ...cpRange(second, 'Bach Mai hospital'), label: 'HOSPITAL', status: 'accepted' });
    insertSpan(db, { documentId: b, ...cpRange(second, 'see Bach Mai Hospital'), label: 'HOSPITAL', status: 'accepted' });
    insertNoiseMarks(db, b, [{ ...cpRange(second, 'SPAM Bach Mai Hospital SPAM'), kind: 'spam_line' }]);

    const preview = previewQueryTags(db, 'bach MAI Hospital', 'HOSPITAL');
    expect(preview).toMatchObject({ phrase: 'bach MAI Hospital', places: 2, documents: 1, alreadyTagged: 2, inNoise: 1, searchPending: 0 });
    // Code points: the emoji before the match counts one.
    expect(preview.sample[0]).toEqual({
      documentId: a,
      title: 'first',
      ...cpRange(first, 'Bach Mai Hospital'),
      before: 'Patients 🙈 went to ',
      match: 'Bach Mai Hospital',
      after: ', then to bach mai hospital again.',
    });
    expect(preview.sample[0]!.startCp).toBe(19);
    expect(preview.sample.map((place) => place.match)).toEqual(['Bach Mai Hospital', 'bach mai hospital']);
    expect(() => previewQueryTags(db, 'Bach', 'NOPE')).toThrow(/unknown label NOPE/);
    expect(() => previewQueryTags(db, '""', 'HOSPITAL')).toThrow(/no word/);
  });

  it('tags every match in batches of documents as one undo step, accepting a suggestion at a place', async () => {
    const { db } = createTestProject();
    const ids: number[] = [];
    for (let i = 0; i < 25; i++) ids.push(add(db, `d${i}`, `Report ${i}: 🙈 Hue Central Hospital admitted patients; HUE CENTRAL HOSPITAL said so.`));
    const text0 = `Report 0: 🙈 Hue Central Hospital admitted patients; HUE CENTRAL HOSPITAL said so.`;
    insertSpan(db, { documentId: ids[0]!, ...cpRange(text0, 'Hue Central Hospital'), label: 'HOSPITAL', status: 'suggested' });
    // Someone's own tag elsewhere stays one step of its own.
    tagSpan(db, { documentId: ids[1]!, startCp: 0, endCp: 6, label: 'PERSON', annotator: 'lan' });

    const seen: number[] = [];
    const report = await tagQueryMatches(db, { query: 'hue central hospital', label: 'HOSPITAL', annotator: 'lan', batchDocuments: 10, onProgress: (p) => seen.push(p.documentsDone) });
    expect(report).toEqual({ phrase: 'hue central hospital', label: 'HOSPITAL', created: 50, documents: 25, cancelled: false });
    expect(seen).toEqual([0, 10, 20, 25]);
    const spans = tagged(db, 'HOSPITAL');
    expect(spans).toHaveLength(50);
    expect(spans[0]).toBe(`${ids[0]}:${cpRange(text0, 'Hue Central Hospital').startCp}-${cpRange(text0, 'Hue Central Hospital').endCp} Hue Central Hospital`);
    expect(spans[1]).toMatch(/ HUE CENTRAL HOSPITAL$/);
    // The suggestion became lan's span rather than gaining a twin.
    expect(db.prepare("SELECT count(*) FROM spans WHERE label = 'HOSPITAL' AND status = 'suggested'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(DISTINCT batch) FROM edits WHERE batch IS NOT NULL').pluck().get()).toBe(1);

    // Nothing left to tag: a second run adds nothing.
    expect(previewQueryTags(db, 'hue central hospital', 'HOSPITAL')).toMatchObject({ places: 0, alreadyTagged: 50 });

    const undone = undo(db);
    expect(undone.description).toBe('tag 50 × "hue central hospital" as HOSPITAL in 25 documents');
    expect(tagged(db, 'HOSPITAL')).toEqual([]);
    expect(db.prepare("SELECT count(*) FROM spans WHERE label = 'HOSPITAL' AND status = 'suggested'").pluck().get()).toBe(1);
    expect(tagged(db, 'PERSON')).toHaveLength(1);
    redo(db);
    expect(tagged(db, 'HOSPITAL')).toHaveLength(50);
  });

  it('stops between batches when cancelled, and undo takes back what it did', async () => {
    const { db } = createTestProject();
    for (let i = 0; i < 30; i++) add(db, `d${i}`, `Item ${i} from Cho Ray Hospital.`);
    const controller = new AbortController();
    const report = await tagQueryMatches(db, {
      query: 'Cho Ray Hospital',
      label: 'HOSPITAL',
      annotator: 'lan',
      batchDocuments: 10,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.documentsDone === 10) controller.abort();
      },
    });
    expect(report).toMatchObject({ created: 10, documents: 10, cancelled: true });
    undo(db);
    expect(tagged(db, 'HOSPITAL')).toEqual([]);
  });

  it('runs from the contract: a preview, then a job of kind "tag"; the command line runs the same job', async () => {
    const { db, dbPath } = createTestProject();
    for (let i = 0; i < 3; i++) add(db, `d${i}`, `Nurse Lan of Bach Mai Hospital, case ${i}.`);
    const call = apiCaller(db, dbPath);
    expect(await refusal(call, 'search:tagPreview', { query: 'Bach Mai', label: 'NOPE' })).toMatch(/^failed: unknown label NOPE/);
    expect(await refusal(call, 'search:tag', { query: '   ', label: 'HOSPITAL', annotator: 'lan' })).toMatch(/^invalid_input/);
    const preview = await call('search:tagPreview', { query: 'Bach Mai Hospital', label: 'HOSPITAL' });
    expect(preview).toMatchObject({ places: 3, documents: 3 });
    const job = await jobFinished(call, (await call('search:tag', { query: 'Bach Mai Hospital', label: 'HOSPITAL', annotator: 'lan' })).jobId);
    expect(job).toMatchObject({ kind: 'tag', state: 'done', filesDone: 3, filesTotal: 3, summary: 'tagged 3 × "Bach Mai Hospital" as HOSPITAL in 3 documents' });
    expect((await call('history:undo', {})).description).toBe('tag 3 × "Bach Mai Hospital" as HOSPITAL in 3 documents');
    expect(await runJob(db, { kind: 'tag', query: 'lan', label: 'PERSON', annotator: 'minh' })).toMatchObject({ created: 3, documents: 3 });
  });
});
