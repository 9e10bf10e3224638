/**
 * Responsiveness while a long job runs: a second "tab" that keeps opening
 * random documents (`documents:get`) and tagging a word in each
 * (`spans:create`), as a person reading and tagging would, and times every
 * answer. The spans it made are deleted afterwards so the walk goes on as if
 * nobody had been there.
 */
import { OffsetMap } from '../src/shared/offsets.js';
import { percentile } from './measure.js';
import { Prng } from './prng.js';
import { ApiFailure, pause, type Server } from './workflow-server.js';

/** A person reads, then acts: one request every few tens of milliseconds at most. */
const THINK_MS = 50;
export const PROBE_ANNOTATOR = 'responsiveness-probe';
const PROBE_LABEL = 'FIGURE';

export type ProbeOperation = 'documents:get' | 'spans:create';

interface Sample {
  /** performance.now() when the answer came. */
  readonly at: number;
  readonly ms: number;
  readonly operation: ProbeOperation;
  /** False when the server refused or the request failed. */
  readonly ok: boolean;
}

/** Latency figures of the answers in one stretch of time. */
export interface Latency {
  readonly requests: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly byOperation: Readonly<Record<ProbeOperation, { readonly requests: number; readonly p50Ms: number; readonly p95Ms: number; readonly maxMs: number }>>;
}

/** A running probe. */
export interface Probe {
  /** Stops after the request in flight and returns its samples' figures (all, or those answered in [from, to]). */
  stop(): Promise<void>;
  latency(from?: number, to?: number): Latency;
  /** Deletes the spans the probe made. */
  cleanUp(): Promise<void>;
}

/** A random word of at least four letters in `text`, as code-point offsets. */
function someWord(prng: Prng, text: string): { startCp: number; endCp: number } | null {
  const word = /\p{L}{4,}/gu;
  word.lastIndex = prng.int(0, Math.max(0, text.length - 1));
  const match = word.exec(text) ?? /\p{L}{4,}/u.exec(text);
  if (!match) return null;
  const offsets = new OffsetMap(text);
  return { startCp: offsets.toCp(match.index), endCp: offsets.toCp(match.index + match[0].length) };
}

/** Starts probing documents 1..maxDocumentId on a connection of its own. */
export function startProbe(server: Server, maxDocumentId: number, seed: number): Probe {
  const prng = new Prng(seed);
  const connection = server.connection();
  const samples: Sample[] = [];
  const created: number[] = [];
  let running = true;

  const timed = async <T>(operation: ProbeOperation, run: () => Promise<T>): Promise<T | null> => {
    const started = performance.now();
    try {
      const value = await run();
      samples.push({ at: performance.now(), ms: performance.now() - started, operation, ok: true });
      return value;
    } catch (error) {
      // A refusal is still an answer, and its wait is what the person felt; a broken connection is not.
      if (!(error instanceof ApiFailure)) throw error;
      samples.push({ at: performance.now(), ms: performance.now() - started, operation, ok: false });
      return null;
    }
  };

  const loop = (async () => {
    while (running) {
      const id = prng.int(1, maxDocumentId);
      const document = await timed('documents:get', () => server.call('documents:get', { id }, connection));
      const place = document && someWord(prng, document.text);
      if (running && document && place) {
        const span = await timed('spans:create', () =>
          server.call('spans:create', { documentId: document.id, ...place, label: PROBE_LABEL, annotator: PROBE_ANNOTATOR }, connection),
        );
        if (span) created.push(span.id);
      }
      await pause(THINK_MS);
    }
  })();

  const figures = (list: readonly Sample[]) => {
    const ms = list.map((sample) => sample.ms);
    return { requests: ms.length, p50Ms: percentile(ms, 50), p95Ms: percentile(ms, 95), maxMs: ms.length === 0 ? Number.NaN : Math.max(...ms) };
  };

  return {
    async stop() {
      running = false;
      await loop;
    },
    latency(from = -Infinity, to = Infinity) {
      const within = samples.filter((sample) => sample.at >= from && sample.at <= to);
      return {
        ...figures(within),
        errors: within.filter((sample) => !sample.ok).length,
        byOperation: {
          'documents:get': figures(within.filter((sample) => sample.operation === 'documents:get')),
          'spans:create': figures(within.filter((sample) => sample.operation === 'spans:create')),
        },
      };
    },
    async cleanUp() {
      for (const id of created) await server.call('spans:delete', { id }, connection);
      created.length = 0;
      connection.destroy();
    },
  };
}
