/** Shared steps of the tests of other tools' formats: a tagged project, an export to text, an import from a file. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import { exportProject, type ExportOptions, type ExportReport } from '../../src/main/export/export-project.js';
import { importPaths, type ImportOptions, type ImportReport } from '../../src/main/import/pipeline.js';
import type { Db } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { createSpan } from '../../src/main/store/spans.js';
import type { SpanStatus } from '../../src/shared/model.js';
import { OffsetMap } from '../../src/shared/offsets.js';
import { createTestProject, tempDir } from '../helpers/project.js';

/** Invented text with astral characters (an emoji, a musical symbol) and CRLF line breaks. */
export const ASTRAL_TEXT =
  'On 3 May 🙈 the Riverside General Hospital opened a ward.\r\n' +
  'Dr. Mai Tran 𝄞 said 1,250 beds were ready; Riverside General Hospital thanked donors.\r\n';

export const PLAIN_TEXT = 'Nothing to tag here, only a plain note.\n';

/** Code-point offsets of the n-th occurrence of `phrase`, as Python's str.find would count. */
export function findCp(text: string, phrase: string, occurrence = 0): { readonly start: number; readonly end: number } {
  let at = -1;
  for (let n = 0; n <= occurrence; n++) at = text.indexOf(phrase, at + 1);
  if (at < 0) throw new Error(`"${phrase}" is not in the text`);
  const map = new OffsetMap(text);
  return { start: map.toCp(at), end: map.toCp(at + phrase.length) };
}

interface Tag {
  readonly phrase: string;
  readonly label: string;
  readonly occurrence?: number;
  readonly status?: SpanStatus;
  readonly annotator?: string;
}

/** The spans every round trip starts from: several annotators and statuses, after astral characters. */
export const ASTRAL_TAGS: readonly Tag[] = [
  { phrase: '3 May', label: 'DATE', annotator: 'lan' },
  { phrase: 'Riverside General Hospital', label: 'HOSPITAL', annotator: 'lan' },
  { phrase: 'Mai Tran', label: 'PERSON', annotator: 'minh' },
  { phrase: '1,250 beds', label: 'FIGURE', status: 'suggested' },
  { phrase: 'Riverside General Hospital', label: 'HOSPITAL', occurrence: 1, annotator: '' },
  { phrase: 'ward', label: 'HOSPITAL', status: 'rejected', annotator: 'lan' },
];

/** A project holding `texts`, with `tags` placed in the first one. */
export function taggedProject(texts: readonly string[] = [ASTRAL_TEXT, PLAIN_TEXT], tags: readonly Tag[] = ASTRAL_TAGS) {
  const project = createTestProject();
  const ids = texts.map((text, i) => insertDocument(project.db, { title: `note ${i + 1}`, source: `note-${i + 1}.txt`, text, meta: { site: 'example' } }).id);
  const text = texts[0] as string;
  for (const tag of tags) {
    const { start, end } = findCp(text, tag.phrase, tag.occurrence);
    createSpan(project.db, {
      documentId: ids[0] as number,
      startCp: start,
      endCp: end,
      label: tag.label,
      annotator: tag.annotator ?? 'lan',
      status: tag.status ?? 'accepted',
    });
  }
  return project;
}

/** The whole export as one string, with its report. */
export async function exportText(db: Db, options: ExportOptions): Promise<{ readonly text: string; readonly report: ExportReport }> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  const report = await exportProject(db, out, options);
  // Decoded whole: a chunk may end inside a character.
  return { text: Buffer.concat(chunks).toString('utf8'), report };
}

/** Writes `content` as `name` in a temporary folder and imports it into a fresh project. */
export async function importInto(name: string, content: string, options: ImportOptions = {}): Promise<{ readonly db: Db; readonly report: ImportReport; readonly path: string }> {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  const project = createTestProject();
  const report = await importPaths(project.db, [path], options);
  return { db: project.db, report, path };
}

/** Export → import into a fresh project → export again: the two exports must be identical. */
export async function expectRoundTrip(options: ExportOptions, fileName: string): Promise<string> {
  const { db } = taggedProject();
  const first = await exportText(db, options);
  const imported = await importInto(fileName, first.text);
  expect(imported.report.rejected).toEqual([]);
  const second = await exportText(imported.db, options);
  expect(second.text).toBe(first.text);
  return first.text;
}
