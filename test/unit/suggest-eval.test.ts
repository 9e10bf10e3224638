import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVAL_DIR, LABELS, loadEvaluationSet, score, type Score } from '../../bench/eval.js';

const TOLERANCE = 0.02;

interface Recorded {
  readonly scores: Readonly<Record<string, Score>>;
}

describe('recognisers on the evaluation set', () => {
  const documents = loadEvaluationSet();
  const recorded = JSON.parse(readFileSync(join(EVAL_DIR, 'recorded.json'), 'utf8')) as Recorded;
  const scores = score(documents);

  it('loads gold spans that match the corpus', () => {
    expect(documents).toHaveLength(5);
    expect(documents.every((document) => document.gold.length > 0)).toBe(true);
  });

  for (const label of [...LABELS, 'micro']) {
    it(`${label}: exact and overlap F1 stay within ${TOLERANCE} of recorded.json`, () => {
      const now = scores[label] as Score;
      const then = recorded.scores[label] as Score;
      expect(now.exact.f1).toBeGreaterThanOrEqual(then.exact.f1 - TOLERANCE);
      expect(now.overlap.f1).toBeGreaterThanOrEqual(then.overlap.f1 - TOLERANCE);
    });
  }
});
