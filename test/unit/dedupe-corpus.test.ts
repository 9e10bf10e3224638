import { describe, expect, it } from 'vitest';
import { detectDuplicates } from '../../src/main/dedupe/detect.js';
import { importPaths } from '../../src/main/import/pipeline.js';
import type { Db } from '../../src/main/store/connection.js';
import { clusterMembers, clusterPage } from '../../src/main/store/duplicates.js';
import { noiseInDocument } from '../../src/main/store/noise-marks.js';
import type { NoiseKind } from '../../src/shared/model.js';
import { corpusFile } from '../helpers/corpus.js';
import { createTestProject } from '../helpers/project.js';

interface Found {
  readonly id: number;
  readonly similarity: number;
  readonly members: { documentId: number; startCp: number; endCp: number; text: string }[];
}

async function corpusProject(): Promise<{ db: Db; ids: Record<string, number>; lengths: Record<string, number> }> {
  const { db } = createTestProject();
  const prefixes = ['000_', '001_', '002_', '003_', '004_'];
  await importPaths(db, prefixes.map(corpusFile));
  const rows = db.prepare('SELECT id, source, length_cp FROM documents').all() as { id: number; source: string; length_cp: number }[];
  const ids: Record<string, number> = {};
  const lengths: Record<string, number> = {};
  for (const prefix of prefixes) {
    const row = rows.find((candidate) => candidate.source.includes(`/${prefix}`));
    if (!row) throw new Error(`${prefix} was not imported`);
    ids[prefix] = row.id;
    lengths[prefix] = row.length_cp;
  }
  return { db, ids, lengths };
}

function clusters(db: Db): Found[] {
  return clusterPage(db, { status: 'all', offset: 0, limit: 500 }).items.map((item) => ({
    id: item.id,
    similarity: item.similarity,
    members: clusterMembers(db, item.id).map(({ documentId, startCp, endCp, text }) => ({ documentId, startCp, endCp, text })),
  }));
}

function overlaps(a: { startCp: number; endCp: number }, b: { startCp: number; endCp: number }): boolean {
  return a.startCp < b.endCp && b.startCp < a.endCp;
}

function noiseOf(db: Db, documentId: number, kinds: readonly NoiseKind[]) {
  return noiseInDocument(db, documentId).filter((mark) => kinds.includes(mark.kind));
}

describe('duplicates in the shared corpus', () => {
  it('finds the item repeated at the end of the listing page in 000', async () => {
    const { db, ids, lengths } = await corpusProject();
    await detectDuplicates(db);
    const inListing = clusters(db).filter((cluster) => cluster.members.every((member) => member.documentId === ids['000_']));
    expect(inListing).toHaveLength(1);
    const [first, last] = inListing[0]?.members ?? [];
    expect(first && last).toBeTruthy();
    expect(first?.text).toBe(last?.text);
    // The first item's summary, near the top, and its repeat as the page's last line.
    expect(first?.startCp).toBeLessThan(200);
    expect(last?.endCp).toBe(lengths['000_']);
    expect(inListing[0]?.similarity).toBe(1);
  });

  it('links the paragraphs 001 and 003 share, exact and near', async () => {
    const { db, ids } = await corpusProject();
    await detectDuplicates(db);
    const shared = clusters(db).filter(
      (cluster) => cluster.members.some((m) => m.documentId === ids['001_']) && cluster.members.some((m) => m.documentId === ids['003_']),
    );
    expect(shared).toHaveLength(8);
    const texts = shared.flatMap((cluster) => cluster.members.map((member) => member.text)).join('\n');
    for (const word of ['Pasteur', 'NIHBT', 'telemedicine', 'Schmitto', 'landscapes']) expect(texts).toContain(word);
    // One of them also holds 001's own rewording of the same paragraph.
    const withVariant = shared.filter((cluster) => cluster.members.length === 3);
    expect(withVariant).toHaveLength(1);
    expect(withVariant[0]?.similarity).toBeGreaterThanOrEqual(0.8);
    expect(withVariant[0]?.similarity).toBeLessThan(1);
  });

  it('finds the repeated lines inside 002', async () => {
    const { db, ids } = await corpusProject();
    await detectDuplicates(db);
    const inside = clusters(db).filter((cluster) => cluster.members.every((member) => member.documentId === ids['002_']));
    expect(inside).toHaveLength(1);
    expect(inside[0]?.members).toHaveLength(2);
    expect(inside[0]?.members.every((member) => member.text.includes('sister hospitals'))).toBe(true);
    expect(inside[0]?.similarity).toBeGreaterThanOrEqual(0.8);
  });

  it('links nothing through boilerplate or spam, even with no minimum length', async () => {
    const { db, ids } = await corpusProject();
    await detectDuplicates(db, { minChars: 1 });
    const found = clusters(db);
    for (const cluster of found) {
      for (const member of cluster.members) {
        for (const mark of noiseOf(db, member.documentId, ['boilerplate', 'spam_line'])) expect(overlaps(member, mark)).toBe(false);
        expect(member.text).not.toMatch(/^(See more|VNA)$/);
      }
    }
    // The duplicated photo captions of 001 and 002 are boilerplate: no member there.
    for (const prefix of ['001_', '002_']) {
      const documentId = ids[prefix] as number;
      const captions = noiseOf(db, documentId, ['boilerplate']).filter((mark) => mark.endCp - mark.startCp > 60);
      expect(captions.length).toBeGreaterThanOrEqual(2);
      const members = found.flatMap((cluster) => cluster.members).filter((member) => member.documentId === documentId);
      for (const caption of captions) expect(members.some((member) => overlaps(member, caption))).toBe(false);
    }
  });

  it('matches a heading with an injected character to its clean twin', async () => {
    const { db, ids } = await corpusProject();
    await detectDuplicates(db, { minChars: 40 });
    const injected = noiseOf(db, ids['001_'] as number, ['injected_char']);
    const twin = clusters(db).find(
      (cluster) =>
        cluster.members.length === 2 &&
        cluster.members.every((member) => member.documentId === ids['001_']) &&
        cluster.members.some((member) => injected.some((mark) => overlaps(member, mark))),
    );
    expect(twin?.similarity).toBe(1);
    expect(twin?.members.map((member) => member.text).join(' ')).toContain('cardiovascular');
  });
});
