import { createDispatcher } from '../../src/main/api/dispatcher.js';
import { createJobRegistry } from '../../src/main/api/jobs.js';
import type { Db } from '../../src/main/store/connection.js';
import type { ApiResult, OperationName, OutputOf } from '../../src/shared/api.js';

/**
 * The project's operations called as the workbench calls them (inputs parsed by
 * the contract, errors as data); an error result is thrown as `code: message`.
 */
export function apiCaller(db: Db, dbPath: string) {
  const dispatch = createDispatcher({ db, dbPath, shell: 'browser', jobs: createJobRegistry() });
  return async <N extends OperationName>(name: N, input: unknown): Promise<OutputOf<N>> => {
    const result = (await dispatch(name, input)) as ApiResult<OutputOf<N>>;
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
}
