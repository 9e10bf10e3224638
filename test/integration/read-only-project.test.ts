import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProject, readOnlyReason } from '../../src/main/store/connection.js';
import { apiCaller, jobFinished, refusal } from '../helpers/api.js';
import { runCli } from '../helpers/cli.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { tempDir } from '../helpers/project.js';

/**
 * `folder` seen through a read-only bind mount (undone by the returned
 * function), or why one cannot be made here: it takes root and mount rights.
 */
function readOnlyView(folder: string): { view: string; unmount: () => void } | { skip: string } {
  const view = mkdtempSync(join(tmpdir(), 'marginalia-read-only-'));
  const unmount = (): void => {
    spawnSync('umount', ['-l', view]);
    rmSync(view, { recursive: true, force: true });
  };
  const bind = spawnSync('mount', ['--bind', folder, view], { encoding: 'utf8' });
  if (bind.status !== 0) {
    rmSync(view, { recursive: true, force: true });
    return { skip: `cannot bind-mount here: ${bind.stderr?.trim() || bind.error?.message}` };
  }
  const remount = spawnSync('mount', ['-o', 'remount,ro,bind', view], { encoding: 'utf8' });
  if (remount.status !== 0) {
    unmount();
    return { skip: `cannot make a read-only mount here: ${remount.stderr.trim()}` };
  }
  return { view, unmount };
}

/** Why this machine cannot have a read-only disk for the test, or null when it can. */
function readOnlyDiskUnavailable(): string | null {
  const probe = mkdtempSync(join(tmpdir(), 'marginalia-probe-'));
  const made = readOnlyView(probe);
  if ('skip' in made) return made.skip;
  made.unmount();
  rmSync(probe, { recursive: true, force: true });
  return null;
}

/** A project with the corpus and its suggestions, closed cleanly (no -wal or -shm file left beside it). */
function builtProject(): { folder: string; dbPath: string } {
  const folder = tempDir();
  const dbPath = join(folder, 'project.sqlite');
  expect(runCli(['import', CORPUS_DIR, '--db', dbPath, '--suggest']).status).toBe(0);
  return { folder, dbPath };
}

const skipReason = readOnlyDiskUnavailable();

describe('a project on a read-only disk', () => {
  it.skipIf(skipReason !== null)(`opens for reading, exports, and says why edits are off${skipReason ? ` (skipped: ${skipReason})` : ''}`, async () => {
    const { folder, dbPath } = builtProject();
    const before = join(tempDir(), 'before.jsonl');
    expect(runCli(['export', '--db', dbPath, '--format', 'jsonl', '--status', 'all', '--out', before]).status).toBe(0);
    const made = readOnlyView(folder);
    if ('skip' in made) throw new Error(made.skip);
    const readOnlyPath = join(made.view, 'project.sqlite');
    try {

    const stats = runCli(['stats', '--db', readOnlyPath]);
    expect(stats.status, stats.stderr).toBe(0);
    expect(runCli(['search', '--db', readOnlyPath, 'hospital']).status).toBe(0);
    const after = join(tempDir(), 'after.jsonl');
    expect(runCli(['export', '--db', readOnlyPath, '--format', 'jsonl', '--status', 'all', '--out', after]).status).toBe(0);
    expect(readFileSync(after, 'utf8')).toBe(readFileSync(before, 'utf8'));
    const refusedImport = runCli(['import', CORPUS_DIR, '--db', readOnlyPath]);
    expect(refusedImport.status).toBe(1);
    expect(refusedImport.stderr).toMatch(/cannot be written .*read-only/);

    const db = openProject(readOnlyPath, { mustExist: true });
    try {
      expect(readOnlyReason(db)).toMatch(/read-only: the file .* cannot be written \(a read-only disk\), so edits are off/);
      const call = apiCaller(db, readOnlyPath);
      expect((await call('project:info', {})).readOnly).toBe(readOnlyReason(db));
      const page = await call('documents:list', {});
      expect(page.total).toBeGreaterThan(0);
      const documentId = page.items[0]?.id as number;
      expect(await refusal(call, 'spans:create', { documentId, startCp: 0, endCp: 3, label: 'HOSPITAL', annotator: 'lan' })).toMatch(/^conflict: This project is read-only/);
      expect(await refusal(call, 'suggestions:run', {})).toMatch(/^conflict: This project is read-only/);
      expect(await refusal(call, 'import:paths', { paths: [CORPUS_DIR] })).toMatch(/^conflict: This project is read-only/);
      // An export job opens the project in its own thread, read-only there too.
      const out = join(tempDir(), 'from-job.jsonl');
      const job = await jobFinished(call, (await call('export:start', { format: 'jsonl', status: 'all', path: out })).jobId);
      expect(job.state).toBe('done');
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(before, 'utf8'));
    } finally {
      db.close();
    }
    } finally {
      made.unmount();
    }
  });
});

describe('a project the user may not write', () => {
  const root = process.getuid?.() === 0;
  it.skipIf(root)(`opens for reading${root ? ' (skipped: root may write any file, so permissions cannot make one read-only)' : ''}`, () => {
    const { folder, dbPath } = builtProject();
    spawnSync('chmod', ['0444', dbPath]);
    spawnSync('chmod', ['0555', folder]);
    try {
      expect(runCli(['stats', '--db', dbPath]).status).toBe(0);
      const db = openProject(dbPath, { mustExist: true });
      expect(readOnlyReason(db)).toMatch(/no permission/);
      db.close();
    } finally {
      spawnSync('chmod', ['0755', folder]);
    }
  });
});
