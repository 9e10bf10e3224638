import { describe, expect, it } from 'vitest';
import { detectDuplicates } from '../../src/main/dedupe/detect.js';
import { decideDuplicateCluster } from '../../src/main/dedupe/review.js';
import { findNoise } from '../../src/main/import/noise.js';
import { optimizeAfterBulkWork, type Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import {
  CLUSTER_SHARES_PLACE_SQL,
  CLUSTERS_OF_KIND_EXIST_SQL,
  clusterMembers,
  clusterPage,
  CONTAINED_CLUSTER_OF_PASSAGE_CLUSTER_SQL,
} from '../../src/main/store/duplicates.js';
import { insertNoiseMarks } from '../../src/main/store/noise-marks.js';
import type { DuplicateKind } from '../../src/shared/model.js';
import { codePointLength } from '../../src/shared/offsets.js';
import { createTestProject } from '../helpers/project.js';
import { queryPlan } from '../helpers/query-plan.js';

/** The two sentences of the passage held by the others. */
const OPENED =
  'The district hospital in Son La opened a new maternity ward on Monday with forty beds and two operating rooms.';
const MOTHERS =
  'Mothers from the mountain communes no longer need to travel four hours by road to give birth in the provincial capital.';
const INSIDE = `${OPENED} ${MOTHERS}`;
/** Copies with a word changed: the same passage to a reader, one passage cluster, different shingle sets. */
const INSIDE_FIFTY = INSIDE.replace('forty beds', 'fifty beds');
const INSIDE_FIVE = INSIDE.replace('four hours', 'five hours');
const INSIDE_THREE = INSIDE.replace('two operating', 'three operating');
/** Paragraphs holding a copy, each adding enough of its own to stay far below the similarity threshold. */
const EXTRA_AFTER =
  'The ward was paid for by the province and a grant from a Japanese aid agency. ' +
  'Its doctors trained for six months at the national obstetrics hospital in Hanoi before it opened.';
const EXTRA_BEFORE = 'After years of complaints from village health workers, the province finally moved.';
const holderAfter = (inside: string): string => `${inside} ${EXTRA_AFTER}`;
const holderBefore = (inside: string): string => `${EXTRA_BEFORE} ${inside}`;
const holderAround = (inside: string): string =>
  `Officials cut a red ribbon in front of a crowd of nurses and families. ${inside} ` +
  'A second ward for newborns who need intensive care is planned for next year.';

/** Made-up words from a seeded generator: a paragraph of a document's own, like nothing else in the project. */
function ownParagraph(seed: number): string {
  let state = seed;
  const out: string[] = [];
  for (let i = 0; i < 40; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out.push(`w${(state >>> 8).toString(36)}`);
  }
  return out.join(' ');
}

interface Doc {
  readonly id: number;
  readonly text: string;
}

function addDocument(db: Db, title: string, paragraphs: readonly string[]): Doc {
  const text = [title, ...paragraphs].join('\n\n');
  const { id } = insertDocument(db, { title, source: `${title}.txt`, text, meta: {} });
  insertNoiseMarks(db, id, findNoise(text));
  return { id, text };
}

/** A member as [document, start, end], for the place of `part` in a document (in code points). */
function placeOf(document: Doc | undefined, part: string): [number, number, number] {
  const at = document?.text.indexOf(part) ?? -1;
  if (!document || at < 0) throw new Error(`"${part.slice(0, 20)}…" is not in the text`);
  const startCp = codePointLength(document.text.slice(0, at));
  return [document.id, startCp, startCp + codePointLength(part)];
}

function clustersOf(db: Db, kind: DuplicateKind): { id: number; status: string; members: [number, number, number][] }[] {
  return clusterPage(db, { status: 'all', kind, offset: 0, limit: 100 }).items.map((item) => ({
    id: item.id,
    status: item.status,
    members: clusterMembers(db, item.id).map((member): [number, number, number] => [member.documentId, member.startCp, member.endCp]),
  }));
}

/**
 * Three copies of a two-sentence passage (two with a word changed), held by
 * two copies of one longer paragraph and by one other paragraph, each holding
 * a different copy; every document also has a paragraph of its own, so
 * documents are not duplicates of each other. With `exact`, every copy is the
 * same text.
 */
function copiesProject(exact = false): { db: Db; docs: Doc[] } {
  const { db } = createTestProject();
  const [fifty, five] = exact ? [INSIDE, INSIDE] : [INSIDE_FIFTY, INSIDE_FIVE];
  const docs = [
    addDocument(db, 'Maternity ward opens', [INSIDE, ownParagraph(1)]),
    addDocument(db, 'New ward in Son La', [ownParagraph(2), fifty]),
    addDocument(db, 'Births closer to home', [five, ownParagraph(3)]),
    addDocument(db, 'Province pays for ward', [holderAfter(INSIDE), ownParagraph(4)]),
    addDocument(db, 'Aid for mothers', [ownParagraph(5), holderAfter(INSIDE)]),
    addDocument(db, 'Village health workers heard', [holderBefore(fifty), ownParagraph(6)]),
  ];
  return { db, docs };
}

describe('copies of a passage in sentence and contained clusters', () => {
  it('make one contained cluster for the copies, with one holder of each group of copies', async () => {
    const { db, docs } = copiesProject();
    const [d1, d2, d3, d4, d5, d6] = docs;
    const report = await detectDuplicates(db);
    // The copies of the passage are one passage cluster, the copies of the longer paragraph another.
    expect(clustersOf(db, 'passage').map((cluster) => cluster.members)).toEqual([
      [placeOf(d1, INSIDE), placeOf(d2, INSIDE_FIFTY), placeOf(d3, INSIDE_FIVE)],
      [placeOf(d4, holderAfter(INSIDE)), placeOf(d5, holderAfter(INSIDE))],
    ]);
    // Each copy lies inside each holder, yet the cluster is one: the first copy (copies are as long as each other),
    // the first copy of the longer paragraph and the other paragraph, each at the share of the copy it holds.
    expect(report.added).toMatchObject({ containedClusters: 1, containedMembers: 3 });
    const [cluster, ...others] = clustersOf(db, 'contained');
    expect(others).toEqual([]);
    expect(cluster?.members).toEqual([placeOf(d1, INSIDE), placeOf(d4, holderAfter(INSIDE)), placeOf(d6, holderBefore(INSIDE_FIFTY))]);
    expect(clusterMembers(db, cluster?.id as number).map((member) => member.similarity)).toEqual([1, 1, 1]);
  });

  it('make sentence clusters of one sentence per group of paragraphs', async () => {
    const { db, docs } = copiesProject(true);
    const [d1, , , d4, , d6] = docs;
    const report = await detectDuplicates(db);
    // Each sentence is in six paragraphs of three groups: the passage's copies, the longer paragraph's, the other.
    expect(report.added).toMatchObject({ passageClusters: 2, sentenceClusters: 2, sentences: 6 });
    expect(clustersOf(db, 'sentence').map((cluster) => cluster.members)).toEqual([
      [placeOf(d1, OPENED), placeOf(d4, OPENED), placeOf(d6, OPENED)],
      [placeOf(d1, MOTHERS), placeOf(d4, MOTHERS), placeOf(d6, MOTHERS)],
    ]);
  });

  it('add no cluster when new copies come, and the groups they bring to the clusters already there, decisions kept', async () => {
    const { db, docs } = copiesProject();
    await detectDuplicates(db);
    const [contained] = clustersOf(db, 'contained');
    decideDuplicateCluster(db, contained?.id as number, 'confirmed', 'mira');

    // Another copy of the passage, and a copy of the paragraph that held one alone: nothing new to say.
    const d7 = addDocument(db, 'Ward opens in Son La', [ownParagraph(7), INSIDE_THREE]);
    const d8 = addDocument(db, 'Health workers were heard', [holderBefore(INSIDE_FIFTY), ownParagraph(8)]);
    const copies = await detectDuplicates(db);
    expect(copies.added).toMatchObject({ passageClusters: 1, passages: 3, containedClusters: 0, containedMembers: 0 });
    expect(clustersOf(db, 'contained')).toEqual([{ ...contained, status: 'confirmed' }]);
    const passages = clustersOf(db, 'passage').map((cluster) => cluster.members);
    expect(passages[0]).toContainEqual(placeOf(d7, INSIDE_THREE));
    expect(passages).toContainEqual([placeOf(docs[5], holderBefore(INSIDE_FIFTY)), placeOf(d8, holderBefore(INSIDE_FIFTY))]);

    // A paragraph holding only the newest copy, no copy of a holder already there, joins the cluster: it is found
    // through the new copy's passage cluster.
    const d9 = addDocument(db, 'Ribbon cut', [holderAround(INSIDE_THREE), ownParagraph(9)]);
    const holder = await detectDuplicates(db);
    expect(holder.added).toMatchObject({ containedClusters: 0, containedMembers: 1 });
    const [after, ...others] = clustersOf(db, 'contained');
    expect(others).toEqual([]);
    expect(after).toEqual({ ...contained, status: 'confirmed', members: [...(contained?.members ?? []), placeOf(d9, holderAround(INSIDE_THREE))] });
    expect(clusterMembers(db, after?.id as number).at(-1)?.status).toBe('suggested');
  });

  it('add a sentence only for a paragraph group the cluster does not have yet', async () => {
    const { db, docs } = copiesProject(true);
    await detectDuplicates(db);
    const before = clustersOf(db, 'sentence');
    addDocument(db, 'Ward opens in Son La', [ownParagraph(7), INSIDE]);
    addDocument(db, 'Health workers were heard', [holderBefore(INSIDE), ownParagraph(8)]);
    const copies = await detectDuplicates(db);
    expect(copies.added).toMatchObject({ sentenceClusters: 0, sentences: 0 });
    expect(clustersOf(db, 'sentence')).toEqual(before);

    const d9 = addDocument(db, 'Ribbon cut', [holderAround(INSIDE), ownParagraph(9)]);
    const holder = await detectDuplicates(db);
    expect(holder.added).toMatchObject({ sentenceClusters: 0, sentences: 2 });
    expect(clustersOf(db, 'sentence').map((cluster) => cluster.members)).toEqual(
      before.map((cluster, i) => [...cluster.members, placeOf(d9, i === 0 ? OPENED : MOTHERS)]),
    );
    expect(docs).toHaveLength(6);
  });
});

describe('query plans of grouping by passage cluster', () => {
  it('find clusters of a kind, a contained cluster through a passage cluster, and a shared place by index', async () => {
    const { db } = copiesProject();
    for (let i = 0; i < 300; i++) addDocument(db, `Filler ${i}`, [ownParagraph(100 + i), i % 3 === 0 ? INSIDE : ownParagraph(1000 + i)]);
    await detectDuplicates(db);
    // Detection analyses what it wrote; a project whose statistics are gone is checked too.
    db.exec('DROP TABLE IF EXISTS sqlite_stat1; DROP TABLE IF EXISTS sqlite_stat4; ANALYZE sqlite_schema');
    for (const analysed of [false, true]) {
      if (analysed) optimizeAfterBulkWork(db);
      expect(queryPlan(db, CLUSTERS_OF_KIND_EXIST_SQL, 'contained')).toBe(
        ['SCAN CONSTANT ROW', 'SCALAR SUBQUERY 1', '  SEARCH duplicate_clusters USING COVERING INDEX duplicate_clusters_by_status (status=? AND kind=?)'].join('\n'),
      );
      // Through the passage cluster's members, each place looked up by document; the cluster row before the shortest-member check.
      expect(queryPlan(db, CONTAINED_CLUSTER_OF_PASSAGE_CLUSTER_SQL, 1)).toBe(
        [
          'SEARCH p USING COVERING INDEX sqlite_autoindex_duplicate_members_1 (cluster_id=?)',
          'SEARCH k USING INDEX duplicate_members_by_document (document_id=? AND start_cp=?)',
          // With statistics SQLite guards the cluster lookup with a Bloom filter; either way it is by rowid.
          ...(analysed ? ['BLOOM FILTER ON c (id=?)'] : []),
          'SEARCH c USING INTEGER PRIMARY KEY (rowid=?)',
          'CORRELATED SCALAR SUBQUERY 1',
          '  SEARCH o USING COVERING INDEX sqlite_autoindex_duplicate_members_1 (cluster_id=?)',
          'USE TEMP B-TREE FOR ORDER BY',
        ].join('\n'),
      );
      expect(queryPlan(db, CLUSTER_SHARES_PLACE_SQL, 1, 2)).toBe(
        [
          'SCAN CONSTANT ROW',
          'SCALAR SUBQUERY 1',
          '  SEARCH o USING COVERING INDEX sqlite_autoindex_duplicate_members_1 (cluster_id=?)',
          '  SEARCH m USING COVERING INDEX sqlite_autoindex_duplicate_members_1 (cluster_id=? AND document_id=? AND start_cp=? AND end_cp=?)',
        ].join('\n'),
      );
    }
  });
});
