import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { openDocument, selectText, showView, spanMark } from './page-helpers.js';

// Invented sample text: a long paragraph shared by two notices with one word changed,
// and a paragraph repeated inside the first notice.
const FERRY = (side: string): string =>
  `The ferry to the ${side} island leaves from pier seven at dawn every Tuesday, and the harbour master, ` +
  'Mrs Odile Brennan, asks every passenger to carry a paper ticket because the card readers on the quay fail ' +
  'whenever the fog rolls in from the estuary. Bicycles travel free on the lower deck, dogs must stay on a lead, ' +
  'and the return crossing waits for the last bus from the lighthouse road before it casts off.';
const CAFE =
  'Please remember that the café on the quay closes at noon on market days, when the square fills with fish ' +
  'stalls and the bakery van parks beside the fountain near the old customs house.';

const HARBOUR = 'Harbour notes for the spring season';
const BULLETIN = 'Island bulletin for April';
const ALMANAC = 'Tide almanac and notices';

const HARBOUR_TEXT = [
  HARBOUR,
  '',
  FERRY('northern'),
  '',
  'Lanterns along the sea wall were repainted in March by volunteers from the rowing club, who also mended the tide gauge.',
  '',
  CAFE,
  '',
  'Gulls have been nesting on the roof of the net loft again, so the loft stays closed until the chicks fledge.',
  '',
  CAFE,
  '',
].join('\n');
const BULLETIN_TEXT = [BULLETIN, '', FERRY('southern'), '', 'The school choir will sing at the lighthouse on Saturday evening if the weather holds.', ''].join('\n');

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'tester'));
});

/** Code point offsets of the first `needle` in `text`. */
function cpRange(text: string, needle: string): { start: number; end: number } {
  const at = text.indexOf(needle);
  expect(at, `"${needle}" is in the sample`).toBeGreaterThanOrEqual(0);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...needle].length };
}

/** Runs Find duplicates in the Duplicates view and waits for its summary. */
async function findDuplicates(page: Page): Promise<void> {
  await showView(page, 'Duplicates');
  await page.getByRole('button', { name: 'Find duplicates' }).click();
  await expect(page.getByRole('status').filter({ hasText: /checked \d+ documents? for duplicates/ }).first()).toBeVisible({ timeout: 30_000 });
}

const clusterList = (page: Page) => page.getByRole('listbox', { name: 'Duplicate clusters' });
const members = (page: Page) => page.getByRole('region', { name: 'Cluster members' });

test('finds duplicates, shows the changed word, confirms by key, opens from the gutter, copies spans across and undoes them in one step', async ({ workbench, page }) => {
  workbench.importTexts({ 'harbour.txt': HARBOUR_TEXT, 'bulletin.txt': BULLETIN_TEXT });
  await page.goto(workbench.url);
  await expect(page.getByRole('listbox', { name: 'Documents' }).getByRole('option')).toHaveCount(2);

  await findDuplicates(page);
  await expect(page.getByRole('tab', { name: /^Suggested \(2\)/ })).toBeVisible();
  const ferry = clusterList(page).getByRole('option', { name: /^2 passages in 2 documents.*ferry/ });
  const cafe = clusterList(page).getByRole('option', { name: /^2 passages in 1 document\b.*café/ });
  await expect(ferry).toBeVisible();
  await expect(cafe).toBeVisible();

  // Side by side, with the one changed word highlighted against the first member.
  await ferry.click();
  await expect(members(page).getByRole('article')).toHaveCount(2);
  await expect(members(page).getByRole('article').first()).toContainText('Odile Brennan');
  await expect(members(page).locator('ins')).toHaveCount(1);
  await expect(members(page).locator('ins')).toHaveText(/^(southern|northern)$/);
  await expect(members(page).locator('del')).toHaveText(/^(southern|northern)$/);

  // Confirm from the keyboard: the cluster leaves the Suggested tab.
  await page.keyboard.press('c');
  await expect(page.locator('.cluster-header').getByText('Confirmed', { exact: true })).toBeVisible();
  await expect(page.getByRole('tab', { name: /^Suggested \(1\)/ })).toBeVisible();
  await expect(page.getByRole('tab', { name: /^Confirmed \(1\)/ })).toBeVisible();

  // The gutter mark in the other notice opens the cluster.
  await openDocument(page, BULLETIN);
  const mark = page.getByRole('button', { name: 'Also in 1 document' });
  await expect(mark).toBeVisible();
  const ferryRange = cpRange(BULLETIN_TEXT, FERRY('southern'));
  await expect(mark).toHaveAttribute('data-start', String(ferryRange.start));
  await mark.click();
  await expect(page.getByRole('tab', { name: 'Duplicates', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: '2 passages in 2 documents' })).toBeVisible();

  // The repeated paragraph is marked as such in its own document.
  await openDocument(page, HARBOUR);
  await expect(page.getByRole('button', { name: 'Repeated in this document' })).toHaveCount(2);

  // Tag two spans in one member, then U (on the selected span) opens its cluster, which offers them for the other member.
  await selectText(page, 'Odile Brennan');
  await page.keyboard.press('3');
  await expect(spanMark(page, 'PERSON', 'Odile Brennan')).toHaveCount(1);
  await selectText(page, 'Tuesday');
  await page.keyboard.press('2');
  await expect(spanMark(page, 'DATE', 'Tuesday')).toHaveCount(1);
  await page.keyboard.press('u');
  await expect(page.getByRole('heading', { name: '2 passages in 2 documents' })).toBeVisible();
  const spansToCopy = page.getByRole('list', { name: 'Spans to copy' });
  await expect(spansToCopy.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Copy 2 spans to 1 other passage' }).click();
  await expect(page.getByText('No spans to copy.')).toBeVisible();

  // The copies sit in the other notice at the same words, in code points.
  await members(page).getByRole('button', { name: `Open “${BULLETIN}” at the passage` }).click();
  await expect(page.getByRole('heading', { name: BULLETIN, exact: true })).toBeVisible();
  const person = cpRange(BULLETIN_TEXT, 'Odile Brennan');
  const date = cpRange(BULLETIN_TEXT, 'Tuesday');
  await expect(spanMark(page, 'PERSON', 'Odile Brennan')).toHaveAttribute('data-start', String(person.start));
  await expect(spanMark(page, 'PERSON', 'Odile Brennan')).toHaveAttribute('data-end', String(person.end));
  await expect(spanMark(page, 'DATE', 'Tuesday')).toHaveAttribute('data-start', String(date.start));
  await expect(spanMark(page, 'DATE', 'Tuesday')).toHaveAttribute('data-end', String(date.end));

  // One undo takes both copies back, and leaves the spans they were copied from.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(spanMark(page, 'PERSON', 'Odile Brennan')).toHaveCount(0);
  await expect(spanMark(page, 'DATE', 'Tuesday')).toHaveCount(0);
  await openDocument(page, HARBOUR);
  await expect(spanMark(page, 'PERSON', 'Odile Brennan')).toHaveCount(1);
  await expect(spanMark(page, 'DATE', 'Tuesday')).toHaveCount(1);
});

test('rejects a cluster, and splits a member off another with the keyboard', async ({ workbench, page }) => {
  const almanacText = [ALMANAC, '', FERRY('northern'), '', 'High water on Sunday is at twenty past four in the afternoon.', ''].join('\n');
  workbench.importTexts({ 'harbour.txt': HARBOUR_TEXT, 'bulletin.txt': BULLETIN_TEXT, 'almanac.txt': almanacText });
  await page.goto(workbench.url);
  await expect(page.getByRole('listbox', { name: 'Documents' }).getByRole('option')).toHaveCount(3);
  await findDuplicates(page);

  // Reject the repeated paragraph: it leaves the Suggested tab, and its gutter marks go.
  await clusterList(page).getByRole('option', { name: /café/ }).click();
  await page.getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByRole('tab', { name: /^Rejected \(1\)/ })).toBeVisible();
  await expect(clusterList(page).getByRole('option', { name: /café/ })).toHaveCount(0);

  // Split: move the third member to a cluster of its own (→ → Space, then S).
  const ferry = clusterList(page).getByRole('option', { name: /^3 passages in 3 documents.*ferry/ });
  await ferry.click();
  await expect(members(page).getByRole('article')).toHaveCount(3);
  const third = members(page).getByRole('article').nth(2);
  const thirdTitle = ((await third.getAttribute('aria-label')) ?? '').replace(/^Member 3 of 3: /, '');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await expect(third.getByRole('checkbox')).toBeChecked();
  await page.keyboard.press('s');
  await expect(page.getByRole('heading', { name: '2 passages in 2 documents' })).toBeVisible();
  await expect(members(page).getByRole('article')).toHaveCount(2);
  await expect(members(page).getByRole('article', { name: new RegExp(thirdTitle) })).toHaveCount(0);
  // The new cluster holds the one member split off, still to be reviewed.
  await expect(clusterList(page).getByRole('option', { name: /^1 passage in 1 document/ })).toBeVisible();

  await openDocument(page, HARBOUR);
  await expect(page.getByRole('button', { name: 'Repeated in this document' })).toHaveCount(0);
});

test('opens a member’s document scrolled to its passage, far down a long document', async ({ workbench, page }) => {
  // Short numbered lines (too short to be passages themselves) push the shared paragraph far down.
  const filler = Array.from({ length: 600 }, (_, i) => `Log line ${i + 1}: buoy ${(i * 7) % 97} checked, lamp ${i % 3 === 0 ? 'lit' : 'dark'}.`);
  const logbook = ['Harbour logbook', '', ...filler, '', FERRY('southern'), ''].join('\n');
  workbench.importTexts({ 'harbour.txt': HARBOUR_TEXT, 'logbook.txt': logbook });
  await page.goto(workbench.url);
  await findDuplicates(page);
  await clusterList(page).getByRole('option', { name: /ferry/ }).click();
  await members(page).getByRole('button', { name: 'Open “Harbour logbook” at the passage' }).click();
  await expect(page.getByRole('heading', { name: 'Harbour logbook', exact: true })).toBeVisible();
  const text = page.getByLabel('Document text', { exact: true });
  await expect(text.getByText(/The ferry to the southern island/)).toBeInViewport();
  await expect(text.getByRole('button', { name: 'Also in 1 document' })).toBeInViewport();
});
