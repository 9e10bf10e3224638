import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { Db } from '../store/connection.js';
import { exportProject, type ExportOptions, type ExportReport } from './export-project.js';

/**
 * Exports to a file: written to `PATH.partial` and renamed when complete, so an
 * interrupted or cancelled export never leaves a file that looks finished.
 */
export async function exportToFile(db: Db, path: string, options: ExportOptions): Promise<ExportReport> {
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
