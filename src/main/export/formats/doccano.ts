/**
 * doccano JSONL: `{"id", "text", "label": [[start, end, label], …]}` per line.
 * doccano indexes text as JavaScript does, in UTF-16 code units, so offsets are
 * converted here (through OffsetMap) and nowhere else.
 */
import { OffsetMap } from '../../../shared/offsets.js';
import type { ExportedDocument } from '../exported-document.js';
import { metaWithout, type Framing } from './framing.js';

/** Fields doccano gives a meaning; meta keys of the same name are not written. */
export const DOCCANO_FIELDS = ['id', 'text', 'label', 'title'] as const;

/** One document as a doccano line: offsets in UTF-16 code units. */
export function doccanoLine(doc: ExportedDocument): string {
  const offsets = new OffsetMap(doc.text);
  const label = doc.spans.map((span) => [offsets.toU16(span.start), offsets.toU16(span.end), span.label]);
  // doccano keeps unknown fields as the example's metadata, so our meta travels beside the text.
  return `${JSON.stringify({ id: doc.id, text: doc.text, label, title: doc.title, ...metaWithout(doc.meta, DOCCANO_FIELDS) })}\n`;
}

export function doccanoFraming(): Framing {
  return { head: () => '', batch: (docs) => docs.map(doccanoLine).join(''), tail: () => '' };
}
