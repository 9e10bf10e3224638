import { megabytes } from '../format.js';
import type { ImportReport } from './pipeline.js';

/** `: lan 80, minh 40`, most first; spans that name nobody are `(no annotator)`. */
function byAnnotator(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  if (entries.length === 0) return '';
  return `: ${entries.map(([name, count]) => `${name === '' ? '(no annotator)' : name} ${count}`).join(', ')}`;
}

/** The one-line summary every import ends with. */
export function importSummary(report: ImportReport): string {
  const rejectedFiles = report.rejected.filter((problem) => problem.line === undefined).length;
  const rejectedLines = report.rejected.length - rejectedFiles;
  const parts = [
    `imported ${report.documentsImported} documents (${megabytes(report.textBytesImported)} MB)`,
    `skipped ${report.duplicates.length} duplicates`,
    `rejected ${rejectedFiles} files`,
  ];
  if (rejectedLines > 0) parts.push(`rejected ${rejectedLines} lines`);
  if (report.spansAdded > 0) parts.push(`added ${report.spansAdded} spans${byAnnotator(report.spansByAnnotator)}`);
  if (report.cancelled) parts.push('cancelled before the end');
  return parts.join(', ');
}
