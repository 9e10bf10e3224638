import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { selectText, spanMark } from './page-helpers.js';

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'tester'));
});

const DOCUMENTS = 20_000;
const HOSPITALS = ['Bach Mai Hospital', 'Cho Ray Hospital', 'Hue Central Hospital', 'Da Nang General Hospital'];

/** Stores many news-like documents straight into the project, as a large import would leave it. */
function fillProject(dbPath: string): void {
  const db = new Database(dbPath);
  try {
    const insert = db.prepare(
      `INSERT INTO documents (title, source, content_hash, text, length_cp, meta, imported_at)
       VALUES (?, ?, ?, ?, ?, '{}', '2025-11-20T08:00:00Z')`,
    );
    db.transaction(() => {
      for (let i = 1; i <= DOCUMENTS; i++) {
        const hospital = HOSPITALS[i % HOSPITALS.length] as string;
        const text =
          `Bulletin ${i}. On ${1 + (i % 28)} March 2024, Dr Nguyen Van An said ${hospital} treated ${100 + i} patients ` +
          `and opened a 24-bed stroke unit; Minister Tran Thi Lan visited on 5 April 2024 with 3,000 doses.`;
        insert.run(`Bulletin ${String(i).padStart(5, '0')}`, `bulletin-${i}.txt`, `hash-${i}`, text, [...text].length);
      }
    })();
  } finally {
    db.close();
  }
}

/** Calls one operation as the page does (the session cookie rides along). */
async function operation<T>(page: Page, origin: string, name: string, input: unknown): Promise<T> {
  const response = await page.request.post(`${origin}/api/${name}`, { data: input, headers: { origin } });
  const result = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
  return result.value;
}

test('opens documents and tags while suggestions and duplicate detection run over the whole project', async ({ workbench, page }) => {
  fillProject(workbench.dbPath);
  await page.goto(workbench.url);
  const list = page.getByRole('listbox', { name: 'Documents' });
  await expect(list.getByRole('option').first()).toBeVisible();

  const suggesting = await operation<{ jobId: string }>(page, workbench.origin, 'suggestions:run', {});
  const detecting = await operation<{ jobId: string }>(page, workbench.origin, 'duplicates:detect', {});
  const running = async (jobId: string): Promise<boolean> =>
    (await operation<{ state: string }>(page, workbench.origin, 'jobs:get', { jobId })).state === 'running';

  // Several documents opened one after another, each shown with its own text.
  for (const n of [3, 1, 2]) {
    await list.getByRole('option').nth(n).click();
    const title = `Bulletin ${String(n + 1).padStart(5, '0')}`;
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
  }
  await selectText(page, 'stroke unit');
  await page.keyboard.press('4');
  await expect(spanMark(page, 'FIGURE', 'stroke unit').first()).toBeVisible();
  // All of that happened while the suggestion job was still walking the corpus.
  expect(await running(suggesting.jobId)).toBe(true);

  await operation(page, workbench.origin, 'jobs:cancel', { jobId: suggesting.jobId });
  await operation(page, workbench.origin, 'jobs:cancel', { jobId: detecting.jobId });
  await expect.poll(() => running(suggesting.jobId), { timeout: 30_000 }).toBe(false);
  await expect.poll(() => running(detecting.jobId), { timeout: 30_000 }).toBe(false);
});
