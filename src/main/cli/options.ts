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

/** Writes a line to standard output. */
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Writes a line to standard error. */
export function warn(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** A TCP port, 0 meaning "any free port". */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number (0–65535)');
  return n;
}
