/**
 * brat standoff: `<name>.txt` holds the text and `<name>.ann` its annotations, one
 * per line. Text-bound annotations (`T1<TAB>LABEL start end<TAB>text`) become spans;
 * offsets are characters as brat (Python) counts them: code points. An
 * `AnnotatorNotes` comment on a T line (`#1<TAB>AnnotatorNotes T1<TAB>note`) becomes
 * its span's note. Relations, events, attributes, normalisations and other comments
 * (R, E, A, M, N, #, * lines) say nothing Marginalia keeps and are passed over,
 * once checked: a line that is not brat, or refers to an id the file does not
 * define, is reported. brat's discontinuous fragments (`start end;start end`) become one
 * span when only line breaks separate them (that is how a span across lines is
 * written); other gaps cannot be one span and are refused.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { OffsetMap } from '../../../shared/offsets.js';
import { isLineBreak } from '../../export/formats/brat.js';
import type { ImportedSpan, ReaderItem } from '../record.js';
import type { FsPath } from '../walk.js';
import { foreignSpan } from './foreign-spans.js';
import { linesOf, titleOr } from './title.js';

/** brat's configuration files, which sit beside the documents and are not documents. */
const CONFIGURATION = new Set(['annotation.conf', 'visual.conf', 'tools.conf', 'kb_shortcuts.conf']);


/** What the import does with a file that may be part of a brat folder. */
export type BratRole =
  | { readonly kind: 'other' }
  /** `annotations` is the .ann file's name as shown; `annotationsFsPath` opens it (its bytes when the name is not UTF-8). */
  | { readonly kind: 'pair'; readonly annotations: string; readonly annotationsFsPath: FsPath }
  | { readonly kind: 'skip' }
  | { readonly kind: 'refuse'; readonly reason: string };

/**
 * Pairs brat files by name: a `.txt` with a `.ann` beside it is read with it, the
 * `.ann` then needs no reading of its own, and an `.ann` alone is an error.
 * `fsPath` is how the file system knows `path`: a name that is not UTF-8 shows
 * with replacement marks, and only its bytes find the file beside it.
 */
export function bratRole(path: string, format?: string, exists: (path: FsPath) => boolean = existsSync, fsPath: FsPath = path): BratRole {
  if (format !== undefined && format !== 'brat') return { kind: 'other' };
  const extension = extname(path).toLowerCase();
  const stem = path.slice(0, path.length - extension.length);
  if (extension === '.txt') {
    const annotationsFsPath = withExtension(fsPath, extension.length, '.ann');
    if (exists(annotationsFsPath)) return { kind: 'pair', annotations: `${stem}.ann`, annotationsFsPath };
  }
  if (extension === '.ann') {
    return exists(withExtension(fsPath, extension.length, '.txt'))
      ? { kind: 'skip' }
      : { kind: 'refuse', reason: `brat annotations without their text: no ${basename(stem)}.txt beside it` };
  }
  if (CONFIGURATION.has(basename(path)) && hasAnnotations(dirname(path))) return { kind: 'skip' };
  return { kind: 'other' };
}

/** The path with its last `oldLength` characters (an ASCII extension) replaced by `extension`, in the path's own form. */
function withExtension(path: FsPath, oldLength: number, extension: string): FsPath {
  if (typeof path === 'string') return `${path.slice(0, path.length - oldLength)}${extension}`;
  return Buffer.concat([path.subarray(0, path.length - oldLength), Buffer.from(extension)]);
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

/** A brat annotation line: an id (T, R, E, A, M, N or # and a number; * for equivalences) and a tab. */
const ANNOTATION_LINE = /^([TREAMN#][^\t\s]*|\*)\t/;

const NOT_BRAT = 'not a brat annotation: a line starts with an id (T, R, E, A, M, N, # or *) and a tab';

/** The shape each kind of line must have, for the message when it does not. */
const SHAPES: Readonly<Record<string, string>> = {
  R: 'R<n><TAB>TYPE Arg1:ID Arg2:ID',
  E: 'E<n><TAB>TYPE:ID ROLE:ID…',
  A: 'A<n><TAB>NAME ID [VALUE]',
  M: 'M<n><TAB>NAME ID [VALUE]',
  N: 'N<n><TAB>TYPE ID REFERENCE<TAB>text',
  '#': '#<n><TAB>TYPE ID<TAB>note',
  '*': '*<TAB>TYPE ID ID…',
};

/**
 * The ids a line other than a T line refers to, each with what names it (a
 * role, or the line's own type), or null when the line is not shaped as its
 * kind must be. Relations, events, attributes, normalisations and notes are not
 * kept, but one naming what the file lacks shows the file is damaged.
 */
function referencesOf(kind: string, fields: string): { readonly role: string; readonly id: string }[] | null {
  const words = fields.split(' ').filter((word) => word !== '');
  const pair = (word: string): { role: string; id: string } | null => {
    const colon = word.lastIndexOf(':');
    return colon <= 0 || colon === word.length - 1 ? null : { role: word.slice(0, colon), id: word.slice(colon + 1) };
  };
  switch (kind) {
    case 'R': {
      const args = words.slice(1).map(pair);
      return args.length >= 2 && args.every((arg) => arg !== null) ? (args as { role: string; id: string }[]) : null;
    }
    case 'E': {
      const args = words.map(pair);
      return args.length >= 1 && args.every((arg) => arg !== null) ? (args as { role: string; id: string }[]) : null;
    }
    case 'A':
    case 'M':
    case '#':
      return words.length >= 2 ? [{ role: '', id: words[1] as string }] : null;
    case 'N':
      return words.length >= 3 ? [{ role: '', id: words[1] as string }] : null;
    case '*':
      return words.length >= 3 ? words.slice(1).map((id) => ({ role: '', id })) : null;
    default:
      return [];
  }
}

/**
 * One brat document: the `.txt` text and the `.ann` file's lines. Each line that
 * cannot be read is a problem at its line number, and the rest still go in: a
 * line that is not brat at all, a T line that does not fit the text, an id
 * defined twice, a line that refers to an id the file does not define.
 */
export function readBratPair(text: string, annotations: string, fileName: string): ReaderItem[] {
  const map = new OffsetMap(text);
  const spans = new Map<string, ImportedSpan>();
  const notes = new Map<string, string>();
  const problems: ReaderItem[] = [];
  // Ids as first defined, with their line: any line may refer to one defined further down.
  const defined = new Map<string, number>();
  for (const { text: line, number } of linesOf(annotations)) {
    const id = ANNOTATION_LINE.exec(line)?.[1];
    if (id !== undefined && id !== '*' && !defined.has(id)) defined.set(id, number);
  }
  for (const { text: line, number } of linesOf(annotations)) {
    if (line.trim() === '') continue;
    const problem = (reason: string): void => void problems.push({ kind: 'problem', line: number, reason });
    const id = ANNOTATION_LINE.exec(line)?.[1];
    if (id === undefined) {
      problem(NOT_BRAT);
      continue;
    }
    const first = defined.get(id);
    if (id !== '*' && first !== number) {
      problem(`${id} is defined twice (first at line ${first}); this one is left out`);
      continue;
    }
    const kind = id.charAt(0);
    if (kind === 'T') {
      const span = textBoundSpan(line, map);
      if (typeof span === 'string') problem(span);
      else spans.set(id, span);
      continue;
    }
    // A note's text may itself hold tabs.
    const body = line.slice(id.length + 1);
    const tab = body.indexOf('\t');
    const fields = tab < 0 ? body : body.slice(0, tab);
    const rest = tab < 0 ? undefined : body.slice(tab + 1);
    const references = referencesOf(kind, fields);
    if (references === null || (kind === '#' && rest === undefined)) {
      problem(`${id}: expected "${SHAPES[kind] ?? ''}"`);
      continue;
    }
    const dangling = references.find((reference) => !defined.has(reference.id));
    if (dangling !== undefined) {
      problem(`${id}: ${dangling.role === '' ? '' : `${dangling.role} `}names ${dangling.id}, which the file does not define`);
      continue;
    }
    const note = /^AnnotatorNotes (T\S+)$/.exec(fields.trim());
    // Several notes on one span are kept together, one per line.
    if (kind === '#' && note) notes.set(note[1] as string, notes.has(note[1] as string) ? `${notes.get(note[1] as string)}\n${rest}` : (rest as string));
  }
  for (const [id, note] of notes) {
    const span = spans.get(id);
    if (span) spans.set(id, { ...span, note });
  }
  const record: ReaderItem = { kind: 'record', title: titleOr(undefined, text, fileName), text, meta: {}, ...(spans.size > 0 ? { spans: [...spans.values()] } : {}) };
  return [record, ...problems];
}
