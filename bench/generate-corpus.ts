/**
 * Writes the synthetic corpus: deterministic .txt files in folders of 1,000, with
 * planted duplicates, repeated paragraphs, spam lines, stray characters, captions
 * and CRLF files. A manifest beside the files lets later runs reuse them.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Prng } from './prng.js';
import { TextMaker } from './text-maker.js';
import { BETTING_LINES, SPIN_LINES, STRAY_CHARACTERS } from './vocabulary.js';

/** Bump when the generated text changes, so old corpora are not reused. */
const GENERATOR_VERSION = 5;
const FILES_PER_FOLDER = 1000;
/** How many recent documents and paragraphs the duplicate planters copy from. */
const RECENT = 2000;

export interface CorpusOptions {
  readonly docs: number;
  readonly seed: number;
  /** Scratch folder (`.bench`); the corpus goes in a subfolder named after its size and seed. */
  readonly scratch: string;
}

export interface PlantedCounts {
  exactDuplicates: number;
  repeatedParagraphs: number;
  spamLines: number;
  strayCharacters: number;
  captions: number;
  crlfFiles: number;
  longDocuments: number;
}

export interface CorpusManifest {
  readonly generator: number;
  readonly seed: number;
  readonly docs: number;
  readonly bytes: number;
  readonly folders: number;
  readonly generatedSeconds: number;
  readonly planted: PlantedCounts;
}

export interface Corpus {
  /** The folder to import (holds only the document folders). */
  readonly folder: string;
  readonly manifest: CorpusManifest;
  readonly reused: boolean;
}

/** Ring buffer of recent items, for planting copies of earlier text. */
export class Recent<T> {
  readonly #items: T[] = [];
  #next = 0;

  add(item: T): void {
    if (this.#items.length < RECENT) this.#items.push(item);
    else this.#items[this.#next] = item;
    this.#next = (this.#next + 1) % RECENT;
  }

  pick(prng: Prng): T | undefined {
    return this.#items.length === 0 ? undefined : prng.pick(this.#items);
  }
}

/** Target size of a document in characters: mostly short news items, a few very long reports. */
function targetLength(prng: Prng, planted: PlantedCounts): number {
  if (prng.chance(0.01)) {
    planted.longDocuments++;
    return prng.int(15_000, 60_000);
  }
  return Math.min(12_000, Math.max(250, prng.logNormal(1150, 0.6)));
}

/** `text` with `stray` wedged inside one of its longer ASCII words. */
function injectStray(prng: Prng, text: string, stray: string): string | null {
  const word = /[a-z]{5,}/g;
  word.lastIndex = prng.int(0, Math.max(0, text.length - 40));
  const match = word.exec(text) ?? /[a-z]{5,}/.exec(text);
  if (!match) return null;
  const at = match.index + prng.int(2, match[0].length - 2);
  return text.slice(0, at) + stray + text.slice(at);
}

/** Builds one document's text (LF line ends), planting noise according to the dice. */
function makeDocument(maker: TextMaker, paragraphs: Recent<string>, planted: PlantedCounts): string {
  const prng = maker.prng;
  const target = targetLength(prng, planted);
  const blocks: string[] = [maker.headline()];
  let length = blocks[0]?.length ?? 0;
  if (prng.chance(0.08)) {
    blocks.push(maker.caption());
    planted.captions++;
  }
  while (length < target) {
    const paragraph = maker.paragraph();
    paragraphs.add(paragraph);
    blocks.push(paragraph);
    length += paragraph.length + 2;
  }
  if (prng.chance(0.05)) {
    const copied = paragraphs.pick(prng);
    if (copied !== undefined) {
      blocks.splice(prng.int(1, blocks.length), 0, copied);
      planted.repeatedParagraphs++;
    }
  }
  // Before the spam line goes in, so that no stray character hides a spam line from the noise finder.
  if (prng.chance(0.03) && blocks.length > 1) {
    const index = prng.int(1, blocks.length - 1);
    const injected = injectStray(prng, blocks[index] as string, prng.pick(STRAY_CHARACTERS));
    if (injected !== null) {
      blocks[index] = injected;
      planted.strayCharacters++;
    }
  }
  if (prng.chance(0.03)) {
    const line = prng.chance(0.5) ? prng.pick(SPIN_LINES) : prng.pick(BETTING_LINES);
    blocks.splice(prng.int(1, blocks.length), 0, line);
    planted.spamLines++;
  }
  return `${blocks.join('\n\n')}\n`;
}

function manifestPath(root: string): string {
  return join(root, 'manifest.json');
}

function readManifest(root: string): CorpusManifest | null {
  try {
    return JSON.parse(readFileSync(manifestPath(root), 'utf8')) as CorpusManifest;
  } catch {
    return null;
  }
}

/** Path of document `index` (0-based): zero-padded, so name order is generation order. */
export function documentPath(folder: string, index: number): string {
  const dir = `f${String(Math.floor(index / FILES_PER_FOLDER)).padStart(3, '0')}`;
  return join(folder, dir, `d${String(index).padStart(6, '0')}.txt`);
}

/** The seed every benchmark corpus is generated from, so runs compare like with like. */
export const CORPUS_SEED = 20240601;

/** Generates the corpus unless an identical one (same size, seed and generator) is already on disk. */
export function ensureCorpus(options: CorpusOptions, log: (line: string) => void): Corpus {
  const root = join(options.scratch, `corpus-${options.docs}-s${options.seed}`);
  const folder = join(root, 'docs');
  const existing = readManifest(root);
  if (existing && existing.generator === GENERATOR_VERSION && existing.docs === options.docs && existing.seed === options.seed) {
    log(`corpus: reusing ${folder} (${existing.docs} docs, ${(existing.bytes / 1e6).toFixed(1)} MB)`);
    return { folder, manifest: existing, reused: true };
  }
  if (existsSync(root)) rmSync(root, { recursive: true, force: true });

  const started = performance.now();
  const prng = new Prng(options.seed);
  const maker = new TextMaker(prng);
  const documents = new Recent<string>();
  const paragraphs = new Recent<string>();
  const planted: PlantedCounts = {
    exactDuplicates: 0,
    repeatedParagraphs: 0,
    spamLines: 0,
    strayCharacters: 0,
    captions: 0,
    crlfFiles: 0,
    longDocuments: 0,
  };
  let bytes = 0;
  for (let index = 0; index < options.docs; index++) {
    if (index % FILES_PER_FOLDER === 0) mkdirSync(join(folder, `f${String(index / FILES_PER_FOLDER).padStart(3, '0')}`), { recursive: true });
    let text = prng.chance(0.02) ? documents.pick(prng) : undefined;
    if (text !== undefined) {
      planted.exactDuplicates++;
    } else {
      text = makeDocument(maker, paragraphs, planted);
      if (prng.chance(0.04)) {
        text = text.replaceAll('\n', '\r\n');
        planted.crlfFiles++;
      }
      documents.add(text);
    }
    const data = Buffer.from(text, 'utf8');
    writeFileSync(documentPath(folder, index), data);
    bytes += data.length;
    if ((index + 1) % 10_000 === 0) log(`corpus: ${index + 1}/${options.docs} docs, ${(bytes / 1e6).toFixed(0)} MB`);
  }
  const manifest: CorpusManifest = {
    generator: GENERATOR_VERSION,
    seed: options.seed,
    docs: options.docs,
    bytes,
    folders: Math.ceil(options.docs / FILES_PER_FOLDER),
    generatedSeconds: (performance.now() - started) / 1000,
    planted,
  };
  // Written last: a half-written corpus has no manifest and is regenerated next time.
  writeFileSync(manifestPath(root), `${JSON.stringify(manifest, null, 2)}\n`);
  log(`corpus: wrote ${options.docs} docs, ${(bytes / 1e6).toFixed(1)} MB in ${manifest.generatedSeconds.toFixed(1)} s`);
  return { folder, manifest, reused: false };
}
