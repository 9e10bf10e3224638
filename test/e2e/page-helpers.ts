import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Selects the `occurrence`-th (from 0) `needle` in the text under `root`, as a
 * person dragging the mouse would: a DOM selection over the rendered text nodes,
 * then the mouseup that ends a drag.
 */
export async function selectTextIn(root: Locator, needle: string, occurrence = 0): Promise<void> {
  await expect(root).toContainText(needle);
  const found = await root.evaluate(
    (element, { needle, occurrence }) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      let all = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push(node as Text);
        all += node.textContent ?? '';
      }
      let at = -1;
      for (let i = 0; i <= occurrence; i++) at = all.indexOf(needle, at + 1);
      if (at < 0) return false;
      const locate = (offset: number): [Text, number] => {
        let seen = 0;
        for (const node of nodes) {
          const length = node.textContent?.length ?? 0;
          if (offset <= seen + length) return [node, offset - seen];
          seen += length;
        }
        throw new Error('offset past the end');
      };
      const range = document.createRange();
      range.setStart(...locate(at));
      range.setEnd(...locate(at + needle.length));
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      element.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return true;
    },
    { needle, occurrence },
  );
  expect(found, `"${needle}" is in the text`).toBe(true);
}

/** Selects the `occurrence`-th `needle` in the document view, scrolling a long document until it is rendered. */
export async function selectText(page: Page, needle: string, occurrence = 0): Promise<void> {
  await revealText(page, needle);
  await selectTextIn(page.getByLabel('Document text', { exact: true }), needle, occurrence);
}

/**
 * Long documents render only what is on screen: scroll the document view down,
 * a screen at a time, until `needle` is rendered (or the end is reached).
 */
export async function revealText(page: Page, needle: string): Promise<void> {
  const view = page.getByLabel('Document text', { exact: true });
  await expect(view).toBeVisible();
  for (let screen = 0; screen < 200; screen++) {
    const state = await view.evaluate((root, text) => {
      if ((root.textContent ?? '').includes(text)) return 'found';
      let scroller: HTMLElement | null = root as HTMLElement;
      while (scroller && scroller.scrollHeight <= scroller.clientHeight) scroller = scroller.parentElement;
      if (!scroller || scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight) return 'end';
      scroller.scrollTop += scroller.clientHeight * 0.8;
      return 'scrolled';
    }, needle);
    if (state !== 'scrolled') return;
    // Wait for the virtual list to render the blocks now in view.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  }
}

/** The mark element of the span whose text is exactly `text` and whose label is `label`. */
export function spanMark(page: Page, label: string, text: string) {
  return page.locator(`mark[data-label="${label}"]:not([data-fragment])`).filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Answers the one-time annotator prompt if it is showing. */
export async function nameAnnotator(page: Page, name: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: /annotator|your name/i });
  if (await dialog.isVisible()) {
    await dialog.getByRole('textbox').fill(name);
    await dialog.getByRole('textbox').press('Enter');
    await expect(dialog).toBeHidden();
  }
}

/** Switches the workbench to one of its views with the header's tabs. */
export async function showView(page: Page, name: 'Documents' | 'Duplicates' | 'Entities'): Promise<void> {
  const tab = page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** Opens the document titled `title` from the document list (in the Documents view). */
export async function openDocument(page: Page, title: string): Promise<void> {
  await showView(page, 'Documents');
  await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: title, exact: true }).click();
  await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
}

/** Runs one of the actions in the header's "⋯" menu (Import…, Export…, Labels…, Settings…). */
export async function chooseFromMenu(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menu', { name: 'More actions' }).getByRole('menuitem', { name }).click();
}
