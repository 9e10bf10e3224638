import { api, isOperationName, type ApiError, type ApiResult } from '../../shared/api.js';
import { ConflictError, NotFoundError, UserError, messageOf } from '../errors.js';
import { readOnlyReason } from '../store/connection.js';
import { servingWorkbench } from '../store/write-gate.js';
import type { ApiContext } from './context.js';
import { handlers } from './handlers.js';
import { OFF_THREAD_OPERATIONS } from './operation-thread.js';

/** Runs one operation by name: what both transports (Electron IPC, HTTP) call. */
export type Dispatch = (name: string, input: unknown) => Promise<ApiResult<unknown>>;

/** SQLite's answer to a write on a connection that may only read. */
export function isReadOnlyError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_READONLY');
}

function errorOf(error: unknown, context: ApiContext): ApiError {
  if (isReadOnlyError(error)) return { code: 'conflict', message: `This project is ${readOnlyReason(context.db) ?? 'read-only, so edits are off'}.` };
  if (error instanceof NotFoundError) return { code: 'not_found', message: error.message };
  if (error instanceof ConflictError) return { code: 'conflict', message: error.message };
  if (error instanceof UserError) return { code: 'failed', message: error.message };
  // An unexpected failure: keep the detail in the log, give the person the message.
  console.error(error);
  return { code: 'internal', message: messageOf(error) };
}

/**
 * Builds the dispatcher over a project. The caller is not trusted: the name must
 * be in the contract and the input must parse with its schema, or nothing runs.
 */
export function createDispatcher(context: ApiContext): Dispatch {
  return async (name, input) => {
    if (!isOperationName(name)) return { ok: false, error: { code: 'unknown_operation', message: `unknown operation "${String(name)}"` } };
    const parsed = api[name].input.safeParse(input ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
      return { ok: false, error: { code: 'invalid_input', message: `${name}: ${detail}` } };
    }
    if (context.operationThread && OFF_THREAD_OPERATIONS.has(name)) {
      const result = await context.operationThread.run(name, parsed.data);
      // The thread has no indexer of its own: a corpus count it could not make whole is caught up from here.
      if (result.ok && (name === 'spans:occurrences' || name === 'search:tagPreview') && (result.value as { searchPending: number }).searchPending > 0) context.searchIndexer?.kick();
      return result;
    }
    try {
      const handler = handlers[name] as (context: ApiContext, input: unknown) => unknown;
      const serve = (): unknown => handler(context, parsed.data);
      return { ok: true, value: await (context.writeGate ? servingWorkbench(context.writeGate, serve) : serve()) };
    } catch (error) {
      return { ok: false, error: errorOf(error, context) };
    }
  };
}
