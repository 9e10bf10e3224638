/**
 * Agreement over a doubly annotated project: builds 10,000 synthetic documents
 * (prose with hospitals, people, dates and figures), tags every mention as one
 * annotator and a perturbed copy as another (some spans missed, cut shorter,
 * relabelled or added), all through the store in one transaction, then times
 * measureAgreement on a freshly opened project, three times; the best run counts.
 * `npx tsx bench/agreement-bench.ts [--docs N]` (also part of `npm run bench`).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject } from '../src/main/store/connection.js';
import { insertDocument } from '../src/main/store/documents.js';
import { insertSpan } from '../src/main/store/spans.js';
import { measureAgreement, type AgreementReport } from '../src/main/teams/agreement.js';
import { log, parseDocs, peakRssMb, removeDatabase, secondsSince } from './measure.js';
import { Prng } from './prng.js';
import { describeMachine, writeNamedSection } from './report.js';
import { TextMaker } from './text-maker.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRATCH = join(ROOT, '.bench');
const REPORT = join(ROOT, 'docs', 'benchmarks.md');
const SEED = 20240601;
const RUNS = 3;
const MENTIONS_PER_DOCUMENT = 12;

/** Seconds the agreement of 10,000 doubly annotated documents may take. */
export const AGREEMENT_TARGET_SECONDS = 5;

export interface AgreementBenchResult {
  readonly date: string;
  readonly docs: number;
  readonly characters: number;
  readonly spans: number;
  readonly setupSeconds: number;
  readonly runSeconds: readonly number[];
  readonly tokens: number;
  readonly kappa: number | null;
  readonly alpha: number | null;
  readonly overlapF1: number | null;
  readonly peakRssMb: number;
}

interface Mention {
  readonly startCp: number;
  readonly endCp: number;
  readonly label: string;
}

const LABELS = ['HOSPITAL', 'PERSON', 'DATE', 'FIGURE'] as const;

/** One document's text and its mentions; the text is ASCII, so UTF-16 indices are code points. */
function makeDocument(maker: TextMaker): { text: string; mentions: Mention[] } {
  let text = `${maker.headline()}\n\n`;
  const mentions: Mention[] = [];
  for (let i = 0; i < MENTIONS_PER_DOCUMENT; i++) {
    text += `${maker.sentence()} `;
    const label = maker.prng.pick(LABELS);
    const words = label === 'HOSPITAL' ? maker.hospital() : label === 'PERSON' ? maker.person() : label === 'DATE' ? maker.date() : maker.figure();
    mentions.push({ startCp: text.length, endCp: text.length + words.length, label });
    text += `${words}. `;
  }
  return { text, mentions };
}

/** The second annotator: mostly the same spans, some missed, cut, relabelled, and a few of their own. */
function perturb(prng: Prng, mentions: readonly Mention[], textLength: number): Mention[] {
  const out: Mention[] = [];
  for (const mention of mentions) {
    const roll = prng.next();
    if (roll < 0.08) continue;
    if (roll < 0.16) out.push({ ...mention, startCp: Math.min(mention.startCp + 2, mention.endCp - 1) });
    else if (roll < 0.2) out.push({ ...mention, label: prng.pick(LABELS.filter((label) => label !== mention.label)) });
    else out.push(mention);
  }
  if (prng.chance(0.3)) {
    const start = prng.int(0, Math.max(0, textLength - 10));
    out.push({ startCp: start, endCp: start + 8, label: prng.pick(LABELS) });
  }
  return out;
}

function build(path: string, docs: number): { characters: number; spans: number; seconds: number } {
  const started = performance.now();
  removeDatabase(path);
  const db = openProject(path);
  const maker = new TextMaker(new Prng(SEED));
  const prng = new Prng(SEED + 1);
  let characters = 0;
  let spans = 0;
  db.transaction(() => {
    for (let n = 0; n < docs; n++) {
      const { text, mentions } = makeDocument(maker);
      const id = insertDocument(db, { title: `agreement ${n + 1}`, source: `agreement-${n + 1}.txt`, text, meta: {} }).id;
      characters += text.length;
      for (const [annotator, list] of [['lan', mentions], ['minh', perturb(prng, mentions, text.length)]] as const) {
        for (const mention of list) if (insertSpan(db, { documentId: id, ...mention, annotator })) spans += 1;
      }
    }
  })();
  db.close();
  return { characters, spans, seconds: secondsSince(started) };
}

/** Builds the project of `docs` documents and measures agreement over it. */
export function runAgreementBench(docs: number): AgreementBenchResult {
  mkdirSync(SCRATCH, { recursive: true });
  const path = join(SCRATCH, `agreement-${docs}.sqlite`);
  const setup = build(path, docs);
  log(`agreement: ${docs} documents, ${setup.spans} spans written in ${setup.seconds.toFixed(1)} s`);
  const runSeconds: number[] = [];
  let report: AgreementReport | undefined;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const db = openProject(path, { mustExist: true });
    report = measureAgreement(db);
    db.close();
    runSeconds.push(secondsSince(started));
    log(`agreement: run ${run + 1}: ${(runSeconds[run] as number).toFixed(2)} s`);
  }
  const pair = report?.pairs[0];
  removeDatabase(path);
  return {
    date: new Date().toISOString(),
    docs,
    characters: setup.characters,
    spans: setup.spans,
    setupSeconds: setup.seconds,
    runSeconds,
    tokens: pair?.tokens ?? 0,
    kappa: pair?.kappa.kappa ?? null,
    alpha: report?.alpha.alpha ?? null,
    overlapF1: pair?.overlapF1 ?? null,
    peakRssMb: peakRssMb(),
  };
}

/** The section's lines, markers excluded. */
export function renderAgreementSection(result: AgreementBenchResult): string[] {
  const best = Math.min(...result.runSeconds);
  const pass = result.docs < 10_000 ? '– (fewer than 10,000 documents)' : best <= AGREEMENT_TARGET_SECONDS ? 'pass' : '**fail**';
  const figure = (value: number | null): string => (value === null ? '–' : value.toFixed(3));
  return [
    '## Teams: agreement between annotators',
    '',
    `Run on ${result.date} with \`npx tsx bench/agreement-bench.ts --docs ${result.docs}\` (also part of \`npm run bench\`).`,
    '',
    ...describeMachine('').filter((line) => !line.startsWith('- SQLite')),
    `- Project: ${result.docs.toLocaleString('en-US')} synthetic documents (seed ${SEED}), ${(result.characters / 1e6).toFixed(1)} M characters, ` +
      `${result.spans.toLocaleString('en-US')} accepted spans by two annotators (the second misses, shortens or relabels about one span in five), ` +
      `written through the store in one transaction in ${result.setupSeconds.toFixed(1)} s (not timed).`,
    '',
    '| Measurement | Result | Target | Pass/fail |',
    '| --- | --- | --- | --- |',
    `| \`measureAgreement\`, every document, both annotators (best of ${RUNS}, project opened each time) | ${best.toFixed(2)} s | ≤ ${AGREEMENT_TARGET_SECONDS} s | ${pass} |`,
    `| Peak RSS (the whole process, setup included) | ${result.peakRssMb.toFixed(0)} MB | – | – |`,
    '',
    `- Runs: ${result.runSeconds.map((seconds) => `${seconds.toFixed(2)} s`).join(', ')}; ${result.tokens.toLocaleString('en-US')} tokens compared.`,
    `- Figures of the synthetic pair: span F1 (overlap) ${figure(result.overlapF1)}, κ ${figure(result.kappa)}, α ${figure(result.alpha)}.`,
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = runAgreementBench(parseDocs(process.argv.slice(2)));
  writeNamedSection(REPORT, 'agreement', renderAgreementSection(result));
  log(`report: wrote the agreement section of ${REPORT}`);
}
