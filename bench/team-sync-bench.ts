/**
 * Team sync benchmark: a team server (`marginalia team serve`, compiled, its
 * own process, over loopback) on a throwaway PostgreSQL cluster holding
 * 1,000,000 documents and 20 annotators, and laptops (each its own process)
 * doing what `marginalia team join` and `marginalia sync` do:
 *
 * 1. fill the team database (documents by SQL; labels, annotators and one
 *    assignment per document pushed through the server's push function);
 * 2. a laptop's first pull of 100,000 assigned documents (joinTeam), and of
 *    10,000 and 30,000 on the same server, with the laptop's RSS against the
 *    documents pulled;
 * 3. a sync of 10,000 spans tagged on that laptop with the workbench's edit
 *    function (syncProject);
 * 4. 20 laptops syncing at once, each pushing 10,000 spans in batches it sizes
 *    itself (src/main/team-client/batch-size.ts) and
 *    pulling, every request timed, then a second sync each and the counts
 *    checked against the server's;
 * 5. the server's RSS before, during and after that run.
 *
 * Writes the `team-sync` section of docs/benchmarks.md.
 *
 * Run alone: `npx tsx bench/team-sync-bench.ts [--quick] [--profile]`
 * (--quick: 100,000 documents on the server and 10,000 pulled; --profile: the
 * largest join, the 10,000-span sync and the server run with --cpu-prof, the
 * profiles summarised in .bench/team-sync/; --report-only: write the section
 * again from the last run's results). `npm run bench` runs it too (--quick
 * when the benchmarks are quick). The full size takes about an hour on two
 * cores, most of it filling the database and joining the 20 laptops.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { freemem, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from 'pg';
import { openTeamPool } from '../src/main/team-server/database.js';
import { migrateTeamDatabase } from '../src/main/team-server/migrate.js';
import { startTestCluster } from '../test/helpers/postgres-cluster.js';
import { log, percentile, secondsSince } from './measure.js';
import { sourceState, sqliteVersion } from './run-context.js';
import { describeMachine, writeNamedSection } from './report.js';
import { annotatorNames, fillTeam, teamShape, type FillResult } from './team-sync-fill.js';
import type { ConcurrentResult, EditSyncResult, JoinResult, TimedRequest } from './team-sync-laptop-child.js';
import {
  buildEverything,
  clusterCpuSeconds,
  cpuSecondsOf,
  killLaptops,
  peakRssOf,
  postmasterOf,
  resetPeakRss,
  rssMb,
  runLaptop,
  startLaptop,
  startTeamServe,
  type ServerProcess,
} from './team-sync-procs.js';
import { summariseProfiles, type ProfileSummary } from './team-sync-profile.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORK = join(ROOT, '.bench', 'team-sync');
const LAPTOPS = join(WORK, 'laptops');
const PROFILES = join(WORK, 'profiles');
const REPORT = join(ROOT, 'docs', 'benchmarks.md');
const SEED = 20240601;

/**
 * PostgreSQL's own advice for a dedicated server is shared_buffers at about a
 * quarter of its memory; the default (128 MB) is sized for small machines, and
 * a million documents' records and indexes do not fit in it. 2 GB here, on a
 * machine of 24 GB that also runs the laptops.
 */
const POSTGRES_SETTINGS = { shared_buffers: '2GB' } as const;

/** Targets on the two-core benchmark machine. */
export const TEAM_SYNC_TARGETS = {
  joinSeconds: 60,
  syncSeconds: 5,
  requestP95Ms: 1000,
  /** Peak RSS at the largest pull over the peak at the size below; the server's peak with 20 laptops over a smaller server's. */
  memoryRatio: 1.25,
} as const;

interface Sizes {
  readonly documents: number;
  readonly big: number;
  readonly mid: number;
  readonly small: number;
  readonly annotators: number;
  /** Spans of the one-laptop sync, and of each laptop in the 20-laptop run. */
  readonly spans: number;
}

const FULL: Sizes = { documents: 1_000_000, big: 100_000, mid: 30_000, small: 10_000, annotators: 20, spans: 10_000 };
const QUICK: Sizes = { documents: 100_000, big: 10_000, mid: 3_000, small: 1_000, annotators: 20, spans: 10_000 };

/** CPU seconds of the server process and of the PostgreSQL cluster over one measured step (the laptop reports its own). */
interface ServerCpu {
  readonly server: number;
  readonly database: number;
}

interface JoinRun {
  readonly member: string;
  readonly result: JoinResult;
  readonly serverCpu: ServerCpu;
}

interface RequestFigures {
  readonly count: number;
  readonly totalSeconds: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly failures: number;
}

interface ConcurrentRun {
  readonly laptops: number;
  readonly seconds: number;
  readonly push: RequestFigures;
  readonly pull: RequestFigures;
  readonly perLaptopSeconds: readonly number[];
  readonly laptopCpuSeconds: number;
  readonly serverCpu: ServerCpu;
  readonly serverRss: { readonly beforeMb: number; readonly peakMb: number; readonly sampledMaxMb: number; readonly afterMb: number; readonly afterSettleMb: number };
  readonly pushed: number;
  readonly superseded: number;
  readonly convergence: {
    readonly ok: boolean;
    readonly maxSeq: number;
    readonly serverSpans: number;
    readonly expectedSpans: number;
    readonly problems: readonly string[];
  };
  readonly prepareSeconds: number;
}

export interface TeamSyncResults {
  readonly date: string;
  readonly quick: boolean;
  readonly command: string;
  readonly commit: string;
  readonly changedSourceFiles: number;
  readonly sqliteVersion: string;
  readonly postgresVersion: string;
  /** Settings the cluster was started with beyond the test cluster's own (absent in runs before they were given). */
  readonly postgresSettings?: Readonly<Record<string, string>>;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly freeMemoryGb: number;
  readonly sizes: Sizes;
  readonly quotas: Readonly<Record<string, number>>;
  readonly fill: Omit<FillResult, 'tokens'> & { readonly cpu: { readonly bench: number; readonly database: number } };
  readonly serverRssAtStartMb: number;
  readonly joins: readonly JoinRun[];
  readonly otherJoins: { readonly laptops: number; readonly seconds: number; readonly perLaptopSeconds: readonly number[]; readonly documents: readonly number[] };
  readonly editSync: { readonly result: EditSyncResult; readonly serverCpu: ServerCpu };
  readonly concurrent: ConcurrentRun;
  readonly serverStop: { readonly seconds: number; readonly killed: boolean };
  readonly profiles: readonly ProfileSummary[];
  readonly totalSeconds: number;
}

function requestFigures(requests: readonly TimedRequest[]): RequestFigures {
  const times = requests.map((request) => request.ms);
  return {
    count: requests.length,
    totalSeconds: times.reduce((a, b) => a + b, 0) / 1000,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    maxMs: times.length === 0 ? Number.NaN : Math.max(...times),
    failures: requests.filter((request) => request.status !== 200).length,
  };
}

/** Runs `work` and returns what the server process and the cluster spent on it. */
async function withServerCpu<T>(server: ServerProcess, postmaster: number, work: () => Promise<T>): Promise<{ value: T; serverCpu: ServerCpu }> {
  const server0 = cpuSecondsOf(server.pid);
  const database0 = clusterCpuSeconds(postmaster);
  const value = await work();
  return { value, serverCpu: { server: cpuSecondsOf(server.pid) - server0, database: clusterCpuSeconds(postmaster) - database0 } };
}

function laptopPath(member: string): string {
  return join(LAPTOPS, `${member}.sqlite`);
}

function removeLaptops(): void {
  rmSync(LAPTOPS, { recursive: true, force: true });
  mkdirSync(LAPTOPS, { recursive: true });
}

/** Runs up to `width` jobs at a time. */
async function inParallel<T>(items: readonly T[], width: number, job: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await job(item);
    }),
  );
}

interface RunOptions {
  readonly quick: boolean;
  readonly profile: boolean;
  readonly command: string;
}

/** Runs every step and returns the figures (also kept in .bench/team-sync/results-*.json). */
export async function runTeamSyncBench(options: RunOptions): Promise<TeamSyncResults> {
  const started = performance.now();
  const sizes = options.quick ? QUICK : FULL;
  const source = sourceState();
  mkdirSync(WORK, { recursive: true });
  removeLaptops();
  rmSync(PROFILES, { recursive: true, force: true });
  buildEverything();
  const loadBefore = loadavg();

  const cluster = await startTestCluster(POSTGRES_SETTINGS);
  let server: ServerProcess | null = null;
  const pool = openTeamPool(await cluster.createDatabase('marginalia_team_bench'), { max: 4 });
  try {
    const databaseUrl = cluster.url('marginalia_team_bench');
    await migrateTeamDatabase(pool);
    const postgresVersion = ((await pool.query<{ server_version: string }>('SHOW server_version')).rows[0] as { server_version: string }).server_version;
    const backend = ((await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0] as { pid: number }).pid;
    const postmaster = postmasterOf(backend);

    // 1. Fill.
    const shape = teamShape(sizes.documents, sizes, sizes.annotators);
    const benchCpu0 = process.cpuUsage();
    const database0 = clusterCpuSeconds(postmaster);
    const { tokens, ...fill } = await fillTeam(pool, shape, WORK, SEED);
    const benchCpu = process.cpuUsage(benchCpu0);
    const fillCpu = { bench: (benchCpu.user + benchCpu.system) / 1e6, database: clusterCpuSeconds(postmaster) - database0 };
    log(`team sync: filled in ${fill.seconds.toFixed(0)} s; database ${fill.databaseMb.toFixed(0)} MB`);

    const serverFlags = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILES, 'server')}`] : [];
    server = await startTeamServeWith(databaseUrl, serverFlags);
    const serverRssAtStartMb = rssMb(server.pid);
    const url = server.url;
    const token = (member: string): string => tokens[member] as string;
    const names = annotatorNames(sizes.annotators);
    const [big, small, mid] = names as [string, string, string];

    // 2. First pulls at three sizes, alone on the server.
    const joins: JoinRun[] = [];
    for (const member of [small, mid, big]) {
      const flags = options.profile && member === big ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILES, 'join')}`] : [];
      log(`team sync: ${member} joins (${shape.quotas[member]?.toLocaleString('en-US')} documents)`);
      const run = await withServerCpu(server, postmaster, () => runLaptop<JoinResult>(member, ['join', url, token(member), laptopPath(member)], flags));
      joins.push({ member, result: run.value, serverCpu: run.serverCpu });
      log(`team sync: ${member} joined in ${run.value.seconds.toFixed(1)} s (documents ${run.value.documentsSeconds.toFixed(1)} s), peak RSS ${run.value.peakRssMb.toFixed(0)} MB`);
    }

    // The other laptops of the 20-laptop run join too (two at a time: set-up, not a target).
    const others = names.filter((name) => ![big, mid, small].includes(name));
    const othersStarted = performance.now();
    const otherSeconds: number[] = [];
    const otherDocuments: number[] = [];
    await inParallel(others, 2, async (member) => {
      const result = await runLaptop<JoinResult>(member, ['join', url, token(member), laptopPath(member)]);
      otherSeconds.push(result.seconds);
      otherDocuments.push(result.documents);
      log(`team sync: ${member} joined (${result.documents} documents) in ${result.seconds.toFixed(1)} s`);
    });
    const otherJoins = { laptops: others.length, seconds: secondsSince(othersStarted), perLaptopSeconds: otherSeconds, documents: otherDocuments };

    // 3. One laptop syncs 10,000 spans it tagged.
    log(`team sync: ${big} tags ${sizes.spans.toLocaleString('en-US')} words, then syncs`);
    const editFlags = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILES, 'sync')}`] : [];
    const edit = await withServerCpu(server, postmaster, () =>
      runLaptop<EditSyncResult>(big, ['edit-sync', laptopPath(big), String(sizes.spans), '0'], editFlags),
    );
    log(`team sync: ${sizes.spans} spans synced in ${edit.value.seconds.toFixed(2)} s`);

    // 4. Twenty laptops at once.
    const concurrent = await runConcurrent(server, postmaster, pool, names, big, sizes.spans);

    const serverStop = await server.stop();
    server = null;
    const profiles = options.profile ? summariseProfiles(PROFILES) : [];
    const results: TeamSyncResults = {
      date: new Date().toISOString(),
      quick: options.quick,
      command: options.command,
      commit: source.commit,
      changedSourceFiles: source.changedSourceFiles,
      sqliteVersion: sqliteVersion(),
      postgresVersion,
      postgresSettings: POSTGRES_SETTINGS,
      loadBefore,
      loadAfter: loadavg(),
      freeMemoryGb: freemem() / 2 ** 30,
      sizes,
      quotas: shape.quotas,
      fill: { ...fill, cpu: fillCpu },
      serverRssAtStartMb,
      joins,
      otherJoins,
      editSync: { result: edit.value, serverCpu: edit.serverCpu },
      concurrent,
      serverStop,
      profiles,
      totalSeconds: secondsSince(started),
    };
    writeFileSync(resultsPath(options.quick), `${JSON.stringify(results, null, 2)}\n`);
    return results;
  } finally {
    killLaptops();
    if (server !== null) await server.stop();
    await pool.end();
    cluster.stop();
    // Gigabytes of laptop projects; the figures are in the results file.
    rmSync(LAPTOPS, { recursive: true, force: true });
  }
}

function startTeamServeWith(databaseUrl: string, nodeFlags: readonly string[]): Promise<ServerProcess> {
  if (nodeFlags.length > 0) mkdirSync(join(PROFILES, 'server'), { recursive: true });
  return startTeamServe(databaseUrl, join(WORK, 'server.log'), nodeFlags);
}

function resultsPath(quick: boolean): string {
  return join(WORK, `results-${quick ? 'quick' : 'full'}.json`);
}

/**
 * Every laptop tags its spans first (not timed), then all sync at once on a
 * word from here; the server's RSS is sampled meanwhile. Then each syncs once
 * more (so each has pulled what was pushed after its first pull) and the
 * counts are compared with the server's.
 */
async function runConcurrent(server: ServerProcess, postmaster: number, pool: Pool, names: readonly string[], big: string, spans: number): Promise<ConcurrentRun> {
  log(`team sync: ${names.length} laptops tag ${spans.toLocaleString('en-US')} words each`);
  const prepareStarted = performance.now();
  // The big laptop's first spans went up in step 3: it tags further on.
  const laptops = names.map((member) => ({
    member,
    process: startLaptop(member, ['concurrent', laptopPath(member), String(spans), member === big ? String(Math.ceil(spans / 2)) : '0']),
  }));
  await Promise.all(laptops.map((laptop) => laptop.process.next<{ ready: boolean }>()));
  const prepareSeconds = secondsSince(prepareStarted);
  const expected = await pool.query<{ owner: string; n: string }>(`SELECT owner, count(*) AS n FROM records WHERE kind = 'span' AND NOT deleted GROUP BY owner`);
  const before = new Map(expected.rows.map((row) => [row.owner, Number(row.n)]));

  log('team sync: go');
  resetPeakRss(server.pid);
  const beforeMb = rssMb(server.pid);
  let sampledMaxMb = beforeMb;
  const sampler = setInterval(() => {
    sampledMaxMb = Math.max(sampledMaxMb, rssMb(server.pid));
  }, 100);
  const server0 = cpuSecondsOf(server.pid);
  const database0 = clusterCpuSeconds(postmaster);
  const goAt = performance.now();
  for (const laptop of laptops) laptop.process.send('go');
  const perLaptopSeconds = await Promise.all(laptops.map(async (laptop) => (await laptop.process.next<{ seconds: number }>()).seconds));
  const seconds = secondsSince(goAt);
  clearInterval(sampler);
  const serverCpu = { server: cpuSecondsOf(server.pid) - server0, database: clusterCpuSeconds(postmaster) - database0 };
  const peakMb = peakRssOf(server.pid);
  const afterMb = rssMb(server.pid);
  log(`team sync: all synced in ${seconds.toFixed(1)} s; server RSS ${beforeMb.toFixed(0)} → ${afterMb.toFixed(0)} MB (peak ${peakMb.toFixed(0)})`);

  for (const laptop of laptops) laptop.process.send('settle');
  const results = await Promise.all(laptops.map((laptop) => laptop.process.next<ConcurrentResult>()));
  await Promise.all(laptops.map((laptop) => laptop.process.exited));
  const afterSettleMb = rssMb(server.pid);

  const { rows } = await pool.query<{ owner: string; n: string }>(`SELECT owner, count(*) AS n FROM records WHERE kind = 'span' AND NOT deleted GROUP BY owner`);
  const onServer = new Map(rows.map((row) => [row.owner, Number(row.n)]));
  const maxSeq = Number(((await pool.query<{ max: string }>('SELECT max(seq) AS max FROM records')).rows[0] as { max: string }).max);
  const problems: string[] = [];
  let expectedSpans = 0;
  for (const result of results) {
    const want = (before.get(result.member) ?? 0) + result.spansMade;
    expectedSpans += want;
    const held = onServer.get(result.member) ?? 0;
    if (held !== want) problems.push(`${result.member}: the server holds ${held} of its spans, ${want} expected`);
    if (result.settled.ownSpans !== held) problems.push(`${result.member}: the laptop holds ${result.settled.ownSpans} of its spans, the server ${held}`);
    if (result.settled.pending !== 0) problems.push(`${result.member}: ${result.settled.pending} changes still wait to be pushed`);
    if (result.settled.pullCursor !== maxSeq) problems.push(`${result.member}: pulled up to seq ${result.settled.pullCursor}, the server is at ${maxSeq}`);
    if (result.sync.pushed !== result.spansMade) problems.push(`${result.member}: pushed ${result.sync.pushed} changes for ${result.spansMade} spans`);
  }
  const serverSpans = [...onServer.values()].reduce((a, b) => a + b, 0);
  const allRequests = results.flatMap((result) => result.requests);
  return {
    laptops: laptops.length,
    seconds,
    push: requestFigures(allRequests.filter((request) => request.route === 'POST /v1/push')),
    pull: requestFigures(allRequests.filter((request) => request.route === 'GET /v1/pull')),
    perLaptopSeconds,
    laptopCpuSeconds: results.reduce((sum, result) => sum + result.cpu.user + result.cpu.system, 0),
    serverCpu,
    serverRss: { beforeMb, peakMb, sampledMaxMb, afterMb, afterSettleMb },
    pushed: results.reduce((sum, result) => sum + result.sync.pushed, 0),
    superseded: results.reduce((sum, result) => sum + result.sync.superseded, 0),
    convergence: { ok: problems.length === 0, maxSeq, serverSpans, expectedSpans, problems },
    prepareSeconds,
  };
}

// ── Report ────────────────────────────────────────────────────────────────

const count = (value: number): string => Math.round(value).toLocaleString('en-US');
const seconds = (value: number): string => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} s`;
const ms = (value: number): string => (Number.isNaN(value) ? '–' : `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`);
const passFail = (ok: boolean): string => (ok ? 'pass' : '**fail**');
const cpuCell = (laptop: number | null, server: ServerCpu): string =>
  `${laptop === null ? '' : `laptop ${seconds(laptop)}, `}server ${seconds(server.server)}, PostgreSQL ${seconds(server.database)}`;

function byRoute(requests: readonly TimedRequest[]): string {
  const routes = new Map<string, TimedRequest[]>();
  for (const request of requests) routes.set(request.route, [...(routes.get(request.route) ?? []), request]);
  return [...routes.entries()]
    .map(([route, list]) => {
      const figures = requestFigures(list);
      const mbAnswered = list.reduce((sum, request) => sum + request.answerBytes, 0) / 1e6;
      return `${figures.count} × \`${route}\` ${seconds(figures.totalSeconds)} (p50 ${ms(figures.p50Ms)}, max ${ms(figures.maxMs)}, ${mbAnswered.toFixed(0)} MB answered)`;
    })
    .join('; ');
}

function rssAtShares(result: JoinResult, documents: number): string {
  const inDocuments = result.samples.filter((sample) => sample.phase === 'documents');
  const at = (share: number): string => {
    const sample = inDocuments.find((candidate) => candidate.done >= share * documents);
    return sample === undefined ? '–' : `${sample.rssMb.toFixed(0)} MB`;
  };
  const records = result.samples.filter((sample) => sample.phase !== 'documents');
  const recordsMax = records.length === 0 ? Number.NaN : Math.max(...records.map((sample) => sample.rssMb));
  return `${at(0.25)} / ${at(0.5)} / ${at(0.9)} of the documents; records phase max ${Number.isNaN(recordsMax) ? '–' : `${recordsMax.toFixed(0)} MB`}`;
}

/**
 * The lines of the `team-sync` section (markers added by the writer). `smaller`:
 * a quick run's results, beside which the server's memory is judged (flat: its
 * peak does not grow with the documents it holds).
 */
export function renderTeamSyncSection(results: TeamSyncResults, smaller?: TeamSyncResults): string[] {
  const { sizes, fill, joins, editSync, concurrent } = results;
  const targets = TEAM_SYNC_TARGETS;
  const bigJoin = joins.find((run) => run.result.documents === sizes.big) ?? joins[joins.length - 1];
  const midJoin = joins.find((run) => run.result.documents === sizes.mid);
  if (bigJoin === undefined) return ['## Team sync', '', 'No join was measured.'];
  const big = bigJoin.result;
  const laptopCpu = (cpu: { user: number; system: number }): number => cpu.user + cpu.system;
  const memoryRatio = midJoin ? big.peakRssMb / midJoin.result.peakRssMb : Number.NaN;
  const serverPeak = (run: ConcurrentRun): number => Math.max(run.serverRss.peakMb, run.serverRss.sampledMaxMb);
  const compared = smaller !== undefined && smaller.sizes.documents < sizes.documents ? smaller : undefined;
  const serverRatio = compared === undefined ? Number.NaN : serverPeak(concurrent) / serverPeak(compared.concurrent);
  const quotaValues = Object.values(results.quotas).slice(3);
  const sync = editSync.result;
  const bigRecordsSeconds = big.seconds - big.documentsSeconds;
  const scannedPages = big.requests.filter((request) => request.route === 'GET /v1/pull').length;

  const rows: string[][] = [
    [
      `Fill: ${count(fill.documents)} documents by SQL (${fill.documentMb.toFixed(0)} MB of text)`,
      `${seconds(fill.documentsSeconds)} (${count(fill.documents / fill.documentsSeconds)} documents/s)`,
      '–',
      '–',
      '–',
    ],
    [
      `Fill: ${count(fill.records)} records (labels, annotators, one assignment per document) through the push function, ${count(fill.pushes)} pushes of ≤ 5,000`,
      `${seconds(fill.recordsSeconds)} (${count(fill.records / fill.recordsSeconds)} records/s)`,
      '–',
      '–',
      '–',
    ],
    [
      'Fill in all (with members and VACUUM ANALYZE); database size',
      `${seconds(fill.seconds)}; ${(fill.databaseMb / 1000).toFixed(2)} GB`,
      `bench ${seconds(fill.cpu.bench)}, PostgreSQL ${seconds(fill.cpu.database)}`,
      '–',
      '–',
    ],
    [
      `First pull of ${count(big.documents)} assigned documents (\`joinTeam\`, as \`marginalia team join\`)`,
      `${seconds(big.seconds)}: documents ${seconds(big.documentsSeconds)}, records ${seconds(bigRecordsSeconds)}`,
      cpuCell(laptopCpu(big.cpu), bigJoin.serverCpu),
      `≤ ${targets.joinSeconds} s`,
      passFail(big.seconds <= targets.joinSeconds),
    ],
    ['Peak RSS of the laptop during that pull', `${big.peakRssMb.toFixed(0)} MB`, '–', '–', '–'],
    ...joins
      .filter((run) => run !== bigJoin)
      .map((run) => [
        `First pull of ${count(run.result.documents)} documents (same server, for comparison)`,
        `${seconds(run.result.seconds)}: documents ${seconds(run.result.documentsSeconds)}, records ${seconds(run.result.seconds - run.result.documentsSeconds)}; peak RSS ${run.result.peakRssMb.toFixed(0)} MB`,
        cpuCell(laptopCpu(run.result.cpu), run.serverCpu),
        '–',
        '–',
      ]),
    [
      `Laptop memory flat: peak RSS pulling ${count(sizes.small)} / ${count(sizes.mid)} / ${count(sizes.big)} documents`,
      `${joins.map((run) => `${run.result.peakRssMb.toFixed(0)}`).join(' / ')} MB (${count(sizes.big)} ÷ ${count(sizes.mid)}: ${memoryRatio.toFixed(2)}×)`,
      '–',
      `≤ ${targets.memoryRatio}×`,
      passFail(memoryRatio <= targets.memoryRatio),
    ],
    [
      `Sync of ${count(sync.spansMade)} spans tagged on that laptop (\`syncProject\`, as \`marginalia sync\`)`,
      `${seconds(sync.seconds)}: pushed ${count(sync.sync.pushed)}, pulled ${count(sync.sync.pulled)}`,
      cpuCell(laptopCpu(sync.cpu), editSync.serverCpu),
      `≤ ${targets.syncSeconds} s`,
      passFail(sync.seconds <= targets.syncSeconds),
    ],
    [
      `${concurrent.laptops} laptops at once: each push batch (${count(concurrent.push.count)} requests of 100–2,000 spans)`,
      `p50 ${ms(concurrent.push.p50Ms)}, p95 ${ms(concurrent.push.p95Ms)}, max ${ms(concurrent.push.maxMs)}`,
      cpuCell(concurrent.laptopCpuSeconds, concurrent.serverCpu),
      `p95 ≤ ${targets.requestP95Ms} ms`,
      passFail(concurrent.push.p95Ms <= targets.requestP95Ms && concurrent.push.failures === 0),
    ],
    [
      `${concurrent.laptops} laptops at once: each pull page (${count(concurrent.pull.count)} requests of 100–2,000 records)`,
      `p50 ${ms(concurrent.pull.p50Ms)}, p95 ${ms(concurrent.pull.p95Ms)}, max ${ms(concurrent.pull.maxMs)}`,
      '(the same run)',
      `p95 ≤ ${targets.requestP95Ms} ms`,
      passFail(concurrent.pull.p95Ms <= targets.requestP95Ms && concurrent.pull.failures === 0),
    ],
    [
      `${concurrent.laptops} laptops at once: every laptop's sync, go → done`,
      `${seconds(Math.min(...concurrent.perLaptopSeconds))} – ${seconds(Math.max(...concurrent.perLaptopSeconds))}; all done in ${seconds(concurrent.seconds)}`,
      '–',
      '–',
      '–',
    ],
    [
      'All converge (spans per member on the server = pushed; each laptop holds the server’s count of its spans, nothing waiting, pulled to the last seq)',
      concurrent.convergence.ok
        ? `yes: ${count(concurrent.convergence.serverSpans)} spans on the server, as expected`
        : `**no**: ${concurrent.convergence.problems.slice(0, 3).join('; ')}${concurrent.convergence.problems.length > 3 ? ` (${concurrent.convergence.problems.length} problems)` : ''}`,
      '–',
      'all',
      passFail(concurrent.convergence.ok),
    ],
    [
      `Server RSS before → peak → after the ${concurrent.laptops}-laptop run`,
      `${concurrent.serverRss.beforeMb.toFixed(0)} → ${serverPeak(concurrent).toFixed(0)} → ${concurrent.serverRss.afterMb.toFixed(0)} MB; ${concurrent.serverRss.afterSettleMb.toFixed(0)} MB after the second syncs`,
      '–',
      '–',
      '–',
    ],
    compared === undefined
      ? [
          `Server memory flat: its peak with ${concurrent.laptops} laptops against a smaller server's`,
          `not judged: no run of a smaller server to compare with${results.quick ? ' (this is the quick run; the full run is judged against it)' : ' (run with --quick first)'}`,
          '–',
          `≤ ${targets.memoryRatio}×`,
          '–',
        ]
      : [
          `Server memory flat: its peak with ${concurrent.laptops} laptops, holding ${count(compared.sizes.documents)} / ${count(sizes.documents)} documents`,
          `${serverPeak(compared.concurrent).toFixed(0)} / ${serverPeak(concurrent).toFixed(0)} MB (${serverRatio.toFixed(2)}×; the smaller run of ${compared.date.slice(0, 10)})`,
          '–',
          `≤ ${targets.memoryRatio}×`,
          passFail(serverRatio <= targets.memoryRatio),
        ],
  ];

  const lines: string[] = [
    `## Team sync: a team server with ${count(sizes.documents)} documents`,
    '',
    `Run on ${results.date} with \`${results.command}\` (also part of \`npm run bench\`), on commit ${results.commit}` +
      (results.changedSourceFiles > 0 ? ` with ${results.changedSourceFiles} files under src/ changed and not yet committed.` : '.') +
      (results.quick ? ' **Quick run: the targets are for the full size and are judged here as a preview.**' : ''),
    '',
    ...describeMachine(results.sqliteVersion),
    `- PostgreSQL ${results.postgresVersion}: a throwaway cluster on this machine (test/helpers/postgres-cluster.ts: fsync, synchronous_commit and full_page_writes off; ${Object.entries(results.postgresSettings ?? {}).map(([name, value]) => `${name} ${value}; `).join('')}other settings default)`,
    `- Load average when the run started ${results.loadBefore.map((v) => v.toFixed(1)).join(', ')}; when it ended ${results.loadAfter.map((v) => v.toFixed(1)).join(', ')} ` +
      '(the machine is shared; CPU time is given beside wall time)',
    `- Team: ${count(sizes.documents)} documents, a lead and ${sizes.annotators} annotators; each document assigned to one annotator: ` +
      `a01 ${count(results.quotas.a01 ?? 0)}, a02 ${count(results.quotas.a02 ?? 0)}, a03 ${count(results.quotas.a03 ?? 0)}, ` +
      `a04–a${String(sizes.annotators).padStart(2, '0')} ${count(Math.min(...quotaValues))}–${count(Math.max(...quotaValues))} each; blind annotation on (the default with two or more annotators)`,
    '',
    '| Measurement | Result | CPU time | Target | Pass/fail |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`),
    '',
    '### Where the time goes',
    '',
    `- First pull of ${count(big.documents)}: ${byRoute(big.requests)}. ` +
      `The laptop's own work (storing documents, checking and applying records) is the rest of the ${seconds(big.seconds)}: ${seconds(big.seconds - requestFigures(big.requests).totalSeconds)}. ` +
      `The records phase pulls every record from seq 0 (${count(big.sync.pulled)} visible to ${bigJoin.member} of the ${count(fill.records)} scanned, in ${scannedPages} pages), so it grows with the server's records, not with the member's documents. ` +
      `RSS while pulling: ${rssAtShares(big, big.documents)}.`,
    ...joins
      .filter((run) => run !== bigJoin)
      .map((run) => `- First pull of ${count(run.result.documents)}: ${byRoute(run.result.requests)}; RSS ${rssAtShares(run.result, run.result.documents)}.`),
    `- Sync of ${count(sync.spansMade)} spans: ${byRoute(sync.requests)}; the laptop's own work ${seconds(sync.seconds - requestFigures(sync.requests).totalSeconds)}. Tagging them (not timed) took ${seconds(sync.editSeconds)}.`,
    `- ${concurrent.laptops} laptops: pushes are written one at a time (the advisory lock that keeps seqs in commit order), so a push waits for the pushes ahead of it; ` +
      `push time in all ${seconds(concurrent.push.totalSeconds)} over ${seconds(concurrent.seconds)} of wall time. Pull pages: ${seconds(concurrent.pull.totalSeconds)} in all. ` +
      `${count(concurrent.pushed)} changes pushed, ${count(concurrent.superseded)} superseded.`,
    ...(results.profiles.length > 0
      ? results.profiles.map((profile) => `- Profile of ${profile.name} (\`node --cpu-prof\`, self time): ${profile.top.map((entry) => `${entry.function} ${entry.percent.toFixed(0)}%`).join(', ')}.`)
      : []),
    '',
    '### Notes',
    '',
    '- Filling: documents are generated news articles (bench/text-maker.ts: a headline and two to five paragraphs, seed ' +
      `${SEED}) written with one \`INSERT … SELECT … FROM unnest(…)\` per 2,000, PostgreSQL computing each hash as \`encode(sha256(convert_to(text, 'UTF8')), 'hex')\` and the length as \`char_length\`. ` +
      'Members are added with the store function `team user add` calls (tokens hashed). Labels (those of a new project), annotators and one assignment per document are records pushed ' +
      'through the server\'s own `push` (src/main/team-server/store/push.ts) as the lead, 5,000 a push, so the records, their seqs, the received change ids and the `assignments` table are what the server writes. ' +
      'Documents are dealt out by weighted round robin, so each annotator\'s assignments are spread over the whole run of seqs.',
    `- The server is \`node bin/marginalia.js team serve\` (compiled, its own process) on 127.0.0.1; each laptop is its own Node process running the compiled functions \`marginalia team join\` and \`marginalia sync\` run (joinTeam, syncProject), on its own project file. ` +
      'Every HTTP request is timed in the laptop from the call to fetch until its answer is read (server time and loopback transfer; not the laptop\'s JSON encoding or the schema check of the answer).',
    '- Peak RSS of a laptop is its VmHWM; its RSS is sampled every 250 ms against the documents pulled so far. The server\'s peak is VmHWM after resetting it (5 to /proc/PID/clear_refs) as the 20-laptop run starts, with RSS also sampled every 100 ms. ' +
      'CPU time: the laptop\'s own (process.cpuUsage), the server process\'s and the whole PostgreSQL cluster\'s (postmaster, backends, and backends that ended), from /proc, over the step.',
    `- Before the first pulls the other ${results.otherJoins.laptops} laptops had not joined; they joined after, two at a time, ` +
      `${results.otherJoins.perLaptopSeconds.length > 0 ? `${seconds(Math.min(...results.otherJoins.perLaptopSeconds))}–${seconds(Math.max(...results.otherJoins.perLaptopSeconds))} each` : ''}, ${seconds(results.otherJoins.seconds)} in all (set-up, not judged).`,
    `- The 20-laptop run: every laptop first tags ${count(sizes.spans)} words with the workbench's edit function (${seconds(concurrent.prepareSeconds)}, not timed), then all sync at once on a word from the benchmark: ` +
      'pushes in batches the client sizes by how fast the server answers (500 to start, doubled while answers take under 250 ms, halved when one takes over 500 ms, 100 to 2,000), then pull pages until none is left (pages hold what the others pushed meanwhile, which blind annotation hides from them, so their cursors still move). ' +
      'Each then syncs once more and the counts are compared with the server\'s.',
    `- The server exited ${results.serverStop.seconds.toFixed(1)} s after SIGTERM${results.serverStop.killed ? ' (**killed**: it did not exit within 30 s)' : ''}. The whole run took ${(results.totalSeconds / 60).toFixed(0)} min.`,
  ];
  return lines;
}

/** The last quick run's results, if any: the full run judges the server's memory beside them. */
export function lastQuickResults(): TeamSyncResults | undefined {
  const path = resultsPath(true);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as TeamSyncResults) : undefined;
}

/** Writes the `team-sync` section of docs/benchmarks.md. */
export function writeTeamSyncSection(results: TeamSyncResults, path = REPORT): void {
  writeNamedSection(path, 'team-sync', renderTeamSyncSection(results, results.quick ? undefined : lastQuickResults()));
}

function parseArgs(argv: readonly string[]): { quick: boolean; profile: boolean; reportOnly: boolean } {
  let quick = false;
  let profile = false;
  let reportOnly = false;
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg === '--profile') profile = true;
    else if (arg === '--report-only') reportOnly = true;
    else throw new Error(`unknown option ${arg} (options: --quick, --profile, --report-only)`);
  }
  return { quick, profile, reportOnly };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { quick, profile, reportOnly } = parseArgs(process.argv.slice(2));
  if (reportOnly) {
    const path = resultsPath(quick);
    if (!existsSync(path)) throw new Error(`no results at ${path}: run the benchmark first`);
    writeTeamSyncSection(JSON.parse(readFileSync(path, 'utf8')) as TeamSyncResults);
  } else {
    const command = `npx tsx bench/team-sync-bench.ts${quick ? ' --quick' : ''}${profile ? ' --profile' : ''}`;
    writeTeamSyncSection(await runTeamSyncBench({ quick, profile, command }));
  }
  log(`report: wrote the team sync section of ${REPORT}`);
}

