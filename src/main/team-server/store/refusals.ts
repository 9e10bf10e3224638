import { UserError } from '../../errors.js';

/** HTTP statuses a request can be refused with for what it asks, as opposed to how it is sent. */
export type RefusalStatus = 403 | 404 | 409 | 422;

/**
 * A request the server understood and will not carry out, and why: 403 the
 * member's role does not allow it, 422 it names what the server does not have or
 * contradicts itself. Nothing of the request has been applied.
 */
export class RequestRefused extends UserError {
  constructor(
    readonly status: RefusalStatus,
    message: string,
  ) {
    super(message);
  }
}

/** The path of the first string (value or object key) holding a NUL character, which PostgreSQL cannot store; null if none. */
export function nulCharacterPath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulCharacterPath(value[i], path === '' ? String(i) : `${path}.${i}`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (key.includes('\u0000')) return at;
      const found = nulCharacterPath(item, at);
      if (found !== null) return found;
    }
  }
  return null;
}
