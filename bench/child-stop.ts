import type { ChildProcess } from 'node:child_process';

/** How a benchmarked server stopped: how long it took after SIGTERM, and whether it had to be killed. */
export interface StopOutcome {
  readonly seconds: number;
  readonly killed: boolean;
}

/**
 * Asks a server to stop (SIGTERM), kills it if it has not exited within
 * `timeoutMs`, and says which it was: a server that finishes its work on
 * SIGTERM is part of what the benchmarks report.
 */
export async function stopChild(child: ChildProcess, exited: Promise<unknown>, timeoutMs: number): Promise<StopOutcome> {
  const started = performance.now();
  let killed = false;
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    await exited;
    clearTimeout(timer);
  }
  return { seconds: (performance.now() - started) / 1000, killed };
}
