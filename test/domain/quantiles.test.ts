import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  countCdf,
  countCdfPair,
  countInverse,
  countQuantiles,
  gammaExceedance,
  gammaQuantiles,
} from '../../worker/domain/forecast/quantiles';

describe('demand quantiles', () => {
  it('match hand-computed Poisson and negative binomial quantiles', () => {
    // Poisson(4) CDF: 0.018, 0.092, 0.238, 0.433, 0.629, 0.785, 0.889, 0.949
    expect(countQuantiles(4, 4, [0.1, 0.5, 0.9])).toEqual([2, 4, 7]);
    // NB mean 4, variance 12 (r = 2, p = 1/3): P(0) = 1/9, CDF(2) = 0.407, CDF(3) = 0.539
    expect(countQuantiles(4, 12, [0.1, 0.5])).toEqual([0, 3]);
    expect(countQuantiles(0, 0, [0.1, 0.5, 0.9])).toEqual([0, 0, 0]);
  });

  it('gamma quantiles of cumulative demand are skewed, ordered and consistent with the exceedance', () => {
    const [p10, p50, p90] = gammaQuantiles(100, 100, [0.1, 0.5, 0.9]);
    expect(p50).toBeCloseTo(99.67, 1);
    expect(p90).toBeCloseTo(112.9, 0);
    expect(p10).toBeLessThan(p50);
    expect(gammaExceedance(p90, 100, 100)).toBeCloseTo(0.1, 3);
  });

  it('the inverse CDF is monotone in the uniform and in the mean (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.01, max: 150, noNaN: true }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        (u1, u2, m, k) => {
          const [lo, hi] = u1 < u2 ? [u1, u2] : [u2, u1];
          expect(countInverse(lo, m, k * m)).toBeLessThanOrEqual(countInverse(hi, m, k * m));
          expect(countInverse(lo, m, k * m)).toBeLessThanOrEqual(countInverse(lo, m * 1.5, k * m * 1.5));
          expect(countInverse(lo, m, k * m)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('the one-pass CDF pair equals two CDF calls (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2, max: 400 }),
        fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 300, noNaN: true })),
        fc.double({ min: 0.5, max: 6, noNaN: true }),
        (a, m, k) => {
          const [below, upTo] = countCdfPair(a, m, k * m);
          expect(below).toBeCloseTo(countCdf(a - 1, m, k * m), 12);
          expect(upTo).toBeCloseTo(countCdf(a, m, k * m), 12);
        },
      ),
      { seed: 11 },
    );
  });
});
