/**
 * Runs a job in a worker thread of its own, so the thread that answers the
 * workbench only relays progress while the job walks the corpus. The promise
 * and the callbacks are those of runJob: a caller cannot tell where it ran.
 */
import type { Worker } from 'node:worker_threads';
import { UserError } from '../errors.js';
import { startWorker } from '../start-worker.js';
import type { JobControl, JobRequest, ProgressOf, ReportOf } from './job-request.js';

/** The project a job thread opens. */
export interface ProjectTarget {
  readonly dbPath: string;
  /** The better-sqlite3 addon built for Electron's ABI, inside the desktop app. */
  readonly nativeBinding?: string;
  /** The workbench's write gate (write-gate.ts): job threads let its requests go first. */
  readonly writeGate?: SharedArrayBuffer;
}

export interface JobThreadInput extends ProjectTarget {
  readonly request: JobRequest;
}

export type JobThreadMessage =
  | { readonly type: 'progress'; readonly progress: unknown }
  | { readonly type: 'done'; readonly report: unknown }
  | { readonly type: 'failed'; readonly message: string; readonly userError: boolean };

/**
 * V8's young generation for job threads: recognising and fingerprinting make
 * many short-lived objects, which a small one would promote and collect slowly.
 */
const YOUNG_GENERATION_MB = 32;

/** Runs `request` against the project in a new worker thread; the thread ends with the job. */
export function runJobInThread<R extends JobRequest>(
  target: ProjectTarget,
  request: R,
  control: JobControl<R['kind']> = {},
): Promise<ReportOf<R['kind']>> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      const input: JobThreadInput = { dbPath: target.dbPath, nativeBinding: target.nativeBinding, writeGate: target.writeGate, request };
      worker = startWorker(import.meta.url, 'job-worker', YOUNG_GENERATION_MB, input);
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    let settled = false;
    const cancel = (): void => worker.postMessage({ type: 'cancel' });
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      control.signal?.removeEventListener('abort', cancel);
      // The job is over and its connection closed; a thread left to wind down by itself may never do so.
      void worker.terminate();
      outcome();
    };
    if (control.signal?.aborted) cancel();
    else control.signal?.addEventListener('abort', cancel, { once: true });

    worker.on('message', (message: JobThreadMessage) => {
      switch (message.type) {
        case 'progress':
          control.onProgress?.(message.progress as ProgressOf<R['kind']>);
          break;
        case 'done':
          settle(() => resolve(message.report as ReportOf<R['kind']>));
          break;
        case 'failed':
          settle(() => reject(message.userError ? new UserError(message.message) : new Error(message.message)));
          break;
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`the job's thread stopped before the job ended (exit code ${code}); what it committed is kept`))),
    );
  });
}
