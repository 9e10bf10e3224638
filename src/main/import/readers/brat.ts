/**
 * brat standoff: `<name>.txt` holds the text and `<name>.ann` its annotations, one
 * per line. Text-bound annotations (`T1<TAB>LABEL start end<TAB>text`) become spans;
 * offsets are characters as brat (Python) counts them: code points. An
 * `AnnotatorNotes` comment on a T line (`#1<TAB>AnnotatorNotes T1<TAB>note`) becomes
 * its span's note. Relations, events, attributes, normalisations and other comments
 * (R, E, A, M, N, # lines) say nothing Marginalia keeps and are passed over. brat's discontinuous fragments (`start end;start end`) become one
 * span when only line breaks separate them (that is how a span across lines is
 * written); other gaps cannot be one span and are refused.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { OffsetMap } from '../../../shared/offsets.js';
import { isLineBreak } from '../../export/formats/brat.js';
import type { ImportedSpan, ReaderItem } from '../record.js';
import { foreignSpan } from './foreign-spans.js';
import { linesOf, titleOr } from './title.js';

/** brat's configuration files, which sit beside the documents and are not documents. */
const CONFIGURATION = new Set(['annotation.conf', 'visual.conf', 'tools.conf', 'kb_shortcuts.conf']);


/** What the import does with a file that may be part of a brat folder. */
export type BratRole =
  | { readonly kind: 'other' }
  | { readonly kind: 'pair'; readonly annotations: string }
  | { readonly kind: 'skip' }
  | { readonly kind: 'refuse'; readonly reason: string };

/**
 * Pairs brat files by name: a `.txt` with a `.ann` beside it is read with it, the
 * `.ann` then needs no reading of its own, and an `.ann` alone is an error.
 */
export function bratRole(path: string, format?: string, exists: (path: string) => boolean = existsSync): BratRole {
  if (format !== undefined && format !== 'brat') return { kind: 'other' };
  const extension = extname(path).toLowerCase();
  const stem = path.slice(0, path.length - extension.length);
  if (extension === '.txt' && exists(`${stem}.ann`)) return { kind: 'pair', annotations: `${stem}.ann` };
  if (extension === '.ann') {
    return exists(`${stem}.txt`) ? { kind: 'skip' } : { kind: 'refuse', reason: `brat annotations without their text: no ${basename(stem)}.txt beside it` };
  }
  if (CONFIGURATION.has(basename(path)) && hasAnnotations(dirname(path))) return { kind: 'skip' };
  return { kind: 'other' };
}

/** True when `dir` or a folder under it holds a .ann file (brat finds its configuration in a parent folder too). */
function hasAnnotations(dir: string): boolean {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  if (entries.some((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.ann'))) return true;
  return entries.some((entry) => entry.isDirectory() && !entry.name.startsWith('.') && hasAnnotations(join(dir, entry.name)));
}

function onlyLineBreaks(gap: string): boolean {
  return gap !== '' && [...gap].every(isLineBreak);
}

/** A `T` line's type and fragments, or why it cannot be read. */
function parseTextBound(line: string): { label: string; fragments: [number, number][]; text: string } | string {
  const [id, middle, ...rest] = line.split('\t');
  // The text itself may hold a tab.
  const text = rest.length === 0 ? undefined : rest.join('\t');
  if (middle === undefined || text === undefined) return `${id ?? ''}: expected "T<n><TAB>LABEL start end<TAB>text"`;
  const space = middle.indexOf(' ');
  const label = space < 0 ? middle : middle.slice(0, space);
  const fragments: [number, number][] = [];
  for (const part of middle.slice(space + 1).split(';')) {
    const match = /^(\d+) (\d+)$/.exec(part.trim());
    if (space < 0 || match === null) return `${id ?? ''}: offsets must be "start end" (fragments joined by ";")`;
    fragments.push([Number(match[1]), Number(match[2])]);
  }
  return { label, fragments, text };
}

/** The span a T line names, when its fragments can be one span. */
function textBoundSpan(line: string, map: OffsetMap): ImportedSpan | string {
  const parsed = parseTextBound(line);
  if (typeof parsed === 'string') return parsed;
  const id = line.slice(0, line.indexOf('\t'));
  const { label, fragments, text } = parsed;
  for (const [i, [start, end]] of fragments.entries()) {
    const previous = fragments[i - 1];
    if (previous === undefined) continue;
    if (start < previous[1] || end > map.lengthCp || !onlyLineBreaks(map.sliceCp(previous[1], start))) {
      return `${id}: fragments ${previous[1]} and ${start} are not separated by line breaks alone, and a Marginalia span is one stretch of text`;
    }
  }
  const first = fragments[0] as [number, number];
  const last = fragments[fragments.length - 1] as [number, number];
  const span = foreignSpan(map, { start: first[0], end: last[1], label }, 'codepoints');
  if (!span.ok) return `${id}: ${span.reason}`;
  const written = fragments.map(([start, end]) => map.sliceCp(start, end)).join(' ');
  if (written !== text) return `${id}: text ${JSON.stringify(text)} differs from the document's ${JSON.stringify(written)} at those offsets`;
  return span.value;
}

/** One brat document: the `.txt` text and the `.ann` file's lines (a bad line is a problem at its line number). */
export function readBratPair(text: string, annotations: string, fileName: string): ReaderItem[] {
  const map = new OffsetMap(text);
  const spans = new Map<string, ImportedSpan>();
  const notes = new Map<string, string>();
  const problems: ReaderItem[] = [];
  for (const { text: line, number } of linesOf(annotations)) {
    if (line.startsWith('#')) {
      const note = /^#[^\t]*\tAnnotatorNotes (T\S+)\t(.*)$/.exec(line);
      // Several notes on one span are kept together, one per line.
      if (note) notes.set(note[1] as string, notes.has(note[1] as string) ? `${notes.get(note[1] as string)}\n${note[2]}` : (note[2] as string));
      continue;
    }
    if (!line.startsWith('T')) continue;
    const span = textBoundSpan(line, map);
    if (typeof span === 'string') problems.push({ kind: 'problem', line: number, reason: span });
    else spans.set(line.slice(0, line.indexOf('\t')), span);
  }
  for (const [id, note] of notes) {
    const span = spans.get(id);
    if (span) spans.set(id, { ...span, note });
  }
  const record: ReaderItem = { kind: 'record', title: titleOr(undefined, text, fileName), text, meta: {}, ...(spans.size > 0 ? { spans: [...spans.values()] } : {}) };
  return [record, ...problems];
}
