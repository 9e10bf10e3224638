/**
 * Suggested spans in reading order: which one comes next after a decision or a
 * jump, and how many there are per label for the bulk accept buttons.
 */

/** The fields of a span this module looks at. */
export interface OrderedSpan {
  readonly id: number;
  readonly startCp: number;
  readonly endCp: number;
  readonly label: string;
  readonly status: 'accepted' | 'suggested' | 'rejected';
}

/** Reading order: earlier start, then the longer span (it encloses), then the lower id. */
export function compareReading(a: OrderedSpan, b: OrderedSpan): number {
  return a.startCp - b.startCp || b.endCp - a.endCp || a.id - b.id;
}

/** The spans the text draws (rejected ones are not), in reading order. */
export function drawnSpans<T extends OrderedSpan>(spans: readonly T[]): T[] {
  return spans.filter((span) => span.status !== 'rejected').sort(compareReading);
}

/**
 * The suggestion to go to from `from` (a span, in or out of the list) moving by
 * `step`: the nearest suggestion after it (before it for -1), wrapping around
 * the document. With no `from`, the first (or last). Null when none is left.
 */
export function nearestSuggestion<T extends OrderedSpan>(spans: readonly T[], from: OrderedSpan | null, step: 1 | -1): T | null {
  const suggestions = spans.filter((span) => span.status === 'suggested' && span.id !== from?.id).sort(compareReading);
  if (suggestions.length === 0) return null;
  if (from === null) return (step > 0 ? suggestions[0] : suggestions[suggestions.length - 1]) ?? null;
  if (step > 0) return suggestions.find((span) => compareReading(span, from) > 0) ?? suggestions[0] ?? null;
  for (let i = suggestions.length - 1; i >= 0; i--) if (compareReading(suggestions[i] as T, from) < 0) return suggestions[i] as T;
  return suggestions[suggestions.length - 1] ?? null;
}

/** How many suggestions each label has, in the order of `labels` (labels without any left out), and the total. */
export function suggestionCounts(spans: readonly OrderedSpan[], labels: readonly string[]): { readonly total: number; readonly byLabel: readonly { readonly label: string; readonly count: number }[] } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const span of spans) {
    if (span.status !== 'suggested') continue;
    counts.set(span.label, (counts.get(span.label) ?? 0) + 1);
    total++;
  }
  // Labels the project no longer lists still get a button, after the known ones.
  const order = [...labels.filter((label) => counts.has(label)), ...[...counts.keys()].filter((label) => !labels.includes(label)).sort()];
  return { total, byLabel: order.map((label) => ({ label, count: counts.get(label) ?? 0 })) };
}
