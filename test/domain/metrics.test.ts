import { describe, expect, it } from 'vitest';
import { biasPct, cumulativeError, mase, naiveScale, rmsse, smape, wape } from '../../worker/domain/forecast/metrics';
import { AccuracyAccumulator } from '../../worker/domain/forecast/evaluate';

// actual [2, 0, 4, 6] vs forecast [3, 0, 2, 6]: errors 1, 0, −2, 0 — every value below is worked by hand.
const A = [2, 0, 4, 6];
const F = [3, 0, 2, 6];

describe('forecast accuracy metrics', () => {
  it('WAPE is total absolute error over total actual', () => {
    expect(wape(A, F)).toBeCloseTo(25, 10); // 3 / 12
  });

  it('sMAPE follows the Kaggle definition, counting 0 when forecast and actual are both 0', () => {
    // terms 200·1/5 = 40, 0, 200·2/6 = 66.667, 0 → mean 26.667
    expect(smape(A, F)).toBeCloseTo(26.6667, 3);
    expect(smape([0, 0], [0, 0])).toBe(0);
    expect(smape([0], [5])).toBe(200);
  });

  it('bias is signed total error over total actual', () => {
    expect(biasPct(A, F)).toBeCloseTo(-8.3333, 3); // −1 / 12
  });

  it('MASE and RMSSE scale by the in-sample seasonal naive error (lag 7 for daily data)', () => {
    const train = Array.from({ length: 15 }, (_, t) => t); // y_t − y_{t−7} = 7 everywhere
    expect(naiveScale(train, 7, 1)).toBe(7);
    expect(naiveScale(train, 7, 2)).toBe(49);
    expect(mase([10], [17], train, 7)).toBeCloseTo(1, 12);
    expect(rmsse([10, 10], [17, 3], train, 7)).toBeCloseTo(1, 12);
  });

  it('falls back to lag 1 when the history is shorter than two seasons', () => {
    const train = [1, 3, 2, 4]; // |diffs| 2, 1, 2 → 5/3; squared 4, 1, 4 → 3
    expect(mase(A, F, train, 7)).toBeCloseTo(0.75 / (5 / 3), 12); // MAE 0.75
    expect(rmsse(A, F, train, 7)).toBeCloseTo(Math.sqrt(1.25 / 3), 12); // MSE 1.25
  });

  it('scaled errors are NaN, not Infinity, when the naive scale is zero', () => {
    expect(mase([1], [2], [5, 5, 5], 7)).toBeNaN();
  });

  it('cumulative-demand error compares totals over the first periods', () => {
    expect(cumulativeError(A, F, 2)).toEqual({ periods: 2, forecast: 3, actual: 2, units: 1, pct: 50 });
    expect(cumulativeError(A, F, 90).units).toBe(-1);
  });

  it('aggregates over series: sMAPE per point, WAPE and bias over totals, MASE per series', () => {
    const acc = new AccuracyAccumulator([2]);
    acc.add([2, 0], [3, 0], [1, 3, 2, 4], 7); // sMAPE terms 40, 0
    acc.add([4, 6], [2, 6], [1, 3, 2, 4], 7); // terms 66.667, 0
    const s = acc.summary();
    expect(s.series).toBe(2);
    expect(s.smape).toBeCloseTo(26.6667, 3);
    expect(s.wape).toBeCloseTo(25, 10);
    expect(s.bias).toBeCloseTo(-8.3333, 3);
    expect(s.mase).toBeCloseTo((0.5 + 1) / 2 / (5 / 3), 10);
    expect(s.cumulative[2]).toBeCloseTo((100 * (1 + 2)) / 12, 10);
  });
});
