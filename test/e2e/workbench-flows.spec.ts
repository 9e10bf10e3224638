import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, REPO_ROOT } from './fixtures.js';
import { chooseFromMenu, selectText, spanMark } from './page-helpers.js';

const SAMPLE = join(REPO_ROOT, 'resources/sample-corpus');

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'tester'));
});

/** A workbench on a project that already holds the sample corpus (imported by the command line). */
async function openSampleProject(page: Page, workbench: { url: string; dbPath: string; cli: (args: readonly string[]) => { status: number | null; stderr: string } }) {
  const imported = workbench.cli(['import', SAMPLE, '--db', workbench.dbPath]);
  expect(imported.status, imported.stderr).toBe(0);
  await page.goto(workbench.url);
  const list = page.getByRole('listbox', { name: 'Documents' });
  await expect(list.getByRole('option')).toHaveCount(readdirSync(SAMPLE).length);
  return list;
}

test('tags every other occurrence in the corpus in one keystroke, and one undo takes them all back', async ({ workbench, page }) => {
  const list = await openSampleProject(page, workbench);
  await list.getByRole('option', { name: /stroke unit/ }).first().click();
  await selectText(page, 'Thanh An General Hospital');
  await page.keyboard.press('1');
  const offer = page.getByRole('button', { name: /Tag all \d+ other occurrences? in the corpus/ });
  await expect(offer).toBeVisible();
  const inCorpus = Number(/Tag all (\d+)/.exec((await offer.textContent()) ?? '')?.[1]);
  expect(inCorpus).toBeGreaterThan(1);
  await page.keyboard.press('Shift+A');
  await expect(offer).toBeHidden();

  const stats = () => JSON.parse(workbench.cli(['stats', '--db', workbench.dbPath, '--json']).stdout) as { spans: { label: string; count: number }[] };
  await expect.poll(() => stats().spans.find((s) => s.label === 'HOSPITAL')?.count).toBe(inCorpus + 1);
  await page.keyboard.press('Control+z');
  await expect.poll(() => stats().spans.find((s) => s.label === 'HOSPITAL')?.count).toBe(1);
});

test('filters the list by status and label, and marks a document done with D', async ({ workbench, page }) => {
  const list = await openSampleProject(page, workbench);
  const first = list.getByRole('option').first();
  const title = (await first.getAttribute('aria-label')) ?? '';
  await first.click();
  await selectText(page, '20/11/2025 08:15');
  await page.keyboard.press('2');
  await expect(spanMark(page, 'DATE', '20/11/2025 08:15')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await page.keyboard.press('d');

  await page.getByLabel('Status filter').selectOption('done');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option', { name: title })).toBeVisible();
  await page.getByLabel('Status filter').selectOption('not_started');
  await expect(list.getByRole('option')).toHaveCount(readdirSync(SAMPLE).length - 1);
  await page.getByLabel('Status filter').selectOption('');
  await page.getByLabel('Label filter').selectOption('DATE');
  await expect(list.getByRole('option')).toHaveCount(1);
});

test('adds a label in the label manager and uses it at once', async ({ workbench, page }) => {
  const list = await openSampleProject(page, workbench);
  await chooseFromMenu(page, 'Labels…');
  const manager = page.getByRole('form', { name: 'Add a label' });
  await manager.getByLabel('Name (as exported)').fill('DISEASE');
  await manager.getByLabel('Display name').fill('Disease');
  await manager.getByLabel('Key').fill('5');
  await manager.getByRole('button', { name: 'Add label' }).click();
  await page.getByRole('button', { name: 'Close' }).last().click();

  await list.getByRole('option', { name: /Dengue/ }).first().click();
  await selectText(page, 'dengue');
  await page.getByRole('button', { name: 'Disease', exact: true }).click();
  await expect(spanMark(page, 'DISEASE', 'dengue').first()).toBeVisible();
});

test('exports through the Export dialog to a path and says where the file went', async ({ workbench, page }) => {
  const list = await openSampleProject(page, workbench);
  await list.getByRole('option', { name: /stroke unit/ }).first().click();
  await selectText(page, 'Thanh An General Hospital');
  await page.keyboard.press('1');
  await expect(spanMark(page, 'HOSPITAL', 'Thanh An General Hospital')).toHaveCount(1);

  await chooseFromMenu(page, 'Export…');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  const out = join(workbench.dir, 'dataset.jsonl');
  await dialog.getByLabel('Export path').fill(out);
  await dialog.getByRole('button', { name: 'Save to path' }).click();
  await expect(dialog.getByText(out).first()).toBeVisible({ timeout: 20_000 });

  const docs = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { spans: { text: string; annotator: string }[] });
  expect(docs).toHaveLength(readdirSync(SAMPLE).length);
  expect(docs.flatMap((doc) => doc.spans)).toEqual([expect.objectContaining({ text: 'Thanh An General Hospital', annotator: 'tester' })]);
});
