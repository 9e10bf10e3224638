/**
 * CoNLL / IOB: one token a line, the token in the first column and its tag in the
 * last (tab- or space-separated, so the two-column layout Marginalia writes and
 * CoNLL-2003's four columns both read), a blank line after each sentence, and
 * `-DOCSTART-` lines between documents. CoNLL keeps no spacing, so the text is
 * rebuilt: tokens joined by single spaces, sentences by line breaks, and span
 * offsets refer to that rebuilt text. Tags are IOB2 (B- starts, I- continues); an
 * I- tag that follows nothing of its label starts a span, as IOB1 files expect.
 * A malformed line is reported at its line number: a token without a tag (read
 * as O), a line whose token column is empty (left out), a tag that is not IOB.
 */
import type { ImportedSpan, ReaderItem, Reader } from '../record.js';
import { LABEL_NAME_PATTERN } from '../../../shared/labels.js';
import { codePointLength } from '../../../shared/offsets.js';
import { linesOf, titleOr, type TextLine } from './title.js';

interface Building {
  sentences: string[];
  words: string[];
  offsetCp: number;
  spans: ImportedSpan[];
  open: { label: string; startCp: number; endCp: number } | null;
  firstLine: number;
}

function fresh(line: number): Building {
  return { sentences: [], words: [], offsetCp: 0, spans: [], open: null, firstLine: line };
}

function closeSpan(doc: Building): void {
  if (doc.open) doc.spans.push({ startCp: doc.open.startCp, endCp: doc.open.endCp, label: doc.open.label });
  doc.open = null;
}

function endSentence(doc: Building): void {
  closeSpan(doc);
  if (doc.words.length === 0) return;
  doc.sentences.push(doc.words.join(' '));
  doc.words = [];
  // The line break that joins this sentence to the next.
  doc.offsetCp += 1;
}

/** Reads a CoNLL file into documents; a bad line is reported and its token read as O. */
export const readConll: Reader = (text, fileName) => [...conllItems(linesOf(text.replace(/^\uFEFF/, '')), fileName)];

/** The documents of CoNLL lines (a leading BOM already removed), each as soon as it ends. */
export function* conllItems(lines: Iterable<TextLine>, fileName: string): Generator<ReaderItem> {
  const items: ReaderItem[] = [];
  let doc = fresh(1);
  const finish = (): void => {
    endSentence(doc);
    if (doc.sentences.length === 0) return;
    const body = doc.sentences.join('\n');
    items.push({ kind: 'record', title: titleOr(undefined, body, fileName), text: body, meta: {}, line: doc.firstLine, ...(doc.spans.length > 0 ? { spans: doc.spans } : {}) });
  };
  for (const { text: raw, number } of lines) {
    yield* items.splice(0);
    const line = raw.trim();
    if (line.startsWith('-DOCSTART-')) {
      finish();
      doc = fresh(number + 1);
      continue;
    }
    if (line === '') {
      endSentence(doc);
      continue;
    }
    // A tag alone (its token column left empty) must not become a word of the text.
    if (raw !== line && /^\s/.test(raw)) {
      items.push({ kind: 'problem', line: number, reason: 'no token: the line starts with white space, so the first column is empty; the line is left out' });
      continue;
    }
    const columns = line.split(/\s+/);
    const token = columns[0] as string;
    if (columns.length === 1) {
      items.push({ kind: 'problem', line: number, reason: `no tag after the token ${JSON.stringify(token)} (expected TOKEN<TAB>TAG); the token is read as O` });
    }
    const tag = columns.length > 1 ? (columns[columns.length - 1] as string) : 'O';
    const startCp = doc.offsetCp + (doc.words.length > 0 ? 1 : 0);
    const endCp = startCp + codePointLength(token);
    doc.words.push(token);
    doc.offsetCp = endCp;
    const match = /^([BI])-(.+)$/.exec(tag);
    if (tag === 'O') {
      closeSpan(doc);
    } else if (match === null || !LABEL_NAME_PATTERN.test(match[2] as string)) {
      items.push({ kind: 'problem', line: number, reason: `tag ${JSON.stringify(tag)} is not O, B-LABEL or I-LABEL; the token is read as O` });
      closeSpan(doc);
    } else if (match[1] === 'I' && doc.open !== null && doc.open.label === match[2]) {
      doc.open.endCp = endCp;
    } else {
      closeSpan(doc);
      doc.open = { label: match[2] as string, startCp, endCp };
    }
  }
  finish();
  yield* items;
}
