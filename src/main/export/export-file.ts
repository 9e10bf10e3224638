import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { listLabels } from '../store/labels.js';
import { checkAnnotators, checkLabels, exportFramed, exportProject, type ExportOptions, type ExportReport } from './export-project.js';
import { bratFraming } from './formats/brat.js';

/**
 * Exports to a file: written to `PATH.partial` and renamed when complete, so an
 * interrupted or cancelled export never leaves a file that looks finished. brat
 * needs a folder: `path` then names the folder (see exportToFolder).
 */
export async function exportToFile(db: Db, path: string, options: ExportOptions): Promise<ExportReport> {
  if (options.format === 'brat') return exportToFolder(db, path, options);
  const partial = `${path}.partial`;
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
    throw error;
  }
}

/**
 * Exports brat standoff into a new folder `dir`, built as `DIR.partial` and renamed
 * when complete. An existing `dir` is refused rather than mixed with old files.
 */
export async function exportToFolder(db: Db, dir: string, options: ExportOptions): Promise<ExportReport> {
  if (existsSync(dir)) throw new UserError(`${dir} already exists: a brat export writes a new folder`);
  checkLabels(db, options.labels);
  checkAnnotators(db, options.annotators);
  const labels = listLabels(db)
    .map((label) => label.name)
    .filter((name) => !options.labels || options.labels.includes(name));
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    const report = await exportFramed(db, options, bratFraming(partial, labels), () => Promise.resolve());
    if (report.cancelled) rmSync(partial, { recursive: true, force: true });
    else renameSync(partial, dir);
    return report;
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}
