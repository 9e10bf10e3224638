import type { Page } from '@playwright/test';
import { expect, test, type Workbench } from './fixtures.js';
import { chooseFromMenu, nameAnnotator } from './page-helpers.js';

/** Eight short harbour-office notes, written for this test. */
const NOTES: Readonly<Record<string, string>> = {
  'harbour-1.txt': 'Harbour log 1. The pilot boat Wren left the east quay at dawn with two crew.',
  'harbour-2.txt': 'Harbour log 2. A crane on berth four stopped for an hour while a cable was changed.',
  'harbour-3.txt': 'Harbour log 3. Fog held the ferry to Marrow Island until the bell at noon.',
  'harbour-4.txt': 'Harbour log 4. The fish market moved its scales to the north shed for the winter.',
  'harbour-5.txt': 'Harbour log 5. Two tugs brought the grain ship Halcyon in against the ebb tide.',
  'harbour-6.txt': 'Harbour log 6. The harbour master inspected the new fenders on the west wall.',
  'harbour-7.txt': 'Harbour log 7. A school visited the lifeboat station and rang the old signal bell.',
  'harbour-8.txt': 'Harbour log 8. Night lamps on the breakwater were cleaned and one lens replaced.',
};

const assignDialog = (page: Page) => page.getByRole('dialog', { name: 'Assign documents' });
const queues = (page: Page) => assignDialog(page).getByRole('table', { name: 'Annotators and their queues' });
const preview = (page: Page) => assignDialog(page).getByRole('status', { name: 'What the deal will do' });
const report = (page: Page) => assignDialog(page).getByRole('status', { name: 'What the deal did' });

/** The assigned, done and to-do counts the dialog shows for `name`. */
async function expectQueue(page: Page, name: string, assigned: number, done: number): Promise<void> {
  const row = queues(page).getByRole('row').filter({ has: page.getByRole('checkbox', { name, exact: true }) });
  await expect(row.getByRole('cell')).toHaveText([String(assigned), String(done), String(assigned - done)]);
}

/** The ids of the documents assigned to `annotator`, as the command line exports their queue. */
function queueIds(workbench: Workbench, annotator: string): number[] {
  const exported = workbench.cli(['export', '--db', workbench.dbPath, '--format', 'jsonl', '--annotator', annotator, '--assigned', '--out', '-']);
  expect(exported.status, exported.stderr).toBe(0);
  return exported.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { id: number }).id)
    .sort((a, b) => a - b);
}

test('a lead adds two annotators, deals documents out in two rounds from the dialog, and the command line sees the same queues', async ({ workbench, page }) => {
  workbench.importTexts(NOTES);
  await page.goto(workbench.url);
  // The first run asks who is working; the lead names themselves.
  await expect(page.getByRole('dialog', { name: 'Your name' })).toBeVisible();
  await nameAnnotator(page, 'lead');

  await chooseFromMenu(page, 'Assign documents…');
  await expect(assignDialog(page)).toBeVisible();
  await expectQueue(page, 'lead', 0, 0);
  await expect(assignDialog(page).getByText('8 documents: 8 nobody has.')).toBeVisible();
  await expect(preview(page)).toHaveText('Tick the annotators who get documents.');
  await expect(assignDialog(page).getByRole('button', { name: 'Assign', exact: true })).toBeDisabled();

  // Two annotators added from the dialog are on the list, ticked for the deal.
  const newName = assignDialog(page).getByRole('textbox', { name: 'Add an annotator' });
  for (const name of ['ann', 'ben']) {
    await newName.fill(name);
    await newName.press('Enter');
    await expect(assignDialog(page).getByRole('checkbox', { name, exact: true })).toBeChecked();
    await expectQueue(page, name, 0, 0);
  }
  await newName.fill('ann');
  await expect(assignDialog(page).getByText('ann is already an annotator.')).toBeVisible();
  await expect(assignDialog(page).getByRole('button', { name: 'Add', exact: true })).toBeDisabled();
  await newName.fill('');

  // First round, by keyboard: two documents each, nobody sharing.
  const perEach = assignDialog(page).getByRole('spinbutton', { name: 'Documents for each annotator' });
  await perEach.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('2');
  await expect(assignDialog(page).getByRole('radio', { name: /^At most/ })).toBeChecked();
  await expect(preview(page)).toHaveText('4 documents: 2 to each of 2 annotators, none seen by two. 4 documents stay unassigned.');
  await page.keyboard.press('Enter');
  await expect(report(page)).toHaveText('Assigned 4 documents (4 new assignments): ann 2, ben 2. No document is given to two annotators.');
  await expectQueue(page, 'ann', 2, 0);
  await expectQueue(page, 'ben', 2, 0);
  await expectQueue(page, 'lead', 0, 0);
  await expect(assignDialog(page).getByText('8 documents: 4 nobody has, 4 with one annotator.')).toBeVisible();

  // Second round: the rest, half of them seen by both.
  await assignDialog(page).getByRole('radio', { name: 'Every document nobody has yet (4)' }).check();
  await assignDialog(page).getByRole('spinbutton', { name: 'Percent of the documents seen by two annotators' }).fill('50');
  await expect(preview(page)).toHaveText('4 documents: 3 to each of 2 annotators, 2 (50%) seen by two.');
  await assignDialog(page).getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(report(page)).toHaveText('Assigned 4 documents (6 new assignments): ann 3, ben 3. 2 documents in the project are given to two or more annotators.');
  await expectQueue(page, 'ann', 5, 0);
  await expectQueue(page, 'ben', 5, 0);
  await expect(assignDialog(page).getByText('8 documents: 0 nobody has, 6 with one annotator, 2 with two.')).toBeVisible();
  await expect(preview(page)).toHaveText('Every document is assigned already.');
  await expect(assignDialog(page).getByRole('button', { name: 'Assign', exact: true })).toBeDisabled();

  // The command line sees the same: both annotators listed with five documents each, every document given, two to both.
  const listed = workbench.cli(['annotators', '--db', workbench.dbPath, '--json']);
  expect(listed.status, listed.stderr).toBe(0);
  const byName = new Map((JSON.parse(listed.stdout) as { name: string; assigned: number; assignedDone: number }[]).map((a) => [a.name, a]));
  expect(byName.get('ann')).toMatchObject({ assigned: 5, assignedDone: 0 });
  expect(byName.get('ben')).toMatchObject({ assigned: 5, assignedDone: 0 });
  expect(byName.get('lead')).toMatchObject({ assigned: 0 });
  const ann = queueIds(workbench, 'ann');
  const ben = queueIds(workbench, 'ben');
  expect(ann).toHaveLength(5);
  expect(ben).toHaveLength(5);
  expect(new Set([...ann, ...ben]).size).toBe(8);
  expect(ann.filter((id) => ben.includes(id))).toHaveLength(2);

  // Work done elsewhere shows when the dialog opens again.
  await page.keyboard.press('Escape');
  await expect(assignDialog(page)).toBeHidden();
  const marked = workbench.cli(['done', ann.slice(0, 2).join(','), '--db', workbench.dbPath, '--annotator', 'ann']);
  expect(marked.status, marked.stderr).toBe(0);
  await chooseFromMenu(page, 'Assign documents…');
  await expectQueue(page, 'ann', 5, 2);
  await expectQueue(page, 'ben', 5, 0);
  await expect(report(page)).toBeEmpty();
});
