/**
 * duplicates:get gives each member the accepted spans overlapping its passage,
 * in code points of the document, so the Duplicates view can show what a
 * transfer would copy. Invented sample text; an emoji before the passage makes
 * code points and UTF-16 indices differ.
 */
import { describe, expect, it } from 'vitest';
import { detectDuplicates } from '../../src/main/dedupe/detect.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { createSpan } from '../../src/main/store/spans.js';
import { apiCaller } from '../helpers/api.js';
import { createTestProject } from '../helpers/project.js';

const LIGHTHOUSE =
  'The keeper of the western lighthouse, Ansel Marrow, climbs the hundred and twelve steps every evening at six to light the lamp, ' +
  'and on foggy nights he sounds the horn every ninety seconds until the first trawler is home in the basin.';

/** Code point offsets of the first `needle` in `text`. */
function cpRange(text: string, needle: string): { startCp: number; endCp: number } {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  const startCp = [...text.slice(0, at)].length;
  return { startCp, endCp: startCp + [...needle].length };
}

describe('duplicates:get member spans', () => {
  it('returns the accepted spans overlapping each member, in code points of the document', async () => {
    const { db, dbPath } = createTestProject();
    const harbourText = `🌊⚓ Harbour gazette\n\n${LIGHTHOUSE}\n\nThe 🐟 market moves to the old quay on Friday, weather permitting.`;
    const coastText = `Coast notes\n\n${LIGHTHOUSE}\n\nNothing else to report this week.`;
    const harbour = insertDocument(db, { title: 'Harbour gazette', source: 'harbour.txt', text: harbourText, meta: {} }).id;
    const coast = insertDocument(db, { title: 'Coast notes', source: 'coast.txt', text: coastText, meta: {} }).id;
    await detectDuplicates(db);

    const name = cpRange(harbourText, 'Ansel Marrow');
    const evening = cpRange(harbourText, 'every evening');
    const horn = cpRange(harbourText, 'horn');
    const passage = cpRange(harbourText, LIGHTHOUSE);
    const gazette = cpRange(harbourText, 'Harbour gazette');
    const friday = cpRange(harbourText, 'Friday');
    const accepted = createSpan(db, { documentId: harbour, ...name, label: 'PERSON', annotator: 'lan' });
    // A span reaching over the passage's start overlaps it and is shown.
    const crossing = createSpan(db, { documentId: harbour, startCp: gazette.startCp, endCp: passage.startCp + 3, label: 'HOSPITAL', annotator: 'lan' });
    createSpan(db, { documentId: harbour, ...evening, label: 'DATE', annotator: '', status: 'suggested' });
    createSpan(db, { documentId: harbour, ...horn, label: 'DATE', annotator: 'lan', status: 'rejected' });
    createSpan(db, { documentId: harbour, ...friday, label: 'DATE', annotator: 'lan' });
    createSpan(db, { documentId: harbour, ...gazette, label: 'HOSPITAL', annotator: 'mai' });

    const call = apiCaller(db, dbPath);
    const page = await call('duplicates:list', { status: 'all' });
    const cluster = page.items.find((item) => item.members === 2 && item.documents === 2);
    expect(cluster).toBeDefined();
    const got = await call('duplicates:get', { id: cluster?.id as number });
    const inHarbour = got.memberList.find((member) => member.documentId === harbour);
    const inCoast = got.memberList.find((member) => member.documentId === coast);
    expect(inHarbour?.startCp).toBe(passage.startCp);
    expect(inHarbour?.spans).toEqual([
      { id: crossing?.id, startCp: gazette.startCp, endCp: passage.startCp + 3, label: 'HOSPITAL', status: 'accepted' },
      { id: accepted?.id, startCp: name.startCp, endCp: name.endCp, label: 'PERSON', status: 'accepted' },
    ]);
    // Offsets are the document's code points: sliced as code points, they spell the tagged words.
    const span = inHarbour?.spans[1];
    expect([...harbourText].slice(span?.startCp, span?.endCp).join('')).toBe('Ansel Marrow');
    expect(inCoast?.spans).toEqual([]);
  });

  it('with blind annotation shows each annotator only their own spans, and everyone\'s when asked', async () => {
    const { db, dbPath } = createTestProject();
    const harbourText = `Harbour gazette\n\n${LIGHTHOUSE}`;
    const coastText = `Coast notes\n\n${LIGHTHOUSE}\n\nNothing else to report this week.`;
    const harbour = insertDocument(db, { title: 'Harbour gazette', source: 'harbour.txt', text: harbourText, meta: {} }).id;
    insertDocument(db, { title: 'Coast notes', source: 'coast.txt', text: coastText, meta: {} });
    await detectDuplicates(db);
    const call = apiCaller(db, dbPath);
    await call('annotators:create', { name: 'lan' });
    await call('annotators:create', { name: 'mai' });
    createSpan(db, { documentId: harbour, ...cpRange(harbourText, 'Ansel Marrow'), label: 'PERSON', annotator: 'lan' });
    createSpan(db, { documentId: harbour, ...cpRange(harbourText, 'six'), label: 'DATE', annotator: 'mai' });
    const page = await call('duplicates:list', { status: 'all' });
    const id = page.items.find((item) => item.members === 2)?.id as number;
    const labels = async (input: { annotator?: string; everyone?: boolean }) =>
      (await call('duplicates:get', { id, ...input })).memberList.flatMap((member) => member.spans.map((span) => span.label));

    expect(await labels({ annotator: 'lan' })).toEqual(['PERSON']);
    expect(await labels({ annotator: 'mai' })).toEqual(['DATE']);
    expect(await labels({ annotator: 'lan', everyone: true })).toEqual(['PERSON', 'DATE']);
    expect(await labels({})).toEqual(['PERSON', 'DATE']);
    // Blind annotation turned off in the project: everyone sees everyone's.
    await call('settings:update', { blindAnnotation: false });
    expect(await labels({ annotator: 'mai' })).toEqual(['PERSON', 'DATE']);
  });
});
