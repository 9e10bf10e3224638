import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { chooseFromMenu } from './page-helpers.js';

// Invented sample notes, tagged by two annotators who disagree on a few names.
const TRANSFER = { title: 'Transfer note', text: 'Dr Tran Van Hung moved from Cho Ray Hospital to Hue Central Hospital on 12 March 2024 .' };
const CLINIC = { title: 'Clinic report', text: 'The clinic in Da Nang treated 40 patients last week , said nurse Le Thi Mai .' };
const QUIET = { title: 'Quiet line', text: 'Nothing worth a label happened on this ward .' };

type Tag = readonly [phrase: string, label: string, status?: 'accepted' | 'rejected'];

/** A document of our json export format, with `annotator`'s spans placed by phrase. */
function exportedDocument(doc: { title: string; text: string }, annotator: string, tags: readonly Tag[]) {
  return {
    title: doc.title,
    text: doc.text,
    meta: {},
    spans: tags.map(([phrase, label, status = 'accepted']) => {
      const start = doc.text.indexOf(phrase);
      if (start < 0) throw new Error(`"${phrase}" is not in "${doc.title}"`);
      // The texts are ASCII: UTF-16 indices are code points.
      return { start, end: start + phrase.length, label, text: phrase, status, annotator, entity: null, value: null, note: null };
    }),
    noise: [],
    duplicates: [],
  };
}

function exportFile(dir: string, annotator: string, documents: readonly ReturnType<typeof exportedDocument>[]): string {
  const path = join(dir, `${annotator}.json`);
  writeFileSync(path, JSON.stringify({ format: 'marginalia', version: 1, labels: [], entities: [], documents }));
  return path;
}

interface Report {
  pairs: {
    annotators: [string, string];
    documents: number;
    tokens: number;
    exactF1: number | null;
    overlapF1: number | null;
    kappa: { kappa: number | null; observedAgreement: number | null; expectedAgreement: number | null };
    alpha: { alpha: number | null };
    byLabel: { label: string; exactF1: number | null; kappa: { kappa: number | null } }[];
  }[];
  alpha: { alpha: number | null; observedDisagreement: number | null; expectedDisagreement: number | null };
  documents: { documentId: number; alpha: { alpha: number | null } }[];
}

const figure = (value: number | null): string => (value === null ? '–' : value.toFixed(3));

const pairsTable = (page: Page) => page.getByRole('table', { name: 'Agreement by pair of annotators' });
const documentsTable = (page: Page) => page.getByRole('table', { name: 'Agreement by document' });
const rowOf = (table: Locator, header: string | RegExp) => table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name: header }) });

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'tester'));
});

test('shows the figures the command line reports, per pair, label and document, and opens a document for adjudication', async ({ workbench, page }) => {
  const lan = exportFile(workbench.dir, 'lan', [
    exportedDocument(TRANSFER, 'lan', [
      ['Tran Van Hung', 'PERSON'],
      ['Cho Ray Hospital', 'HOSPITAL'],
      ['Hue Central Hospital', 'HOSPITAL'],
      ['12 March 2024', 'DATE'],
    ]),
    exportedDocument(CLINIC, 'lan', [
      ['40', 'FIGURE'],
      ['Le Thi Mai', 'PERSON'],
    ]),
    // A decision that nothing here is a name: the note counts as annotated, every token O.
    exportedDocument(QUIET, 'lan', [['Nothing', 'PERSON', 'rejected']]),
  ]);
  const minh = exportFile(workbench.dir, 'minh', [
    exportedDocument(TRANSFER, 'minh', [
      ['Dr Tran Van Hung', 'PERSON'],
      ['Cho Ray Hospital', 'HOSPITAL'],
      ['Central Hospital', 'HOSPITAL'],
      ['12 March 2024', 'DATE'],
    ]),
    exportedDocument(CLINIC, 'minh', [
      ['40 patients', 'FIGURE'],
      ['Da Nang', 'HOSPITAL'],
      ['Le Thi Mai', 'PERSON'],
    ]),
    exportedDocument(QUIET, 'minh', [['ward', 'HOSPITAL', 'rejected']]),
  ]);
  const imported = workbench.cli(['import', lan, minh, '--db', workbench.dbPath]);
  expect(imported.stderr).not.toMatch(/refused|error/i);
  expect(imported.status).toBe(0);
  const measured = workbench.cli(['agreement', '--db', workbench.dbPath, '--json']);
  expect(measured.status).toBe(0);
  const report = JSON.parse(measured.stdout) as Report;
  const [pair] = report.pairs;
  if (!pair) throw new Error('no pair in the report');

  await page.goto(workbench.url);
  await expect(page.getByRole('tab', { name: 'Documents' })).toBeVisible();
  await page.keyboard.press('g');
  await page.keyboard.press('a');
  await expect(page.getByRole('tab', { name: 'Agreement' })).toHaveAttribute('aria-selected', 'true');

  // Annotators: both ticked by default; there is no adjudicated result yet to offer.
  await expect(page.getByRole('checkbox', { name: 'lan', exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'minh', exact: true })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: /^adjudicated/ })).toHaveCount(0);

  // Overall α with D_o and D_e.
  const overall = rowOf(page.getByRole('table', { name: 'Agreement of all annotators' }), 'All labels');
  await expect(overall.getByRole('cell')).toHaveText([figure(report.alpha.alpha), figure(report.alpha.observedDisagreement), figure(report.alpha.expectedDisagreement), /\d+/, /\d+/]);

  // The pair: documents, tokens, spans, exact F1, overlap F1, κ, p_o, p_e, α — as the command line has them.
  const pairRow = rowOf(pairsTable(page), 'lan / minh');
  await expect(pairRow.getByRole('cell')).toHaveText([
    String(pair.documents),
    String(pair.tokens),
    /\d+ \+ \d+/,
    figure(pair.exactF1),
    figure(pair.overlapF1),
    figure(pair.kappa.kappa),
    figure(pair.kappa.observedAgreement),
    figure(pair.kappa.expectedAgreement),
    figure(pair.alpha.alpha),
  ]);

  // Per label, behind the pair's toggle.
  const hospital = pair.byLabel.find((label) => label.label === 'HOSPITAL');
  if (!hospital) throw new Error('no HOSPITAL figures');
  const hospitalRow = rowOf(pairsTable(page), 'HOSPITAL');
  await expect(hospitalRow).toBeHidden();
  const toggle = pairsTable(page).getByRole('button', { name: 'lan / minh' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(hospitalRow.getByRole('cell').nth(3)).toHaveText(figure(hospital.exactF1));
  await expect(hospitalRow.getByRole('cell').nth(5)).toHaveText(figure(hospital.kappa.kappa));

  // Documents lowest α first; the note where every token is O has no α, shown last as a dash that says why.
  const byAlpha = report.documents.map((doc) => doc.alpha.alpha).sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
  expect(byAlpha.at(-1)).toBeNull();
  const rows = documentsTable(page).getByRole('row');
  await expect(rows).toHaveCount(1 + byAlpha.length);
  for (const [i, alpha] of byAlpha.entries()) await expect(rows.nth(1 + i).getByRole('cell').nth(2)).toHaveText(figure(alpha));
  await expect(rows.last().getByRole('rowheader')).toHaveText(QUIET.title);
  await expect(rows.last().getByRole('cell').nth(2).getByTitle(/^Undefined/)).toBeVisible();

  // Ticking one annotator off leaves nothing to compare; ticking them back brings the figures back.
  await page.getByRole('checkbox', { name: 'minh', exact: true }).uncheck();
  await expect(page.getByRole('status').filter({ hasText: 'Tick two annotators or more' })).toBeVisible();
  await expect(pairsTable(page)).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'minh', exact: true }).check();
  await expect(rowOf(pairsTable(page), 'lan / minh').getByRole('cell').nth(5)).toHaveText(figure(pair.kappa.kappa));

  // J moves down the documents, Enter opens the one under the cursor in the Adjudication view.
  await page.keyboard.press('j');
  await expect(rows.nth(2)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('k');
  await expect(rows.nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: 'Adjudication' })).toHaveAttribute('aria-selected', 'true');
});

test('exports the adjudicated result alone from the Export dialog', async ({ workbench, page }) => {
  const byLan = exportedDocument(TRANSFER, 'lan', [['Cho Ray Hospital', 'HOSPITAL']]);
  const gold = exportedDocument(TRANSFER, 'adjudicated', [['Hue Central Hospital', 'HOSPITAL']]);
  const decided = exportFile(workbench.dir, 'decided', [{ ...byLan, spans: [...byLan.spans, ...gold.spans] }]);
  expect(workbench.cli(['import', decided, '--db', workbench.dbPath]).status).toBe(0);
  await page.goto(workbench.url);
  await chooseFromMenu(page, 'Export…');
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('radio', { name: 'JSON Lines (one document per line)' }).check();
  await dialog.getByRole('radio', { name: 'The adjudicated result only' }).check();
  const href = await dialog.getByRole('link', { name: 'Download' }).getAttribute('href');
  expect(href).toContain('annotator=adjudicated');
  const response = await page.request.get(new URL(href as string, workbench.origin).toString());
  expect(response.ok()).toBe(true);
  const line = JSON.parse((await response.text()).trim()) as { spans: { text: string; annotator: string }[] };
  expect(line.spans.map((span) => [span.text, span.annotator])).toEqual([['Hue Central Hospital', 'adjudicated']]);

  // Named annotators: none named yet means nothing to export.
  await dialog.getByRole('radio', { name: 'Only these annotators:' }).check();
  await expect(dialog.getByText('Tick at least one annotator.')).toBeVisible();
  const choices = dialog.getByRole('group', { name: 'Annotators to export' });
  await expect(choices.getByRole('checkbox')).toHaveCount(2);
  await choices.getByRole('checkbox', { name: 'lan', exact: true }).check();
  await expect(dialog.getByRole('link', { name: 'Download' })).toHaveAttribute('href', /annotator=lan(&|$)/);
});
