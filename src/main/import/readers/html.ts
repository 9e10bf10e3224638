import { Parser } from 'htmlparser2';
import type { Reader } from '../record.js';
import { cutTitle, titleFromText } from './title.js';

/** Elements whose content is never text a reader sees. */
const DROPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'canvas']);

/** Elements allowed in <head>; any other start tag means the body has begun (as in a browser). */
const HEAD_CONTENT = new Set(['title', 'meta', 'link', 'base', 'style', 'script', 'noscript', 'template']);

/** Blocks set apart by a blank line. */
const PARAGRAPH_BLOCKS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'ul', 'ol', 'dl', 'figure', 'hr',
  'address', 'details',
]);

/** Blocks that start on a new line. */
const LINE_BLOCKS = new Set([
  'div', 'li', 'tr', 'dt', 'dd', 'section', 'article', 'header', 'footer', 'main', 'nav', 'aside', 'figcaption',
  'caption', 'form', 'fieldset', 'legend', 'summary', 'thead', 'tbody', 'tfoot', 'option', 'center', 'hgroup',
  'dialog', 'body', 'html', 'textarea', 'select',
]);

const LISTS = new Set(['ul', 'ol', 'dl']);
const CELLS = new Set(['td', 'th']);

/** ASCII whitespace, which HTML collapses; U+00A0 (&nbsp;) is kept as written. */
const HTML_SPACE = /[ \t\n\f\r]+/g;

function collapse(text: string): string {
  return text.replace(HTML_SPACE, ' ');
}

/** Like String#trim, but only for HTML's whitespace: a &nbsp; at either end stays. */
function trimHtmlSpace(text: string): string {
  return text.replace(/^[ \t\n\f\r]+|[ \t\n\f\r]+$/g, '');
}

/**
 * Assembles the visible text the way a browser lays it out: runs of spaces become
 * one, blocks break lines, and breaks are only written once text follows them —
 * which trims the end and keeps blank lines from piling up.
 */
class TextBuilder {
  readonly #parts: string[] = [];
  /** Newlines owed before the next text: 0, 1 or 2 (never more than one blank line). */
  #pendingBreak = 0;
  /** Separator owed before the next text on the same line: '', ' ' or '\t' between cells. */
  #pendingGap = '';
  #hasText = false;

  /** Text outside <pre>: whitespace collapses. */
  addInline(raw: string): void {
    const text = collapse(raw);
    if (text === '') return;
    if (text.startsWith(' ') && this.#pendingGap === '') this.#pendingGap = ' ';
    const core = trimHtmlSpace(text);
    if (core === '') return;
    this.#write(core);
    this.#pendingGap = text.endsWith(' ') ? ' ' : '';
  }

  /** Text inside <pre>: kept as written. */
  addPreformatted(text: string): void {
    if (text === '') return;
    this.#write(text);
    this.#pendingGap = '';
  }

  /** Asks for the next text to start `count` lines down (1 = new line, 2 = after a blank line). */
  requestBreak(count: 1 | 2): void {
    this.#pendingBreak = Math.max(this.#pendingBreak, count);
    this.#pendingGap = '';
  }

  /** A <br>: each one adds a line break, still capped at one blank line. */
  addLineBreak(): void {
    this.#pendingBreak = Math.min(this.#pendingBreak + 1, 2);
    this.#pendingGap = '';
  }

  /** Separates table cells on one row. */
  requestCellGap(): void {
    if (this.#pendingBreak === 0) this.#pendingGap = '\t';
  }

  #write(text: string): void {
    if (this.#hasText) {
      if (this.#pendingBreak > 0) this.#parts.push('\n'.repeat(this.#pendingBreak));
      else if (this.#pendingGap !== '') this.#parts.push(this.#pendingGap);
    }
    this.#parts.push(text);
    this.#hasText = true;
    this.#pendingBreak = 0;
  }

  toString(): string {
    return trimHtmlSpace(this.#parts.join(''));
  }
}

/** The visible text of an HTML page with its title and first <h1>. */
export interface HtmlContent {
  readonly text: string;
  readonly title: string | null;
  readonly firstH1: string | null;
}

/** Parser callbacks that route each piece of the page: hidden, title, or visible text. */
class VisibleTextHandler {
  readonly out = new TextBuilder();
  titleText: string | null = null;
  h1Text: string | null = null;
  #dropDepth = 0;
  #preDepth = 0;
  #listDepth = 0;
  #inHead = false;
  #inTitle = false;
  #capturingTitle = false;
  #inH1 = false;
  #h1Done = false;
  #preJustOpened = false;

  get #hidden(): boolean {
    return this.#dropDepth > 0 || this.#inHead;
  }

  onopentag(name: string): void {
    // A browser ends <head> at the first tag that cannot live there, </head> or not.
    if (this.#inHead && !HEAD_CONTENT.has(name)) this.#inHead = false;
    if (name === 'head') this.#inHead = true;
    if (DROPPED.has(name)) this.#dropDepth++;
    if (name === 'title') this.#openTitle();
    if (this.#hidden || name === 'title') return;
    if (name === 'h1' && !this.#h1Done) {
      this.#inH1 = true;
      this.h1Text = '';
    }
    this.#openBlock(name);
  }

  onclosetag(name: string): void {
    if (name === 'head') this.#inHead = false;
    if (name === 'title') {
      this.#inTitle = false;
      return;
    }
    if (DROPPED.has(name)) {
      this.#dropDepth = Math.max(0, this.#dropDepth - 1);
      return;
    }
    if (this.#hidden) return;
    if (name === 'h1' && this.#inH1) {
      this.#inH1 = false;
      this.#h1Done = true;
    }
    this.#closeBlock(name);
  }

  ontext(data: string): void {
    if (this.#inTitle) {
      if (this.#capturingTitle) this.titleText = (this.titleText ?? '') + data;
      return;
    }
    if (this.#hidden) return;
    if (this.#inH1) this.h1Text = (this.h1Text ?? '') + data;
    if (this.#preDepth > 0) {
      // As in a browser, a newline right after <pre> is not content.
      this.out.addPreformatted(this.#preJustOpened ? data.replace(/^\r?\n/, '') : data);
    } else {
      this.out.addInline(data);
    }
    this.#preJustOpened = false;
  }

  /** A <title> is never shown; only the page's first one (outside <svg>) names it. */
  #openTitle(): void {
    if (this.#dropDepth > 0) return;
    this.#inTitle = true;
    this.#capturingTitle = this.titleText === null;
    if (this.#capturingTitle) this.titleText = '';
  }

  /** Breaks around a block; a list nested in a list item is not set apart by a blank line. */
  #requestBlockBreak(name: string): void {
    if (PARAGRAPH_BLOCKS.has(name)) this.out.requestBreak(LISTS.has(name) && this.#listDepth > 0 ? 1 : 2);
    else if (LINE_BLOCKS.has(name)) this.out.requestBreak(1);
  }

  #openBlock(name: string): void {
    if (name === 'br') this.out.addLineBreak();
    else this.#requestBlockBreak(name);
    if (LISTS.has(name)) this.#listDepth++;
    if (name === 'pre') {
      this.#preDepth++;
      this.#preJustOpened = true;
    }
  }

  #closeBlock(name: string): void {
    if (LISTS.has(name)) this.#listDepth = Math.max(0, this.#listDepth - 1);
    if (name === 'pre') this.#preDepth = Math.max(0, this.#preDepth - 1);
    if (CELLS.has(name)) this.out.requestCellGap();
    else this.#requestBlockBreak(name);
  }
}

/** Extracts the visible text of an HTML document with a real (streaming) HTML parser. */
export function extractHtml(html: string): HtmlContent {
  const handler = new VisibleTextHandler();
  const parser = new Parser(
    {
      onopentag: (name) => handler.onopentag(name),
      onclosetag: (name) => handler.onclosetag(name),
      ontext: (data) => handler.ontext(data),
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return { text: handler.out.toString(), title: cleanHeading(handler.titleText), firstH1: cleanHeading(handler.h1Text) };
}

function cleanHeading(text: string | null): string | null {
  if (text === null) return null;
  const cleaned = trimHtmlSpace(collapse(text));
  return cleaned === '' ? null : cleaned;
}

/** HTML: one record holding the page's visible text, titled by <title>, else the first <h1>. */
export const readHtml: Reader = (html, fileName) => {
  const { text, title, firstH1 } = extractHtml(html);
  const chosen = title ?? firstH1;
  return [{ kind: 'record', title: chosen === null ? titleFromText(text, fileName) : cutTitle(chosen), text, meta: {} }];
};
