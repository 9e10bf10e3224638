import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgreementReport } from '../../src/main/teams/agreement.js';
import { runCli } from '../helpers/cli.js';
import { jsonLines, writeFiles } from '../helpers/files.js';
import { tempDir } from '../helpers/project.js';

const TEXT = 'Lan visited Hue Central Hospital on Monday .';

function span(phrase: string, label: string, annotator: string) {
  const start = TEXT.indexOf(phrase);
  return { start, end: start + phrase.length, label, annotator };
}

function project(): string {
  const dir = tempDir();
  writeFiles(dir, {
    'team.jsonl': jsonLines([
      {
        text: TEXT,
        spans: [
          span('Lan', 'PERSON', 'lan'),
          span('Hue Central Hospital', 'HOSPITAL', 'lan'),
          span('Monday', 'DATE', 'lan'),
          span('Central Hospital', 'HOSPITAL', 'minh'),
          span('Monday', 'DATE', 'minh'),
        ],
      },
      { text: 'Only lan was here .', spans: [{ start: 0, end: 4, label: 'PERSON', annotator: 'lan' }] },
    ]),
  });
  const dbPath = join(dir, 'team.sqlite');
  expect(runCli(['import', join(dir, 'team.jsonl'), '--db', dbPath]).status).toBe(0);
  return dbPath;
}

describe('marginalia agreement', () => {
  it('prints span F1, κ and α with their counts, and what was left out', () => {
    const dbPath = project();
    const result = runCli(['agreement', '--db', dbPath]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('1 document compared, 1 left out');
    // Hand-worked in test/unit/teams-agreement.test.ts: κ = 13/21, α = 17/27, F1 0.4 / 0.8.
    expect(result.stdout).toMatch(/lan \/ minh: 1 document, 8 tokens/);
    expect(result.stdout).toMatch(/all labels +span F1 exact 0\.400 \(1 matches\), overlap 0\.800 \(2 matches\) of 3 \+ 2 spans; κ 0\.619 .*α 0\.630/);
    expect(result.stdout).toMatch(/left out: document 2: annotated only by lan/);
  });

  it('prints JSON, and treats unknown annotators and documents as usage errors', () => {
    const dbPath = project();
    const result = runCli(['agreement', '--db', dbPath, '--labels', 'HOSPITAL', '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as AgreementReport;
    expect(report.labels).toEqual(['HOSPITAL']);
    expect(report.pairs[0]).toMatchObject({ annotators: ['lan', 'minh'], spansA: 1, spansB: 1, exactMatches: 0, overlapMatches: 1 });
    expect(report.documents).toHaveLength(1);
    expect(report.leftOut).toEqual([{ documentId: 2, reason: 'annotated only by lan' }]);

    const unknown = runCli(['agreement', '--db', dbPath, '--annotators', 'lan,nobody']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no accepted or rejected spans by nobody/);
    expect(runCli(['agreement', '--db', dbPath, '--documents', 'x']).status).toBe(2);
  });

  it('leaves the adjudicated result out by default, and compares against it when named', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'gold.jsonl': jsonLines([
        {
          text: TEXT,
          spans: [
            span('Hue Central Hospital', 'HOSPITAL', 'lan'),
            span('Central Hospital', 'HOSPITAL', 'minh'),
            span('Hue Central Hospital', 'HOSPITAL', 'adjudicated'),
          ],
        },
      ]),
    });
    const dbPath = join(dir, 'gold.sqlite');
    expect(runCli(['import', join(dir, 'gold.jsonl'), '--db', dbPath]).status).toBe(0);
    const plain = runCli(['agreement', '--db', dbPath, '--json']);
    expect(plain.status).toBe(0);
    expect((JSON.parse(plain.stdout) as AgreementReport).annotators).toEqual(['lan', 'minh']);
    const gold = runCli(['agreement', '--db', dbPath, '--annotators', 'adjudicated,lan,minh']);
    expect(gold.status).toBe(0);
    expect(gold.stdout).toMatch(/^adjudicated \/ lan: 1 document/m);
    expect(gold.stdout).toMatch(/^ +all labels +span F1 exact 1\.000/m);
  });
});
