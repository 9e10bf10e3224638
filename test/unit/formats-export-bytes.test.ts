/**
 * The spaCy, Web Annotation and CoNLL writers, and the tokenizer they share, must
 * write exactly the bytes they always wrote when they are made faster: the
 * fixtures were written by the writers as they stood before. Set
 * MARGINALIA_WRITE_FIXTURES=1 to rewrite them after a deliberate change of format.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ExportFormat } from '../../src/main/export/export-project.js';
import { exportText, findCp, taggedProject } from './formats-support.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/export-bytes/', import.meta.url));

/** Invented notes: emoji and other astral characters, CRLF and lone CR, quotes and backslashes, a control character. */
const TEXTS = [
  'Ward 7 at Saint Ansel 🏥 Hospital reopened on 12 March 2031.\r\nNurse Ola Brandt 😀 counted 1,204.5 kg of linen\u2028and said "enough".\r\n',
  '𝄞𝄞 Lakeview\tClinic — C:\\records\\2031 — 40 % of 𝒳 beds\rfilled; don’t panic… Dr. Ivo Ren-Sato arrived!\n\u0007bell',
  'Short note without tags, ending with an astral symbol 🜁',
];

const TAGS = [
  { phrase: 'Saint Ansel 🏥 Hospital', label: 'HOSPITAL', annotator: 'lan' },
  { phrase: '12 March 2031', label: 'DATE', annotator: '' },
  { phrase: 'Ola Brandt', label: 'PERSON', annotator: 'minh "the second"' },
  { phrase: '1,204.5 kg', label: 'FIGURE', annotator: 'lan' },
  { phrase: 'Ola', label: 'PERSON', annotator: 'other' },
  { phrase: 'Saint', label: 'HOSPITAL', annotator: 'edge' },
];

/** A project of the three notes; the first holds the tags above, the second two placed by hand after astral characters. */
function project() {
  const made = taggedProject(TEXTS, TAGS);
  const second = TEXTS[1] as string;
  const insert = made.db.prepare(
    "INSERT INTO spans (document_id, start_cp, end_cp, label, annotator, status, created_at, updated_at) VALUES (2, ?, ?, ?, 'lan', 'accepted', 'x', 'x')",
  );
  for (const [phrase, label] of [
    ['Lakeview\tClinic', 'HOSPITAL'],
    ['40 %', 'FIGURE'],
    ['Ivo Ren-Sato', 'PERSON'],
    ['Ren', 'PERSON'],
  ] as const) {
    const { start, end } = findCp(second, phrase);
    insert.run(start, end, label);
  }
  made.db.prepare('UPDATE documents SET meta = ? WHERE id = 2').run(JSON.stringify({ title: 'kept aside', 'with "quote"': ['a', 1, null], nested: { x: '🙈' } }));
  return made;
}

const CASES: readonly { readonly format: ExportFormat; readonly file: string }[] = [
  { format: 'spacy', file: 'spacy.jsonl' },
  { format: 'webanno', file: 'webanno.jsonld' },
  { format: 'conll', file: 'conll.conll' },
];

describe('export bytes', () => {
  for (const { format, file } of CASES) {
    it(`${format} writes the same bytes as before`, async () => {
      const { db } = project();
      const { text } = await exportText(db, { format, statuses: ['accepted'] });
      const path = join(FIXTURES, file);
      if (process.env.MARGINALIA_WRITE_FIXTURES === '1') writeFileSync(path, text);
      expect(text.length).toBeGreaterThan(200);
      expect(Buffer.from(text, 'utf8').equals(readFileSync(path))).toBe(true);
    });
  }
});
