/**
 * The Agreement view: how far the annotators agree, over all of them (α), pair
 * by pair (span F1, κ, α) and per label, and document by document, lowest first,
 * so the documents most worth adjudicating are one key away.
 */
import { Fragment } from 'react';
import type { AgreementReportDto, DocumentAgreementDto } from '../../../shared/api.js';
import { ADJUDICATOR } from '../../../shared/model.js';
import { pairKey, tickedAnnotators, useAgreementStore } from '../../stores/agreement-store.js';
import { useLabelsStore } from '../../stores/labels-store.js';
import { viewPanelId, viewTabId } from '../header/ViewTabs.js';
import { documentRowId, openDocumentAt, refreshAgreement } from './agreement-commands.js';
import { alphaUndefinedReason, F1_UNDEFINED, formatFigure, kappaUndefinedReason, weakestPair } from './agreement-figures.js';
import { countOf } from '../../../shared/plural.js';

type Report = AgreementReportDto;
type Pair = Report['pairs'][number];
type Kappa = Pair['kappa'];
type Alpha = Report['alpha'];

/** A figure to three decimals, or a dash whose title says why it is undefined. */
function Figure({ value, why }: { readonly value: number | null; readonly why: string }) {
  if (value === null) {
    return (
      <span className="figure-undefined" title={why}>
        –
      </span>
    );
  }
  return <>{formatFigure(value)}</>;
}

function KappaCells({ kappa }: { readonly kappa: Kappa }) {
  const why = kappaUndefinedReason(kappa);
  return (
    <>
      <td>
        <Figure value={kappa.kappa} why={why} />
      </td>
      <td>
        <Figure value={kappa.observedAgreement} why={why} />
      </td>
      <td>
        <Figure value={kappa.expectedAgreement} why={why} />
      </td>
    </>
  );
}

function AnnotatorChoice() {
  const known = useAgreementStore((s) => s.knownAnnotators);
  const ticked = useAgreementStore((s) => tickedAnnotators(s));
  const toggle = useAgreementStore((s) => s.toggleAnnotator);
  return (
    <fieldset className="agreement-choice">
      <legend>Annotators</legend>
      {known.map((name) => (
        <label key={name} className="checkbox">
          <input type="checkbox" checked={ticked.includes(name)} onChange={(event) => toggle(name, event.target.checked)} />
          {name === ADJUDICATOR ? `${name} (the adjudicated result)` : name}
        </label>
      ))}
    </fieldset>
  );
}

function LabelChoice() {
  const known = useAgreementStore((s) => s.knownLabels);
  const excluded = useAgreementStore((s) => s.excludedLabels);
  const toggle = useAgreementStore((s) => s.toggleLabel);
  const labels = useLabelsStore((s) => s.labels);
  const displayName = (name: string): string => labels.find((label) => label.name === name)?.displayName ?? name;
  if (known.length === 0) return null;
  return (
    <fieldset className="agreement-choice">
      <legend>Labels</legend>
      {known.map((name) => (
        <label key={name} className="checkbox">
          <input type="checkbox" checked={!excluded.includes(name)} onChange={(event) => toggle(name, event.target.checked)} />
          {displayName(name)}
        </label>
      ))}
    </fieldset>
  );
}

function AlphaRow({ name, alpha }: { readonly name: string; readonly alpha: Alpha | Report['alpha']['byLabel'][number] }) {
  const why = alphaUndefinedReason(alpha);
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>
        <Figure value={alpha.alpha} why={why} />
      </td>
      <td>
        <Figure value={alpha.observedDisagreement} why={why} />
      </td>
      <td>
        <Figure value={alpha.expectedDisagreement} why={why} />
      </td>
      <td>{alpha.units}</td>
      <td>{Math.round(alpha.pairableValues)}</td>
    </tr>
  );
}

function OverallTable({ report }: { readonly report: Report }) {
  return (
    <table className="agreement-table" aria-label="Agreement of all annotators">
      <caption>
        Krippendorff’s α over {report.annotators.join(', ')}: {countOf(report.documentsCompared, 'document')} compared
        {report.leftOut.length > 0 ? `, ${report.leftOut.length} left out (annotated by fewer than two of them)` : ''}
        {report.design ? `. By assignment: ${countOf(report.design.assigned, 'document')} given to two or more annotators, ${report.design.done} done by them` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">Labels</th>
          <th scope="col">α</th>
          <th scope="col">
            <abbr title="observed disagreement">D<sub>o</sub></abbr>
          </th>
          <th scope="col">
            <abbr title="disagreement expected by chance">D<sub>e</sub></abbr>
          </th>
          <th scope="col">Tokens</th>
          <th scope="col">Values</th>
        </tr>
      </thead>
      <tbody>
        <AlphaRow name="All labels" alpha={report.alpha} />
        {report.alpha.byLabel.map((label) => (
          <AlphaRow key={label.label} name={label.label} alpha={label} />
        ))}
      </tbody>
    </table>
  );
}

function SpanCells({ figures, names }: { readonly figures: Pick<Pair, 'spansA' | 'spansB' | 'exactF1' | 'overlapF1' | 'exactMatches' | 'overlapMatches'>; readonly names: readonly [string, string] }) {
  return (
    <>
      <td title={`${countOf(figures.spansA, 'span')} by ${names[0]}, ${figures.spansB} by ${names[1]}`}>
        {figures.spansA} + {figures.spansB}
      </td>
      <td title={`${figures.exactMatches} exact matches`}>
        <Figure value={figures.exactF1} why={F1_UNDEFINED} />
      </td>
      <td title={`${figures.overlapMatches} overlapping matches`}>
        <Figure value={figures.overlapF1} why={F1_UNDEFINED} />
      </td>
    </>
  );
}

function PairRows({ pair }: { readonly pair: Pair }) {
  const key = pairKey(pair.annotators);
  const expanded = useAgreementStore((s) => s.expandedPairs.includes(key));
  const toggle = useAgreementStore((s) => s.togglePair);
  const names = pair.annotators;
  const labelRowId = (index: number): string => `agreement-pair-${key.replace(/[^\w-]/g, '_')}-label-${index}`;
  return (
    <tbody>
      <tr className="pair-row">
        <th scope="row">
          <button type="button" className="expand-button" aria-expanded={expanded} aria-controls={pair.byLabel.map((_, index) => labelRowId(index)).join(' ')} onClick={() => toggle(key)}>
            <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {names[0]} / {names[1]}
          </button>
        </th>
        <td>{pair.documents}</td>
        <td>{pair.tokens}</td>
        <SpanCells figures={pair} names={names} />
        <KappaCells kappa={pair.kappa} />
        <td>
          <Figure value={pair.alpha.alpha} why={alphaUndefinedReason(pair.alpha)} />
        </td>
      </tr>
      {pair.byLabel.map((label, index) => (
        <tr key={label.label} className="label-row-figures" id={labelRowId(index)} hidden={!expanded}>
          <th scope="row" className="label-name">
            {label.label}
          </th>
          <td />
          <td>{label.kappa.items}</td>
          <SpanCells figures={label} names={names} />
          <KappaCells kappa={label.kappa} />
          <td />
        </tr>
      ))}
    </tbody>
  );
}

function PairsTable({ report }: { readonly report: Report }) {
  return (
    <table className="agreement-table" aria-label="Agreement by pair of annotators">
      <caption>Pairs of annotators: span F1, Cohen’s κ on tokens and α of the two. Open a pair for its figures per label.</caption>
      <thead>
        <tr>
          <th scope="col">Pair</th>
          <th scope="col">Documents</th>
          <th scope="col">Tokens</th>
          <th scope="col">Spans</th>
          <th scope="col">Exact F1</th>
          <th scope="col">Overlap F1</th>
          <th scope="col">κ</th>
          <th scope="col">
            <abbr title="observed agreement">p<sub>o</sub></abbr>
          </th>
          <th scope="col">
            <abbr title="agreement expected by chance">p<sub>e</sub></abbr>
          </th>
          <th scope="col">α</th>
        </tr>
      </thead>
      {report.pairs.map((pair) => (
        <PairRows key={pairKey(pair.annotators)} pair={pair} />
      ))}
    </table>
  );
}

function DocumentRow({ document, index, current }: { readonly document: DocumentAgreementDto; readonly index: number; readonly current: boolean }) {
  const kappaPair = weakestPair(document.pairs, (pair) => pair.kappa.kappa);
  const f1Pair = weakestPair(document.pairs, (pair) => pair.exactF1);
  const title = document.title.trim() === '' ? `Document ${document.documentId}` : document.title;
  return (
    <tr id={documentRowId(index)} className={current ? 'current' : undefined} aria-current={current ? 'true' : undefined} onClick={() => openDocumentAt(index)}>
      <th scope="row">
        <button
          type="button"
          className="link-button"
          title="Open in the Adjudication view"
          onClick={(event) => {
            event.stopPropagation();
            openDocumentAt(index);
          }}
        >
          {title}
        </button>
      </th>
      <td>{document.annotators.join(', ')}</td>
      <td>{document.tokens}</td>
      <td>
        <Figure value={document.alpha.alpha} why={alphaUndefinedReason(document.alpha)} />
      </td>
      <td title={kappaPair ? kappaPair.annotators.join(' / ') : undefined}>
        {kappaPair ? <Figure value={kappaPair.kappa.kappa} why={kappaUndefinedReason(kappaPair.kappa)} /> : null}
      </td>
      <td title={f1Pair ? f1Pair.annotators.join(' / ') : undefined}>{f1Pair ? <Figure value={f1Pair.exactF1} why={F1_UNDEFINED} /> : null}</td>
    </tr>
  );
}

function DocumentsTable({ report }: { readonly report: Report }) {
  const cursor = useAgreementStore((s) => s.cursor);
  const shown = report.documents.length;
  return (
    <table className="agreement-table documents-table" aria-label="Agreement by document">
      <caption>
        Documents, lowest α first{shown < report.documentsTotal ? ` (the ${shown} lowest of ${report.documentsTotal})` : ''}. J and K move, Enter opens
        one in the Adjudication view.
      </caption>
      <thead>
        <tr>
          <th scope="col">Document</th>
          <th scope="col">Annotators</th>
          <th scope="col">Tokens</th>
          <th scope="col">α</th>
          <th scope="col">κ, lowest pair</th>
          <th scope="col">Exact F1, lowest pair</th>
        </tr>
      </thead>
      <tbody>
        {report.documents.map((document, index) => (
          <DocumentRow key={document.documentId} document={document} index={index} current={index === cursor} />
        ))}
      </tbody>
    </table>
  );
}

function statusText(loading: boolean, report: Report | null, problem: string | null): string {
  if (loading) return 'Measuring agreement…';
  if (problem !== null) return problem;
  if (report === null) return '';
  return `${countOf(report.annotators.length, 'annotator')}, ${countOf(report.labels.length, 'label')}, ${countOf(report.documentsCompared, 'document')} compared.`;
}

/** The whole Agreement view. */
export function AgreementView() {
  const report = useAgreementStore((s) => s.report);
  const loading = useAgreementStore((s) => s.loading);
  const problem = useAgreementStore((s) => s.problem);
  return (
    <section className="view agreement-view" id={viewPanelId('agreement')} role="tabpanel" aria-labelledby={viewTabId('agreement')} aria-busy={loading}>
      <header className="view-bar">
        <h2>Agreement</h2>
        <p className="hint" role="status">
          {statusText(loading, report, problem)}
        </p>
        <button type="button" onClick={() => void refreshAgreement()} disabled={loading} aria-keyshortcuts="R">
          Refresh
        </button>
      </header>
      <div className="agreement-choices">
        <AnnotatorChoice />
        <LabelChoice />
      </div>
      {report ? (
        <Fragment>
          <OverallTable report={report} />
          <PairsTable report={report} />
          <DocumentsTable report={report} />
        </Fragment>
      ) : null}
    </section>
  );
}
