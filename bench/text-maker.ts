/** Synthetic health-news prose: headlines, sentences with named entities, paragraphs. */
import { ZipfTable, type Prng } from './prng.js';
import {
  CONTENT_WORDS,
  FUNCTION_WORDS,
  GIVEN_NAMES,
  HOSPITAL_KINDS,
  MIDDLE_NAMES,
  MONTHS,
  PLACES,
  SURNAMES,
  TITLES,
  UNITS,
  makeTailWords,
} from './vocabulary.js';

/** Distinct made-up words after the hand-written ones; a news archive of this size has tens of thousands of terms. */
const TAIL_WORDS = 30_000;

/** The ranked vocabulary every draw uses: hand-written health words first, made-up tail after. */
export function rankedVocabulary(): string[] {
  const functionWords = new Set(FUNCTION_WORDS);
  const content = [...new Set(CONTENT_WORDS)].filter((word) => !functionWords.has(word));
  return [...content, ...makeTailWords(TAIL_WORDS)];
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Makes text from one seeded random source, so the same seed gives the same corpus. */
export class TextMaker {
  readonly #words: readonly string[];
  readonly #functionWords: readonly string[];
  readonly #zipf: ZipfTable;
  readonly #functionZipf: ZipfTable;

  constructor(readonly prng: Prng) {
    this.#words = rankedVocabulary();
    this.#functionWords = [...new Set(FUNCTION_WORDS)];
    this.#zipf = new ZipfTable(this.#words.length, 1.1);
    this.#functionZipf = new ZipfTable(this.#functionWords.length, 0.9, 1.5, 1 << 12);
  }

  /** A content word, frequent ones far more often than rare ones. */
  word(): string {
    return this.#words[this.#zipf.draw(this.prng.next())] as string;
  }

  functionWord(): string {
    return this.#functionWords[this.#functionZipf.draw(this.prng.next())] as string;
  }

  hospital(): string {
    return `${this.prng.pick(PLACES)} ${this.prng.pick(HOSPITAL_KINDS)}`;
  }

  person(): string {
    return `${this.prng.pick(SURNAMES)} ${this.prng.pick(MIDDLE_NAMES)} ${this.prng.pick(GIVEN_NAMES)}`;
  }

  date(): string {
    const year = this.prng.int(2015, 2025);
    const month = this.prng.int(1, 12);
    const day = this.prng.int(1, 28);
    return this.prng.chance(0.6) ? `${MONTHS[month - 1] as string} ${day}, ${year}` : `${day}/${month}/${year}`;
  }

  figure(): string {
    const roll = this.prng.next();
    let number: string;
    if (roll < 0.4) number = String(this.prng.int(2, 99));
    else if (roll < 0.75) number = this.prng.int(100, 99_999).toLocaleString('en-US');
    else number = (this.prng.int(10, 999) / 10).toFixed(1);
    return `${number} ${this.prng.pick(UNITS)}`;
  }

  /** A named entity with the words that usually introduce it. */
  entity(): string {
    const roll = this.prng.next();
    if (roll < 0.25) return `at ${this.hospital()}`;
    if (roll < 0.55) return this.prng.chance(0.7) ? `${this.prng.pick(TITLES)} ${this.person()}` : this.person();
    if (roll < 0.75) return `on ${this.date()}`;
    return this.figure();
  }

  /** One sentence of 8–22 words, usually carrying one or two named entities. */
  sentence(): string {
    const length = this.prng.int(8, 22);
    // Dense in names and figures, as health news is: the export benchmark needs ten mentions a document.
    const entityAt = this.prng.chance(0.9) ? this.prng.int(1, length - 1) : -1;
    const secondAt = this.prng.chance(0.35) ? this.prng.int(1, length - 1) : -1;
    const parts: string[] = [];
    for (let i = 0; i < length; i++) {
      if (i === entityAt) parts.push(this.entity());
      if (i === secondAt && secondAt !== entityAt) parts.push(`and ${this.entity()}`);
      let word = this.prng.chance(0.42) ? this.functionWord() : this.word();
      if (i === 0) word = capitalise(word);
      if (i < length - 1 && this.prng.chance(0.06)) word += ',';
      parts.push(word);
    }
    return `${parts.join(' ')}.`;
  }

  paragraph(): string {
    const count = this.prng.int(2, 6);
    const sentences: string[] = [];
    for (let i = 0; i < count; i++) sentences.push(this.sentence());
    return sentences.join(' ');
  }

  /** A headline: title-case first word, often naming a hospital or a figure. */
  headline(): string {
    const parts: string[] = [];
    const length = this.prng.int(5, 11);
    for (let i = 0; i < length; i++) parts.push(i % 3 === 1 ? this.functionWord() : this.word());
    if (this.prng.chance(0.5)) parts.splice(this.prng.int(1, parts.length - 1), 0, this.prng.chance(0.5) ? this.hospital() : this.figure());
    parts[0] = capitalise(parts[0] as string);
    return parts.join(' ');
  }

  /** A photo caption line as news sites print it. */
  caption(): string {
    return `${capitalise(this.word())} ${this.functionWord()} ${this.word()} at ${this.hospital()}. (Photo: VNA)`;
  }
}
