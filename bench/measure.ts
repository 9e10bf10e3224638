/** Timing, percentiles, child processes and progress output shared by every benchmark. */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A progress line on stderr; stdout of child processes is kept for their JSON result. */
export function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

/** Seconds since `start` (a performance.now() value). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

/** The p-th percentile (0–100) of `values`, nearest-rank, so it is always a measured value. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Megabytes (10^6 bytes), as every throughput in the report counts them. */
export function mb(bytes: number): number {
  return bytes / 1e6;
}

/**
 * Peak resident set size of this process so far, in MB. On Linux getrusage's
 * maxRSS survives an exec, so a child started by a parent holding much memory
 * would report the parent's peak; /proc's VmHWM belongs to this program image alone.
 */
export function peakRssMb(): number {
  if (existsSync('/proc/self/status')) {
    const kilobytes = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kilobytes !== undefined) return (Number(kilobytes) * 1024) / 1e6;
  }
  // maxRSS is in KB.
  return (process.resourceUsage().maxRSS * 1024) / 1e6;
}

/** Deletes a SQLite file with its WAL and shared-memory companions. */
export function removeDatabase(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(path + suffix)) rmSync(path + suffix);
  }
}

/** The repository root: bench/ sits at its top, and its compiled copy two levels further down. */
const ROOT = fileURLToPath(new URL(import.meta.url.includes('/.bench/build/') ? '../../../' : '../', import.meta.url));

let childrenCompiled = false;

/**
 * The JavaScript of a child of bench/, compiled with the sources it imports by
 * tsconfig.bench.json (once per run, so it always matches the sources). Children
 * run as plain JavaScript, as `marginalia` runs: a TypeScript loader in the child
 * would start its own thread and add about 100 MB to the memory being measured.
 */
function compiledChild(script: string): string {
  if (!childrenCompiled) {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.bench.json')], { stdio: 'inherit' });
    childrenCompiled = true;
  }
  return join(ROOT, '.bench', 'build', relative(ROOT, script)).replace(/\.ts$/, '.js');
}

/**
 * Runs a child of bench/ (a TypeScript file) compiled, in a fresh Node process (so
 * its peak memory is its own), and returns the JSON object it prints as its last
 * stdout line.
 */
export async function runChild<T>(script: string, args: readonly string[], nodeFlags: readonly string[] = []): Promise<T> {
  const child = spawn(process.execPath, [...nodeFlags, compiledChild(script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`${script} exited with code ${code}`);
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}

/** Prints a child's result for runChild: one JSON line on stdout. */
export function reportToParent(result: object): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** `--docs N` (or `--docs=N`, at least 100) from a benchmark's arguments; `fallback` when absent. */
export function parseDocs(argv: readonly string[], fallback = 10_000): number {
  let docs = fallback;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--docs') docs = Number(argv[++i]);
    else if (arg?.startsWith('--docs=')) docs = Number(arg.slice('--docs='.length));
    else throw new Error(`unknown option ${arg} (options: --docs N)`);
  }
  if (!Number.isInteger(docs) || docs < 100) throw new Error('--docs needs a whole number of at least 100');
  return docs;
}
