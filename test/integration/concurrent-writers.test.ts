import { join } from 'node:path';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../src/main/server/browser-mode.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { startCli } from '../helpers/cli.js';
import { writeFiles } from '../helpers/files.js';
import { httpCaller } from '../helpers/http-api.js';
import { createTestProject, tempDir } from '../helpers/project.js';

let server: BrowserMode | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const WORDS = ['Hue', 'Central', 'Hospital', 'admitted', 'patients', 'on', 'Monday', 'after', 'the', 'flood', 'in', 'Da', 'Nang'];

/** A document of ordinary words; the seed keeps every file's text different, so none is skipped as a duplicate. */
function text(seed: number): string {
  const words: string[] = [];
  for (let i = 0; i < 60; i++) words.push(WORDS[(seed * 7 + i * 3 + (i % 5)) % WORDS.length] as string);
  return `Report ${seed}. ${words.join(' ')}.\n`;
}

describe('two writers on one project', () => {
  it('a command-line import and span edits over HTTP both go through, none refused as locked', { timeout: 240_000 }, async () => {
    const { db, dbPath } = createTestProject();
    const targets: { id: number; length: number }[] = [];
    for (let i = 0; i < 50; i++) {
      const body = text(100_000 + i);
      const id = insertDocument(db, { title: `target ${i}`, source: 'seed', text: body, meta: {} }).id;
      targets.push({ id, length: [...body].length });
    }
    const files: Record<string, string> = {};
    for (let i = 0; i < 4000; i++) files[`news-${String(i).padStart(4, '0')}.txt`] = text(i);
    const folder = writeFiles(join(tempDir(), 'corpus'), files);

    server = await startBrowserMode({ db, dbPath, port: 0, staticDir: tempDir() });
    const call = httpCaller(server);

    // Small commits: the import takes and releases the write lock thousands of times while edits arrive.
    const cli = startCli(['import', folder, '--db', dbPath, '--commit-every', '20']);
    let stderr = '';
    cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let importing = true;
    const exited = once(cli, 'exit').then(([code]) => {
      importing = false;
      return code as number | null;
    });

    const acknowledged: number[] = [];
    const refused: string[] = [];
    let whileImporting = 0;
    // Offsets walk through every target document, so no two edits ask for the same span.
    for (let n = 0; n < 3000 || importing; n++) {
      const target = targets[n % targets.length] as { id: number; length: number };
      const start = Math.floor(n / targets.length) % (target.length - 1);
      const result = await call('spans:create', { documentId: target.id, startCp: start, endCp: start + 1, label: 'FIGURE', annotator: `writer${Math.floor(n / (targets.length * (target.length - 1)))}` });
      if (result.ok) acknowledged.push(result.value.id);
      else refused.push(result.error.message);
      if (importing) whileImporting += 1;
    }

    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/locked|busy/i);
    expect(refused).toEqual([]);
    // The edits overlapped the import rather than running after it.
    expect(whileImporting).toBeGreaterThan(100);
    const stored = db.prepare('SELECT id FROM spans WHERE id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(acknowledged));
    expect(stored).toHaveLength(acknowledged.length);
    expect(db.prepare("SELECT count(*) FROM documents WHERE source <> 'seed'").pluck().get()).toBe(4000);
  });
});
