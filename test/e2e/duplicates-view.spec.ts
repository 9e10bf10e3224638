import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { openDocument, selectText, showView, spanMark } from './page-helpers.js';

// Invented sample text: a notice about a ferry that six newsletters print with
// one word changed, and a line about a market that three of them share.
const FERRY = (side: string): string =>
  `The ferry to the ${side} island leaves from pier seven at dawn every Tuesday, and the harbour master, ` +
  'Mrs Odile Brennan, asks every passenger to carry a paper ticket because the card readers on the quay fail ' +
  'whenever the fog rolls in from the estuary. Bicycles travel free on the lower deck, dogs must stay on a lead, ' +
  'and the return crossing waits for the last bus from the lighthouse road before it casts off.';
const MARKET =
  'The Saturday market moves from the square to the old rope works for the summer, with the cheese stall, ' +
  'the knife grinder and the second-hand bookseller all keeping their usual pitches by the loading doors.';
const SIDES = ['northern', 'southern', 'eastern', 'western', 'outer', 'inner'] as const;

function newsletter(index: number): string {
  const side = SIDES[index] as string;
  const lines = [`Newsletter of the ${side} parish`, '', FERRY(side), ''];
  if (index < 3) lines.push(MARKET, '');
  lines.push(`Parish notice ${index + 1}: the ${side} hall is booked on Thursdays for choir practice until the autumn fair.`, '');
  return lines.join('\n');
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'tester'));
});

const clusterList = (page: Page) => page.getByRole('listbox', { name: 'Duplicate clusters' });
const members = (page: Page) => page.getByRole('region', { name: 'Cluster members' });

/** Fails when `element` is wider than it shows, or reaches out of `within` on either side. */
async function expectNotCutOff(element: Locator, within: Locator): Promise<void> {
  const sizes = await element.evaluate((node) => ({ scroll: node.scrollWidth, client: node.clientWidth }));
  expect(sizes.scroll, 'nothing hidden sideways').toBeLessThanOrEqual(sizes.client);
  const box = await element.boundingBox();
  const outer = await within.boundingBox();
  expect(box && outer).toBeTruthy();
  if (!box || !outer) return;
  expect(box.x).toBeGreaterThanOrEqual(outer.x - 0.5);
  expect(box.x + box.width).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
}

test('a large cluster is a list with every member in reach, similarities whole, and tagged spans shown with their label', async ({ workbench, page }) => {
  workbench.importTexts(Object.fromEntries(SIDES.map((side, index) => [`${index + 1}-${side}.txt`, newsletter(index)])));
  await page.goto(workbench.url);
  await expect(page.getByRole('listbox', { name: 'Documents' }).getByRole('option')).toHaveCount(6);

  // Tag the harbour master in one newsletter: its member should show the span.
  await openDocument(page, 'Newsletter of the eastern parish');
  await selectText(page, 'Odile Brennan');
  await page.keyboard.press('3');
  await expect(spanMark(page, 'PERSON', 'Odile Brennan')).toHaveCount(1);

  await showView(page, 'Duplicates');
  await page.getByRole('button', { name: 'Find duplicates' }).click();
  await expect(page.getByRole('status').filter({ hasText: /checked \d+ documents? for duplicates/ }).first()).toBeVisible({ timeout: 30_000 });

  // The list gives every similarity whole, inside its row.
  const ferry = clusterList(page).getByRole('option', { name: /^6 passages in 6 documents, \d+% similar: .*ferry/ });
  const market = clusterList(page).getByRole('option', { name: /^3 passages in 3 documents, \d+% similar: .*market/ });
  await expect(ferry).toBeVisible();
  await expect(market).toBeVisible();
  for (const option of [ferry, market]) {
    const similarity = option.locator('.cluster-row-similarity');
    await expect(similarity).toHaveText(/^\d{1,3}%$/);
    await expectNotCutOff(similarity, option);
  }

  // Six members: a list, one row each across the pane, and each reached by the keyboard in turn.
  await ferry.click();
  await expect(page.getByRole('heading', { name: '6 passages in 6 documents' })).toBeVisible();
  const headerSimilarity = page.locator('.cluster-header').getByText(/^\d{1,3}% similar$/);
  await expect(headerSimilarity).toBeVisible();
  await expectNotCutOff(headerSimilarity, page.locator('.cluster-header'));
  const region = members(page);
  await expectNotCutOff(region, page.locator('.cluster-detail'));
  // Not every row is drawn at once: the list scrolls.
  expect(await region.evaluate((node) => node.scrollHeight > node.clientHeight)).toBe(true);
  for (let index = 0; index < SIDES.length; index++) {
    if (index > 0) await page.keyboard.press('ArrowRight');
    const row = region.getByRole('article', { name: new RegExp(`^Member ${index + 1} of 6: `) });
    await expect(row).toHaveAttribute('aria-current', 'true');
    await expect(row).toBeInViewport();
    await expectNotCutOff(row, region);
    await expectNotCutOff(row.locator('.member-text'), row);
    const rowBox = await row.boundingBox();
    const regionBox = await region.boundingBox();
    // A row takes the pane's whole width: members are not columns side by side.
    expect(rowBox?.width ?? 0).toBeGreaterThan((regionBox?.width ?? 0) * 0.9);
    if (index > 0) await expect(row.getByText(/^\d{1,3}% similar$/)).toBeVisible();
  }

  // The tagged member shows the span highlighted, with its label's name (drawn before it) and colour.
  const eastern = region.getByRole('article', { name: /Newsletter of the eastern parish/ });
  for (let step = 0; step < SIDES.length && (await eastern.getAttribute('aria-current').catch(() => null)) !== 'true'; step++) {
    await page.keyboard.press('ArrowLeft');
  }
  await expect(eastern).toHaveAttribute('aria-current', 'true');
  const person = eastern.locator('mark.span[data-label="PERSON"]');
  await expect(person).toHaveText('Odile Brennan');
  await expect(person).toHaveAttribute('data-tag', 'Person');
  await expect(person).toBeInViewport();
  const drawn = await person.evaluate((node) => ({
    tag: getComputedStyle(node, '::before').content,
    underline: getComputedStyle(node).borderBottomColor,
    colour: getComputedStyle(node).getPropertyValue('--label-color').trim(),
  }));
  expect(drawn.tag).toBe('"Person"');
  expect(drawn.colour).toMatch(/^#[0-9a-f]{6}$/i);
  expect(drawn.underline).not.toBe('rgba(0, 0, 0, 0)');
  // Its offsets are the document's, in code points.
  const text = newsletter(2);
  const at = text.indexOf('Odile Brennan');
  await expect(person).toHaveAttribute('data-start', String(at));
  await expect(person).toHaveAttribute('data-end', String(at + 'Odile Brennan'.length));
  // The other newsletters' members have no span.
  await expect(region.locator('mark.span')).toHaveCount(1);

  // Three members stay side by side, sharing the width: the third is not cut off.
  await market.click();
  await expect(page.getByRole('heading', { name: '3 passages in 3 documents' })).toBeVisible();
  await expect(region.getByRole('article')).toHaveCount(3);
  await expectNotCutOff(region, page.locator('.cluster-detail'));
  const boxes = await region.getByRole('article').evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().toJSON() as DOMRect));
  for (let i = 1; i < boxes.length; i++) expect((boxes[i] as DOMRect).left).toBeGreaterThanOrEqual((boxes[i - 1] as DOMRect).right - 1);
  for (const column of await region.getByRole('article').all()) await expectNotCutOff(column, region);
});
