import { describe, expect, it } from 'vitest';
import { detectDuplicates } from '../../src/main/dedupe/detect.js';
import { lineSentences } from '../../src/main/dedupe/sentences.js';
import { documentLines } from '../../src/main/dedupe/passages.js';
import { splitDuplicateCluster } from '../../src/main/dedupe/review.js';
import { findNoise } from '../../src/main/import/noise.js';
import { importPaths } from '../../src/main/import/pipeline.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { clusterMembers, clusterPage, duplicateSettings } from '../../src/main/store/duplicates.js';
import { insertNoiseMarks } from '../../src/main/store/noise-marks.js';
import type { DuplicateKind } from '../../src/shared/model.js';
import { codePointLength } from '../../src/shared/offsets.js';
import { join } from 'node:path';
import { exportToFile } from '../../src/main/export/export-file.js';
import { corpusFile } from '../helpers/corpus.js';
import { createTestProject } from '../helpers/project.js';

const SHARED =
  'Each ward has twelve dialysis machines, and nurses from the city hospital trained the local staff for a month before it opened.';
/** Astral characters (mathematical letters, an emoji) before the shared sentence, so code points and UTF-16 units part ways. */
const WARD =
  `𝓗𝓾𝓮 🩺 The provincial hospital opened its new wing on Monday after two years of building work. ${SHARED} ` +
  'Doctors expect the ward to be full by the end of the month, the director told the local paper.';
const FLOOD =
  'Rain flooded two wards of the district hospital last week, forcing staff to carry patients upstairs in the dark. ' +
  `${SHARED} The hospital has asked the province for money to repair the roof and the drains before the next storm.`;
const SCHOOL =
  'Pupils at the commune school were checked for poor eyesight this spring, and two hundred of them were given glasses free of charge. ' +
  'The programme will visit four more communes before the summer holidays.';
const QUOTE =
  `A retired nurse who worked on the ward for thirty years remembered the first machine arriving by boat. ${SHARED}`;

const HEADLINE = 'The provincial hospital opens a new kidney unit for two hundred dialysis patients in the highlands';
const LEAD =
  'QUANG NAM, March 3 (VNA) - The provincial hospital opens a new kidney unit for two hundred dialysis patients in the northern ' +
  'highlands this week, its director said.';
const BODY =
  'Patients from the mountain districts used to travel six hours by bus three times a week for treatment at the regional centre. ' +
  'The new unit was paid for by the province and a loan from a development bank.';

function addDocument(db: Db, title: string, lines: readonly string[]): { id: number; text: string } {
  const text = lines.join('\n\n');
  const { id } = insertDocument(db, { title, source: title, text, meta: {} });
  insertNoiseMarks(db, id, findNoise(text));
  return { id, text };
}

interface FoundCluster {
  readonly id: number;
  readonly kind: DuplicateKind;
  readonly similarity: number;
  readonly members: { documentId: number; startCp: number; endCp: number; text: string; similarity: number }[];
}

function clustersOf(db: Db, kind: DuplicateKind): FoundCluster[] {
  return clusterPage(db, { status: 'all', kind, offset: 0, limit: 500 }).items.map((item) => ({
    id: item.id,
    kind: item.kind,
    similarity: item.similarity,
    members: clusterMembers(db, item.id).map(({ documentId, startCp, endCp, text, similarity }) => ({ documentId, startCp, endCp, text, similarity })),
  }));
}

/** Where `part` starts in `text`, in code points (the n-th occurrence). */
function startCpOf(text: string, part: string, occurrence = 0): number {
  let at = -1;
  for (let n = 0; n <= occurrence; n++) at = text.indexOf(part, at + 1);
  if (at < 0) throw new Error(`"${part.slice(0, 20)}…" is not in the text`);
  return codePointLength(text.slice(0, at));
}

describe('sentence splitting', () => {
  it('ends sentences at full stops before capitals, but not after initials or titles', () => {
    const text = 'Dr. Lan of Hospital No. 2 saw patient T.V.H. on Monday. He is well! "Good," she said? Yes… and more.';
    const [line] = documentLines(text, []);
    const sentences = lineSentences(text, line as never).map((sentence) => text.slice(sentence.startCp, sentence.endCp));
    expect(sentences).toEqual(['Dr. Lan of Hospital No. 2 saw patient T.V.H. on Monday.', 'He is well!', '"Good," she said?', 'Yes… and more.']);
  });
});

describe('sentences repeated inside longer paragraphs', () => {
  it('links a sentence repeated in paragraphs of two documents and of the same one, at its own code point offsets', async () => {
    const { db } = createTestProject();
    const a = addDocument(db, 'ward', ['Ward news', WARD, SCHOOL, QUOTE]);
    const b = addDocument(db, 'flood', ['Flood news', FLOOD]);
    const report = await detectDuplicates(db);
    expect(report.added).toMatchObject({ sentenceClusters: 1, sentences: 3, passageClusters: 0 });
    const [cluster, ...others] = clustersOf(db, 'sentence');
    expect(others).toEqual([]);
    // The astral characters before it make UTF-16 offsets differ from code points: the members are in code points.
    expect(startCpOf(a.text, SHARED)).not.toBe(a.text.indexOf(SHARED));
    expect(cluster?.similarity).toBe(1);
    expect(cluster?.members).toEqual([
      { documentId: a.id, startCp: startCpOf(a.text, SHARED), endCp: startCpOf(a.text, SHARED) + codePointLength(SHARED), text: SHARED, similarity: 1 },
      { documentId: a.id, startCp: startCpOf(a.text, SHARED, 1), endCp: startCpOf(a.text, SHARED, 1) + codePointLength(SHARED), text: SHARED, similarity: 1 },
      { documentId: b.id, startCp: startCpOf(b.text, SHARED), endCp: startCpOf(b.text, SHARED) + codePointLength(SHARED), text: SHARED, similarity: 1 },
    ]);

    // A later document quoting it in a paragraph of its own joins the same cluster; its copy of b's paragraph (a few
    // words changed) joins b's in a passage cluster, and b's sentence stands for it. A run with nothing new adds nothing.
    const c = addDocument(db, 'later', [
      'Later news',
      FLOOD.replace('Rain flooded two wards', 'Storms flooded three wards'),
      `The health department sent two engineers to inspect every ward of the province before the rainy season. ${SHARED}`,
    ]);
    const later = await detectDuplicates(db);
    expect(later.added).toMatchObject({ sentenceClusters: 0, sentences: 1, passageClusters: 1 });
    expect(clustersOf(db, 'sentence')[0]?.members.map((member) => [member.documentId, member.startCp])).toEqual([
      [a.id, startCpOf(a.text, SHARED)],
      [a.id, startCpOf(a.text, SHARED, 1)],
      [b.id, startCpOf(b.text, SHARED)],
      [c.id, startCpOf(c.text, SHARED, 1)],
    ]);
    const again = await detectDuplicates(db);
    expect(again.added.sentences + again.added.clusters).toBe(0);
  });

  it('leaves a repeated sentence shorter than the minimum length alone, and links it at a lower one', async () => {
    const { db } = createTestProject();
    const short = 'The clinic opened on Monday.';
    addDocument(db, 'a', ['One', `${short} ${SCHOOL}`]);
    addDocument(db, 'b', ['Two', `${BODY} ${short}`]);
    await detectDuplicates(db);
    expect(clustersOf(db, 'sentence')).toEqual([]);
    await detectDuplicates(db, { minChars: 20 });
    expect(clustersOf(db, 'sentence').map((cluster) => cluster.members.map((member) => member.text))).toEqual([[short, short]]);
  });

  it('adds no sentence cluster when the paragraphs holding the copies are already one passage cluster', async () => {
    const { db } = createTestProject();
    addDocument(db, 'a', ['One', WARD, SCHOOL]);
    addDocument(db, 'b', ['Two', WARD.replace('Monday', 'Tuesday'), BODY]);
    const report = await detectDuplicates(db);
    expect(report.added).toMatchObject({ passageClusters: 1, sentenceClusters: 0 });
  });
});

describe('passages contained in longer ones', () => {
  it('links a headline re-worded into the first paragraph as contained in it, with its own threshold', async () => {
    const { db } = createTestProject();
    const doc = addDocument(db, 'kidney', [HEADLINE, LEAD, BODY]);
    const report = await detectDuplicates(db);
    expect(report.containment).toBe(0.8);
    expect(report.added).toMatchObject({ containedClusters: 1, containedMembers: 2, passageClusters: 0 });
    const [cluster] = clustersOf(db, 'contained');
    expect(cluster?.members.map(({ startCp, endCp }) => [startCp, endCp])).toEqual([
      [0, codePointLength(HEADLINE)],
      [startCpOf(doc.text, LEAD), startCpOf(doc.text, LEAD) + codePointLength(LEAD)],
    ]);
    // Most of the headline, not all of it: one of its three-word shingles is not in the lead.
    expect(cluster?.similarity).toBeGreaterThanOrEqual(0.8);
    expect(cluster?.similarity).toBeLessThan(1);
    expect(duplicateSettings(db)?.containment).toBe(0.8);

    // Splitting the lead off leaves two clusters measured again.
    const lead = clusterMembers(db, cluster?.id as number).find((member) => member.startCp > 0);
    const split = splitDuplicateCluster(db, cluster?.id as number, [lead?.id as number]);
    expect(split.kept.similarity).toBe(1);
  });

  it('does not link it when the share contained is below the containment asked for', async () => {
    const { db } = createTestProject();
    addDocument(db, 'kidney', [HEADLINE, LEAD, BODY]);
    const strict = await detectDuplicates(db, { containment: 0.95 });
    expect(strict.added.containedClusters).toBe(0);
    expect(clustersOf(db, 'contained')).toEqual([]);
    expect(duplicateSettings(db)?.containment).toBe(0.95);
    // A lower containment than the last run's compares everything again.
    const looser = await detectDuplicates(db, { containment: 0.8 });
    expect(looser.documentsChecked).toBe(1);
    expect(clustersOf(db, 'contained')).toHaveLength(1);
  });

  it('links a short passage found in a paragraph many times its length through the containment anchors', async () => {
    const { db } = createTestProject();
    const long = `${BODY} ${SCHOOL} ${HEADLINE}, officials said at a ceremony attended by hundreds of villagers. ${FLOOD}`;
    addDocument(db, 'a', ['One', HEADLINE, SCHOOL.replace('spring', 'winter')]);
    addDocument(db, 'b', ['Two', long]);
    await detectDuplicates(db);
    const [cluster] = clustersOf(db, 'contained');
    expect(cluster?.members.map((member) => member.text)).toEqual([HEADLINE, long]);
    expect(cluster?.similarity).toBe(1);
  });

  it('does not call two versions of one passage contained in each other', async () => {
    const { db } = createTestProject();
    addDocument(db, 'a', ['One', WARD]);
    addDocument(db, 'b', ['Two', WARD.replace('opened its new wing on Monday', 'finished its wing this week')]);
    await detectDuplicates(db, { threshold: 0.95 });
    expect(clustersOf(db, 'contained')).toEqual([]);
  });
});

describe('sentence and contained clusters in a project bundle', () => {
  it('carry their kinds, places and decisions into another project', async () => {
    const source = createTestProject();
    addDocument(source.db, 'ward', ['Ward news', WARD, SCHOOL]);
    addDocument(source.db, 'flood', ['Flood news', FLOOD]);
    addDocument(source.db, 'kidney', [HEADLINE, LEAD, BODY]);
    await detectDuplicates(source.db);
    const places = (db: Db) =>
      (['sentence', 'contained'] as const).map((kind) => clustersOf(db, kind).map((cluster) => cluster.members.map(({ startCp, endCp, text }) => [startCp, endCp, text])));
    const before = places(source.db);
    expect(before.map((clusters) => clusters.length)).toEqual([1, 1]);
    const bundle = join(source.dir, 'hand-over.marginalia');
    await exportToFile(source.db, bundle, { format: 'bundle' });

    const fresh = createTestProject();
    const report = await importPaths(fresh.db, [bundle]);
    expect(report.duplicateClustersAdded).toBe(2);
    expect(places(fresh.db)).toEqual(before);
  });
});

describe('sentences and containment in the shared corpus', () => {
  it('links 003’s headline as contained in its first paragraph, and a sentence whose paragraphs are not duplicates at a strict threshold', async () => {
    const prefixes = ['000_', '001_', '002_', '003_', '004_'];
    const load = async (): Promise<{ db: Db; ids: Record<string, number> }> => {
      const { db } = createTestProject();
      await importPaths(db, prefixes.map(corpusFile));
      const rows = db.prepare('SELECT id, source FROM documents').all() as { id: number; source: string }[];
      const ids = Object.fromEntries(prefixes.map((prefix) => [prefix, rows.find((row) => row.source.includes(`/${prefix}`))?.id as number]));
      return { db, ids };
    };

    const { db, ids } = await load();
    await detectDuplicates(db);
    const contained = clustersOf(db, 'contained');
    expect(contained).toHaveLength(1);
    const [headline, lead] = contained[0]?.members ?? [];
    expect(headline?.documentId).toBe(ids['003_']);
    expect(lead?.documentId).toBe(ids['003_']);
    expect(headline?.startCp).toBe(0);
    expect(headline?.text).toContain('Moscow');
    expect((lead?.startCp ?? 0) > (headline?.endCp ?? 0)).toBe(true);
    expect((lead?.text.length ?? 0) > (headline?.text.length ?? 0)).toBe(true);
    expect(contained[0]?.similarity).toBeGreaterThanOrEqual(0.8);
    // Every sentence the corpus repeats lies in paragraphs already linked as passages.
    expect(clustersOf(db, 'sentence')).toEqual([]);

    // Stricter, 001's reworded paragraph is no longer a passage duplicate: the sentence they share is linked on its own.
    const strict = await load();
    await detectDuplicates(strict.db, { threshold: 0.95 });
    const sentences = clustersOf(strict.db, 'sentence');
    expect(sentences).toHaveLength(1);
    const members = sentences[0]?.members ?? [];
    // 003 has it too, in a paragraph that is still a passage duplicate of 001's first: that copy stands for it.
    expect(members.map((member) => member.documentId)).toEqual([strict.ids['001_'], strict.ids['001_']]);
    const holding = clustersOf(strict.db, 'passage').find((cluster) =>
      cluster.members.some((member) => member.documentId === members[0]?.documentId && member.startCp <= (members[0]?.startCp ?? 0) && member.endCp >= (members[0]?.endCp ?? 0)),
    );
    expect(holding?.members.map((member) => member.documentId)).toEqual([strict.ids['001_'], strict.ids['003_']]);
    expect(holding?.members[1]?.text).toContain(members[0]?.text);
    expect(new Set(members.map((member) => member.text)).size).toBe(1);
    expect(members[0]?.text).toContain('bed capacity');
    // Each lies inside a longer paragraph: the text before it on its line is another sentence.
    const texts = strict.db.prepare('SELECT id, text FROM documents').all() as { id: number; text: string }[];
    for (const member of members) {
      const text = [...(texts.find((row) => row.id === member.documentId)?.text ?? '')];
      expect(text[member.startCp - 1]).toBe(' ');
      expect(text.slice(member.startCp, member.endCp).join('')).toBe(member.text);
    }
  });
});
