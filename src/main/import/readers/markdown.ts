import type { Reader } from '../record.js';
import { cutTitle, linesOf, titleFromText } from './title.js';

const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const CODE_FENCE = /^ {0,3}(```|~~~)/;
const FRONT_MATTER_FENCE = /^---[ \t]*$/;
/** Lines that cannot be the text of a setext heading (list items, quotes, indented code, rules). */
const NOT_SETEXT_TEXT = /^(?: {4}|\t| {0,3}(?:[-*+>]|\d+[.)])(?:[ \t]|$)| {0,3}#)/;

/** The first heading of a markdown source (ATX `# Title` or setext `Title\n===`), or null. */
export function markdownHeading(source: string): string | null {
  let previous: string | null = null;
  let fence: string | null = null;
  let inFrontMatter = false;
  for (const { text: line, number } of linesOf(source)) {
    // YAML front matter's closing `---` would otherwise read as a setext underline.
    if (number === 1 && FRONT_MATTER_FENCE.test(line)) {
      inFrontMatter = true;
      continue;
    }
    if (inFrontMatter) {
      if (FRONT_MATTER_FENCE.test(line) || /^\.\.\.[ \t]*$/.test(line)) inFrontMatter = false;
      continue;
    }
    const fenceMatch = CODE_FENCE.exec(line);
    if (fence !== null) {
      if (fenceMatch?.[1] === fence) fence = null;
      previous = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1] ?? null;
      previous = null;
      continue;
    }
    const atx = ATX_HEADING.exec(line);
    if (atx) {
      const heading = (atx[1] ?? '').trim();
      if (heading !== '') return heading;
      previous = null;
      continue;
    }
    if (previous !== null && SETEXT_UNDERLINE.test(line)) return previous.trim();
    previous = line.trim() === '' || NOT_SETEXT_TEXT.test(line) ? null : line;
  }
  return null;
}

/** Markdown: one record, the source exactly as decoded, titled by its first heading. */
export const readMarkdown: Reader = (text, fileName) => {
  const heading = markdownHeading(text);
  const title = heading === null ? titleFromText(text, fileName) : cutTitle(heading);
  return [{ kind: 'record', title, text, meta: {} }];
};
