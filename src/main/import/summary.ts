import { countOf } from '../../shared/plural.js';
import { megabytes } from '../format.js';
import type { ImportReport } from './pipeline.js';

/** `: lan 80, minh 40`, most first; spans that name nobody are `(no annotator)`. */
function byAnnotator(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  if (entries.length === 0) return '';
  return `: ${entries.map(([name, count]) => `${name === '' ? '(no annotator)' : name} ${count}`).join(', ')}`;
}

/**
 * The one-line summary every import ends with. A file is "rejected" only when
 * nothing of it went in; one whose bad records were left out was imported, and
 * the summary says how many records it refused: one file of 5 bad records is
 * `rejected 0 files, 1 file imported with 5 records refused`, never 5 files.
 * Warnings (spans a file holds that were not read) are counted; each is listed apart.
 */
export function importSummary(report: ImportReport): string {
  const parts = [
    `imported ${report.documentsImported} documents (${megabytes(report.textBytesImported)} MB)`,
    `skipped ${report.duplicates.length} duplicates`,
    `rejected ${report.filesRejected} files`,
  ];
  if (report.recordsRejected > 0) {
    parts.push(`${countOf(report.filesWithRecordsRejected, 'file')} imported with ${countOf(report.recordsRejected, 'record')} refused`);
  }
  if (report.warnings.length > 0) parts.push(countOf(report.warnings.length, 'warning'));
  if (report.linkLoops > 0) parts.push(`skipped ${report.linkLoops} links that loop back`);
  if (report.spansAdded > 0) parts.push(`added ${report.spansAdded} spans${byAnnotator(report.spansByAnnotator)}`);
  if (report.cancelled) parts.push('cancelled before the end');
  return parts.join(', ');
}
