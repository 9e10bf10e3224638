import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPaths } from '../../src/main/import/pipeline.js';
import { ReadAhead } from '../../src/main/import/read-ahead.js';
import { walkPaths } from '../../src/main/import/walk.js';
import { contentHash } from '../../src/main/store/documents.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { createTestProject, tempDir } from '../helpers/project.js';
import { reportedByImport, storedByImport } from '../helpers/stored.js';

/** A folder mixing the real corpus with every kind of file a whole-file read meets, good and bad. */
function mixedFolder(): string {
  const dir = tempDir();
  cpSync(CORPUS_DIR, join(dir, 'corpus'), { recursive: true });
  const own = join(dir, 'own');
  mkdirSync(own);
  for (let n = 0; n < 40; n++) {
    const lineBreak = n % 3 === 0 ? '\r\n' : '\n';
    const text = [
      `Report ${n} from Hanoi`,
      `Bach Mai Hospital 🏥 admitted ${n * 7} patients on ${n + 1} March.`,
      `Dr. Nguyen saw the wor\u{1D11E}kers again${n % 5 === 0 ? ' | casino | betting | jackpot |' : ''}.`,
      'Photo: Staff writer',
    ].join(lineBreak);
    writeFileSync(join(own, `note-${String(n).padStart(2, '0')}.txt`), text);
  }
  writeFileSync(join(own, 'copy-of-note-01.txt'), 'Report 1 from Hanoi\nBach Mai Hospital 🏥 admitted 7 patients on 2 March.\nDr. Nguyen saw the wor\u{1D11E}kers again.\nPhoto: Staff writer');
  writeFileSync(join(own, 'heading.md'), '# A heading title\n\nSome *markdown* text about Cho Ray Hospital.\n');
  writeFileSync(join(own, 'page.html'), '<html><head><title>Clinic news</title><script>x()</script></head><body><p>Hue Central Hospital opened.</p></body></html>');
  writeFileSync(join(own, 'rows.csv'), 'text,region\n"Two lines,\nquoted",north\nPlain row,south\n');
  writeFileSync(join(own, 'brat-doc.txt'), 'Dr. Tran visited Bach Mai.');
  writeFileSync(join(own, 'brat-doc.ann'), 'T1\tPERSON 0 8\tDr. Tran\nT2\tHOSPITAL 17 25\tBach Mai\nT3\tBROKEN x y\toops\n');
  writeFileSync(join(own, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('UTF-16 text about Hue.', 'utf16le')]));
  writeFileSync(join(own, 'bad-utf8.txt'), Buffer.from([0x61, 0x62, 0xc3, 0x28, 0x63]));
  writeFileSync(join(own, 'nul.txt'), Buffer.from([0x61, 0x00, 0x62]));
  writeFileSync(join(own, 'empty.txt'), '');
  writeFileSync(join(own, 'picture.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return dir;
}

describe('reading ahead in a worker thread', () => {
  it('stores exactly what reading on the import thread stores, and reports the same problems', async () => {
    const folder = mixedFolder();
    const onThread = createTestProject();
    const inWorker = createTestProject();
    const alone = await importPaths(onThread.db, [folder], { readAheadWorkers: 0 });
    const ahead = await importPaths(inWorker.db, [folder], { readAheadWorkers: 1, readAheadFrom: 1 });

    expect(reportedByImport(ahead)).toEqual(reportedByImport(alone));
    expect(storedByImport(inWorker.db)).toEqual(storedByImport(onThread.db));
    // The comparison means something only if the folder exercised the paths that differ.
    expect(alone.documentsImported).toBeGreaterThan(45);
    expect(alone.duplicates.map((duplicate) => duplicate.path)).toEqual([join(folder, 'own', 'note-01.txt')]);
    expect(alone.rejected.map((problem) => problem.path).sort()).toEqual(
      ['bad-utf8.txt', 'brat-doc.ann', 'empty.txt', 'nul.txt', 'picture.png'].map((name) => join(folder, 'own', name)),
    );
    const noiseKinds = new Set((storedByImport(onThread.db) as { noise: { kind: string }[] }).noise.map((mark) => mark.kind));
    expect(noiseKinds).toEqual(new Set(['boilerplate', 'injected_char', 'spam_line']));
  });

  it('reads the files it is asked for in the worker, with their hashes, and leaves the others to the caller', async () => {
    const { files } = walkPaths([mixedFolder()]);
    const wanted = (file: { path: string }) => !file.path.endsWith('.md');
    const readAhead = new ReadAhead(wanted, (file) => file.path, {});
    readAhead.plan(files, 1);
    try {
      for (const [index, file] of files.entries()) {
        const read = await readAhead.take(index);
        if (!wanted(file)) {
          expect(read).toBeUndefined();
          continue;
        }
        expect(read, file.path).toBeDefined();
        if (!read?.outcome.ok) continue;
        read.outcome.items.forEach((item, at) => {
          if (item.kind === 'record') expect(read.prepared[at]?.contentHash).toBe(contentHash(item.text));
        });
      }
    } finally {
      readAhead.close();
    }
  });

  it('is used with two workers as with one', async () => {
    const folder = mixedFolder();
    const one = createTestProject();
    const two = createTestProject();
    await importPaths(one.db, [folder], { readAheadWorkers: 1, readAheadFrom: 1 });
    await importPaths(two.db, [folder], { readAheadWorkers: 2, readAheadFrom: 1 });
    expect(storedByImport(two.db)).toEqual(storedByImport(one.db));
  });
});
