import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures.js';
import { openDocument } from './page-helpers.js';

// Invented sample notes, tagged by two annotators who mostly agree.
const NOTES = [
  { title: 'Admission note', text: 'On 12 May the Harbourview Clinic admitted Ada Lindqvist with a fever.' },
  { title: 'Staff news', text: 'Dr Okafor moved to Harbourview Clinic in 2019 after leaving Saint Brigid Hospital.' },
  { title: 'Board minutes', text: 'The Saint Brigid Hospital board met on 3 June and approved 40 new beds.' },
  { title: 'Plain note', text: 'Nothing in this short note needs a tag at all.' },
];

type Tag = readonly [title: string, phrase: string, label: string, annotator: string, entity?: string];

const TAGS: readonly Tag[] = [
  ['Admission note', '12 May', 'DATE', 'ana'],
  ['Admission note', '12 May', 'DATE', 'bo'],
  ['Admission note', 'Harbourview Clinic', 'HOSPITAL', 'ana', 'Harbourview Clinic'],
  ['Admission note', 'Harbourview Clinic', 'HOSPITAL', 'bo', 'Harbourview Clinic'],
  ['Admission note', 'Ada Lindqvist', 'PERSON', 'ana'],
  ['Staff news', 'Okafor', 'PERSON', 'ana'],
  ['Staff news', 'Dr Okafor', 'PERSON', 'bo'],
  ['Staff news', 'Harbourview Clinic', 'HOSPITAL', 'ana', 'Harbourview Clinic'],
  ['Staff news', 'Saint Brigid Hospital', 'HOSPITAL', 'bo', 'Saint Brigid Hospital'],
  ['Board minutes', 'Saint Brigid Hospital', 'HOSPITAL', 'ana', 'Saint Brigid Hospital'],
  ['Board minutes', '40', 'FIGURE', 'bo'],
];

/** The notes as a Marginalia json export (offsets in code points). */
function sampleExport(): string {
  const documents = NOTES.map((note, i) => ({
    id: i + 1,
    title: note.title,
    text: note.text,
    meta: {},
    spans: TAGS.filter(([title]) => title === note.title).map(([, phrase, label, annotator, entity]) => {
      const startU16 = note.text.indexOf(phrase);
      const start = [...note.text.slice(0, startU16)].length;
      return { start, end: start + [...phrase].length, label, text: phrase, status: 'accepted', annotator, entity: null, entity_name: entity ?? null };
    }),
  }));
  return JSON.stringify({ format: 'marginalia', version: 1, labels: [], entities: [], documents });
}

async function saved(page: Page, card: ReturnType<Page['locator']>, button: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: button }).click()]);
  const path = await download.path();
  return { download, bytes: readFileSync(path) };
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => window.localStorage.setItem('marginalia.annotator', 'tester'));
});

test('shows the project in charts and saves a chart as SVG, PNG and CSV', async ({ workbench, page }) => {
  const file = join(workbench.dir, 'sample.json');
  writeFileSync(file, sampleExport());
  const imported = workbench.cli(['import', file, '--db', workbench.dbPath]);
  expect(imported.status, imported.stderr).toBe(0);

  // Anything the Content-Security-Policy refuses would show up here.
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });
  await page.goto(workbench.url);

  // One document marked done, so the time chart has a day.
  await openDocument(page, 'Admission note');
  await page.keyboard.press('d');
  await expect(page.getByText('“Admission note” is done.')).toBeVisible();

  // G then O opens the Overview; it reads the figures as it opens.
  await page.keyboard.press('g');
  await page.keyboard.press('o');
  const overview = page.getByRole('tabpanel', { name: 'Overview' });
  await expect(overview).toBeVisible();
  const card = (title: string) => overview.getByRole('region', { name: title, exact: true });
  for (const title of [
    'Spans per label',
    'Documents done over time',
    'Spans per document',
    'Agreement between annotators',
    'Duplicate clusters by size',
    'Most mentioned: Hospital',
  ]) {
    await expect(card(title)).toBeVisible();
  }
  // Charts are drawn; a card with nothing to draw says so instead.
  await expect(card('Spans per label').locator('canvas').first()).toBeVisible();
  await expect(card('Agreement between annotators').locator('canvas').first()).toBeVisible();
  await expect(card('Duplicate clusters by size')).toContainText('No duplicate clusters');
  await expect(card('Duplicate clusters by size').getByRole('button', { name: 'Save SVG' })).toBeDisabled();

  // The numbers are there in text too, for screen readers.
  const numbers = card('Spans per label').getByRole('table', { name: 'Spans per label: the numbers' });
  await expect(numbers.getByRole('row', { name: 'HOSPITAL 5 0 0' })).toHaveCount(1);
  await expect(card('Spans per document').getByRole('img')).toHaveAttribute('aria-label', /over 4 documents: 0 spans: 1; 1 spans: 0; 2–4 spans: 2; 5–9 spans: 1\./);
  await expect(card('Documents done over time').getByRole('img')).toHaveAttribute('aria-label', /1 document done/);
  await expect(card('Each annotator’s progress over time').getByRole('img')).toHaveAttribute('aria-label', /tester’s documents done over time: 1 document/);
  await expect(card('Agreement between annotators').getByRole('img')).toHaveAttribute('aria-label', /ana and bo κ -?\d\.\d\d over 3 documents/);

  const labels = card('Spans per label');
  const svg = await saved(page, labels, 'Save SVG');
  expect(svg.download.suggestedFilename()).toBe('marginalia-spans-per-label.svg');
  const svgText = svg.bytes.toString('utf8');
  expect(svgText).toMatch(/^<svg[\s>]/);
  expect(svgText).toContain('Spans per label');
  expect(svgText).toContain('Hospital');

  const png = await saved(page, labels, 'Save PNG');
  expect(png.download.suggestedFilename()).toBe('marginalia-spans-per-label.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.length).toBeGreaterThan(1000);

  const csv = await saved(page, labels, 'Save data (CSV)');
  expect(csv.download.suggestedFilename()).toBe('marginalia-spans-per-label.csv');
  expect(csv.bytes.toString('utf8')).toBe('label,accepted,suggested,rejected\r\nHOSPITAL,5,0,0\r\nDATE,2,0,0\r\nPERSON,3,0,0\r\nFIGURE,1,0,0\r\n');

  const entities = await saved(page, card('Most mentioned: Hospital'), 'Save data (CSV)');
  expect(entities.download.suggestedFilename()).toBe('marginalia-top-entities-hospital.csv');
  expect(entities.bytes.toString('utf8')).toMatch(/^label,rank,entity_id,entity,mentions\r\nHOSPITAL,1,\d+,Harbourview Clinic,3\r\nHOSPITAL,2,\d+,Saint Brigid Hospital,2\r\n$/);

  const agreement = await saved(page, card('Agreement between annotators'), 'Save data (CSV)');
  // Exact matches: 12 May and Harbourview Clinic in the admission note; 2·2 / (6 + 5) spans.
  expect(agreement.bytes.toString('utf8')).toMatch(/^annotator_a,annotator_b,kappa,exact_f1,documents\r\nana,bo,-?[\d.]+,0\.3636,3\r\n$/);

  // Refresh reads the project again: a document imported meanwhile shows up.
  workbench.importTexts({ 'late.txt': 'A late note, imported while the Overview was open.' });
  await overview.getByRole('button', { name: 'Refresh' }).click();
  await expect(card('Spans per document').getByRole('img')).toHaveAttribute('aria-label', /over 5 documents: 0 spans: 2;/);

  expect(refused).toEqual([]);
});
