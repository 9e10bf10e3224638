/**
 * The project's hybrid logical clock, kept in sync_state: the triggers tick it
 * for local edits (src/main/sync/triggers.ts, the same rules in SQL), these
 * functions for what happens in code. The clock never runs behind a clock it
 * has seen, so an edit made after pulling someone's change orders after it even
 * when their computer's clock is ahead of ours.
 */
import { formatHlc, parseHlc } from '../../shared/sync.js';
import type { Db } from '../store/connection.js';
import { statement } from '../store/statements.js';

/** The counter is four hex digits wide; past it the clock moves on a millisecond. */
const COUNTER_LIMIT = 0xffff;

interface ClockRow {
  readonly wall_ms: number;
  readonly counter: number;
  readonly node: string;
}

function readClock(db: Db): ClockRow {
  return statement(db, 'SELECT wall_ms, counter, node FROM sync_state').get() as ClockRow;
}

function writeClock(db: Db, wallMs: number, counter: number): void {
  statement(db, 'UPDATE sync_state SET wall_ms = ?, counter = ?').run(wallMs, counter);
}

function settle(wallMs: number, counter: number): { wallMs: number; counter: number } {
  return counter > COUNTER_LIMIT ? { wallMs: wallMs + 1, counter: 0 } : { wallMs, counter };
}

/** This laptop's node, the last part of every clock it makes. */
export function clockNode(db: Db): string {
  return readClock(db).node;
}

/** The clock as it stands, without ticking it. */
export function currentHlc(db: Db): string {
  const clock = readClock(db);
  return formatHlc({ wallMs: clock.wall_ms, counter: clock.counter, node: clock.node });
}

/** The lowest clock this laptop can make: what a project's state has before sync, so that any edit the team made wins over it. */
export function zeroHlc(db: Db): string {
  return formatHlc({ wallMs: 0, counter: 0, node: clockNode(db) });
}

/** Ticks the clock for an event here and returns it (inside the caller's transaction). */
export function tickHlc(db: Db, nowMs = Date.now()): string {
  const clock = readClock(db);
  const next = nowMs > clock.wall_ms ? { wallMs: nowMs, counter: 0 } : settle(clock.wall_ms, clock.counter + 1);
  writeClock(db, next.wallMs, next.counter);
  return formatHlc({ ...next, node: clock.node });
}

/**
 * Moves the clock past one received from elsewhere (a pulled record, the
 * server's clock after a push): the receive rule of a hybrid logical clock.
 */
export function observeClock(db: Db, hlc: string, nowMs = Date.now()): void {
  const clock = readClock(db);
  const remote = parseHlc(hlc);
  const wallMs = Math.max(clock.wall_ms, remote.wallMs, nowMs);
  let counter: number;
  if (wallMs === clock.wall_ms && wallMs === remote.wallMs) counter = Math.max(clock.counter, remote.counter) + 1;
  else if (wallMs === clock.wall_ms) counter = clock.counter + 1;
  else if (wallMs === remote.wallMs) counter = remote.counter + 1;
  else counter = 0;
  const next = settle(wallMs, counter);
  writeClock(db, next.wallMs, next.counter);
}
