import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { jsonLines, writeFiles } from '../helpers/files.js';
import { tempDir } from '../helpers/project.js';

const FIRST = 'Lan visited Hue Central Hospital on Monday.';
const SECOND = 'Minh counted 40 beds at Bach Mai Hospital 🙈 on 3 May.';

function span(text: string, phrase: string, label: string, annotator: string) {
  const start = [...text.slice(0, text.indexOf(phrase))].length;
  return { start, end: start + [...phrase].length, label, text: phrase, status: 'accepted', annotator };
}

function spanRows(dbPath: string): { text: string; label: string; annotator: string; start_cp: number }[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT d.text AS text, s.label, s.annotator, s.start_cp FROM spans s JOIN documents d ON d.id = s.document_id
         ORDER BY d.text, s.start_cp, s.annotator, s.label`,
      )
      .all() as { text: string; label: string; annotator: string; start_cp: number }[];
  } finally {
    db.close();
  }
}

describe('merging annotators', () => {
  it("merges two annotators' exports of the same documents under their names, once", () => {
    const dir = tempDir();
    // Each laptop numbered the documents its own way: ids do not match, texts do.
    writeFiles(dir, {
      'lan.jsonl': jsonLines([
        { id: 1, title: 'first', text: FIRST, spans: [span(FIRST, 'Lan', 'PERSON', 'lan'), span(FIRST, 'Hue Central Hospital', 'HOSPITAL', 'lan')] },
        { id: 2, title: 'second', text: SECOND, spans: [span(SECOND, 'Bach Mai Hospital', 'HOSPITAL', 'lan'), span(SECOND, '3 May', 'DATE', 'lan')] },
      ]),
      'minh.jsonl': jsonLines([
        { id: 7, title: 'second', text: SECOND, spans: [span(SECOND, 'Bach Mai Hospital', 'HOSPITAL', 'minh'), span(SECOND, '40 beds', 'FIGURE', 'minh')] },
        { id: 9, title: 'first', text: FIRST, spans: [span(FIRST, 'Central Hospital', 'HOSPITAL', 'minh')] },
      ]),
    });
    const dbPath = join(dir, 'team.sqlite');

    const lan = runCli(['import', join(dir, 'lan.jsonl'), '--db', dbPath]);
    expect(lan.stderr).toBe('');
    expect(lan.status).toBe(0);
    expect(lan.stdout).toMatch(/^imported 2 documents .*, added 4 spans: lan 4$/m);

    const minh = runCli(['import', join(dir, 'minh.jsonl'), '--db', dbPath]);
    expect(minh.status).toBe(0);
    expect(minh.stdout).toMatch(/^imported 0 documents \(0\.00 MB\), skipped 2 duplicates, rejected 0 files, added 3 spans: minh 3$/m);

    const rows = spanRows(dbPath);
    expect(rows).toHaveLength(7);
    expect(rows.filter((row) => row.annotator === 'lan')).toHaveLength(4);
    expect(rows.filter((row) => row.annotator === 'minh')).toHaveLength(3);
    // The same words with the same label, by two people, are two spans: both decisions are kept.
    expect(rows.filter((row) => row.label === 'HOSPITAL' && row.text === SECOND).map((row) => row.annotator)).toEqual(['lan', 'minh']);

    for (const file of ['lan.jsonl', 'minh.jsonl']) {
      const again = runCli(['import', join(dir, file), '--db', dbPath]);
      expect(again.status).toBe(0);
      expect(again.stdout).toMatch(/skipped 2 duplicates, rejected 0 files$/m);
      expect(again.stdout).not.toMatch(/added/);
    }
    expect(spanRows(dbPath)).toEqual(rows);
  });

  it('counts each annotator of a mixed file, most first', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'mixed.jsonl': jsonLines([
        {
          text: SECOND,
          spans: [
            span(SECOND, 'Minh', 'PERSON', 'minh'),
            span(SECOND, 'Bach Mai Hospital', 'HOSPITAL', 'lan'),
            span(SECOND, '40 beds', 'FIGURE', 'lan'),
            { start: 0, end: 4, label: 'PERSON' },
          ],
        },
      ]),
    });
    const result = runCli(['import', join(dir, 'mixed.jsonl'), '--db', join(dir, 'p.sqlite'), '--annotator', 'an']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/added 4 spans: lan 2, an 1, minh 1$/m);
  });
});
