import { createDispatcher } from '../../src/main/api/dispatcher.js';
import { createJobRegistry } from '../../src/main/api/jobs.js';
import type { Db } from '../../src/main/store/connection.js';
import type { ApiResult, OperationName, OutputOf } from '../../src/shared/api.js';

/**
 * The project's operations called as the workbench calls them (inputs parsed by
 * the contract, errors as data); an error result is thrown as `code: message`.
 */
export function apiCaller(db: Db, dbPath: string) {
  const dispatch = createDispatcher({ db, dbPath, shell: 'browser', jobs: createJobRegistry({ db, dbPath }) });
  return async <N extends OperationName>(name: N, input: unknown): Promise<OutputOf<N>> => {
    const result = (await dispatch(name, input)) as ApiResult<OutputOf<N>>;
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
}

export type ApiCall = ReturnType<typeof apiCaller>;

/** The `code: message` an operation is refused with; fails the test when the operation succeeds. */
export async function refusal(call: ApiCall, name: OperationName, input: unknown): Promise<string> {
  try {
    await call(name, input);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${name} was expected to fail`);
}

/** Polls a job until it ends: the job's own state is the event waited for. */
export async function jobFinished(call: ApiCall, jobId: string): Promise<OutputOf<'jobs:get'>> {
  for (;;) {
    const state = await call('jobs:get', { jobId });
    if (state.state !== 'running') return state;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
