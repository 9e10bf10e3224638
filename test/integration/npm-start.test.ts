import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/project.js';

/** Runs `npm start`'s script until it prints the browser-mode URL, asks that URL for the page, then stops it. */
async function startUntilReady(home: string): Promise<{ lines: string[]; login: Response }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'scripts/start.mjs'), '--browser', '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, MARGINALIA_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready: ${stderr}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const match = /^Marginalia is running at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
  });
  const login = await fetch(url, { redirect: 'manual' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
  return { lines, login };
}

describe('npm start', () => {
  it('creates the sample project on first run, serves it in browser mode, and reuses it after', async () => {
    const home = tempDir();
    const first = await startUntilReady(home);
    expect(first.lines.some((line) => line.startsWith('Created the sample project:'))).toBe(true);
    const db = new Database(join(home, 'sample.sqlite'), { readonly: true });
    const { n } = db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number };
    db.close();
    expect(n).toBeGreaterThanOrEqual(6);

    expect(first.login.status).toBe(302);
    expect(first.login.headers.get('set-cookie')).toMatch(/^marginalia_token=/);

    const second = await startUntilReady(home);
    expect(second.lines.some((line) => line.startsWith('Created the sample project:'))).toBe(false);
    expect(second.login.status).toBe(302);
  }, 120_000);
});
