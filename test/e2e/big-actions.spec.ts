import type { Page } from '@playwright/test';
import { ASK_ABOVE_DOCUMENTS, ASK_ABOVE_PLACES } from '../../src/renderer/features/workbench/big-actions.js';
import { expect, test, type Workbench } from './fixtures.js';
import { openDocument, selectText } from './page-helpers.js';

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'tester'));
});

interface Stats {
  documents: number;
  spans: { label: string; status: string; count: number }[];
}

/** Spans in the project file by status (and label), as the command line reads them. */
function spanCount(workbench: Workbench, status: string, label?: string): number {
  const stats = JSON.parse(workbench.cli(['stats', '--db', workbench.dbPath, '--json']).stdout) as Stats;
  return stats.spans.filter((row) => row.status === status && (label === undefined || row.label === label)).reduce((sum, row) => sum + row.count, 0);
}

/** `n` short reports, each with its own text (identical texts would be skipped as duplicates). */
function reports(n: number, line: (i: number) => string): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 1; i <= n; i++) files[`report-${String(i).padStart(4, '0')}.txt`] = `Ward report ${i}\n${line(i)}\n`;
  return files;
}

const question = (page: Page, heading: string) => page.getByRole('dialog', { name: heading });

test('proposing spans in every document of a big project asks first with the count; Escape cancels, Enter runs it', async ({ workbench, page }) => {
  const documents = ASK_ABOVE_DOCUMENTS + 10;
  workbench.importTexts(reports(documents, (i) => `The ward counted ${i + 20} beds on 3 May 2024.`));
  await page.goto(workbench.url);
  await openDocument(page, 'Ward report 1');
  const bar = page.getByRole('region', { name: 'Suggestions' });

  await page.keyboard.press('Shift+P');
  const dialog = question(page, 'Propose spans in every document?');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Suggestions will be proposed in all ${documents} documents of the project.`);
  const confirm = dialog.getByRole('button', { name: `Propose spans in ${documents} documents` });
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Nothing started: no run is shown and the project holds no suggestions.
  await expect(bar.getByRole('button', { name: 'Suggest in all documents' })).toBeEnabled();
  await expect(bar.getByRole('status')).toHaveCount(0);
  expect(spanCount(workbench, 'suggested')).toBe(0);

  // The button asks the same question; Enter confirms it.
  await bar.getByRole('button', { name: 'Suggest in all documents' }).click();
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(bar.getByRole('status')).toHaveText(new RegExp(`^suggested \\d+ spans in ${documents} documents`), { timeout: 30_000 });
  expect(spanCount(workbench, 'suggested')).toBeGreaterThanOrEqual(documents);
});

test('tagging more than a few dozen occurrences across the corpus asks first; cancelling keeps the offer', async ({ workbench, page }) => {
  const others = ASK_ABOVE_PLACES + 9;
  workbench.importTexts(reports(others + 1, (i) => `Patient ${i} was moved to Riverside Clinic after the flood.`));
  await page.goto(workbench.url);
  await openDocument(page, 'Ward report 1');
  await selectText(page, 'Riverside Clinic');
  await page.keyboard.press('1');
  const offer = page.getByRole('button', { name: `Tag all ${others} other occurrences in the corpus (Shift+A)` });
  await expect(offer).toBeVisible();

  await page.keyboard.press('Shift+A');
  const dialog = question(page, 'Tag it across the corpus?');
  await expect(dialog).toContainText(`“Riverside Clinic” will be tagged as Hospital in ${others} other places in the corpus.`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(offer).toBeVisible();
  expect(spanCount(workbench, 'accepted', 'HOSPITAL')).toBe(1);

  await page.keyboard.press('Shift+A');
  await expect(dialog.getByRole('button', { name: `Tag ${others} occurrences` })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(offer).toBeHidden();
  await expect.poll(() => spanCount(workbench, 'accepted', 'HOSPITAL')).toBe(others + 1);
});

test('accepting more than a few dozen suggestions at once asks first with their count', async ({ workbench, page }) => {
  const wards = Array.from({ length: ASK_ABOVE_PLACES + 10 }, (_, i) => `Ward ${i + 1} had ${(i + 1) * 10} beds.`).join('\n');
  workbench.importTexts({ 'wards.txt': `Bed census\n${wards}\n` });
  const suggested = workbench.cli(['suggest', '--db', workbench.dbPath]);
  expect(suggested.status, suggested.stderr).toBe(0);
  const count = spanCount(workbench, 'suggested');
  expect(count).toBeGreaterThan(ASK_ABOVE_PLACES);
  await page.goto(workbench.url);
  await openDocument(page, 'Bed census');

  await page.keyboard.press('Shift+Enter');
  const dialog = question(page, 'Accept every suggestion?');
  await expect(dialog).toContainText(`All ${count} suggestions in this document will be accepted.`);
  await expect(dialog.getByRole('button', { name: `Accept ${count} suggestions` })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(spanCount(workbench, 'accepted')).toBe(0);

  await page.keyboard.press('Shift+Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText(`Accepted ${count} suggestions.`)).toBeVisible();
  expect(spanCount(workbench, 'accepted')).toBe(count);
  expect(spanCount(workbench, 'suggested')).toBe(0);
});

test('accepting one label’s suggestions in every document asks with the count, runs as a job, and one undo takes it back', async ({ workbench, page }) => {
  const documents = 80;
  workbench.importTexts(reports(documents, (i) => `Cho Ray Hospital admitted ${i + 20} patients on 3 May 2024.`));
  expect(workbench.cli(['suggest', '--db', workbench.dbPath]).status).toBe(0);
  const hospitals = spanCount(workbench, 'suggested', 'HOSPITAL');
  const dates = spanCount(workbench, 'suggested', 'DATE');
  expect(hospitals).toBeGreaterThanOrEqual(documents);
  await page.goto(workbench.url);
  await openDocument(page, 'Ward report 1');
  const bar = page.getByRole('region', { name: 'Suggestions' });

  // With a hospital suggestion selected, the project-wide accept is about hospitals only.
  await page.locator('mark[data-label="HOSPITAL"][data-status="suggested"]').first().click();
  await bar.getByRole('button', { name: 'Accept Hospital everywhere…' }).click();
  const dialog = question(page, 'Accept every Hospital suggestion in the project?');
  await expect(dialog).toContainText(`All ${hospitals} Hospital suggestions in every document will be accepted as yours.`);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(spanCount(workbench, 'suggested', 'HOSPITAL')).toBe(hospitals);

  await bar.getByRole('button', { name: 'Accept Hospital everywhere…' }).click();
  await dialog.getByRole('button', { name: `Accept ${hospitals} suggestions` }).click();
  await expect(page.getByText(`Accepted ${hospitals} suggestions in ${documents} documents.`)).toBeVisible({ timeout: 30_000 });
  expect(spanCount(workbench, 'suggested', 'HOSPITAL')).toBe(0);
  expect(spanCount(workbench, 'accepted', 'HOSPITAL')).toBe(hospitals);
  expect(spanCount(workbench, 'suggested', 'DATE')).toBe(dates);

  await page.keyboard.press('Control+z');
  await expect.poll(() => spanCount(workbench, 'suggested', 'HOSPITAL')).toBe(hospitals);
  expect(spanCount(workbench, 'accepted', 'HOSPITAL')).toBe(0);
});
