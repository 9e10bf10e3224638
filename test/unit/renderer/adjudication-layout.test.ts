import { describe, expect, it } from 'vitest';
import type { DisagreementDto, SpanDto } from '../../../src/shared/api.js';
import {
  contextWindow,
  layoutDisagreement,
  markPieces,
  nextOpenDisagreement,
  progressText,
  sameDisagreement,
  supersededDecisions,
  versionAnnotators,
} from '../../../src/renderer/features/adjudication/disagreement-layout.js';

let nextId = 1;
function span(annotator: string, startCp: number, endCp: number, label: string, status: SpanDto['status'] = 'accepted'): SpanDto {
  return { id: nextId++, documentId: 1, startCp, endCp, label, annotator, status, entityId: null, value: null, note: null, recogniser: null, confidence: null };
}

function disagreement(spans: readonly SpanDto[], adjudicated: readonly SpanDto[] = []): DisagreementDto {
  return {
    startCp: Math.min(...spans.map((s) => s.startCp)),
    endCp: Math.max(...spans.map((s) => s.endCp)),
    spanIds: spans.map((s) => s.id),
    adjudicatedSpanIds: adjudicated.map((s) => s.id),
    settled: adjudicated.length > 0,
  };
}

describe('layoutDisagreement', () => {
  it('gives each annotator a column of their spans in the group, in reading order, and says whose versions are the same', () => {
    const anaLong = span('ana', 10, 30, 'HOSPITAL');
    const benShort = span('ben', 20, 30, 'HOSPITAL');
    const benDate = span('ben', 10, 14, 'DATE');
    const chiLong = span('chi', 10, 30, 'HOSPITAL');
    const elsewhere = span('ana', 50, 55, 'PERSON');
    const detail = { annotators: ['ana', 'ben', 'chi'], spans: [benShort, anaLong, chiLong, benDate, elsewhere] };
    const layout = layoutDisagreement(detail, disagreement([anaLong, benShort, benDate, chiLong]));
    expect(layout.versions.map((v) => v.annotator)).toEqual(['ana', 'ben', 'chi']);
    expect(layout.versions[0]?.spans).toEqual([anaLong]);
    // Earlier start first: ben's DATE at 10 before his HOSPITAL at 20.
    expect(layout.versions[1]?.spans).toEqual([benDate, benShort]);
    expect(layout.versions[0]?.sameAs).toEqual(['chi']);
    expect(layout.versions[1]?.sameAs).toEqual([]);
    expect(layout.versions[2]?.sameAs).toEqual(['ana']);
    expect(layout.adjudicated).toEqual({ accepted: [], rejected: [] });
  });

  it('gives an annotator without spans in the group an empty column, and splits the adjudicated spans by status', () => {
    const ana = span('ana', 0, 5, 'PERSON');
    const kept = span('adjudicated', 0, 5, 'PERSON');
    const turnedDown = span('adjudicated', 0, 5, 'DATE', 'rejected');
    const detail = { annotators: ['ana', 'ben'], spans: [ana, kept, turnedDown] };
    const layout = layoutDisagreement(detail, disagreement([ana], [kept, turnedDown]));
    expect(layout.versions[1]).toEqual({ annotator: 'ben', spans: [], sameAs: [] });
    expect(layout.adjudicated.accepted).toEqual([kept]);
    expect(layout.adjudicated.rejected).toEqual([turnedDown]);
  });

  it('widens the text the columns show to an adjudicated span reaching past the disagreement', () => {
    const ana = span('ana', 10, 18, 'HOSPITAL');
    const ben = span('ben', 10, 14, 'PERSON');
    const written = span('adjudicated', 10, 27, 'HOSPITAL');
    const layout = layoutDisagreement({ annotators: ['ana', 'ben'], spans: [ana, ben, written] }, disagreement([ana, ben], [written]));
    expect([layout.startCp, layout.endCp]).toEqual([10, 27]);
    expect([layoutDisagreement({ annotators: ['ana', 'ben'], spans: [ana, ben] }, disagreement([ana, ben])).endCp]).toEqual([18]);
  });

  it('never makes a column of the adjudicated result itself', () => {
    expect(versionAnnotators({ annotators: ['adjudicated', 'ana', 'ben'] })).toEqual(['ana', 'ben']);
  });
});

describe('supersededDecisions', () => {
  it('lists the adjudicated spans a new choice replaces, but not copies of the chosen version', () => {
    const ana = span('ana', 0, 8, 'HOSPITAL');
    const ben = span('ben', 0, 4, 'PERSON');
    const anaCopy = span('adjudicated', 0, 8, 'HOSPITAL');
    const written = span('adjudicated', 0, 12, 'HOSPITAL');
    const layout = layoutDisagreement({ annotators: ['ana', 'ben'], spans: [ana, ben, anaCopy, written] }, disagreement([ana, ben], [anaCopy, written]));
    expect(supersededDecisions(layout, [ben])).toEqual([written, anaCopy]);
    expect(supersededDecisions(layout, [ana])).toEqual([written]);
  });

  it('leaves to "none of these" the copies it turns down itself, and lists only the rest', () => {
    const ana = span('ana', 0, 8, 'HOSPITAL');
    const ben = span('ben', 0, 4, 'PERSON');
    const benCopy = span('adjudicated', 0, 4, 'PERSON');
    const written = span('adjudicated', 2, 6, 'DATE');
    const rejected = span('adjudicated', 0, 8, 'HOSPITAL', 'rejected');
    const layout = layoutDisagreement({ annotators: ['ana', 'ben'], spans: [ana, ben, benCopy, written, rejected] }, disagreement([ana, ben], [benCopy, written, rejected]));
    expect(supersededDecisions(layout, [], [ana, ben])).toEqual([written]);
  });
});

describe('markPieces', () => {
  it('cuts the range at span edges and at the extra cuts, naming the spans over each piece', () => {
    const outer = span('ana', 2, 10, 'HOSPITAL');
    const inner = span('ana', 4, 6, 'PERSON');
    const pieces = markPieces(0, 12, [inner, outer], [11]);
    expect(pieces.map((p) => [p.startCp, p.endCp, p.spans.map((s) => s.label)])).toEqual([
      [0, 2, []],
      [2, 4, ['HOSPITAL']],
      [4, 6, ['HOSPITAL', 'PERSON']],
      [6, 10, ['HOSPITAL']],
      [10, 11, []],
      [11, 12, []],
    ]);
  });

  it('clamps spans reaching past the range, and gives nothing for an empty range', () => {
    const wide = span('ana', 0, 100, 'DATE');
    expect(markPieces(5, 8, [wide]).map((p) => [p.startCp, p.endCp, p.spans.length])).toEqual([[5, 8, 1]]);
    expect(markPieces(5, 5, [wide])).toEqual([]);
  });
});

describe('contextWindow', () => {
  it('shows the whole line holding the disagreement when it is short', () => {
    const text = 'First line here.\nThe ferry leaves at dawn on Tuesday.\nLast line.';
    const start = text.indexOf('dawn');
    const window = contextWindow(text, start, start + 4);
    expect(text.slice(window.startCp, window.endCp)).toBe('The ferry leaves at dawn on Tuesday.');
    expect(window).toMatchObject({ cutBefore: false, cutAfter: false });
  });

  it('cuts a long line at spaces within the radius, never inside a word', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
    const text = words.join(' ');
    const start = text.indexOf('word30');
    const window = contextWindow(text, start, start + 'word30'.length, 40);
    const shown = text.slice(window.startCp, window.endCp);
    expect(shown).toContain('word30');
    expect(window.startCp).toBeGreaterThanOrEqual(start - 40);
    expect(window.endCp).toBeLessThanOrEqual(start + 6 + 40);
    expect(shown).toMatch(/^word\d+ .* word\d+$/);
    expect(window).toMatchObject({ cutBefore: true, cutAfter: true });
  });

  it('counts code points: an emoji before the disagreement does not shift the window', () => {
    const text = '🐢 Dr Hoa met 🌊 the team at Bach Mai Hospital.';
    // Two emoji before it, each two UTF-16 units: the code point offset is two less than the UTF-16 index.
    const offsetCp = [...text.slice(0, text.indexOf('Bach'))].length;
    expect(offsetCp).toBe(text.indexOf('Bach') - 2);
    expect([...text].slice(offsetCp, offsetCp + 4).join('')).toBe('Bach');
    const window = contextWindow(text, offsetCp, offsetCp + 4);
    expect([...text].slice(window.startCp, window.endCp).join('')).toBe(text);
  });
});

describe('moving between disagreements', () => {
  const states = (settled: readonly boolean[]) => settled.map((s) => ({ settled: s }));

  it('finds the next open one after the current, going round once, and null when all are settled', () => {
    expect(nextOpenDisagreement(states([false, true, false, true]), 0)).toBe(2);
    expect(nextOpenDisagreement(states([false, true, false, true]), 2)).toBe(0);
    expect(nextOpenDisagreement(states([true, false, true]), 1)).toBe(1);
    expect(nextOpenDisagreement(states([false, true, false]), 2, -1)).toBe(0);
    expect(nextOpenDisagreement(states([true, true]), 0)).toBeNull();
    expect(nextOpenDisagreement([], 0)).toBeNull();
  });

  it('stays on the disagreement over the same text after a reload, else the nearest index', () => {
    const list = [
      { startCp: 0, endCp: 5 },
      { startCp: 10, endCp: 20 },
      { startCp: 30, endCp: 34 },
    ];
    expect(sameDisagreement(list, { startCp: 10, endCp: 20 }, 0)).toBe(1);
    expect(sameDisagreement(list, { startCp: 12, endCp: 25 }, 0)).toBe(1);
    expect(sameDisagreement(list, { startCp: 40, endCp: 45 }, 7)).toBe(2);
    expect(sameDisagreement([], null, 3)).toBe(0);
  });

  it('words the progress', () => {
    expect(progressText(states([true, true, true, false, false]))).toBe('Settled 3 of 5 disagreements');
    expect(progressText(states([false]))).toBe('Settled 0 of 1 disagreement');
  });
});
