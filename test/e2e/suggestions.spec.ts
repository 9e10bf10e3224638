import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { chooseFromMenu, openDocument } from './page-helpers.js';

// Invented sample texts. The emoji in the title sits before every span, so
// code point offsets and UTF-16 indices differ from there on.
const NIGHT = 'Night shift report 🌙';
const NIGHT_TEXT = `${NIGHT}
The ward note says Dr. Sarah Kettleby arrived at Northgate General Hospital on 20/11/2025 08:15 and by evening the team had treated 1,200 children.
The vaccination drive runs until 22/11/2025.
`;
const MEMO = 'Clinic memo';
const MEMO_TEXT = `${MEMO}
The mobile clinic reopens on 03/04/2025 after repairs.
`;
const HARBOUR = 'Harbour memo';
const HARBOUR_TEXT = `${HARBOUR}
The harbour dispensary reopens on 03/04/2025 as well.
`;

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'tester'));
});

/** Where `needle` lies in `text`, in code points, end exclusive. */
function cpRange(text: string, needle: string): { start: number; end: number } {
  const at = text.indexOf(needle);
  expect(at, `"${needle}" is in the text`).toBeGreaterThanOrEqual(0);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...needle].length };
}

const sidePanel = (page: Page) => page.getByRole('complementary', { name: 'Labels and spans' });
const suggestionsBar = (page: Page) => page.getByRole('region', { name: 'Suggestions' });
const marks = (page: Page, status: string, label?: string) =>
  page.locator(`mark[data-status="${status}"]${label === undefined ? '' : `[data-label="${label}"]`}:not([data-fragment])`);
const markOf = (page: Page, text: string) => page.locator('mark[data-span-id]').filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });

/** Proposes spans for the open document with the Suggest button and waits for the run's summary. */
async function suggestHere(page: Page): Promise<void> {
  await suggestionsBar(page).getByRole('button', { name: 'Suggest', exact: true }).click();
  await expect(suggestionsBar(page).getByRole('status')).toHaveText(/suggested|proposed|\d/i, { timeout: 20_000 });
  await expect(suggestionsBar(page).getByRole('button', { name: 'Suggest', exact: true })).toBeEnabled();
}

test('suggests spans, and the annotator accepts, rejects and accepts in bulk with keys and one undo', async ({ workbench, page }) => {
  workbench.importTexts({ 'night.txt': NIGHT_TEXT });
  await page.goto(workbench.url);
  await openDocument(page, NIGHT);
  await suggestHere(page);

  // Dashed, lighter marks at the code point offsets of the words, after the emoji.
  await expect(marks(page, 'suggested')).toHaveCount(5);
  for (const [label, words] of [
    ['PERSON', 'Sarah Kettleby'],
    ['HOSPITAL', 'Northgate General Hospital'],
    ['DATE', '20/11/2025 08:15'],
    ['FIGURE', '1,200 children'],
    ['DATE', '22/11/2025'],
  ] as const) {
    const { start, end } = cpRange(NIGHT_TEXT, words);
    const mark = page.locator(`mark[data-label="${label}"][data-start="${start}"][data-end="${end}"]`);
    await expect(mark).toHaveText(words);
    await expect(mark).toHaveAttribute('data-status', 'suggested');
  }
  const firstDate = marks(page, 'suggested', 'DATE').first();
  expect(await firstDate.evaluate((mark) => getComputedStyle(mark).outlineStyle)).toBe('dashed');
  await expect(firstDate).toHaveAttribute('title', /^Date \(suggested by date, \d+%\)$/);

  // The first suggestion is selected after the run: A accepts it and moves on to the hospital, which
  // X rejects (it is no longer drawn) — pressed straight after each other, as an annotator would.
  await expect(sidePanel(page).getByText(/^suggested by person, \d+%$/)).toBeVisible();
  await expect(markOf(page, 'Sarah Kettleby')).toHaveClass(/selected/);
  await page.keyboard.press('a');
  await page.keyboard.press('x');
  await expect(markOf(page, 'Sarah Kettleby')).toHaveAttribute('data-status', 'accepted');
  await expect(markOf(page, 'Northgate General Hospital')).toHaveCount(0);
  await expect(markOf(page, '20/11/2025 08:15')).toHaveClass(/selected/);
  await expect(page.getByText('1 span · 3 suggestions')).toBeVisible();

  // Accept both dates with one button; one undo takes both back, the rejection stays.
  await suggestionsBar(page).getByRole('button', { name: /^Accept all Date/ }).click();
  await expect(marks(page, 'accepted', 'DATE')).toHaveCount(2);
  await expect(marks(page, 'suggested')).toHaveCount(1);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(marks(page, 'suggested', 'DATE')).toHaveCount(2);
  await expect(marks(page, 'accepted')).toHaveCount(1);
  await expect(markOf(page, 'Northgate General Hospital')).toHaveCount(0);

  // S and Shift+S go from suggestion to suggestion (wrapping); Shift+A accepts every one of the selected one's label.
  await page.getByLabel('Document text', { exact: true }).focus();
  await page.keyboard.press('Escape');
  await page.keyboard.press('s');
  await expect(markOf(page, '20/11/2025 08:15')).toHaveClass(/selected/);
  await page.keyboard.press('Shift+S');
  await expect(markOf(page, '22/11/2025')).toHaveClass(/selected/);
  await page.keyboard.press('Shift+A');
  await expect(marks(page, 'accepted', 'DATE')).toHaveCount(2);

  // Enter accepts the selected suggestion, like A.
  await page.keyboard.press('s');
  await expect(markOf(page, '1,200 children')).toHaveClass(/selected/);
  await page.keyboard.press('Enter');
  await expect(marks(page, 'suggested')).toHaveCount(0);
  await expect(suggestionsBar(page).getByText('No suggestions to decide')).toBeVisible();

  const exported = workbench.cli(['export', '--db', workbench.dbPath, '--format', 'jsonl', '--status', 'all', '--out', '-']);
  const spans = (JSON.parse(exported.stdout.trim()) as { spans: { text: string; status: string }[] }).spans;
  expect(spans.map((s) => `${s.status} ${s.text}`).sort()).toEqual([
    'accepted 1,200 children',
    'accepted 20/11/2025 08:15',
    'accepted 22/11/2025',
    'accepted Sarah Kettleby',
    'rejected Northgate General Hospital',
  ]);
});

test('edits a DATE value in the side panel, checked as ISO 8601 and kept after a reload', async ({ workbench, page }) => {
  workbench.importTexts({ 'night.txt': NIGHT_TEXT });
  await page.goto(workbench.url);
  await openDocument(page, NIGHT);
  await suggestHere(page);

  await markOf(page, '20/11/2025 08:15').click();
  const panel = sidePanel(page);
  await expect(panel.getByLabel('Current value')).toHaveText('2025-11-20T08:15');
  const field = panel.getByLabel('ISO 8601 date, date-time or interval');
  await expect(field).toHaveValue('2025-11-20T08:15');

  await field.fill('20/11/2025');
  await field.press('Enter');
  await expect(panel.getByRole('alert')).toHaveText(/not ISO 8601/);

  await field.fill('2025-11-20T08:30');
  await field.press('Enter');
  await expect(panel.getByLabel('Current value')).toHaveText('2025-11-20T08:30');

  // Saving a value is an edit like any other: undo and redo it.
  await page.keyboard.press('Control+z');
  await expect(panel.getByLabel('Current value')).toHaveText('2025-11-20T08:15');
  await page.keyboard.press('Control+Shift+z');
  await expect(panel.getByLabel('Current value')).toHaveText('2025-11-20T08:30');

  await page.reload();
  await openDocument(page, NIGHT);
  await markOf(page, '20/11/2025 08:15').click();
  await expect(sidePanel(page).getByLabel('Current value')).toHaveText('2025-11-20T08:30');

  // The FIGURE form reads the number and unit.
  await markOf(page, '1,200 children').click();
  await expect(sidePanel(page).getByLabel('Number')).toHaveValue('1200');
  await expect(sidePanel(page).getByLabel('Unit')).toHaveValue('children');
});

test('the Settings dialog switches numeric dates to month first for the next run', async ({ workbench, page }) => {
  workbench.importTexts({ 'memo.txt': MEMO_TEXT, 'harbour.txt': HARBOUR_TEXT });
  await page.goto(workbench.url);

  await openDocument(page, MEMO);
  await suggestHere(page);
  await expect(sidePanel(page).getByLabel('Current value')).toHaveText('2025-04-03');

  await chooseFromMenu(page, 'Settings…');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByLabel(/^Day first/)).toBeChecked();
  await dialog.getByLabel(/^Month first/).check();
  await expect(dialog.getByLabel(/^Month first/)).toBeChecked();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(dialog).toBeHidden();

  // P proposes spans for the open document, as the Suggest button does.
  await openDocument(page, HARBOUR);
  await page.keyboard.press('p');
  await expect(marks(page, 'suggested', 'DATE')).toHaveCount(1);
  await expect(sidePanel(page).getByLabel('Current value')).toHaveText('2025-03-04');

  // Shift+Enter accepts every suggestion in the document.
  await page.getByLabel('Document text', { exact: true }).focus();
  await page.keyboard.press('Shift+Enter');
  await expect(marks(page, 'accepted', 'DATE')).toHaveCount(1);
  await expect(marks(page, 'suggested')).toHaveCount(0);

  // Kept in the project: the dialog reads it back.
  await page.reload();
  await chooseFromMenu(page, 'Settings…');
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByLabel(/^Month first/)).toBeChecked();
});
