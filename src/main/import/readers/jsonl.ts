import type { ReaderItem, Reader } from '../record.js';
import { documentFromJson } from './documents.js';
import { linesOf } from './title.js';

/** JSON.parse, with the parser's reason when the line is not JSON. */
function parseLine(line: string): { readonly value: unknown } | { readonly error: string } {
  try {
    return { value: JSON.parse(line) as unknown };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function* readLines(text: string, fileName: string): Generator<ReaderItem> {
  // Strings inside JSON cannot hold raw line breaks, so every break ends a record.
  for (const { text: raw, number } of linesOf(text)) {
    const line = number === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (line.trim() === '') continue;
    const parsed = parseLine(line);
    if ('error' in parsed) {
      yield { kind: 'problem', line: number, reason: `invalid JSON: ${parsed.error}` };
      continue;
    }
    const document = documentFromJson(parsed.value, fileName, number);
    yield document.ok ? document.value : { kind: 'problem', line: number, reason: document.reason };
  }
}

/** JSON lines: one document object per line; a bad line is a problem and the rest still go in. */
export const readJsonLines: Reader = (text, fileName) => readLines(text, fileName);
