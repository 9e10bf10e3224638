/**
 * A document's fingerprint: the band keys and the set summary of each passage
 * long enough to count and of the document as a whole. Stored once per
 * document, it lets a later import be compared against everything already
 * there without reading any old text again, and identical passages be
 * recognised without reading them at all.
 */
import type { NoiseMark } from '../../shared/model.js';
import { HashList, appendWordHashes } from './fold.js';
import {
  BANDS,
  SET_SUMMARY_WORDS,
  SetSummarizer,
  addToSignature,
  appendShingles,
  emptySignature,
  mergeSignature,
  toShingleSet,
  writeBandKeys,
} from './minhash.js';
import { documentLines, type LineText } from './passages.js';

/** u32 values describing one item (a passage or a document): its BANDS band keys, then its set summary (size and hash). */
export const ITEM_PRINT = BANDS + SET_SUMMARY_WORDS;
/** u32 values per passage record: startCp, endCp, then the passage's ITEM_PRINT values. */
export const PASSAGE_RECORD = 2 + ITEM_PRINT;

export interface DocumentFingerprint {
  readonly documentId: number;
  /** PASSAGE_RECORD values per passage, in reading order. */
  readonly passages: Uint32Array;
  /**
   * The ITEM_PRINT values of the whole document (band keys, then set summary);
   * null for a document of one line (its passage says it all) or too little text.
   */
  readonly documentBands: Uint32Array | null;
}

/** Scratch buffers reused from document to document. */
export class Fingerprinter {
  readonly #words = new HashList();
  readonly #shingles = new HashList(1024);
  /** Every shingle of the document, for its set hash. */
  readonly #documentShingles = new HashList(4096);
  readonly #lineSignature = emptySignature();
  readonly #records = new HashList(1024);
  readonly #summarizer = new SetSummarizer();

  constructor(readonly minChars: number) {}

  fingerprint(documentId: number, text: string, noise: readonly NoiseMark[]): DocumentFingerprint {
    const lines = documentLines(text, noise);
    const documentSignature = emptySignature();
    const records = this.#records;
    records.clear();
    const documentShingles = this.#documentShingles;
    documentShingles.clear();
    let contentCp = 0;
    let linesWithWords = 0;
    for (const line of lines) {
      this.#words.clear();
      appendWordHashes(text, line.pieces, this.#words);
      if (this.#words.length === 0) continue;
      linesWithWords++;
      contentCp += line.contentCp;
      const shingles = this.#shingles;
      shingles.clear();
      appendShingles(this.#words, shingles);
      documentShingles.pushRange(shingles.values, 0, shingles.length);
      const signature = this.#lineSignature.fill(0xffffffff);
      addToSignature(shingles, signature);
      mergeSignature(documentSignature, signature);
      if (line.contentCp < this.minChars) continue;
      records.push(line.startCp);
      records.push(line.endCp);
      for (let value = 0; value < ITEM_PRINT; value++) records.push(0);
      const at = records.length - ITEM_PRINT;
      writeBandKeys(signature, records.values, at);
      this.#summarizer.summarize(shingles.values, shingles.length, records.values, at + BANDS);
    }
    let documentBands: Uint32Array | null = null;
    if (linesWithWords >= 2 && contentCp >= this.minChars) {
      documentBands = new Uint32Array(ITEM_PRINT);
      writeBandKeys(documentSignature, documentBands, 0);
      this.#summarizer.summarize(documentShingles.values, documentShingles.length, documentBands, BANDS);
    }
    return { documentId, passages: records.values.slice(0, records.length), documentBands };
  }
}

/** Shingle sets computed again for exact comparison, sharing scratch buffers. */
export class ShingleReader {
  readonly #words = new HashList();
  readonly #shingles = new HashList(1024);

  /** The shingle set of one line. */
  line(text: string, line: LineText): Uint32Array {
    this.#shingles.clear();
    this.#add(text, line);
    return toShingleSet(this.#shingles);
  }

  /** The shingle set of a whole document: the union of its lines' sets (shingles never span lines). */
  document(text: string, lines: readonly LineText[]): Uint32Array {
    this.#shingles.clear();
    for (const line of lines) this.#add(text, line);
    return toShingleSet(this.#shingles);
  }

  #add(text: string, line: LineText): void {
    this.#words.clear();
    appendWordHashes(text, line.pieces, this.#words);
    appendShingles(this.#words, this.#shingles);
  }
}
