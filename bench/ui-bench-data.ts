/**
 * Projects for the workbench benchmark, written straight through the store (no
 * import pipeline, so building them takes seconds): one long, densely annotated
 * document, and a project of many short documents for the list.
 */
import { openProject, type Db } from '../src/main/store/connection.js';
import { insertDocument } from '../src/main/store/documents.js';
import { insertSpan } from '../src/main/store/spans.js';
import { OffsetMap, codePointLength } from '../src/shared/offsets.js';
import { Prng } from './prng.js';
import { TextMaker } from './text-maker.js';

/** The default labels every new project has (see migration 001). */
const LABELS = ['HOSPITAL', 'DATE', 'PERSON', 'FIGURE'] as const;
type Label = (typeof LABELS)[number];

/** Astral emoji (two UTF-16 units each) and one ZWJ sequence, so code point and UTF-16 offsets part ways early in the text. */
const EMOJI = ['😷', '💉', '🏥', '🦠', '📈', '👩‍⚕️'] as const;

const CRLF = '\r\n';

/** A mention the generator wrote, in UTF-16 indices of the text. */
interface Mention {
  readonly startU16: number;
  readonly endU16: number;
  readonly label: Label;
}

/** A span to store, in code points (the store's unit). */
export interface DraftSpan {
  readonly startCp: number;
  readonly endCp: number;
  readonly label: Label;
}

/** The long document: its text, spans and what makes it awkward. */
export interface LongDocument {
  readonly title: string;
  readonly text: string;
  readonly spans: readonly DraftSpan[];
  readonly emoji: number;
  /** Spans drawn inside another span (a word of a longer mention). */
  readonly nested: number;
  /** Spans that cross a mention's end, so both are drawn in pieces. */
  readonly crossing: number;
}

/** Builds text piece by piece and remembers where each entity was written. */
class TextBuilder {
  readonly #parts: string[] = [];
  #length = 0;
  readonly mentions: Mention[] = [];

  get length(): number {
    return this.#length;
  }

  append(text: string): void {
    this.#parts.push(text);
    this.#length += text.length;
  }

  mention(text: string, label: Label): void {
    this.mentions.push({ startU16: this.#length, endU16: this.#length + text.length, label });
    this.append(text);
  }

  text(): string {
    return this.#parts.join('');
  }
}

/** Writes one entity (with the words that introduce it) and records its mention. */
function writeEntity(out: TextBuilder, maker: TextMaker): void {
  const roll = maker.prng.next();
  if (roll < 0.25) {
    out.append('at ');
    out.mention(maker.hospital(), 'HOSPITAL');
  } else if (roll < 0.5) {
    if (maker.prng.chance(0.5)) out.append('Dr. ');
    out.mention(maker.person(), 'PERSON');
  } else if (roll < 0.72) {
    out.append('on ');
    out.mention(maker.date(), 'DATE');
  } else {
    out.mention(maker.figure(), 'FIGURE');
  }
}

/** One sentence of 8–16 words carrying two to four entities: the long document is annotated densely. */
function writeSentence(out: TextBuilder, maker: TextMaker): void {
  const { prng } = maker;
  const length = prng.int(8, 16);
  const entities = new Set<number>();
  const wanted = prng.int(2, 4);
  while (entities.size < wanted) entities.add(prng.int(1, length - 1));
  for (let i = 0; i < length; i++) {
    if (i > 0) out.append(' ');
    if (entities.has(i)) {
      writeEntity(out, maker);
      out.append(' ');
    }
    let word = prng.chance(0.42) ? maker.functionWord() : maker.word();
    if (i === 0) word = word.charAt(0).toUpperCase() + word.slice(1);
    out.append(word);
  }
  out.append('.');
}

/** Health-news prose with CRLF line breaks, until `lengthCp` code points are written (then cut there). */
function writeLongText(maker: TextMaker, lengthCp: number): { text: string; mentions: Mention[]; emoji: number } {
  const out = new TextBuilder();
  let emoji = 0;
  let sentences = 0;
  // UTF-16 length bounds the code point length from above, so this stops once there is enough.
  while (out.length < lengthCp + 200) {
    const count = maker.prng.int(2, 6);
    for (let i = 0; i < count; i++) {
      if (i > 0) out.append(' ');
      writeSentence(out, maker);
      if (++sentences % 70 === 0) {
        out.append(` ${maker.prng.pick(EMOJI)}`);
        emoji++;
      }
    }
    // Mostly blank-line paragraphs, sometimes a single line break, as pasted news copy has.
    out.append(maker.prng.chance(0.8) ? CRLF + CRLF : CRLF);
  }
  return cutAt(out.text(), out.mentions, lengthCp, emoji);
}

/** Cuts `text` to exactly `lengthCp` code points, dropping mentions past the cut. */
function cutAt(text: string, mentions: readonly Mention[], lengthCp: number, emoji: number): { text: string; mentions: Mention[]; emoji: number } {
  const offsets = new OffsetMap(text);
  let endU16 = offsets.toU16(lengthCp);
  let cut = text.slice(0, endU16);
  // A lone CR at the very end would be a CR LF cut in half; a full stop keeps the length.
  if (cut.endsWith('\r')) cut = `${cut.slice(0, -1)}.`;
  if (codePointLength(cut) !== lengthCp) throw new Error(`long text is ${codePointLength(cut)} code points, not ${lengthCp}`);
  endU16 = cut.length;
  const kept = mentions.filter((mention) => mention.endU16 <= endU16);
  const emojiKept = emoji - emojiAfter(text, endU16);
  return { text: cut, mentions: kept, emoji: emojiKept };
}

/** How many of the benchmark's emoji sit after `fromU16` (they were cut off). */
function emojiAfter(text: string, fromU16: number): number {
  const tail = text.slice(fromU16);
  return EMOJI.reduce((sum, emoji) => sum + tail.split(emoji).length - 1, 0);
}

/** The first word after `endU16` (one space, then letters or digits), or null at a sentence end. */
function wordAfter(text: string, endU16: number): number | null {
  const match = /^ [\p{L}\p{N}]+/u.exec(text.slice(endU16, endU16 + 40));
  return match ? endU16 + match[0].length : null;
}

/** Spans chosen so far, at most `total`, each (offsets, label) once as the store's unique key demands. */
class SpanSet {
  readonly #chosen = new Map<string, DraftSpan>();

  constructor(
    readonly offsets: OffsetMap,
    readonly total: number,
  ) {}

  get full(): boolean {
    return this.#chosen.size >= this.total;
  }

  /** Adds a span given in UTF-16 indices; false when it is already there or the set is full. */
  add(startU16: number, endU16: number, label: Label): boolean {
    const span = { startCp: this.offsets.toCp(startU16), endCp: this.offsets.toCp(endU16), label };
    const key = `${span.startCp}:${span.endCp}:${label}`;
    if (this.full || this.#chosen.has(key)) return false;
    this.#chosen.set(key, span);
    return true;
  }

  /** In reading order, as the ids the store gives them will then be. */
  spans(): DraftSpan[] {
    return [...this.#chosen.values()].sort((a, b) => a.startCp - b.startCp || b.endCp - a.endCp);
  }
}

/** Chooses `total` spans: mostly the mentions, some nested inside them, some crossing their ends. */
function chooseSpans(text: string, mentions: readonly Mention[], prng: Prng, total: number): { spans: DraftSpan[]; nested: number; crossing: number } {
  const set = new SpanSet(new OffsetMap(text), total);
  const nestedTarget = Math.round(total * 0.1);
  const crossingTarget = Math.round(total * 0.06);
  const plain = shuffled(mentions, prng).slice(0, total - nestedTarget - crossingTarget);
  for (const mention of plain) set.add(mention.startU16, mention.endU16, mention.label);
  let nested = 0;
  let crossing = 0;
  for (const mention of plain) {
    const space = text.indexOf(' ', mention.startU16);
    if (space < 0 || space >= mention.endU16) continue;
    if (nested < nestedTarget) {
      // The first word of a multi-word mention, under another label: a mark inside a mark.
      if (set.add(mention.startU16, space, otherLabel(mention.label, prng))) nested++;
    } else if (crossing < crossingTarget) {
      // From the mention's second word to the word after it: neither encloses the other.
      const end = wordAfter(text, mention.endU16);
      if (end !== null && set.add(space + 1, end, otherLabel(mention.label, prng))) crossing++;
    }
  }
  topUpWithWords(text, prng, set);
  return { spans: set.spans(), nested, crossing };
}

/** If the text held too few mentions, tags single lowercase words until the set is full. */
function topUpWithWords(text: string, prng: Prng, set: SpanSet): void {
  if (set.full) return;
  const words = [...text.matchAll(/(?<![\p{L}\p{N}])[a-z]{4,}(?![\p{L}\p{N}])/gu)];
  for (let attempts = 0; attempts < 20 * set.total && words.length > 0 && !set.full; attempts++) {
    const word = prng.pick(words);
    set.add(word.index, word.index + word[0].length, prng.pick(LABELS));
  }
}

function otherLabel(label: Label, prng: Prng): Label {
  const others = LABELS.filter((candidate) => candidate !== label);
  return prng.pick(others);
}

function shuffled<T>(items: readonly T[], prng: Prng): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = prng.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** The long document: `lengthCp` code points of health news with `spanCount` spans. */
export function makeLongDocument(seed: number, lengthCp = 200_000, spanCount = 5_000): LongDocument {
  const maker = new TextMaker(new Prng(seed));
  const { text, mentions, emoji } = writeLongText(maker, lengthCp);
  const { spans, nested, crossing } = chooseSpans(text, mentions, maker.prng, spanCount);
  if (spans.length !== spanCount) throw new Error(`long document got ${spans.length} spans, not ${spanCount}`);
  return { title: 'Long read: a year of health news, annotated', text, spans, emoji, nested, crossing };
}

/** What was written into a benchmark project, and how long it took. */
export interface BuiltProject {
  readonly path: string;
  readonly documents: number;
  readonly spans: number;
  readonly seconds: number;
}

/** The long-document project: one document, its spans, in one transaction. */
export function buildLongDocumentProject(path: string, doc: LongDocument): BuiltProject & { readonly lastSpanId: number } {
  const started = performance.now();
  const db = openProject(path);
  try {
    db.transaction(() => {
      const outcome = insertDocument(db, { title: doc.title, source: 'bench/long-read.txt', text: doc.text, meta: {} });
      for (const span of doc.spans) insertSpan(db, { documentId: outcome.id, ...span, annotator: 'bench' });
    })();
    // Spans tagged in the browser get higher ids: the benchmark tells its new mark by that.
    const lastSpanId = (db.prepare('SELECT max(id) AS id FROM spans').get() as { id: number }).id;
    return { path, documents: 1, spans: doc.spans.length, seconds: (performance.now() - started) / 1000, lastSpanId };
  } finally {
    db.close();
  }
}

/** About 300 characters of news: sentences until the length is reached. */
function shortText(maker: TextMaker): string {
  const sentences: string[] = [];
  let length = 0;
  while (length < 280) {
    const sentence = maker.sentence();
    sentences.push(sentence);
    length += sentence.length + 1;
  }
  return sentences.join(' ');
}

/** Inserts `count` short documents through insertDocument in one transaction (its statements are prepared once). */
function insertShortDocuments(db: Db, maker: TextMaker, count: number): void {
  db.transaction(() => {
    let written = 0;
    while (written < count) {
      const n = written + 1;
      const outcome = insertDocument(db, {
        title: maker.headline(),
        source: `bench/news-${String(n).padStart(6, '0')}.txt`,
        text: shortText(maker),
        meta: {},
      });
      // A repeated text would be skipped as a duplicate; draw another so the count is exact.
      if (outcome.inserted) written++;
    }
  })();
}

/** The list project: `count` short documents and no spans. */
export function buildManyDocumentsProject(path: string, count: number, seed: number): BuiltProject {
  const started = performance.now();
  const db = openProject(path);
  try {
    insertShortDocuments(db, new TextMaker(new Prng(seed)), count);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return { path, documents: count, spans: 0, seconds: (performance.now() - started) / 1000 };
}
