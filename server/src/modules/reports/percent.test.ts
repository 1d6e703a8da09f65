import { describe, expect, it } from 'vitest';
import { percentages } from './percent.ts';

const hundredths = (xs: number[]) => xs.reduce((a, x) => a + Math.round(x * 100), 0);

describe('percentages (largest remainder)', () => {
  it('gives the missing hundredth to the share that lost most by rounding down', () => {
    expect(percentages([1, 1, 1])).toEqual([33.34, 33.33, 33.33]);
    expect(percentages([4, 2, 1])).toEqual([57.14, 28.57, 14.29]);
    expect(percentages([2, 1])).toEqual([66.67, 33.33]);
  });

  it('keeps exact shares exact and zero groups at 0', () => {
    expect(percentages([1, 0, 3])).toEqual([25, 0, 75]);
    expect(percentages([0, 5])).toEqual([0, 100]);
  });

  it('answers 0 for every group when there is nothing to count', () => {
    expect(percentages([0, 0, 0])).toEqual([0, 0, 0]);
    expect(percentages([])).toEqual([]);
  });

  it('always adds up to exactly 100 %, whatever the counts', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 500; round++) {
      const counts = Array.from({ length: 1 + Math.floor(random() * 7) }, () => Math.floor(random() * 100_000));
      if (!counts.some((c) => c > 0)) counts[0] = 1;
      const shares = percentages(counts);
      expect(hundredths(shares)).toBe(10_000);
      shares.forEach((s, i) =>
        expect(Math.abs(s - (counts[i]! * 100) / counts.reduce((a, b) => a + b, 0))).toBeLessThan(0.01 + 1e-9),
      );
    }
  });
});
