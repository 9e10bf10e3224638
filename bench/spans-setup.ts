/**
 * Gives the imported project a realistic annotation load for the export benchmark:
 * spans on the hospitals, people, dates and figures the generator wrote, found
 * again by pattern so their offsets are real.
 */
import { OffsetMap } from '../src/shared/offsets.js';
import type { Db } from '../src/main/store/connection.js';
import { log, secondsSince } from './measure.js';
import { GIVEN_NAMES, HOSPITAL_KINDS, MIDDLE_NAMES, MONTHS, PLACES, SURNAMES, UNITS } from './vocabulary.js';

const SPANS_PER_TRANSACTION = 100_000;
const DOCUMENTS_PER_READ = 1000;

function alternatives(words: readonly string[]): string {
  // Longest first, so that a name is never cut at a shorter alternative.
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `(?:${escaped.sort((a, b) => b.length - a.length).join('|')})`;
}

const NOT_LETTER_AFTER = '(?![\\p{L}\\p{N}])';

/** The patterns that find each label's mentions. */
const PATTERNS: readonly { readonly label: string; readonly pattern: RegExp }[] = [
  { label: 'HOSPITAL', pattern: new RegExp(`${alternatives(PLACES)} ${alternatives(HOSPITAL_KINDS)}`, 'gu') },
  {
    label: 'PERSON',
    pattern: new RegExp(`${alternatives(SURNAMES)} ${alternatives(MIDDLE_NAMES)} ${alternatives(GIVEN_NAMES)}${NOT_LETTER_AFTER}`, 'gu'),
  },
  { label: 'DATE', pattern: new RegExp(`${alternatives(MONTHS)} \\d{1,2}, \\d{4}|\\b\\d{1,2}/\\d{1,2}/\\d{4}\\b`, 'gu') },
  { label: 'FIGURE', pattern: new RegExp(`(?<![\\d,./])\\d{1,3}(?:,\\d{3})*(?:\\.\\d+)? ${alternatives(UNITS)}${NOT_LETTER_AFTER}`, 'gu') },
];

interface Mention {
  readonly start: number;
  readonly end: number;
  readonly label: string;
}

/** Non-overlapping mentions in reading order (UTF-16 indices). */
function mentionsIn(text: string): Mention[] {
  const found: Mention[] = [];
  for (const { label, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) found.push({ start: match.index, end: match.index + match[0].length, label });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Mention[] = [];
  let reached = 0;
  for (const mention of found) {
    if (mention.start < reached) continue;
    kept.push(mention);
    reached = mention.end;
  }
  return kept;
}

/** What the setup wrote, and how long it took (reported, not counted in the export time). */
export interface SpanSetupResult {
  readonly spans: number;
  readonly documents: number;
  readonly seconds: number;
}

/**
 * Adds `total` accepted spans (fewer only if the texts hold too few mentions),
 * spread evenly: each document gets its share of what is left.
 */
export function addSpans(db: Db, total: number): SpanSetupResult {
  const started = performance.now();
  const documents = (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
  const read = db.prepare('SELECT id, text FROM documents WHERE id > ? ORDER BY id LIMIT ?');
  const insert = db.prepare(
    `INSERT INTO spans (document_id, start_cp, end_cp, label, annotator, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, 'bench', 'accepted', ?, ?)`,
  );
  const stamp = new Date().toISOString();
  let written = 0;
  let seen = 0;
  let inTransaction = 0;
  let afterId = 0;
  db.exec('BEGIN');
  for (;;) {
    const rows = read.all(afterId, DOCUMENTS_PER_READ) as { id: number; text: string }[];
    if (rows.length === 0) break;
    for (const row of rows) {
      // One more than the even share, so documents rich in mentions make up for poor ones
      // early and the total is reached exactly; the share falls as the total nears.
      const share = Math.min(total - written, Math.ceil((total - written) / (documents - seen)) + 1);
      seen++;
      const mentions = mentionsIn(row.text).slice(0, share);
      const offsets = new OffsetMap(row.text);
      for (const mention of mentions) {
        insert.run(row.id, offsets.toCp(mention.start), offsets.toCp(mention.end), mention.label, stamp, stamp);
      }
      written += mentions.length;
      inTransaction += mentions.length;
      if (inTransaction >= SPANS_PER_TRANSACTION) {
        db.exec('COMMIT; BEGIN');
        inTransaction = 0;
      }
    }
    afterId = (rows[rows.length - 1] as { id: number }).id;
    if (seen % 20_000 < DOCUMENTS_PER_READ) log(`spans: ${written} spans on ${seen}/${documents} documents`);
  }
  db.exec('COMMIT');
  const result = { spans: written, documents, seconds: secondsSince(started) };
  log(`spans: wrote ${written} spans in ${result.seconds.toFixed(1)} s`);
  return result;
}
