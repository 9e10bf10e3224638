import Database from 'better-sqlite3';
import { once } from 'node:events';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { writeFiles } from '../helpers/files.js';
import { tempDir } from '../helpers/project.js';

/** Paragraphs a site repeats: each document draws three, so every passage recurs in many documents. */
function repeatingCorpus(dir: string, documents: number): string {
  const pool = Array.from(
    { length: 300 },
    (_, i) => `Standard paragraph ${i}: the provincial health department reminds residents that ${i % 7} district hospitals offer free screening every month.`,
  );
  const files: Record<string, string> = {};
  for (let i = 0; i < documents; i++) {
    const lines = [`Bulletin ${i} from the newsroom, filed on ${1 + (i % 28)} March 2024.`];
    for (let k = 0; k < 3; k++) lines.push(pool[(i * 7 + k * 131) % pool.length] as string);
    files[`part-${Math.floor(i / 1000)}/bulletin-${String(i).padStart(5, '0')}.txt`] = `${lines.join('\n')}\n`;
  }
  return writeFiles(join(dir, 'corpus'), files);
}

/** Rows of `sql`, or 0 while the project is being created. */
function count(dbPath: string, sql: string): number {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 1000');
      return db.prepare(sql).pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/** Starts a command and kills it with SIGKILL once `started()` says its work is part-way. */
async function killPartWay(args: readonly string[], started: () => boolean): Promise<void> {
  const child = startCli(args);
  const exited = once(child, 'exit');
  for (;;) {
    if (child.exitCode !== null) throw new Error(`marginalia ${args[0]} ended before it could be killed`);
    if (started()) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  child.kill('SIGKILL');
  await exited;
}

function integrity(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

/** The duplicate clusters as sets of places named by document text, so two projects compare whatever their ids. */
function clusters(dbPath: string): string[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT m.cluster_id, c.kind, d.content_hash, m.start_cp, m.end_cp FROM duplicate_members m
         JOIN duplicate_clusters c ON c.id = m.cluster_id JOIN documents d ON d.id = m.document_id`,
      )
      .all() as { cluster_id: number; kind: string; content_hash: string; start_cp: number; end_cp: number }[];
    const byCluster = new Map<number, string[]>();
    for (const row of rows) {
      const members = byCluster.get(row.cluster_id) ?? [];
      members.push(`${row.kind}:${row.content_hash}:${row.start_cp}-${row.end_cp}`);
      byCluster.set(row.cluster_id, members);
    }
    return [...byCluster.values()].map((members) => members.sort().join(' ')).sort();
  } finally {
    db.close();
  }
}

describe('jobs killed part-way', () => {
  it('duplicate detection: the project stays sound, and the next run ends where one uninterrupted run does', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const corpus = repeatingCorpus(dir, 8000);
    const killed = join(dir, 'killed.sqlite');
    expect(runCli(['import', corpus, '--db', killed]).status).toBe(0);
    const whole = join(dir, 'whole.sqlite');
    copyFileSync(killed, whole);

    await killPartWay(['dedupe', '--db', killed], () => count(killed, 'SELECT count(*) FROM duplicate_fingerprints') > 0);
    expect(integrity(killed)).toBe('ok');
    expect(runCli(['dedupe', '--db', killed]).status).toBe(0);
    expect(runCli(['dedupe', '--db', whole]).status).toBe(0);
    const expected = clusters(whole);
    expect(expected.length).toBeGreaterThan(100);
    expect(clusters(killed)).toEqual(expected);
  });

  it('a bundle import: the project stays sound, and importing it again ends where one uninterrupted import does', { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const source = join(dir, 'source.sqlite');
    expect(runCli(['import', repeatingCorpus(dir, 6000), '--db', source, '--suggest']).status).toBe(0);
    expect(runCli(['dedupe', '--db', source]).status).toBe(0);
    const bundle = join(dir, 'handover.zip');
    expect(runCli(['export', '--db', source, '--format', 'bundle', '--out', bundle]).status).toBe(0);

    const killed = join(dir, 'killed.sqlite');
    await killPartWay(['import', bundle, '--db', killed, '--commit-every', '100'], () => count(killed, 'SELECT count(*) FROM documents') > 0);
    expect(integrity(killed)).toBe('ok');
    expect(runCli(['import', bundle, '--db', killed]).status).toBe(0);
    const whole = join(dir, 'whole.sqlite');
    expect(runCli(['import', bundle, '--db', whole]).status).toBe(0);

    const stored = (path: string) => {
      const db = new Database(path, { readonly: true });
      try {
        return {
          documents: db.prepare('SELECT content_hash, title, text FROM documents ORDER BY content_hash').all(),
          spans: db
            .prepare(
              `SELECT d.content_hash, s.start_cp, s.end_cp, s.label, s.annotator, s.status FROM spans s JOIN documents d ON d.id = s.document_id
               ORDER BY 1, 2, 3, 4, 5`,
            )
            .all(),
        };
      } finally {
        db.close();
      }
    };
    expect(stored(killed)).toEqual(stored(whole));
    expect(clusters(killed)).toEqual(clusters(whole));
  });
});
