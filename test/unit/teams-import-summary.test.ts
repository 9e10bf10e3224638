import { describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/main/import/pipeline.js';
import { importSummary } from '../../src/main/import/summary.js';

function report(spansByAnnotator: Record<string, number>): ImportReport {
  const spansAdded = Object.values(spansByAnnotator).reduce((sum, n) => sum + n, 0);
  return { filesTotal: 1, documentsImported: 0, bytesRead: 10, textBytesImported: 0, spansAdded, spansByAnnotator, duplicates: [], rejected: [], filesRejected: 0, recordsRejected: 0, filesWithRecordsRejected: 0, linkLoops: 0, warnings: [], cancelled: false };
}

describe('import summary', () => {
  it('names whose spans came in, most first, and spans without an annotator', () => {
    expect(importSummary(report({ minh: 40, lan: 80 }))).toMatch(/, added 120 spans: lan 80, minh 40$/);
    expect(importSummary(report({ '': 2, an: 2 }))).toMatch(/, added 4 spans: \(no annotator\) 2, an 2$/);
    expect(importSummary(report({}))).not.toMatch(/added/);
  });
});
