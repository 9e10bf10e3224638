// Prints "tests: N passed, N failed, N skipped" from the runners' JSON reports.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const vitest = 'test-results/vitest.json';
if (existsSync(vitest)) {
  const report = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
/** Every test of a Playwright JSON report, with the suite titles that lead to it. */
function* playwrightTests(suite, path = []) {
  for (const spec of suite.specs ?? []) for (const test of spec.tests ?? []) yield { title: [...path, spec.title].join(' › '), test };
  for (const child of suite.suites ?? []) yield* playwrightTests(child, suite.title ? [...path, suite.title] : path);
}

const playwright = 'test-results/playwright.json';
if (existsSync(playwright)) {
  const report = JSON.parse(readFileSync(playwright, 'utf8'));
  for (const suite of report.suites ?? []) {
    for (const { title, test } of playwrightTests(suite)) {
      const reason = (test.annotations ?? []).find((a) => a.type === 'skip')?.description;
      if (test.status === 'skipped') console.log(`skipped: ${title}${reason ? ` (${reason})` : ''}`);
    }
  }
  const stats = report.stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
  skipped += stats.skipped ?? 0;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
