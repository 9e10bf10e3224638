/** Counts with their nouns in the right number, so no message says "1 documents". Shared by the CLI, the Node side and the workbench. */

const WHOLE = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/**
 * A count with its noun: "1 document", "2,345 documents", "0 matches". The
 * plural is `one` + "s" unless given (for "match"/"matches", "entity"/"entities").
 */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${WHOLE.format(n)} ${n === 1 ? one : many}`;
}

/** The noun alone in the number `n` asks for: "document" or "documents". */
export function nounFor(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** As `countOf`, with the number as digits alone ("10000 documents"): for command-line lines that scripts read. */
export function plainCountOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
