import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { CORPUS_DIR, corpusFile } from '../helpers/corpus.js';
import { tempDir } from '../helpers/project.js';

interface SuggestJson {
  documents: number;
  proposed: number;
  skipped: number;
  byLabel: Record<string, { proposed: number; skipped: number }>;
  cancelled: boolean;
  seconds: number;
}

const LABELS = ['HOSPITAL', 'DATE', 'PERSON', 'FIGURE'];

function corpusProject(): string {
  const dbPath = join(tempDir(), 'p.sqlite');
  expect(runCli(['import', CORPUS_DIR, '--db', dbPath]).status).toBe(0);
  return dbPath;
}

/** Suggested spans per document and label, read straight from the project file. */
function suggestedCounts(dbPath: string): { document_id: number; label: string; n: number }[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db
      .prepare("SELECT document_id, label, count(*) AS n FROM spans WHERE status = 'suggested' GROUP BY document_id, label ORDER BY document_id, label")
      .all() as { document_id: number; label: string; n: number }[];
  } finally {
    db.close();
  }
}

describe('marginalia suggest', () => {
  it('proposes spans over the corpus with a summary by label; running again adds nothing', () => {
    const dbPath = corpusProject();
    const first = runCli(['suggest', '--db', dbPath]);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^suggested (\d+) spans in 5 documents; 0 left out where a span was already there$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(LABELS);
    const perLabel = lines.slice(1).map((line) => Number(/^\S+\s+(\d+) new/.exec(line)?.[1]));
    for (const n of perLabel) expect(n).toBeGreaterThan(0);
    const total = Number(/^suggested (\d+)/.exec(lines[0] ?? '')?.[1]);
    expect(perLabel.reduce((a, b) => a + b, 0)).toBe(total);
    expect(suggestedCounts(dbPath).reduce((sum, row) => sum + row.n, 0)).toBe(total);

    const again = runCli(['suggest', '--db', dbPath, '--json']);
    expect(again.status).toBe(0);
    const report = JSON.parse(again.stdout) as SuggestJson;
    expect(report).toMatchObject({ documents: 5, proposed: 0, skipped: total, cancelled: false });
    expect(Object.keys(report.byLabel)).toEqual(LABELS);
    LABELS.forEach((label, i) => expect(report.byLabel[label]).toEqual({ proposed: 0, skipped: perLabel[i] }));
    expect(typeof report.seconds).toBe('number');
  });

  it('narrows to --labels and --documents', () => {
    const dbPath = corpusProject();
    const dates = JSON.parse(runCli(['suggest', '--db', dbPath, '--labels', 'DATE', '--documents', '2,4', '--json']).stdout) as SuggestJson;
    expect(dates.documents).toBe(2);
    expect(Object.keys(dates.byLabel)).toEqual(['DATE']);
    const counts = suggestedCounts(dbPath);
    expect(new Set(counts.map((row) => row.label))).toEqual(new Set(['DATE']));
    expect(counts.every((row) => row.document_id === 2 || row.document_id === 4)).toBe(true);
    expect(counts.reduce((sum, row) => sum + row.n, 0)).toBe(dates.proposed);

    const people = runCli(['suggest', '--db', dbPath, '--labels', 'PERSON,HOSPITAL']);
    expect(people.status).toBe(0);
    expect(people.stdout.trim().split('\n').slice(1).map((line) => line.split(/\s+/)[0])).toEqual(['PERSON', 'HOSPITAL']);
    expect(new Set(suggestedCounts(dbPath).map((row) => row.label))).toEqual(new Set(['DATE', 'PERSON', 'HOSPITAL']));
  });

  it('refuses bad input as usage errors, in one line, and has --help', () => {
    const dbPath = corpusProject();
    for (const [bad, message] of [
      [['--labels', 'DATE,MEDICINE'], /^marginalia: unknown label MEDICINE\n$/],
      [['--documents', '2,999'], /^marginalia: no document 999\n$/],
      [['--documents', 'two'], /^error: option '--documents <ids>' argument 'two' is invalid\. expected comma-separated document ids/],
      [['--documents', '0'], /is invalid/],
      [['--labels', ','], /is invalid\. expected a comma-separated list/],
    ] as const) {
      const result = runCli(['suggest', '--db', dbPath, ...bad]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(result.stderr.includes('(add --help') ? 2 : 1);
    }
    expect(suggestedCounts(dbPath)).toEqual([]);
    expect(runCli(['suggest']).status).toBe(2);
    const missing = runCli(['suggest', '--db', join(tempDir(), 'none.sqlite')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^marginalia: .*none\.sqlite: no such project file\n$/);
    const help = runCli(['suggest', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: marginalia suggest/);
    expect(help.stdout).toContain('--labels');
  });

  it('import --suggest proposes spans for the documents it brought in, and only those', () => {
    const dbPath = join(tempDir(), 'p.sqlite');
    expect(runCli(['import', corpusFile('000_'), '--db', dbPath]).status).toBe(0);
    const result = runCli(['import', CORPUS_DIR, '--db', dbPath, '--suggest']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.some((line) => /^imported 4 documents \([\d.]+ MB\), skipped 1 duplicates, rejected 0 files$/.test(line))).toBe(true);
    const summary = lines.find((line) => line.startsWith('suggested '));
    expect(summary).toMatch(/^suggested \d+ spans in 4 documents; 0 left out/);
    const documents = new Set(suggestedCounts(dbPath).map((row) => row.document_id));
    expect(documents.has(1)).toBe(false);
    expect(documents.size).toBe(4);
  });
});
