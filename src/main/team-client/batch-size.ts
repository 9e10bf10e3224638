/**
 * How many records to send or ask for in the next request. A fixed size is
 * wrong both ways: alone with the server, large batches finish a big sync
 * sooner; when twenty laptops sync at once, every one of them waits for the
 * others' batches ahead of it, so a large batch makes everyone slow. The size
 * doubles while requests come back well inside the target and halves when one
 * takes longer, so each request stays near the target whatever the load.
 */
export interface BatchSizer {
  /** Records to put in the next request. */
  readonly size: () => number;
  /** Tells the sizer how long the request of `records` took. */
  readonly observe: (records: number, elapsedMs: number) => void;
}

export interface BatchSizing {
  readonly initial: number;
  readonly min: number;
  readonly max: number;
  /** The time a request should take; requests under half of it grow the batch, over it shrink it. */
  readonly targetMs: number;
}

export const DEFAULT_BATCH_SIZING: BatchSizing = { initial: 500, min: 100, max: 2_000, targetMs: 500 };

export function adaptiveBatch(sizing: BatchSizing = DEFAULT_BATCH_SIZING): BatchSizer {
  let size = Math.min(sizing.max, Math.max(sizing.min, sizing.initial));
  return {
    size: () => size,
    observe: (records, elapsedMs) => {
      // A short last batch says nothing about how long a full one would take.
      if (records < size && elapsedMs <= sizing.targetMs) return;
      if (elapsedMs > sizing.targetMs) size = Math.max(sizing.min, Math.floor(size / 2));
      else if (elapsedMs < sizing.targetMs / 2) size = Math.min(sizing.max, size * 2);
    },
  };
}

/** The same size every time: for callers that ask for one. */
export function fixedBatch(records: number): BatchSizer {
  return { size: () => records, observe: () => undefined };
}
