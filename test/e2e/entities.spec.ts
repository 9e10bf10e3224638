import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { openDocument, selectText, showView, spanMark } from './page-helpers.js';

// Invented sample text: one clinic written "Centre" and "Center", one hospital and one doctor
// written with and without Vietnamese diacritics.
const CLINIC = 'Riverside clinic news';
const LETTER = 'Letter from the volunteers';
const CLINIC_TEXT = [
  CLINIC,
  '',
  'The Riverside Health Centre opened a night clinic for shift workers last week.',
  'Dr Nguyễn Thị Hoa, who trained at Bạch Mai Hospital, leads the evening team.',
  '',
].join('\n');
const LETTER_TEXT = [
  LETTER,
  '',
  'Our volunteers collected children’s books for the waiting room of the Riverside Health Center.',
  'Dr Nguyen Thi Hoa thanked them and asked for more puzzles; she will visit Bach Mai Hospital on Friday.',
  '',
].join('\n');

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'tester'));
});

const sidePanel = (page: Page) => page.getByRole('complementary', { name: 'Labels and spans' });
const entityList = (page: Page) => page.getByRole('listbox', { name: 'Entities' });

/** Tags `text` in the open document with the label key `key`. */
async function tag(page: Page, text: string, key: string, label: string): Promise<void> {
  await selectText(page, text);
  await page.keyboard.press(key);
  await expect(spanMark(page, label, text)).toHaveCount(1);
}

/** Makes the selected span the first mention of a new entity named after it. */
async function createEntity(page: Page, name: string): Promise<void> {
  await sidePanel(page).getByRole('button', { name: `Create entity “${name}”` }).click();
  await expect(sidePanel(page).getByText(`Linked to ${name}`)).toBeVisible();
}

test('links spans to entities, accepts suggested spelling variants, merges two entities and undoes the merge', async ({ workbench, page }) => {
  workbench.importTexts({ 'clinic.txt': CLINIC_TEXT, 'letter.txt': LETTER_TEXT });
  await page.goto(workbench.url);

  // Create entities from spans in the side panel; the mark's tooltip names its entity.
  await openDocument(page, CLINIC);
  await tag(page, 'Riverside Health Centre', '1', 'HOSPITAL');
  await createEntity(page, 'Riverside Health Centre');
  await expect(spanMark(page, 'HOSPITAL', 'Riverside Health Centre')).toHaveAttribute('title', 'Hospital · Riverside Health Centre');
  await tag(page, 'Bạch Mai Hospital', '1', 'HOSPITAL');
  await createEntity(page, 'Bạch Mai Hospital');
  await tag(page, 'Nguyễn Thị Hoa', '3', 'PERSON');

  await openDocument(page, LETTER);
  await tag(page, 'Riverside Health Center', '1', 'HOSPITAL');
  await tag(page, 'Nguyen Thi Hoa', '3', 'PERSON');
  await tag(page, 'Bach Mai Hospital', '1', 'HOSPITAL');
  // Link by searching: the other spelling of the hospital is not found under this name, so it gets its own entity.
  const search = sidePanel(page).getByRole('combobox', { name: 'Link to an entity' });
  await search.fill('Riverside');
  await expect(sidePanel(page).getByRole('listbox', { name: 'Matching entities' }).getByRole('option', { name: /Riverside Health Centre/ })).toBeVisible();
  await search.fill('');
  await createEntity(page, 'Bach Mai Hospital');

  // Suggestions: the unlinked variants, each with its reason.
  await showView(page, 'Entities');
  await page.getByRole('tab', { name: /^Suggestions/ }).click();
  const suggestions = page.getByRole('list', { name: 'Suggestions' });
  const centre = suggestions.getByRole('listitem').filter({ hasText: 'Riverside Health Center' });
  const doctor = suggestions.getByRole('listitem').filter({ hasText: 'Nguyen Thi Hoa' });
  await expect(centre).toContainText('Spelling variant');
  await expect(centre).toContainText('Riverside Health Centre');
  await expect(doctor).toContainText(/diacritics/);
  await centre.getByRole('checkbox').check();
  await doctor.getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Accept selected' }).click();
  await expect(centre).toHaveCount(0);
  await expect(doctor).toHaveCount(0);

  // The clinic now has both spellings as mentions.
  await page.getByRole('tab', { name: 'All entities' }).click();
  await entityList(page).getByRole('option', { name: 'Riverside Health Centre' }).click();
  await expect(page.getByRole('heading', { name: 'Riverside Health Centre' })).toBeVisible();
  const mentions = page.getByRole('list', { name: 'Mentions' });
  await expect(mentions.getByRole('listitem')).toHaveCount(2);
  await expect(mentions).toContainText('Riverside Health Center');

  // Merge the two spellings of the hospital, keeping the one with diacritics.
  await entityList(page).getByRole('option', { name: 'Bạch Mai Hospital', exact: true }).click();
  await entityList(page).getByRole('option', { name: 'Bach Mai Hospital', exact: true }).click({ modifiers: ['ControlOrMeta'] });
  await expect(entityList(page).getByRole('option', { selected: true })).toHaveCount(2);
  const merge = page.getByRole('region', { name: 'Merge 2 entities' });
  await merge.getByRole('radio', { name: /Bạch Mai Hospital/ }).check();
  await merge.getByRole('button', { name: 'Merge' }).click();
  await expect(entityList(page).getByRole('option', { name: 'Bach Mai Hospital', exact: true })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Bạch Mai Hospital' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Mentions' }).getByRole('listitem')).toHaveCount(2);

  // A mention opens its document with the span selected.
  await page.getByRole('button', { name: `Open “${LETTER}” at “Bach Mai Hospital”` }).click();
  await expect(page.getByRole('heading', { name: LETTER, exact: true })).toBeVisible();
  await expect(sidePanel(page).getByText('Linked to Bạch Mai Hospital')).toBeVisible();

  // Undo takes the merge back in one step.
  await page.keyboard.press('Control+z');
  await expect(sidePanel(page).getByText('Linked to Bach Mai Hospital')).toBeVisible();
  await showView(page, 'Entities');
  await expect(entityList(page).getByRole('option', { name: 'Bach Mai Hospital', exact: true })).toBeVisible();
  await expect(entityList(page).getByRole('option', { name: 'Bạch Mai Hospital', exact: true })).toBeVisible();
});

test('unlinks a span and renames an entity', async ({ workbench, page }) => {
  workbench.importTexts({ 'clinic.txt': CLINIC_TEXT });
  await page.goto(workbench.url);
  await openDocument(page, CLINIC);
  await tag(page, 'Bạch Mai Hospital', '1', 'HOSPITAL');
  await createEntity(page, 'Bạch Mai Hospital');

  await sidePanel(page).getByRole('button', { name: 'Show in Entities' }).click();
  await expect(page.getByRole('heading', { name: 'Bạch Mai Hospital' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Name' }).fill('Bach Mai University Hospital');
  await page.getByRole('button', { name: 'Rename' }).click();
  await expect(entityList(page).getByRole('option', { name: 'Bach Mai University Hospital' })).toBeVisible();
  await page.getByRole('textbox', { name: 'New alias' }).fill('BMH');
  await page.getByRole('button', { name: 'Add alias' }).click();
  await expect(page.getByRole('list', { name: 'Aliases' })).toContainText('BMH');

  await openDocument(page, CLINIC);
  await spanMark(page, 'HOSPITAL', 'Bạch Mai Hospital').click();
  await expect(spanMark(page, 'HOSPITAL', 'Bạch Mai Hospital')).toHaveAttribute('title', 'Hospital · Bach Mai University Hospital');
  await sidePanel(page).getByRole('button', { name: 'Unlink' }).click();
  await expect(sidePanel(page).getByRole('combobox', { name: 'Link to an entity' })).toBeVisible();
  await expect(spanMark(page, 'HOSPITAL', 'Bạch Mai Hospital')).toHaveAttribute('title', 'Hospital');
});
