import cliProgress from 'cli-progress';
import { durationText } from '../../shared/duration-text.js';

/** What a progress line counts: things with a singular and a plural name, or bytes (shown in MB). */
export type ProgressUnit = { readonly one: string; readonly many: string } | 'bytes';

/** The unit most commands count in. */
export const DOCUMENTS: ProgressUnit = { one: 'document', many: 'documents' };

/** Below this much elapsed time a rate says more about start-up than about the work. */
const MIN_ELAPSED_FOR_RATE_MS = 500;

const WHOLE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

function amount(value: number, unit: ProgressUnit): string {
  return unit === 'bytes' ? ONE_DECIMAL.format(value / 1_000_000) : WHOLE.format(value);
}

function rateText(perSecond: number, unit: ProgressUnit): string {
  const value = unit === 'bytes' ? perSecond / 1_000_000 : perSecond;
  // Whole numbers once there are enough of them; below ten a decimal keeps slow work from reading "0/s".
  const text = value >= 10 ? WHOLE.format(value) : ONE_DECIMAL.format(value);
  return unit === 'bytes' ? `${text} MB/s` : `${text}/s`;
}

export { durationText };

/**
 * What a progress line says after the bar: done/total, the rate so far and the
 * time left at that rate, e.g. "1,234/20,000 documents · 850/s · 20 s left".
 * Rate and time left wait until something is done and half a second has passed.
 */
export function progressText(done: number, total: number, elapsedMs: number, unit: ProgressUnit = DOCUMENTS): string {
  const counted = unit === 'bytes' ? `${amount(done, unit)}/${amount(total, unit)} MB` : `${amount(done, unit)}/${amount(total, unit)} ${total === 1 ? unit.one : unit.many}`;
  if (done <= 0 || elapsedMs < MIN_ELAPSED_FOR_RATE_MS) return counted;
  const perSecond = done / (elapsedMs / 1000);
  const parts = [counted, rateText(perSecond, unit)];
  if (done < total) parts.push(`${durationText((total - done) / perSecond)} left`);
  return parts.join(' · ');
}

export interface ProgressLine {
  /** Moves the bar; `fields` fill the format's other placeholders, `unit` changes what is counted from now on. */
  update(done: number, total: number, fields?: Readonly<Record<string, string>>, unit?: ProgressUnit): void;
  stop(): void;
}

const SILENT: ProgressLine = { update() {}, stop() {} };

/**
 * A progress bar on standard error, shown only on a terminal (logs and pipes
 * get just the summary line). `format` places `{bar}` and `{progress}` (see
 * progressText) and names the other fields passed to `update`. The rate is
 * measured from here, so make the line just before the work starts, and again
 * from a step whose count goes back (a command's next phase).
 */
export function progressLine(format: string, unit: ProgressUnit = DOCUMENTS): ProgressLine {
  if (!process.stderr.isTTY) return SILENT;
  let counting = unit;
  let startedAt = performance.now();
  let lastDone = 0;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      // Drawn each frame, not each update, so the time left keeps moving between slow steps.
      format: (options, params, payload) =>
        cliProgress.Format.Formatter({ ...options, format }, params, {
          ...(payload as Record<string, string>),
          progress: progressText(params.value, params.total, performance.now() - startedAt, counting),
        }),
      hideCursor: true,
      clearOnComplete: true,
      fps: 8,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, fields = {}, nextUnit) {
      if (nextUnit) counting = nextUnit;
      if (done < lastDone) startedAt = performance.now();
      lastDone = done;
      if (!started) {
        bar.start(total, done, fields);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, fields);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
