import { describe, expect, it } from 'vitest';
import { adaptiveBatch, fixedBatch } from '../../src/main/team-client/batch-size.js';

const sizing = { initial: 500, min: 100, max: 2_000, targetMs: 500 };

describe('adaptive sync batches', () => {
  it('grows while the server answers quickly, up to the largest size', () => {
    const batch = adaptiveBatch(sizing);
    const sizes = [batch.size()];
    for (let i = 0; i < 4; i += 1) {
      batch.observe(batch.size(), 100);
      sizes.push(batch.size());
    }
    expect(sizes).toEqual([500, 1_000, 2_000, 2_000, 2_000]);
  });

  it('halves when a request takes longer than the target, down to the smallest size', () => {
    const batch = adaptiveBatch(sizing);
    const sizes: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      batch.observe(batch.size(), 1_500);
      sizes.push(batch.size());
    }
    expect(sizes).toEqual([250, 125, 100, 100]);
  });

  it('keeps its size when requests take between half the target and the target', () => {
    const batch = adaptiveBatch(sizing);
    batch.observe(500, 400);
    expect(batch.size()).toBe(500);
  });

  it('does not grow on a short last batch, but a slow one still shrinks it', () => {
    const batch = adaptiveBatch(sizing);
    batch.observe(20, 10);
    expect(batch.size()).toBe(500);
    batch.observe(20, 900);
    expect(batch.size()).toBe(250);
  });

  it('a fixed batch never changes', () => {
    const batch = fixedBatch(7);
    batch.observe(7, 10_000);
    batch.observe(7, 1);
    expect(batch.size()).toBe(7);
  });
});
