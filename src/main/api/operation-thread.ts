/**
 * Operations that read (or write) across the whole project in one request —
 * agreement, the adjudication list, the overview, entity suggestions, tagging
 * every occurrence, the preview of tagging from search — answer from a thread
 * of their own with its own connection, so a request for them never holds up documents:get or
 * spans:create on the thread that answers the workbench. Requests are served
 * one at a time, in order; a thread that dies is started again for the next.
 */
import type { Worker } from 'node:worker_threads';
import type { ApiResult, OperationName } from '../../shared/api.js';
import { messageOf } from '../errors.js';
import type { ProjectTarget } from '../jobs/job-thread.js';
import { startWorker } from '../start-worker.js';

/** The operations served off the answering thread: each may walk every span or document of the project. */
export const OFF_THREAD_OPERATIONS: ReadonlySet<OperationName> = new Set<OperationName>([
  'agreement:measure',
  'adjudication:list',
  'overview:get',
  'annotators:list',
  'entities:suggestions',
  'entities:acceptSuggestions',
  'entities:rejectSuggestions',
  'spans:occurrences',
  'spans:tagOccurrences',
  'search:tagPreview',
]);

export interface OperationRequest {
  readonly id: number;
  readonly name: OperationName;
  readonly input: unknown;
}

export interface OperationReply {
  readonly id: number;
  readonly result: ApiResult<unknown>;
}

export interface OperationThread {
  /** Runs one operation (its input already checked against the contract) on the thread. */
  run(name: OperationName, input: unknown): Promise<ApiResult<unknown>>;
  /** Ends the thread once the requests under way are answered. */
  close(): Promise<void>;
}

/** Starts the thread lazily, at its first request. */
export function createOperationThread(target: ProjectTarget): OperationThread {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, (result: ApiResult<unknown>) => void>();

  const failAll = (message: string): void => {
    for (const answer of waiting.values()) answer({ ok: false, error: { code: 'failed', message } });
    waiting.clear();
  };

  const start = (): Worker => {
    const started = startWorker(import.meta.url, 'operation-worker', 32, target);
    started.on('message', (reply: OperationReply) => {
      const answer = waiting.get(reply.id);
      waiting.delete(reply.id);
      answer?.(reply.result);
    });
    started.on('error', (error) => failAll(`the project's reading thread failed: ${messageOf(error)}`));
    started.on('exit', () => {
      if (worker === started) worker = null;
      failAll('the project\'s reading thread stopped; try again');
    });
    // An idle thread must not keep a finished process (a test, the CLI) alive.
    started.unref();
    return started;
  };

  return {
    run(name, input) {
      worker ??= start();
      const id = nextId++;
      const thread = worker;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        thread.postMessage({ id, name, input } satisfies OperationRequest);
      });
    },
    async close() {
      const closing = worker;
      worker = null;
      if (!closing) return;
      // Answers still owed arrive first: each request is answered before the next is read.
      while (waiting.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      await closing.terminate();
    },
  };
}
