import Database from 'better-sqlite3';
import { expect, test } from './fixtures.js';

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'tester'));
});

test('says search is catching up, and fills the hits in without retyping', async ({ workbench, page }) => {
  // As an import in another process, killed part-way, leaves the project: documents stored, not in the search index yet.
  const db = new Database(workbench.dbPath);
  try {
    const insert = db.prepare(
      `INSERT INTO documents (title, source, content_hash, text, length_cp, meta, imported_at)
       VALUES (?, 'killed import', ?, ?, ?, '{}', '2025-11-20T08:00:00Z')`,
    );
    for (let i = 1; i <= 3; i++) {
      const text = `Hue Central Hospital report ${i}: leftover cases of dengue.`;
      insert.run(`Leftover ${i}`, `hash-${i}`, text, [...text].length);
    }
  } finally {
    db.close();
  }

  await page.goto(workbench.url);
  const list = page.getByRole('listbox', { name: 'Documents' });
  await expect(list.getByRole('option')).toHaveCount(3);

  await page.getByRole('searchbox', { name: 'Search documents' }).fill('leftover');
  await expect(page.getByRole('status').filter({ hasText: 'Search is catching up: 3 documents not indexed yet' })).toBeVisible();
  // The query runs again by itself while the index catches up.
  await expect(list.getByRole('option')).toHaveCount(3);
  await expect(page.getByText(/Search is catching up/)).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '3 matches of 3' })).toBeVisible();
});
