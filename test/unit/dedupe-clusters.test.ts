import { describe, expect, it } from 'vitest';
import { detectDuplicates } from '../../src/main/dedupe/detect.js';
import { decideDuplicateCluster, splitDuplicateCluster } from '../../src/main/dedupe/review.js';
import { findNoise } from '../../src/main/import/noise.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { clusterMembers, clusterPage, clusterSummary, duplicateMarksInDocument } from '../../src/main/store/duplicates.js';
import { insertNoiseMarks } from '../../src/main/store/noise-marks.js';
import { codePointLength } from '../../src/shared/offsets.js';
import { apiCaller, jobFinished, refusal } from '../helpers/api.js';
import { writeFiles } from '../helpers/files.js';
import { createTestProject } from '../helpers/project.js';

const MEASLES =
  'Nurses at the district clinic vaccinated 312 children against measles on Saturday, and the head nurse said more doses arrive next week. ' +
  'Parents queued from dawn, and the clinic stayed open until every child on the list had been seen.';
const DIALYSIS =
  'The provincial health department opened a second dialysis ward after patients waited months for treatment, officials told reporters. ' +
  'Each ward has twelve machines, and nurses from the city hospital trained the local staff for a month before it opened.';
const DIALYSIS_EDITED = DIALYSIS.replace('a second', 'a third');
const DRAINS =
  'Volunteers from three communes cleaned drainage ditches to stop mosquitoes breeding before the rainy season, the local council said. ' +
  'Schools sent older pupils to help, and the council paid for the lorries that took the rubbish away.';
const FERRY =
  'A floating clinic on the river ferry now visits eleven island hamlets every fortnight with a doctor, two nurses and a pharmacist. ' +
  'Fishermen who once lost a day of work to see a doctor can now be examined at the landing stage.';
const CLINIC =
  'The commune health station installed solar panels on its roof this spring, so the vaccine fridge keeps running through power cuts. ' +
  'The head of the station said the panels paid for themselves within a year of savings on diesel.';

function addDocument(db: Db, title: string, lines: readonly string[]): number {
  const text = lines.join('\n\n');
  const { id } = insertDocument(db, { title, source: title, text, meta: {} });
  insertNoiseMarks(db, id, findNoise(text));
  return id;
}

function summaries(db: Db) {
  return clusterPage(db, { status: 'all', offset: 0, limit: 100 }).items;
}

/** The cluster holding a member whose text starts with `start`. */
function clusterWith(db: Db, start: string) {
  const found = summaries(db).find((item) => clusterMembers(db, item.id).some((member) => member.text.startsWith(start)));
  if (!found) throw new Error(`no cluster holds "${start}"`);
  return { ...found, memberList: clusterMembers(db, found.id) };
}

describe('incremental detection', () => {
  it('clusters exact and near repeats, and a second run adds nothing', async () => {
    const { db } = createTestProject();
    const a = addDocument(db, 'a', ['Clinic news', MEASLES, DIALYSIS, MEASLES]);
    const b = addDocument(db, 'b', ['Ward news', DIALYSIS_EDITED, DRAINS]);
    const first = await detectDuplicates(db);
    expect(first).toMatchObject({ documentsFingerprinted: 2, documentsChecked: 2, cancelled: false });
    expect(first.added).toMatchObject({ clusters: 2, passageClusters: 2, passages: 4, documents: 2 });

    const measles = clusterWith(db, 'Nurses at');
    expect(measles.memberList.map((member) => member.documentId)).toEqual([a, a]);
    expect(measles.similarity).toBe(1);
    const dialysis = clusterWith(db, 'The provincial');
    expect(dialysis.memberList.map((member) => member.documentId)).toEqual([a, b]);
    expect(dialysis.similarity).toBeGreaterThanOrEqual(0.8);
    expect(dialysis.similarity).toBeLessThan(1);

    const again = await detectDuplicates(db);
    expect(again).toMatchObject({ documentsFingerprinted: 0, documentsChecked: 0 });
    expect(again.added.clusters + again.added.passages).toBe(0);
    expect(summaries(db)).toHaveLength(2);
  });

  it('lets a new document join a decided cluster as a pending member, keeping the decision', async () => {
    const { db } = createTestProject();
    addDocument(db, 'a', ['Clinic news', MEASLES, DIALYSIS, MEASLES]);
    await detectDuplicates(db);
    const measles = clusterWith(db, 'Nurses at');
    decideDuplicateCluster(db, measles.id, 'confirmed', 'lan');

    const c = addDocument(db, 'c', ['Later news', FERRY, MEASLES]);
    const report = await detectDuplicates(db);
    expect(report).toMatchObject({ documentsFingerprinted: 1, documentsChecked: 1 });
    expect(report.added).toMatchObject({ clusters: 0, passages: 1, documents: 1 });
    const after = clusterSummary(db, measles.id);
    expect(after).toMatchObject({ status: 'confirmed', decidedBy: 'lan', members: 3, documents: 2, pendingMembers: 1 });
    const joined = clusterMembers(db, measles.id).find((member) => member.documentId === c);
    expect(joined?.status).toBe('suggested');
    expect(summaries(db)).toHaveLength(1);

    decideDuplicateCluster(db, measles.id, 'confirmed', 'minh');
    expect(clusterSummary(db, measles.id)).toMatchObject({ pendingMembers: 0, decidedBy: 'minh' });
  });

  it('joins an old passage that had no twin before into a new cluster', async () => {
    const { db } = createTestProject();
    const a = addDocument(db, 'a', ['Clinic news', FERRY, DRAINS]);
    await detectDuplicates(db);
    expect(summaries(db)).toHaveLength(0);
    const b = addDocument(db, 'b', ['Island news', FERRY]);
    await detectDuplicates(db);
    const ferry = clusterWith(db, 'A floating');
    expect(ferry.memberList.map((member) => member.documentId)).toEqual([a, b]);
    expect(ferry.status).toBe('suggested');
  });

  it('links near-duplicate whole documents', async () => {
    const { db } = createTestProject();
    const a = addDocument(db, 'a', ['Health round-up', MEASLES, DIALYSIS, DRAINS, FERRY]);
    const b = addDocument(db, 'b', ['Health round-up', MEASLES, DIALYSIS_EDITED, DRAINS, FERRY]);
    await detectDuplicates(db);
    const documents = clusterPage(db, { status: 'all', kind: 'document', offset: 0, limit: 10 }).items;
    expect(documents).toHaveLength(1);
    const members = clusterMembers(db, (documents[0] as { id: number }).id);
    expect(members.map((member) => [member.documentId, member.startCp])).toEqual([
      [a, 0],
      [b, 0],
    ]);
    expect(members[1]?.endCp).toBe(codePointLength([['Health round-up', MEASLES, DIALYSIS_EDITED, DRAINS, FERRY].join('\n\n')].join('')));
  });

  it('leaves a cancelled run for the next one to finish', async () => {
    const { db } = createTestProject();
    addDocument(db, 'a', ['Clinic news', MEASLES, MEASLES]);
    const controller = new AbortController();
    const cancelled = await detectDuplicates(db, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'comparing') controller.abort();
      },
    });
    expect(cancelled.cancelled).toBe(true);
    expect(summaries(db)).toHaveLength(0);
    const finished = await detectDuplicates(db);
    expect(finished).toMatchObject({ documentsFingerprinted: 0, documentsChecked: 1 });
    expect(summaries(db)).toHaveLength(1);
  });

  it('compares everything again at a lower threshold, and fingerprints again for another minimum length', async () => {
    const { db } = createTestProject();
    const loose = DIALYSIS.replace('opened a second dialysis ward', 'set up two more kidney units');
    addDocument(db, 'a', ['One', DIALYSIS]);
    addDocument(db, 'b', ['Two', loose]);
    await detectDuplicates(db, { threshold: 0.9 });
    // Only the second sentence, the same in both, is linked.
    expect(summaries(db).map((item) => item.kind)).toEqual(['sentence']);
    const lower = await detectDuplicates(db, { threshold: 0.5 });
    expect(lower.documentsChecked).toBe(2);
    // The passages, and the two documents they make up.
    expect(summaries(db).map((item) => item.kind).sort()).toEqual(['document', 'passage', 'sentence']);
    const refingerprinted = await detectDuplicates(db, { minChars: 100 });
    expect(refingerprinted).toMatchObject({ documentsFingerprinted: 2, threshold: 0.5, minChars: 100 });
    expect(refingerprinted.added.clusters + refingerprinted.added.passages).toBe(0);
    expect(summaries(db)).toHaveLength(3);
  });
});

describe('review', () => {
  async function project() {
    const { db } = createTestProject();
    const a = addDocument(db, 'a', ['Clinic news', MEASLES, DIALYSIS]);
    const b = addDocument(db, 'b', ['Ward news', MEASLES, DRAINS, CLINIC, DIALYSIS_EDITED]);
    const c = addDocument(db, 'c', ['Island news', MEASLES, FERRY]);
    await detectDuplicates(db);
    return { db, a, b, c };
  }

  it('decides a cluster and every member with it, recording who decided', async () => {
    const { db } = await project();
    const measles = clusterWith(db, 'Nurses at');
    const rejected = decideDuplicateCluster(db, measles.id, 'rejected', 'lan');
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: 'lan', members: 3, pendingMembers: 0 });
    expect(rejected.decidedAt).not.toBeNull();
    expect(clusterMembers(db, measles.id).every((member) => member.status === 'rejected')).toBe(true);
    expect(decideDuplicateCluster(db, measles.id, 'suggested', 'lan')).toMatchObject({ status: 'suggested', decidedBy: null, decidedAt: null });
    expect(() => decideDuplicateCluster(db, 999, 'confirmed', 'lan')).toThrow(/cluster 999 does not exist/);
  });

  it('splits members off into a new suggested cluster, but never all of them', async () => {
    const { db, c } = await project();
    const measles = clusterWith(db, 'Nurses at');
    decideDuplicateCluster(db, measles.id, 'confirmed', 'lan');
    const moving = measles.memberList.find((member) => member.documentId === c);
    const { kept, created } = splitDuplicateCluster(db, measles.id, [moving?.id as number]);
    expect(kept).toMatchObject({ id: measles.id, status: 'confirmed', members: 2, similarity: 1 });
    expect(created).toMatchObject({ status: 'suggested', members: 1, similarity: 1, decidedBy: null });
    expect(clusterMembers(db, created.id).map((member) => [member.documentId, member.status])).toEqual([[c, 'suggested']]);
    const all = measles.memberList.map((member) => member.id);
    expect(() => splitDuplicateCluster(db, measles.id, all)).toThrow(/member/);
    expect(() => splitDuplicateCluster(db, measles.id, all.slice(0, 2))).toThrow(/leave at least one/);
    expect(() => splitDuplicateCluster(db, created.id, [all[0] as number])).toThrow(/not in duplicate cluster/);
  });

  it('measures similarities again after a split', async () => {
    const { db } = createTestProject();
    addDocument(db, 'a', ['One', DIALYSIS, DIALYSIS_EDITED, DIALYSIS]);
    await detectDuplicates(db);
    const dialysis = clusterWith(db, 'The provincial');
    expect(dialysis.similarity).toBeLessThan(1);
    const edited = dialysis.memberList.find((member) => member.text === DIALYSIS_EDITED);
    const { kept } = splitDuplicateCluster(db, dialysis.id, [edited?.id as number]);
    expect(kept.similarity).toBe(1);
  });

  it('gives gutter marks with the other documents and members, leaving rejected ones out', async () => {
    const { db, a, b, c } = await project();
    const marks = duplicateMarksInDocument(db, a);
    expect(marks.map((mark) => [mark.kind, mark.otherDocuments, mark.otherMembers])).toEqual([
      ['passage', 2, 2],
      ['passage', 1, 1],
    ]);
    const measles = clusterWith(db, 'Nurses at');
    const mark = marks[0];
    expect(mark).toMatchObject({ clusterId: measles.id, status: 'suggested' });
    expect(mark && [mark.startCp, mark.endCp]).toEqual([13, 13 + codePointLength(MEASLES)]);

    // A member split off alone has nobody left to point at.
    const alone = measles.memberList.find((member) => member.documentId === c);
    splitDuplicateCluster(db, measles.id, [alone?.id as number]);
    expect(duplicateMarksInDocument(db, c)).toEqual([]);
    expect(duplicateMarksInDocument(db, a)[0]).toMatchObject({ otherDocuments: 1, otherMembers: 1 });

    decideDuplicateCluster(db, measles.id, 'rejected', 'lan');
    expect(duplicateMarksInDocument(db, a).map((m) => m.clusterId)).not.toContain(measles.id);
    expect(duplicateMarksInDocument(db, b)).toHaveLength(1);
  });
});

describe('the duplicates API', () => {
  it('runs detection as a job, then lists, gets and decides clusters', async () => {
    const { db, dbPath } = createTestProject();
    addDocument(db, 'a', ['Clinic news', MEASLES, DIALYSIS]);
    addDocument(db, 'b', ['Ward news', MEASLES, DRAINS, CLINIC, DIALYSIS_EDITED]);
    addDocument(db, 'c', ['Island news', MEASLES, FERRY]);
    const call = apiCaller(db, dbPath);
    const { jobId } = await call('duplicates:detect', { threshold: 0.8 });
    const job = await jobFinished(call, jobId);
    expect(job).toMatchObject({ kind: 'dedupe', state: 'done', filesDone: 3, filesTotal: 3 });
    expect(job.summary).toMatch(/^checked 3 documents for duplicates, 2 new clusters \(2 in all\), 5 passages/);

    const page = await call('duplicates:list', {});
    expect(page.total).toBe(2);
    expect(page.items.map((item) => item.members)).toEqual([3, 2]);
    expect(page.items[0]?.preview.startsWith('Nurses at the district clinic')).toBe(true);
    expect(page.counts).toEqual({ suggested: 2, confirmed: 0, rejected: 0 });

    const cluster = await call('duplicates:get', { id: page.items[0]?.id });
    expect(cluster.memberList.map((member) => member.text)).toEqual([MEASLES, MEASLES, MEASLES]);
    await call('duplicates:decide', { id: page.items[0]?.id, status: 'confirmed', annotator: 'lan' });
    const confirmed = await call('duplicates:list', { status: 'confirmed' });
    expect(confirmed.total).toBe(1);
    expect(await refusal(call, 'duplicates:get', { id: 12345 })).toMatch(/^not_found: /);
    expect(await refusal(call, 'duplicates:detect', { threshold: 0.2 })).toMatch(/^invalid_input: /);
  });

  it('links duplicates after an import in the workbench, without a separate step', async () => {
    const { db, dbPath, dir } = createTestProject();
    const folder = writeFiles(`${dir}/in`, {
      'one.txt': ['One', MEASLES, DRAINS].join('\n'),
      'two.txt': ['Two', MEASLES, FERRY].join('\n'),
    });
    const call = apiCaller(db, dbPath);
    const { jobId } = await call('import:paths', { paths: [folder] });
    const job = await jobFinished(call, jobId);
    expect(job.state).toBe('done');
    expect(job.summary).toMatch(/^imported 2 documents .*; checked 2 documents for duplicates, 1 new cluster/);
    expect(summaries(db)).toHaveLength(1);
  });
});
