import { describe, expect, it } from 'vitest';
import { DOCUMENTS, durationText, progressText } from '../../src/main/cli/progress.js';

describe('progressText', () => {
  it('says done/total, the rate so far and the time left at that rate', () => {
    // 1,234 in 1.452 s is 850/s; the 18,766 left take 22.08 s, shown as 23 s (rounded up).
    expect(progressText(1234, 20_000, 1452, DOCUMENTS)).toBe('1,234/20,000 documents · 850/s · 23 s left');
  });

  it('names the unit in the singular for a total of one', () => {
    expect(progressText(0, 1, 0, DOCUMENTS)).toBe('0/1 document');
    expect(progressText(0, 2, 0, { one: 'link', many: 'links' })).toBe('0/2 links');
  });

  it('leaves out rate and time left until something is done and half a second has passed', () => {
    expect(progressText(0, 500, 10_000)).toBe('0/500 documents');
    expect(progressText(40, 500, 499)).toBe('40/500 documents');
    expect(progressText(40, 500, 500)).toBe('40/500 documents · 80/s · 6 s left');
  });

  it('leaves out the time left once everything is done', () => {
    expect(progressText(500, 500, 2000)).toBe('500/500 documents · 250/s');
  });

  it('keeps a decimal for slow work so it does not read 0/s', () => {
    expect(progressText(3, 100, 4000)).toBe('3/100 documents · 0.8/s · 2 min 10 s left');
    expect(progressText(12, 100, 1000)).toBe('12/100 documents · 12/s · 8 s left');
  });

  it('shows bytes as megabytes, rate included', () => {
    expect(progressText(3_200_000, 120_000_000, 800, 'bytes')).toBe('3.2/120.0 MB · 4.0 MB/s · 30 s left');
    expect(progressText(1_500_000_000, 2_000_000_000, 100_000, 'bytes')).toBe('1,500.0/2,000.0 MB · 15 MB/s · 34 s left');
  });
});

describe('durationText', () => {
  it('loses precision as the time grows', () => {
    expect(durationText(0.2)).toBe('1 s');
    expect(durationText(59)).toBe('59 s');
    expect(durationText(60)).toBe('1 min 0 s');
    expect(durationText(245)).toBe('4 min 5 s');
    expect(durationText(599.5)).toBe('10 min');
    expect(durationText(1830)).toBe('31 min');
    expect(durationText(3600)).toBe('1 h 0 min');
    expect(durationText(3900)).toBe('1 h 5 min');
    expect(durationText(26 * 3600 + 59 * 60 + 50)).toBe('27 h 0 min');
  });
});
