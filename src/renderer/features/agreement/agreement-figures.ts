/**
 * How the Agreement view writes its figures: three decimals as the command line
 * prints them, and for a figure that is undefined, a dash with the reason.
 */
import type { AgreementReportDto, DocumentAgreementDto } from '../../../shared/api.js';

type AlphaFigures = AgreementReportDto['alpha'];
type KappaFigures = AgreementReportDto['pairs'][number]['kappa'];
type DocumentPair = DocumentAgreementDto['pairs'][number];

/** A figure as shown (e.g. "0.619"); "–" for an undefined one. */
export function formatFigure(value: number | null): string {
  return value === null ? '–' : value.toFixed(3);
}

/** Why span F1 is undefined. */
export const F1_UNDEFINED = 'Undefined: neither annotator has a span here.';

/** Why κ (or p_o, p_e) is undefined for these figures. */
export function kappaUndefinedReason(kappa: KappaFigures): string {
  if (kappa.items === 0) return 'Undefined: no tokens were compared.';
  return 'Undefined: both annotators gave every token one and the same label, so chance explains all agreement (p_e = 1).';
}

/** Why α (or D_o, D_e) is undefined for these figures. */
export function alphaUndefinedReason(alpha: AlphaFigures | DocumentAgreementDto['alpha']): string {
  if (alpha.pairableValues < 2) return 'Undefined: fewer than two values to pair (no token labelled by two annotators).';
  return 'Undefined: every token got one and the same label, so there is no disagreement to expect (D_e = 0).';
}

/** The pair of a document with the lowest figure (nulls count as lowest: they need a look too). */
export function weakestPair(pairs: readonly DocumentPair[], figure: (pair: DocumentPair) => number | null): DocumentPair | undefined {
  let weakest: DocumentPair | undefined;
  for (const pair of pairs) {
    if (weakest === undefined) weakest = pair;
    else {
      const [value, lowest] = [figure(pair), figure(weakest)];
      if (lowest !== null && (value === null || value < lowest)) weakest = pair;
    }
  }
  return weakest;
}
