/**
 * Sorting millions of (key, value) pairs of 32-bit integers: four stable
 * counting passes of 8 bits each, linear in the count. Eight-bit digits keep
 * the 256 counters and write positions in cache, which matters more than the
 * number of passes; a comparison sort with a callback is several times slower.
 */

/** Sorts `keys` ascending and moves `values` along; equal keys keep their order. Both arrays are reordered in place. */
export function sortByKey(keys: Uint32Array, values: Uint32Array): void {
  const n = keys.length;
  if (n < 2) return;
  let keysFrom: Uint32Array = keys;
  let valuesFrom: Uint32Array = values;
  let keysTo: Uint32Array = new Uint32Array(n);
  let valuesTo: Uint32Array = new Uint32Array(n);
  const counts = new Uint32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    countingPass(keysFrom, valuesFrom, keysTo, valuesTo, counts, shift);
    [keysFrom, keysTo] = [keysTo, keysFrom];
    [valuesFrom, valuesTo] = [valuesTo, valuesFrom];
  }
  // Four passes: the sorted data is back in the arrays given.
}

function countingPass(
  keys: Uint32Array,
  values: Uint32Array,
  keysOut: Uint32Array,
  valuesOut: Uint32Array,
  counts: Uint32Array,
  shift: number,
): void {
  counts.fill(0);
  const n = keys.length;
  for (let i = 0; i < n; i++) {
    const digit = ((keys[i] as number) >>> shift) & 0xff;
    counts[digit] = (counts[digit] as number) + 1;
  }
  let total = 0;
  for (let digit = 0; digit < 256; digit++) {
    const count = counts[digit] as number;
    counts[digit] = total;
    total += count;
  }
  for (let i = 0; i < n; i++) {
    const key = keys[i] as number;
    const digit = (key >>> shift) & 0xff;
    const at = counts[digit] as number;
    counts[digit] = at + 1;
    keysOut[at] = key;
    valuesOut[at] = values[i] as number;
  }
}
