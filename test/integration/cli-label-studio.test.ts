/** Label Studio's exports through the command line, and the warning for spans no reader read. */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/project.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/label-studio/', import.meta.url));

describe('marginalia import and export with Label Studio', () => {
  it('imports a JSON_MIN export with its spans, and writes tasks with ids back', () => {
    const dir = tempDir();
    const db = join(dir, 'p.sqlite');
    const source = join(dir, 'project-3-at-2031-03-05.json');
    copyFileSync(join(FIXTURES, 'project-3-json-min.json'), source);
    const imported = runCli(['import', source, '--db', db]);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stderr).not.toMatch(/warning/);
    expect(imported.stdout).toMatch(/^imported 3 documents \(0\.00 MB\), skipped 1 duplicates, rejected 0 files, added 8 spans: 1 6, 2 2$/m);

    const out = join(dir, 'back.json');
    expect(runCli(['export', '--db', db, '--format', 'labelstudio', '--out', out]).status).toBe(0);
    const tasks = JSON.parse(readFileSync(out, 'utf8')) as { id: unknown; annotations: unknown[] }[];
    expect(tasks.map((task) => task.id)).toEqual([1, 2, 3]);
    expect(tasks.map((task) => task.annotations.length)).toEqual([2, 1, 0]);
  });

  it('warns, naming the file, the record and the field, when spans in a file were kept as meta', () => {
    const dir = tempDir();
    const db = join(dir, 'p.sqlite');
    const file = join(dir, 'notes.json');
    writeFileSync(file, JSON.stringify([{ text: 'Ward 4 of Riverside Hospital', entities: [{ start: 10, end: 28, label: 'HOSPITAL' }] }]));
    const result = runCli(['import', file, '--db', db]);
    // Everything went in, so the status says success; the warning says what may not be what was meant.
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(`${file}: warning: record 1: no spans were read, but field "entities" looks like spans (1 object with start, end and label)`);
    expect(result.stdout).toMatch(/rejected 0 files, 1 warning$/m);
  });
});
