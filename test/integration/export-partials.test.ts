import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runJob } from '../../src/main/jobs/run-job.js';
import { insertDocument } from '../../src/main/store/documents.js';
import { insertSpan } from '../../src/main/store/spans.js';
import { runCli, startCli } from '../helpers/cli.js';
import { createTestProject, tempDir } from '../helpers/project.js';

/** The pid of a process that has ended: nothing runs under it now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function partials(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.partial')).sort();
}

describe('what an interrupted export leaves', () => {
  it('is removed by the next export to the same place, unless its process still runs', async () => {
    const { db } = createTestProject();
    insertDocument(db, { title: 't', source: 's', text: 'Cho Ray Hospital', meta: {} });
    const folder = tempDir();
    const out = join(folder, 'dataset.jsonl');
    const live = spawn('sleep', ['60']);
    try {
      writeFileSync(`${out}.${deadPid()}.partial`, 'half a file');
      writeFileSync(`${out}.partial`, 'left by an older version');
      writeFileSync(`${out}.${live.pid}.partial`, 'another process is writing this one');
      mkdirSync(join(folder, `brat.${deadPid()}.partial`));
      writeFileSync(join(folder, 'unrelated.partial'), 'not ours');

      await runJob(db, { kind: 'export', path: out, format: 'jsonl', statuses: ['accepted'] });
      expect(existsSync(out)).toBe(true);
      await runJob(db, { kind: 'export', path: join(folder, 'brat'), format: 'brat', statuses: ['accepted'] });
      expect(statSync(join(folder, 'brat')).isDirectory()).toBe(true);
      expect(partials(folder)).toEqual([`dataset.jsonl.${live.pid}.partial`, 'unrelated.partial']);
    } finally {
      live.kill();
    }
  });

  it('an export killed mid-write leaves only a partial file named for its process, gone after the next export', { timeout: 120_000 }, async () => {
    const { db, dbPath } = createTestProject();
    const text = 'On 5 March 2024 Cho Ray Hospital treated 120 patients. '.repeat(40);
    db.transaction(() => {
      for (let i = 0; i < 20_000; i++) {
        const id = insertDocument(db, { title: `d${i}`, source: `d${i}.txt`, text: `${i} ${text}`, meta: {} }, { index: false }).id;
        for (let at = 0; at < 30; at++) insertSpan(db, { documentId: id, startCp: 20 + at * 56, endCp: 36 + at * 56, label: 'HOSPITAL', annotator: 'lan' });
      }
    })();
    db.close();
    const folder = tempDir();
    const out = join(folder, 'big.jsonl');
    const cli = startCli(['export', '--db', dbPath, '--format', 'jsonl', '--out', out]);
    // Killed once the partial file has grown: the export is part-way.
    for (;;) {
      const names = partials(folder);
      const name = names[0];
      if (name && statSync(join(folder, name)).size > 1024 * 1024) break;
      if (cli.exitCode !== null) throw new Error('the export ended before it could be killed');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    cli.kill('SIGKILL');
    await once(cli, 'exit');
    expect(partials(folder)).toEqual([`big.jsonl.${cli.pid}.partial`]);
    expect(existsSync(out)).toBe(false);

    const again = runCli(['export', '--db', dbPath, '--format', 'jsonl', '--out', out]);
    expect(again.status).toBe(0);
    expect(partials(folder)).toEqual([]);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(20_000);
  });
});
