/**
 * Workflow benchmark: the path a person walks in the workbench, end to end,
 * through the operations the workbench calls, over browser mode's HTTP API
 * (`marginalia serve`, the compiled command line, in a child process), at
 * 10,000, 30,000 and 100,000 documents.
 *
 * Each size walks a fresh project of generated news documents: import the
 * folder → every document searchable → suggest in all documents → find
 * duplicates → accept every suggestion of one label → tag a frequent word
 * everywhere in the corpus → entity link suggestions → export jsonl, rewrite it
 * as a colleague's and merge it back → agreement → adjudication list →
 * overview → export in every format and as a bundle. Then a second project of
 * the stock corpus (paragraphs drawn from a pool of 150, so a passage recurs
 * in hundreds of documents) is imported, its duplicate check being the first
 * detection over every passage, and its largest cluster opened.
 * Every step is timed wall-clock with the server process's peak RSS (worker
 * threads included); while suggestions and duplicate detection run, a second
 * connection opens documents and tags words and its latency is reported.
 * Writes the `workflow` section of docs/benchmarks.md.
 *
 * Run alone: `npx tsx bench/workflow-bench.ts [--sizes 10000,30000,100000]
 * [--step-timeout-minutes 30]` (builds the command line first when the
 * sources are newer than dist/; `--report-only` writes the section again
 * from the last run's .bench/workflow/results.json), or as part of the benchmarks:
 * `npm run bench -- --workflow [--quick | --docs N]` (sizes up to N; --quick
 * is 10,000 only). The 100,000 walk takes an hour or more on two cores.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { freemem, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_SEED, ensureCorpus } from './generate-corpus.js';
import { log, mb } from './measure.js';
import { newestMtime, sourceState, sqliteVersion } from './run-context.js';
import { describeMachine, writeNamedSection } from './report.js';
import { ensureStockFiles, frequentWord } from './workflow-corpus.js';
import { ACCEPTED_LABEL, ANNOTATOR, COLLEAGUE, walkSize, type SizeRun, type StepResult } from './workflow-walk.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRATCH = join(ROOT, '.bench');
const WORK = join(SCRATCH, 'workflow');
const REPORT = join(ROOT, 'docs', 'benchmarks.md');
/** The last run's figures, from which `--report-only` writes the section again. */
const RESULTS = join(WORK, 'results.json');

/** The sizes walked by default. */
export const WORKFLOW_SIZES: readonly number[] = [10_000, 30_000, 100_000];

/** Targets at 100,000 documents on the two-core benchmark machine. */
export const WORKFLOW_TARGETS = {
  suggestSeconds: 60,
  stepSeconds: 30,
  /** Time per document at the largest size over time per document at the smallest. */
  growth: 1.5,
  /** Peak RSS at the largest size over the peak at the size below it. */
  memoryRatio: 1.25,
  /** Below this at the largest size a step is not judged on growth: fixed costs dominate. */
  growthFloorSeconds: 1,
  probeP95Ms: 100,
} as const;

/** Share of documents the frequent word is found in. */
const WORD_SHARE = 0.3;

export interface WorkflowResults {
  readonly date: string;
  readonly sqliteVersion: string;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly freeMemoryGb: number;
  readonly command: string;
  /** The commit, and how many files under src/ differed from it when the server was built. */
  readonly source: { readonly commit: string; readonly changedSourceFiles: number };
  readonly corpora: readonly { readonly docs: number; readonly newsMb: number; readonly stockMb: number }[];
  readonly runs: readonly SizeRun[];
}

/** The server runs from dist/ as `marginalia` does: compile the Node side when the sources are newer. */
function ensureBuilt(): void {
  const entry = join(ROOT, 'dist', 'main', 'cli', 'main.js');
  const sources = Math.max(newestMtime(join(ROOT, 'src', 'main')), newestMtime(join(ROOT, 'src', 'shared')));
  if (existsSync(entry) && statSync(entry).mtimeMs >= sources) return;
  log('workflow: dist/ is older than the sources; compiling the Node side (tsc -p tsconfig.build.json)');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  } catch {
    // tsc still writes JavaScript when a type is wrong somewhere; the walk says whether it runs.
    log('workflow: the compiler reported errors; running what it wrote');
  }
}

/** Walks every size in `sizes` and returns the figures (also kept in .bench/workflow/results.json). */
export async function runWorkflowBench(sizes: readonly number[], stepTimeoutMinutes = 30, command = 'npx tsx bench/workflow-bench.ts'): Promise<WorkflowResults> {
  const source = sourceState();
  ensureBuilt();
  mkdirSync(WORK, { recursive: true });
  const loadBefore = loadavg();
  const runs: SizeRun[] = [];
  const corpora: { docs: number; newsMb: number; stockMb: number }[] = [];
  for (const docs of [...sizes].sort((a, b) => a - b)) {
    const corpus = ensureCorpus({ docs, seed: CORPUS_SEED, scratch: SCRATCH }, log);
    const stock = ensureStockFiles(SCRATCH, docs, CORPUS_SEED);
    const { word, share } = frequentWord(corpus.folder, WORD_SHARE);
    log(`workflow ${docs}: tagging "${word}" (in ${(share * 100).toFixed(0)}% of the first 2,000 documents)`);
    corpora.push({ docs, newsMb: mb(corpus.manifest.bytes), stockMb: mb(stock.bytes) });
    const run = await walkSize({
      docs,
      corpusFolder: corpus.folder,
      stockFolder: stock.folder,
      word,
      workDir: WORK,
      stepTimeoutMs: stepTimeoutMinutes * 60_000,
      seed: CORPUS_SEED,
    });
    runs.push(run);
    writeFileSync(join(WORK, `result-${docs}.json`), `${JSON.stringify(run, null, 2)}\n`);
  }
  const results: WorkflowResults = {
    date: new Date().toISOString(),
    sqliteVersion: sqliteVersion(),
    loadBefore,
    loadAfter: loadavg(),
    freeMemoryGb: freemem() / 2 ** 30,
    command,
    source,
    corpora,
    runs,
  };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}

// ── Report ────────────────────────────────────────────────────────────────

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function targetSeconds(step: StepResult): number {
  return step.target === 'suggest' ? WORKFLOW_TARGETS.suggestSeconds : WORKFLOW_TARGETS.stepSeconds;
}

function timeCell(step: StepResult): string {
  if (step.seconds === null) return step.skipped ?? 'not measured';
  const time = `${step.seconds < 10 ? step.seconds.toFixed(2) : step.seconds.toFixed(1)} s`;
  if (!step.timedOut) return time;
  const projected = step.doneShare !== undefined && step.doneShare > 0 ? `, ${(step.doneShare * 100).toFixed(0)}% done: ≈ ${(step.seconds / step.doneShare).toFixed(0)} s in all` : '';
  return `> ${time} (cancelled${projected})`;
}

/** Time per document at `step`'s size over time per document at `base`'s size; null when either was not measured. */
function growthOf(step: StepResult, docs: number, base: StepResult | undefined, baseDocs: number): number | null {
  if (step.seconds === null || base?.seconds === null || base === undefined || base.seconds <= 0) return null;
  // A timed-out step's time is a lower bound; its projection is the fairer figure.
  const seconds = step.timedOut && step.doneShare ? step.seconds / step.doneShare : step.seconds;
  return seconds / docs / (base.seconds / baseDocs);
}

interface Verdict {
  readonly failures: string[];
  readonly growth: number | null;
  readonly memoryRatio: number | null;
}

function judge(step: StepResult, docs: number, base: { step?: StepResult; docs: number }, below: { step?: StepResult; docs: number } | undefined): Verdict {
  const failures: string[] = [];
  const growth = growthOf(step, docs, base.step, base.docs);
  const memoryRatio = step.peakRssMb !== null && below?.step?.peakRssMb ? step.peakRssMb / below.step.peakRssMb : null;
  if (step.seconds === null) return { failures: ['not measured'], growth, memoryRatio };
  if (step.problem) failures.push(step.problem);
  if (step.timedOut || step.seconds > targetSeconds(step)) failures.push('time');
  if (growth !== null && step.seconds >= WORKFLOW_TARGETS.growthFloorSeconds && growth > WORKFLOW_TARGETS.growth) failures.push('growth');
  if (memoryRatio !== null && memoryRatio > WORKFLOW_TARGETS.memoryRatio) failures.push('memory');
  return { failures, growth, memoryRatio };
}

function ratioCell(value: number | null, digits = 2): string {
  return value === null ? '–' : `${value.toFixed(digits)}×`;
}

/** The peak, and how far it rose above where the step began: what the step itself needed. */
function peakCell(step: StepResult): string {
  if (step.peakRssMb === null) return '–';
  if (step.rssBeforeMb === undefined) return `${step.peakRssMb.toFixed(0)} MB`;
  return `${step.peakRssMb.toFixed(0)} MB (+${Math.max(0, step.peakRssMb - step.rssBeforeMb).toFixed(0)})`;
}

function stopSentence(run: SizeRun): string {
  return run.stops
    .map((stop) => (stop.killed ? `The ${stop.project} server **did not exit** within ${stop.seconds.toFixed(0)} s of SIGTERM and was killed.` : `The ${stop.project} server exited ${stop.seconds.toFixed(1)} s after SIGTERM.`))
    .join(' ');
}

/** The lines of the `workflow` section (markers added by the writer). */
export function renderWorkflowSection(results: WorkflowResults): string[] {
  const runs = [...results.runs].sort((a, b) => a.docs - b.docs);
  const smallest = runs[0];
  const largest = runs[runs.length - 1];
  if (!smallest || !largest) return ['## Workflow', '', 'No size was walked.'];
  const judgedAtTarget = largest.docs === 100_000;
  const lines: string[] = [
    '## Workflow: a person’s path through the workbench, over HTTP',
    '',
    `Run on ${results.date} with \`${results.command}\`, on commit ${results.source.commit}` +
      (results.source.changedSourceFiles > 0 ? ` with ${results.source.changedSourceFiles} files under src/ changed and not yet committed (the server ran what the tree held).` : '.'),
    '',
    ...describeMachine(results.sqliteVersion),
    `- Load average when the run started ${results.loadBefore.map((v) => v.toFixed(1)).join(', ')}; when it ended ${results.loadAfter.map((v) => v.toFixed(1)).join(', ')} ` +
      '(the machine is shared: other work running beside the benchmark slows every step)',
    `- Corpora: ${results.corpora.map((c) => `${count(c.docs)} news documents (${c.newsMb.toFixed(0)} MB) and ${count(c.docs)} stock documents (${c.stockMb.toFixed(0)} MB)`).join('; ')}; seed ${CORPUS_SEED}`,
    '',
    'Each step is what the workbench sends for it, posted to `marginalia serve` (the compiled command line, a child process) with the run’s token; ' +
      'jobs are polled with `jobs:get` every 100 ms and timed to the job’s own finishing time. Time is wall-clock from the first request of the step; ' +
      'peak RSS is the server process’s, worker threads included, reset at each step (VmHWM after writing 5 to /proc/PID/clear_refs), ' +
      'with its rise above the RSS the step began from in brackets; RSS after is what the process kept.',
    '',
    `**Targets** at 100,000 documents: suggest in all documents ≤ ${WORKFLOW_TARGETS.suggestSeconds} s, every other step ≤ ${WORKFLOW_TARGETS.stepSeconds} s; ` +
      `**growth** (time per document at the largest size ÷ time per document at ${count(smallest.docs)}) ≤ ${WORKFLOW_TARGETS.growth}×, ` +
      `not judged for a step under ${WORKFLOW_TARGETS.growthFloorSeconds} s at the largest size; **memory flat**: a step’s peak RSS at the largest size ≤ ` +
      `${WORKFLOW_TARGETS.memoryRatio}× its peak at the size below. Responsiveness: p95 ≤ ${WORKFLOW_TARGETS.probeP95Ms} ms for \`documents:get\` and \`spans:create\` ` +
      'from a second connection while suggestions and duplicate detection run on the largest project.' +
      (judgedAtTarget ? '' : ` **This run stopped at ${count(largest.docs)} documents: the verdicts below apply the 100,000 targets at that size, as a preview.**`),
  ];

  const previous = (index: number) => runs[index - 1];
  runs.forEach((run, index) => {
    const judged = run === largest;
    const below = previous(index);
    lines.push(
      '',
      `### ${count(run.docs)} documents (${count(run.documentsStored)} stored; stock project ${count(run.stockDocumentsStored)})`,
      '',
      `Server RSS ${run.baselineRssMb.toFixed(0)} MB at start, ${run.finalRssMb.toFixed(0)} MB after the last export` +
        (run.threads ? ` (threads: ${run.threads.start} at start, ${run.threads.end} after the last export)` : '') +
        `. ${stopSentence(run)} ` +
        `Frequent word: “${run.word}”.` +
        (run.colleague
          ? ` Colleague (${COLLEAGUE}): ${count(run.colleague.spans)} spans, ${count(run.colleague.dropped)} left out, ${count(run.colleague.shortened)} a character shorter, ${count(run.colleague.relabelled)} relabelled.`
          : ''),
      '',
      `| Step | Time | Peak RSS | RSS after | Target | Pass/fail | Growth per document vs ${count(smallest.docs)} | Peak RSS vs ${below ? count(below.docs) : '–'} | What it did |`,
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const step of run.steps) {
      const verdict = judge(step, run.docs, { step: smallest.steps.find((s) => s.key === step.key), docs: smallest.docs }, below && { step: below.steps.find((s) => s.key === step.key), docs: below.docs });
      const target = judged ? `≤ ${targetSeconds(step)} s` : '–';
      const passFail = !judged ? (step.problem ? `**fail** (${step.problem})` : '–') : verdict.failures.length === 0 ? 'pass' : `**fail** (${verdict.failures.join(', ')})`;
      const growth = run === smallest ? '–' : ratioCell(verdict.growth);
      const memory = below ? ratioCell(verdict.memoryRatio) : '–';
      const detail = `${step.detail}${step.calls > 1 ? ` [${count(step.calls)} calls]` : ''}`.replaceAll('|', '\\|');
      const after = step.rssAfterMb === undefined ? '–' : `${step.rssAfterMb.toFixed(0)} MB`;
      lines.push(`| ${step.title} | ${timeCell(step)} | ${peakCell(step)} | ${after} | ${target} | ${passFail} | ${growth} | ${memory} | ${detail} |`);
    }
  });

  lines.push(
    '',
    '### Responsiveness while jobs run',
    '',
    `A second connection alternates \`documents:get\` (a random document) and \`spans:create\` (a word in it), ${50} ms apart, for as long as the job runs; its spans are deleted afterwards.`,
    '',
    '| Documents | While | Requests | p50 | p95 | max | documents:get p95 | spans:create p95 | Refused | Target | Pass/fail |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  const ms = (value: number) => (Number.isNaN(value) ? '–' : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
  for (const run of runs) {
    for (const probe of run.probes) {
      const { latency } = probe;
      const judged = run === largest;
      const pass = latency.requests > 0 && latency.p95Ms <= WORKFLOW_TARGETS.probeP95Ms;
      lines.push(
        `| ${count(run.docs)} | ${probe.title} | ${latency.requests} | ${ms(latency.p50Ms)} | ${ms(latency.p95Ms)} | ${ms(latency.maxMs)} | ` +
          `${ms(latency.byOperation['documents:get'].p95Ms)} | ${ms(latency.byOperation['spans:create'].p95Ms)} | ${latency.errors} | ` +
          `${judged ? `p95 ≤ ${WORKFLOW_TARGETS.probeP95Ms} ms` : '–'} | ${judged ? (pass ? 'pass' : '**fail**') : '–'} |`,
      );
    }
  }

  const misses: string[] = [];
  const below = runs[runs.length - 2];
  for (const step of largest.steps) {
    const verdict = judge(step, largest.docs, { step: smallest.steps.find((s) => s.key === step.key), docs: smallest.docs }, below && { step: below.steps.find((s) => s.key === step.key), docs: below.docs });
    if (verdict.failures.length === 0) continue;
    const parts = [`${timeCell(step)} (target ≤ ${targetSeconds(step)} s)`];
    if (verdict.failures.includes('growth')) parts.push(`${ratioCell(verdict.growth)} the time per document at ${count(smallest.docs)}`);
    if (verdict.failures.includes('memory') && below) parts.push(`peak RSS ${step.peakRssMb?.toFixed(0)} MB, ${ratioCell(verdict.memoryRatio)} its ${count(below.docs)} peak`);
    misses.push(`- ${step.title}: ${parts.join('; ')}.`);
  }
  for (const probe of largest.probes) {
    if (probe.latency.p95Ms > WORKFLOW_TARGETS.probeP95Ms) {
      misses.push(`- Responsiveness during ${probe.title.toLowerCase()}: p95 ${ms(probe.latency.p95Ms)}, max ${ms(probe.latency.maxMs)} (target p95 ≤ ${WORKFLOW_TARGETS.probeP95Ms} ms).`);
    }
  }
  for (const run of runs.filter((r) => r !== largest)) {
    for (const step of run.steps.filter((s) => s.problem)) misses.push(`- At ${count(run.docs)} documents, ${step.title.toLowerCase()}: ${step.problem}.`);
  }
  for (const run of runs) {
    for (const stop of run.stops.filter((s) => s.killed)) {
      misses.push(`- At ${count(run.docs)} documents the ${stop.project} project’s \`marginalia serve\` did not exit within ${stop.seconds.toFixed(0)} s of SIGTERM (Ctrl-C) and had to be killed.`);
    }
  }
  lines.push('', `### Misses (targets judged at ${count(largest.docs)} documents)`, '', ...(misses.length > 0 ? misses : ['None.']));

  lines.push(
    '',
    '### Notes',
    '',
    `- The walk works as “${ANNOTATOR}”. “Accept every ${ACCEPTED_LABEL} suggestion” is one \`suggestions:decideAll\` job, as the workbench's Accept … everywhere starts it.`,
    '- Suggest in all documents at 100,000 follows the machine\'s load: 33.5 s and 105.6 s on the same code an hour apart, 61.6 s at a load of 4–5 on two cores. ' +
      'Alone on the project it took 28.8 s through the command line and 47.0 s through `marginalia serve` at a load of about 3 (2026-12-07); the WAL stayed under 60 MB, so its growth is not the cause. ' +
      'Steps that ran past their target in a run with a load well above 2 should be read with that in mind; peak memory and the responsiveness figures depend little on load.',
    '- “Find duplicates” sends `duplicates:detect {}` as the workbench does; the import has already checked its documents, so it finds what is new since then. ' +
      'The full detection over every passage is the stock project’s import check, where most paragraphs come from a pool of 150.',
    '- The frequent word is tagged as a person does it: tag one place, then `spans:tagOccurrences` with scope `corpus` (the corpus-wide look covers a bounded number of documents by design).',
    `- The colleague’s file is this project’s jsonl export rewritten by the benchmark (annotator ${COLLEAGUE}; some spans left out, shortened or relabelled), then imported with \`import:paths\`: its documents are matched by their text and its spans merged.`,
    '- A job that runs past the step limit is cancelled (`jobs:cancel`); its time is then a lower bound and the table gives the projection from the share done.',
  );
  return lines;
}

/** Writes the `workflow` section of docs/benchmarks.md. */
export function writeWorkflowSection(results: WorkflowResults, path = REPORT): void {
  writeNamedSection(path, 'workflow', renderWorkflowSection(results));
}

function parseArgs(argv: readonly string[]): { sizes: number[]; stepTimeoutMinutes: number; reportOnly: boolean } {
  let sizes = [...WORKFLOW_SIZES];
  let stepTimeoutMinutes = 30;
  let reportOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg?.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => inline ?? argv[++i] ?? '';
    if (name === '--sizes') sizes = value().split(',').map(Number);
    else if (name === '--step-timeout-minutes') stepTimeoutMinutes = Number(value());
    else if (name === '--report-only') reportOnly = true;
    else throw new Error(`unknown option ${arg} (options: --sizes N[,N…], --step-timeout-minutes M, --report-only)`);
  }
  if (sizes.length === 0 || sizes.some((size) => !Number.isInteger(size) || size < 100)) throw new Error('--sizes needs whole numbers of at least 100');
  if (!(stepTimeoutMinutes > 0)) throw new Error('--step-timeout-minutes needs a positive number');
  return { sizes, stepTimeoutMinutes, reportOnly };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { sizes, stepTimeoutMinutes, reportOnly } = parseArgs(process.argv.slice(2));
  if (reportOnly) {
    writeWorkflowSection(JSON.parse(readFileSync(RESULTS, 'utf8')) as WorkflowResults);
    log(`report: wrote the workflow section of ${REPORT} from ${RESULTS}`);
    process.exit(0);
  }
  const command = `npx tsx bench/workflow-bench.ts --sizes ${sizes.join(',')}${stepTimeoutMinutes === 30 ? '' : ` --step-timeout-minutes ${stepTimeoutMinutes}`}`;
  const results = await runWorkflowBench(sizes, stepTimeoutMinutes, command);
  writeWorkflowSection(results);
  log(`report: wrote the workflow section of ${REPORT}`);
}
