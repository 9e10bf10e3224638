/**
 * A document's fingerprint: the band keys of each passage long enough to count
 * and of the document as a whole. Stored once per document, it lets a later
 * import be compared against everything already there without reading any
 * old text again.
 */
import type { NoiseMark } from '../../shared/model.js';
import { HashList, appendWordHashes } from './fold.js';
import { BANDS, addToSignature, appendShingles, emptySignature, mergeSignature, toShingleSet, writeBandKeys } from './minhash.js';
import { documentLines, type LineText } from './passages.js';

/** u32 values per passage record: startCp, endCp, then the band keys. */
export const PASSAGE_RECORD = 2 + BANDS;

export interface DocumentFingerprint {
  readonly documentId: number;
  /** PASSAGE_RECORD values per passage, in reading order. */
  readonly passages: Uint32Array;
  /** Band keys of the whole document; null for a document of one line (its passage says it all) or too little text. */
  readonly documentBands: Uint32Array | null;
}

/** Scratch buffers reused from document to document. */
export class Fingerprinter {
  readonly #words = new HashList();
  readonly #shingles = new HashList(1024);
  readonly #lineSignature = emptySignature();
  readonly #records = new HashList(1024);

  constructor(readonly minChars: number) {}

  fingerprint(documentId: number, text: string, noise: readonly NoiseMark[]): DocumentFingerprint {
    const lines = documentLines(text, noise);
    const documentSignature = emptySignature();
    const records = this.#records;
    records.clear();
    let contentCp = 0;
    let linesWithWords = 0;
    for (const line of lines) {
      this.#words.clear();
      appendWordHashes(text, line.pieces, this.#words);
      if (this.#words.length === 0) continue;
      linesWithWords++;
      contentCp += line.contentCp;
      this.#shingles.clear();
      appendShingles(this.#words, this.#shingles);
      const signature = this.#lineSignature.fill(0xffffffff);
      addToSignature(this.#shingles, signature);
      mergeSignature(documentSignature, signature);
      if (line.contentCp < this.minChars) continue;
      records.push(line.startCp);
      records.push(line.endCp);
      for (let band = 0; band < BANDS; band++) records.push(0);
      writeBandKeys(signature, records.values, records.length - BANDS);
    }
    let documentBands: Uint32Array | null = null;
    if (linesWithWords >= 2 && contentCp >= this.minChars) {
      documentBands = new Uint32Array(BANDS);
      writeBandKeys(documentSignature, documentBands, 0);
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
