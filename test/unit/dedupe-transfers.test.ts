import { describe, expect, it } from 'vitest';
import { tagSpan } from '../../src/main/annotate/span-edits.js';
import { alignTexts } from '../../src/main/dedupe/alignment.js';
import { detectDuplicates } from '../../src/main/dedupe/detect.js';
import { decideDuplicateCluster } from '../../src/main/dedupe/review.js';
import { applyTransfers, planTransfers } from '../../src/main/dedupe/transfers.js';
import { blindAnnotationOn } from '../../src/main/annotate/blind-annotation.js';
import { addAnnotator } from '../../src/main/store/annotators.js';
import { findNoise } from '../../src/main/import/noise.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { clusterPage } from '../../src/main/store/duplicates.js';
import { historyState, undo } from '../../src/main/store/history.js';
import { insertNoiseMarks } from '../../src/main/store/noise-marks.js';
import { spansInDocument } from '../../src/main/store/spans.js';
import { createTestProject } from '../helpers/project.js';

const STORY = (day: string) =>
  `Doctors 🙂 said on ${day} that Bach Mai Hospital admitted forty patients with dengue fever during the flood, ` +
  'and many more were treated at home by volunteers who came from the city with medicines, mosquito nets and clean water for every family in the lower wards.';

const TEXT_A = `Flood report\n\n${STORY('Monday')}`;
const TEXT_B = `🏥🏥 Ward news 🏥\n\n${STORY('Tuesday')}\n\nA closing line about something else entirely, long enough to count as a paragraph of its own.`;
const TEXT_C = `Another 🌊 copy\n${STORY('Monday')}`;

function addDocument(db: Db, title: string, text: string): number {
  const { id } = insertDocument(db, { title, source: title, text, meta: {} });
  insertNoiseMarks(db, id, findNoise(text));
  return id;
}

/** Code point offsets of the `nth` occurrence of `needle` in `text`. */
function cp(text: string, needle: string, nth = 0): { startCp: number; endCp: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`"${needle}" not found`);
  const startCp = [...text.slice(0, at)].length;
  return { startCp, endCp: startCp + [...needle].length };
}

async function confirmedProject() {
  const { db } = createTestProject();
  const a = addDocument(db, 'a', TEXT_A);
  const b = addDocument(db, 'b', TEXT_B);
  const c = addDocument(db, 'c', TEXT_C);
  await detectDuplicates(db);
  const clusters = clusterPage(db, { status: 'all', kind: 'passage', offset: 0, limit: 10 }).items;
  expect(clusters).toHaveLength(1);
  const clusterId = (clusters[0] as { id: number }).id;
  decideDuplicateCluster(db, clusterId, 'confirmed', 'lan');
  const tag = (documentId: number, text: string, needle: string, label: string) =>
    tagSpan(db, { documentId, ...cp(text, needle), label, annotator: 'lan' });
  return { db, a, b, c, clusterId, tag };
}

describe('alignment', () => {
  it('maps inside unchanged stretches only', () => {
    const source = 'On Monday 🙂 the Hue Central Hospital treated 30 people.';
    const target = 'On Tuesday 🙂 the Hue Central Hospital treated 30 people.';
    const alignment = alignTexts(source, target);
    const start = source.indexOf('Hue');
    const end = start + 'Hue Central Hospital'.length;
    const mapped = alignment?.map(start, end);
    expect(mapped && target.slice(mapped[0], mapped[1])).toBe('Hue Central Hospital');
    expect(alignment?.map(3, 9)).toBeNull();
    expect(alignment?.map(0, 12)).toBeNull();
    expect(alignTexts(source, source)?.map(3, 9)).toEqual([3, 9]);
  });
});

describe('annotate once', () => {
  it('offers spans at the aligned code point offsets, not changed words or spans crossing a change', async () => {
    const { db, a, b, c, clusterId, tag } = await confirmedProject();
    const hospital = tag(a, TEXT_A, 'Bach Mai Hospital', 'HOSPITAL');
    tag(a, TEXT_A, 'Monday', 'DATE');
    tag(a, TEXT_A, 'said on Monday that', 'PERSON');
    const figure = tag(a, TEXT_A, 'forty patients', 'FIGURE');
    // B already has the figure: it is not offered again.
    tag(b, TEXT_B, 'forty patients', 'FIGURE');

    const offers = planTransfers(db, clusterId);
    expect(offers).toEqual([
      { fromSpanId: hospital.id, documentId: b, documentTitle: 'b', ...cp(TEXT_B, 'Bach Mai Hospital'), label: 'HOSPITAL', text: 'Bach Mai Hospital' },
      expect.objectContaining({ documentId: c, ...cp(TEXT_C, 'said on Monday that'), label: 'PERSON' }),
      expect.objectContaining({ documentId: c, ...cp(TEXT_C, 'Monday'), label: 'DATE' }),
      { fromSpanId: hospital.id, documentId: c, documentTitle: 'c', ...cp(TEXT_C, 'Bach Mai Hospital'), label: 'HOSPITAL', text: 'Bach Mai Hospital' },
      { fromSpanId: figure.id, documentId: c, documentTitle: 'c', ...cp(TEXT_C, 'forty patients'), label: 'FIGURE', text: 'forty patients' },
    ]);
    // The emoji before the span shift code points and UTF-16 differently; the offer is in code points.
    expect(cp(TEXT_B, 'Bach Mai Hospital').startCp).toBe(TEXT_B.indexOf('Bach Mai Hospital') - 4);
  });

  it('carries spans from any member, and refuses a cluster that is not confirmed', async () => {
    const { db, a, b, c, clusterId, tag } = await confirmedProject();
    tag(b, TEXT_B, 'Tuesday', 'DATE');
    tag(b, TEXT_B, 'clean water', 'FIGURE');
    const offers = planTransfers(db, clusterId);
    expect(offers.map((offer) => [offer.documentId, offer.label, offer.text])).toEqual([
      [a, 'FIGURE', 'clean water'],
      [c, 'FIGURE', 'clean water'],
    ]);
    decideDuplicateCluster(db, clusterId, 'suggested', 'lan');
    expect(() => planTransfers(db, clusterId)).toThrow(/is suggested: confirm it/);
    expect(() => planTransfers(db, 4242)).toThrow(/does not exist/);
  });

  it('applies the offers as one edit that one undo takes back', async () => {
    const { db, a, b, c, clusterId, tag } = await confirmedProject();
    tag(a, TEXT_A, 'Bach Mai Hospital', 'HOSPITAL');
    tag(a, TEXT_A, 'forty patients', 'FIGURE');
    expect(planTransfers(db, clusterId)).toHaveLength(4);

    expect(applyTransfers(db, clusterId, 'lan', [{ fromSpanId: 999, documentId: b, startCp: 0, endCp: 3 }])).toBe(0);
    const [first] = planTransfers(db, clusterId);
    expect(applyTransfers(db, clusterId, 'lan', first ? [first] : [])).toBe(1);
    expect(applyTransfers(db, clusterId, 'lan')).toBe(3);
    expect(planTransfers(db, clusterId)).toEqual([]);
    const carried = [...spansInDocument(db, b), ...spansInDocument(db, c)];
    expect(carried.map((span) => [span.documentId, span.label, span.annotator, span.status])).toEqual([
      [b, 'HOSPITAL', 'lan', 'accepted'],
      [b, 'FIGURE', 'lan', 'accepted'],
      [c, 'HOSPITAL', 'lan', 'accepted'],
      [c, 'FIGURE', 'lan', 'accepted'],
    ]);

    expect(undo(db)).toMatchObject({ applied: true, description: `carry 3 spans across duplicate cluster ${clusterId}` });
    expect(spansInDocument(db, b).length + spansInDocument(db, c).length).toBe(1);
    expect(undo(db).description).toBe(`carry 1 span across duplicate cluster ${clusterId}`);
    expect(spansInDocument(db, b).length + spansInDocument(db, c).length).toBe(0);
    expect(spansInDocument(db, a)).toHaveLength(2);
    expect(historyState(db).canRedo).toBe(true);
  });

  it('with blind annotation, carries only the annotator\'s own spans, and lets them tag what a colleague already has', async () => {
    const { db, a, b, clusterId, tag } = await confirmedProject();
    tag(a, TEXT_A, 'Bach Mai Hospital', 'HOSPITAL');
    addAnnotator(db, { name: 'lan' });
    addAnnotator(db, { name: 'minh' });
    expect(blindAnnotationOn(db)).toBe(true);
    tagSpan(db, { documentId: a, ...cp(TEXT_A, 'forty patients'), label: 'FIGURE', annotator: 'minh' });

    const forLan = planTransfers(db, clusterId, 'lan').map((offer) => offer.label);
    expect(forLan.length).toBeGreaterThan(0);
    expect(new Set(forLan)).toEqual(new Set(['HOSPITAL']));
    const forMinh = planTransfers(db, clusterId, 'minh').map((offer) => offer.label);
    expect(new Set(forMinh)).toEqual(new Set(['FIGURE']));
    // Unnamed (the CLI's whole-project look): everyone's spans, as before.
    expect(new Set(planTransfers(db, clusterId).map((offer) => offer.label))).toEqual(new Set(['HOSPITAL', 'FIGURE']));

    // lan's spans in b do not count as taken for minh: minh may tag the same place under their own name.
    applyTransfers(db, clusterId, 'lan');
    const inB = spansInDocument(db, b).filter((span) => span.label === 'HOSPITAL');
    expect(inB.map((span) => span.annotator)).toEqual(['lan']);
    tagSpan(db, { documentId: a, ...cp(TEXT_A, 'Bach Mai Hospital'), label: 'HOSPITAL', annotator: 'minh' });
    expect(planTransfers(db, clusterId, 'minh').some((offer) => offer.documentId === b && offer.label === 'HOSPITAL')).toBe(true);
    applyTransfers(db, clusterId, 'minh');
    expect(spansInDocument(db, b).filter((span) => span.label === 'HOSPITAL').map((span) => span.annotator).sort()).toEqual(['lan', 'minh']);
    // minh applying never copied lan's spans under minh's name, nor lan minh's.
    expect(spansInDocument(db, b).filter((span) => span.label === 'FIGURE').map((span) => span.annotator)).toEqual(['minh']);
  });
});
