/**
 * How fast a job goes and how long it has left, from what `jobs:get` reports:
 * pure functions of counts and times, so the wording is tested without a job.
 */
import type { JobStateDto } from '../../shared/api.js';
import { durationText } from '../../shared/duration-text.js';

const WHOLE = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Below this much elapsed time a rate says more about start-up than about the work. */
const MIN_ELAPSED_MS = 1000;

export { durationText };
export { countOf } from '../../shared/plural.js';

export interface Pace {
  /** Units (documents, files or bytes) a second since counting began. */
  readonly perSecond: number;
  /** At that rate; null once everything is done. */
  readonly secondsLeft: number | null;
}

/**
 * The rate and time left of work that had done `fromDone` units at `fromAt` and
 * has done `done` of `total` at `now` (times in ms). Null until there is
 * something to go on: a unit done since and a second passed.
 */
export function jobPace(progress: { readonly done: number; readonly total: number; readonly fromDone?: number; readonly fromAt: number; readonly now: number }): Pace | null {
  const { done, total, fromDone = 0, fromAt, now } = progress;
  const elapsedMs = now - fromAt;
  const counted = done - fromDone;
  if (counted <= 0 || elapsedMs < MIN_ELAPSED_MS) return null;
  const perSecond = counted / (elapsedMs / 1000);
  return { perSecond, secondsLeft: done < total ? (total - done) / perSecond : null };
}

/** A rate in the job's unit: "850/s" for things counted, "4.1 MB/s" for bytes. */
export function rateText(perSecond: number, unit: 'count' | 'bytes'): string {
  const value = unit === 'bytes' ? perSecond / 1_000_000 : perSecond;
  // Whole numbers once there are enough of them; below ten a decimal keeps slow work from reading "0/s".
  const text = value >= 10 ? WHOLE.format(value) : ONE_DECIMAL.format(value);
  return unit === 'bytes' ? `${text} MB/s` : `${text}/s`;
}

/** "850/s · 20 s left" (or just the rate once done); empty while there is nothing to go on. */
export function paceText(pace: Pace | null, unit: 'count' | 'bytes'): string {
  if (pace === null) return '';
  const rate = rateText(pace.perSecond, unit);
  return pace.secondsLeft === null ? rate : `${rate} · ${durationText(pace.secondsLeft)} left`;
}

/** What a job's bar measures: bytes when the job knows how many it reads (an import), else its files or documents. */
export function jobCount(state: Pick<JobStateDto, 'filesDone' | 'filesTotal' | 'bytesDone' | 'bytesTotal'>): {
  readonly done: number;
  readonly total: number;
  readonly unit: 'count' | 'bytes';
} {
  return state.bytesTotal > 0 ? { done: state.bytesDone, total: state.bytesTotal, unit: 'bytes' } : { done: state.filesDone, total: state.filesTotal, unit: 'count' };
}
