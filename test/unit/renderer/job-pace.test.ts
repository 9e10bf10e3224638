import { describe, expect, it } from 'vitest';
import { countOf, durationText, jobCount, jobPace, paceText } from '../../../src/renderer/components/job-pace.js';

const T0 = 1_700_000_000_000;

describe('jobPace', () => {
  it('measures the rate since the job started and the time left at that rate', () => {
    // 1,234 documents in 1.452 s: 850 a second, so the other 18,766 take 22.08 s.
    const pace = jobPace({ done: 1234, total: 20_000, fromAt: T0, now: T0 + 1452 });
    expect(pace?.perSecond).toBeCloseTo(849.86, 2);
    expect(pace?.secondsLeft).toBeCloseTo(22.08, 2);
    expect(paceText(pace, 'count')).toBe('850/s · 23 s left');
  });

  it('has nothing to go on before a unit is done or a second has passed', () => {
    expect(jobPace({ done: 0, total: 500, fromAt: T0, now: T0 + 60_000 })).toBeNull();
    expect(jobPace({ done: 40, total: 500, fromAt: T0, now: T0 + 999 })).toBeNull();
    expect(paceText(null, 'count')).toBe('');
  });

  it('counts from where a phase began when the count started over', () => {
    // 300 done when the phase began at +10 s; 500 at +12 s: 100 a second, 500 left.
    const pace = jobPace({ done: 500, total: 1000, fromDone: 300, fromAt: T0 + 10_000, now: T0 + 12_000 });
    expect(pace).toEqual({ perSecond: 100, secondsLeft: 5 });
    expect(jobPace({ done: 300, total: 1000, fromDone: 300, fromAt: T0, now: T0 + 5000 })).toBeNull();
  });

  it('says only the rate once everything is done', () => {
    const pace = jobPace({ done: 500, total: 500, fromAt: T0, now: T0 + 2000 });
    expect(pace).toEqual({ perSecond: 250, secondsLeft: null });
    expect(paceText(pace, 'count')).toBe('250/s');
  });

  it('keeps a decimal for slow work and shows bytes as megabytes a second', () => {
    expect(paceText(jobPace({ done: 3, total: 100, fromAt: T0, now: T0 + 4000 }), 'count')).toBe('0.8/s · 2 min 10 s left');
    expect(paceText(jobPace({ done: 3_200_000, total: 120_000_000, fromAt: T0, now: T0 + 1000 }), 'bytes')).toBe('3.2 MB/s · 37 s left');
    expect(paceText(jobPace({ done: 1_500_000_000, total: 2_000_000_000, fromAt: T0, now: T0 + 100_000 }), 'bytes')).toBe('15 MB/s · 34 s left');
  });
});

describe('jobCount', () => {
  it('follows bytes when the job knows how many it reads, else files or documents', () => {
    expect(jobCount({ filesDone: 3, filesTotal: 40, bytesDone: 3_200_000, bytesTotal: 120_000_000 })).toEqual({ done: 3_200_000, total: 120_000_000, unit: 'bytes' });
    expect(jobCount({ filesDone: 120, filesTotal: 2500, bytesDone: 0, bytesTotal: 0 })).toEqual({ done: 120, total: 2500, unit: 'count' });
  });
});

describe('durationText', () => {
  it('loses precision as the time grows', () => {
    expect(durationText(0.2)).toBe('1 s');
    expect(durationText(59)).toBe('59 s');
    expect(durationText(245)).toBe('4 min 5 s');
    expect(durationText(1830)).toBe('31 min');
    expect(durationText(3900)).toBe('1 h 5 min');
  });
});

describe('countOf', () => {
  it('puts the noun in the singular for one and the plural otherwise, with thousands separated', () => {
    expect(countOf(1, 'document', 'documents')).toBe('1 document');
    expect(countOf(2, 'document', 'documents')).toBe('2 documents');
    expect(countOf(0, 'document', 'documents')).toBe('0 documents');
    expect(countOf(2345, 'document', 'documents')).toBe('2,345 documents');
  });
});
