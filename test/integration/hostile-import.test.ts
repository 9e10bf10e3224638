/**
 * Input built to hurt the import: link loops, zip bombs, JSON nested past the
 * stack, files that break part-way, and file names that are terminal escape
 * codes or not UTF-8. Each is refused or reported with a clear reason, quickly,
 * leaving nothing half-stored or unpacked behind.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { constants, crc32, createDeflateRaw } from 'node:zlib';
import { strToU8, Zip, ZipDeflate, ZipPassThrough, type ZipInputFile } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importPaths, type ImportOptions } from '../../src/main/import/pipeline.js';
import { importSummary } from '../../src/main/import/summary.js';
import type { Db } from '../../src/main/store/connection.js';
import { CLI } from '../helpers/cli.js';
import { jsonLines, writeFiles } from '../helpers/files.js';
import { createTestProject, tempDir } from '../helpers/project.js';

const MIB = 1024 * 1024;

function count(db: Db, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** Runs the built command line with raw bytes allowed in its arguments (through the shell), bounded in time so a hang fails. */
function runCliShell(script: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('sh', ['-c', script], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, CLI, NODE: process.execPath } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a symlink loop', () => {
  it('is reported once per link, and the folder is imported in one pass', () => {
    const dir = tempDir();
    writeFiles(join(dir, 'in'), { 'a.txt': 'Bach Mai Hospital opened a ward.', 'sub/b.txt': 'Cho Ray Hospital opened a ward.' });
    symlinkSync('..', join(dir, 'in', 'sub', 'parent'));
    symlinkSync(join(dir, 'in'), join(dir, 'in', 'sub', 'again'));
    const result = runCliShell(`"$NODE" "$CLI" import "${join(dir, 'in')}" --db "${join(dir, 'p.sqlite')}"`);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${join(dir, 'in', 'sub', 'again')}: link loop: ${join(dir, 'in', 'sub', 'again')} points back to ${join(dir, 'in')}, which is being read; not followed`,
      `${join(dir, 'in', 'sub', 'parent')}: link loop: ${join(dir, 'in', 'sub', 'parent')} points back to ${join(dir, 'in')}, which is being read; not followed`,
    ]);
    expect(result.stdout).toMatch(/imported 2 documents .*, rejected 0 files, skipped 2 links that loop back/);
  });
});

/**
 * The raw deflate stream of `mib` MiB of zeros, a piece at a time. Once the
 * window is all zeros every further MiB compresses to the same bytes, so the
 * compressor is run for two MiB and its steady piece repeated.
 */
async function* deflatedZeros(mib: number): AsyncGenerator<Uint8Array> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const zeros = Buffer.alloc(MIB);
  const next = async (): Promise<Buffer> => {
    deflater.write(zeros);
    await new Promise<void>((resolve) => deflater.flush(constants.Z_SYNC_FLUSH, () => resolve()));
    return Buffer.concat(out.splice(0));
  };
  yield await next();
  const steady = await next();
  expect(await next()).toEqual(steady);
  for (let n = 1; n < mib; n++) yield steady;
  deflater.end();
  await new Promise<void>((resolve) => deflater.on('end', () => resolve()));
  yield Buffer.concat(out.splice(0));
}

/** A bundle whose manifest is good and whose marginalia.json is `mib` MiB of zeros, written to `path` as it is made. */
async function writeZeroBomb(path: string, mib: number): Promise<void> {
  const fd = openSync(path, 'w');
  try {
    const zip = new Zip((error, data) => {
      if (error) throw error;
      writeSync(fd, data);
    });
    const manifest = new ZipDeflate('manifest.json');
    zip.add(manifest);
    manifest.push(strToU8(JSON.stringify({ format: 'marginalia-bundle', version: 1, counts: {} })), true);
    const duplicates = new ZipDeflate('duplicates.json');
    zip.add(duplicates);
    duplicates.push(strToU8('{"clusters":[]}'), true);
    const project: ZipInputFile = { filename: 'marginalia.json', compression: 8, size: 0, crc: 0 };
    zip.add(project);
    const send = project.ondata as (error: null, data: Uint8Array, final: boolean) => void;
    for await (const piece of deflatedZeros(mib)) send(null, piece, false);
    const zeros = Buffer.alloc(MIB);
    let crc = 0;
    for (let n = 0; n < mib; n++) crc = crc32(zeros, crc);
    project.size = mib * MIB;
    project.crc = crc;
    send(null, new Uint8Array(0), true);
    zip.end();
  } finally {
    closeSync(fd);
  }
}

/** A zip of `entries` tiny files, streamed to `path`. */
function writeManyEntries(path: string, entries: number): void {
  const fd = openSync(path, 'w');
  try {
    const zip = new Zip((error, data) => {
      if (error) throw error;
      writeSync(fd, data);
    });
    const manifest = new ZipPassThrough('manifest.json');
    zip.add(manifest);
    manifest.push(strToU8(JSON.stringify({ format: 'marginalia-bundle', version: 1 })), true);
    for (let n = 0; n < entries; n++) {
      const entry = new ZipPassThrough(`e/${n}`);
      zip.add(entry);
      entry.push(strToU8('x'), true);
    }
    zip.end();
  } finally {
    closeSync(fd);
  }
}

/**
 * Imports `path` into a fresh project with the temporary folder (where bundles
 * are unpacked) pointed at an empty one; returns the report, what was left in
 * that folder, and how long the import took.
 */
async function importWithScratchTmp(path: string): Promise<{ report: Awaited<ReturnType<typeof importPaths>>; left: string[]; seconds: number }> {
  const { db } = createTestProject();
  const scratch = tempDir();
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  try {
    const started = performance.now();
    const report = await importPaths(db, [path]);
    return { report, left: readdirSync(scratch), seconds: (performance.now() - started) / 1000 };
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}

describe('zip bombs', () => {
  it('refuses a 2 MB bundle that unpacks to 2 GiB, saying which limit, and leaves nothing unpacked', async () => {
    const bomb = join(tempDir(), 'bomb.zip');
    await writeZeroBomb(bomb, 2048);
    const { report, left, seconds } = await importWithScratchTmp(bomb);
    expect(report.rejected).toEqual([{ path: bomb, reason: expect.stringMatching(/^unpacks to more than 100 times its size \(\d+ MB from its first 0\.\d\d MB of 2\.\d\d MB\): refused as a zip bomb$/) as string }]);
    expect(report.documentsImported).toBe(0);
    expect(left).toEqual([]);
    console.info(`zip bomb refused in ${seconds.toFixed(2)} s`);
  });

  it('refuses a bundle of 200,000 entries by their number', async () => {
    const many = join(tempDir(), 'many.zip');
    writeManyEntries(many, 200_000);
    const { report, left, seconds } = await importWithScratchTmp(many);
    expect(report.rejected).toEqual([{ path: many, reason: 'holds more than 1000 files (a bundle holds 3): refused as a zip bomb' }]);
    expect(left).toEqual([]);
    console.info(`bundle of 200,000 entries refused in ${seconds.toFixed(2)} s`);
  });
});

/** JSON nested `depth` levels: arrays in arrays. */
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('JSON nested deeper than the stack', () => {
  const deepLine = `{"text": "deep one", "meta": {"x": ${nested(100_000)}}}`;

  it('refuses a deeply nested JSON line with its own message, and imports the other lines', async () => {
    const dir = writeFiles(tempDir(), { 'deep.jsonl': [JSON.stringify({ text: 'first' }), deepLine, JSON.stringify({ text: 'third' })].join('\n') });
    for (const options of [{ readAheadWorkers: 0 }, { streamAheadFrom: 1 }] satisfies ImportOptions[]) {
      const { db } = createTestProject();
      const report = await importPaths(db, [join(dir, 'deep.jsonl')], options);
      expect(report.rejected).toEqual([{ path: join(dir, 'deep.jsonl'), line: 2, reason: 'nested deeper than 256 levels at line 2' }]);
      expect(report.documentsImported).toBe(2);
    }
  });

  it('refuses a deeply nested document of a json file with its line, read whole or element by element', async () => {
    const file = ['[', `  ${JSON.stringify({ text: 'first' })},`, `  {"text": "deep",`, `   "meta": ${nested(300)}},`, `  ${JSON.stringify({ text: 'third' })}`, ']'].join('\n');
    const dir = writeFiles(tempDir(), { 'deep.json': file });
    for (const options of [{}, { streamJsonAbove: 0, readAheadWorkers: 0 }, { streamJsonAbove: 0, streamAheadFrom: 1 }] satisfies ImportOptions[]) {
      const { db } = createTestProject();
      const report = await importPaths(db, [join(dir, 'deep.json')], options);
      expect(report.rejected).toEqual([{ path: join(dir, 'deep.json'), reason: 'document 2: nested deeper than 256 levels at line 4' }]);
      expect(report.documentsImported).toBe(2);
    }
  });
});

describe('one file is one unit', () => {
  const ward = { name: 'WARD', display_name: 'Ward', color: '#336699', key: null };
  const doc = (text: string) => ({ title: text, text, meta: {}, spans: [{ start: 0, end: 4, label: 'WARD', text: text.slice(0, 4) }] });
  const head = `{"format": "marginalia", "version": 1, "labels": [${JSON.stringify(ward)}], "documents": [\n`;

  it('stores nothing of a json file refused part-way, on the import thread or in the stream worker', async () => {
    const truncated = `${head}${JSON.stringify(doc('Ward 7 opened.'))},\n${JSON.stringify(doc('Ward 9 closed.'))},\n{"text": "cut sh`;
    const dir = writeFiles(tempDir(), { 'cut.json': truncated });
    for (const options of [{ streamJsonAbove: 0, readAheadWorkers: 0 }, { streamJsonAbove: 0, streamAheadFrom: 1 }] satisfies ImportOptions[]) {
      const { db } = createTestProject();
      const report = await importPaths(db, [join(dir, 'cut.json')], options);
      expect(report.rejected).toEqual([{ path: join(dir, 'cut.json'), reason: 'invalid JSON at line 4: unexpected end of JSON input' }]);
      expect({ documents: count(db, 'documents'), spans: count(db, 'spans') }).toEqual({ documents: 0, spans: 0 });
      expect(db.prepare("SELECT name FROM labels WHERE name = 'WARD'").all()).toEqual([]);
      expect(report).toMatchObject({ documentsImported: 0, spansAdded: 0, spansByAnnotator: {} });
      expect(importSummary(report)).toMatch(/^imported 0 documents \(0\.00 MB\), skipped 0 duplicates, rejected 1 files$/);
    }
  });

  it('stores nothing of a file refused after parts of it were committed (it was larger than a transaction)', async () => {
    const records = [doc('Ward 1 opened.'), ...Array.from({ length: 25 }, (_, index) => doc(`Ward ${index + 2} opened.`))];
    const truncated = `${head}${records.map((record) => JSON.stringify(record)).join(',\n')},\n{"text": "cut sh`;
    const dir = writeFiles(tempDir(), { 'cut.json': truncated, 'fine.json': JSON.stringify([{ text: 'Ward 99 closed.' }]) });
    for (const options of [
      { streamJsonAbove: 0, readAheadWorkers: 0, batchDocuments: 10 },
      { streamJsonAbove: 0, streamAheadFrom: 1, batchDocuments: 10 },
    ] satisfies ImportOptions[]) {
      const { db } = createTestProject();
      // A document already there: the refused file repeats it and adds a span, which must go too.
      await importPaths(db, [join(writeFiles(tempDir(), { 'old.json': JSON.stringify([{ text: 'Ward 1 opened.' }]) }), 'old.json')]);
      const report = await importPaths(db, [dir], options);
      expect(report.rejected).toEqual([{ path: join(dir, 'cut.json'), reason: 'invalid JSON at line 28: unexpected end of JSON input' }]);
      expect(db.prepare('SELECT text FROM documents ORDER BY id').all()).toEqual([{ text: 'Ward 1 opened.' }, { text: 'Ward 99 closed.' }]);
      expect(count(db, 'spans')).toBe(0);
      expect(db.prepare("SELECT name FROM labels WHERE name = 'WARD'").all()).toEqual([]);
      expect(report).toMatchObject({ documentsImported: 1, spansAdded: 0, spansByAnnotator: {} });
      // The search index still covers exactly the documents there, and a new document is found.
      await importPaths(db, [writeFiles(tempDir(), { 'new.txt': 'Ward 100 reopened.' })]);
      expect(db.prepare("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'ward' ORDER BY rowid").all()).toEqual(
        db.prepare('SELECT id AS rowid FROM documents ORDER BY id').all(),
      );
      expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    }
  });

  it('says a file whose bad records were skipped was imported with records refused, not rejected', async () => {
    const dir = writeFiles(tempDir(), {
      'mixed.json': JSON.stringify([{ text: 'Ward 7 opened.' }, { title: 'no text' }, { text: 'Ward 9 closed.' }, 42]),
      'lines.jsonl': jsonLines([{ text: 'Ward 3 moved.' }, { text: '' }]),
      'bad.txt': Buffer.from([0xc3, 0x28]),
    });
    const { db } = createTestProject();
    const report = await importPaths(db, [dir]);
    expect(report.rejected.map((problem) => problem.reason)).toEqual([
      expect.stringMatching(/^not valid UTF-8: byte 0xC3 at byte offset 0 /),
      'empty text',
      'document 2: no "text" field (a string is needed)',
      'document 4: not a JSON object',
    ]);
    expect(importSummary(report)).toBe('imported 3 documents (0.00 MB), skipped 0 duplicates, rejected 1 files, 2 files imported with 3 records refused');
  });
});

describe('file names', () => {
  it('shows control characters in file names visibly, in the report and on the terminal', async () => {
    const dir = tempDir();
    const red = 'red\u001b[31m.txt';
    writeFiles(join(dir, 'in'), { [red]: Buffer.from([0xc3, 0x28]), 'good.txt': 'Bach Mai Hospital.', 'copy\u0007.txt': 'Bach Mai Hospital.' });
    const { db } = createTestProject();
    const report = await importPaths(db, [join(dir, 'in')]);
    expect(report.rejected.map((problem) => problem.path)).toEqual([join(dir, 'in', 'red\\u001b[31m.txt')]);

    const result = runCliShell(`"$NODE" "$CLI" import "${join(dir, 'in')}" --db "${join(dir, 'p.sqlite')}"`);
    expect(result.status).toBe(1);
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    expect(result.stdout + result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(result.stderr).toContain(`${join(dir, 'in', 'red\\u001b[31m.txt')}: not valid UTF-8`);
    expect(result.stdout).toContain(`${join(dir, 'in', 'good.txt')}: duplicate of ${join(dir, 'in', 'copy\\u0007.txt')}, skipped`);
  });

  it('imports a file whose name is not UTF-8, from its folder or by its name, showing it with replacement marks', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'in'));
    // "café.txt" in Latin-1: the é is the byte 0xE9, which is not UTF-8.
    const latin1 = Buffer.concat([Buffer.from(join(dir, 'in', 'caf')), Buffer.from([0xe9]), Buffer.from('.txt')]);
    writeFileSync(latin1, 'Cafe near Bach Mai Hospital.');
    const shown = join(dir, 'in', 'caf\uFFFD.txt');

    const fromFolder = createTestProject();
    const walked = await importPaths(fromFolder.db, [join(dir, 'in')]);
    expect(walked).toMatchObject({ documentsImported: 1, rejected: [] });
    expect(fromFolder.db.prepare('SELECT source FROM documents').all()).toEqual([{ source: shown }]);

    // A name given as an argument reaches Node with the replacement mark in place of the byte.
    const byName = createTestProject();
    expect(await importPaths(byName.db, [shown])).toMatchObject({ documentsImported: 1, rejected: [] });

    const result = runCliShell(`"$NODE" "$CLI" import "$(printf '${join(dir, 'in', 'caf')}\\351.txt')" --db "${join(dir, 'p.sqlite')}"`);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/imported 1 documents/);

    // A brat pair whose names are not UTF-8 is still read as a pair.
    const bratDir = join(dir, 'brat');
    mkdirSync(bratDir);
    const stem = Buffer.concat([Buffer.from(join(bratDir, 'b')), Buffer.from([0xe1]), Buffer.from('o')]);
    writeFileSync(Buffer.concat([stem, Buffer.from('.txt')]), 'Bach Mai Hospital opened a ward.');
    writeFileSync(Buffer.concat([stem, Buffer.from('.ann')]), 'T1\tHOSPITAL 0 17\tBach Mai Hospital\n');
    for (const readAheadWorkers of [0, 1]) {
      const brat = createTestProject();
      expect(await importPaths(brat.db, [bratDir], { readAheadWorkers })).toMatchObject({ documentsImported: 1, spansAdded: 1, rejected: [] });
      expect(brat.db.prepare('SELECT label, start_cp, end_cp FROM spans').all()).toEqual([{ label: 'HOSPITAL', start_cp: 0, end_cp: 17 }]);
    }

    writeFileSync(latin1, Buffer.from([0xff]));
    const refused = runCliShell(`"$NODE" "$CLI" import "${join(dir, 'in')}" --db "${join(dir, 'q.sqlite')}"`);
    expect(refused.stderr).toMatch(new RegExp(`^${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid UTF-8: byte 0xFF at byte offset 0 [^\n]*\n$`));
  });
});
