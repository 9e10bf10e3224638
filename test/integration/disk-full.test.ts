import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeFiles } from '../helpers/files.js';
import { tempDir } from '../helpers/project.js';

/** A 3 MB disk of its own (a tmpfs), with a function that removes it; or why one cannot be had here. */
function smallDisk(): { dir: string; remove: () => void } | { skip: string } {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-small-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `cannot mount a small disk here (it takes root): ${mounted.stderr?.trim() || mounted.error?.message}` };
  }
  return {
    dir,
    remove: () => {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const probe = smallDisk();
const skip = 'skip' in probe ? probe.skip : null;
if (!('skip' in probe)) probe.remove();

/** Distinct text files, 6 MB in all: twice what the small disk holds. */
function corpus(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) files[`report-${String(i).padStart(3, '0')}.txt`] = `Report ${i}. ${`Ward ${i} of Hue Central Hospital admitted patients. `.repeat(400)}\n`;
  return writeFiles(join(tempDir(), 'corpus'), files);
}

describe('a disk that fills during an import', () => {
  it.skipIf(skip !== null)(`says so, names the file and what was kept, and the next run on a larger disk completes it${skip ? ` (skipped: ${skip})` : ''}`, () => {
    const folder = corpus();
    const disk = smallDisk();
    if ('skip' in disk) throw new Error(disk.skip);
    try {
      const dbPath = join(disk.dir, 'project.sqlite');
      const result = runCli(['import', folder, '--db', dbPath, '--commit-every', '20']);
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(`^marginalia: ${dbPath}: the disk is full \\(.+\\) while importing ${folder}/report-\\d{3}\\.txt\\. The project is sound and keeps the (\\d+) documents this import committed before that; free some space`),
      );
      const kept = Number(/keeps the (\d+) documents/.exec(lines[0] as string)?.[1]);
      expect(kept).toBeGreaterThan(0);
      expect(result.stderr).not.toMatch(/cannot rollback/);

      const moved = join(tempDir(), 'project.sqlite');
      const db = new Database(dbPath, { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(kept);
      } finally {
        db.close();
      }
      // What a person does next: the project goes to a disk with room (the file with its WAL).
      copyFileSync(dbPath, moved);
      for (const suffix of ['-wal', '-shm']) {
        try {
          copyFileSync(`${dbPath}${suffix}`, `${moved}${suffix}`);
        } catch {
          // Not every project has them at rest.
        }
      }
      const again = runCli(['import', folder, '--db', moved]);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toMatch(new RegExp(`imported ${300 - kept} documents`));
    } finally {
      disk.remove();
    }
  });

  it.skipIf(skip !== null)(`an export to a full disk says so, names the file, and leaves nothing behind${skip ? ` (skipped: ${skip})` : ''}`, () => {
    const dbPath = join(tempDir(), 'project.sqlite');
    expect(runCli(['import', corpus(), '--db', dbPath]).status).toBe(0);
    const disk = smallDisk();
    if ('skip' in disk) throw new Error(disk.skip);
    try {
      const out = join(disk.dir, 'dataset.jsonl');
      for (const format of ['jsonl', 'brat']) {
        const target = format === 'brat' ? join(disk.dir, 'brat') : out;
        const result = runCli(['export', '--db', dbPath, '--format', format, '--status', 'all', '--out', target]);
        expect(result.status).toBe(1);
        expect(result.stderr.trim()).toBe(
          `marginalia: ${target}: the disk is full, so the export was not written (its partial file is removed; the project is unchanged). Free some space and export again.`,
        );
        expect(readdirSync(disk.dir)).toEqual([]);
      }
    } finally {
      disk.remove();
    }
  });
});
