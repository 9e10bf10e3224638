/**
 * brat standoff: a folder with `<name>.txt` (the text, line breaks kept) and
 * `<name>.ann` per document, and `annotation.conf` listing the labels as entity
 * types. Offsets are characters of the text file as brat (Python) counts them:
 * code points. A span's text must sit on one `.ann` line, so a span crossing a line
 * break is written as brat's discontinuous fragments (`start end;start end`), split
 * at the line breaks; a span that starts or ends with a line break cannot be written
 * that way without moving, and is left out. A span's note goes on an
 * `AnnotatorNotes` line (`#1	AnnotatorNotes T1	…`), its line breaks written as
 * spaces since brat notes are one line.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExportedDocument } from '../exported-document.js';
import { LeftOut, type Framing } from './framing.js';

// Every character Python's splitlines() breaks at: brat reads .ann files line by line that way.
const LINE_BREAKS = new Set(['\n', '\v', '\f', '\r', '\u001c', '\u001d', '\u001e', '\u0085', '\u2028', '\u2029']);

/** True for a character that would end a line of a .ann file. */
export function isLineBreak(char: string | undefined): boolean {
  return char !== undefined && LINE_BREAKS.has(char);
}

/** The file name (without extension) a document gets: its id, the same in every export of a project. */
export function bratName(documentId: number): string {
  return `document-${documentId}`;
}

/** annotation.conf declaring `labels` as entity types; brat expects all four sections. */
export function annotationConf(labels: readonly string[]): string {
  return ['[entities]', ...labels, '', '[relations]', '', '[events]', '', '[attributes]', ''].join('\n');
}

/** The fragments of a span between line breaks, in code points; null when an edge is a line break. */
export function fragmentsOf(chars: readonly string[], startCp: number, endCp: number): [number, number][] | null {
  if (isLineBreak(chars[startCp]) || isLineBreak(chars[endCp - 1])) return null;
  const fragments: [number, number][] = [];
  let from = startCp;
  for (let cp = startCp; cp <= endCp; cp++) {
    if (cp < endCp && !isLineBreak(chars[cp])) continue;
    if (cp > from) fragments.push([from, cp]);
    from = cp + 1;
  }
  return fragments;
}

/** A note as one line of a .ann file. */
function oneLine(note: string): string {
  return [...note].map((char) => (isLineBreak(char) || char === '\t' ? ' ' : char)).join('');
}

/** A document's `.ann`: one `T` line per span, numbered in document order, and a `#` line after each span with a note. */
export function bratAnnotations(doc: ExportedDocument, leftOut: LeftOut): string {
  const chars = [...doc.text];
  const lines: string[] = [];
  let textBounds = 0;
  let notes = 0;
  for (const span of doc.spans) {
    const fragments = fragmentsOf(chars, span.start, span.end);
    if (fragments === null) {
      leftOut.add('spans starting or ending with a line break (brat keeps a span\'s text on one line)');
      continue;
    }
    const places = fragments.map(([start, end]) => `${start} ${end}`).join(';');
    const text = fragments.map(([start, end]) => chars.slice(start, end).join('')).join(' ');
    textBounds += 1;
    lines.push(`T${textBounds}\t${span.label} ${places}\t${text}\n`);
    if (span.note) {
      notes += 1;
      lines.push(`#${notes}\tAnnotatorNotes T${textBounds}\t${oneLine(span.note)}\n`);
    }
  }
  return lines.join('');
}

/** Writes each document's pair into `dir` (which must exist) as the batches come. */
export function bratFraming(dir: string, labels: readonly string[]): Framing {
  const leftOut = new LeftOut();
  return {
    head: () => {
      writeFileSync(join(dir, 'annotation.conf'), annotationConf(labels));
      return '';
    },
    batch: (docs) => {
      for (const doc of docs) {
        writeFileSync(join(dir, `${bratName(doc.id)}.txt`), doc.text);
        writeFileSync(join(dir, `${bratName(doc.id)}.ann`), bratAnnotations(doc, leftOut));
      }
      return '';
    },
    tail: () => '',
    leftOut: () => leftOut.counts,
  };
}
