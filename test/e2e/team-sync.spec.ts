/**
 * The Sync button in browser mode, against a team server on a throwaway
 * PostgreSQL cluster: an annotator's edit made in the workbench goes up, and a
 * colleague's edit (made on another laptop through the command line) comes down.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { startTestCluster, type TestCluster } from '../helpers/postgres-cluster.js';
import { expect, REPO_ROOT, startServe, test } from './fixtures.js';
import { openDocument, selectText, spanMark } from './page-helpers.js';

const CLI = join(REPO_ROOT, 'bin/marginalia.js');

/** Two ward notes written for this test. */
const NOTES: Readonly<Record<string, string>> = {
  'ward-a.txt': 'Ward note A. Eastbank Hospital opened a burns unit on 5 July 2024 with 8 beds.',
  'ward-b.txt': 'Ward note B. Doctors at Eastbank Hospital and Pine Clinic shared 3 ambulances in July 2024.',
};

function cli(args: readonly string[]): string {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`marginalia ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

/** Adds a team member and returns the token printed once. */
function addMember(database: string, name: string, role: string): string {
  const out = cli(['team', 'user', 'add', name, '--role', role, '--database', database]);
  const token = /[A-Za-z0-9_-]{40,}/.exec(out)?.[0];
  if (!token) throw new Error(`no token in: ${out}`);
  return token;
}

function spansOf(path: string): { annotator: string; text: string }[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare('SELECT s.annotator, substr(d.text, s.start_cp + 1, s.end_cp - s.start_cp) AS text FROM spans s JOIN documents d ON d.id = s.document_id ORDER BY 1, 2')
      .all() as { annotator: string; text: string }[];
  } finally {
    db.close();
  }
}

let cluster: TestCluster;
let teamServer: ChildProcess;
let teamUrl: string;
let dir: string;
const tokens: Record<string, string> = {};

test.beforeAll(async () => {
  cluster = await startTestCluster();
  const database = await cluster.createDatabase();
  for (const [name, role] of [
    ['lead', 'lead'],
    ['ann', 'annotator'],
    ['bob', 'annotator'],
  ] as const) {
    tokens[name] = addMember(database, name, role);
  }
  teamServer = spawn(process.execPath, [CLI, 'team', 'serve', '--database', database, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  teamUrl = await new Promise<string>((resolve, reject) => {
    teamServer.once('exit', (code) => reject(new Error(`team serve exited (${code})`)));
    createInterface({ input: teamServer.stdout! }).on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
  });

  // The lead's project: the notes, and everyone's spans in view (blind annotation off), published.
  dir = mkdtempSync(join(tmpdir(), 'marginalia-team-e2e-'));
  const texts = join(dir, 'texts');
  mkdirSync(texts);
  for (const [name, text] of Object.entries(NOTES)) writeFileSync(join(texts, name), text);
  const leadPath = join(dir, 'lead.sqlite');
  cli(['import', texts, '--db', leadPath]);
  const lead = new Database(leadPath);
  lead.prepare("INSERT INTO project_settings (key, value, updated_at) VALUES ('blindAnnotation', 'false', '2024-07-01T00:00:00.000Z')").run();
  lead.close();
  cli(['team', 'publish', '--db', leadPath, '--team', teamUrl, '--token', tokens.lead as string]);
});

test.afterAll(async () => {
  teamServer?.kill('SIGTERM');
  cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the Sync button pushes an edit made here and pulls a colleague’s', async ({ page }) => {
  const annPath = join(dir, 'ann.sqlite');
  const bobPath = join(dir, 'bob.sqlite');
  cli(['team', 'join', teamUrl, '--db', annPath, '--token', tokens.ann as string]);
  cli(['team', 'join', teamUrl, '--db', bobPath, '--token', tokens.bob as string]);

  const { child, url } = await startServe(annPath);
  try {
    await page.goto(url);
    const sync = page.getByRole('group', { name: 'Team sync' });
    // A laptop that joined works as its member (which adds ann to the project's annotators: one change to send).
    await expect(page.getByRole('group', { name: 'Annotator' }).getByRole('combobox', { name: 'Annotator' })).toHaveValue('ann');
    await expect(sync.getByRole('button', { name: /^Sync with the team/ })).toHaveText('Sync (1)');

    // ann tags a hospital; the button counts the change waiting to go up.
    await openDocument(page, NOTES['ward-a.txt'] as string);
    await selectText(page, 'Eastbank Hospital');
    await page.keyboard.press('1');
    await expect(spanMark(page, 'HOSPITAL', 'Eastbank Hospital')).toBeVisible();
    await expect(sync.getByRole('button', { name: /^Sync with the team/ })).toHaveText('Sync (2)');

    // Meanwhile bob, on his laptop, tags the clinic and syncs.
    cli(['tag', '--db', bobPath, '--query', 'Pine Clinic', '--label', 'HOSPITAL', '--annotator', 'bob']);
    cli(['sync', '--db', bobPath]);

    await sync.getByRole('button', { name: /^Sync with the team/ }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Synced: pushed/ })).toBeVisible();
    await expect(sync.getByRole('button', { name: /^Sync with the team/ })).toHaveText('Sync');

    // bob's span arrived and shows in the workbench.
    await openDocument(page, NOTES['ward-b.txt'] as string);
    await expect(spanMark(page, 'HOSPITAL', 'Pine Clinic')).toBeVisible();

    // ann's edit reached the server: bob pulls it.
    cli(['sync', '--db', bobPath]);
    expect(spansOf(bobPath)).toEqual([
      { annotator: 'ann', text: 'Eastbank Hospital' },
      { annotator: 'bob', text: 'Pine Clinic' },
    ]);

    // The details say who this laptop is and when it last synced.
    await sync.getByRole('button', { name: 'Sync details' }).click();
    const details = page.locator('#sync-details');
    await expect(details).toContainText('ann (annotator)');
    await expect(details).not.toContainText('never');
  } finally {
    child.kill('SIGTERM');
  }
});
