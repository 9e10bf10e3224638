import type { ExportedDocument } from '../exported-document.js';

/** How a format frames the stream of documents: a head, one string per batch, a tail. */
export interface Framing {
  head(): string;
  batch(documents: readonly ExportedDocument[], first: boolean): string;
  tail(): string;
  /** Spans the format could not represent, counted by reason (never shifted to fit). */
  leftOut?(): ReadonlyMap<string, number>;
}

/** Counts spans left out of an export, by the reason a person reads in the summary. */
export class LeftOut {
  readonly #counts = new Map<string, number>();

  add(reason: string, count = 1): void {
    if (count > 0) this.#counts.set(reason, (this.#counts.get(reason) ?? 0) + count);
  }

  get counts(): ReadonlyMap<string, number> {
    return this.#counts;
  }
}

/** Keys of a document's meta that a format writes beside its own fields, minus those the format already uses. */
export function metaWithout(meta: Readonly<Record<string, unknown>>, reserved: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(meta).filter(([key]) => !reserved.includes(key)));
}
