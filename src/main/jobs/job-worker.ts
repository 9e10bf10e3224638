/**
 * The job thread: opens its own connection to the project (WAL lets the
 * thread that answers the workbench go on reading and writing between this
 * one's bounded transactions), runs one job, reports its progress and sends
 * its report. A `cancel` message stops the job between batches, as the
 * workbench's Cancel does in-process.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { UserError, messageOf } from '../errors.js';
import { openProject } from '../store/connection.js';
import { joinWriteGate } from '../store/write-gate.js';
import type { JobRequest } from './job-request.js';
import type { JobThreadMessage, JobThreadInput } from './job-thread.js';
import { runJob } from './run-job.js';

/** Progress is sent at most this often: a per-file event for 100,000 files would flood the port. */
const PROGRESS_EVERY_MS = 100;

function post(message: JobThreadMessage): void {
  parentPort?.postMessage(message);
}

async function main(input: JobThreadInput): Promise<void> {
  const controller = new AbortController();
  parentPort?.on('message', (message: { type?: string }) => {
    if (message.type === 'cancel') controller.abort();
  });
  if (input.writeGate) joinWriteGate(input.writeGate);
  const db = openProject(input.dbPath, { mustExist: true, nativeBinding: input.nativeBinding });
  let lastSent = 0;
  let pending: unknown;
  const flush = (): void => {
    if (pending === undefined) return;
    post({ type: 'progress', progress: pending });
    pending = undefined;
    lastSent = Date.now();
  };
  let outcome: JobThreadMessage;
  try {
    const report = await runJob(db, input.request as JobRequest, {
      signal: controller.signal,
      onProgress: (progress: unknown) => {
        pending = progress;
        if (Date.now() - lastSent >= PROGRESS_EVERY_MS) flush();
      },
    });
    outcome = { type: 'done', report };
  } catch (error) {
    outcome = { type: 'failed', message: messageOf(error), userError: error instanceof UserError };
  }
  flush();
  // Closed before the outcome is sent: the thread is ended as soon as it arrives.
  db.close();
  post(outcome);
}

void main(workerData as JobThreadInput);
