/**
 * The workbench's edits go before a job's next batch. SQLite grants the write
 * lock to whoever asks first, and a job thread asks again microseconds after
 * each commit, while a waiting edit sleeps between retries (busy_timeout): at
 * 100,000 documents an edit waited up to 4 s behind a suggestion run. So the
 * thread that answers the workbench raises a shared counter while it serves a
 * request, and job threads wait for it to fall before they begin a
 * transaction. Threads that never joined the gate (the answering thread, the
 * command line) do not wait.
 */

/** Counter 0: requests the answering thread is serving now. */
let joined: Int32Array | null = null;

/** Longest a job waits for the workbench in one go, in ms; it looks again after. */
const WAIT_SLICE_MS = 50;

/** A new gate for one open project: shared with its job threads. */
export function createWriteGate(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}

/** Makes this thread (a job thread) let the workbench's requests go first. */
export function joinWriteGate(gate: SharedArrayBuffer): void {
  joined = new Int32Array(gate);
}

/** In a thread that joined a gate: waits while the workbench is being served. Elsewhere returns at once. */
export function letWorkbenchGoFirst(): void {
  if (joined === null) return;
  for (let serving = Atomics.load(joined, 0); serving > 0; serving = Atomics.load(joined, 0)) {
    Atomics.wait(joined, 0, serving, WAIT_SLICE_MS);
  }
}

/** Serves one request of the workbench with the gate raised, so jobs hold back their next batch meanwhile. */
export async function servingWorkbench<T>(gate: SharedArrayBuffer, serve: () => T | Promise<T>): Promise<T> {
  const counter = new Int32Array(gate);
  Atomics.add(counter, 0, 1);
  try {
    return await serve();
  } finally {
    Atomics.sub(counter, 0, 1);
    Atomics.notify(counter, 0);
  }
}
