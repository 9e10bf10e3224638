/**
 * Files the workflow benchmark feeds to the server: the stock corpus as .txt
 * files (most paragraphs from a pool of 150, so a passage recurs in hundreds
 * of documents: the duplicate step's worst case), the frequent word to tag
 * across the corpus, and a colleague's copy of an export.
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { OffsetMap } from '../src/shared/offsets.js';
import { documentPath } from './generate-corpus.js';
import { log } from './measure.js';
import { Prng } from './prng.js';
import { TextMaker } from './text-maker.js';

/** Bump when the files written here change, so stored copies are rewritten. */
const STOCK_FILES_VERSION = 2;
/** How many stock paragraphs the documents draw from. */
export const STOCK_POOL = 150;

export interface StockPlanted {
  /** Paragraphs copied word for word from the pool. */
  stockParagraphs: number;
  /** Paragraphs copied from the pool with one or two words changed. */
  editedStockParagraphs: number;
  /** Paragraphs written for their document alone. */
  freshParagraphs: number;
}

/**
 * Documents of one site: a headline of their own, then paragraphs that are
 * mostly the site's stock ones (half word for word, a tenth with a word or two
 * changed), the rest written for the document.
 */
class StockCorpusMaker {
  readonly planted: StockPlanted = { stockParagraphs: 0, editedStockParagraphs: 0, freshParagraphs: 0 };
  readonly #prng: Prng;
  readonly #maker: TextMaker;
  readonly #pool: string[] = [];

  constructor(seed: number) {
    this.#prng = new Prng(seed);
    this.#maker = new TextMaker(this.#prng);
    for (let i = 0; i < STOCK_POOL; i++) {
      const sentences: string[] = [];
      const count = this.#prng.int(1, 3);
      for (let s = 0; s < count; s++) sentences.push(this.#maker.sentence());
      this.#pool.push(sentences.join(' '));
    }
  }

  /** The next document's text. */
  next(): string {
    const prng = this.#prng;
    const blocks = [this.#maker.headline()];
    const target = Math.min(6000, Math.max(250, prng.logNormal(900, 0.5)));
    let length = (blocks[0] as string).length;
    while (length < target) {
      const roll = prng.next();
      let paragraph: string;
      if (roll < 0.5) {
        paragraph = prng.pick(this.#pool);
        this.planted.stockParagraphs++;
      } else if (roll < 0.6) {
        const words = prng.pick(this.#pool).split(' ');
        const edits = prng.int(1, 2);
        for (let i = 0; i < edits; i++) words[prng.int(0, words.length - 1)] = this.#maker.word();
        paragraph = words.join(' ');
        this.planted.editedStockParagraphs++;
      } else {
        paragraph = this.#maker.paragraph();
        this.planted.freshParagraphs++;
      }
      blocks.push(paragraph);
      length += paragraph.length + 2;
    }
    return `${blocks.join('\n\n')}\n`;
  }
}

export interface StockFiles {
  /** The folder to import. */
  readonly folder: string;
  readonly docs: number;
  readonly bytes: number;
  readonly planted: StockPlanted;
}

/** Writes the stock corpus of `docs` documents as .txt files (reused when already there). */
export function ensureStockFiles(scratch: string, docs: number, seed: number): StockFiles {
  const root = join(scratch, `workflow-stock-${docs}-s${seed}`);
  const folder = join(root, 'docs');
  const manifestPath = join(root, 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as StockFiles & { version: number };
    if (manifest.version === STOCK_FILES_VERSION && manifest.docs === docs) {
      log(`stock corpus: reusing ${folder}`);
      return { folder, docs, bytes: manifest.bytes, planted: manifest.planted };
    }
  }
  rmSync(root, { recursive: true, force: true });
  const maker = new StockCorpusMaker(seed);
  let bytes = 0;
  for (let index = 0; index < docs; index++) {
    const path = documentPath(folder, index);
    if (index % 1000 === 0) mkdirSync(join(path, '..'), { recursive: true });
    const data = Buffer.from(maker.next(), 'utf8');
    writeFileSync(path, data);
    bytes += data.length;
  }
  const files: StockFiles = { folder, docs, bytes, planted: { ...maker.planted } };
  // Written last: a half-written corpus has no manifest and is written again.
  writeFileSync(manifestPath, `${JSON.stringify({ version: STOCK_FILES_VERSION, ...files }, null, 2)}\n`);
  log(`stock corpus: wrote ${docs} documents, ${(bytes / 1e6).toFixed(1)} MB`);
  return files;
}

/**
 * A lower-case word of six letters or more found in about `share` of the
 * documents, judged on the first 2,000 files (the same at every corpus size,
 * as the generator makes the same first documents from the same seed).
 */
export function frequentWord(folder: string, share: number): { word: string; share: number } {
  const sample: string[] = [];
  for (const dir of readdirSync(folder).sort()) {
    for (const file of readdirSync(join(folder, dir)).sort()) {
      if (sample.length < 2000) sample.push(join(folder, dir, file));
    }
    if (sample.length >= 2000) break;
  }
  const documentsWith = new Map<string, number>();
  for (const path of sample) {
    for (const word of new Set(readFileSync(path, 'utf8').match(/(?<![\p{L}\p{N}])[a-z]{6,}(?![\p{L}\p{N}])/gu) ?? [])) {
      documentsWith.set(word, (documentsWith.get(word) ?? 0) + 1);
    }
  }
  let best = { word: '', share: 0 };
  for (const [word, count] of documentsWith) {
    const found = count / sample.length;
    if (Math.abs(found - share) < Math.abs(best.share - share) || (found === best.share && word < best.word)) best = { word, share: found };
  }
  return best;
}

/** What a colleague did differently, for the report. */
export interface ColleagueEdits {
  readonly documents: number;
  readonly spans: number;
  readonly dropped: number;
  readonly shortened: number;
  readonly relabelled: number;
}

interface ExportedSpan {
  start: number;
  end: number;
  label: string;
  text: string;
  annotator: string;
  entity: number | null;
  entity_name: string | null;
}

const LABELS = ['HOSPITAL', 'DATE', 'PERSON', 'FIGURE'] as const;

/**
 * Rewrites a jsonl export as a colleague's: every span theirs (`annotator`),
 * some left out, some a character shorter, some under another label; read
 * and written a line at a time, as exports can be hundreds of MB.
 */
export async function writeColleagueExport(inPath: string, outPath: string, annotator: string, seed: number): Promise<ColleagueEdits> {
  const prng = new Prng(seed);
  const out = createWriteStream(outPath);
  const edits = { documents: 0, spans: 0, dropped: 0, shortened: 0, relabelled: 0 };
  for await (const line of createInterface({ input: createReadStream(inPath), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { text: string; spans: ExportedSpan[]; noise?: unknown; duplicates?: unknown };
    let offsets: OffsetMap | undefined;
    const spans: ExportedSpan[] = [];
    for (const span of record.spans) {
      const roll = prng.next();
      if (roll < 0.06) {
        edits.dropped++;
        continue;
      }
      const theirs: ExportedSpan = { ...span, annotator };
      if (roll < 0.14 && span.end - span.start >= 2) {
        offsets ??= new OffsetMap(record.text);
        theirs.end = span.end - 1;
        theirs.text = offsets.sliceCp(theirs.start, theirs.end);
        edits.shortened++;
      } else if (roll < 0.18) {
        theirs.label = LABELS[(LABELS.indexOf(span.label as (typeof LABELS)[number]) + 1) % LABELS.length] as string;
        // The entity belongs to the old label; the colleague has not linked this one.
        theirs.entity = null;
        theirs.entity_name = null;
        edits.relabelled++;
      }
      spans.push(theirs);
    }
    edits.documents++;
    edits.spans += spans.length;
    // Duplicates and noise are found again by the project that imports it.
    const { noise: _noise, duplicates: _duplicates, ...rest } = record;
    if (!out.write(`${JSON.stringify({ ...rest, spans })}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return edits;
}
