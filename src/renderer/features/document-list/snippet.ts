/** Search snippets mark matched terms between \u0002 and \u0003; this splits them into plain and matched parts. */

export interface SnippetPart {
  readonly text: string;
  readonly match: boolean;
}

const OPEN = '\u0002';
const CLOSE = '\u0003';

/** The parts of a snippet in order; an unclosed match runs to the end, stray markers are dropped. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let current = '';
  const flush = (): void => {
    if (current !== '') parts.push({ text: current, match });
    current = '';
  };
  for (const char of snippet) {
    if (char === OPEN || char === CLOSE) {
      flush();
      match = char === OPEN;
    } else current += char;
  }
  flush();
  return parts;
}
