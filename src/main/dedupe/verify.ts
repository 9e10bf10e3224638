/**
 * Exact verification of candidate pairs: the shingle sets of the items taking
 * part are computed again from the stored texts (only those, never the whole
 * corpus) and each pair's Jaccard similarity is checked against the threshold.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Db } from '../store/connection.js';
import { documentText } from '../store/duplicates.js';
import { noiseInDocument } from '../store/noise-marks.js';
import type { CandidatePairs } from './candidates.js';
import { ShingleReader } from './fingerprint.js';
import type { Items } from './items.js';
import { jaccard } from './minhash.js';
import { documentLines } from './passages.js';

/** Verified links between items, strongest first. */
export interface Links {
  readonly count: number;
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  readonly similarity: Float64Array;
}

/** Documents read per slice before the event loop gets a turn. */
const DOCUMENTS_PER_SLICE = 250;

export interface VerifyInput {
  readonly passages: Items;
  readonly passagePairs: CandidatePairs;
  readonly documents: Items;
  readonly documentPairs: CandidatePairs;
  readonly threshold: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

function involved(pairs: CandidatePairs): Set<number> {
  const items = new Set<number>();
  for (let i = 0; i < pairs.count; i++) {
    items.add(pairs.a[i] as number);
    items.add(pairs.b[i] as number);
  }
  return items;
}

function links(pairs: CandidatePairs, sets: ReadonlyMap<number, Uint32Array>, threshold: number): Links {
  const kept: { a: number; b: number; similarity: number }[] = [];
  for (let i = 0; i < pairs.count; i++) {
    const a = pairs.a[i] as number;
    const b = pairs.b[i] as number;
    const setA = sets.get(a);
    const setB = sets.get(b);
    if (!setA || !setB) continue;
    const similarity = jaccard(setA, setB);
    if (similarity >= threshold) kept.push({ a, b, similarity });
  }
  kept.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
  return {
    count: kept.length,
    a: Uint32Array.from(kept, (link) => link.a),
    b: Uint32Array.from(kept, (link) => link.b),
    similarity: Float64Array.from(kept, (link) => link.similarity),
  };
}

/** Verifies both kinds of candidates; null when cancelled. */
export async function verifyCandidates(db: Db, input: VerifyInput): Promise<{ passages: Links; documents: Links } | null> {
  const passageRefs = involved(input.passagePairs);
  const documentRefs = involved(input.documentPairs);
  // What each document must give: some of its passages, and perhaps its whole text.
  const work = new Map<number, { passages: number[]; document: number }>();
  const entryOf = (documentId: number): { passages: number[]; document: number } => {
    let entry = work.get(documentId);
    if (!entry) {
      entry = { passages: [], document: -1 };
      work.set(documentId, entry);
    }
    return entry;
  };
  for (const ref of passageRefs) entryOf(input.passages.documentIds[ref] as number).passages.push(ref);
  for (const ref of documentRefs) entryOf(input.documents.documentIds[ref] as number).document = ref;
  const documentIds = [...work.keys()].sort((x, y) => x - y);
  const passageSets = new Map<number, Uint32Array>();
  const documentSets = new Map<number, Uint32Array>();
  const reader = new ShingleReader();
  for (let i = 0; i < documentIds.length; i++) {
    if (i % DOCUMENTS_PER_SLICE === 0) {
      if (input.signal?.aborted) return null;
      input.onProgress?.(i, documentIds.length);
      if (i > 0) await yieldToEventLoop();
    }
    const documentId = documentIds[i] as number;
    const entry = work.get(documentId) as { passages: number[]; document: number };
    const text = documentText(db, documentId);
    if (text === undefined) continue;
    const lines = documentLines(text, noiseInDocument(db, documentId));
    const lineAt = new Map(lines.map((line) => [line.startCp, line]));
    for (const ref of entry.passages) {
      const line = lineAt.get(input.passages.startCp[ref] as number);
      if (line && line.endCp === input.passages.endCp[ref]) passageSets.set(ref, reader.line(text, line));
    }
    if (entry.document >= 0) documentSets.set(entry.document, reader.document(text, lines));
  }
  input.onProgress?.(documentIds.length, documentIds.length);
  return {
    passages: links(input.passagePairs, passageSets, input.threshold),
    documents: links(input.documentPairs, documentSets, input.threshold),
  };
}
