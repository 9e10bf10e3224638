/**
 * Keys typed straight after a key that could not act are held, not run. A
 * person who pressed N for a note with no span selected goes on typing the
 * note; without the hold "kd" would open the previous document and mark it
 * done. The hold lasts while keys keep coming quickly and ends after a pause,
 * at Escape, or at a click.
 */
import { useUiStore } from '../../stores/ui-store.js';

/** A pause this long after the last key ends the hold: typing has stopped. */
export const HOLD_MS = 1200;

let heldUntil = 0;
let why = '';
let swallowed = '';

/** Starts holding the keys typed next, and says why the key that started it could not act. */
export function holdTypedKeys(reason: string, now = Date.now()): void {
  heldUntil = now + HOLD_MS;
  why = reason;
  swallowed = '';
  useUiStore.getState().notify(reason);
}

/** Ends the hold (Escape, a click: the person is doing something else now). */
export function releaseKeys(): void {
  heldUntil = 0;
  swallowed = '';
}

/** Whether a key event is text a person types: a character, or the keys that edit or end a line of it. */
export function isTextKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  if (event.ctrlKey || event.metaKey) return false;
  return event.key.length === 1 || event.key === 'Enter' || event.key === 'Backspace' || event.key === 'Delete';
}

/**
 * True when `event` is held: it comes within the hold and is text. Each held
 * key extends the hold, and the notice lists what was not run.
 */
export function holdsKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, now = Date.now()): boolean {
  if (now >= heldUntil) return false;
  if (event.key === 'Escape') {
    releaseKeys();
    return false;
  }
  if (!isTextKey(event)) return false;
  heldUntil = now + HOLD_MS;
  swallowed += event.key.length === 1 ? event.key : ` ${event.key} `;
  useUiStore.getState().notify(`${why} Not run as commands: “${swallowed.trim()}”.`);
  return true;
}
