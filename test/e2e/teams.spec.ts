import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type Workbench } from './fixtures.js';
import { selectTextIn } from './page-helpers.js';

// Invented sample text: two short notices two annotators tagged on their own laptops.
const FERRY = 'Night ferry notice';
const FERRY_TEXT = 'The night ferry from Cat Lai leaves at 21:30 on 14 March, and Dr Tran Van Minh of Thong Nhat Hospital will travel with the medical team.';
const SUPPLIES = 'Clinic supplies';
const SUPPLIES_TEXT = 'Last week the harbour clinic received boxes of gloves and masks from Hoa Binh General Hospital, its volunteers said.';

interface ExportSpan {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly text: string;
  readonly status: string;
  readonly annotator: string;
}

/** A span over the first occurrence of `surface`, in code points, as our json export writes it. */
function spanOver(text: string, surface: string, label: string, annotator: string) {
  const atU16 = text.indexOf(surface);
  if (atU16 < 0) throw new Error(`"${surface}" is not in the text`);
  const start = [...text.slice(0, atU16)].length;
  return {
    start,
    end: start + [...surface].length,
    label,
    text: surface,
    status: 'accepted',
    annotator,
    entity: null,
    entity_name: null,
    value: null,
    note: null,
    duplicate_cluster: null,
  };
}

/** One annotator's json export of the two notices, with the spans named as [surface, label] per document. */
function exportOf(annotator: string, ferry: readonly (readonly [string, string])[], supplies: readonly (readonly [string, string])[]): string {
  const document = (id: number, title: string, text: string, spans: readonly (readonly [string, string])[]) => ({
    id,
    title,
    text,
    meta: {},
    spans: spans.map(([surface, label]) => spanOver(text, surface, label, annotator)),
    noise: [],
    duplicates: [],
  });
  return JSON.stringify({
    format: 'marginalia',
    version: 1,
    labels: [],
    entities: [],
    documents: [document(1, FERRY, FERRY_TEXT, ferry), document(2, SUPPLIES, SUPPLIES_TEXT, supplies)],
  });
}

/**
 * Ana and Ben agree on the hospital and the date of the ferry notice; they
 * differ on the doctor's name (Ben includes "Dr"), on the time (only Ben tagged
 * it), and on the hospital of the supplies notice (both cut it wrong).
 */
function importBothAnnotators(workbench: Workbench): void {
  const ana = exportOf(
    'ana',
    [
      ['14 March', 'DATE'],
      ['Tran Van Minh', 'PERSON'],
      ['Thong Nhat Hospital', 'HOSPITAL'],
    ],
    [['Hoa Binh General', 'HOSPITAL']],
  );
  const ben = exportOf(
    'ben',
    [
      ['21:30', 'FIGURE'],
      ['14 March', 'DATE'],
      ['Dr Tran Van Minh', 'PERSON'],
      ['Thong Nhat Hospital', 'HOSPITAL'],
    ],
    [['Hoa Binh', 'PERSON']],
  );
  for (const [name, content] of [
    ['ana.json', ana],
    ['ben.json', ben],
  ] as const) {
    const path = join(workbench.dir, name);
    writeFileSync(path, content);
    const imported = workbench.cli(['import', path, '--db', workbench.dbPath]);
    expect(imported.status, imported.stderr).toBe(0);
  }
}

async function showTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'lead'));
});

test('two annotators’ exports are compared, adjudicated one disagreement at a time, and the result exported on its own', async ({ workbench, page }) => {
  importBothAnnotators(workbench);
  await page.goto(workbench.url);

  // The Agreement view measures the two annotators against each other, and opens a document for adjudication.
  await showTab(page, 'Agreement');
  const agreement = page.getByRole('tabpanel', { name: 'Agreement' });
  await expect(agreement.getByRole('table', { name: 'Agreement of all annotators' })).toContainText(/\d\.\d\d/);
  await agreement.getByRole('table', { name: 'Agreement by document' }).getByRole('button', { name: FERRY, exact: true }).click();

  await expect(page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name: 'Adjudication', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: FERRY, level: 2 })).toBeVisible();
  const list = page.getByRole('listbox', { name: 'Documents to adjudicate' });
  await expect(list.getByRole('option', { name: FERRY, exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(list.getByRole('option', { name: SUPPLIES, exact: true })).toHaveAttribute('aria-selected', 'false');
  const statusTabs = page.getByRole('tablist', { name: 'Adjudication status' });
  await expect(statusTabs.getByRole('tab', { name: 'Open (2)' })).toBeVisible();
  await expect(statusTabs.getByRole('tab', { name: 'Settled (0)' })).toBeVisible();
  const progress = page.getByRole('status', { name: 'Progress in this document' });
  await expect(progress).toHaveText('Settled 0 of 2 disagreements');

  // What both agree on goes into the result in one step; the disagreements stay open.
  await page.getByRole('button', { name: /Accept all agreed spans/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Accepted 2 agreed spans.' })).toBeVisible();
  await expect(progress).toHaveText('Settled 0 of 2 disagreements');

  // First disagreement in reading order: the time, which only Ben tagged. None of these (key 0).
  await expect(page.getByRole('heading', { name: /Disagreement 1 of 2/ })).toBeVisible();
  const versions = page.getByRole('group', { name: 'Versions' });
  await expect(versions.getByRole('article', { name: 'ana’s version' })).toContainText('No span here');
  await expect(versions.getByRole('article', { name: 'ben’s version' }).getByRole('list', { name: 'Spans of ben' })).toContainText('Figure “21:30”');
  await page.keyboard.press('0');
  await expect(progress).toHaveText('Settled 1 of 2 disagreements');

  // On to the next open one by itself: the doctor, with and without "Dr". Ben's version is kept.
  await expect(page.getByRole('heading', { name: /Disagreement 2 of 2/ })).toBeVisible();
  await expect(versions.getByRole('article', { name: 'ana’s version' }).getByRole('listitem')).toHaveText('Person “Tran Van Minh”');
  await expect(versions.getByRole('article', { name: 'ben’s version' }).getByRole('listitem')).toHaveText('Person “Dr Tran Van Minh”');
  await versions.getByRole('button', { name: /Pick ben’s version/ }).click();

  // The ferry notice is settled, so the next document with open disagreements comes up.
  await expect(page.getByRole('heading', { name: SUPPLIES, level: 2 })).toBeVisible();
  await expect(statusTabs.getByRole('tab', { name: 'Open (1)' })).toBeVisible();
  await expect(statusTabs.getByRole('tab', { name: 'Settled (1)' })).toBeVisible();

  // Neither version of the supplier is right: write one of our own from the context (label key 1 is Hospital).
  await expect(progress).toHaveText('Settled 0 of 1 disagreement');
  await selectTextIn(page.getByLabel('Context text', { exact: true }), 'Hoa Binh General Hospital');
  await page.keyboard.press('1');
  const adjudicated = versions.getByRole('article', { name: 'Adjudicated' });
  await expect(adjudicated.getByRole('list', { name: 'Adjudicated spans' })).toHaveText('Hospital “Hoa Binh General Hospital”');
  await expect(progress).toHaveText('Settled 1 of 1 disagreement');

  // Undo takes the written span back and the view follows; redo brings it again.
  await page.keyboard.press('Control+z');
  await expect(progress).toHaveText('Settled 0 of 1 disagreement');
  await expect(adjudicated).toContainText('Nothing decided yet');
  await page.keyboard.press('Control+Shift+z');
  await expect(progress).toHaveText('Settled 1 of 1 disagreement');
  await expect(statusTabs.getByRole('tab', { name: 'Open (0)' })).toBeVisible();

  // An adjudicated span can be chosen and relabelled from the keyboard; undo puts the label back.
  const written = adjudicated.getByRole('button', { name: /Hoa Binh General Hospital/ });
  await page.keyboard.press(']');
  await expect(written).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('4');
  await expect(adjudicated.getByRole('list', { name: 'Adjudicated spans' }).getByRole('listitem')).toContainText('Figure “Hoa Binh General Hospital”');
  await page.keyboard.press('Control+z');
  await expect(adjudicated.getByRole('list', { name: 'Adjudicated spans' }).getByRole('listitem')).toContainText('Hospital “Hoa Binh General Hospital”');
  await page.keyboard.press('Escape');
  await expect(written).toHaveAttribute('aria-pressed', 'false');

  // Deciding a settled place again replaces the earlier decision; one undo brings it back.
  await page.keyboard.press('1');
  await expect(adjudicated.getByRole('list', { name: 'Adjudicated spans' }).getByRole('listitem')).toHaveText('Hospital “Hoa Binh General”');
  await page.keyboard.press('Control+z');
  await expect(adjudicated.getByRole('list', { name: 'Adjudicated spans' }).getByRole('listitem')).toHaveText('Hospital “Hoa Binh General Hospital”');

  // The export of the adjudicated result holds exactly what was decided.
  const out = join(workbench.dir, 'adjudicated.json');
  const exported = workbench.cli(['export', '--db', workbench.dbPath, '--format', 'json', '--annotator', 'adjudicated', '--out', out]);
  expect(exported.status, exported.stderr).toBe(0);
  const project = JSON.parse(readFileSync(out, 'utf8')) as { documents: { title: string; spans: ExportSpan[] }[] };
  const spans = project.documents.flatMap((doc) => doc.spans.map((span) => ({ document: doc.title, label: span.label, text: span.text, annotator: span.annotator, status: span.status })));
  const expected = [
    { document: FERRY, label: 'DATE', text: '14 March' },
    { document: FERRY, label: 'PERSON', text: 'Dr Tran Van Minh' },
    { document: FERRY, label: 'HOSPITAL', text: 'Thong Nhat Hospital' },
    { document: SUPPLIES, label: 'HOSPITAL', text: 'Hoa Binh General Hospital' },
  ].map((span) => ({ ...span, annotator: 'adjudicated', status: 'accepted' }));
  const byPlace = (a: { document: string; text: string }, b: { document: string; text: string }) => `${a.document}|${a.text}`.localeCompare(`${b.document}|${b.text}`);
  expect(spans.sort(byPlace)).toEqual(expected.sort(byPlace));
});
