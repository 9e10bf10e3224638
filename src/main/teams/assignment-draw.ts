/**
 * How documents are dealt out to annotators. The draw is seeded, so the same
 * documents, annotators, overlap and seed always give the same assignment: a
 * lead can say "seed 7" and anyone can make the same draw again.
 */

/** A small seeded random source (mulberry32): 32 bits of state, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type AssignmentShare = 'all' | 'split';

export interface DrawInput {
  readonly documentIds: readonly number[];
  readonly annotators: readonly string[];
  /** `all`: every annotator gets every document; `split`: each document goes to one annotator (or two, for the overlap). */
  readonly share: AssignmentShare;
  /** With `split`, the share of documents (0–1) given to two annotators, so their agreement can be measured. */
  readonly overlap: number;
  readonly seed: number;
}

/**
 * Deals the documents out: shuffled by the seed (Fisher–Yates), the first
 * `overlap` of them go to pairs of annotators in turn (every pair as often as
 * the next, so everyone has as many doubled documents), the rest to one
 * annotator each in turn. Returns each document's annotators, in document order.
 */
export function drawAssignments(input: DrawInput): Map<number, string[]> {
  const documents = [...new Set(input.documentIds)].sort((a, b) => a - b);
  const annotators = [...new Set(input.annotators)];
  const result = new Map<number, string[]>();
  if (annotators.length === 0) return result;
  if (input.share === 'all' || annotators.length === 1) {
    for (const id of documents) result.set(id, [...annotators]);
    return result;
  }
  const random = seededRandom(input.seed);
  const shuffled = [...documents];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as number, shuffled[i] as number];
  }
  const pairs: [string, string][] = [];
  for (let a = 0; a < annotators.length; a++) for (let b = a + 1; b < annotators.length; b++) pairs.push([annotators[a] as string, annotators[b] as string]);
  const doubled = Math.round(Math.min(1, Math.max(0, input.overlap)) * shuffled.length);
  // Whoever has the fewest documents so far takes the next single one: the doubled ones count too.
  const load = new Map(annotators.map((name) => [name, 0]));
  shuffled.forEach((id, i) => {
    let given: string[];
    if (i < doubled) given = [...(pairs[i % pairs.length] as [string, string])];
    else given = [annotators.reduce((least, name) => ((load.get(name) as number) < (load.get(least) as number) ? name : least))];
    for (const name of given) load.set(name, (load.get(name) as number) + 1);
    result.set(id, given);
  });
  return new Map([...result].sort((a, b) => a[0] - b[0]));
}
