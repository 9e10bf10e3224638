import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { tempDir } from '../helpers/project.js';
import { openProject } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';

function corpusProject(): string {
  const dbPath = join(tempDir(), 'p.sqlite');
  expect(runCli(['import', CORPUS_DIR, '--db', dbPath]).status).toBe(0);
  return dbPath;
}

describe('marginalia stats, search, labels', () => {
  it('counts the corpus', () => {
    const dbPath = corpusProject();
    const stats = JSON.parse(runCli(['stats', '--db', dbPath, '--json']).stdout) as {
      documents: number;
      characters: number;
      noise: { kind: string; count: number }[];
    };
    expect(stats.documents).toBe(5);
    expect(stats.characters).toBe(4404 + 7622 + 5982 + 5978 + 2233);
    expect(stats.noise.map((n) => n.kind)).toEqual(['boilerplate', 'injected_char', 'spam_line']);
    expect(stats.noise.find((n) => n.kind === 'injected_char')?.count).toBe(6);
    const human = runCli(['stats', '--db', dbPath]).stdout;
    expect(human).toMatch(/^documents\s+5$/m);
    expect(human).toMatch(/^\s+injected_char\s+6$/m);
  });

  it('searches with snippets, phrases and limits', () => {
    const dbPath = corpusProject();
    const hits = JSON.parse(runCli(['search', '--db', dbPath, '--json', 'Nipah']).stdout) as { title: string; snippet: string }[];
    expect(hits).toHaveLength(1);
    expect(hits[0]?.snippet).toMatch(/\[Nipah\]/);
    const phrase = JSON.parse(runCli(['search', '--db', dbPath, '--json', '"Hue Central Hospital"']).stdout) as unknown[];
    expect(phrase).toHaveLength(2);
    const limited = JSON.parse(runCli(['search', '--db', dbPath, '--json', '--limit', '1', 'hospital']).stdout) as unknown[];
    expect(limited).toHaveLength(1);
    expect(runCli(['search', '--db', dbPath, 'zzzzqqq']).stdout.trim()).toBe('no documents match');
    expect(runCli(['search', '--db', dbPath, '--limit', '0', 'x']).status).toBe(2);
  });

  it('brings the search index up to date before searching, so no stored document is missed', () => {
    const dbPath = join(tempDir(), 'p.sqlite');
    // Documents an interrupted import stored without indexing them.
    const db = openProject(dbPath);
    insertDocument(db, { title: 'Pending one', source: 's', text: 'Bach Mai Hospital treated dengue', meta: {} }, { index: false });
    insertDocument(db, { title: 'Pending two', source: 's', text: 'Cho Ray Hospital treated dengue too', meta: {} }, { index: false });
    db.close();

    const first = runCli(['search', '--db', dbPath, '--json', 'dengue']);
    expect(first.status).toBe(0);
    expect(first.stderr).toBe('indexing 2 documents for search first\n');
    // Standard output stays pure JSON.
    expect((JSON.parse(first.stdout) as { title: string }[]).map((hit) => hit.title).sort()).toEqual(['Pending one', 'Pending two']);
    const again = runCli(['search', '--db', dbPath, 'dengue']);
    expect(again.stderr).toBe('');
    expect(again.stdout).toMatch(/Pending one/);
  });

  it('lists and adds labels', () => {
    const dbPath = join(tempDir(), 'p.sqlite');
    expect(runCli(['labels', '--db', dbPath]).stdout).toMatch(/^1\s+HOSPITAL\s+Hospital\s+#[0-9a-f]{6}$/m);
    const added = runCli(['labels', '--db', dbPath, 'add', 'MEDICINE', '--key', '5', '--color', '#aa5500']);
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/added MEDICINE \(Medicine, #aa5500, key 5\)/);
    const clash = runCli(['labels', '--db', dbPath, 'add', 'DRUG', '--key', '5']);
    expect(clash.status).toBe(1);
    expect(clash.stderr.trim()).toBe('marginalia: shortcut key 5 is already used by MEDICINE');
    expect(runCli(['labels', '--db', dbPath, 'remove', 'X']).status).toBe(2);
    // A label that names things has entities; the built-in Hospital and Person do from the start.
    expect(runCli(['labels', '--db', dbPath, 'add', 'CLINIC', '--names-things']).stdout).toMatch(/added CLINIC \(Clinic, #[0-9a-f]{6}, names things\)/);
    const listed = JSON.parse(runCli(['labels', '--db', dbPath, '--json']).stdout) as { name: string; namesThings: boolean }[];
    expect(listed.filter((label) => label.namesThings).map((label) => label.name)).toEqual(['HOSPITAL', 'PERSON', 'CLINIC']);
  });

  it('has --help on every command and reports a missing project in one line', () => {
    for (const command of ['import', 'export', 'stats', 'search', 'labels']) {
      const help = runCli([command, '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`Usage: marginalia ${command}`));
      expect(help.stdout).toContain('--db');
    }
    const top = runCli(['--help']);
    expect(top.stdout).toMatch(/code points, end exclusive/);
    const missing = runCli(['stats', '--db', join(tempDir(), 'none.sqlite')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^marginalia: .*none\.sqlite: no such project file\n$/);
    expect(runCli(['frobnicate']).status).toBe(2);
  });
});
