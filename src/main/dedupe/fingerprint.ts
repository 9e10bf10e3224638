/**
 * A document's fingerprint: the band keys, the set summary and the containment
 * anchors of each passage long enough to count, the band keys and set summary
 * of the document as a whole, and the set summary of each sentence long enough
 * to count. Stored once per
 * document, it lets a later import be compared against everything already
 * there without reading any old text again, and identical passages be
 * recognised without reading them at all.
 */
import type { NoiseMark } from '../../shared/model.js';
import { HashList, appendWordHashes, fmix32 } from './fold.js';
import {
  BANDS,
  SET_SUMMARY_WORDS,
  SetSummarizer,
  addToSignature,
  appendShingles,
  appendShinglesOf,
  emptySignature,
  mergeSignature,
  toShingleSet,
  writeBandKeys,
} from './minhash.js';
import { documentLines, type LineText } from './passages.js';
import { lineSentences, type SentenceText } from './sentences.js';

/** u32 values describing one item (a passage or a document): its BANDS band keys, then its set summary (size and hash). */
export const ITEM_PRINT = BANDS + SET_SUMMARY_WORDS;
/**
 * Containment anchors: the passage's shingles whose anchor hash falls in one
 * quarter of the hash space (a fixed sample, the same for every passage).
 * Whatever part of a passage lies inside a longer one, the anchors of that
 * part are anchors of the longer one too, however much longer it is, so the
 * two share an anchor unless none of the shared shingles is sampled (for ten
 * shared shingles, one chance in eighteen). A passage with no sampled shingle
 * takes its smallest.
 */
export const ANCHOR_SAMPLE_MASK = 3;
/** u32 values before a passage record's anchors: startCp, endCp, the passage's ITEM_PRINT values, then how many anchors follow. */
export const PASSAGE_HEADER = 2 + ITEM_PRINT + 1;
/** u32 values per sentence record: startCp, endCp, then the sentence's set summary. */
export const SENTENCE_RECORD = 2 + SET_SUMMARY_WORDS;

const ANCHOR_SEED = 0x6a09e667;

/** The anchors of a passage's shingles values[0, count), appended to `out`; returns how many. */
export function appendAnchors(values: Uint32Array, count: number, out: HashList): number {
  const at = out.length;
  let smallest = 0xffffffff;
  for (let i = 0; i < count; i++) {
    const h = fmix32((values[i] as number) ^ ANCHOR_SEED);
    if ((h & ANCHOR_SAMPLE_MASK) === 0) out.push(h);
    else if (h < smallest) smallest = h;
  }
  if (out.length === at && count > 0) out.push(smallest);
  return out.length - at;
}

export interface DocumentFingerprint {
  readonly documentId: number;
  /** Per passage, in reading order: PASSAGE_HEADER values, then its anchors. */
  readonly passages: Uint32Array;
  /**
   * The ITEM_PRINT values of the whole document (band keys, then set summary);
   * null for a document of one line (its passage says it all) or too little text.
   */
  readonly documentBands: Uint32Array | null;
  /** SENTENCE_RECORD values per sentence of at least the minimum length, in reading order (a passage of one sentence gives one too). */
  readonly sentences: Uint32Array;
}

/** Scratch buffers reused from document to document. */
export class Fingerprinter {
  readonly #words = new HashList();
  /** Where each word of the line lies (first unit, one past the last), for its sentences. */
  readonly #wordBounds = new HashList();
  readonly #shingles = new HashList(1024);
  /** Every shingle of the document, for its set hash. */
  readonly #documentShingles = new HashList(4096);
  readonly #lineSignature = emptySignature();
  readonly #records = new HashList(1024);
  readonly #sentenceRecords = new HashList(256);
  readonly #sentenceWords = new HashList();
  readonly #sentenceShingles = new HashList(256);
  readonly #summarizer = new SetSummarizer();

  constructor(readonly minChars: number) {}

  fingerprint(documentId: number, text: string, noise: readonly NoiseMark[]): DocumentFingerprint {
    const lines = documentLines(text, noise);
    const documentSignature = emptySignature();
    const records = this.#records;
    records.clear();
    const documentShingles = this.#documentShingles;
    documentShingles.clear();
    this.#sentenceRecords.clear();
    let contentCp = 0;
    let linesWithWords = 0;
    for (const line of lines) {
      this.#words.clear();
      this.#wordBounds.clear();
      appendWordHashes(text, line.pieces, this.#words, this.#wordBounds);
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
      records.push(0);
      // A shingle repeated in the passage gives its anchor twice; candidates take each item once per bucket.
      const anchors = appendAnchors(shingles.values, shingles.length, records);
      records.values[at + ITEM_PRINT] = anchors;
      this.#addSentences(text, line, records.values, at + BANDS);
    }
    let documentBands: Uint32Array | null = null;
    if (linesWithWords >= 2 && contentCp >= this.minChars) {
      documentBands = new Uint32Array(ITEM_PRINT);
      writeBandKeys(documentSignature, documentBands, 0);
      this.#summarizer.summarize(documentShingles.values, documentShingles.length, documentBands, BANDS);
    }
    const sentences = this.#sentenceRecords;
    return { documentId, passages: records.values.slice(0, records.length), documentBands, sentences: sentences.values.slice(0, sentences.length) };
  }

  /**
   * Adds the sentence records of a passage whose set summary is at
   * summary[at]. A sentence's words are the line's words that lie inside it,
   * hashed already; only a word run on across a sentence's edge (a noise cut
   * there) makes the sentence be read again on its own.
   */
  #addSentences(text: string, line: LineText, summary: Uint32Array, at: number): void {
    const out = this.#sentenceRecords;
    const sentences = lineSentences(text, line);
    const words = this.#words.values;
    const bounds = this.#wordBounds.values;
    const wordCount = this.#words.length;
    let first = 0;
    for (const sentence of sentences) {
      if (sentence.contentCp < this.minChars) continue;
      out.push(sentence.startCp);
      out.push(sentence.endCp);
      for (let value = 0; value < SET_SUMMARY_WORDS; value++) out.push(0);
      if (sentences.length === 1) {
        // The passage is one sentence: its summary says it.
        out.values.set(summary.subarray(at, at + SET_SUMMARY_WORDS), out.length - SET_SUMMARY_WORDS);
        continue;
      }
      const fromU16 = sentence.pieces[0] as number;
      const toU16 = sentence.pieces[sentence.pieces.length - 1] as number;
      while (first < wordCount && (bounds[2 * first + 1] as number) <= fromU16) first++;
      let end = first;
      while (end < wordCount && (bounds[2 * end] as number) < toU16) end++;
      const runsOn = (first < wordCount && (bounds[2 * first] as number) < fromU16) || (end > first && (bounds[2 * end - 1] as number) > toU16);
      this.#sentenceShingles.clear();
      if (runsOn) {
        this.#sentenceWords.clear();
        appendWordHashes(text, sentence.pieces, this.#sentenceWords);
        appendShingles(this.#sentenceWords, this.#sentenceShingles);
      } else {
        appendShinglesOf(words, first, end - first, this.#sentenceShingles);
      }
      this.#summarizer.summarize(this.#sentenceShingles.values, this.#sentenceShingles.length, out.values, out.length - SET_SUMMARY_WORDS);
    }
  }
}

/** Shingle sets computed again for exact comparison, sharing scratch buffers. */
export class ShingleReader {
  readonly #words = new HashList();
  readonly #shingles = new HashList(1024);

  /** The shingle set of one line, or of one sentence. */
  line(text: string, line: LineText | SentenceText): Uint32Array {
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

  /** Appends the shingles of one line (in reading order, repeats kept) to `out`. */
  appendLine(text: string, line: LineText, out: HashList): void {
    this.#words.clear();
    appendWordHashes(text, line.pieces, this.#words);
    appendShingles(this.#words, out);
  }

  #add(text: string, line: LineText | SentenceText): void {
    this.#words.clear();
    appendWordHashes(text, line.pieces, this.#words);
    appendShingles(this.#words, this.#shingles);
  }
}
