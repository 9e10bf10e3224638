/**
 * Child process of the duplicate-detection benchmark, so its peak memory is its
 * own. `full`: runs detection over a project nobody checked yet. `incremental`:
 * adds the extra documents (not timed), then times the detection that checks them.
 * Usage (runChild in bench/measure.ts compiles and starts it): dedupe-child full|incremental <project.sqlite> [extra.json]
 */
import { readFileSync } from 'node:fs';
import { detectDuplicates, type DetectReport } from '../src/main/dedupe/detect.js';
import { findNoise } from '../src/main/import/noise.js';
import { openProject } from '../src/main/store/connection.js';
import { insertDocument } from '../src/main/store/documents.js';
import { insertNoiseMarks } from '../src/main/store/noise-marks.js';
import { log, peakRssMb, reportToParent, secondsSince } from './measure.js';

/** What the child reports to the parent. */
export interface DedupeChildResult {
  readonly seconds: number;
  /** CPU seconds (user and system) the run took: wall time on a shared machine says less. */
  readonly cpuSeconds: number;
  /** Seconds per phase, in the order they ran. */
  readonly phases: Readonly<Record<string, number>>;
  readonly peakRssMb: number;
  readonly report: DetectReport;
}

async function main(): Promise<void> {
  const [mode, dbPath, extraPath] = process.argv.slice(2);
  if ((mode !== 'full' && mode !== 'incremental') || dbPath === undefined) {
    throw new Error('usage: dedupe-child.ts full|incremental <project.sqlite> [extra.json]');
  }
  const db = openProject(dbPath, { mustExist: true });
  if (mode === 'incremental') {
    if (extraPath === undefined) throw new Error('incremental needs the extra documents');
    const extra = JSON.parse(readFileSync(extraPath, 'utf8')) as { title: string; text: string }[];
    db.transaction(() => {
      extra.forEach((doc, i) => {
        const outcome = insertDocument(db, { title: doc.title, source: `extra/e${i}.txt`, text: doc.text, meta: {} }, { index: false });
        if (outcome.inserted) insertNoiseMarks(db, outcome.id, findNoise(doc.text));
      });
    })();
  }
  const phases: Record<string, number> = {};
  let phase = '';
  let phaseStarted = performance.now();
  let lastLog = performance.now();
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const report = await detectDuplicates(db, {
    onProgress: (progress) => {
      if (progress.phase !== phase) {
        if (phase !== '') phases[phase] = secondsSince(phaseStarted);
        phase = progress.phase;
        phaseStarted = performance.now();
      }
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log(`dedupe ${mode}: ${progress.phase} ${progress.done}/${progress.total}, rss ${(process.memoryUsage.rss() / 1e6).toFixed(0)} MB`);
      }
    },
  });
  const seconds = secondsSince(started);
  const cpu = process.cpuUsage(cpuStarted);
  if (phase !== '') phases[phase] = secondsSince(phaseStarted);
  db.close();
  const result: DedupeChildResult = { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, phases, peakRssMb: peakRssMb(), report };
  reportToParent(result);
}

await main();
