import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, REPO_ROOT, test, type Workbench } from './fixtures.js';
import { openDocument, selectText, spanMark } from './page-helpers.js';

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'tester'));
});

/** How many ranges the document view lights up under a highlight name (the CSS Custom Highlight API). */
function highlighted(page: Page, name: string): Promise<number> {
  return page.evaluate((highlight) => CSS.highlights.get(highlight)?.size ?? 0, name);
}

/** The ids the command line's search gives for a query, by title. */
function idsByTitle(workbench: Workbench, query: string): Map<string, number> {
  const hits = JSON.parse(workbench.cli(['search', '--db', workbench.dbPath, '--json', query]).stdout) as { id: number; title: string }[];
  return new Map(hits.map((hit) => [hit.title, hit.id]));
}

const TEXTS = {
  'a-rota.txt': 'Night rota\nNo hospital is named in this one, only the rota for the ward.\n',
  'b-flood.txt': 'Flood report\nBach Mai Hospital opened a ward. Later, bach mai hospital sent 🙈 boats.\n',
  'c-staff.txt': 'Staff notes\nNurses of Bach Mai Hospital met on Monday.\n',
};

test('search results name the documents by their own ids; matches light up and are stepped through; tag from search is one undo step', async ({ workbench, page }) => {
  workbench.importTexts(TEXTS);
  const ids = idsByTitle(workbench, 'Bach Mai Hospital');
  expect([...ids.keys()].sort()).toEqual(['Flood report', 'Staff notes']);
  await page.goto(workbench.url);
  const search = page.getByRole('searchbox', { name: 'Search documents' });
  await search.fill('bach mai hospital');
  const list = page.getByRole('listbox', { name: 'Documents' });
  await expect(list.getByRole('option')).toHaveCount(2);

  // Each result carries the document's own id, not its place in the results.
  for (const [title, id] of ids) await expect(list.getByRole('option', { name: title })).toContainText(`#${id} ·`);

  await list.getByRole('option', { name: 'Flood report' }).click();
  await expect(page.getByRole('heading', { name: 'Flood report' })).toBeVisible();
  const bar = page.getByRole('region', { name: 'Search matches' });
  await expect(bar.getByRole('status')).toHaveText('Match 1 of 2 of “bach mai hospital”');
  await expect.poll(() => highlighted(page, 'search-current')).toBe(1);
  await expect.poll(() => highlighted(page, 'search-match')).toBe(1);

  // Enter and Shift+Enter in the search box step, and wrap around; so do the buttons.
  await search.press('Enter');
  await expect(bar.getByRole('status')).toHaveText('Match 2 of 2 of “bach mai hospital”');
  await search.press('Enter');
  await expect(bar.getByRole('status')).toHaveText('Match 1 of 2 of “bach mai hospital”');
  await search.press('Shift+Enter');
  await expect(bar.getByRole('status')).toHaveText('Match 2 of 2 of “bach mai hospital”');
  await bar.getByRole('button', { name: 'Previous match' }).click();
  await expect(bar.getByRole('status')).toHaveText('Match 1 of 2 of “bach mai hospital”');

  // Tag from search: a preview of the count and the places first, then one action.
  await bar.getByRole('button', { name: 'Tag matches…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tag matches' });
  await dialog.getByLabel('Label to tag with').selectOption({ label: 'Hospital' });
  await expect(dialog.getByRole('status').first()).toHaveText('“bach mai hospital” will be tagged as Hospital in 3 places in 2 documents.');
  const places = dialog.getByRole('list', { name: 'Places to tag' }).getByRole('listitem');
  await expect(places).toHaveCount(3);
  await expect(places.first()).toContainText(`#${ids.get('Flood report')} Flood report: …Flood report Bach Mai Hospital opened a ward.`);
  await dialog.getByRole('button', { name: 'Tag 3 places as Hospital' }).click();
  await expect(dialog.getByRole('status').last()).toHaveText('tagged 3 × "bach mai hospital" as HOSPITAL in 2 documents', { timeout: 20_000 });
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(dialog).toBeHidden();

  await expect(spanMark(page, 'HOSPITAL', 'Bach Mai Hospital')).toHaveCount(1);
  await expect(spanMark(page, 'HOSPITAL', 'bach mai hospital')).toHaveCount(1);
  const stats = () => JSON.parse(workbench.cli(['stats', '--db', workbench.dbPath, '--json']).stdout) as { spans: { label: string; count: number }[] };
  expect(stats().spans.find((row) => row.label === 'HOSPITAL')?.count).toBe(3);

  // One undo takes all three back.
  await page.getByRole('heading', { name: 'Flood report' }).click();
  await page.keyboard.press('Control+z');
  await expect(page.locator('mark[data-label="HOSPITAL"]')).toHaveCount(0);
  expect(stats().spans.find((row) => row.label === 'HOSPITAL')?.count ?? 0).toBe(0);
});

test('the guidelines panel shows the built-in rules, toggles with I, and keeps what the lead writes, rendered safely', async ({ workbench, page }) => {
  workbench.importTexts(TEXTS);
  await page.goto(workbench.url);
  await expect(page.getByRole('listbox', { name: 'Documents' }).getByRole('option')).toHaveCount(3);
  const panel = page.getByRole('complementary', { name: 'Guidelines' });
  await expect(panel).toHaveCount(0);

  await page.keyboard.press('i');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Annotation guidelines', level: 1 })).toBeVisible();
  for (const label of ['Hospital (1)', 'Date (2)', 'Person (3)', 'Figure (4)']) await expect(panel.getByRole('heading', { name: label, level: 2 })).toBeVisible();

  // The lead writes Markdown; HTML in it is shown as text, never run, and script links are refused.
  await panel.getByRole('button', { name: 'Edit' }).click();
  const editor = panel.getByLabel('Guidelines (Markdown)');
  await expect(editor).toBeFocused();
  await editor.fill('# Ward rules\n\nTag **every** ward name.\n\n<img src=x onerror="window.pwned=1">\n\n[click](javascript:window.pwned=2) and [the handbook](https://example.org/handbook)');
  // Keys typed in the editor are text, not commands.
  await expect(page.getByRole('heading', { name: 'Flood report' })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByRole('heading', { name: 'Ward rules', level: 1 })).toBeVisible();
  await expect(panel.locator('strong')).toHaveText('every');
  await expect(panel.locator('img')).toHaveCount(0);
  await expect(panel).toContainText('<img src=x onerror="window.pwned=1">');
  await expect(panel.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(panel.getByRole('link', { name: 'the handbook' })).toHaveAttribute('rel', 'noopener noreferrer');
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

  // Kept in the project, and the panel stays open after a reload.
  await page.reload();
  await expect(panel.getByRole('heading', { name: 'Ward rules', level: 1 })).toBeVisible();

  // Beside the open document; I hides it again.
  await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: 'Staff notes' }).click();
  await expect(page.getByRole('heading', { name: 'Staff notes' })).toBeVisible();
  const text = await page.getByLabel('Document text', { exact: true }).boundingBox();
  const beside = await panel.boundingBox();
  expect(beside!.x).toBeGreaterThanOrEqual(text!.x + text!.width - 1);
  await page.getByRole('heading', { name: 'Staff notes' }).click();
  await page.keyboard.press('i');
  await expect(panel).toHaveCount(0);

  // Restoring the default brings the built-in rules back.
  await page.getByRole('button', { name: 'Guidelines' }).click();
  await panel.getByRole('button', { name: 'Edit' }).click();
  await panel.getByRole('button', { name: 'Restore default' }).click();
  await expect(panel.getByRole('heading', { name: 'Annotation guidelines', level: 1 })).toBeVisible();
});

test('the README\'s screenshot: the sample project with a hospital tagged as Hospital', async ({ workbench, page }, testInfo) => {
  // The sample project as a first run makes it: the bundled corpus, with its duplicates linked.
  expect(workbench.cli(['import', join(REPO_ROOT, 'resources/sample-corpus'), '--db', workbench.dbPath]).status).toBe(0);
  expect(workbench.cli(['dedupe', '--db', workbench.dbPath]).status).toBe(0);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(workbench.url);
  const title = 'Thanh An General Hospital opens a new stroke unit';
  await openDocument(page, title);

  const tag = async (words: string, key: string, name: string, occurrence = 0): Promise<void> => {
    await selectText(page, words, occurrence);
    await page.keyboard.press(key);
    await expect(page.getByText(`Tagged “${words}” as ${name}.`)).toBeVisible();
  };
  await tag('20/11/2025 08:15', '2', 'Date');
  await tag('24-bed stroke unit', '4', 'Figure');
  await tag('Thanh An General Hospital', '1', 'Hospital', 1);
  // The offer to tag the hospital's other occurrences is not part of the picture.
  const offer = page.getByRole('region', { name: 'Other occurrences' });
  await expect(offer).toContainText('“Thanh An General Hospital” appears untagged elsewhere');
  await offer.getByRole('button', { name: 'Dismiss (Escape)' }).click();
  await expect(offer).toHaveCount(0);

  const hospital = spanMark(page, 'HOSPITAL', 'Thanh An General Hospital');
  await expect(hospital).toHaveCount(1);
  await expect(spanMark(page, 'PERSON', 'Thanh An General Hospital')).toHaveCount(0);
  const spans = page.getByRole('list', { name: 'Spans in this document' }).getByRole('listitem');
  await expect(spans.filter({ hasText: 'Thanh An General Hospital' })).toContainText('Hospital');
  await page.locator('.doc-scroll').evaluate((scroller) => scroller.scrollTo(0, 0));
  // No focus ring on the list in the picture.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  // `UPDATE_SCREENSHOTS=1 npx playwright test search-and-guidelines -g README` writes the README's picture.
  const path = process.env.UPDATE_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs/workbench.png') : testInfo.outputPath('workbench.png');
  await page.screenshot({ path });
});
