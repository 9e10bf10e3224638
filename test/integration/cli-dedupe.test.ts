import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { tempDir } from '../helpers/project.js';

interface DedupeJson {
  threshold: number;
  minChars: number;
  documentsFingerprinted: number;
  documentsChecked: number;
  added: { clusters: number; passageClusters: number; documentClusters: number; passages: number; documentMembers: number; documents: number };
  totals: { clusters: number; passageClusters: number; documentClusters: number; passages: number; documents: number };
  cancelled: boolean;
  seconds: number;
}

function corpusProject(): string {
  const dbPath = join(tempDir(), 'p.sqlite');
  expect(runCli(['import', CORPUS_DIR, '--db', dbPath]).status).toBe(0);
  return dbPath;
}

describe('marginalia dedupe', () => {
  it('links the corpus duplicates and prints a summary; running again adds nothing', () => {
    const dbPath = corpusProject();
    const first = runCli(['dedupe', '--db', dbPath]);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('');
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toBe('checked 5 documents (threshold 0.8, passages of at least 80 characters)');
    expect(lines[1]).toMatch(/^clusters\s+(\d+) new,\s+\1 in all \(\1 of passages, 0 of whole documents\)$/);
    expect(lines[2]).toMatch(/^passages\s+(\d+) new,\s+\1 in all$/);
    expect(lines[3]).toMatch(/^documents\s+4 new,\s+4 in all$/);

    const again = runCli(['dedupe', '--db', dbPath, '--json']);
    expect(again.status).toBe(0);
    const report = JSON.parse(again.stdout) as DedupeJson;
    expect(report).toMatchObject({ threshold: 0.8, minChars: 80, documentsFingerprinted: 0, documentsChecked: 0, cancelled: false });
    expect(report.added).toEqual({ clusters: 0, passageClusters: 0, documentClusters: 0, passages: 0, documentMembers: 0, documents: 0 });
    expect(report.totals.clusters).toBe(Number(/^clusters\s+(\d+)/m.exec(first.stdout)?.[1]));
    expect(report.totals.documents).toBe(4);
    expect(typeof report.seconds).toBe('number');
  });

  it('prints JSON with the settings used, and remembers them for the next run', () => {
    const dbPath = corpusProject();
    const first = JSON.parse(runCli(['dedupe', '--db', dbPath, '--json', '--threshold', '0.9', '--min-chars', '100']).stdout) as DedupeJson;
    expect(first).toMatchObject({ threshold: 0.9, minChars: 100, documentsFingerprinted: 5, documentsChecked: 5 });
    expect(first.added.clusters).toBe(first.totals.clusters);
    expect(first.added.clusters).toBeGreaterThan(0);
    const next = JSON.parse(runCli(['dedupe', '--db', dbPath, '--json']).stdout) as DedupeJson;
    expect(next).toMatchObject({ threshold: 0.9, minChars: 100, documentsChecked: 0 });
  });

  it('refuses bad settings as usage errors, in one line, and has --help', () => {
    const dbPath = corpusProject();
    for (const bad of [
      ['--threshold', '1.5'],
      ['--threshold', 'high'],
      ['--threshold', '0.2'],
      ['--min-chars', '5'],
      ['--min-chars', '8.5'],
    ]) {
      const result = runCli(['dedupe', '--db', dbPath, ...bad]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^error: option '--(threshold|min-chars) .*' argument '.*' is invalid\. expected /);
    }
    expect(runCli(['dedupe']).status).toBe(2);
    const missing = runCli(['dedupe', '--db', join(tempDir(), 'none.sqlite')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^marginalia: .*none\.sqlite: no such project file\n$/);
    const help = runCli(['dedupe', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: marginalia dedupe/);
    expect(help.stdout).toContain('--threshold');
  });
});
