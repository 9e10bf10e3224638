/** Search latency: 200 deterministic queries of every shape, timed one by one. */
import type { Db } from '../src/main/store/connection.js';
import { searchDocuments } from '../src/main/store/search.js';
import { log, percentile } from './measure.js';
import { Prng } from './prng.js';
import { rankedVocabulary } from './text-maker.js';
import { GIVEN_NAMES, HOSPITAL_KINDS, MIDDLE_NAMES, PLACES, SURNAMES } from './vocabulary.js';

/** The benchmark's queries, with the shape each stands for. */
export interface BenchQuery {
  readonly kind: 'common word' | 'rare word' | 'two words' | 'phrase';
  readonly text: string;
}

/**
 * 200 queries drawn from the generator's vocabulary: common words (match most
 * documents, the costly case for ranking), rare words, word pairs and quoted phrases.
 */
export function makeQueries(seed: number, count = 200): BenchQuery[] {
  const prng = new Prng(seed);
  const words = rankedVocabulary();
  const common = (): string => words[prng.int(0, 60)] as string;
  const middling = (): string => words[prng.int(60, 2000)] as string;
  const rare = (): string => words[prng.int(5000, words.length - 1)] as string;
  const queries: BenchQuery[] = [];
  while (queries.length < count) {
    switch (queries.length % 8) {
      case 0:
      case 1:
        queries.push({ kind: 'common word', text: common() });
        break;
      case 2:
        queries.push({ kind: 'rare word', text: prng.chance(0.5) ? rare() : middling() });
        break;
      case 3:
        queries.push({ kind: 'two words', text: `${common()} ${common()}` });
        break;
      case 4:
        queries.push({ kind: 'two words', text: `${common()} ${prng.chance(0.5) ? rare() : middling()}` });
        break;
      case 5:
        queries.push({ kind: 'phrase', text: `"${prng.pick(PLACES)} ${prng.pick(HOSPITAL_KINDS)}"` });
        break;
      case 6:
        queries.push({ kind: 'phrase', text: `"${prng.pick(SURNAMES)} ${prng.pick(MIDDLE_NAMES)} ${prng.pick(GIVEN_NAMES)}"` });
        break;
      default:
        queries.push({ kind: 'phrase', text: `"${common()} ${common()}" ${middling()}` });
    }
  }
  return queries;
}

/** Search latency figures, in milliseconds. */
export interface SearchResult {
  readonly queries: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly slowest: readonly { readonly query: string; readonly ms: number; readonly hits: number }[];
  readonly byKind: Readonly<Record<string, { readonly p50Ms: number; readonly p95Ms: number }>>;
  readonly queriesWithHits: number;
}

/** Runs the queries against an open project; a short warm-up with other queries goes first. */
export function runSearchBench(db: Db, seed: number): SearchResult {
  for (const query of makeQueries(seed + 1, 20)) searchDocuments(db, query.text, { limit: 20 });
  const queries = makeQueries(seed);
  const timings: { query: BenchQuery; ms: number; hits: number }[] = [];
  for (const query of queries) {
    const started = performance.now();
    const hits = searchDocuments(db, query.text, { limit: 20 });
    timings.push({ query, ms: performance.now() - started, hits: hits.length });
  }
  const all = timings.map((timing) => timing.ms);
  const byKind: Record<string, { p50Ms: number; p95Ms: number }> = {};
  for (const kind of new Set(queries.map((query) => query.kind))) {
    const ms = timings.filter((timing) => timing.query.kind === kind).map((timing) => timing.ms);
    byKind[kind] = { p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95) };
  }
  const result: SearchResult = {
    queries: timings.length,
    p50Ms: percentile(all, 50),
    p95Ms: percentile(all, 95),
    maxMs: Math.max(...all),
    slowest: [...timings]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((timing) => ({ query: timing.query.text, ms: timing.ms, hits: timing.hits })),
    byKind,
    queriesWithHits: timings.filter((timing) => timing.hits > 0).length,
  };
  log(`search: p50 ${result.p50Ms.toFixed(2)} ms, p95 ${result.p95Ms.toFixed(2)} ms, max ${result.maxMs.toFixed(2)} ms`);
  return result;
}
