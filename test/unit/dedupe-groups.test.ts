import { describe, expect, it } from 'vitest';
import { candidatePairs, SMALL_BUCKET } from '../../src/main/dedupe/candidates.js';
import { ShingleReader } from '../../src/main/dedupe/fingerprint.js';
import type { Items } from '../../src/main/dedupe/items.js';
import { BANDS, SET_HASH_WORDS, SET_SUMMARY_WORDS, SetSummarizer, jaccard } from '../../src/main/dedupe/minhash.js';
import { documentLines } from '../../src/main/dedupe/passages.js';
import { verifyCandidates, type Links } from '../../src/main/dedupe/verify.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { createTestProject } from '../helpers/project.js';

const THRESHOLD = 0.8;

/** A seeded generator, so every run sees the same trials. */
class Random {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  next(limit: number): number {
    this.#state = (Math.imul(this.#state, 1103515245) + 12345) >>> 0;
    return (this.#state >>> 8) % limit;
  }
}

function words(seed: number, count: number): string[] {
  const random = new Random(seed);
  return Array.from({ length: count }, () => `w${random.next(1 << 20).toString(36)}`);
}

const BASE = words(1, 40);
const OTHER = words(2, 40);
const edit = (list: readonly string[], at: number): string[] => list.map((word, i) => (i === at ? `edit${at}` : word));
/** Passages by kind: the same shingles share an index; the base with a capital letter folds to the base. */
const TEXTS: readonly string[][] = [
  [BASE.join(' '), `${BASE[0]?.toUpperCase()} ${BASE.slice(1).join(' ')}`],
  [edit(BASE, 5).join(' ')],
  [edit(BASE, 20).join(' ')],
  [edit(edit(BASE, 20), 34).join(' ')],
  [OTHER.join(' ')],
  [edit(OTHER, 12).join(' ')],
  [words(3, 40).join(' ')],
];

interface Trial {
  readonly db: Db;
  readonly items: Items;
  readonly sets: Uint32Array[];
}

/**
 * Items that are copies of the passages above in random number and order,
 * each in its own document, with band keys drawn from a few values per band
 * (so buckets of every size occur and unrelated passages meet) and, now and
 * then, two different passages given the very same keys.
 */
function makeTrial(seed: number, newFrom: number): Trial {
  const random = new Random(seed);
  const { db } = createTestProject();
  const keyRows = TEXTS.map(() => Array.from({ length: BANDS }, (_, band) => band * 1000 + random.next(3)));
  if (random.next(2) === 0) keyRows[2] = [...(keyRows[1] as number[])];
  const kinds: number[] = [];
  for (let kind = 0; kind < TEXTS.length; kind++) {
    const copies = random.next(3) === 0 ? 20 + random.next(20) : 1 + random.next(6);
    for (let copy = 0; copy < copies; copy++) kinds.push(kind);
  }
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = random.next(i + 1);
    [kinds[i], kinds[j]] = [kinds[j] as number, kinds[i] as number];
  }
  const count = kinds.length;
  const reader = new ShingleReader();
  const summarizer = new SetSummarizer();
  const documentIds = new Uint32Array(count);
  const startCp = new Uint32Array(count);
  const endCp = new Uint32Array(count);
  const keys = new Uint32Array(count * BANDS);
  const sizes = new Uint32Array(count);
  const hashes = new Uint32Array(count * SET_HASH_WORDS);
  const sets: Uint32Array[] = [];
  kinds.forEach((kind, item) => {
    const variants = TEXTS[kind] as string[];
    const passage = variants[random.next(variants.length)] as string;
    const text = `Item ${item}\n\n${passage}`;
    const { id } = insertDocument(db, { title: `i${item}`, source: `i${item}.txt`, text, meta: {} });
    const line = documentLines(text, [])[1];
    if (!line) throw new Error('no passage line');
    const set = reader.line(text, line);
    sets.push(set);
    const summary = new Uint32Array(SET_SUMMARY_WORDS);
    summarizer.summarize(set, set.length, summary, 0);
    documentIds[item] = id;
    startCp[item] = line.startCp;
    endCp[item] = line.endCp;
    keys.set(keyRows[kind] as number[], item * BANDS);
    sizes[item] = summary[0] as number;
    hashes.set(summary.subarray(1), item * SET_HASH_WORDS);
  });
  const isNew = Uint8Array.from({ length: count }, (_, item) => (item >= newFrom * count ? 1 : 0));
  return { db, items: { count, documentIds, startCp, endCp, isNew, keys, sizes, hashes }, sets };
}

interface Link {
  readonly a: number;
  readonly b: number;
  readonly similarity: number;
}

/** The links of the pairing before key groups: every bucket of at most SMALL_BUCKET items pairs all its items, a larger one its first with each. */
function linksItemByItem(trial: Trial): Link[] {
  const { items, sets } = trial;
  const buckets = new Map<number, number[]>();
  for (let item = 0; item < items.count; item++) {
    for (let band = 0; band < BANDS; band++) {
      const key = items.keys[item * BANDS + band] as number;
      const members = buckets.get(key) ?? [];
      if (members[members.length - 1] !== item) members.push(item);
      buckets.set(key, members);
    }
  }
  const pairs = new Set<number>();
  const isNew = (item: number): boolean => items.isNew[item] === 1;
  for (const members of buckets.values()) {
    if (members.length < 2 || !members.some(isNew)) continue;
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        if (members.length > SMALL_BUCKET && i > 0) break;
        const x = members[i] as number;
        const y = members[j] as number;
        if (isNew(x) || isNew(y)) pairs.add(x * items.count + y);
      }
    }
  }
  const links: Link[] = [];
  for (const pair of pairs) {
    const a = Math.floor(pair / items.count);
    const b = pair % items.count;
    const similarity = jaccard(sets[a] as Uint32Array, sets[b] as Uint32Array);
    if (similarity >= THRESHOLD) links.push({ a, b, similarity });
  }
  return links;
}

/**
 * What clusters the links make, as linking stores them: for each item linked,
 * its component (named by its smallest item among `items`), its strongest
 * link, and its component's weakest joining link, strongest links joined first.
 */
function outcome(links: readonly Link[], items: ReadonlySet<number>): string[] {
  const sorted = [...links].sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root) as number;
    return root;
  };
  const weakest = new Map<number, number>();
  const best = new Map<number, number>();
  for (const { a, b, similarity } of sorted) {
    for (const item of [a, b]) {
      if (!parent.has(item)) parent.set(item, item);
      best.set(item, Math.max(best.get(item) ?? 0, similarity));
    }
    const rootA = find(a);
    const rootB = find(b);
    if (rootA === rootB) continue;
    parent.set(rootB, rootA);
    weakest.set(rootA, Math.min(weakest.get(rootA) ?? 1, weakest.get(rootB) ?? 1, similarity));
  }
  const name = new Map<number, number>();
  for (const item of parent.keys()) {
    if (!items.has(item)) continue;
    const root = find(item);
    name.set(root, Math.min(name.get(root) ?? item, item));
  }
  return [...parent.keys()]
    .filter((item) => items.has(item))
    .map((item) => `${item} in ${name.get(find(item))} at ${best.get(item)}, cluster at ${weakest.get(find(item)) ?? 1}`)
    .sort();
}

function asList(links: Links): Link[] {
  return Array.from({ length: links.count }, (_, i) => ({ a: links.a[i] as number, b: links.b[i] as number, similarity: links.similarity[i] as number }));
}

const noDocuments: Items = {
  count: 0,
  documentIds: new Uint32Array(0),
  startCp: new Uint32Array(0),
  endCp: new Uint32Array(0),
  isNew: new Uint8Array(0),
  keys: new Uint32Array(0),
  sizes: new Uint32Array(0),
  hashes: new Uint32Array(0),
};

async function linksByGroups(trial: Trial): Promise<Links> {
  const { items } = trial;
  const links = await verifyCandidates(trial.db, {
    passages: items,
    passagePairs: candidatePairs(items.keys, items.isNew, BANDS),
    documents: noDocuments,
    documentPairs: candidatePairs(noDocuments.keys, noDocuments.isNew, BANDS),
    threshold: THRESHOLD,
  });
  if (!links) throw new Error('verification was cancelled');
  return links.passages;
}

describe('key groups and sets of identical passages', () => {
  it('make the clusters pairing item by item makes, on random bucket layouts', async () => {
    for (let seed = 1; seed <= 24; seed++) {
      const trial = makeTrial(seed, 0);
      const everyItem = new Set(Array.from({ length: trial.items.count }, (_, i) => i));
      const links = await linksByGroups(trial);
      expect(outcome(asList(links), everyItem), `seed ${seed}`).toEqual(outcome(linksItemByItem(trial), everyItem));
      // Sorted strongest first, then by item, as linking takes them.
      const list = asList(links);
      expect(list).toEqual([...list].sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b));
    }
  });

  it('make the same clusters for what is new when some items are old', async () => {
    for (let seed = 101; seed <= 116; seed++) {
      const trial = makeTrial(seed, 0.6);
      // Old items linked only among themselves were linked by an earlier run; the clusters of the new ones must agree.
      const newItems = new Set(Array.from({ length: trial.items.count }, (_, i) => i).filter((item) => trial.items.isNew[item] === 1));
      const links = await linksByGroups(trial);
      expect(outcome(asList(links), newItems), `seed ${seed}`).toEqual(outcome(linksItemByItem(trial), newItems));
    }
  });

  it('leave copies unlinked among themselves when the buckets never paired them, as before', async () => {
    // Thirty copies of one passage, and sixteen edits of it each sharing one band with the copies and coming first:
    // every bucket of the copies is large and starts with an edit, so each copy meets the edits only.
    const { db } = createTestProject();
    const reader = new ShingleReader();
    const summarizer = new SetSummarizer();
    const passages = [...Array.from({ length: 16 }, (_, i) => edit(BASE, i * 2).join(' ')), ...Array.from({ length: 30 }, () => BASE.join(' '))];
    const count = passages.length;
    const items: Items = {
      count,
      documentIds: new Uint32Array(count),
      startCp: new Uint32Array(count),
      endCp: new Uint32Array(count),
      isNew: new Uint8Array(count).fill(1),
      keys: new Uint32Array(count * BANDS),
      sizes: new Uint32Array(count),
      hashes: new Uint32Array(count * SET_HASH_WORDS),
    };
    const sets: Uint32Array[] = [];
    passages.forEach((passage, item) => {
      const text = `Item ${item}\n\n${passage}`;
      const { id } = insertDocument(db, { title: `i${item}`, source: `i${item}.txt`, text, meta: {} });
      const line = documentLines(text, [])[1];
      if (!line) throw new Error('no passage line');
      const set = reader.line(text, line);
      sets.push(set);
      const summary = new Uint32Array(SET_SUMMARY_WORDS);
      summarizer.summarize(set, set.length, summary, 0);
      items.documentIds[item] = id;
      items.startCp[item] = line.startCp;
      items.endCp[item] = line.endCp;
      items.sizes[item] = summary[0] as number;
      items.hashes.set(summary.subarray(1), item * SET_HASH_WORDS);
      for (let band = 0; band < BANDS; band++) items.keys[item * BANDS + band] = item < 16 && item !== band ? 100_000 + item * BANDS + band : band;
    });
    const trial: Trial = { db, items, sets };
    const links = asList(await linksByGroups(trial));
    const every = new Set(Array.from({ length: count }, (_, i) => i));
    expect(outcome(links, every)).toEqual(outcome(linksItemByItem(trial), every));
    expect(links.some((link) => link.a >= 16 && link.b >= 16)).toBe(false);
    expect(links.filter((link) => link.b >= 16)).toHaveLength(16 * 30);
  });
});
