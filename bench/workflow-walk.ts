/**
 * The walk itself: one project through the steps a person takes in the
 * workbench, each step the same contract operations the workbench calls,
 * over browser mode's HTTP API, timed wall-clock with the server's peak memory.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { JobStateDto } from '../src/shared/api.js';
import { EXPORT_FORMATS, type ExportFormat } from '../src/shared/model.js';
import { OffsetMap } from '../src/shared/offsets.js';
import { log } from './measure.js';
import { writeColleagueExport, type ColleagueEdits } from './workflow-corpus.js';
import { startProbe, type Latency, type Probe } from './workflow-probe.js';
import { PeakMemory, pause, rssMb, startServer, threadCount, waitForJob, type Server, type StopOutcome } from './workflow-server.js';

/** Who the walk works as, and the colleague whose export is merged in. */
export const ANNOTATOR = 'ana';
export const COLLEAGUE = 'ben';
/** The label whose suggestions are all accepted. */
export const ACCEPTED_LABEL = 'HOSPITAL';
/** The label the frequent word is tagged with, made by the walk as a person adds one. */
export const WORD_LABEL = 'TOPIC';

/** Which target a step is held to. */
export type TargetKind = 'suggest' | 'step';

/** One step of the walk. */
export interface StepResult {
  /** Stable across sizes, to compare them. */
  readonly key: string;
  readonly title: string;
  readonly target: TargetKind;
  /** Wall time; for a timed-out job, the time until it was cancelled. */
  readonly seconds: number | null;
  readonly peakRssMb: number | null;
  /** The server's RSS when the step began, so the peak's rise is the step's own. */
  readonly rssBeforeMb?: number;
  /** The server's RSS when the step ended: what it kept. */
  readonly rssAfterMb?: number;
  /** Contract calls the step made, job polls not counted. */
  readonly calls: number;
  readonly detail: string;
  readonly timedOut: boolean;
  /** For a timed-out job: the share of its work done when it was cancelled (0–1). */
  readonly doneShare?: number;
  /** Why the step was not taken, or how it failed. */
  readonly skipped?: string;
  /** A failure the job reported in its summary while still finishing (e.g. its duplicate check failed). */
  readonly problem?: string;
}

/** Latency while a job ran. */
export interface ProbeResult {
  readonly key: 'suggest' | 'dedupe';
  readonly title: string;
  readonly latency: Latency;
}

/** Everything one size measured. */
export interface SizeRun {
  readonly docs: number;
  readonly documentsStored: number;
  readonly stockDocumentsStored: number;
  readonly word: string;
  readonly colleague: ColleagueEdits | null;
  readonly baselineRssMb: number;
  readonly finalRssMb: number;
  /** The news server's threads at start and after the last export: a job thread that outlives its job shows here. */
  readonly threads?: { readonly start: number; readonly end: number };
  readonly exactPeaks: boolean;
  /** How each server stopped when sent SIGTERM, news project first. */
  readonly stops: readonly (StopOutcome & { readonly project: string })[];
  readonly steps: readonly StepResult[];
  readonly probes: readonly ProbeResult[];
}

export interface WalkOptions {
  readonly docs: number;
  /** The generated news corpus folder and the stock corpus folder. */
  readonly corpusFolder: string;
  readonly stockFolder: string;
  readonly word: string;
  /** Where projects, exports and the server's log go. */
  readonly workDir: string;
  readonly stepTimeoutMs: number;
  readonly seed: number;
}

interface StepOutcome {
  readonly detail: string;
  readonly calls?: number;
  /** Date.now() at the end, when a job's own finishing time is more precise than the poll that saw it. */
  readonly endedAt?: number;
  readonly timedOut?: boolean;
  readonly doneShare?: number;
}

/** Times steps against one server and collects their results. */
class Recorder {
  readonly steps: StepResult[] = [];
  readonly memory: PeakMemory;
  /** RSS when the step under way began. */
  before = 0;

  constructor(readonly server: Server) {
    this.memory = new PeakMemory(server.pid);
  }

  async step(key: string, title: string, target: TargetKind, body: () => Promise<StepOutcome>): Promise<void> {
    this.before = rssMb(this.server.pid);
    this.memory.start();
    const started = Date.now();
    try {
      const outcome = await body();
      const seconds = ((outcome.endedAt ?? Date.now()) - started) / 1000;
      this.record({ key, title, target, seconds, peakRssMb: this.memory.stop(), calls: outcome.calls ?? 1, detail: outcome.detail, timedOut: outcome.timedOut ?? false, doneShare: outcome.doneShare });
    } catch (error) {
      this.memory.stop();
      this.record({ key, title, target, seconds: null, peakRssMb: null, calls: 0, detail: '', timedOut: false, skipped: `failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  record(measured: StepResult): void {
    const problem = /[^;]*\bfailed: [^;]*/.exec(measured.detail)?.[0].trim();
    const after = measured.rssAfterMb ?? rssMb(this.server.pid);
    const result = { ...measured, rssBeforeMb: measured.rssBeforeMb ?? this.before, rssAfterMb: after, ...(problem ? { problem } : {}) };
    this.before = after;
    this.steps.push(result);
    const time = result.seconds === null ? result.skipped : `${result.seconds.toFixed(2)} s${result.timedOut ? ' (timed out)' : ''}`;
    log(`  ${result.title}: ${time}, peak RSS ${result.peakRssMb?.toFixed(0) ?? '–'} MB; ${result.detail}`);
  }
}

function shareDone(state: JobStateDto): number | undefined {
  return state.filesTotal > 0 ? state.filesDone / state.filesTotal : undefined;
}

/** Runs a job to its end; the outcome's end is the job's own finishing time. */
async function jobStep(server: Server, start: () => Promise<{ jobId: string }>, timeoutMs: number, describe: (state: JobStateDto) => string): Promise<StepOutcome> {
  const { jobId } = await start();
  const outcome = await waitForJob(server, jobId, timeoutMs);
  return {
    detail: describe(outcome.state),
    endedAt: outcome.endedAt,
    timedOut: outcome.timedOut,
    doneShare: outcome.timedOut ? shareDone(outcome.state) : undefined,
  };
}

/**
 * An import job in two rows: until its documents are stored (the job's summary
 * appears), then the duplicate check the job runs over them. `onStored` runs
 * when the documents are in (the responsiveness probe starts there).
 */
async function importStep(
  recorder: Recorder,
  keyPrefix: string,
  what: string,
  paths: readonly string[],
  timeoutMs: number,
  onStored?: () => void,
): Promise<JobStateDto | null> {
  const { server, memory } = recorder;
  recorder.before = rssMb(server.pid);
  memory.start();
  const started = Date.now();
  let storedAt: number | undefined;
  let storedPeak = 0;
  let storedRss: number | undefined;
  let polledAt = Date.now();
  try {
    const { jobId } = await server.call('import:paths', { paths: [...paths] });
    const outcome = await waitForJob(server, jobId, timeoutMs, (state) => {
      if (storedAt === undefined && state.summary !== null) {
        // The summary was set after the previous poll was answered: the send time of this poll is the closer bound.
        storedAt = polledAt;
        storedPeak = memory.peakMb();
        storedRss = rssMb(server.pid);
        memory.start();
        onStored?.();
      }
      polledAt = Date.now();
    });
    const state = outcome.state;
    const stored = storedAt ?? outcome.endedAt;
    recorder.record({
      key: `${keyPrefix}.stored`,
      title: `${what}: documents stored`,
      target: 'step',
      seconds: (stored - started) / 1000,
      peakRssMb: storedAt === undefined ? memory.peakMb() : storedPeak,
      ...(storedRss === undefined ? {} : { rssAfterMb: storedRss }),
      calls: 1,
      detail: state.summary?.split(';')[0] ?? '',
      timedOut: outcome.timedOut && storedAt === undefined,
    });
    recorder.record({
      key: `${keyPrefix}.dedupe`,
      title: `${what}: its duplicate check`,
      target: 'step',
      seconds: (outcome.endedAt - stored) / 1000,
      peakRssMb: memory.stop(),
      ...(storedRss === undefined ? {} : { rssBeforeMb: storedRss }),
      calls: 0,
      detail: state.summary?.split(';').slice(1).join(';').trim() ?? '',
      timedOut: outcome.timedOut,
      doneShare: outcome.timedOut ? shareDone(state) : undefined,
    });
    return state;
  } catch (error) {
    memory.stop();
    const skipped = `failed: ${error instanceof Error ? error.message : String(error)}`;
    recorder.record({ key: `${keyPrefix}.stored`, title: `${what}: documents stored`, target: 'step', seconds: null, peakRssMb: null, calls: 0, detail: '', timedOut: false, skipped });
    return null;
  }
}

function sizeOnDisk(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOnDisk(join(path, name)), 0);
}

function exportPath(workDir: string, docs: number, format: ExportFormat): string {
  return join(workDir, format === 'brat' ? `export-${docs}-brat` : `export-${docs}.${format}`);
}

/** The place of `word` as a whole word in `text`, in code points. */
function wordPlace(text: string, word: string): { startCp: number; endCp: number } | null {
  const match = new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'u').exec(text);
  if (!match) return null;
  const offsets = new OffsetMap(text);
  return { startCp: offsets.toCp(match.index), endCp: offsets.toCp(match.index + word.length) };
}

/** Runs a job while the probe answers; the probe's spans are removed after. */
async function withProbe<T>(server: Server, maxDocumentId: number, seed: number, run: (probe: Probe) => Promise<T>): Promise<{ value: T; latency: Latency }> {
  const probe = startProbe(server, maxDocumentId, seed);
  const from = performance.now();
  try {
    const value = await run(probe);
    const to = performance.now();
    await probe.stop();
    return { value, latency: probe.latency(from, to) };
  } finally {
    await probe.stop();
    await probe.cleanUp();
  }
}

/** The main walk over the news corpus, on a fresh project. */
async function walkNews(options: WalkOptions, recorder: Recorder, probes: ProbeResult[]): Promise<{ stored: number; colleague: ColleagueEdits | null }> {
  const { server } = recorder;
  const timeout = options.stepTimeoutMs;
  await importStep(recorder, 'import', 'Import the corpus folder', [options.corpusFolder], timeout);

  await recorder.step('search', 'Search index catches up (every document searchable)', 'step', async () => {
    let calls = 0;
    for (;;) {
      const page = await server.call('documents:list', { limit: 1 });
      calls++;
      if (page.searchPending === 0) return { detail: `${page.total} documents searchable`, calls };
      await pause(200);
    }
  });
  const stored = (await server.call('documents:list', { limit: 1 })).total;

  let suggestLatency: Latency | undefined;
  await recorder.step('suggest', 'Suggest in all documents', 'suggest', async () => {
    const { value, latency } = await withProbe(server, stored, options.seed, () =>
      jobStep(server, () => server.call('suggestions:run', {}), timeout, (state) => state.summary ?? ''),
    );
    suggestLatency = latency;
    return value;
  });
  if (suggestLatency) probes.push({ key: 'suggest', title: 'Suggest in all documents', latency: suggestLatency });

  await recorder.step('duplicates', 'Find duplicates (as the workbench asks: what is new since the import checked)', 'step', () =>
    jobStep(server, () => server.call('duplicates:detect', {}), timeout, (state) => state.summary ?? ''),
  );

  await recorder.step('accept', `Accept every ${ACCEPTED_LABEL} suggestion in the project (one job)`, 'step', () =>
    jobStep(
      server,
      () => server.call('suggestions:decideAll', { label: ACCEPTED_LABEL, status: 'accepted', annotator: ANNOTATOR }),
      timeout,
      (state) => state.summary ?? '',
    ),
  );

  // Setting up the selection, as a person does: a new label, a search for the word, a document opened.
  await server.call('labels:create', { name: WORD_LABEL, displayName: 'Topic', color: '#7a5195', shortcutKey: '5' });
  const hit = (await server.call('documents:list', { query: options.word, limit: 1 })).items[0];
  const document = hit && (await server.call('documents:get', { id: hit.id }));
  const place = document ? wordPlace(document.text, options.word) : null;
  const selection = document && place ? { documentId: document.id, ...place, label: WORD_LABEL } : null;
  const noPlace = `skipped: no document found with "${options.word}"`;
  if (selection) {
    await recorder.step('occurrences', `Count the places of "${options.word}" across the corpus`, 'step', async () => {
      const found = await server.call('spans:occurrences', selection);
      return { detail: `${found.inCorpus} other places in the corpus, ${found.inDocument} in the document, ${found.searchPending} documents not searchable yet` };
    });
    await recorder.step('tag', `Tag "${options.word}" and every other place of it in the corpus`, 'step', async () => {
      await server.call('spans:create', { ...selection, annotator: ANNOTATOR });
      const { created } = await server.call('spans:tagOccurrences', { ...selection, annotator: ANNOTATOR, scope: 'corpus' });
      return { detail: `${created + 1} spans created`, calls: 2 };
    });
  } else {
    for (const key of ['occurrences', 'tag']) recorder.record({ key, title: `Tag "${options.word}" across the corpus`, target: 'step', seconds: null, peakRssMb: null, calls: 0, detail: '', timedOut: false, skipped: noPlace });
  }

  let keys: string[] = [];
  await recorder.step('entities', 'Entity link suggestions (the first page, as the view loads it)', 'step', async () => {
    const page = await server.call('entities:suggestions', { limit: 100 });
    keys = page.items.map((item) => item.key);
    return { detail: `${page.total} suggestions` };
  });
  if (keys.length > 0) {
    await recorder.step('entities.accept', 'Accept that page of entity link suggestions', 'step', async () => {
      const result = await server.call('entities:acceptSuggestions', { keys });
      return { detail: `${result.linked} spans linked, ${result.created} entities created` };
    });
  }

  const ownExport = join(options.workDir, `own-${options.docs}.jsonl`);
  const colleagueFile = join(options.workDir, `colleague-${options.docs}.jsonl`);
  let colleague: ColleagueEdits | null = null;
  await recorder.step('colleague.export', 'Export jsonl for a colleague', 'step', () =>
    jobStep(server, () => server.call('export:start', { format: 'jsonl', status: 'accepted', path: ownExport }), timeout, (state) => state.summary?.replace(` to ${ownExport}`, '') ?? ''),
  );
  if (existsSync(ownExport)) {
    colleague = await writeColleagueExport(ownExport, colleagueFile, COLLEAGUE, options.seed);
    rmSync(ownExport, { force: true });
    await recorder.step('colleague.merge', "Merge the colleague's export (import:paths)", 'step', () =>
      jobStep(server, () => server.call('import:paths', { paths: [colleagueFile] }), timeout, (state) => state.summary ?? ''),
    );
    rmSync(colleagueFile, { force: true });
  }

  await recorder.step('agreement', 'Agreement between the two annotators', 'step', async () => {
    const report = await server.call('agreement:measure', {});
    const alpha = report.alpha.alpha === null ? '–' : report.alpha.alpha.toFixed(3);
    return { detail: `${report.annotators.join(' & ')}: ${report.documentsCompared} documents compared, α ${alpha}` };
  });

  let firstOpen: number | undefined;
  await recorder.step('adjudication.list', 'Adjudication list (the first page)', 'step', async () => {
    const page = await server.call('adjudication:list', {});
    firstOpen = page.items[0]?.documentId;
    return { detail: `${page.counts.open} documents open, ${page.counts.settled} settled` };
  });
  if (firstOpen !== undefined) {
    const documentId = firstOpen;
    await recorder.step('adjudication.get', 'Open the first document to adjudicate', 'step', async () => {
      const detail = await server.call('adjudication:get', { documentId });
      return { detail: `${detail.disagreements.length} disagreements, ${detail.spans.length} spans` };
    });
  }

  await recorder.step('overview', 'Overview figures', 'step', async () => {
    const overview = await server.call('overview:get', {});
    const spans = overview.spansPerLabel.reduce((sum, row) => sum + row.accepted + row.suggested + row.rejected, 0);
    return { detail: `${spans} spans in ${overview.spansPerLabel.length} labels, ${overview.duplicateClusters.reduce((sum, row) => sum + row.clusters, 0)} clusters` };
  });

  for (const format of EXPORT_FORMATS) {
    const path = exportPath(options.workDir, options.docs, format);
    rmSync(path, { recursive: true, force: true });
    await recorder.step(`export.${format}`, format === 'bundle' ? 'Export the project as a bundle' : `Export ${format}`, 'step', async () => {
      const outcome = await jobStep(server, () => server.call('export:start', { format, status: 'accepted', path }), timeout, (state) => state.summary?.replace(` to ${path}`, '') ?? '');
      return { ...outcome, detail: `${outcome.detail}; ${(sizeOnDisk(path) / 1e6).toFixed(0)} MB` };
    });
    // Hundreds of MB each at the largest size; nothing reads them afterwards.
    rmSync(path, { recursive: true, force: true });
  }
  return { stored, colleague };
}

/** The duplicate walk over the stock corpus: the import's duplicate check is the first detection over every passage. */
async function walkStock(options: WalkOptions, recorder: Recorder, probes: ProbeResult[]): Promise<number> {
  const { server } = recorder;
  let probe: Probe | undefined;
  let from = 0;
  const state = await importStep(recorder, 'stock', 'Import the stock corpus', [options.stockFolder], options.stepTimeoutMs, () => {
    // The documents are in: probe while the duplicate check runs over them.
    probe = startProbe(server, options.docs, options.seed + 1);
    from = performance.now();
  });
  if (probe) {
    const to = performance.now();
    await probe.stop();
    probes.push({ key: 'dedupe', title: 'Duplicate detection (the stock corpus import’s check)', latency: probe.latency(from, to) });
    await probe.cleanUp();
  }
  const stored = state?.documentsImported ?? 0;

  let largest: number | undefined;
  await recorder.step('stock.list', 'Duplicate clusters (the first page, largest first)', 'step', async () => {
    const page = await server.call('duplicates:list', {});
    largest = page.items[0]?.id;
    const top = page.items[0];
    return { detail: `${page.total} suggested clusters; the largest has ${top?.members ?? 0} members in ${top?.documents ?? 0} documents` };
  });
  if (largest !== undefined) {
    const id = largest;
    await recorder.step('stock.get', 'Open the largest cluster', 'step', async () => {
      const cluster = await server.call('duplicates:get', { id });
      return { detail: `${cluster.memberList.length} members listed` };
    });
  }
  return stored;
}

function logStop(stop: (StopOutcome & { project: string }) | undefined): void {
  if (stop) log(`  the ${stop.project} server ${stop.killed ? `did not exit after SIGTERM within ${stop.seconds.toFixed(0)} s and was killed` : `exited ${stop.seconds.toFixed(1)} s after SIGTERM`}`);
}

/** Walks one size: the news project, then the stock project, each on its own server. */
export async function walkSize(options: WalkOptions): Promise<SizeRun> {
  const probes: ProbeResult[] = [];
  const newsDb = join(options.workDir, `news-${options.docs}.sqlite`);
  const stockDb = join(options.workDir, `stock-${options.docs}.sqlite`);
  const serverLog = join(options.workDir, `server-${options.docs}.log`);
  for (const path of [newsDb, stockDb]) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });

  log(`workflow ${options.docs}: news project`);
  const news = await startServer(newsDb, serverLog);
  const recorder = new Recorder(news);
  const baselineRssMb = rssMb(news.pid);
  const threadsAtStart = threadCount(news.pid);
  let threadsAtEnd = 0;
  const stops: (StopOutcome & { project: string })[] = [];
  let walked: { stored: number; colleague: ColleagueEdits | null };
  let finalRssMb = 0;
  try {
    walked = await walkNews(options, recorder, probes);
    finalRssMb = rssMb(news.pid);
    threadsAtEnd = threadCount(news.pid);
  } finally {
    stops.push({ project: 'news', ...(await news.stop()) });
    logStop(stops[stops.length - 1]);
  }

  log(`workflow ${options.docs}: stock project`);
  const stock = await startServer(stockDb, serverLog);
  const stockRecorder = new Recorder(stock);
  let stockStored = 0;
  try {
    stockStored = await walkStock(options, stockRecorder, probes);
  } finally {
    stops.push({ project: 'stock', ...(await stock.stop()) });
    logStop(stops[stops.length - 1]);
  }
  for (const path of [newsDb, stockDb]) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });

  return {
    docs: options.docs,
    documentsStored: walked.stored,
    stockDocumentsStored: stockStored,
    word: options.word,
    colleague: walked.colleague,
    baselineRssMb,
    finalRssMb,
    threads: { start: threadsAtStart, end: threadsAtEnd },
    exactPeaks: recorder.memory.exact,
    stops,
    steps: [...recorder.steps, ...stockRecorder.steps],
    probes,
  };
}
