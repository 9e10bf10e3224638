import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openProject } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { createSpan } from '../../src/main/store/spans.js';
import { adjudicate } from '../../src/main/teams/adjudication.js';
import { ADJUDICATOR } from '../../src/shared/model.js';
import { OffsetMap } from '../../src/shared/offsets.js';
import { apiCaller, jobFinished } from '../helpers/api.js';
import { runCli } from '../helpers/cli.js';
import { corpusFile } from '../helpers/corpus.js';
import { tempDir } from '../helpers/project.js';

interface ExportedSpan {
  start: number;
  end: number;
  label: string;
  text: string;
  status: string;
  annotator: string;
}
interface ExportedJson {
  documents: { title: string; spans: ExportedSpan[] }[];
}

/**
 * A project with a real note tagged by two annotators, and an adjudicated
 * result that takes lan's hospital, minh's date and rejects minh's person.
 */
function project(): { dir: string; dbPath: string; hospital: string; date: string } {
  const dir = tempDir();
  const dbPath = join(dir, 'team.sqlite');
  const db = openProject(dbPath);
  try {
    const text = readFileSync(corpusFile('000_'), 'utf8');
    const id = insertDocument(db, { title: 'cooperation', source: 'cooperation.txt', text, meta: {} }).id;
    const offsets = new OffsetMap(text);
    const tag = (phrase: string, label: string, annotator: string): number => {
      const at = text.indexOf(phrase);
      if (at < 0) throw new Error(`"${phrase}" is not in the note`);
      const row = createSpan(db, { documentId: id, startCp: offsets.toCp(at), endCp: offsets.toCp(at + phrase.length), label, annotator });
      if (!row) throw new Error('already tagged');
      return row.id;
    };
    const hospital = 'Hue Central Hospital';
    const date = /\d{2}\/\d{2}\/\d{4}/.exec(text)?.[0] as string;
    const lanHospital = tag(hospital, 'HOSPITAL', 'lan');
    tag(date, 'DATE', 'lan');
    tag('Hue City', 'HOSPITAL', 'minh');
    const minhDate = tag(date, 'DATE', 'minh');
    const minhPerson = tag('ReSurge', 'PERSON', 'minh');
    adjudicate(db, [lanHospital, minhDate], 'accept');
    adjudicate(db, [minhPerson], 'reject');
    return { dir, dbPath, hospital, date };
  } finally {
    db.close();
  }
}

function exportJson(dbPath: string, out: string, ...extra: string[]): ExportedJson {
  const result = runCli(['export', '--db', dbPath, '--format', 'json', '--out', out, ...extra]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as ExportedJson;
}

describe('marginalia export --annotator', () => {
  it('keeps only the chosen annotators’ spans in json', () => {
    const { dir, dbPath } = project();
    const everyone = exportJson(dbPath, join(dir, 'all.json'));
    expect(new Set(everyone.documents[0]?.spans.map((span) => span.annotator))).toEqual(new Set(['lan', 'minh', ADJUDICATOR]));

    const minh = exportJson(dbPath, join(dir, 'minh.json'), '--annotator', 'minh');
    expect(minh.documents[0]?.spans.map((span) => [span.label, span.text])).toEqual([
      ['DATE', expect.any(String)],
      ['HOSPITAL', 'Hue City'],
      ['PERSON', 'ReSurge'],
    ]);
    expect(minh.documents[0]?.spans.every((span) => span.annotator === 'minh')).toBe(true);

    const two = exportJson(dbPath, join(dir, 'two.json'), '--annotator', 'lan,minh');
    expect(two.documents[0]?.spans).toHaveLength(5);
  });

  it('gives the adjudicated result: its accepted spans, or with --status all its rejections too', () => {
    const { dir, dbPath, hospital, date } = project();
    const gold = exportJson(dbPath, join(dir, 'gold.json'), '--annotator', ADJUDICATOR);
    expect(gold.documents[0]?.spans.map((span) => [span.label, span.text, span.annotator, span.status])).toEqual([
      ['DATE', date, ADJUDICATOR, 'accepted'],
      ['HOSPITAL', hospital, ADJUDICATOR, 'accepted'],
    ]);
    const decided = exportJson(dbPath, join(dir, 'decided.json'), '--annotator', ADJUDICATOR, '--status', 'all');
    expect(decided.documents[0]?.spans.find((span) => span.status === 'rejected')).toMatchObject({ label: 'PERSON', text: 'ReSurge' });
  });

  it('filters csv and CoNLL the same way', () => {
    const { dir, dbPath, hospital, date } = project();
    const csvPath = join(dir, 'gold.csv');
    const csv = runCli(['export', '--db', dbPath, '--format', 'csv', '--out', csvPath, '--annotator', ADJUDICATOR]);
    expect(csv.status).toBe(0);
    expect(csv.stdout).toContain('exported 1 document and 2 spans');
    const rows = parse(readFileSync(csvPath, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => [row.label, row.text, row.annotator])).toEqual([
      ['DATE', date, ADJUDICATOR],
      ['HOSPITAL', hospital, ADJUDICATOR],
    ]);

    const conll = runCli(['export', '--db', dbPath, '--format', 'conll', '--annotator', 'minh']);
    expect(conll.status).toBe(0);
    expect(conll.stdout).toMatch(/^City\s.*I-HOSPITAL$/m);
    expect(conll.stdout).toMatch(/^ReSurge\s.*B-PERSON$/m);
    // lan's hospital (not minh's) is left out with lan.
    expect(conll.stdout).not.toMatch(/^Central\s.*HOSPITAL$/m);
  });

  it('refuses an annotator with no spans, and a bundle limited to some annotators', () => {
    const { dir, dbPath } = project();
    const unknown = runCli(['export', '--db', dbPath, '--format', 'json', '--out', join(dir, 'x.json'), '--annotator', 'nobody']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/no spans by nobody \(annotators: adjudicated, lan, minh\)/);
    const bundle = runCli(['export', '--db', dbPath, '--format', 'bundle', '--out', join(dir, 'x.zip'), '--annotator', 'lan']);
    expect(bundle.status).not.toBe(0);
    expect(bundle.stderr).toMatch(/bundle holds the whole project/);
  });
});

describe('export:start with annotators', () => {
  it('writes only their spans, and refuses a name with no spans before any job starts', async () => {
    const { dir, dbPath, date } = project();
    const db = openProject(dbPath, { mustExist: true });
    try {
      const call = apiCaller(db, dbPath);
      const out = join(dir, 'gold.jsonl');
      const { jobId } = await call('export:start', { format: 'jsonl', annotators: [ADJUDICATOR], labels: ['DATE'], path: out });
      expect((await jobFinished(call, jobId)).state).toBe('done');
      const lines = readFileSync(out, 'utf8').trim().split('\n');
      const spans = (JSON.parse(lines[0] as string) as { spans: ExportedSpan[] }).spans;
      expect(spans.map((span) => [span.label, span.text, span.annotator])).toEqual([['DATE', date, ADJUDICATOR]]);
      await expect(call('export:start', { format: 'json', annotators: ['nobody'], path: join(dir, 'none.json') })).rejects.toThrow(/^failed: no spans by nobody/);
      await expect(call('export:start', { format: 'json', annotators: [], path: join(dir, 'none.json') })).rejects.toThrow(/^invalid_input/);
    } finally {
      db.close();
    }
  });
});
