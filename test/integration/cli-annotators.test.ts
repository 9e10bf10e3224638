import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { jsonLines, writeFiles } from '../helpers/files.js';
import { tempDir } from '../helpers/project.js';

const TEXT = 'Dr Thu Ha moved 24 beds to Northgate Hospital on Monday .';

/** A project of twelve documents, one of them about a ferry. */
function project(): string {
  const dir = tempDir();
  const lines = Array.from({ length: 11 }, (_, i) => ({ text: `${TEXT} Report ${i + 1} .` }));
  writeFiles(dir, { 'reports.jsonl': jsonLines([...lines, { text: 'A ferry crossed the river at dawn .' }]) });
  const dbPath = join(dir, 'team.sqlite');
  expect(runCli(['import', join(dir, 'reports.jsonl'), '--db', dbPath]).status).toBe(0);
  return dbPath;
}

interface Report {
  documents: number;
  assigned: number;
  overlapping: number;
  perAnnotator: { annotator: string; documents: number }[];
}

describe('marginalia annotators, assign and done', () => {
  it('adds annotators, assigns a split with a reproducible overlap, and marks done per annotator', () => {
    const dbPath = project();
    expect(runCli(['annotators', 'add', 'mira', '--color', '#aa3366', '--db', dbPath]).stdout).toBe('added mira (#aa3366)\n');
    expect(runCli(['annotators', 'add', 'mira', '--db', dbPath])).toMatchObject({ status: 1, stderr: 'marginalia: mira is already an annotator\n' });

    const assign = (seed: string): Report => {
      const result = runCli(['assign', '--db', dbPath, '--annotators', 'mira,tomas,lan', '--overlap', '0.25', '--seed', seed, '--replace', '--json']);
      expect(result.status, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as Report;
    };
    const first = assign('7');
    expect(first).toMatchObject({ documents: 12, overlapping: 3 });
    expect(first.perAnnotator.reduce((sum, each) => sum + each.documents, 0)).toBe(15);
    const listed = (): { name: string; assigned: number; done: number }[] => JSON.parse(runCli(['annotators', '--db', dbPath, '--json']).stdout) as never;
    const queues = listed().map((a) => [a.name, a.assigned]);
    expect(assign('7').perAnnotator).toEqual(first.perAnnotator);
    expect(listed().map((a) => [a.name, a.assigned])).toEqual(queues);

    expect(runCli(['done', '1,2', '--db', dbPath, '--annotator', 'tomas']).stdout).toBe('2 documents done for tomas\n');
    expect(listed().find((a) => a.name === 'tomas')?.done).toBe(2);
    expect(listed().find((a) => a.name === 'mira')?.done).toBe(0);
    expect(runCli(['done', '99', '--db', dbPath, '--annotator', 'tomas'])).toMatchObject({ status: 2, stderr: 'marginalia: document 99 does not exist\n' });
  });

  it('assigns a search result to everyone named', () => {
    const dbPath = project();
    const result = runCli(['assign', '--db', dbPath, '--annotators', 'mira,tomas', '--share', 'all', '--query', 'ferry', '--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({ documents: 1, assigned: 2, overlapping: 1 });
    expect(runCli(['assign', '--db', dbPath, '--annotators', 'mira', '--overlap', '2']).status).toBe(2);
  });

  it('exports one annotator\'s queue with their own spans', () => {
    const dbPath = project();
    const assigned = JSON.parse(runCli(['assign', '--db', dbPath, '--annotators', 'mira,tomas', '--seed', '3', '--json']).stdout) as Report;
    const mine = assigned.perAnnotator.find((each) => each.annotator === 'mira')?.documents;
    const out = join(tempDir(), 'mira.json');
    const result = runCli(['export', '--db', dbPath, '--format', 'json', '--annotator', 'mira', '--assigned', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    const exported = JSON.parse(readFileSync(out, 'utf8')) as { documents: unknown[] };
    expect(exported.documents).toHaveLength(mine as number);
    expect(mine).toBeLessThan(12);
    expect(runCli(['export', '--db', dbPath, '--format', 'json', '--assigned', '--out', out])).toMatchObject({ status: 2 });
  });
});
