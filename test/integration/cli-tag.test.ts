import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/project.js';

/** A project of three small texts, two of which name the hospital. */
function project(): string {
  const dir = tempDir();
  const texts = join(dir, 'texts');
  mkdirSync(texts);
  writeFileSync(join(texts, 'a.txt'), 'Lan 🙈 visited Hue Central Hospital on Monday.');
  writeFileSync(join(texts, 'b.txt'), 'HUE CENTRAL HOSPITAL opened a ward; Hue Central Hospital grew.');
  writeFileSync(join(texts, 'c.txt'), 'Central Hue had no hospital.');
  const dbPath = join(dir, 'p.sqlite');
  expect(runCli(['import', texts, '--db', dbPath]).status).toBe(0);
  return dbPath;
}

function hospitalSpans(dbPath: string): { start_cp: number; end_cp: number; annotator: string }[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare("SELECT start_cp, end_cp, annotator FROM spans WHERE label = 'HOSPITAL' ORDER BY document_id, start_cp").all() as {
      start_cp: number;
      end_cp: number;
      annotator: string;
    }[];
  } finally {
    db.close();
  }
}

describe('marginalia tag', () => {
  it('previews with --dry-run, writing nothing, then tags every match at code-point offsets', () => {
    const dbPath = project();
    const dry = runCli(['tag', '--query', 'hue central hospital', '--label', 'HOSPITAL', '--db', dbPath, '--dry-run']);
    expect(dry.status).toBe(0);
    const lines = dry.stdout.trim().split('\n');
    expect(lines[0]).toBe('would tag 3 places in 2 documents as HOSPITAL ("hue central hospital")');
    expect(lines[1]).toMatch(/^\d+\t14-34\t…Lan 🙈 visited \[Hue Central Hospital\] on Monday\.…$/);
    expect(hospitalSpans(dbPath)).toEqual([]);

    const run = runCli(['tag', '--query', 'hue central hospital', '--label', 'HOSPITAL', '--db', dbPath, '--annotator', 'lan']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('tagged 3 × "hue central hospital" as HOSPITAL in 2 documents');
    expect(hospitalSpans(dbPath)).toEqual([
      { start_cp: 14, end_cp: 34, annotator: 'lan' },
      { start_cp: 0, end_cp: 20, annotator: 'lan' },
      { start_cp: 36, end_cp: 56, annotator: 'lan' },
    ]);
    // Running again finds nothing left to tag.
    expect(runCli(['tag', '--query', 'hue central hospital', '--label', 'HOSPITAL', '--db', dbPath, '--dry-run', '--json']).stdout).toMatch(/"places": 0/);
  });

  it('refuses an unknown label or a query without words as usage errors', () => {
    const dbPath = project();
    const unknown = runCli(['tag', '--query', 'hue', '--label', 'NOPE', '--db', dbPath]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown label NOPE/);
    expect(runCli(['tag', '--query', '"…"', '--label', 'HOSPITAL', '--db', dbPath]).status).toBe(2);
  });
});
