/**
 * The corpus of the duplicate-detection benchmark: health-news documents like
 * the core benchmark's (same text maker, sizes and noise), with duplicates
 * planted the ways news sites make them: paragraphs repeated word for word,
 * repeated with a few words changed, cut short as teasers, whole articles
 * syndicated with edits, a stock footer under many articles, stray
 * characters injected into copies, a sentence of an earlier paragraph quoted
 * inside a new one, and a headline repeated in the article's lead with a few
 * words around it. Documents go straight into a project
 * (through insertDocument and the import's noise finder, as an import stores
 * them), and the project is kept for later runs.
 *
 * A second corpus, "stock", is what a single site's archive looks like: most
 * paragraphs are drawn from a pool of about 150 stock paragraphs, so one
 * passage recurs in hundreds of documents at 10,000 and thousands at 100,000.
 * It measures how detection scales when identical copies pile up.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findNoise } from '../src/main/import/noise.js';
import { openProject } from '../src/main/store/connection.js';
import { insertDocument } from '../src/main/store/documents.js';
import { insertNoiseMarks } from '../src/main/store/noise-marks.js';
import { Recent } from './generate-corpus.js';
import { log, removeDatabase, secondsSince } from './measure.js';
import { Prng } from './prng.js';
import { TextMaker } from './text-maker.js';
import { BETTING_LINES, SPIN_LINES, STRAY_CHARACTERS } from './vocabulary.js';

/** Bump when the generated text changes, so stored projects are rebuilt. */
const GENERATOR_VERSION = 2;
const DOCUMENTS_PER_TRANSACTION = 5000;

/**
 * A credit line many articles end with: long enough to count as a passage and
 * not page furniture the noise finder knows, so it makes one giant bucket.
 */
export const STOCK_FOOTER =
  'This report was prepared with the support of the provincial centre for health communication and may be reprinted with credit.';

export interface DedupePlanted {
  repeatedParagraphs: number;
  editedParagraphs: number;
  teasers: number;
  syndicatedDocuments: number;
  footers: number;
  strayCharacters: number;
  captions: number;
  spamLines: number;
  crlfDocuments: number;
  /** New paragraphs quoting one sentence of an earlier paragraph. */
  quotedSentences: number;
  /** Leads that repeat their article's headline with a few words added. */
  headlineLeads: number;
}

/** Makes the documents one after the other; the same seed gives the same documents. */
export class DedupeCorpusMaker {
  readonly planted: DedupePlanted = {
    repeatedParagraphs: 0,
    editedParagraphs: 0,
    teasers: 0,
    syndicatedDocuments: 0,
    footers: 0,
    strayCharacters: 0,
    captions: 0,
    spamLines: 0,
    crlfDocuments: 0,
    quotedSentences: 0,
    headlineLeads: 0,
  };
  readonly #prng: Prng;
  readonly #maker: TextMaker;
  readonly #paragraphs = new Recent<string>();
  readonly #documents = new Recent<string[]>();

  constructor(seed: number) {
    this.#prng = new Prng(seed);
    this.#maker = new TextMaker(this.#prng);
  }

  /** The next document's title and text. */
  next(): { title: string; text: string } {
    const prng = this.#prng;
    let blocks: string[] | undefined;
    if (prng.chance(0.02)) {
      const original = this.#documents.pick(prng);
      if (original) {
        blocks = this.#syndicate(original);
        this.planted.syndicatedDocuments++;
      }
    }
    blocks ??= this.#article();
    this.#documents.add(blocks);
    let text = `${blocks.join('\n\n')}\n`;
    if (prng.chance(0.04)) {
      text = text.replaceAll('\n', '\r\n');
      this.planted.crlfDocuments++;
    }
    return { title: blocks[0] as string, text };
  }

  #article(): string[] {
    const prng = this.#prng;
    const maker = this.#maker;
    const target = prng.chance(0.01) ? prng.int(15_000, 60_000) : Math.min(12_000, Math.max(250, prng.logNormal(1150, 0.6)));
    const blocks = [maker.headline()];
    if ((blocks[0] as string).length >= 80 && prng.chance(0.3)) {
      // The lead repeats the headline with a dateline and an attribution around it.
      blocks.push(`${maker.hospital()} (VNA) - ${blocks[0] as string} ${maker.functionWord()} ${maker.word()} ${maker.word()}, officials said.`);
      this.planted.headlineLeads++;
    }
    if (prng.chance(0.08)) {
      blocks.push(maker.caption());
      this.planted.captions++;
    }
    let length = (blocks[0] as string).length;
    while (length < target) {
      const paragraph = maker.paragraph();
      this.#paragraphs.add(paragraph);
      blocks.push(paragraph);
      length += paragraph.length + 2;
    }
    const insert = (paragraph: string): void => {
      blocks.splice(prng.int(1, blocks.length), 0, paragraph);
    };
    const copied = (): string | undefined => this.#paragraphs.pick(prng);
    if (prng.chance(0.05)) {
      const paragraph = copied();
      if (paragraph) {
        insert(prng.chance(0.1) ? this.#injectStray(paragraph) : paragraph);
        this.planted.repeatedParagraphs++;
      }
    }
    if (prng.chance(0.04)) {
      const paragraph = copied();
      if (paragraph) {
        insert(this.#edit(paragraph, prng.int(1, 3)));
        this.planted.editedParagraphs++;
      }
    }
    if (prng.chance(0.02)) {
      const paragraph = copied();
      if (paragraph) {
        insert(this.#teaser(paragraph));
        this.planted.teasers++;
      }
    }
    if (prng.chance(0.03)) {
      const quoted = this.#quotedSentence();
      if (quoted) {
        insert(`${maker.sentence()} ${quoted} ${maker.sentence()}`);
        this.planted.quotedSentences++;
      }
    }
    if (prng.chance(0.01)) {
      blocks.push(STOCK_FOOTER);
      this.planted.footers++;
    }
    if (prng.chance(0.03)) {
      insert(prng.chance(0.5) ? prng.pick(SPIN_LINES) : prng.pick(BETTING_LINES));
      this.planted.spamLines++;
    }
    return blocks;
  }

  /** A sentence of at least 80 characters from a recent paragraph, or undefined. */
  #quotedSentence(): string | undefined {
    const paragraph = this.#paragraphs.pick(this.#prng);
    const sentences = (paragraph ?? '').split(/(?<=\.) (?=[A-Z])/).filter((sentence) => sentence.length >= 80);
    return sentences.length === 0 ? undefined : this.#prng.pick(sentences);
  }

  /** An article as another site runs it: a new headline, a few words changed in some paragraphs, sometimes a paragraph less. */
  #syndicate(original: readonly string[]): string[] {
    const prng = this.#prng;
    const blocks = [this.#maker.headline(), ...original.slice(1)];
    const edits = prng.int(1, 3);
    for (let i = 0; i < edits && blocks.length > 1; i++) {
      const at = prng.int(1, blocks.length - 1);
      blocks[at] = this.#edit(blocks[at] as string, 1);
    }
    if (blocks.length > 4 && prng.chance(0.3)) blocks.splice(prng.int(1, blocks.length - 1), 1);
    return blocks;
  }

  /** `paragraph` with `count` words replaced by others. */
  #edit(paragraph: string, count: number): string {
    const words = paragraph.split(' ');
    for (let i = 0; i < count; i++) words[this.#prng.int(0, words.length - 1)] = this.#maker.word();
    return words.join(' ');
  }

  /** The start of a paragraph, cut as a teaser is. */
  #teaser(paragraph: string): string {
    const words = paragraph.split(' ');
    const keep = Math.max(12, Math.round(words.length * (0.6 + 0.35 * this.#prng.next())));
    return `${words.slice(0, keep).join(' ')}…`;
  }

  /** `text` with a stray character wedged inside one of its longer words. */
  #injectStray(text: string): string {
    const match = /[a-z]{6,}/.exec(text.slice(this.#prng.int(0, Math.max(0, text.length - 60))));
    if (!match) return text;
    const at = text.indexOf(match[0]) + 3;
    this.planted.strayCharacters++;
    return text.slice(0, at) + this.#prng.pick(STRAY_CHARACTERS) + text.slice(at);
  }
}

/** How many stock sentences the stock corpus draws its paragraphs from. */
export const STOCK_POOL = 150;

export interface StockPlanted {
  /** Paragraphs of one stock sentence, the same in hundreds of documents. */
  oneSentenceParagraphs: number;
  /** Paragraphs of two or three stock sentences. */
  longerParagraphs: number;
  /** Documents that rerun a recent document under a new headline. */
  rerunDocuments: number;
}

/**
 * Documents of one site that writes from a stock of 150 sentences: a
 * headline, then two to eight paragraphs of one, two or three sentences drawn
 * from the stock, and now and then a recent article run again under a new
 * headline. A one-sentence paragraph recurs in hundreds of documents at
 * 10,000 and thousands at 100,000; a two-sentence one in a few to a dozen,
 * with its sentences swapped in others, so buckets of every size occur.
 */
export class StockCorpusMaker {
  readonly planted: StockPlanted = { oneSentenceParagraphs: 0, longerParagraphs: 0, rerunDocuments: 0 };
  readonly #prng: Prng;
  readonly #maker: TextMaker;
  readonly #pool: string[] = [];
  readonly #documents = new Recent<string[]>();

  constructor(seed: number) {
    this.#prng = new Prng(seed);
    this.#maker = new TextMaker(this.#prng);
    for (let i = 0; i < STOCK_POOL; i++) this.#pool.push(this.#maker.sentence());
  }

  /** The next document's title and text. */
  next(): { title: string; text: string } {
    const prng = this.#prng;
    let blocks: string[] | undefined;
    if (prng.chance(0.02)) {
      const original = this.#documents.pick(prng);
      if (original) {
        blocks = [this.#maker.headline(), ...original.slice(1)];
        this.planted.rerunDocuments++;
      }
    }
    blocks ??= this.#article();
    this.#documents.add(blocks);
    return { title: blocks[0] as string, text: `${blocks.join('\n\n')}\n` };
  }

  #article(): string[] {
    const prng = this.#prng;
    const blocks = [this.#maker.headline()];
    const paragraphs = prng.int(2, 8);
    for (let p = 0; p < paragraphs; p++) {
      const sentences = prng.int(1, 3);
      const parts: string[] = [];
      for (let s = 0; s < sentences; s++) parts.push(prng.pick(this.#pool));
      if (sentences === 1) this.planted.oneSentenceParagraphs++;
      else this.planted.longerParagraphs++;
      blocks.push(parts.join(' '));
    }
    return blocks;
  }
}

/** Which generated corpus a project holds. */
export type DedupeCorpusKind = 'news' | 'stock';

/** What a corpus maker offers the project builder. */
interface CorpusMaker {
  readonly planted: object;
  next(): { title: string; text: string };
}

export interface DedupeProject<Planted = DedupePlanted> {
  /** A fresh copy of the stored project, for one run to change. */
  readonly path: string;
  /** A JSON file of the extra documents the incremental check adds, made by the same maker after the project's. */
  readonly extraPath: string;
  readonly manifest: DedupeManifest<Planted>;
}

export interface DedupeManifest<Planted = DedupePlanted> {
  readonly generator: number;
  /** Absent in manifests written before the stock corpus existed: those are news. */
  readonly kind?: DedupeCorpusKind;
  readonly seed: number;
  readonly docs: number;
  readonly bytes: number;
  readonly planted: Planted;
  readonly seconds: number;
}

/**
 * A project of `docs` generated news documents (built once, then reused),
 * copied to a work file, with `extra` further documents kept aside as texts.
 */
export function ensureDedupeProject(scratch: string, docs: number, extraDocs: number, seed: number): DedupeProject {
  return ensureProject(scratch, 'news', () => new DedupeCorpusMaker(seed), docs, extraDocs, seed);
}

/** The same for the stock corpus, where most paragraphs come from a small pool. */
export function ensureStockProject(scratch: string, docs: number, extraDocs: number, seed: number): DedupeProject<StockPlanted> {
  return ensureProject(scratch, 'stock', () => new StockCorpusMaker(seed), docs, extraDocs, seed);
}

function ensureProject<Planted extends object>(
  scratch: string,
  kind: DedupeCorpusKind,
  makeMaker: () => CorpusMaker & { readonly planted: Planted },
  docs: number,
  extraDocs: number,
  seed: number,
): DedupeProject<Planted> {
  // News projects keep their old names, so projects built before the stock corpus are reused.
  const prefix = kind === 'news' ? 'dedupe' : `dedupe-${kind}`;
  const base = join(scratch, `${prefix}-base-${docs}-s${seed}.sqlite`);
  const manifestPath = `${base}.json`;
  const extraPath = `${base}.extra.json`;
  let manifest: DedupeManifest<Planted> | null = null;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as DedupeManifest<Planted>;
  } catch {
    manifest = null;
  }
  if (!manifest || manifest.generator !== GENERATOR_VERSION || (manifest.kind ?? 'news') !== kind || !existsSync(base) || !existsSync(extraPath)) {
    manifest = build(base, kind, makeMaker(), docs, extraDocs, seed, extraPath);
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  } else {
    log(`dedupe corpus: reusing ${base} (${docs} documents, ${(manifest.bytes / 1e6).toFixed(1)} MB)`);
  }
  const path = join(scratch, `${prefix}-work-${docs}.sqlite`);
  removeDatabase(path);
  copyFileSync(base, path);
  return { path, extraPath, manifest };
}

function build<Planted extends object>(
  path: string,
  kind: DedupeCorpusKind,
  maker: CorpusMaker & { readonly planted: Planted },
  docs: number,
  extraDocs: number,
  seed: number,
  extraPath: string,
): DedupeManifest<Planted> {
  const started = performance.now();
  removeDatabase(path);
  const db = openProject(path);
  let bytes = 0;
  // The search index is left empty: detection never reads it, and building it would double the set-up time.
  const insertBatch = db.transaction((batch: { title: string; text: string }[], first: number) => {
    batch.forEach((doc, i) => {
      const outcome = insertDocument(db, { title: doc.title, source: `generated/d${String(first + i).padStart(6, '0')}.txt`, text: doc.text, meta: {} }, { index: false });
      if (outcome.inserted) insertNoiseMarks(db, outcome.id, findNoise(doc.text));
    });
  });
  for (let first = 0; first < docs; first += DOCUMENTS_PER_TRANSACTION) {
    const batch: { title: string; text: string }[] = [];
    for (let i = first; i < Math.min(docs, first + DOCUMENTS_PER_TRANSACTION); i++) {
      const doc = maker.next();
      bytes += Buffer.byteLength(doc.text, 'utf8');
      batch.push(doc);
    }
    insertBatch(batch, first);
    if ((first + DOCUMENTS_PER_TRANSACTION) % 20_000 === 0) log(`dedupe corpus: ${first + DOCUMENTS_PER_TRANSACTION}/${docs} documents`);
  }
  db.close();
  const planted = { ...maker.planted };
  const extra = Array.from({ length: extraDocs }, () => maker.next());
  writeFileSync(extraPath, JSON.stringify(extra));
  const seconds = secondsSince(started);
  log(`dedupe corpus: built ${path} (${docs} ${kind} documents, ${(bytes / 1e6).toFixed(1)} MB) in ${seconds.toFixed(1)} s`);
  return { generator: GENERATOR_VERSION, kind, seed, docs, bytes, planted, seconds };
}
