/**
 * W3C Web Annotation (JSON-LD): a top-level array in which each document comes as a
 * `Text` resource carrying its text (`{"id", "type": "Text", "value"}`), followed by
 * the Annotations that target it. An Annotation's body tags (`TextualBody`, purpose
 * `tagging`, the label as value); its target names the document and selects the span
 * twice: a TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector in
 * code points, which the Web Annotation Data Model requires ("in terms of unicode code
 * points … not in terms of code units").
 */
import type { ExportedDocument, ExportedSpan } from '../exported-document.js';
import type { Framing } from './framing.js';

export const WEB_ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/**
 * The data model has no place for a span's review status, so an annotation that
 * is not accepted says it in a term of Marginalia's own, declared beside the
 * standard context as JSON-LD asks of extensions: `"marginalia:status": "suggested"`.
 */
export const MARGINALIA_PREFIX = 'marginalia';
export const MARGINALIA_VOCABULARY = 'urn:marginalia:vocabulary#';
export const STATUS_TERM = `${MARGINALIA_PREFIX}:status`;

/**
 * A Text resource's `title` and `meta` are no terms of the W3C context, and a JSON-LD
 * processor drops what its context does not define, so the Text declares them: the
 * title as Dublin Core's `dcterms:title` (the W3C context defines the `dcterms`
 * prefix), meta as a JSON literal (`@type: @json`, JSON-LD 1.1) in Marginalia's
 * vocabulary, so it comes through whole, whatever it holds.
 */
export const TEXT_TERMS = {
  [MARGINALIA_PREFIX]: MARGINALIA_VOCABULARY,
  title: 'dcterms:title',
  meta: { '@id': `${MARGINALIA_PREFIX}:meta`, '@type': '@json' },
} as const;

/** Code points of context either side of an exact quote. */
const CONTEXT_CP = 32;

/** The id a document has inside one export (ids belong to the exporting project). */
export function documentIri(documentId: number): string {
  return `urn:marginalia:document:${documentId}`;
}

function annotation(doc: ExportedDocument, chars: readonly string[], span: ExportedSpan, index: number) {
  const source = documentIri(doc.id);
  const accepted = span.status === 'accepted';
  return {
    '@context': accepted ? WEB_ANNOTATION_CONTEXT : [WEB_ANNOTATION_CONTEXT, { [MARGINALIA_PREFIX]: MARGINALIA_VOCABULARY }],
    id: `${source}#span-${index + 1}`,
    type: 'Annotation',
    ...(accepted ? {} : { [STATUS_TERM]: span.status }),
    ...(span.annotator === '' ? {} : { creator: { type: 'Person', name: span.annotator } }),
    body: { type: 'TextualBody', purpose: 'tagging', value: span.label },
    target: {
      source,
      selector: [
        {
          type: 'TextQuoteSelector',
          exact: span.text,
          prefix: chars.slice(Math.max(0, span.start - CONTEXT_CP), span.start).join(''),
          suffix: chars.slice(span.end, span.end + CONTEXT_CP).join(''),
        },
        { type: 'TextPositionSelector', start: span.start, end: span.end },
      ],
    },
  };
}

/** A document's Text resource and its Annotations, as entries of the top-level array. */
export function webAnnotationEntries(doc: ExportedDocument): unknown[] {
  const chars = [...doc.text];
  const text = { '@context': [WEB_ANNOTATION_CONTEXT, TEXT_TERMS], id: documentIri(doc.id), type: 'Text', value: doc.text, title: doc.title, meta: doc.meta };
  return [text, ...doc.spans.map((span, index) => annotation(doc, chars, span, index))];
}

export function webAnnotationFraming(): Framing {
  let written = 0;
  return {
    head: () => '[',
    batch: (docs) =>
      docs
        .flatMap(webAnnotationEntries)
        .map((entry) => `${written++ === 0 ? '' : ','}\n${JSON.stringify(entry)}`)
        .join(''),
    tail: () => '\n]\n',
  };
}
