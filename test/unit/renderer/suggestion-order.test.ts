import { describe, expect, it } from 'vitest';
import { drawnSpans, nearestSuggestion, suggestionCounts, type OrderedSpan } from '../../../src/renderer/features/suggestions/suggestion-order.js';

function span(id: number, startCp: number, endCp: number, status: OrderedSpan['status'], label = 'DATE'): OrderedSpan {
  return { id, startCp, endCp, label, status };
}

// Out of order on purpose: the functions sort by reading order themselves.
const spans: readonly OrderedSpan[] = [
  span(5, 40, 45, 'suggested', 'FIGURE'),
  span(1, 0, 4, 'accepted', 'PERSON'),
  span(2, 10, 20, 'suggested'),
  span(3, 10, 14, 'suggested', 'PERSON'),
  span(4, 25, 30, 'rejected'),
  span(6, 50, 55, 'suggested'),
];

describe('drawnSpans', () => {
  it('leaves rejected spans out and sorts the rest in reading order', () => {
    expect(drawnSpans(spans).map((s) => s.id)).toEqual([1, 2, 3, 5, 6]);
  });
});

describe('nearestSuggestion', () => {
  it('starts at the first or the last suggestion when nothing is selected', () => {
    expect(nearestSuggestion(spans, null, 1)?.id).toBe(2);
    expect(nearestSuggestion(spans, null, -1)?.id).toBe(6);
  });

  it('moves on from the decided span in reading order, an enclosed one after its encloser', () => {
    expect(nearestSuggestion(spans, spans[2] as OrderedSpan, 1)?.id).toBe(3);
    expect(nearestSuggestion(spans, spans[3] as OrderedSpan, 1)?.id).toBe(5);
    expect(nearestSuggestion(spans, spans[3] as OrderedSpan, -1)?.id).toBe(2);
  });

  it('moves on from an accepted or rejected span too', () => {
    expect(nearestSuggestion(spans, spans[1] as OrderedSpan, 1)?.id).toBe(2);
    expect(nearestSuggestion(spans, spans[4] as OrderedSpan, 1)?.id).toBe(5);
    // Just accepted, the last suggestion is no longer one: the next is the first of the document.
    expect(nearestSuggestion(spans, { ...(spans[5] as OrderedSpan), status: 'accepted' }, 1)?.id).toBe(2);
  });

  it('wraps around the document', () => {
    expect(nearestSuggestion(spans, spans[5] as OrderedSpan, 1)?.id).toBe(2);
    expect(nearestSuggestion(spans, spans[2] as OrderedSpan, -1)?.id).toBe(6);
  });

  it('skips the span it starts from and gives null when no other suggestion is left', () => {
    const one = [span(1, 0, 4, 'suggested'), span(2, 5, 9, 'accepted')];
    expect(nearestSuggestion(one, one[0] as OrderedSpan, 1)).toBeNull();
    expect(nearestSuggestion([span(1, 0, 4, 'accepted')], null, 1)).toBeNull();
  });
});

describe('suggestionCounts', () => {
  it('counts suggestions per label in the project order, unknown labels last', () => {
    const withUnknown = [...spans, span(7, 60, 62, 'suggested', 'MEDICINE')];
    expect(suggestionCounts(withUnknown, ['HOSPITAL', 'DATE', 'PERSON', 'FIGURE'])).toEqual({
      total: 5,
      byLabel: [
        { label: 'DATE', count: 2 },
        { label: 'PERSON', count: 1 },
        { label: 'FIGURE', count: 1 },
        { label: 'MEDICINE', count: 1 },
      ],
    });
  });
});
