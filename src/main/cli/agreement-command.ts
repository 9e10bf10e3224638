import { Command } from 'commander';
import { UsageError, UserError } from '../errors.js';
import { openProject } from '../store/connection.js';
import { agreementDesign } from '../teams/agreement-design.js';
import { measureAgreement, type AgreementReport, type SpanAgreement } from '../teams/agreement.js';
import type { AlphaFigures } from '../teams/krippendorff-alpha.js';
import type { KappaFigures } from '../teams/cohen-kappa.js';
import { parseIds, parseList, say } from './options.js';
import { progressLine } from './progress.js';
import { plainCountOf } from '../../shared/plural.js';

interface AgreementCliOptions {
  db: string;
  annotators?: readonly string[];
  labels?: readonly string[];
  documents?: readonly number[];
  json?: boolean;
}

function figure(value: number | null): string {
  return value === null ? '–' : value.toFixed(3);
}

function spanLine(spans: SpanAgreement): string {
  return (
    `span F1 exact ${figure(spans.exactF1)} (${spans.exactMatches} matches), overlap ${figure(spans.overlapF1)} ` +
    `(${spans.overlapMatches} matches) of ${spans.spansA} + ${spans.spansB} spans`
  );
}

function kappaLine(kappa: KappaFigures): string {
  return `κ ${figure(kappa.kappa)} (p_o ${figure(kappa.observedAgreement)}, p_e ${figure(kappa.expectedAgreement)}, ${kappa.items} tokens)`;
}

function alphaLine(alpha: AlphaFigures): string {
  return (
    `α ${figure(alpha.alpha)} (D_o ${figure(alpha.observedDisagreement)}, D_e ${figure(alpha.expectedDisagreement)}, ` +
    `${alpha.units} tokens, ${Math.round(alpha.pairableValues)} values)`
  );
}

/** The report as lines of text: overall, then per pair and label; per document only in JSON. */
export function agreementLines(report: AgreementReport): string[] {
  const lines = [
    `annotators ${report.annotators.join(', ')}; labels ${report.labels.join(', ') || '(none)'}`,
    `${plainCountOf(report.documentsCompared, 'document')} compared, ${report.leftOut.length} left out`,
    `all annotators: ${alphaLine(report.alpha)}`,
  ];
  for (const label of report.alpha.byLabel) lines.push(`  ${label.label.padEnd(12)} ${alphaLine(label)}`);
  for (const pair of report.pairs) {
    const skipped = pair.leftOut.length > 0 ? ` (${pair.leftOut.length} compared by others left out: not annotated by both)` : '';
    lines.push(`${pair.annotators.join(' / ')}: ${plainCountOf(pair.documents, 'document')}${skipped}, ${plainCountOf(pair.tokens, 'token')}`);
    lines.push(`  ${'all labels'.padEnd(12)} ${spanLine(pair)}; ${kappaLine(pair.kappa)}; ${alphaLine(pair.alpha)}`);
    for (const label of pair.byLabel) lines.push(`  ${label.label.padEnd(12)} ${spanLine(label)}; ${kappaLine(label.kappa)}`);
  }
  for (const document of report.leftOut.slice(0, 20)) lines.push(`left out: document ${document.documentId}: ${document.reason}`);
  if (report.leftOut.length > 20) lines.push(`left out: ${report.leftOut.length - 20} more (all of them with --json)`);
  if (report.documents.length > 0) lines.push('per-document figures: add --json');
  return lines;
}

export function agreementCommand(): Command {
  return new Command('agreement')
    .description('measure agreement between annotators: span F1, Cohen’s κ and Krippendorff’s α on tokens')
    .requiredOption('--db <file>', 'project file')
    .option('--annotators <names>', 'only these annotators (comma-separated; default: everyone but the adjudicated result)', parseList)
    .option('--labels <names>', 'only these labels (comma-separated)', parseList)
    .option('--documents <ids>', 'only these documents (comma-separated ids)', parseIds)
    .option('--json', 'print the whole report, per document too, as JSON')
    .addHelpText(
      'after',
      '\nOnly accepted spans count. A document counts for a pair when both annotators accepted or rejected a span in it,\n' +
        'and for α when at least two did. Span F1 is symmetric: A’s precision against B is B’s recall against A.\n' +
        'Tokens are words, numbers and punctuation marks; each takes the label of an accepted span over it, or O.\n' +
        'The adjudicated result (annotator "adjudicated") is compared only when --annotators names it.',
    )
    .action((opts: AgreementCliOptions) => {
      const db = openProject(opts.db, { mustExist: true });
      const bar = progressLine('comparing |{bar}| {progress}');
      try {
        let report: AgreementReport;
        try {
          // With assignments (and no documents named), the documents the design gives two or more and they finished.
          const design = opts.documents ? null : agreementDesign(db, opts.annotators);
          if (design && !opts.json) say(`by assignment: ${plainCountOf(design.assigned, 'document')} given to two or more annotators, ${design.documentIds.length} done by them`);
          report = measureAgreement(db, {
            annotators: opts.annotators ?? design?.annotators,
            labels: opts.labels,
            documentIds: opts.documents ?? design?.documentIds,
            annotatedBy: design?.annotatedBy,
            onProgress: (p) => bar.update(p.documentsDone, Math.max(p.documentsTotal, 1)),
          });
        } catch (error) {
          // Naming an annotator or a document that is not there is a usage error.
          if (error instanceof UserError) throw new UsageError(error.message);
          throw error;
        }
        bar.stop();
        if (opts.json) say(JSON.stringify(report, null, 2));
        else for (const line of agreementLines(report)) say(line);
      } finally {
        bar.stop();
        db.close();
      }
    });
}
