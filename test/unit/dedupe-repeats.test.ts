import { describe, expect, it } from 'vitest';
import { candidatePairs } from '../../src/main/dedupe/candidates.js';
import { detectDuplicates } from '../../src/main/dedupe/detect.js';
import { ShingleReader } from '../../src/main/dedupe/fingerprint.js';
import { loadItems } from '../../src/main/dedupe/items.js';
import { BANDS, jaccard } from '../../src/main/dedupe/minhash.js';
import { documentLines } from '../../src/main/dedupe/passages.js';
import { verifyCandidates } from '../../src/main/dedupe/verify.js';
import { findNoise } from '../../src/main/import/noise.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { allClusters, allMembers } from '../../src/main/store/duplicates.js';
import { insertNoiseMarks, noiseInDocument } from '../../src/main/store/noise-marks.js';
import { DEFAULT_DUPLICATE_MIN_CHARS, DEFAULT_DUPLICATE_THRESHOLD } from '../../src/shared/model.js';
import { createTestProject } from '../helpers/project.js';

/** Made-up words from a seeded generator, so every run sees the same text. */
function words(seed: number, count: number): string[] {
  let state = seed;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out.push(`w${(state >>> 8).toString(36)}`);
  }
  return out;
}

function replaced(list: readonly string[], at: number, word: string): string[] {
  return list.map((each, i) => (i === at ? word : each));
}

const S1 = words(101, 40);
const S2 = words(102, 40);
const S3 = words(103, 40);
const S4 = words(104, 40);
/** Two edits of S1, each closer to S1 than to the other (J ≈ 0.86 with S1, about 0.75 with each other). */
const S1A = replaced(S1, 8, 'wchanged');
const S1B = replaced(S1, 31, 'wedited');
const DOCUMENTS = 200;

/**
 * Document i: a short headline, a paragraph of its own, and stock paragraphs:
 * S1 in every second document (100 copies), S2 in every third, S3 in every
 * fifth, S4 in ten (few enough to share only small buckets), S1's edits in
 * three documents and one.
 */
function documentText(i: number): string {
  const lines = [`Report ${i}`, words(1000 + i, 40).join(' ')];
  if (i % 2 === 0) lines.push(S1.join(' '));
  if (i % 3 === 0) lines.push(S2.join(' '));
  if (i % 5 === 0) lines.push(S3.join(' '));
  if (i % 20 === 7) lines.push(S4.join(' '));
  if (i === 9 || i === 99 || i === 179) lines.push(S1A.join(' '));
  if (i === 45) lines.push(S1B.join(' '));
  return lines.join('\n\n');
}

function addDocuments(db: Db, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const text = documentText(i);
    const { id } = insertDocument(db, { title: `r${i}`, source: `r${i}.txt`, text, meta: {} });
    insertNoiseMarks(db, id, findNoise(text));
  }
}

interface Item {
  readonly kind: 'passage' | 'document';
  readonly place: string;
  readonly set: Uint32Array;
}

/** Every passage and document of the project with its shingle set, as detection defines them. */
function itemsOf(db: Db): Item[] {
  const reader = new ShingleReader();
  const items: Item[] = [];
  const rows = db.prepare('SELECT id, text FROM documents ORDER BY id').all() as { id: number; text: string }[];
  for (const row of rows) {
    const lines = documentLines(row.text, noiseInDocument(db, row.id)).filter((line) => reader.line(row.text, line).length > 0);
    for (const line of lines) {
      if (line.contentCp >= DEFAULT_DUPLICATE_MIN_CHARS) {
        items.push({ kind: 'passage', place: `${row.id}:${line.startCp}:${line.endCp}`, set: reader.line(row.text, line) });
      }
    }
    const contentCp = lines.reduce((sum, line) => sum + line.contentCp, 0);
    if (lines.length >= 2 && contentCp >= DEFAULT_DUPLICATE_MIN_CHARS) {
      items.push({ kind: 'document', place: `${row.id}:0:${[...row.text].length}`, set: reader.document(row.text, lines) });
    }
  }
  return items;
}

/**
 * The clusters detection should store, computed without it: every pair of
 * items at or above the threshold compared exactly, clusters as connected
 * components, a cluster's similarity the weakest link of its strongest
 * spanning tree, a member's its strongest link.
 */
function expectedClusters(items: readonly Item[], threshold: number): string[] {
  const edges: { a: number; b: number; similarity: number }[] = [];
  for (let a = 0; a < items.length; a++) {
    for (let b = a + 1; b < items.length; b++) {
      const x = items[a] as Item;
      const y = items[b] as Item;
      if (x.kind !== y.kind) continue;
      const similarity = jaccard(x.set, y.set);
      if (similarity >= threshold) edges.push({ a, b, similarity });
    }
  }
  edges.sort((x, y) => y.similarity - x.similarity);
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : find(parent[i] as number));
  const weakest = new Map<number, number>();
  const best = new Map<number, number>();
  for (const { a, b, similarity } of edges) {
    best.set(a, Math.max(best.get(a) ?? 0, similarity));
    best.set(b, Math.max(best.get(b) ?? 0, similarity));
    const rootA = find(a);
    const rootB = find(b);
    if (rootA === rootB) continue;
    parent[rootB] = rootA;
    weakest.set(rootA, Math.min(weakest.get(rootA) ?? 1, weakest.get(rootB) ?? 1, similarity));
  }
  const members = new Map<number, string[]>();
  for (const item of best.keys()) {
    const root = find(item);
    const list = members.get(root) ?? [];
    list.push(`${(items[item] as Item).place}@${best.get(item)}`);
    members.set(root, list);
  }
  return [...members].map(([root, list]) => `${(items[root] as Item).kind} ${weakest.get(root) ?? 1}: ${list.sort().join(' ')}`).sort();
}

/** The stored clusters in the same form. */
function storedClusters(db: Db): string[] {
  const members = new Map<number, string[]>();
  for (const member of allMembers(db)) {
    const list = members.get(member.clusterId) ?? [];
    list.push(`${member.documentId}:${member.start}:${member.end}@${member.similarity}`);
    members.set(member.clusterId, list);
  }
  return allClusters(db)
    .map((cluster) => `${cluster.kind} ${cluster.similarity}: ${(members.get(cluster.id) ?? []).sort().join(' ')}`)
    .sort();
}

describe('duplicates repeated in many documents', () => {
  it('stores the clusters an exact all-pairs comparison gives', async () => {
    const { db } = createTestProject();
    addDocuments(db, 0, DOCUMENTS);
    const report = await detectDuplicates(db);
    expect(report.cancelled).toBe(false);
    const expected = expectedClusters(itemsOf(db), DEFAULT_DUPLICATE_THRESHOLD);
    // S1 with its edits, S2, S3 and S4; no two whole documents are alike.
    expect(expected).toHaveLength(4);
    expect(expected.filter((cluster) => cluster.startsWith('passage 1:'))).toHaveLength(3);
    expect(storedClusters(db)).toEqual(expected);
  });

  it('ends with the same clusters when the documents come in two imports', async () => {
    const { db } = createTestProject();
    addDocuments(db, 0, DOCUMENTS / 2);
    await detectDuplicates(db);
    addDocuments(db, DOCUMENTS / 2, DOCUMENTS);
    const second = await detectDuplicates(db);
    expect(second.added.clusters).toBe(0);
    expect(storedClusters(db)).toEqual(expectedClusters(itemsOf(db), DEFAULT_DUPLICATE_THRESHOLD));
  });

  it('links k copies with k − 1 links and compares each pair of distinct passages once', async () => {
    const { db } = createTestProject();
    addDocuments(db, 0, DOCUMENTS);
    await detectDuplicates(db, { threshold: 0.99 });
    // Everything again at the lower threshold, the way a first run compares it.
    const { passages, documents } = loadItems(db, true);
    const passagePairs = candidatePairs(passages.keys, passages.isNew, BANDS);
    const documentPairs = candidatePairs(documents.keys, documents.isNew, BANDS);
    // Every copy of a stock paragraph shares its keys: 100 + 67 + 40 + 10 + 3 copies make 5 groups, 195 fewer than the copies.
    expect(passages.count - passagePairs.groups.count).toBe(99 + 66 + 39 + 9 + 2);
    // The groups meet only their near twins (S1 with its edits); S4's ten copies, sharing only small buckets, make no pair.
    expect(passagePairs.count).toBeLessThanOrEqual(3);
    const links = await verifyCandidates(db, { passages, passagePairs, documents, documentPairs, threshold: 0.8 });
    const passageLinks = links?.passages;
    if (!passageLinks) throw new Error('verification was cancelled');
    const exact = Array.from(passageLinks.similarity).filter((similarity) => similarity === 1).length;
    expect(exact).toBe(99 + 66 + 39 + 9 + 2);
    // S1's two edits, each linked to S1 (not to each other, at J ≈ 0.75).
    expect(passageLinks.count - exact).toBe(2);
    expect(Array.from(passageLinks.similarity)).toEqual([...passageLinks.similarity].sort((x, y) => y - x));
  });
});
