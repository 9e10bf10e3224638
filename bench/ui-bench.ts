/**
 * The workbench in Chromium: opening a long, densely annotated document, tagging
 * a word in it, and the first paint of a project of 100,000 documents. Every
 * figure is taken with performance.now() inside the page, so Playwright's own
 * round trips are not in it.
 *
 * `npx tsx bench/ui-bench.ts [--quick]` writes the "Workbench in Chromium"
 * section of docs/benchmarks.md; bench/run.ts can call runUiBench and
 * renderUiSection instead. The UI is served from dist/ (run `npm run build` first).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem, type } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../test/e2e/chromium.js';
import { log, percentile } from './measure.js';
import { replaceSection } from './report.js';
import { buildLongDocumentProject, buildManyDocumentsProject, makeLongDocument, type LongDocument } from './ui-bench-data.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin', 'marginalia.js');
const REPORT = join(ROOT, 'docs', 'benchmarks.md');
const SEED = 20240601;

export const UI_SECTION_START = '<!-- bench:ui:start -->';
export const UI_SECTION_END = '<!-- bench:ui:end -->';

/** Targets the section checks the medians against, in milliseconds. */
export const UI_TARGETS = {
  openLongDocumentMs: 300,
  tagSpanMs: 50,
  firstListOptionMs: 1000,
} as const;

/** A wide desktop window, so the document view shows several blocks of text at once. */
const VIEWPORT = { width: 1440, height: 900 } as const;

/** Median and maximum of a series of samples (milliseconds). */
export interface Figures {
  readonly samples: readonly number[];
  readonly median: number;
  readonly max: number;
}

/** Opening the long document, with where the time went. */
export interface OpenResult {
  /** Click on its list option → its first marks in the DOM and the main thread idle. */
  readonly interactive: Figures;
  /** Click → first marks in the DOM. */
  readonly marks: Figures;
  /** documents:get: request sent → first byte (the server's work). */
  readonly server: Figures;
  /** documents:get: first byte → last byte. */
  readonly download: Figures;
  /** Response complete → first marks (JSON, segmenting, React render and commit). */
  readonly afterResponse: Figures;
  /** Long tasks (≥ 50 ms) between the click and idle, summed. */
  readonly longTasks: Figures;
  readonly responseKb: number;
}

/** Tagging a word with the HOSPITAL key, with where the time went. */
export interface TagResult {
  /** keydown → the new mark in the DOM. */
  readonly mark: Figures;
  /** keydown → spans:create sent. */
  readonly beforeRequest: Figures;
  /** spans:create: sent → response complete. */
  readonly request: Figures;
  /** Response complete → the new mark in the DOM. */
  readonly afterResponse: Figures;
  readonly words: readonly string[];
}

/** The workbench's first paint on a big project. */
export interface FirstPaintResult {
  readonly documents: number;
  /** Navigation start → first list option in the DOM, warm HTTP cache (reloads). */
  readonly firstOption: Figures;
  /** The same on the first visit, through the token link (redirect, cold cache). */
  readonly coldFirstOptionMs: number;
  /** Navigation start → DOMContentLoaded end. */
  readonly domContentLoaded: Figures;
  /** Navigation start → documents:list sent. */
  readonly listSent: Figures;
  /** documents:list: sent → first byte (the server's work). */
  readonly listServer: Figures;
  /** documents:list: sent → response complete. */
  readonly listRequest: Figures;
}

/** The machine and browser the figures came from. */
export interface UiMachine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly chromium: string;
  readonly node: string;
  readonly os: string;
}

/** Everything one run of the workbench benchmark measured. */
export interface UiBenchResult {
  readonly date: string;
  readonly quick: boolean;
  readonly machine: UiMachine;
  readonly longDocument: {
    readonly lengthCp: number;
    readonly lengthU16: number;
    readonly lineBreaks: number;
    readonly spans: number;
    readonly nested: number;
    readonly crossing: number;
    readonly emoji: number;
    readonly buildSeconds: number;
  };
  readonly manyDocuments: { readonly documents: number; readonly buildSeconds: number };
  readonly open: OpenResult;
  readonly tag: TagResult;
  readonly firstPaint: FirstPaintResult;
}

function figures(samples: readonly number[]): Figures {
  return { samples, median: percentile(samples, 50), max: Math.max(...samples) };
}

/** Newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Refuses to run without a build, and warns when sources changed after it (the figures would be of older code). */
function checkBuild(): void {
  const page = join(ROOT, 'dist', 'renderer', 'index.html');
  if (!existsSync(page) || !existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` first');
  if (newestMtime(join(ROOT, 'src')) > statSync(page).mtimeMs) {
    log('warning: src/ changed after the last build; run `npm run build` to measure the current code');
  }
}

interface Server {
  /** The printed URL with its token. */
  readonly url: string;
  readonly origin: string;
  stop(): Promise<void>;
}

/** Starts `marginalia serve` on a project and waits for its ready line. */
async function startServer(dbPath: string): Promise<Server> {
  const child = spawn(process.execPath, [CLI, 'serve', '--db', dbPath, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.once('exit', (code) => reject(new Error(`marginalia serve exited (${code}): ${stderr}`)));
    lines.on('line', (line) => {
      const match = /^Marginalia is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/.exec(line);
      if (match?.[1]) resolveUrl(match[1]);
    });
  });
  return { url, origin: new URL(url).origin, stop: () => stopChild(child) };
}

/** Stops a server this benchmark started, and waits until it has exited. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

/** Runs `work` against a server on `dbPath`, stopping the server afterwards. */
async function withServer<T>(dbPath: string, work: (server: Server) => Promise<T>): Promise<T> {
  const server = await startServer(dbPath);
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}

/** What the page's init script keeps for the benchmark. */
interface BenchGlobals {
  __uiBench?: { firstOptionAt: number | null; tag?: Promise<TagSample | { error: string }> };
}

/**
 * Runs before the app on every load: names the annotator (so no prompt opens),
 * keeps every resource timing, and notes when the first real list option appears.
 */
function initScript(): void {
  try {
    window.localStorage.setItem('marginalia.annotator', 'bench');
  } catch {
    // about:blank has no storage; the workbench pages do.
  }
  performance.setResourceTimingBufferSize(5000);
  const bench: NonNullable<BenchGlobals['__uiBench']> = { firstOptionAt: null };
  (window as Window & BenchGlobals).__uiBench = bench;
  const selector = '[role="listbox"][aria-label="Documents"] [role="option"]:not([aria-disabled="true"])';
  const observer = new MutationObserver(() => {
    if (document.querySelector(selector) === null) return;
    bench.firstOptionAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Counts the page's requests in flight, so a step can wait for the app to finish talking to the server. */
function trackRequests(page: Page): () => number {
  let pending = 0;
  page.on('request', () => pending++);
  page.on('requestfinished', () => pending--);
  page.on('requestfailed', () => pending--);
  return () => pending;
}

/** Waits until no request has been in flight for `quietMs` (the app's follow-up calls are done). */
async function settle(page: Page, pending: () => number, quietMs = 250): Promise<void> {
  let quietSince = performance.now();
  for (let waited = 0; waited < 10_000; waited += 25) {
    if (pending() > 0) quietSince = performance.now();
    else if (performance.now() - quietSince >= quietMs) return;
    await page.waitForTimeout(25);
  }
}

/** A page in a fresh context with the benchmark's init scripts and a request counter. */
async function newPage(browser: Browser): Promise<{ page: Page; pending: () => number; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  // tsx compiles this file with esbuild's keepNames, which wraps local functions in
  // __name(); the page has no such helper, so give it one that does nothing.
  await context.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  await context.addInitScript(initScript);
  const page = await context.newPage();
  return { page, pending: trackRequests(page), close: () => context.close() };
}

/** What the page reports for one opening of the long document (times from navigation start). */
interface OpenSample {
  readonly clickedAt: number;
  readonly marksAt: number;
  readonly idleAt: number;
  readonly longTaskMs: number;
  readonly request: { readonly requestStart: number; readonly responseStart: number; readonly responseEnd: number; readonly bytes: number };
}

/**
 * In the page: clicks the option titled `title` and waits for the document's
 * first marks, then for the main thread to be idle: the next frame and a task
 * after it, or the end of the last long task if one runs later.
 */
async function timeOpen(title: string): Promise<OpenSample> {
  const option = Array.from(document.querySelectorAll('[role="listbox"][aria-label="Documents"] [role="option"]')).find(
    (element) => element.getAttribute('aria-label') === title,
  );
  if (!(option instanceof HTMLElement)) throw new Error(`no list option named ${title}`);
  const longTasks: { start: number; end: number }[] = [];
  const collect = (entries: PerformanceEntryList): void => {
    for (const entry of entries) longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  };
  const taskObserver = new PerformanceObserver((list) => collect(list.getEntries()));
  taskObserver.observe({ type: 'longtask' });
  const marksShown = new Promise<number>((resolveMarks) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('[aria-label="Document text"] mark') === null) return;
      observer.disconnect();
      resolveMarks(performance.now());
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  performance.clearResourceTimings();
  const clickedAt = performance.now();
  option.click();
  const marksAt = await marksShown;
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  const frameAt = performance.now();
  // Long tasks are reported only once they end: a quiet spell after the frame lets late ones arrive.
  await new Promise((done) => setTimeout(done, 300));
  collect(taskObserver.takeRecords());
  taskObserver.disconnect();
  const ours = longTasks.filter((task) => task.end > clickedAt);
  const idleAt = Math.max(frameAt, ...ours.map((task) => task.end));
  const entry = performance
    .getEntriesByType('resource')
    .find((candidate) => new URL(candidate.name).pathname === '/api/documents:get') as PerformanceResourceTiming | undefined;
  if (!entry) throw new Error('no documents:get request was seen');
  return {
    clickedAt,
    marksAt,
    idleAt,
    longTaskMs: ours.reduce((sum, task) => sum + (task.end - Math.max(task.start, clickedAt)), 0),
    request: { requestStart: entry.requestStart, responseStart: entry.responseStart, responseEnd: entry.responseEnd, bytes: entry.encodedBodySize },
  };
}

/** Loads the page (through the token link the first time) and waits until the long document's option is there and the app is quiet. */
async function loadWorkbench(page: Page, pending: () => number, url: string, title: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: title, exact: true }).waitFor();
  await settle(page, pending);
}

async function measureOpen(page: Page, pending: () => number, server: Server, doc: LongDocument, runs: number): Promise<OpenResult> {
  const samples: OpenSample[] = [];
  for (let run = 0; run < runs; run++) {
    // A fresh page every time: nothing of the previous opening is cached in the app.
    await loadWorkbench(page, pending, run === 0 ? server.url : `${server.origin}/`, doc.title);
    const sample = await page.evaluate(timeOpen, doc.title);
    samples.push(sample);
    log(`open ${run + 1}/${runs}: ${(sample.idleAt - sample.clickedAt).toFixed(0)} ms to idle (marks at ${(sample.marksAt - sample.clickedAt).toFixed(0)} ms)`);
  }
  const last = samples[samples.length - 1] as OpenSample;
  return {
    interactive: figures(samples.map((s) => s.idleAt - s.clickedAt)),
    marks: figures(samples.map((s) => s.marksAt - s.clickedAt)),
    server: figures(samples.map((s) => s.request.responseStart - s.request.requestStart)),
    download: figures(samples.map((s) => s.request.responseEnd - s.request.responseStart)),
    afterResponse: figures(samples.map((s) => s.marksAt - s.request.responseEnd)),
    longTasks: figures(samples.map((s) => s.longTaskMs)),
    responseKb: last.request.bytes / 1024,
  };
}

/**
 * In the page: selects the `pick`-th lowercase word (of five letters or more)
 * that is fully in view, not inside a span and not one of `used`, as a mouse
 * drag would, and returns it.
 */
function selectWord({ pick, used }: { pick: number; used: readonly string[] }): string {
  const root = document.querySelector('[aria-label="Document text"]');
  const scroller = root?.parentElement;
  if (!root || !scroller) throw new Error('the document view is not open');
  const view = scroller.getBoundingClientRect();
  const candidates: Range[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('mark') || node.parentElement?.classList.contains('cr')) continue;
    const text = node.textContent ?? '';
    for (const match of text.matchAll(/(?<![\p{L}\p{N}'-])[a-z]{5,}(?![\p{L}\p{N}'-])/gu)) {
      // A word at a run's edge may continue in the next run: only whole words inside one run.
      if (match.index === 0 || match.index + match[0].length === text.length || used.includes(match[0])) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const box = range.getBoundingClientRect();
      if (box.top >= view.top && box.bottom <= view.bottom && box.width > 0) candidates.push(range);
    }
  }
  const range = candidates[(pick * 7) % Math.max(1, candidates.length)];
  if (!range) throw new Error('no untagged word in view');
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  root.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  return range.toString();
}

/** What the page reports for one tagging (times from navigation start). */
interface TagSample {
  readonly keyAt: number;
  readonly markAt: number;
  readonly spanId: number;
  readonly request: { readonly startTime: number; readonly responseEnd: number } | null;
}

/**
 * In the page: before the key press, starts watching for the keydown (capture,
 * so before the app's own listener) and for a mark with an id above `lastId`.
 */
function armTagTimer(lastId: number): void {
  const bench = (window as Window & BenchGlobals).__uiBench;
  const root = document.querySelector('[aria-label="Document text"]');
  if (!bench || !root) throw new Error('the benchmark script or the document view is missing');
  performance.clearResourceTimings();
  let keyAt = Number.NaN;
  window.addEventListener('keydown', () => (keyAt = performance.now()), { capture: true, once: true });
  const newMark = (node: Node): Element | null => {
    if (!(node instanceof Element)) return null;
    const marks = node.matches('mark[data-span-id]') ? [node] : Array.from(node.querySelectorAll('mark[data-span-id]'));
    return marks.find((mark) => Number(mark.getAttribute('data-span-id')) > lastId) ?? null;
  };
  bench.tag = new Promise((resolveTag) => {
    const timeout = setTimeout(() => resolveTag({ error: 'no new mark within 10 s' }), 10_000);
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          const mark = newMark(node);
          if (!mark) continue;
          const markAt = performance.now();
          observer.disconnect();
          clearTimeout(timeout);
          const entry = performance
            .getEntriesByType('resource')
            .find((candidate) => new URL(candidate.name).pathname === '/api/spans:create') as PerformanceResourceTiming | undefined;
          resolveTag({
            keyAt,
            markAt,
            spanId: Number(mark.getAttribute('data-span-id')),
            request: entry ? { startTime: entry.startTime, responseEnd: entry.responseEnd } : null,
          });
          return;
        }
      }
    });
    observer.observe(root, { childList: true, subtree: true });
  });
}

/** In the page: the result armTagTimer's watchers produced. */
async function awaitTag(): Promise<TagSample | { error: string }> {
  const tag = (window as Window & BenchGlobals).__uiBench?.tag;
  if (!tag) return { error: 'the tag timer was not armed' };
  return tag;
}

async function measureTag(page: Page, pending: () => number, firstNewId: number, runs: number): Promise<TagResult> {
  const samples: TagSample[] = [];
  const words: string[] = [];
  let lastId = firstNewId;
  for (let run = 0; run < runs; run++) {
    words.push(await page.evaluate(selectWord, { pick: run, used: words }));
    await page.evaluate(armTagTimer, lastId);
    await page.keyboard.press('1');
    const sample = await page.evaluate(awaitTag);
    if ('error' in sample) throw new Error(`tag ${run + 1}: ${sample.error}`);
    samples.push(sample);
    lastId = sample.spanId;
    log(`tag ${run + 1}/${runs} "${words[run]}": ${(sample.markAt - sample.keyAt).toFixed(1)} ms`);
    // Let the occurrence offer and the list refresh arrive, then put them away for the next word.
    await settle(page, pending);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await settle(page, pending);
  }
  const withRequest = samples.filter((s) => s.request !== null);
  return {
    mark: figures(samples.map((s) => s.markAt - s.keyAt)),
    beforeRequest: figures(withRequest.map((s) => (s.request?.startTime ?? 0) - s.keyAt)),
    request: figures(withRequest.map((s) => (s.request?.responseEnd ?? 0) - (s.request?.startTime ?? 0))),
    afterResponse: figures(withRequest.map((s) => s.markAt - (s.request?.responseEnd ?? 0))),
    words,
  };
}

/** What the page reports for one load of the workbench (times from navigation start). */
interface LoadSample {
  readonly firstOptionAt: number;
  readonly domContentLoaded: number;
  readonly list: { readonly startTime: number; readonly requestStart: number; readonly responseStart: number; readonly responseEnd: number };
}

/** In the page: waits for the first list option, then reads the navigation and documents:list timings. */
async function readLoad(): Promise<LoadSample> {
  const bench = (window as Window & BenchGlobals).__uiBench;
  for (let waited = 0; bench?.firstOptionAt === null && waited < 30_000; waited += 10) {
    await new Promise((done) => setTimeout(done, 10));
  }
  const firstOptionAt = bench?.firstOptionAt ?? null;
  if (firstOptionAt === null) throw new Error('no list option within 30 s');
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const lists = performance
    .getEntriesByType('resource')
    .filter((entry) => new URL(entry.name).pathname === '/api/documents:list') as PerformanceResourceTiming[];
  const list = lists.sort((a, b) => a.startTime - b.startTime)[0];
  if (!navigation || !list) throw new Error('navigation or documents:list timing missing');
  return {
    firstOptionAt,
    domContentLoaded: navigation.domContentLoadedEventEnd,
    list: { startTime: list.startTime, requestStart: list.requestStart, responseStart: list.responseStart, responseEnd: list.responseEnd },
  };
}

async function measureFirstPaint(browser: Browser, server: Server, documents: number, runs: number): Promise<FirstPaintResult> {
  const { page, pending, close } = await newPage(browser);
  try {
    await page.goto(server.url);
    const cold = await page.evaluate(readLoad);
    await settle(page, pending);
    const samples: LoadSample[] = [];
    for (let run = 0; run < runs; run++) {
      await page.goto(`${server.origin}/`);
      const sample = await page.evaluate(readLoad);
      samples.push(sample);
      log(`first paint ${run + 1}/${runs}: first option at ${sample.firstOptionAt.toFixed(0)} ms`);
      await settle(page, pending);
    }
    return {
      documents,
      firstOption: figures(samples.map((s) => s.firstOptionAt)),
      coldFirstOptionMs: cold.firstOptionAt,
      domContentLoaded: figures(samples.map((s) => s.domContentLoaded)),
      listSent: figures(samples.map((s) => s.list.startTime)),
      listServer: figures(samples.map((s) => s.list.responseStart - s.list.requestStart)),
      listRequest: figures(samples.map((s) => s.list.responseEnd - s.list.startTime)),
    };
  } finally {
    await close();
  }
}

function describeMachine(chromiumVersion: string): UiMachine {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: totalmem() / 2 ** 30,
    chromium: chromiumVersion,
    node: process.version,
    os: `${type()} ${release()}`,
  };
}

/** Runs the three workbench measurements in headless Chromium; `quick` uses 10,000 documents and two runs each. */
export async function runUiBench(options: { quick: boolean }): Promise<UiBenchResult> {
  checkBuild();
  const runs = options.quick ? 2 : 5;
  const tagRuns = options.quick ? 2 : 10;
  const documents = options.quick ? 10_000 : 100_000;
  const scratch = mkdtempSync(join(tmpdir(), 'marginalia-ui-bench-'));
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS, headless: true });
  try {
    const doc = makeLongDocument(SEED);
    const longProject = buildLongDocumentProject(join(scratch, 'long.sqlite'), doc);
    log(`long document: ${doc.text.length} UTF-16 units, ${doc.spans.length} spans, built in ${longProject.seconds.toFixed(2)} s`);
    const { open, tag } = await withServer(longProject.path, async (server) => {
      const { page, pending, close } = await newPage(browser);
      try {
        const open = await measureOpen(page, pending, server, doc, runs);
        const tag = await measureTag(page, pending, longProject.lastSpanId, tagRuns);
        return { open, tag };
      } finally {
        await close();
      }
    });
    const many = buildManyDocumentsProject(join(scratch, 'many.sqlite'), documents, SEED);
    log(`list project: ${documents} documents built in ${many.seconds.toFixed(1)} s`);
    const firstPaint = await withServer(many.path, (server) => measureFirstPaint(browser, server, documents, runs));
    return {
      date: new Date().toISOString(),
      quick: options.quick,
      machine: describeMachine(browser.version()),
      longDocument: {
        lengthCp: [...doc.text].length,
        lengthU16: doc.text.length,
        lineBreaks: doc.text.split('\r\n').length - 1,
        spans: doc.spans.length,
        nested: doc.nested,
        crossing: doc.crossing,
        emoji: doc.emoji,
        buildSeconds: longProject.seconds,
      },
      manyDocuments: { documents, buildSeconds: many.seconds },
      open,
      tag,
      firstPaint,
    };
  } finally {
    await browser.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

function ms(value: number): string {
  return `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
}

function verdict(figures: Figures, target: number): string {
  return figures.median <= target ? 'pass' : '**fail**';
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function tableRows(result: UiBenchResult): string[][] {
  const { open, tag, firstPaint } = result;
  return [
    [
      `Open the long document: click on its list option → first marks in the DOM and main thread idle (${open.interactive.samples.length} runs)`,
      ms(open.interactive.median),
      ms(open.interactive.max),
      `≤ ${UI_TARGETS.openLongDocumentMs} ms`,
      verdict(open.interactive, UI_TARGETS.openLongDocumentMs),
    ],
    [
      `Tag a word in it with \`1\`: keydown → new mark in the DOM (${tag.mark.samples.length} words)`,
      ms(tag.mark.median),
      ms(tag.mark.max),
      `≤ ${UI_TARGETS.tagSpanMs} ms`,
      verdict(tag.mark, UI_TARGETS.tagSpanMs),
    ],
    [
      `First paint with ${count(firstPaint.documents)} documents: navigation start → first list option rendered (${firstPaint.firstOption.samples.length} loads)`,
      ms(firstPaint.firstOption.median),
      ms(firstPaint.firstOption.max),
      `≤ ${UI_TARGETS.firstListOptionMs} ms`,
      verdict(firstPaint.firstOption, UI_TARGETS.firstListOptionMs),
    ],
    ['`documents:list` on the server (request sent → first byte)', ms(firstPaint.listServer.median), ms(firstPaint.listServer.max), '–', '–'],
    ['`documents:list` whole request (sent → response complete)', ms(firstPaint.listRequest.median), ms(firstPaint.listRequest.max), '–', '–'],
  ];
}

function notes(result: UiBenchResult): string[] {
  const { open, tag, firstPaint } = result;
  return [
    `- Pass/fail compares the median with the target. Times are \`performance.now()\` in the page; a phase is the median of that phase, so phases need not add up to the total.`,
    `- Open, by phase: click → first marks ${ms(open.marks.median)}; of that, \`documents:get\` took ${ms(open.server.median)} on the server ` +
      `and ${ms(open.download.median)} to download (${open.responseKb.toFixed(0)} KB), then ${ms(open.afterResponse.median)} from the response to the first marks ` +
      `(JSON, segmenting, React render). Long tasks between click and idle: ${ms(open.longTasks.median)} in total. ` +
      `Samples: ${open.interactive.samples.map((s) => s.toFixed(0)).join(', ')} ms.`,
    `- Tag, by phase: keydown → \`spans:create\` sent ${ms(tag.beforeRequest.median)}, the request ${ms(tag.request.median)}, ` +
      `response → new mark ${ms(tag.afterResponse.median)}. Samples: ${tag.mark.samples.map((s) => s.toFixed(0)).join(', ')} ms. ` +
      `Words: ${tag.words.map((word) => `“${word}”`).join(', ')}.`,
    `- First paint, by phase (from navigation start, warm HTTP cache): DOMContentLoaded ${ms(firstPaint.domContentLoaded.median)}, ` +
      `\`documents:list\` sent at ${ms(firstPaint.listSent.median)} and answered in ${ms(firstPaint.listRequest.median)}, first option at ` +
      `${ms(firstPaint.firstOption.median)}. The first visit, through the token link (redirect, cold cache): ${ms(firstPaint.coldFirstOptionMs)}.`,
    `- Headless Chromium without GPU (software rendering), window ${VIEWPORT.width}×${VIEWPORT.height}; the server is \`marginalia serve\` from dist/ on the same machine.`,
  ];
}

/** The markdown of the "Workbench in Chromium" section, markers included. */
export function renderUiSection(result: UiBenchResult): string {
  const { machine, longDocument: doc, manyDocuments } = result;
  const table = [
    '| Measurement | Median | Max | Target | Pass/fail |',
    '| --- | --- | --- | --- | --- |',
    ...tableRows(result).map((row) => `| ${row.join(' | ')} |`),
  ];
  return [
    UI_SECTION_START,
    '## Workbench in Chromium',
    '',
    `Run on ${result.date} with \`npx tsx bench/ui-bench.ts${result.quick ? ' --quick' : ''}\`.`,
    '',
    `- CPU: ${machine.cpu} × ${machine.cores} cores`,
    `- Memory: ${machine.memoryGiB.toFixed(1)} GiB`,
    `- Chromium ${machine.chromium} (headless), Node ${machine.node}, ${machine.os}`,
    `- Long document: ${count(doc.lengthCp)} code points (${count(doc.lengthU16)} UTF-16 units), ${count(doc.lineBreaks)} CRLF line breaks, ` +
      `${doc.emoji} emoji; ${count(doc.spans)} spans of four labels, ${count(doc.nested)} of them inside another span and ` +
      `${count(doc.crossing)} crossing one; project built in ${doc.buildSeconds.toFixed(2)} s`,
    `- List project: ${count(manyDocuments.documents)} documents of about 300 characters, built through \`insertDocument\` in one transaction in ` +
      `${manyDocuments.buildSeconds.toFixed(1)} s`,
    '',
    ...table,
    '',
    ...notes(result),
    UI_SECTION_END,
  ].join('\n');
}

/** Replaces the workbench section of `path` (or appends it at the end). */
export function writeUiSection(path: string, section: string): void {
  replaceSection(path, 'ui', section);
}

function parseArgs(argv: readonly string[]): { quick: boolean } {
  let quick = false;
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else throw new Error(`unknown option ${arg} (options: --quick)`);
  }
  return { quick };
}

async function main(): Promise<void> {
  const result = await runUiBench(parseArgs(process.argv.slice(2)));
  const section = renderUiSection(result);
  writeUiSection(REPORT, section);
  process.stdout.write(`${section}\n`);
  log(`report: wrote ${REPORT}`);
}

// Run only as a script: bench/run.ts imports this module for its functions.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
