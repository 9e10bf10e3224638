/**
 * An error whose message is meant for the person at the keyboard: it says what
 * went wrong and where, and the CLI prints it as one line without a stack trace.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** The message of any thrown value, for reports. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The command line was used wrongly (exit code 2), as opposed to bad input data. */
export class UsageError extends UserError {}

/** A thing the request names does not exist (reported as `not_found`). */
export class NotFoundError extends UserError {}

/** The request clashes with what is stored (reported as `conflict`). */
export class ConflictError extends UserError {}
