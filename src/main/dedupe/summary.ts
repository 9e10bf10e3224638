import type { DetectReport } from './detect.js';

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The one-line summary a detection job ends with. */
export function detectSummary(report: DetectReport): string {
  const { added, totals } = report;
  const parts = [
    `checked ${plural(report.documentsChecked, 'document')} for duplicates`,
    `${plural(added.clusters, 'new cluster')} (${totals.clusters} in all)`,
    `${plural(added.passages, 'passage')}, ${plural(added.sentences, 'sentence')}, ${plural(added.containedMembers, 'passage')} contained or containing ` +
      `and ${plural(added.documentMembers, 'whole document')} newly linked`,
  ];
  if (report.cancelled) parts.push('cancelled before the end');
  return parts.join(', ');
}

/** The lines `marginalia dedupe` prints. */
export function detectReportLines(report: DetectReport): string[] {
  const { added, totals } = report;
  const width = String(Math.max(totals.clusters, totals.passages, totals.sentences, totals.containedMembers, totals.documents)).length;
  const row = (name: string, fresh: number, all: number, detail = ''): string =>
    `${name.padEnd(10)} ${String(fresh).padStart(width)} new, ${String(all).padStart(width)} in all${detail}`;
  const lines = [
    `checked ${plural(report.documentsChecked, 'document')} (threshold ${report.threshold}, containment ${report.containment}, ` +
      `passages and sentences of at least ${report.minChars} characters)`,
    row(
      'clusters',
      added.clusters,
      totals.clusters,
      ` (${totals.passageClusters} of passages, ${totals.sentenceClusters} of sentences, ${totals.containedClusters} contained in, ` +
        `${totals.documentClusters} of whole documents)`,
    ),
    row('passages', added.passages, totals.passages),
    row('sentences', added.sentences, totals.sentences),
    row('contained', added.containedMembers, totals.containedMembers, ' (passages contained in others, and those holding them)'),
    row('documents', added.documents, totals.documents),
  ];
  if (report.cancelled) lines.push('cancelled before the end; run again to finish');
  return lines;
}
