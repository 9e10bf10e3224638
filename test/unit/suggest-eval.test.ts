import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVAL_DIR, LABELS, loadEvaluationSet, loadInventedSet, parseMarkedArticles, score, type Score, type Scores } from '../../bench/eval.js';

const TOLERANCE = 0.02;

interface Recorded {
  readonly scores: Scores;
  readonly invented: Scores;
  readonly heldOut: Scores;
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

describe('recognisers on invented articles', () => {
  const recorded = JSON.parse(readFileSync(join(EVAL_DIR, 'recorded.json'), 'utf8')) as Recorded;
  const sets = { invented: loadInventedSet('articles'), heldOut: loadInventedSet('held-out') } as const;

  it('reads the marked articles: every mark closed, offsets in code points', () => {
    const [article] = parseMarkedArticles('# a comment\n### one\nSeen at [Lakeside Clinic]{HOSPITAL} 🎵 on [May 2]{DATE}.\n');
    expect(article?.text).toBe('Seen at Lakeside Clinic 🎵 on May 2.');
    expect(article?.gold).toEqual([
      { start: 8, end: 23, label: 'HOSPITAL' },
      { start: 29, end: 34, label: 'DATE' },
    ]);
    expect(() => parseMarkedArticles('### two\nSeen at [Lakeside Clinic]{HOSPITAL.\n')).toThrow(/not closed/);
    expect(() => parseMarkedArticles('### three\nSeen at [Lakeside]{PLACE}.\n')).toThrow(/unknown label PLACE/);
    expect(sets.invented.length).toBeGreaterThanOrEqual(30);
    expect(sets.heldOut.length).toBeGreaterThanOrEqual(10);
  });

  for (const [name, documents] of Object.entries(sets)) {
    const scores = score(documents);
    for (const label of [...LABELS, 'micro']) {
      it(`${name}, ${label}: exact and overlap F1 stay within ${TOLERANCE} of recorded.json`, () => {
        const now = scores[label] as Score;
        const then = recorded[name as keyof typeof sets][label] as Score;
        expect(now.exact.f1).toBeGreaterThanOrEqual(then.exact.f1 - TOLERANCE);
        expect(now.overlap.f1).toBeGreaterThanOrEqual(then.overlap.f1 - TOLERANCE);
      });
    }
  }
});
