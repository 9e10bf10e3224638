import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOISE_KINDS } from '../../src/shared/model.js';
import { dataDir, ensureSampleProject, sampleCorpusDir } from '../../src/main/sample-project.js';
import { openProject } from '../../src/main/store/connection.js';
import { projectStats } from '../../src/main/store/stats.js';
import { tempDir } from '../helpers/project.js';

/** Documents and noise counts of a project file, read and closed again. */
function statsOf(path: string): { documents: number; noise: Map<string, number> } {
  const db = openProject(path, { mustExist: true });
  try {
    const stats = projectStats(db);
    return { documents: stats.documents, noise: new Map(stats.noise.map((row) => [row.kind, row.count])) };
  } finally {
    db.close();
  }
}

describe('ensureSampleProject', () => {
  const corpusFiles = readdirSync(sampleCorpusDir()).filter((name) => !name.startsWith('.'));

  it('imports every file of the sample corpus, with noise of each kind marked', async () => {
    const path = join(tempDir(), 'nested', 'sample.sqlite');

    expect(await ensureSampleProject(path, sampleCorpusDir())).toEqual({ created: true });

    const { documents, noise } = statsOf(path);
    expect(corpusFiles.length).toBeGreaterThanOrEqual(6);
    expect(documents).toBe(corpusFiles.length);
    for (const kind of NOISE_KINDS) expect(noise.get(kind) ?? 0, kind).toBeGreaterThan(0);
    // Built beside the target and renamed into place: nothing else is left in the folder.
    expect(readdirSync(join(path, '..'))).toEqual(['sample.sqlite']);
  });

  it('opens with the repeated passages of the sample already clustered, across and within documents', async () => {
    const path = join(tempDir(), 'sample.sqlite');
    await ensureSampleProject(path, sampleCorpusDir());
    const db = openProject(path, { mustExist: true });
    try {
      const clusters = db
        .prepare(
          `SELECT c.id, count(*) AS members, count(DISTINCT m.document_id) AS documents FROM duplicate_clusters c
           JOIN duplicate_members m ON m.cluster_id = c.id WHERE c.kind = 'passage' GROUP BY c.id`,
        )
        .all() as { members: number; documents: number }[];
      expect(clusters.some((cluster) => cluster.documents >= 2)).toBe(true);
      expect(clusters.some((cluster) => cluster.documents < cluster.members)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('does not import again when the sample project exists', async () => {
    const path = join(tempDir(), 'sample.sqlite');
    await ensureSampleProject(path, sampleCorpusDir());
    const modified = statSync(path).mtimeMs;

    expect(await ensureSampleProject(path, sampleCorpusDir())).toEqual({ created: false });

    expect(statSync(path).mtimeMs).toBe(modified);
    expect(statsOf(path).documents).toBe(corpusFiles.length);
  });

  it('leaves no project behind when the corpus gives no documents', async () => {
    const dir = tempDir();
    const emptyCorpus = join(dir, 'empty-corpus');
    mkdirSync(emptyCorpus);
    const path = join(dir, 'sample.sqlite');

    await expect(ensureSampleProject(path, emptyCorpus)).rejects.toThrow(/gave no documents/);

    expect(readdirSync(dir)).toEqual(['empty-corpus']);
  });
});

describe('dataDir', () => {
  it('prefers MARGINALIA_HOME, then each platform’s convention', () => {
    expect(dataDir({ MARGINALIA_HOME: '/srv/m', XDG_DATA_HOME: '/x' }, 'linux', '/home/a')).toBe('/srv/m');
    expect(dataDir({ XDG_DATA_HOME: '/x' }, 'linux', '/home/a')).toBe(join('/x', 'marginalia'));
    expect(dataDir({}, 'linux', '/home/a')).toBe(join('/home/a', '.local', 'share', 'marginalia'));
    expect(dataDir({}, 'darwin', '/Users/a')).toBe(join('/Users/a', 'Library', 'Application Support', 'Marginalia'));
    expect(dataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32', 'C:\\Users\\a')).toBe(
      join('C:\\Users\\a\\AppData\\Roaming', 'Marginalia'),
    );
  });
});
