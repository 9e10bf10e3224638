/**
 * The workbench's frame, as an annotator meets it: keys that say what they did
 * (and never run while the person is plainly typing), a header that fits one
 * row, banners that do not move the text, addresses that survive a reload,
 * and the settings and help that go with them.
 */
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, startServe, test } from './fixtures.js';
import { chooseFromMenu, openDocument, selectText, spanMark } from './page-helpers.js';

// Invented sample texts.
const WARD = 'Ward rounds';
const WARD_TEXT = `${WARD}
Dr. Amelia Stroud visited Riverside Infirmary on Monday. Riverside Infirmary reported 14 new beds.
`;
const CLINIC = 'Clinic hours';
const CLINIC_TEXT = `${CLINIC}
The Harbour Clinic opens at nine. Riverside Infirmary sends its overflow there.
`;

const statusLine = (page: Page) => page.locator('footer.status-line');
const heading = (page: Page, title: string) => page.getByRole('heading', { level: 2, name: title, exact: true });

/** A project with the two texts above, opened in the page as the annotator "tester". */
async function openProject(page: Page, workbench: { url: string; importTexts: (files: Readonly<Record<string, string>>) => void }): Promise<void> {
  workbench.importTexts({ 'a-ward.txt': WARD_TEXT, 'b-clinic.txt': CLINIC_TEXT });
  await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'tester'));
  await page.goto(workbench.url);
  await expect(page.getByRole('listbox', { name: 'Documents' }).getByRole('option')).toHaveCount(2);
}

test.describe('keys', () => {
  test('the first-run dialog takes the name as it is typed', async ({ workbench, page }) => {
    await page.goto(workbench.url);
    const dialog = page.getByRole('dialog', { name: 'Your name' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: 'Your name' })).toBeFocused();
    await page.keyboard.type('lan');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect.poll(() => page.evaluate(() => window.localStorage.getItem('marginalia.annotator'))).toBe('lan');
  });

  test('N with no span selected says why, and the letters typed after it do not run commands', async ({ workbench, page }) => {
    await openProject(page, workbench);
    await openDocument(page, CLINIC);
    const done = page.locator('button[aria-keyshortcuts="D"]');
    await expect(done).toHaveAttribute('aria-pressed', 'false');

    // The note someone meant to write: "kd" would have opened the previous document and marked it done.
    await page.keyboard.press('n');
    await expect(statusLine(page)).toContainText('N writes a note on the selected span: no span is selected');
    await page.keyboard.type('kd');
    await expect(statusLine(page)).toContainText('Not run as commands: “kd”');
    await expect(heading(page, CLINIC)).toBeVisible();
    await expect(done).toHaveAttribute('aria-pressed', 'false');

    // Escape ends the hold: the same keys act again.
    await page.keyboard.press('Escape');
    await page.keyboard.press('k');
    await expect(heading(page, WARD)).toBeVisible();
  });

  test('a tag, a delete and D each say what they did, with an Undo that takes it back', async ({ workbench, page }) => {
    await openProject(page, workbench);
    await openDocument(page, WARD);
    const undo = statusLine(page).getByRole('button', { name: 'Undo the edit just made' });

    await selectText(page, 'Amelia Stroud');
    await page.keyboard.press('3');
    await expect(spanMark(page, 'PERSON', 'Amelia Stroud')).toHaveCount(1);
    await expect(statusLine(page)).toContainText('Tagged “Amelia Stroud” as Person.');
    await undo.click();
    await expect(spanMark(page, 'PERSON', 'Amelia Stroud')).toHaveCount(0);
    await expect(undo).toBeHidden();

    await selectText(page, 'Monday');
    await page.keyboard.press('2');
    await spanMark(page, 'DATE', 'Monday').click();
    await page.keyboard.press('Delete');
    await expect(spanMark(page, 'DATE', 'Monday')).toHaveCount(0);
    await expect(statusLine(page)).toContainText('Deleted the Date span “Monday”.');
    await undo.click();
    await expect(spanMark(page, 'DATE', 'Monday')).toHaveCount(1);

    const done = page.locator('button[aria-keyshortcuts="D"]');
    await page.keyboard.press('Escape');
    await page.keyboard.press('d');
    await expect(done).toHaveAttribute('aria-pressed', 'true');
    await expect(statusLine(page)).toContainText(`“${WARD}” is done.`);
    await undo.click();
    await expect(done).toHaveAttribute('aria-pressed', 'false');
  });
});

test.describe('header', () => {
  for (const size of [
    { width: 1280, height: 800 },
    { width: 1440, height: 900 },
  ]) {
    test(`fits one row at ${size.width}×${size.height} with the project's name in full`, async ({ workbench, page }, testInfo) => {
      // A name as long as real ones are: the fixture's own project is only "project".
      const dbPath = join(workbench.dir, 'district-hospital-reports-2025.sqlite');
      const serve = await startServe(dbPath);
      try {
        await page.setViewportSize(size);
        await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'Nguyen Thi Lan'));
        await page.goto(serve.url);
        const header = page.locator('header.app-header');
        const name = header.locator('.project-name');
        await expect(name).toContainText('district-hospital-reports-2025');

        // Every control of the header: on one row, their vertical spans all share a line.
        const rows = await header.evaluate((element) => {
          const box = element.getBoundingClientRect();
          const style = getComputedStyle(element);
          const items = [...element.querySelectorAll('h1, button, [role="progressbar"]')]
            .map((item) => item.getBoundingClientRect())
            .filter((rect) => rect.width > 0 && rect.height > 0);
          return {
            height: box.height,
            padding: parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) + parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth),
            tallest: Math.max(...items.map((item) => item.height)),
            lowestTop: Math.max(...items.map((item) => item.top)),
            highestBottom: Math.min(...items.map((item) => item.bottom)),
            count: items.length,
          };
        });
        const shot = await page.screenshot({ path: testInfo.outputPath(`header-${size.width}x${size.height}.png`) });
        await testInfo.attach(`header at ${size.width}×${size.height}`, { body: shot, contentType: 'image/png' });
        expect(rows.count).toBeGreaterThan(8);
        expect(rows.lowestTop, 'an item starts below where another ends: a second row').toBeLessThan(rows.highestBottom);
        expect(rows.height).toBeLessThanOrEqual(rows.tallest + rows.padding + 1);
        const truncated = await name.evaluate((element) => element.scrollWidth > element.clientWidth);
        expect(truncated, 'the project name is cut').toBe(false);
      } finally {
        serve.child.kill('SIGTERM');
      }
    });
  }
});

test.describe('addresses', () => {
  test('the open document and view are in the address: a reload, a pasted address, back and forward all come back to them', async ({ workbench, page }) => {
    await openProject(page, workbench);
    await openDocument(page, CLINIC);
    await expect(page).toHaveURL(/#\/documents\?doc=\d+$/);
    const clinicAddress = page.url();

    await page.reload();
    await expect(heading(page, CLINIC)).toBeVisible();

    // Another view keeps the document under it, and says so in the address.
    await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Overview' }).click();
    await expect(page).toHaveURL(/#\/overview\?doc=\d+$/);
    await page.reload();
    await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');

    // Back returns to the document; forward to the Overview again.
    await page.goBack();
    await expect(page.getByRole('tab', { name: 'Documents' })).toHaveAttribute('aria-selected', 'true');
    await expect(heading(page, CLINIC)).toBeVisible();
    await page.goForward();
    await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');

    // An address pasted into the bar opens its document, in a fresh tab too.
    await openDocument(page, WARD);
    const fresh = await page.context().newPage();
    await fresh.goto(clinicAddress);
    await expect(heading(fresh, CLINIC)).toBeVisible();
    await page.goto(clinicAddress.replace(/#.*$/, '#/doc/1'));
    await expect(heading(page, WARD)).toBeVisible();
  });

  test('a restart without an address comes back to the document and view last shown in the project', async ({ workbench, page }) => {
    await openProject(page, workbench);
    await openDocument(page, CLINIC);
    await page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Overview' }).click();
    await expect(page).toHaveURL(/#\/overview\?doc=\d+$/);
    // The desktop app starts at its page with no fragment; so does a bare link.
    await page.goto(workbench.url.replace(/#.*$/, ''));
    await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
    await expect(page).toHaveURL(/#\/overview\?doc=\d+$/);
    await page.getByRole('tab', { name: 'Documents' }).click();
    await expect(heading(page, CLINIC)).toBeVisible();
  });
});

test.describe('nothing moves the text', () => {
  test('the offer to tag other occurrences leaves the text where it was', async ({ workbench, page }, testInfo) => {
    await openProject(page, workbench);
    await openDocument(page, WARD);
    const text = page.getByLabel('Document text', { exact: true });
    const before = await text.boundingBox();
    await selectText(page, 'Riverside Infirmary');
    await page.keyboard.press('1');
    await expect(page.getByRole('region', { name: 'Other occurrences' })).toBeVisible();
    const after = await text.boundingBox();
    await testInfo.attach('the offer over the foot of the text', { body: await page.screenshot({ path: testInfo.outputPath('occurrences-offer.png') }), contentType: 'image/png' });
    expect(after?.y).toBe(before?.y);
  });

  test('the list’s filters keep their place when a count gains digits', async ({ workbench, page }) => {
    const few = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`note-${i}.txt`, `Note ${i}\nThe ward counted ${i} beds.\n`]));
    workbench.importTexts(few);
    await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'tester'));
    await page.goto(workbench.url);
    const status = page.getByLabel('Status filter');
    await expect(status.locator('option').first()).toHaveText('All statuses (9)');
    const boxes = () => Promise.all([status.boundingBox(), page.getByLabel('Label filter').boundingBox(), page.getByLabel('Sort').boundingBox()]);
    const before = await boxes();

    const many = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`more-${i}.txt`, `More ${i}\nAnother ward counted ${i + 10} beds.\n`]));
    workbench.importTexts(many);
    await page.reload();
    await expect(status.locator('option').first()).toHaveText('All statuses (1,009)');
    expect(await boxes()).toEqual(before);
  });
});

test.describe('small things', () => {
  test('the downloaded export is named as the Export dialog suggested', async ({ workbench, page }) => {
    await openProject(page, workbench);
    await chooseFromMenu(page, 'Export…');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    const suggested = await dialog.getByLabel('Export path').getAttribute('placeholder');
    expect(suggested).toBe('project-export.jsonl');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('link', { name: /^Download/ }).click()]);
    expect(download.suggestedFilename()).toBe(suggested);
  });

  test('Settings choose the theme and the text size, applied at once and kept after a reload', async ({ workbench, page }) => {
    await openProject(page, workbench);
    const background = () => page.evaluate(() => getComputedStyle(document.body.parentElement as HTMLElement).backgroundColor);
    const rootSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    expect(await background()).toBe('rgb(251, 250, 247)');

    await chooseFromMenu(page, 'Settings…');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('radio', { name: 'Dark' }).check();
    expect(await background()).toBe('rgb(27, 29, 33)');
    await dialog.getByLabel('Text size').selectOption('large');
    expect(await rootSize()).toBe('17px');

    await page.reload();
    expect(await background()).toBe('rgb(27, 29, 33)');
    expect(await rootSize()).toBe('17px');

    // Light wins over a dark system; "As the system" follows it again.
    await page.emulateMedia({ colorScheme: 'dark' });
    await chooseFromMenu(page, 'Settings…');
    await dialog.getByRole('radio', { name: 'Light' }).check();
    expect(await background()).toBe('rgb(251, 250, 247)');
    await dialog.getByRole('radio', { name: 'As the system' }).check();
    expect(await background()).toBe('rgb(27, 29, 33)');
  });

  test('the shortcuts help fits one screen at 1280×800, in groups', async ({ workbench, page }, testInfo) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openProject(page, workbench);
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('heading', { level: 3 })).not.toHaveCount(0);
    await testInfo.attach('shortcuts help at 1280×800', { body: await page.screenshot({ path: testInfo.outputPath('shortcuts-help.png') }), contentType: 'image/png' });
    const scrolls = await dialog.evaluate((element) =>
      [element, ...element.querySelectorAll('*')].filter((e) => e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY !== 'visible').length,
    );
    expect(scrolls, 'elements of the dialog that scroll').toBe(0);
    const box = await dialog.boundingBox();
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(800);
  });
});
