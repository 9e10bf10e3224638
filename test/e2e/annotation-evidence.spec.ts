import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { chooseFromMenu, openDocument, selectText, spanMark } from './page-helpers.js';

// Invented sample texts. "Lotus House" is a shelter no rule knows as a hospital: only tags teach it.
const FIRST = 'Shelter log';
const SECOND = 'Rice delivery';
const THIRD = 'Blanket appeal';
const TEXTS = {
  'first.txt': `${FIRST}\nRice went to Lotus House before the rain on 12 May 2025.\n`,
  'second.txt': `${SECOND}\nThe Lotus House kitchen fed forty people.\n`,
  'third.txt': `${THIRD}\nBlankets for Lotus House arrived late; Northgate General Hospital sent 384 beds.\n`,
};

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'tester'));
});

const sidePanel = (page: Page) => page.getByRole('complementary', { name: 'Labels and spans' });
const suggestionsBar = (page: Page) => page.getByRole('region', { name: 'Suggestions' });
const suggested = (page: Page, label: string) => page.locator(`mark[data-status="suggested"][data-label="${label}"]:not([data-fragment])`);

/** Proposes spans for the open document and waits for the run to end. */
async function suggestHere(page: Page): Promise<void> {
  await suggestionsBar(page).getByRole('button', { name: 'Suggest', exact: true }).click();
  await expect(suggestionsBar(page).getByRole('status')).toHaveText(/suggested|proposed|\d/i, { timeout: 20_000 });
  await expect(suggestionsBar(page).getByRole('button', { name: 'Suggest', exact: true })).toBeEnabled();
}

/** Tags `words` in the open document with a label's key. */
async function tag(page: Page, words: string, key: string, label: string): Promise<void> {
  await selectText(page, words);
  await page.keyboard.press(key);
  await expect(spanMark(page, label, words)).toHaveCount(1);
  await page.keyboard.press('Escape');
}

/** The label name a span shows before its text (generated content, not text), or "none". */
function shownTag(mark: Locator): Promise<string> {
  return mark.evaluate((element) => getComputedStyle(element, '::before').content);
}

async function openLabels(page: Page) {
  await chooseFromMenu(page, 'Labels…');
  return page.getByRole('dialog', { name: 'Labels' });
}

test('one tag teaches nothing; a form tagged twice is proposed, says what it was learnt from, and can be forgotten and brought back', async ({
  workbench,
  page,
}) => {
  workbench.importTexts(TEXTS);
  await page.goto(workbench.url);

  await openDocument(page, FIRST);
  await tag(page, 'Lotus House', '1', 'HOSPITAL');
  // One tag may be a slip: the third document gets no learnt suggestion from it.
  await openDocument(page, THIRD);
  await suggestHere(page);
  await expect(suggested(page, 'HOSPITAL').filter({ hasText: /^Lotus House$/ })).toHaveCount(0);

  await openDocument(page, SECOND);
  await tag(page, 'Lotus House', '1', 'HOSPITAL');
  await openDocument(page, THIRD);
  await suggestHere(page);
  const learnt = suggested(page, 'HOSPITAL').filter({ hasText: /^Lotus House$/ });
  await expect(learnt).toHaveCount(1);
  await expect(learnt).toHaveAttribute('title', /^Hospital \(learnt from 2 tags, 90%\)$/);
  await learnt.click();
  await expect(sidePanel(page).getByText('learnt from 2 tags, 90%')).toBeVisible();

  // The Learnt forms list shows the form with its counts and forgets it.
  let dialog = await openLabels(page);
  const forms = dialog.getByRole('table');
  const row = forms.getByRole('row').filter({ hasText: 'Lotus House' });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell')).toHaveText(['Lotus House', 'Hospital', '2', '0', 'proposed everywhere', 'Remove']);
  await row.getByRole('button', { name: 'Remove “Lotus House” (Hospital)' }).click();
  await expect(dialog.getByText('Forgot “Lotus House” as Hospital: runs no longer propose it.')).toBeVisible();
  await expect(forms.getByRole('row').filter({ hasText: 'Lotus House' })).toHaveCount(0);
  // The suggestion already there no longer has counts behind it.
  await expect(learnt).toHaveAttribute('title', /learnt from earlier tags/);

  // One undo brings the form back with its counts.
  await dialog.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(forms.getByRole('row').filter({ hasText: 'Lotus House' }).getByRole('cell').nth(2)).toHaveText('2');
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(learnt).toHaveAttribute('title', /learnt from 2 tags/);

  // Filtering by label: a person's list has no hospitals.
  dialog = await openLabels(page);
  await dialog.getByLabel('Learnt forms of label').selectOption('PERSON');
  await expect(dialog.getByText('Nothing learnt yet')).toBeVisible();
});

test('each span shows its label name at its start, or on hover and when selected, as chosen in Labels…', async ({ workbench, page }) => {
  workbench.importTexts(TEXTS);
  await page.goto(workbench.url);
  await openDocument(page, FIRST);
  await tag(page, 'Lotus House', '1', 'HOSPITAL');
  await tag(page, '12 May 2025', '2', 'DATE');
  const hospital = spanMark(page, 'HOSPITAL', 'Lotus House');
  const date = spanMark(page, 'DATE', '12 May 2025');
  // The name is drawn, not written into the text: the marks' text is the document's alone.
  await expect(hospital).toHaveText('Lotus House');
  expect(await shownTag(hospital)).toBe('"Hospital"');
  expect(await shownTag(date)).toBe('"Date"');

  const dialog = await openLabels(page);
  await dialog.getByRole('radio', { name: 'On hover and on the selected span' }).check();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await page.mouse.move(0, 0);
  expect(await shownTag(date)).toBe('none');
  await date.hover();
  expect(await shownTag(date)).toBe('"Date"');
  await hospital.click();
  await page.mouse.move(0, 0);
  expect(await shownTag(hospital)).toBe('"Hospital"');
  expect(await shownTag(date)).toBe('none');

  // The choice is kept for the next visit.
  await page.reload();
  await openDocument(page, FIRST);
  await page.mouse.move(0, 0);
  expect(await shownTag(spanMark(page, 'DATE', '12 May 2025'))).toBe('none');
});

test('E on a figure says linking is for labels that name things; a custom label marked so links', async ({ workbench, page }) => {
  workbench.importTexts(TEXTS);
  await page.goto(workbench.url);
  const dialog = await openLabels(page);
  await expect(dialog.getByRole('checkbox', { name: 'HOSPITAL names things' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'PERSON names things' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: 'FIGURE names things' })).not.toBeChecked();
  const add = dialog.getByRole('form', { name: 'Add a label' });
  await add.getByLabel('Name (as exported)').fill('SHELTER');
  await add.getByLabel('Key').fill('5');
  await add.getByRole('checkbox', { name: /Names things/ }).check();
  await add.getByRole('button', { name: 'Add label' }).click();
  await expect(dialog.getByRole('checkbox', { name: 'SHELTER names things' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  await openDocument(page, THIRD);
  await tag(page, '384 beds', '4', 'FIGURE');
  await spanMark(page, 'FIGURE', '384 beds').click();
  await page.keyboard.press('e');
  await expect(page.getByRole('status').filter({ hasText: 'Linking to entities is for labels that name things; Figure tags values.' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(sidePanel(page).getByRole('button', { name: /Create entity/ })).toHaveCount(0);
  await expect(sidePanel(page).getByRole('combobox', { name: 'Link to an entity' })).toHaveCount(0);

  await tag(page, 'Lotus House', '5', 'SHELTER');
  await spanMark(page, 'SHELTER', 'Lotus House').click();
  await page.keyboard.press('e');
  await expect(sidePanel(page).getByRole('combobox', { name: 'Link to an entity' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(sidePanel(page).getByText('Linked to')).toContainText('Lotus House');
});
