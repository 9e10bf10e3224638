import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { writeFiles } from '../helpers/files.js';
import { tempDir } from '../helpers/project.js';

const FILES = 3000;

/** Distinct ~10 KB documents, enough that the first commit comes long before the end. */
function bigCorpus(dir: string): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < FILES; i++) {
    const paragraph = `Report ${i}: Hue Central Hospital treated ${i * 7} patients on 0${(i % 9) + 1}/11/2025. `;
    files[`part-${Math.floor(i / 500)}/doc-${String(i).padStart(5, '0')}.txt`] = paragraph.repeat(120);
  }
  return writeFiles(join(dir, 'corpus'), files);
}

function countDocuments(dbPath: string): number {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 1000');
      return (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet, or schema not there yet
  }
}

describe('an import killed mid-way', () => {
  it('leaves a sound database, and running it again completes it without duplicates', async () => {
    const dir = tempDir();
    const corpus = bigCorpus(dir);
    const dbPath = join(dir, 'p.sqlite');

    // Small commits, so the kill surely lands between two of them.
    const child = startCli(['import', corpus, '--db', dbPath, '--commit-every', '200']);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Wait for the first committed batch, then kill without warning.
    let atKill = 0;
    while (atKill === 0) {
      atKill = countDocuments(dbPath);
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(FILES);

    const db = new Database(dbPath);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const afterKill = (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    // The search index may be behind its documents (it catches up after them), but
    // never ahead and never half-written: its own structure checks out, and it holds
    // exactly the documents up to its mark.
    expect(() => db.exec("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 0)")).not.toThrow();
    const { through } = db.prepare('SELECT indexed_through AS through FROM search_index_state').get() as { through: number };
    const indexedDocuments = (db.prepare('SELECT count(*) AS n FROM documents WHERE id <= ?').get(through) as { n: number }).n;
    expect((db.prepare('SELECT count(*) AS n FROM documents_fts_docsize').get() as { n: number }).n).toBe(indexedDocuments);
    db.close();

    const rerun = runCli(['import', corpus, '--db', dbPath]);
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toMatch(new RegExp(`imported ${FILES - afterKill} documents .*skipped ${afterKill} duplicates, rejected 0 files`));
    const after = new Database(dbPath);
    expect(after.prepare('SELECT count(*) AS n, count(DISTINCT content_hash) AS distinct_texts FROM documents').get()).toEqual({
      n: FILES,
      distinct_texts: FILES,
    });
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    // Now complete: FTS5 compares the index with the documents table and throws on any difference.
    expect(() => after.exec("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)")).not.toThrow();
    after.close();
  });
});
