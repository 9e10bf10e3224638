/**
 * The workflow benchmark's view of browser mode: starts `marginalia serve` (the
 * compiled command line, as a person runs it) as a child process on a project
 * file, calls the contract's operations over HTTP as the workbench does, and
 * reads the server process's memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { stopChild, type StopOutcome } from './child-stop.js';
import type { ApiResult, InputOf, JobStateDto, OperationName, OutputOf } from '../src/shared/api.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = `${ROOT}bin/marginalia.js`;
const READY = /Marginalia is running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/;
const START_TIMEOUT_MS = 60_000;
/** A server busy in a long synchronous stretch answers SIGTERM only when it yields; past this it is killed. */
const STOP_TIMEOUT_MS = 30_000;

/** An operation the server refused or failed: the contract's error, as data. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';

  constructor(
    readonly operation: string,
    readonly code: string,
    message: string,
  ) {
    super(`${operation}: ${code}: ${message}`);
  }
}

/** One HTTP connection pool: the walk and the responsiveness probe each have their own, as two browser tabs would. */
export type Connection = Agent;

export type { StopOutcome } from './child-stop.js';

/** A running `marginalia serve`. */
export interface Server {
  readonly pid: number;
  readonly port: number;
  /** Opens another pool of connections (a second tab). */
  connection(): Connection;
  /** Calls one operation; throws ApiFailure when the answer is `{ ok: false }`. */
  call<N extends OperationName>(name: N, input: InputOf<N>, connection?: Connection): Promise<OutputOf<N>>;
  /** Stops the server (SIGTERM, as Ctrl-C) and waits for it to exit; kills it when it does not. */
  stop(): Promise<StopOutcome>;
}

/** Starts `marginalia serve --db dbPath --port 0`; the server's stderr goes to `logPath`. */
export async function startServer(dbPath: string, logPath: string): Promise<Server> {
  const child = spawn(process.execPath, [CLI, 'serve', '--db', dbPath, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logPath, { flags: 'a' });
  child.stderr?.pipe(log);
  const { port, token } = await waitForReady(child);
  const walk = new Agent({ keepAlive: true, maxSockets: 1 });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const call = <N extends OperationName>(name: N, input: InputOf<N>, connection: Connection = walk): Promise<OutputOf<N>> =>
    post(port, token, connection, name, input).then((result) => {
      if (!result.ok) throw new ApiFailure(name, result.error.code, result.error.message);
      return result.value as OutputOf<N>;
    });

  return {
    pid: child.pid as number,
    port,
    connection: () => new Agent({ keepAlive: true, maxSockets: 1 }),
    call,
    async stop() {
      walk.destroy();
      const outcome = await stopChild(child, exited, STOP_TIMEOUT_MS);
      log.end();
      return outcome;
    },
  };
}

function waitForReady(child: ChildProcess): Promise<{ port: number; token: string }> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`marginalia serve did not print its link within ${START_TIMEOUT_MS / 1000} s; it printed: ${out}`));
    }, START_TIMEOUT_MS);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const match = READY.exec(out);
      if (match) {
        clearTimeout(timer);
        // Keep draining stdout so the server never blocks on a full pipe.
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve({ port: Number(match[1]), token: match[2] as string });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`marginalia serve exited with code ${code} before it was ready: ${out}`));
    });
  });
}

/** POST /api/NAME with the token header, as the API client does with its cookie; no timeout, a long synchronous answer is a result too. */
function post(port: number, token: string, agent: Agent, name: string, input: unknown): Promise<ApiResult<unknown>> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/api/${name}`,
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-marginalia-token': token,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return reject(new Error(`${name}: HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
          try {
            resolve(JSON.parse(text) as ApiResult<unknown>);
          } catch (error) {
            reject(new Error(`${name}: answer is not JSON (${String(error)})`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** How often a job is polled: finer than the workbench's 300 ms, so short jobs are timed closely. */
const POLL_MS = 100;

/** The end of a job, and whether the benchmark gave up on it. */
export interface JobOutcome {
  readonly state: JobStateDto;
  /** Wall-clock end of the job (the server's finishedAt), or when it was cancelled for taking too long. */
  readonly endedAt: number;
  readonly timedOut: boolean;
}

/**
 * Polls `jobs:get` until the job is no longer running, as the workbench does.
 * `onPoll` sees each state (the import's phases are told apart by it). After
 * `timeoutMs` the job is cancelled and reported as timed out.
 */
export async function waitForJob(
  server: Server,
  jobId: string,
  timeoutMs: number,
  onPoll?: (state: JobStateDto) => void,
): Promise<JobOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await server.call('jobs:get', { jobId });
    onPoll?.(state);
    if (state.state !== 'running') {
      if (state.state === 'failed') throw new Error(`job ${state.kind} failed: ${state.error ?? 'no message'}`);
      return { state, endedAt: state.finishedAt ?? Date.now(), timedOut: false };
    }
    if (Date.now() > deadline) {
      const endedAt = Date.now();
      await server.call('jobs:cancel', { jobId });
      // The job stops between two batches; wait for it so the next step starts on a quiet server.
      let after = await server.call('jobs:get', { jobId });
      while (after.state === 'running') {
        await pause(POLL_MS);
        after = await server.call('jobs:get', { jobId });
      }
      return { state: after, endedAt, timedOut: true };
    }
    await pause(POLL_MS);
  }
}

/** Waits `ms` milliseconds. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const kilobytes = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kilobytes === undefined ? null : (Number(kilobytes) * 1024) / 1e6;
  } catch {
    return null;
  }
}

/** How many threads the server has (the main one, libuv's and V8's, and one per live worker); 0 once it has exited. */
export function threadCount(pid: number): number {
  try {
    return Number(/^Threads:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The server's resident memory now, in MB (0 once it has exited). */
export function rssMb(pid: number): number {
  return statusField(pid, 'VmRSS') ?? 0;
}

/**
 * Peak resident memory of the server over one step, in MB, worker threads
 * included (they share the process). Linux resets the high-water mark VmHWM
 * when "5" is written to /proc/PID/clear_refs, which gives the exact peak of
 * each step; VmRSS is also sampled every 50 ms, the only figure left where
 * the reset is not allowed.
 */
export class PeakMemory {
  #sampled = 0;
  #resettable = true;
  #timer: NodeJS.Timeout | undefined;

  constructor(readonly pid: number) {}

  /** Starts a step: the peak from here on. */
  start(): void {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
    } catch {
      this.#resettable = false;
    }
    this.#sampled = statusField(this.pid, 'VmRSS') ?? 0;
    clearInterval(this.#timer);
    this.#timer = setInterval(() => {
      this.#sampled = Math.max(this.#sampled, statusField(this.pid, 'VmRSS') ?? 0);
    }, 50);
  }

  /** The peak since `start`, and keeps measuring. */
  peakMb(): number {
    const sampled = Math.max(this.#sampled, statusField(this.pid, 'VmRSS') ?? 0);
    if (!this.#resettable) return sampled;
    return Math.max(sampled, statusField(this.pid, 'VmHWM') ?? 0);
  }

  /** Ends the step and returns its peak. */
  stop(): number {
    const peak = this.peakMb();
    clearInterval(this.#timer);
    this.#timer = undefined;
    return peak;
  }

  /** Whether the peak is exact (VmHWM reset per step) rather than sampled. */
  get exact(): boolean {
    return this.#resettable;
  }
}
