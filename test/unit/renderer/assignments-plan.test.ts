import { describe, expect, it } from 'vitest';
import { drawAssignments, seededRandom } from '../../../src/main/teams/assignment-draw.js';
import { dealtLoads, documentsForEach, previewLine, type Share } from '../../../src/renderer/features/assignments/assignment-plan.js';

/** What the Node side's draw really gives each annotator. */
function drawnLoads(documents: number, annotators: number, share: Share, overlap: number, seed: number): { perAnnotator: number[]; doubled: number } {
  const names = Array.from({ length: annotators }, (_, i) => `annotator-${i}`);
  const draw = drawAssignments({ documentIds: Array.from({ length: documents }, (_, i) => i + 1), annotators: names, share, overlap, seed });
  const given = [...draw.values()];
  return {
    perAnnotator: names.map((name) => given.filter((each) => each.includes(name)).length),
    doubled: share === 'all' ? 0 : given.filter((each) => each.length === 2).length,
  };
}

describe('dealtLoads', () => {
  it('counts what the draw gives each annotator, whatever the documents, people, overlap and seed', () => {
    const random = seededRandom(2024);
    for (let run = 0; run < 400; run++) {
      const documents = Math.floor(random() * 60);
      const annotators = 1 + Math.floor(random() * 6);
      const overlap = [0, 0.1, 0.2, 0.25, 0.5, 0.75, 1, random()][Math.floor(random() * 8)] as number;
      const share: Share = random() < 0.2 ? 'all' : 'split';
      const seed = Math.floor(random() * 1000);
      const expected = drawnLoads(documents, annotators, share, overlap, seed);
      expect(dealtLoads(documents, annotators, share, overlap), `${documents} documents, ${annotators} annotators, ${share}, overlap ${overlap}`).toEqual(
        annotators === 1 ? { perAnnotator: expected.perAnnotator, doubled: 0 } : expected,
      );
    }
  });

  it('gives pairs their doubled documents before the singles even the loads out', () => {
    // 10 documents, 3 people, 20% doubled: two pairs (0,1) and (0,2), then 8 singles to whoever has fewest.
    expect(dealtLoads(10, 3, 'split', 0.2)).toEqual({ perAnnotator: [4, 4, 4], doubled: 2 });
    expect(dealtLoads(5, 2, 'all', 0.5)).toEqual({ perAnnotator: [5, 5], doubled: 0 });
  });
});

describe('documentsForEach', () => {
  it('deals the most documents that keep everyone at or under the number asked', () => {
    for (const [perEach, available, annotators, share, overlap] of [
      [12, 100, 3, 'split', 0.2],
      [5, 100, 2, 'split', 0],
      [5, 3, 2, 'split', 0],
      [7, 100, 4, 'all', 0],
      [4, 100, 3, 'split', 1],
    ] as const) {
      const documents = documentsForEach(perEach, available, annotators, share, overlap);
      const brute = Array.from({ length: available + 1 }, (_, n) => n).filter((n) => Math.max(...dealtLoads(n, annotators, share, overlap).perAnnotator) <= perEach).at(-1);
      expect(documents).toBe(brute);
    }
    expect(documentsForEach(12, 100, 3, 'split', 0.2)).toBe(30);
    expect(documentsForEach(0, 100, 3, 'split', 0.2)).toBe(0);
  });
});

describe('previewLine', () => {
  it('says how many documents each gets and how many two see, in the right number', () => {
    expect(previewLine(30, ['ann', 'ben', 'cat'], 'split', 0.2)).toBe('30 documents: 12 to each of 3 annotators, 6 (20%) seen by two.');
    expect(previewLine(7, ['ann', 'ben'], 'split', 0)).toBe('7 documents: 3–4 to each of 2 annotators, none seen by two.');
    expect(previewLine(1, ['ann'], 'split', 0.5)).toBe('1 document to ann.');
    expect(previewLine(4, ['ann', 'ben'], 'all', 0)).toBe('4 documents to each of 2 annotators.');
    expect(previewLine(0, ['ann'], 'split', 0)).toBe('No documents to deal out.');
    expect(previewLine(5, [], 'split', 0)).toBe('Tick the annotators who get documents.');
  });
});
