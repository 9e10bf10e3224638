import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '../..');
export const CLI = resolve(REPO_ROOT, 'bin/marginalia.js');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function assertBuilt(): void {
  if (!existsSync(resolve(REPO_ROOT, 'dist/main/cli/index.js'))) {
    throw new Error('the command line is not built: run `npm run build` (npm test does it first)');
  }
}

/** Runs the built `marginalia` command line, as a user would, and waits for it. */
export function runCli(args: readonly string[], input?: string): CliResult {
  assertBuilt();
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts the command line without waiting, for tests that interrupt it. */
export function startCli(args: readonly string[]) {
  assertBuilt();
  return spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}
