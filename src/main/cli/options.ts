import { InvalidArgumentError } from 'commander';
import { SPAN_STATUSES, type SpanStatus } from '../../shared/model.js';

/** `--status accepted|suggested|rejected|all` as the list of statuses it means. */
export function parseStatus(value: string): readonly SpanStatus[] {
  if (value === 'all') return SPAN_STATUSES;
  if ((SPAN_STATUSES as readonly string[]).includes(value)) return [value as SpanStatus];
  throw new InvalidArgumentError(`expected ${[...SPAN_STATUSES, 'all'].join(', ')}`);
}

/** `--labels A,B` as a list of label names. */
export function parseList(value: string): readonly string[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (items.length === 0) throw new InvalidArgumentError('expected a comma-separated list');
  return items;
}

/** `--documents 3,7,12`: document ids. */
export function parseIds(value: string): readonly number[] {
  const ids = parseList(value).map(Number);
  if (ids.some((id) => !Number.isInteger(id) || id <= 0)) throw new InvalidArgumentError('expected comma-separated document ids, e.g. 3,7,12');
  return ids;
}

/** A positive whole number, for limits. */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

let stdoutClosed = false;
let stderrClosed = false;

/** Writes a line to standard output; nothing once its reader has gone (`| head -1`). */
export function say(line: string): void {
  if (stdoutClosed || process.stdout.destroyed) return;
  process.stdout.write(`${line}\n`);
}

/** Writes a line to standard error; nothing once its reader has gone. */
export function warn(line: string): void {
  if (stderrClosed || process.stderr.destroyed) return;
  process.stderr.write(`${line}\n`);
}

/** Whether standard output's reader has gone, so nothing written there is read. */
export function isStdoutClosed(): boolean {
  return stdoutClosed;
}

/** Whether an error is a write to a pipe whose reader has gone. */
export function isClosedPipe(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EPIPE';
}

let watching = false;

/**
 * Makes a reader that stops early (`marginalia search … | head -1`) end the
 * command quietly: a closed standard output ends the process with the status
 * the command has set so far, 0 unless it already failed, and no stack trace.
 * Node emits EPIPE as an 'error' event that kills the process when nobody
 * listens, and a command writing a whole export to that pipe could otherwise
 * wait forever for a 'drain' that never comes.
 */
export function endQuietlyWhenOutputCloses(): void {
  if (watching) return;
  watching = true;
  process.stdout.on('error', (error) => {
    if (!isClosedPipe(error)) throw error;
    stdoutClosed = true;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  // With stderr closed too (`2>&1 | head -1`) warnings have nowhere to go; the work goes on.
  process.stderr.on('error', (error) => {
    if (!isClosedPipe(error)) throw error;
    stderrClosed = true;
  });
}

/** A TCP port, 0 meaning "any free port". */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number (0–65535)');
  return n;
}
