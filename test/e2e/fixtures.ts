import { test as base, expect } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(REPO_ROOT, 'bin/marginalia.js');

export interface Workbench {
  /** The project's temporary folder (also a place for test files). */
  readonly dir: string;
  readonly dbPath: string;
  /** The printed URL with its token. */
  readonly url: string;
  /** The base URL without the token. */
  readonly origin: string;
  /** Runs the marginalia command line on this project (e.g. an export to check). */
  cli(args: readonly string[]): { status: number | null; stdout: string; stderr: string };
  /**
   * Writes text files (name → content) into a folder of the project's directory
   * and imports them with the command line, before the page is opened.
   */
  importTexts(files: Readonly<Record<string, string>>): void;
}

/** Starts `marginalia serve` on a project (created if new) and waits for its ready line. */
export async function startServe(dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--db', dbPath, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolveUrl, reject) => {
    child.once('exit', (code) => reject(new Error(`marginalia serve exited (${code}): ${stderr}`)));
    lines.on('line', (line) => {
      const match = /^Marginalia is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/.exec(line);
      if (match?.[1]) resolveUrl(match[1]);
    });
  });
  return { child, url };
}

export const test = base.extend<{ workbench: Workbench }>({
  // Playwright requires the fixtures argument to be destructured, even when empty.
  // eslint-disable-next-line no-empty-pattern
  workbench: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'marginalia-e2e-'));
    const dbPath = join(dir, 'project.sqlite');
    const { child, url } = await startServe(dbPath);
    const cli: Workbench['cli'] = (args) => {
      const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    };
    const importTexts: Workbench['importTexts'] = (files) => {
      const folder = mkdtempSync(join(dir, 'texts-'));
      for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
      const imported = cli(['import', folder, '--db', dbPath]);
      if (imported.status !== 0) throw new Error(`import failed (${imported.status}): ${imported.stderr}`);
    };
    await use({ dir, dbPath, url, origin: new URL(url).origin, cli, importTexts });
    child.kill('SIGTERM');
    await new Promise((done) => (child.exitCode !== null ? done(null) : child.once('exit', done)));
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };
