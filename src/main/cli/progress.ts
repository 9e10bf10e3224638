import cliProgress from 'cli-progress';

export interface ProgressLine {
  update(done: number, total: number, fields?: Record<string, string>): void;
  stop(): void;
}

const SILENT: ProgressLine = { update() {}, stop() {} };

/**
 * A progress bar on standard error, shown only on a terminal (logs and pipes
 * get just the summary line). `format` names the fields passed to `update`.
 */
export function progressLine(format: string): ProgressLine {
  if (!process.stderr.isTTY) return SILENT;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format, hideCursor: true, clearOnComplete: true, etaBuffer: 50, fps: 8 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, fields = {}) {
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
