import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startCli } from '../helpers/cli.js';
import { jsonLines, writeFiles } from '../helpers/files.js';
import { tempDir } from '../helpers/project.js';

const DOCUMENTS = 2500;

interface PipedRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly firstLine: string;
  readonly stderr: string;
}

/**
 * Runs the command line with its output read by a reader that goes away early,
 * as `| head -1` does: after the first line, or before anything (`linesRead: 0`).
 */
function runIntoEarlyCloser(args: readonly string[], linesRead: 0 | 1): Promise<PipedRun> {
  const child = startCli(args);
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  if (linesRead === 0) child.stdout.destroy();
  else {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('\n')) child.stdout.destroy();
    });
  }
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, firstLine: stdout.split('\n')[0] ?? '', stderr }));
  });
}

/**
 * Far more output than a pipe buffers (64 KiB on Linux), so the command is still
 * writing when its reader goes: every document mentions the searched word.
 */
function bigProject(dir: string): string {
  const docs = Array.from({ length: DOCUMENTS }, (_, i) => ({
    title: `Ward report ${i}`,
    text: `Ward report ${i}: Hue Central Hospital counted ${i * 3} beds on 0${(i % 9) + 1}/11/2025. `.repeat(12),
  }));
  writeFiles(dir, { 'reports.jsonl': jsonLines(docs) });
  const dbPath = join(dir, 'p.sqlite');
  const imported = runCli(['import', join(dir, 'reports.jsonl'), '--db', dbPath]);
  expect(imported.status).toBe(0);
  return dbPath;
}

describe('the command line in a pipeline whose reader stops early', () => {
  // One project for every case, kept until the last (tempDir() folders go after each test).
  const dir = mkdtempSync(join(tmpdir(), 'marginalia-pipes-'));
  let dbPath = '';
  beforeAll(() => {
    dbPath = bigProject(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['search', () => ['search', '--db', dbPath, '--limit', String(DOCUMENTS), 'hospital'], /^\d+\tWard report \d+$/u],
    ['export --out -', () => ['export', '--db', dbPath, '--format', 'jsonl', '--out', '-'], /^\{"id":1,/u],
    ['export --format spacy --out -', () => ['export', '--db', dbPath, '--format', 'spacy', '--out', '-'], /^\{"text":/u],
  ])('%s ends quietly with status 0 after the first line', async (_name, args, firstLine) => {
    const run = await runIntoEarlyCloser(args(), 1);
    expect(run.firstLine).toMatch(firstLine);
    expect(run.stderr).not.toMatch(/EPIPE|Error|\n\s+at /u);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
  });

  it.each([
    // A few documents: what matters here is the summary written to a closed pipe, not the work before it.
    ['suggest', () => ['suggest', '--db', dbPath, '--documents', '1,2,3']],
    ['suggest --json', () => ['suggest', '--db', dbPath, '--documents', '4,5,6', '--json']],
    ['stats', () => ['stats', '--db', dbPath]],
    ['labels', () => ['labels', '--db', dbPath]],
    ['--help', () => ['--help']],
  ])('%s ends quietly with status 0 when the reader is gone before it writes', async (_name, args) => {
    const run = await runIntoEarlyCloser(args(), 0);
    expect(run.stderr).not.toMatch(/EPIPE|Error|\n\s+at /u);
    expect(run.status).toBe(0);
  });

  it('still reports errors on standard error and fails', async () => {
    const run = await runIntoEarlyCloser(['search', '--db', join(tempDir(), 'missing.sqlite'), 'hospital'], 0);
    expect(run.stderr).toMatch(/^marginalia: /u);
    expect(run.stderr).not.toMatch(/\n\s+at /u);
    expect(run.status).toBe(1);
  });
});
