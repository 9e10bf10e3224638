/**
 * Agreement between annotators over a project: span F1 (exact and overlap) and
 * Cohen's κ per pair of annotators, Krippendorff's α over all of them, per label,
 * per document and overall, each with the counts behind it.
 *
 * Only accepted spans count: a suggestion is nobody's decision. An annotator has
 * annotated a document when they accepted or rejected at least one span in it
 * (of any label); a document they never touched is missing data for them, not a
 * document where they found nothing. Spans that name no annotator belong to nobody
 * and are left out. The adjudicated result is not an annotator: it is compared
 * only when named (e.g. to measure each annotator against the adjudicated gold).
 */
import { ADJUDICATOR } from '../../shared/model.js';
import { UserError } from '../errors.js';
import type { Db } from '../store/connection.js';
import { cohenKappa, cohenKappaForCategory, ConfusionMatrix, type KappaFigures } from './cohen-kappa.js';
import { AlphaAccumulator, type AlphaFigures } from './krippendorff-alpha.js';
import { emptySpanCounts, f1, matchSpans, type SpanCounts } from './span-f1.js';
import { tokenize, tokenLabels, type LabelledRange } from './tokens.js';

export interface AgreementOptions {
  /** Only these annotators (default: everyone with a decided span, except the adjudicated result). */
  readonly annotators?: readonly string[];
  /** Only spans of these labels; tokens under other labels count as O (default: every label). */
  readonly labels?: readonly string[];
  /** Only these documents (default: every document). */
  readonly documentIds?: readonly number[];
  /**
   * Who annotated each document, when the project says so itself (the
   * annotators who marked it done): then they count as having annotated it,
   * spans or none, and nobody else does.
   */
  readonly annotatedBy?: ReadonlyMap<number, readonly string[]>;
  /** Documents read per batch (default 500). */
  readonly batchDocuments?: number;
  readonly onProgress?: (progress: { readonly documentsDone: number; readonly documentsTotal: number }) => void;
}

/** Span counts with the F1 they give. */
export interface SpanAgreement extends SpanCounts {
  /** 2·exactMatches / (spansA + spansB); null when neither has a span. */
  readonly exactF1: number | null;
  readonly overlapF1: number | null;
}

export interface LabelPairAgreement extends SpanAgreement {
  readonly label: string;
  /** κ of this label against every other token (O included). */
  readonly kappa: KappaFigures;
}

export interface PairAgreement extends SpanAgreement {
  readonly annotators: readonly [string, string];
  /** Documents annotated by both. */
  readonly documents: number;
  /** Documents other annotators compared that this pair could not, and why. */
  readonly leftOut: readonly LeftOutDocument[];
  readonly tokens: number;
  readonly kappa: KappaFigures;
  /** α of the two alone. */
  readonly alpha: AlphaFigures;
  readonly byLabel: readonly LabelPairAgreement[];
}

export interface DocumentPairAgreement extends SpanAgreement {
  readonly annotators: readonly [string, string];
  readonly kappa: KappaFigures;
}

export interface DocumentAgreement {
  readonly documentId: number;
  readonly annotators: readonly string[];
  readonly tokens: number;
  readonly alpha: AlphaFigures;
  readonly pairs: readonly DocumentPairAgreement[];
}

export interface LeftOutDocument {
  readonly documentId: number;
  readonly reason: string;
}

export interface AgreementReport {
  readonly annotators: readonly string[];
  readonly labels: readonly string[];
  /** Documents annotated by at least two of the annotators. */
  readonly documentsCompared: number;
  /** Documents with spans (or asked for) that could not be compared, and why. */
  readonly leftOut: readonly LeftOutDocument[];
  /** Span counts summed over every pair. */
  readonly spans: SpanAgreement & { readonly byLabel: readonly (SpanAgreement & { readonly label: string })[] };
  /** α over every annotator, tokens as units, per label (that label against the rest) too. */
  readonly alpha: AlphaFigures & { readonly byLabel: readonly (AlphaFigures & { readonly label: string })[] };
  readonly pairs: readonly PairAgreement[];
  readonly documents: readonly DocumentAgreement[];
}

type SpanTuple = readonly [documentId: number, startCp: number, endCp: number, label: string, annotator: string, status: string];

interface PairState {
  readonly a: number;
  readonly b: number;
  documents: number;
  readonly leftOut: LeftOutDocument[];
  readonly spans: SpanCounts;
  readonly byLabel: SpanCounts[];
  readonly confusion: ConfusionMatrix;
  readonly alpha: AlphaAccumulator;
}

function withF1(counts: SpanCounts): SpanAgreement {
  return {
    ...counts,
    exactF1: f1(counts.exactMatches, counts.spansA, counts.spansB),
    overlapF1: f1(counts.overlapMatches, counts.spansA, counts.spansB),
  };
}

function addCounts(into: SpanCounts, from: SpanCounts): void {
  into.spansA += from.spansA;
  into.spansB += from.spansB;
  into.exactMatches += from.exactMatches;
  into.overlapMatches += from.overlapMatches;
}

function distinct(db: Db, sql: string): string[] {
  return (db.prepare(sql).raw(true).all() as [string][]).map((row) => row[0]);
}

/** Documents with spans after `afterId`, at most `limit`, or the next of the ids asked for. */
function nextDocumentIds(db: Db, options: AgreementOptions, done: number, afterId: number, limit: number): number[] {
  if (options.documentIds) return [...options.documentIds].slice(done, done + limit);
  return (
    db.prepare('SELECT DISTINCT document_id FROM spans WHERE document_id > ? ORDER BY document_id LIMIT ?').raw(true).all(afterId, limit) as [number][]
  ).map((row) => row[0]);
}

/** Reads the decided spans of some documents, by anyone: the parameter is the documents (JSON). */
export const AGREEMENT_SPANS = `SELECT document_id, start_cp, end_cp, label, annotator, status FROM spans
     WHERE document_id IN (SELECT value FROM json_each(?)) AND status IN ('accepted', 'rejected') AND annotator != ''
     ORDER BY document_id, start_cp, end_cp DESC, label`;

/** Measures agreement over the project (read in one snapshot, a batch of documents at a time). */
export function measureAgreement(db: Db, options: AgreementOptions = {}): AgreementReport {
  return db.transaction(() => measure(db, options))();
}

function measure(db: Db, options: AgreementOptions): AgreementReport {
  const withSpans = distinct(db, "SELECT DISTINCT annotator FROM spans WHERE annotator != '' AND status IN ('accepted', 'rejected') ORDER BY annotator");
  const known = options.annotatedBy ? [...new Set([...withSpans, ...[...options.annotatedBy.values()].flat()])].sort() : withSpans;
  const annotators = options.annotators ? [...new Set(options.annotators)] : known.filter((name) => name !== ADJUDICATOR);
  const unknown = annotators.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new UserError(`no accepted or rejected spans by ${unknown.join(', ')} (annotators: ${known.join(', ') || 'none'})`);
  if (annotators.length < 2) throw new UserError(`agreement needs two annotators or more; found ${annotators.join(', ') || 'none'}`);
  if (options.documentIds) {
    const found = new Set(
      (db.prepare('SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))').raw(true).all(JSON.stringify(options.documentIds)) as [number][]).map((row) => row[0]),
    );
    const missing = options.documentIds.filter((id) => !found.has(id));
    if (missing.length > 0) throw new UserError(`no such document: ${missing.join(', ')}`);
  }
  const labels = options.labels
    ? [...new Set(options.labels)]
    : (
        db
          .prepare("SELECT DISTINCT label FROM spans WHERE status = 'accepted' AND annotator IN (SELECT value FROM json_each(?)) ORDER BY label")
          .raw(true)
          .all(JSON.stringify(annotators)) as [string][]
      ).map((row) => row[0]);
  // Category 0 is O (no label); label i is category i + 1.
  const categories = labels.length + 1;
  const labelIndex = new Map(labels.map((label, i) => [label, i + 1]));
  const annotatorIndex = new Map(annotators.map((name, i) => [name, i]));

  const pairs: PairState[] = [];
  for (let a = 0; a < annotators.length; a++) {
    for (let b = a + 1; b < annotators.length; b++) {
      pairs.push({
        a,
        b,
        documents: 0,
        leftOut: [],
        spans: emptySpanCounts(),
        byLabel: labels.map(() => emptySpanCounts()),
        confusion: new ConfusionMatrix(categories),
        alpha: new AlphaAccumulator(categories),
      });
    }
  }
  const overallAlpha = new AlphaAccumulator(categories);
  const documents: DocumentAgreement[] = [];
  const leftOut: LeftOutDocument[] = [];

  const readSpans = db.prepare(AGREEMENT_SPANS);
  const readTexts = db.prepare('SELECT id, text FROM documents WHERE id IN (SELECT value FROM json_each(?))');
  const documentsTotal = options.documentIds
    ? options.documentIds.length
    : (db.prepare('SELECT count(DISTINCT document_id) AS n FROM spans').get() as { n: number }).n;
  const batchSize = options.batchDocuments ?? 500;
  const values = new Uint16Array(annotators.length);
  let tokenLabelsBuffer: Uint16Array[] = annotators.map(() => new Uint16Array(1024));
  let done = 0;
  let afterId = 0;

  for (;;) {
    const ids = nextDocumentIds(db, options, done, afterId, batchSize);
    if (ids.length === 0) break;
    done += ids.length;
    afterId = ids[ids.length - 1] as number;
    // Per document: who annotated it, and each annotator's accepted spans of the chosen labels.
    const byDocument = new Map<number, (LabelledRange[] | undefined)[]>();
    for (const id of ids) byDocument.set(id, annotators.map(() => undefined));
    for (const [documentId, startCp, endCp, label, annotator, status] of readSpans.raw(true).all(JSON.stringify(ids)) as SpanTuple[]) {
      const who = annotatorIndex.get(annotator);
      const perAnnotator = byDocument.get(documentId);
      if (who === undefined || !perAnnotator) continue;
      const spans = (perAnnotator[who] ??= []);
      const category = labelIndex.get(label);
      if (status === 'accepted' && category !== undefined) spans.push({ startCp, endCp, label: category });
    }
    if (options.annotatedBy) {
      for (const id of ids) {
        const who = new Set(options.annotatedBy.get(id) ?? []);
        const perAnnotator = byDocument.get(id) as (LabelledRange[] | undefined)[];
        annotators.forEach((name, i) => {
          perAnnotator[i] = who.has(name) ? (perAnnotator[i] ?? []) : undefined;
        });
      }
    }
    const comparable = ids.filter((id) => (byDocument.get(id) ?? []).filter((spans) => spans !== undefined).length >= 2);
    const texts = new Map<number, string>();
    if (comparable.length > 0) {
      for (const row of readTexts.raw(true).all(JSON.stringify(comparable)) as [number, string][]) texts.set(row[0], row[1]);
    }
    for (const id of ids) {
      const perAnnotator = byDocument.get(id) as (LabelledRange[] | undefined)[];
      const present = annotators.flatMap((_, i) => (perAnnotator[i] ? [i] : []));
      const text = texts.get(id);
      if (present.length < 2 || text === undefined) {
        if (present.length === 1) leftOut.push({ documentId: id, reason: `annotated only by ${annotators[present[0] as number]}` });
        else if (options.documentIds) leftOut.push({ documentId: id, reason: `annotated by none of ${annotators.join(', ')}` });
        continue;
      }
      const tokens = tokenize(text);
      if (tokenLabelsBuffer[0] && tokenLabelsBuffer[0].length < tokens.count) {
        tokenLabelsBuffer = annotators.map(() => new Uint16Array(tokens.count * 2));
      }
      for (const i of present) tokenLabels(tokens, perAnnotator[i] as LabelledRange[], tokenLabelsBuffer[i]);
      const documentAlpha = new AlphaAccumulator(categories);
      const documentPairs: DocumentPairAgreement[] = [];
      for (const pair of pairs) {
        const spansA = perAnnotator[pair.a];
        const spansB = perAnnotator[pair.b];
        if (!spansA || !spansB) {
          const [nameA, nameB] = [annotators[pair.a] as string, annotators[pair.b] as string];
          const reason = !spansA && !spansB ? `annotated by neither ${nameA} nor ${nameB}` : `not annotated by ${spansA ? nameB : nameA}`;
          pair.leftOut.push({ documentId: id, reason });
          continue;
        }
        pair.documents += 1;
        const counts = emptySpanCounts();
        matchSpans(spansA, spansB, counts, (label, labelCounts) => addCounts(pair.byLabel[label - 1] as SpanCounts, labelCounts));
        addCounts(pair.spans, counts);
        const confusion = new ConfusionMatrix(categories);
        const labelsA = tokenLabelsBuffer[pair.a] as Uint16Array;
        const labelsB = tokenLabelsBuffer[pair.b] as Uint16Array;
        for (let t = 0; t < tokens.count; t++) confusion.add(labelsA[t] as number, labelsB[t] as number);
        pair.confusion.addAll(confusion);
        // Two values per token: α of the pair follows from the confusion table alone.
        pair.alpha.addPairTable(confusion.cells);
        if (present.length === 2) documentAlpha.addPairTable(confusion.cells);
        documentPairs.push({
          annotators: [annotators[pair.a] as string, annotators[pair.b] as string],
          ...withF1(counts),
          kappa: cohenKappa(confusion),
        });
      }
      if (present.length > 2) {
        for (let t = 0; t < tokens.count; t++) {
          for (let p = 0; p < present.length; p++) values[p] = (tokenLabelsBuffer[present[p] as number] as Uint16Array)[t] as number;
          documentAlpha.addUnit(values, present.length);
        }
      }
      overallAlpha.addAll(documentAlpha);
      documents.push({ documentId: id, annotators: present.map((i) => annotators[i] as string), tokens: tokens.count, alpha: documentAlpha.result(), pairs: documentPairs });
    }
    options.onProgress?.({ documentsDone: done, documentsTotal });
  }

  const allSpans = emptySpanCounts();
  const allByLabel = labels.map(() => emptySpanCounts());
  for (const pair of pairs) {
    addCounts(allSpans, pair.spans);
    pair.byLabel.forEach((counts, i) => addCounts(allByLabel[i] as SpanCounts, counts));
  }
  const alpha = overallAlpha.result();
  return {
    annotators,
    labels,
    documentsCompared: documents.length,
    leftOut,
    spans: { ...withF1(allSpans), byLabel: labels.map((label, i) => ({ label, ...withF1(allByLabel[i] as SpanCounts) })) },
    alpha: { ...alpha, byLabel: labels.map((label, i) => ({ label, ...overallAlpha.resultFor(i + 1) })) },
    pairs: pairs.map((pair) => ({
      annotators: [annotators[pair.a] as string, annotators[pair.b] as string] as const,
      documents: pair.documents,
      leftOut: pair.leftOut,
      tokens: pair.confusion.cells.reduce((sum, n) => sum + n, 0),
      ...withF1(pair.spans),
      kappa: cohenKappa(pair.confusion),
      alpha: pair.alpha.result(),
      byLabel: labels.map((label, i) => ({
        label,
        ...withF1(pair.byLabel[i] as SpanCounts),
        kappa: cohenKappaForCategory(pair.confusion, i + 1),
      })),
    })),
    documents,
  };
}
