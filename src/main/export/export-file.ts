import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { listLabels } from '../store/labels.js';
import { checkAnnotators, checkLabels, exportFramed, exportProject, type ExportOptions, type ExportReport } from './export-project.js';
import { bratFraming } from './formats/brat.js';

/** Where an export to `path` is written until it is complete: `PATH.<pid>.partial`. */
export function partialPath(path: string): string {
  return `${path}.${process.pid}.partial`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, and belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what earlier exports to `path` left when they were killed before
 * they could clean up: `PATH.<pid>.partial` files and folders whose process is
 * gone (and the `PATH.partial` of older versions). An export still running in
 * another process keeps its own.
 */
export function removeStalePartials(path: string): string[] {
  const folder = dirname(path);
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.partial')) continue;
    const middle = name.slice(prefix.length, -'.partial'.length);
    const stale = middle === '' || (/^\d+$/.test(middle) && Number(middle) !== process.pid && !processAlive(Number(middle)));
    if (!stale) continue;
    rmSync(join(folder, name), { recursive: true, force: true });
    removed.push(join(folder, name));
  }
  return removed;
}

/**
 * Exports to a file: written to `PATH.<pid>.partial` and renamed when complete,
 * so an interrupted or cancelled export never leaves a file that looks finished;
 * what a killed export left is removed by the next export to the same path. brat
 * needs a folder: `path` then names the folder (see exportToFolder).
 */
export async function exportToFile(db: Db, path: string, options: ExportOptions): Promise<ExportReport> {
  if (options.format === 'brat') return exportToFolder(db, path, options);
  removeStalePartials(path);
  const partial = partialPath(path);
  const out = createWriteStream(partial);
  try {
    const report = await exportProject(db, out, options);
    out.end();
    await finished(out);
    if (report.cancelled) rmSync(partial, { force: true });
    else renameSync(partial, path);
    return report;
  } catch (error) {
    out.destroy();
    rmSync(partial, { force: true });
    throw diskFullOr(error, path);
  }
}

/** A full disk said plainly, naming the export; any other error as it is. */
function diskFullOr(error: unknown, path: string): unknown {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return error;
  return new UserError(`${path}: the disk is full, so the export was not written (its partial file is removed; the project is unchanged). Free some space and export again.`);
}

/**
 * Exports brat standoff into a new folder `dir`, built as `DIR.<pid>.partial` and renamed
 * when complete. An existing `dir` is refused rather than mixed with old files.
 */
export async function exportToFolder(db: Db, dir: string, options: ExportOptions): Promise<ExportReport> {
  if (existsSync(dir)) throw new UserError(`${dir} already exists: a brat export writes a new folder`);
  checkLabels(db, options.labels);
  checkAnnotators(db, options.annotators);
  const labels = listLabels(db)
    .map((label) => label.name)
    .filter((name) => !options.labels || options.labels.includes(name));
  removeStalePartials(dir);
  const partial = partialPath(dir);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    const report = await exportFramed(db, options, bratFraming(partial, labels), () => Promise.resolve());
    if (report.cancelled) rmSync(partial, { recursive: true, force: true });
    else renameSync(partial, dir);
    return report;
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw diskFullOr(error, dir);
  }
}
