/** Megabytes with two decimals, as every summary prints sizes. */
export function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(2);
}
