import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for one test file: its own data folder, its own
 * loopback port, trust authentication for the `postgres` role, and nothing
 * written to disk that a crash must survive (fsync off), since it is deleted at
 * the end anyway. Tests isolate themselves with one database each.
 */
export interface TestCluster {
  readonly host: string;
  readonly port: number;
  /** A connection URL for a database of this cluster (default: `postgres`). */
  url(database?: string): string;
  /** Creates an empty database with a fresh name (or the one given) and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stops the cluster at once and removes its folder. */
  stop(): void;
}

const DEBIAN_PACKAGE = 'postgresql';

/** The folder holding initdb and pg_ctl: PATH first, then Debian's /usr/lib/postgresql/<version>/bin, newest first. */
export function postgresBinDir(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const dir = join(root, version, 'bin');
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(
    `PostgreSQL is needed for the team server tests and was not found (no initdb/pg_ctl on PATH nor in ${root}/*/bin): ` +
      `install the Debian package \`${DEBIAN_PACKAGE}\` (apt-get install ${DEBIAN_PACKAGE}) or put PostgreSQL's bin folder on PATH`,
  );
}

/** A free TCP port on 127.0.0.1 (free now; the caller retries if it is taken before use). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface OsUser {
  readonly uid: number;
  readonly gid: number;
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` OS user. */
function clusterOwner(): OsUser | null {
  if (userInfo().uid !== 0) return null;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  if (line === undefined) throw new Error('running as root, and there is no `postgres` OS user to run the test cluster as (the Debian package `postgresql` creates it)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function run(binDir: string, owner: OsUser | null, program: string, args: readonly string[]): SpawnSyncReturns<string> {
  const path = join(binDir, program);
  const [command, commandArgs] = owner === null ? [path, args] : ['runuser', ['-u', 'postgres', '--', path, ...args]];
  // A locale the data folder does not depend on the machine's, and UTF-8 so text is stored as sent.
  const env = { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' };
  return spawnSync(command, commandArgs, { encoding: 'utf8', env, cwd: tmpdir() });
}

function check(result: SpawnSyncReturns<string>, what: string, logFile?: string): void {
  if (result.status === 0) return;
  const log = logFile !== undefined && existsSync(logFile) ? `\n${readFileSync(logFile, 'utf8')}` : '';
  throw new Error(`${what} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr}${result.stdout}${log}`);
}

/**
 * Starts a new cluster in a temporary folder. Prefer `useTestCluster()`, which
 * also stops it. `settings`: more server settings (name → value), for a
 * benchmark that sizes the cluster as a real server would be.
 */
export async function startTestCluster(settings: Readonly<Record<string, string>> = {}): Promise<TestCluster> {
  const binDir = postgresBinDir();
  const owner = clusterOwner();
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-pg-'));
  if (owner !== null) chownSync(dir, owner.uid, owner.gid);
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const host = '127.0.0.1';
  try {
    check(run(binDir, owner, 'initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']), 'initdb');
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const extra = Object.entries(settings).map(([name, value]) => ` -c ${name}=${value}`).join('');
      const options = `-k '${dir}' -p ${port} -c listen_addresses=${host} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200${extra}`;
      const started = run(binDir, owner, 'pg_ctl', ['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start']);
      if (started.status === 0) break;
      // Another process may have taken the port between the probe and the start.
      if (attempt >= 3) check(started, 'pg_ctl start', logFile);
    }
    const url = (database = 'postgres'): string => `postgres://postgres@${host}:${port}/${encodeURIComponent(database)}`;
    let stopped = false;
    return {
      host,
      port,
      url,
      async createDatabase(name = `t_${randomBytes(6).toString('hex')}`) {
        const client = new pg.Client({ connectionString: url() });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
        } finally {
          await client.end();
        }
        return url(name);
      },
      stop() {
        if (stopped) return;
        stopped = true;
        run(binDir, owner, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    run(binDir, owner, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
