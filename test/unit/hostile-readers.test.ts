/**
 * Malformed lines of CoNLL and brat files: each one is reported with its file
 * and line and why, never absorbed into the text or dropped without a word, and
 * the rest of the file still goes in.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../src/main/import/pipeline.js';
import { readConll } from '../../src/main/import/readers/conll.js';
import { readBratPair } from '../../src/main/import/readers/brat.js';
import { streamingItems } from '../../src/main/import/readers/streaming.js';
import type { ReaderItem } from '../../src/main/import/record.js';
import { spansInDocument } from '../../src/main/store/spans.js';
import { writeFiles } from '../helpers/files.js';
import { createTestProject, tempDir } from '../helpers/project.js';
import { statSync } from 'node:fs';

const problemsOf = (items: readonly ReaderItem[]) => items.filter((item) => item.kind === 'problem');
const recordsOf = (items: readonly ReaderItem[]) => items.flatMap((item) => (item.kind === 'record' ? [item] : []));

describe('malformed CoNLL lines', () => {
  const file = [
    'Bach\tB-HOSPITAL',
    'Mai\tI-HOSPITAL',
    // The token column is empty: the tag must not become a word of the text.
    '\tB-DATE',
    'opened\tO',
    // No tag at all.
    'ward',
    'on\tO',
    '20/11\tB-DATE',
    '   ',
    'Dr\tB-PERSON',
    '  Lan  B-PERSON',
    '',
  ].join('\n');

  it('reports a line without a token and a line without a tag, each at its line, and reads the rest', () => {
    const items = [...readConll(file, 'ward.conll', {})];
    expect(problemsOf(items)).toEqual([
      { kind: 'problem', line: 3, reason: 'no token: the line starts with white space, so the first column is empty; the line is left out' },
      { kind: 'problem', line: 5, reason: 'no tag after the token "ward" (expected TOKEN<TAB>TAG); the token is read as O' },
      { kind: 'problem', line: 10, reason: 'no token: the line starts with white space, so the first column is empty; the line is left out' },
    ]);
    const [record] = recordsOf(items);
    expect(record?.text).toBe('Bach Mai opened ward on 20/11\nDr');
    expect(record?.spans).toEqual([
      { startCp: 0, endCp: 8, label: 'HOSPITAL' },
      { startCp: 24, endCp: 29, label: 'DATE' },
      { startCp: 30, endCp: 32, label: 'PERSON' },
    ]);
  });

  it('reports the same lines when the file is read in chunks', () => {
    const path = join(writeFiles(tempDir(), { 'ward.conll': file }), 'ward.conll');
    const streamed = [...(streamingItems(path, statSync(path).size, 'conll', 'ward.conll', { chunkBytes: 7 }) ?? [])];
    expect(streamed).toEqual([...readConll(file, 'ward.conll', {})]);
  });
});

describe('malformed brat lines', () => {
  const text = 'Dr Lan works at Bach Mai Hospital.\n';
  const annotations = [
    'T1\tPERSON 0 6\tDr Lan',
    'T2\tHOSPITAL 16 33\tBach Mai Hospital',
    'this line is not brat at all',
    'R1\tWorksAt Arg1:T1 Arg2:T9',
    '#1\tAnnotatorNotes T7\ta note on nothing',
    'T1\tPERSON 3 6\tLan',
    'R2 WorksAt Arg1:T1 Arg2:T2',
    'A1\tNegated T2',
    'E1\tVisit:T1 Place:T2',
    'N1\tReference T2 Wikidata:Q1\tBach Mai Hospital',
    '*\tEquiv T1 T2',
    'A2\tNegated T8',
    '',
  ].join('\n');

  it('reports garbage, dangling references, a repeated id and a line without tabs, and keeps the good spans', () => {
    const items = readBratPair(text, annotations, 'a.txt');
    expect(problemsOf(items)).toEqual([
      { kind: 'problem', line: 3, reason: 'not a brat annotation: a line starts with an id (T, R, E, A, M, N, # or *) and a tab' },
      { kind: 'problem', line: 4, reason: 'R1: Arg2 names T9, which the file does not define' },
      { kind: 'problem', line: 5, reason: '#1: names T7, which the file does not define' },
      { kind: 'problem', line: 6, reason: 'T1 is defined twice (first at line 1); this one is left out' },
      { kind: 'problem', line: 7, reason: 'not a brat annotation: a line starts with an id (T, R, E, A, M, N, # or *) and a tab' },
      { kind: 'problem', line: 12, reason: 'A2: names T8, which the file does not define' },
    ]);
    expect(recordsOf(items)[0]?.spans).toEqual([
      { startCp: 0, endCp: 6, label: 'PERSON' },
      { startCp: 16, endCp: 33, label: 'HOSPITAL' },
    ]);
  });

  it('imports the document and names the .ann file and line of each bad line', async () => {
    const dir = writeFiles(tempDir(), { 'a.txt': text, 'a.ann': annotations });
    const { db } = createTestProject();
    const report = await importPaths(db, [dir]);
    expect(report.documentsImported).toBe(1);
    expect(report.rejected.map((problem) => `${problem.path}:${problem.line}`)).toEqual([3, 4, 5, 6, 7, 12].map((line) => `${join(dir, 'a.ann')}:${line}`));
    expect(spansInDocument(db, 1).map((span) => span.label)).toEqual(['PERSON', 'HOSPITAL']);
  });
});
