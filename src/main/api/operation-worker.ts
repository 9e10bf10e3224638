/**
 * The thread behind operation-thread.ts: the same handler table as the
 * answering thread, over a connection of its own to the same project.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openProject } from '../store/connection.js';
import type { ProjectTarget } from '../jobs/job-thread.js';
import { createDispatcher } from './dispatcher.js';
import { createJobRegistry } from './jobs.js';
import type { OperationReply, OperationRequest } from './operation-thread.js';

const target = workerData as ProjectTarget;
const db = openProject(target.dbPath, { mustExist: true, nativeBinding: target.nativeBinding });
// No operation served here starts a job; the registry is there because every context has one.
const dispatch = createDispatcher({ db, dbPath: target.dbPath, shell: 'browser', jobs: createJobRegistry({ db, ...target }) });

// One request at a time, in the order sent: a later edit never overtakes an earlier one.
let queue: Promise<void> = Promise.resolve();
parentPort?.on('message', (request: OperationRequest) => {
  queue = queue.then(async () => {
    const result = await dispatch(request.name, request.input);
    parentPort?.postMessage({ id: request.id, result } satisfies OperationReply);
  });
});
