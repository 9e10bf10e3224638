import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { nameAnnotator, selectText, spanMark } from './page-helpers.js';

/** Four short transfer notes (written for this test): each names a hospital and a date. */
const NOTES: Readonly<Record<string, string>> = {
  'note-a.txt': 'Transfer note A. Dr Linh moved the patient to Northgate Hospital on 12 March 2024 after the flood.',
  'note-b.txt': 'Transfer note B. The ward at Northgate Hospital took six beds on 12 March 2024 from the river clinic.',
  'note-c.txt': 'Transfer note C. Supplies reached Northgate Hospital on 12 March 2024 by the morning ferry.',
  'note-d.txt': 'Transfer note D. Northgate Hospital opened a second theatre on 12 March 2024 for the injured.',
};

const chooser = (page: Page) => page.getByRole('group', { name: 'Annotator' });

/** Opens the chooser's options (queue, everyone's spans, next not done) and returns them. */
async function annotatorOptions(page: Page) {
  await chooser(page).getByRole('button', { name: 'Annotator options' }).click();
  const options = chooser(page).locator('#annotator-options');
  await expect(options).toBeVisible();
  return options;
}
const doneButton = (page: Page) => page.locator('button[aria-keyshortcuts="D"]');

/** Makes `name` the current annotator from the header's chooser. */
async function annotateAs(page: Page, name: string): Promise<void> {
  await chooser(page).getByRole('combobox', { name: 'Annotator' }).selectOption(name);
  await expect(chooser(page).getByRole('combobox', { name: 'Annotator' })).toHaveValue(name);
}

/**
 * Works through the current annotator's queue with "Next not done": in each
 * document, checks that nobody else's hospital shows (blind annotation), tags
 * the hospital (and the date when `withDates`), and marks it done.
 */
async function workThroughQueue(page: Page, annotator: string, documents: number, withDates: boolean): Promise<void> {
  for (let n = 0; n < documents; n++) {
    await (await annotatorOptions(page)).getByRole('button', { name: 'Next not done' }).click();
    const heading = page.getByRole('heading', { level: 2 }).filter({ hasText: /^Transfer note [A-D]/ });
    await expect(heading).toBeVisible();
    await expect(doneButton(page)).toHaveAttribute('aria-pressed', 'false');
    await expect(spanMark(page, 'HOSPITAL', 'Northgate Hospital')).toHaveCount(0);
    await selectText(page, 'Northgate Hospital');
    await page.keyboard.press('1');
    await expect(spanMark(page, 'HOSPITAL', 'Northgate Hospital')).toHaveCount(1);
    if (withDates) {
      await selectText(page, '12 March 2024');
      await page.keyboard.press('2');
      await expect(spanMark(page, 'DATE', '12 March 2024')).toHaveCount(1);
    }
    await page.keyboard.press('d');
    await expect(doneButton(page)).toHaveAttribute('aria-pressed', 'true');
  }
  await (await annotatorOptions(page)).getByRole('button', { name: 'Next not done' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Every document of ${annotator}’s queue is done.` })).toBeVisible();
}

test('two annotators work blind through an assigned queue with overlap; agreement compares the overlap and opens adjudication', async ({ workbench, page }) => {
  workbench.importTexts(NOTES);
  // The lead deals the four notes out: half of them to both (the overlap), drawn with seed 7.
  const assigned = workbench.cli(['assign', '--db', workbench.dbPath, '--annotators', 'ann,ben', '--overlap', '0.5', '--seed', '7', '--json']);
  expect(assigned.status, assigned.stderr).toBe(0);
  expect(JSON.parse(assigned.stdout)).toMatchObject({ documents: 4, overlapping: 2, perAnnotator: [{ annotator: 'ann', documents: 3 }, { annotator: 'ben', documents: 3 }] });

  await page.goto(workbench.url);
  // The first run asks who is annotating; the chooser then offers the project's annotators.
  await expect(page.getByRole('dialog', { name: 'Your name' })).toBeVisible();
  await nameAnnotator(page, 'ann');
  await expect(chooser(page).getByRole('combobox', { name: 'Annotator' })).toHaveValue('ann');
  await expect(chooser(page).getByRole('option')).toHaveText(['ann', 'ben', 'Add an annotator…']);
  const options = await annotatorOptions(page);
  await expect(options.getByRole('checkbox', { name: 'My queue (0/3 done)' })).toBeVisible();
  await options.getByRole('checkbox', { name: /My queue/ }).check();
  await page.keyboard.press('Escape');
  const list = page.getByRole('listbox', { name: 'Documents' });
  await expect(list.getByRole('option')).toHaveCount(3);
  await expect(page.getByText('0/3 done', { exact: true })).toBeVisible();
  await workThroughQueue(page, 'ann', 3, true);
  await expect(page.getByText('3/3 done', { exact: true })).toBeVisible();

  // ben's progress is his own: nothing of his queue is done, and ann's spans stay hidden from him.
  await annotateAs(page, 'ben');
  await expect(page.getByText('0/3 done', { exact: true })).toBeVisible();
  await expect(list.getByRole('option')).toHaveCount(3);
  await workThroughQueue(page, 'ben', 3, false);
  await expect(page.getByText('3/3 done', { exact: true })).toBeVisible();

  // A curator's look at everyone's spans: in the two shared notes both hospitals show, each saying whose it is.
  await (await annotatorOptions(page)).getByRole('checkbox', { name: /Everyone/ }).check();
  await page.keyboard.press('Escape');
  let shared = 0;
  for (const title of await list.getByRole('option').allInnerTexts()) {
    await list.getByRole('option', { name: title.split('\n')[0]?.trim() ?? title }).first().click();
    await expect(spanMark(page, 'HOSPITAL', 'Northgate Hospital').first()).toBeVisible();
    if ((await spanMark(page, 'HOSPITAL', 'Northgate Hospital').count()) === 2) {
      shared++;
      await expect(spanMark(page, 'HOSPITAL', 'Northgate Hospital').and(page.locator('[title$="(ann)"]'))).toHaveCount(1);
      await expect(spanMark(page, 'HOSPITAL', 'Northgate Hospital').and(page.locator('[title$="(ben)"]'))).toHaveCount(1);
    }
  }
  expect(shared).toBe(2);

  // Agreement is measured on the two notes both were given and both finished; they differ on the dates.
  await page.getByRole('tab', { name: 'Agreement' }).click();
  const overall = page.getByRole('table', { name: 'Agreement of all annotators' });
  await expect(overall).toContainText('By assignment: 2 documents given to two or more annotators, 2 done by them');
  await expect(overall).toContainText('2 documents compared');
  const documents = page.getByRole('table', { name: 'Agreement by document' });
  await expect(documents.getByRole('row')).toHaveCount(3);
  await documents.getByRole('row').nth(1).click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Adjudication' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: /^Transfer note [A-D]/ }).first()).toBeVisible();
});
