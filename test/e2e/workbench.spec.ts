import type { Page } from '@playwright/test';
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, REPO_ROOT } from './fixtures.js';
import { chooseFromMenu, selectText, spanMark } from './page-helpers.js';

const SAMPLE = join(REPO_ROOT, 'resources/sample-corpus');
const CORPUS_001 = (() => {
  const dir = join(REPO_ROOT, '../shared/corpus');
  const name = readdirSync(dir).find((entry) => entry.startsWith('001_'));
  if (!name) throw new Error(`no 001_ file in ${dir}`);
  return join(dir, name);
})();

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'tester'));
});

/** Imports files through the Import dialog and waits for its summary. */
async function importFiles(page: Page, files: string[]): Promise<void> {
  await chooseFromMenu(page, 'Import…');
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Files to import').setInputFiles(files);
  await dialog.getByRole('button', { name: /^Import \d+ files?$/ }).click();
  await expect(dialog.getByText(/imported \d+ documents/)).toBeVisible({ timeout: 30_000 });
}

function sampleFiles(): string[] {
  return readdirSync(SAMPLE).map((name) => join(SAMPLE, name));
}

test('refuses a request without the token', async ({ workbench, page }) => {
  const response = await page.goto(workbench.origin + '/');
  expect(response?.status()).toBe(401);
  await expect(page.getByText(/Not authorised/)).toBeVisible();
  const api = await page.request.post(`${workbench.origin}/api/project:info`, { data: {} });
  expect(api.status()).toBe(401);
});

test('imports the sample corpus, searches, tags, relabels, deletes, undoes and redoes, and keeps it all after a reload', async ({ workbench, page }) => {
  await page.goto(workbench.url);
  await importFiles(page, sampleFiles());
  await page.getByRole('button', { name: /close/i }).first().click();

  const list = page.getByRole('listbox', { name: 'Documents' });
  await expect(list.getByRole('option').first()).toBeVisible();
  const count = await list.getByRole('option').count();
  expect(count).toBeGreaterThanOrEqual(6);

  // Search narrows the list as you type.
  await page.getByRole('searchbox', { name: 'Search documents' }).fill('stroke unit');
  await expect(list.getByRole('option')).not.toHaveCount(count);
  const first = list.getByRole('option').first();
  const title = (await first.getAttribute('aria-label')) ?? '';
  await first.click();
  await expect(page.getByRole('heading', { name: title })).toBeVisible();

  // Tag by keyboard.
  await selectText(page, 'Thanh An General Hospital');
  await page.keyboard.press('1');
  await expect(spanMark(page, 'HOSPITAL', 'Thanh An General Hospital').first()).toBeVisible();
  await page.keyboard.press('Escape');

  // Tag by button, with a selection that is too wide: spaces and punctuation are trimmed.
  await selectText(page, ' 24-bed stroke unit ');
  await page.getByRole('button', { name: 'Figure', exact: true }).click();
  await expect(spanMark(page, 'FIGURE', '24-bed stroke unit').first()).toBeVisible();

  // Relabel: select the span, press the other label's key.
  await spanMark(page, 'HOSPITAL', 'Thanh An General Hospital').first().click();
  await page.keyboard.press('3');
  await expect(spanMark(page, 'PERSON', 'Thanh An General Hospital').first()).toBeVisible();

  // Delete it.
  await spanMark(page, 'PERSON', 'Thanh An General Hospital').first().click();
  await page.keyboard.press('Delete');
  await expect(spanMark(page, 'PERSON', 'Thanh An General Hospital')).toHaveCount(0);

  // Undo brings it back; undo again undoes the relabel; redo re-applies it.
  await page.keyboard.press('Control+z');
  await expect(spanMark(page, 'PERSON', 'Thanh An General Hospital').first()).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(spanMark(page, 'HOSPITAL', 'Thanh An General Hospital').first()).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(spanMark(page, 'PERSON', 'Thanh An General Hospital').first()).toBeVisible();

  // Nothing to save: a reload shows the same state.
  await page.reload();
  await list.getByRole('option', { name: title }).click();
  await expect(spanMark(page, 'PERSON', 'Thanh An General Hospital').first()).toBeVisible();
  await expect(spanMark(page, 'FIGURE', '24-bed stroke unit').first()).toBeVisible();

  // The README's picture: refresh it with MARGINALIA_SCREENSHOT=docs/workbench.png npx playwright test.
  await page.screenshot({ path: join(REPO_ROOT, process.env.MARGINALIA_SCREENSHOT ?? 'test-results/workbench.png') });
});

test('a span tagged after the emoji exports with the code-point offsets Python expects', async ({ workbench, page }) => {
  const copy = join(workbench.dir, 'news-with-emoji.txt');
  copyFileSync(CORPUS_001, copy);
  await page.goto(workbench.url);
  await importFiles(page, [copy]);
  await page.getByRole('button', { name: /close/i }).first().click();
  await page.getByRole('listbox', { name: 'Documents' }).getByRole('option').first().click();

  await selectText(page, '108 Military Central Hospital');
  await page.keyboard.press('1');
  await expect(spanMark(page, 'HOSPITAL', '108 Military Central Hospital')).toHaveCount(1);

  const source = readFileSync(copy, 'utf8');
  const startCp = [...source.slice(0, source.indexOf('108 Military Central Hospital'))].length;
  const mark = spanMark(page, 'HOSPITAL', '108 Military Central Hospital');
  await expect(mark).toHaveAttribute('data-start', String(startCp));
  await expect(mark).toHaveAttribute('data-end', String(startCp + 29));
  expect(source.length).toBeGreaterThan([...source].length);

  const out = join(workbench.dir, 'out.jsonl');
  const exported = workbench.cli(['export', '--db', workbench.dbPath, '--format', 'jsonl', '--out', out]);
  expect(exported.status, exported.stderr).toBe(0);
  const doc = JSON.parse(readFileSync(out, 'utf8').trim()) as { text: string; spans: { start: number; end: number; text: string }[] };
  expect(doc.text).toBe(source);
  expect(doc.spans).toEqual([expect.objectContaining({ start: startCp, end: startCp + 29, text: '108 Military Central Hospital' })]);
  expect([...doc.text].slice(startCp, startCp + 29).join('')).toBe('108 Military Central Hospital');
});

test('shows a rejected file in the import report', async ({ workbench, page }) => {
  const good = join(workbench.dir, 'good.txt');
  const bad = join(workbench.dir, 'latin1.txt');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(good, 'Cho Ray Hospital opened a new ward on 20/11/2025.');
  writeFileSync(bad, Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]));
  await page.goto(workbench.url);
  await importFiles(page, [good, bad]);
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog.getByText(/imported 1 documents .* rejected 1 files/)).toBeVisible();
  await expect(dialog.getByText(/latin1\.txt: not valid UTF-8: byte 0xE9 at byte offset 3/)).toBeVisible();
});
