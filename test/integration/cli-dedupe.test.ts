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
  containment: number;
  added: Record<string, number>;
  totals: Record<string, number>;
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
    expect(lines[0]).toBe('checked 5 documents (threshold 0.8, containment 0.8, passages and sentences of at least 80 characters)');
    // The corpus's one headline re-worded into its first paragraph is the one 'contained in' cluster.
    expect(lines[1]).toMatch(/^clusters\s+(\d+) new,\s+\1 in all \((\d+) of passages, 0 of sentences, 1 contained in, 0 of whole documents\)$/);
    expect(lines[2]).toMatch(/^passages\s+(\d+) new,\s+\1 in all$/);
    expect(lines[3]).toMatch(/^sentences\s+0 new,\s+0 in all$/);
    expect(lines[4]).toMatch(/^contained\s+2 new,\s+2 in all \(passages contained in others, and those holding them\)$/);
    expect(lines[5]).toMatch(/^documents\s+4 new,\s+4 in all$/);

    const again = runCli(['dedupe', '--db', dbPath, '--json']);
    expect(again.status).toBe(0);
    const report = JSON.parse(again.stdout) as DedupeJson;
    expect(report).toMatchObject({ threshold: 0.8, minChars: 80, containment: 0.8, documentsFingerprinted: 0, documentsChecked: 0, cancelled: false });
    expect(report.added).toEqual({
      clusters: 0,
      passageClusters: 0,
      documentClusters: 0,
      sentenceClusters: 0,
      containedClusters: 0,
      passages: 0,
      sentences: 0,
      containedMembers: 0,
      documentMembers: 0,
      documents: 0,
    });
    expect(report.totals).toMatchObject({ containedClusters: 1, containedMembers: 2, sentenceClusters: 0 });
    expect(report.totals.clusters).toBe(Number(/^clusters\s+(\d+)/m.exec(first.stdout)?.[1]));
    expect(report.totals.documents).toBe(4);
    expect(typeof report.seconds).toBe('number');
  });

  it('prints JSON with the settings used, and remembers them for the next run', () => {
    const dbPath = corpusProject();
    const first = JSON.parse(
      runCli(['dedupe', '--db', dbPath, '--json', '--threshold', '0.9', '--min-chars', '100', '--containment', '0.7']).stdout,
    ) as DedupeJson;
    expect(first).toMatchObject({ threshold: 0.9, minChars: 100, containment: 0.7, documentsFingerprinted: 5, documentsChecked: 5 });
    expect(first.added.clusters).toBe(first.totals.clusters);
    expect(first.added.clusters).toBeGreaterThan(0);
    const next = JSON.parse(runCli(['dedupe', '--db', dbPath, '--json']).stdout) as DedupeJson;
    expect(next).toMatchObject({ threshold: 0.9, minChars: 100, containment: 0.7, documentsChecked: 0 });
  });

  it('refuses bad settings as usage errors, in one line, and has --help', () => {
    const dbPath = corpusProject();
    for (const bad of [
      ['--threshold', '1.5'],
      ['--threshold', 'high'],
      ['--threshold', '0.2'],
      ['--min-chars', '5'],
      ['--min-chars', '8.5'],
      ['--containment', '0.3'],
      ['--containment', 'most'],
    ]) {
      const result = runCli(['dedupe', '--db', dbPath, ...bad]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^error: option '--(threshold|min-chars|containment) .*' argument '.*' is invalid\. expected /);
    }
    expect(runCli(['dedupe']).status).toBe(2);
    const missing = runCli(['dedupe', '--db', join(tempDir(), 'none.sqlite')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^marginalia: .*none\.sqlite: no such project file\n$/);
    const help = runCli(['dedupe', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: marginalia dedupe/);
    expect(help.stdout).toContain('--threshold');
    expect(help.stdout).toContain('--containment');
  });
});
