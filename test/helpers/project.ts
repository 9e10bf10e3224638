import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openProject, type Db, type OpenOptions } from '../../src/main/store/connection.js';

const cleanups: (() => void)[] = [];

afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** A fresh temporary folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestProject {
  readonly dir: string;
  readonly dbPath: string;
  readonly db: Db;
}

/** A real SQLite project file in a temporary folder, closed and removed after the test. */
export function createTestProject(options: OpenOptions = {}): TestProject {
  const dir = tempDir();
  const dbPath = join(dir, 'project.sqlite');
  const db = openProject(dbPath, options);
  cleanups.unshift(() => {
    if (db.open) db.close();
  });
  return { dir, dbPath, db };
}
