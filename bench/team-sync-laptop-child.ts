/**
 * One laptop of the team sync benchmark, in its own process (compiled, as
 * `marginalia` runs): it does what `marginalia team join` and `marginalia sync`
 * do, through the same functions (joinTeam, syncProject), and reports what it
 * measured as JSON lines on stdout.
 *
 *   join URL TOKEN PROJECT
 *       joins the team into a new project file; times the documents and the
 *       records phases, samples RSS against the documents pulled.
 *   edit-sync PROJECT SPANS FIRST_DOCUMENT
 *       tags SPANS words (two a document from the FIRST_DOCUMENT-th on) with
 *       the workbench's edit function, then times one sync.
 *   concurrent PROJECT SPANS FIRST_DOCUMENT
 *       tags as above, prints {"ready":true}, waits for "go" on stdin, syncs
 *       (timing every request), prints {"synced":…}, waits for "settle", syncs
 *       again and prints what it holds, for the convergence check.
 *
 * Every HTTP request is timed by wrapping fetch (send → answer read), so the
 * report can tell the server's share of a sync from the laptop's.
 */
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { openProject, type Db } from '../src/main/store/connection.js';
import { statement } from '../src/main/store/statements.js';
import { tagSpan } from '../src/main/annotate/span-edits.js';
import { joinTeam } from '../src/main/team-client/publish-join.js';
import { syncProject, type SyncProgress, type SyncReport } from '../src/main/team-client/sync-run.js';
import { syncState } from '../src/main/sync/index.js';
import { u16ToCp } from '../src/shared/offsets.js';

/** One HTTP request as the laptop saw it: from handing it to fetch until its answer was read. */
export interface TimedRequest {
  /** `POST /v1/push`, `GET /v1/pull`, `GET /v1/documents`, … */
  readonly route: string;
  /** When it was sent, in ms since the measured operation began. */
  readonly atMs: number;
  readonly ms: number;
  readonly status: number;
  /** Bytes of the answer (after gunzip) and of the request body. */
  readonly answerBytes: number;
  readonly bodyBytes: number;
}

export interface RssSample {
  readonly atMs: number;
  readonly phase: string;
  readonly done: number;
  readonly rssMb: number;
}

export interface CpuSeconds {
  readonly user: number;
  readonly system: number;
}

export interface JoinResult {
  readonly mode: 'join';
  readonly seconds: number;
  /** Until every document was stored (the records phase starts after). */
  readonly documentsSeconds: number;
  readonly documents: number;
  readonly sync: SyncReport;
  readonly cpu: CpuSeconds;
  readonly peakRssMb: number;
  readonly samples: readonly RssSample[];
  readonly requests: readonly TimedRequest[];
}

export interface EditSyncResult {
  readonly mode: 'edit-sync';
  readonly editSeconds: number;
  readonly spansMade: number;
  readonly pending: number;
  readonly seconds: number;
  readonly sync: SyncReport;
  readonly cpu: CpuSeconds;
  readonly peakRssMb: number;
  readonly requests: readonly TimedRequest[];
}

export interface ConcurrentResult {
  readonly mode: 'concurrent';
  readonly member: string;
  readonly editSeconds: number;
  readonly spansMade: number;
  readonly seconds: number;
  readonly sync: SyncReport;
  readonly cpu: CpuSeconds;
  readonly peakRssMb: number;
  readonly requests: readonly TimedRequest[];
  /** After the second sync, once every laptop had pushed. */
  readonly settled: {
    readonly sync: SyncReport;
    readonly ownSpans: number;
    readonly pending: number;
    readonly pullCursor: number;
  };
}

const mb = (bytes: number): number => bytes / 1e6;

function peakRssMb(): number {
  const kilobytes = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return kilobytes === undefined ? mb(process.resourceUsage().maxRSS * 1024) : mb(Number(kilobytes) * 1024);
}

function cpuSince(start: NodeJS.CpuUsage): CpuSeconds {
  const used = process.cpuUsage(start);
  return { user: used.user / 1e6, system: used.system / 1e6 };
}

const requests: TimedRequest[] = [];
let clockZero = performance.now();

/** Times every request the team client makes; the answer is read here and handed on whole. */
function timeRequests(): void {
  const original = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? 'GET';
    const started = performance.now();
    const response = await original(input, init);
    const answer = await response.arrayBuffer();
    const ms = performance.now() - started;
    const document = url.searchParams.has('document') ? '?document' : '';
    requests.push({
      route: `${method} ${url.pathname}${document}`,
      atMs: started - clockZero,
      ms,
      status: response.status,
      answerBytes: answer.byteLength,
      bodyBytes: typeof init?.body === 'string' ? Buffer.byteLength(init.body) : 0,
    });
    const headers = new Headers(response.headers);
    // The body handed on is already decoded.
    headers.delete('content-encoding');
    headers.delete('content-length');
    return new Response(answer, { status: response.status, statusText: response.statusText, headers });
  };
}

function startClock(): void {
  clockZero = performance.now();
  requests.length = 0;
}

const LABELS = ['HOSPITAL', 'PERSON', 'DATE', 'FIGURE'] as const;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]{3,}/gu;

/**
 * Tags `count` words as the member, spread over the documents from the
 * `firstDocument`-th in id order (two a document when there are enough, more
 * when there are few), each with tagSpan (what `spans:create` runs: checks,
 * history entry, the change log's triggers).
 */
function tagWords(db: Db, count: number, firstDocument: number): number {
  const member = syncState(db).member as string;
  const available = (statement(db, 'SELECT count(*) FROM documents').pluck().get() as number) - firstDocument;
  // One more than an even spread needs, for documents too short to give their share.
  const perDocument = Math.max(2, Math.ceil(count / Math.max(available, 1)) + 1);
  const firstId = statement(db, 'SELECT coalesce(max(id), 0) FROM (SELECT id FROM documents ORDER BY id LIMIT ?)').pluck().get(firstDocument) as number;
  const page = statement(db, 'SELECT id, text FROM documents WHERE id > ? ORDER BY id LIMIT 500');
  let made = 0;
  // A page at a time: tagging writes, which better-sqlite3 refuses while a read is still being iterated.
  for (let afterId = firstId; made < count; ) {
    const documents = page.all(afterId) as { id: number; text: string }[];
    if (documents.length === 0) break;
    for (const document of documents) {
      const words = [...document.text.matchAll(WORD)];
      // The third word, the ninth, the fifteenth…: places of one document never meet.
      for (let at = 2, inDocument = 0; at < words.length && inDocument < perDocument && made < count; at += 6, inDocument++) {
        const word = words[at] as RegExpExecArray;
        const startCp = u16ToCp(document.text, word.index);
        const endCp = u16ToCp(document.text, word.index + word[0].length);
        tagSpan(db, { documentId: document.id, startCp, endCp, label: LABELS[made % LABELS.length] as string, annotator: member });
        made++;
      }
      if (made >= count) break;
    }
    afterId = (documents[documents.length - 1] as { id: number }).id;
  }
  if (made < count) throw new Error(`only ${made} of ${count} words could be tagged in the documents after the ${firstDocument}th`);
  return made;
}

function pendingChanges(db: Db): number {
  return statement(db, 'SELECT count(*) FROM sync_outbox WHERE unsendable IS NULL').pluck().get() as number;
}

function print(value: object): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

async function join(url: string, token: string, path: string): Promise<JoinResult> {
  const samples: RssSample[] = [];
  let phase = 'documents';
  let done = 0;
  let documentsSeconds: number | null = null;
  const sample = (): void => {
    samples.push({ atMs: performance.now() - clockZero, phase, done, rssMb: mb(process.memoryUsage.rss()) });
  };
  const onProgress = (progress: SyncProgress): void => {
    if (progress.phase !== 'documents' && documentsSeconds === null) documentsSeconds = (performance.now() - clockZero) / 1000;
    if (progress.phase !== phase) sample();
    phase = progress.phase;
    done = progress.done;
  };
  const cpu = process.cpuUsage();
  startClock();
  const timer = setInterval(sample, 250);
  const report = await joinTeam(path, { url, token }, { onProgress });
  clearInterval(timer);
  sample();
  const seconds = (performance.now() - clockZero) / 1000;
  return {
    mode: 'join',
    seconds,
    documentsSeconds: documentsSeconds ?? seconds,
    documents: report.documents,
    sync: report.sync,
    cpu: cpuSince(cpu),
    peakRssMb: peakRssMb(),
    samples,
    requests: [...requests],
  };
}

async function editSync(path: string, spans: number, firstDocument: number): Promise<EditSyncResult> {
  const db = openProject(path, { mustExist: true });
  try {
    const editStarted = performance.now();
    const spansMade = tagWords(db, spans, firstDocument);
    const editSeconds = (performance.now() - editStarted) / 1000;
    const pending = pendingChanges(db);
    const cpu = process.cpuUsage();
    startClock();
    const sync = await syncProject(db);
    const seconds = (performance.now() - clockZero) / 1000;
    return { mode: 'edit-sync', editSeconds, spansMade, pending, seconds, sync, cpu: cpuSince(cpu), peakRssMb: peakRssMb(), requests: [...requests] };
  } finally {
    db.close();
  }
}

async function concurrent(path: string, spans: number, firstDocument: number): Promise<ConcurrentResult> {
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const waitFor = async (word: string): Promise<void> => {
    for (;;) {
      const next = await lines.next();
      if (next.done) throw new Error(`stdin closed before "${word}"`);
      if (next.value.trim() === word) return;
    }
  };
  const db = openProject(path, { mustExist: true });
  try {
    const member = syncState(db).member as string;
    const editStarted = performance.now();
    const spansMade = tagWords(db, spans, firstDocument);
    const editSeconds = (performance.now() - editStarted) / 1000;
    print({ ready: true });
    await waitFor('go');
    const cpu = process.cpuUsage();
    startClock();
    const sync = await syncProject(db);
    const seconds = (performance.now() - clockZero) / 1000;
    const timed = [...requests];
    const used = cpuSince(cpu);
    print({ synced: true, seconds });
    await waitFor('settle');
    const settledSync = await syncProject(db);
    const ownSpans = statement(db, 'SELECT count(*) FROM spans WHERE annotator = ?').pluck().get(member) as number;
    return {
      mode: 'concurrent',
      member,
      editSeconds,
      spansMade,
      seconds,
      sync,
      cpu: used,
      peakRssMb: peakRssMb(),
      requests: timed,
      settled: { sync: settledSync, ownSpans, pending: pendingChanges(db), pullCursor: syncState(db).pullCursor },
    };
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  timeRequests();
  const [mode, ...args] = process.argv.slice(2);
  switch (mode) {
    case 'join': {
      const [url, token, path] = args as [string, string, string];
      print(await join(url, token, path));
      break;
    }
    case 'edit-sync': {
      const [path, spans, first] = args as [string, string, string];
      print(await editSync(path, Number(spans), Number(first)));
      break;
    }
    case 'concurrent': {
      const [path, spans, first] = args as [string, string, string];
      print(await concurrent(path, Number(spans), Number(first)));
      break;
    }
    default:
      throw new Error(`unknown mode ${mode} (join, edit-sync, concurrent)`);
  }
  // Nothing may keep the process alive (stdin, an idle keep-alive socket).
  process.exit(0);
}

await main();
