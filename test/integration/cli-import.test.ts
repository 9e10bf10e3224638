import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { runCli } from '../helpers/cli.js';
import { jsonLines, utf16WithBom, writeFiles } from '../helpers/files.js';
import { tempDir } from '../helpers/project.js';
import { openProject } from '../../src/main/store/connection.js';
import { insertDocument } from '../../src/main/store/documents.js';

function query<T>(dbPath: string, sql: string): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe('marginalia import', () => {
  it('imports the shared corpus, and a second run adds nothing', () => {
    const dbPath = join(tempDir(), 'corpus.sqlite');
    const first = runCli(['import', CORPUS_DIR, '--db', dbPath]);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^imported 5 documents \(0\.03 MB\), skipped 0 duplicates, rejected 0 files$/m);
    // The summary comes first, then the index catches up with what the import stored.
    expect(first.stdout).toMatch(/rejected 0 files\nindexed 5 documents for search\n/);
    const found = runCli(['search', '--db', dbPath, '--json', 'Moscow']);
    expect(found.stderr).toBe('');
    expect((JSON.parse(found.stdout) as { title: string }[]).map((hit) => hit.title)).toEqual([expect.stringMatching(/Moscow/)]);

    const docs = query<{ title: string; text: string; source: string }>(dbPath, 'SELECT title, text, source FROM documents ORDER BY id');
    expect(docs).toHaveLength(5);
    for (const doc of docs) expect(doc.text).toBe(readFileSync(doc.source, 'utf8'));
    // The betting link on the first line is spam: the headline after it is the title.
    const lines001 = (docs[1]?.text ?? '').split('\n');
    expect(lines001[0]).toMatch(/ae888/);
    expect(docs[1]?.title).toBe(lines001.slice(1).find((line) => line.trim() !== '')?.trim());

    const again = runCli(['import', CORPUS_DIR, '--db', dbPath]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/imported 0 documents \(0\.00 MB\), skipped 5 duplicates, rejected 0 files/);
    expect(again.stdout).not.toMatch(/indexed \d+ documents for search/);
    expect(again.stdout).toMatch(/001_[0-9a-f]+\.txt: duplicate of .*001_[0-9a-f]+\.txt, skipped/);
    expect(query<{ n: number }>(dbPath, 'SELECT count(*) AS n FROM documents')[0]?.n).toBe(5);
  });

  it('refuses bad files one by one, with place and reason, and imports the rest', () => {
    const dir = tempDir();
    const twentyMb = 'health '.repeat(3_000_000);
    writeFiles(join(dir, 'in'), {
      'empty.txt': '',
      'blank.txt': ' \n\t\r\n',
      'nul.txt': Buffer.from('Hue Central\0Hospital'),
      'photo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
      'latin1.txt': Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]),
      'utf16le.txt': utf16WithBom('Bệnh viện 🙈 Bạch Mai\r\nline two', 'le'),
      'utf16be.txt': utf16WithBom('Chợ Rẫy Hospital 𝄹\r\n', 'be'),
      'crlf.txt': 'First line\r\nSecond line\r\n',
      'huge.txt': twentyMb,
      'mixed.jsonl': ['{"text": "good one"}', '{"text": "broken"', '[1, 2]', '{"title": "no text"}', '{"text": "good two"}'].join('\n'),
      'quoted.csv': 'title,text,site\r\nA,"line one\r\nline ""two"", with comma",x\r\nB,"plain",y\r\n',
      'broken.json': '{"format": "marginalia", "documents": [',
    });
    const dbPath = join(dir, 'p.sqlite');
    const result = runCli(['import', join(dir, 'in'), '--db', dbPath]);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    const reasonFor = (name: string): string => lines.filter((line) => line.includes(name)).join(' | ');
    expect(reasonFor('empty.txt')).toMatch(/empty\.txt: empty file/);
    expect(reasonFor('blank.txt')).toMatch(/blank\.txt: file holds only white space/);
    expect(reasonFor('nul.txt')).toMatch(/nul\.txt: binary file \(NUL byte at byte offset 11\)/);
    expect(reasonFor('photo.png')).toMatch(/photo\.png: binary file/);
    expect(reasonFor('latin1.txt')).toMatch(/latin1\.txt: not valid UTF-8: byte 0xE9 at byte offset 3/);
    expect(reasonFor('mixed.jsonl')).toMatch(/mixed\.jsonl:2: invalid JSON/);
    expect(reasonFor('mixed.jsonl')).toMatch(/mixed\.jsonl:3: not a JSON object/);
    expect(reasonFor('mixed.jsonl')).toMatch(/mixed\.jsonl:4: no "text" field/);
    expect(reasonFor('broken.json')).toMatch(/broken\.json: invalid JSON/);
    expect(lines).toHaveLength(9);
    expect(result.stdout).toMatch(/imported 8 documents \(\d+\.\d\d MB\), skipped 0 duplicates, rejected 6 files, 1 file imported with 3 records refused/);

    const texts = query<{ text: string }>(dbPath, 'SELECT text FROM documents').map((row) => row.text);
    expect(texts).toContain('Bệnh viện 🙈 Bạch Mai\r\nline two');
    expect(texts).toContain('Chợ Rẫy Hospital 𝄹\r\n');
    expect(texts).toContain('First line\r\nSecond line\r\n');
    expect(texts).toContain('good one');
    expect(texts).toContain('good two');
    expect(texts).toContain('line one\r\nline "two", with comma');
    expect(texts).toContain(twentyMb);
    const csvMeta = query<{ meta: string }>(dbPath, "SELECT meta FROM documents WHERE title = 'B'")[0]?.meta;
    expect(JSON.parse(csvMeta ?? '{}')).toEqual({ site: 'y' });
  });

  it('reads another encoding when told to', () => {
    const dir = tempDir();
    writeFiles(dir, { 'latin1.txt': Buffer.from([0x43, 0x61, 0x66, 0xe9]) });
    const dbPath = join(dir, 'p.sqlite');
    const result = runCli(['import', join(dir, 'latin1.txt'), '--db', dbPath, '--encoding', 'windows-1252']);
    expect(result.status).toBe(0);
    expect(query<{ text: string }>(dbPath, 'SELECT text FROM documents')[0]?.text).toBe('Café');
  });

  it('merges spans of a document already in the project instead of duplicating it', () => {
    const dir = tempDir();
    const text = 'Dr Lan 🙈 works at Hue Central Hospital.';
    const start = [...text].indexOf('H');
    const span = { start, end: start + 20, label: 'HOSPITAL', text: 'Hue Central Hospital', annotator: 'lan', status: 'accepted' };
    writeFiles(dir, {
      'plain.txt': text,
      'lan.jsonl': jsonLines([{ title: 'x', text, meta: {}, spans: [span] }]),
      'minh.jsonl': jsonLines([{ title: 'x', text, meta: {}, spans: [span, { ...span, annotator: 'minh' }] }]),
    });
    const dbPath = join(dir, 'p.sqlite');
    expect(runCli(['import', join(dir, 'plain.txt'), '--db', dbPath]).status).toBe(0);
    const lan = runCli(['import', join(dir, 'lan.jsonl'), '--db', dbPath]);
    expect(lan.stdout).toMatch(/imported 0 documents .*skipped 1 duplicates, rejected 0 files, added 1 spans/);
    const minh = runCli(['import', join(dir, 'minh.jsonl'), '--db', dbPath]);
    expect(minh.stdout).toMatch(/added 1 spans/);
    expect(query(dbPath, 'SELECT annotator, start_cp, end_cp FROM spans ORDER BY annotator')).toEqual([
      { annotator: 'lan', start_cp: start, end_cp: start + 20 },
      { annotator: 'minh', start_cp: start, end_cp: start + 20 },
    ]);
  });

  it('refuses a span whose text does not match its offsets, hinting at UTF-16', () => {
    const dir = tempDir();
    const text = '🙈🙈 Hue Central Hospital is in Hue City';
    const startU16 = text.indexOf('Hue');
    writeFiles(dir, {
      'u16.jsonl': jsonLines([{ text, meta: {}, spans: [{ start: startU16, end: startU16 + 20, label: 'HOSPITAL', text: 'Hue Central Hospital' }] }]),
    });
    const result = runCli(['import', join(dir, 'u16.jsonl'), '--db', join(dir, 'p.sqlite')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/u16\.jsonl:1: .*UTF-16/);
  });

  it('says which path does not exist, and uses exit status 2 for usage errors', () => {
    const dir = tempDir();
    const missing = runCli(['import', join(dir, 'nowhere'), '--db', join(dir, 'p.sqlite')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nowhere: no such file or folder/);
    expect(runCli(['import', dir]).status).toBe(2);
    expect(runCli(['import', dir, '--db', join(dir, 'p.sqlite'), '--format', 'pdf']).status).toBe(2);
    writeFileSync(join(dir, 'bad.sqlite'), 'not a database at all '.repeat(100));
    const notDb = runCli(['import', dir, '--db', join(dir, 'bad.sqlite')]);
    expect(notDb.status).toBe(1);
    expect(notDb.stderr).toMatch(/^marginalia: .*bad\.sqlite: cannot open as a Marginalia project/);
    expect(notDb.stderr).not.toMatch(/\n\s+at /);
  });

  it('finishes the search index an interrupted import left behind', () => {
    const dir = tempDir();
    const dbPath = join(dir, 'p.sqlite');
    // As a killed import leaves a project: documents stored, the index not caught up with them.
    const db = openProject(dbPath);
    insertDocument(db, { title: 'Left behind', source: 'earlier', text: 'Hue Central Hospital reported leftover cases', meta: {} }, { index: false });
    db.close();
    writeFiles(join(dir, 'in'), { 'new.txt': 'Cho Ray Hospital opened a stroke unit' });

    const result = runCli(['import', join(dir, 'in'), '--db', dbPath]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^imported 1 documents .*\nindexed 2 documents for search$/m);
    expect(JSON.parse(runCli(['search', '--db', dbPath, '--json', 'leftover']).stdout)).toEqual([expect.objectContaining({ title: 'Left behind' })]);
    expect(query<{ n: number }>(dbPath, 'SELECT count(*) AS n FROM documents_fts_docsize')[0]?.n).toBe(2);
  });
});
