import type { AdjudicationDocumentDto, AgreementReportDto, DocumentAgreementDto } from '../../shared/api.js';
import type { Db } from '../store/connection.js';
import { statement } from '../store/statements.js';
import { toSpan } from '../store/spans.js';
import { acceptAgreed, adjudicate, adjudicationDocument, listAdjudication } from '../teams/adjudication.js';
import { measureAgreement, type DocumentAgreement } from '../teams/agreement.js';
import { agreementDesign } from '../teams/agreement-design.js';
import type { HandlerGroup } from './handlers.js';

function titlesOf(db: Db, ids: readonly number[]): Map<number, string> {
  const rows = statement(db, 'SELECT id, title FROM documents WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as {
    id: number;
    title: string;
  }[];
  return new Map(rows.map((row) => [row.id, row.title]));
}

/** Lowest α first, so the documents most worth a look lead; those without an α come last. */
function byAlpha(a: DocumentAgreement, b: DocumentAgreement): number {
  const [x, y] = [a.alpha.alpha, b.alpha.alpha];
  if (x === null || y === null) return x === y ? a.documentId - b.documentId : x === null ? 1 : -1;
  return x - y || a.documentId - b.documentId;
}

/** Agreement between annotators, as the Agreement view shows it. */
export const agreementHandlers: HandlerGroup<'agreement'> = {
  'agreement:measure': ({ db }, { annotators, labels, documentLimit }): AgreementReportDto => {
    // With assignments, agreement compares what the design meant to be compared: documents given to two or more and done by them.
    const design = agreementDesign(db, annotators);
    const report = measureAgreement(
      db,
      design ? { annotators: annotators ?? design.annotators, labels, documentIds: design.documentIds, annotatedBy: design.annotatedBy } : { annotators, labels },
    );
    const listed = [...report.documents].sort(byAlpha).slice(0, documentLimit);
    const titles = titlesOf(
      db,
      listed.map((doc) => doc.documentId),
    );
    return {
      annotators: [...report.annotators],
      labels: [...report.labels],
      documentsCompared: report.documentsCompared,
      leftOut: [...report.leftOut],
      spans: { ...report.spans, byLabel: [...report.spans.byLabel] },
      alpha: { ...report.alpha, byLabel: [...report.alpha.byLabel] },
      // Each pair's own list of documents left out can be as long as the project: the view needs only the count.
      pairs: report.pairs.map(({ leftOut: _leftOut, annotators: pair, byLabel, ...figures }) => ({
        ...figures,
        annotators: [pair[0], pair[1]],
        byLabel: [...byLabel],
      })),
      documents: listed.map(
        (doc): DocumentAgreementDto => ({
          documentId: doc.documentId,
          title: titles.get(doc.documentId) ?? '',
          annotators: [...doc.annotators],
          tokens: doc.tokens,
          alpha: doc.alpha,
          pairs: doc.pairs.map((pair) => ({ ...pair, annotators: [pair.annotators[0], pair.annotators[1]] })),
        }),
      ),
      documentsTotal: report.documents.length,
      design: design && { assigned: design.assigned, done: design.documentIds.length },
    };
  },
};

/** Settling disagreements into the adjudicated result. */
export const adjudicationHandlers: HandlerGroup<'adjudication'> = {
  'adjudication:list': ({ db }, input) => {
    const page = listAdjudication(db, input);
    const titles = titlesOf(
      db,
      page.items.map((item) => item.documentId),
    );
    return {
      total: page.total,
      counts: { ...page.counts },
      items: page.items.map(
        (item): AdjudicationDocumentDto => ({ ...item, title: titles.get(item.documentId) ?? '', annotators: [...item.annotators] }),
      ),
    };
  },

  'adjudication:get': ({ db }, { documentId, annotators }) => {
    const document = adjudicationDocument(db, documentId, annotators);
    const titleAndText = statement(db, 'SELECT title, text FROM documents WHERE id = ?').get(documentId) as { title: string; text: string };
    return {
      documentId,
      title: titleAndText.title,
      text: titleAndText.text,
      annotators: [...document.annotators],
      spans: document.spans.map((row) => {
        const { createdAt: _c, updatedAt: _u, ...span } = toSpan(row);
        return span;
      }),
      disagreements: document.disagreements.map((d) => ({ ...d, spanIds: [...d.spanIds], adjudicatedSpanIds: [...d.adjudicatedSpanIds] })),
    };
  },

  'adjudication:decide': ({ db }, { spanIds, decision, replaces }) => ({ created: adjudicate(db, spanIds, decision, replaces) }),

  'adjudication:acceptAgreed': ({ db }, { documentId, annotators }) => ({ created: acceptAgreed(db, documentId, annotators) }),
};
