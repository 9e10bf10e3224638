/**
 * Processes of the team sync benchmark: `marginalia team serve` (compiled, as
 * a team runs it), the laptops (compiled children of bench/), and what /proc
 * says of their memory and CPU time, PostgreSQL's included.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stopChild, type StopOutcome } from './child-stop.js';
import { log } from './measure.js';
import { newestMtime } from './run-context.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin', 'marginalia.js');
const BUILD_LOCK = '/tmp/marginalia-build.lock';
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function compile(project: string): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    // The build lock: others compile into dist/ too.
    execFileSync('flock', [BUILD_LOCK, process.execPath, tsc, '-p', join(ROOT, project)], { stdio: 'inherit' });
  } catch {
    // tsc still writes JavaScript when a type is wrong somewhere else; the run says whether it works.
    log(`team sync: ${project} reported errors; running what it wrote`);
  }
}

/** The server runs from dist/ as `marginalia team serve` does; the laptops from .bench/build. Both compiled from the sources as they are now. */
export function buildEverything(): void {
  const entry = join(ROOT, 'dist', 'main', 'cli', 'index.js');
  const sources = Math.max(newestMtime(join(ROOT, 'src', 'main')), newestMtime(join(ROOT, 'src', 'shared')));
  if (!existsSync(entry) || statSync(entry).mtimeMs < sources) {
    log('team sync: dist/ is older than the sources; compiling the Node side (tsconfig.build.json)');
    compile('tsconfig.build.json');
  }
  compile('tsconfig.bench.json');
}

/** The compiled laptop. */
export const LAPTOP_SCRIPT = join(ROOT, '.bench', 'build', 'bench', 'team-sync-laptop-child.js');

// ── /proc ────────────────────────────────────────────────────────────────

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

/** Resident memory of a process now, MB. */
export function rssMb(pid: number): number {
  return (statusKb(pid, 'VmRSS') * 1024) / 1e6;
}

/** The process's peak resident memory since it started or since resetPeakRss. */
export function peakRssOf(pid: number): number {
  return (statusKb(pid, 'VmHWM') * 1024) / 1e6;
}

/** Starts the peak over from the current RSS (Linux: 5 to clear_refs). */
export function resetPeakRss(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not allowed here: the peak then counts from the start.
  }
}

interface Stat {
  readonly ppid: number;
  /** Seconds of CPU: its own, and its waited-for children's. */
  readonly own: number;
  readonly children: number;
}

function statOf(pid: number): Stat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in brackets and may hold spaces: fields count from after it.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const at = (n: number): number => Number(fields[n - 3]);
    return { ppid: at(4), own: (at(14) + at(15)) / CLOCK_TICKS, children: (at(16) + at(17)) / CLOCK_TICKS };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used. */
export function cpuSecondsOf(pid: number): number {
  return statOf(pid)?.own ?? 0;
}

/**
 * CPU seconds used by a PostgreSQL cluster: the postmaster, the backends and
 * workers alive now, and those gone (whose time the postmaster collected).
 */
export function clusterCpuSeconds(postmaster: number): number {
  const main = statOf(postmaster);
  if (main === null) return 0;
  let total = main.own + main.children;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = statOf(Number(name));
    if (stat?.ppid === postmaster) total += stat.own;
  }
  return total;
}

/** The postmaster's pid: the parent of a backend. */
export function postmasterOf(backendPid: number): number {
  const stat = statOf(backendPid);
  if (stat === null) throw new Error(`no process ${backendPid}: is the database on another machine?`);
  return stat.ppid;
}

// ── the team server ──────────────────────────────────────────────────────

export interface ServerProcess {
  readonly pid: number;
  readonly url: string;
  /** SIGTERM, as Ctrl-C; seconds until it exited (killed after 30 s). */
  stop(): Promise<StopOutcome>;
}

/** Starts `marginalia team serve --database URL --port 0` from dist/ (with `nodeFlags` for Node, such as --cpu-prof); its standard error goes to `logPath`. */
export async function startTeamServe(databaseUrl: string, logPath: string, nodeFlags: readonly string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeFlags, CLI, 'team', 'serve', '--database', databaseUrl, '--port', '0', '--project-name', 'Team sync benchmark'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logFile = createWriteStream(logPath, { flags: 'a' });
  child.stderr?.pipe(logFile);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`marginalia team serve did not listen within 60 s: ${out}`));
    }, 60_000);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`marginalia team serve exited (${code}) before it listened: ${out}`));
    });
  });
  return {
    pid: child.pid as number,
    url,
    async stop() {
      const outcome = await stopChild(child, exited, 30_000);
      logFile.end();
      return outcome;
    },
  };
}

// ── laptops ──────────────────────────────────────────────────────────────

/** A laptop process, talking in JSON lines. */
export interface LaptopProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  /** The next JSON line it prints. */
  next<T>(): Promise<T>;
  send(word: string): void;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();

/** Kills every laptop still running (after a failure, so none is left working on a deleted project). */
export function killLaptops(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Starts the compiled laptop with `args`; its standard error goes to ours, prefixed with `name`. */
export function startLaptop(name: string, args: readonly string[], nodeFlags: readonly string[] = []): LaptopProcess {
  const child = spawn(process.execPath, [...nodeFlags, LAPTOP_SCRIPT, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  const waiting: ((line: string) => void)[] = [];
  const lines: string[] = [];
  let ended = false;
  let stderr = '';
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    const taker = waiting.shift();
    if (taker) taker(line);
    else lines.push(line);
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
    for (const line of chunk.split('\n')) if (line.trim() !== '') process.stderr.write(`[${name}] ${line}\n`);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      ended = true;
      running.delete(child);
      resolve(code);
    }),
  );
  return {
    pid: child.pid as number,
    child,
    exited,
    next<T>(): Promise<T> {
      const ready = lines.shift();
      if (ready !== undefined) return Promise.resolve(JSON.parse(ready) as T);
      if (ended) return Promise.reject(new Error(`laptop ${name} ended: ${stderr.slice(-2000)}`));
      return new Promise<T>((resolve, reject) => {
        waiting.push((line) => resolve(JSON.parse(line) as T));
        void exited.then((code) => reject(new Error(`laptop ${name} exited with code ${code}: ${stderr.slice(-2000)}`)));
      });
    },
    send(word: string) {
      child.stdin?.write(`${word}\n`);
    },
  };
}

/** Runs a laptop to its end and returns the one JSON line it prints. */
export async function runLaptop<T>(name: string, args: readonly string[], nodeFlags: readonly string[] = []): Promise<T> {
  const laptop = startLaptop(name, args, nodeFlags);
  laptop.child.stdin?.end();
  const result = await laptop.next<T>();
  const code = await laptop.exited;
  if (code !== 0) throw new Error(`laptop ${name} exited with code ${code}`);
  return result;
}
