import { describe, expect, it } from 'vitest';
import { addDays } from '../../worker/domain/dates';
import { planTenant } from '../../worker/domain/plan';
import { dailyDemandFrom, stockOutFlags } from '../../worker/data/planning.map';
import { AS_OF, lot, product } from './helpers';
import { poissonSeries } from './helpers';

describe('stock-outs in the planning input', () => {
  it('reads opening stock backwards from the ledger and flags days that began empty', () => {
    // Today (AS_OF) 5 on hand after receiving 20 today. Ledger, oldest first:
    //  d−5: +10 (receipt)   d−4: −10 (sold out)   d−3, d−2: nothing   d−1: −0   today: +20 −15
    const d = (k: number) => addDays(AS_OF, -k);
    const ledger = {
      onHand: 5,
      deltas: [
        { day: d(5), delta: 10 },
        { day: d(4), delta: -10 },
        { day: d(1), delta: 0 },
        { day: AS_OF, delta: 20 },
        { day: AS_OF, delta: -15 },
      ],
    };
    // Opening stock: d−6 unknown (before the ledger), d−5 0, d−4 10, d−3 0, d−2 0, d−1 0.
    expect(stockOutFlags(ledger, d(6), AS_OF)).toEqual([false, true, false, true, true, true]);
    expect(stockOutFlags({ onHand: 7, deltas: [] }, d(3), AS_OF)).toEqual([false, false, false]);
  });

  it('carries the flags from the loader rows to the demand series', () => {
    const rows = [
      { sku: 'A', day: addDays(AS_OF, -3), qty: 4 },
      { sku: 'B', day: addDays(AS_OF, -2), qty: 1 },
    ];
    const ledgers = new Map([
      [
        'A',
        {
          onHand: 0,
          deltas: [
            { day: addDays(AS_OF, -3), delta: 4 },
            { day: addDays(AS_OF, -2), delta: -4 },
          ],
        },
      ],
    ]);
    // A: received 4 on d−3 (opened empty), shipped 4 on d−2 (opened with 4), empty since.
    const [a, b] = dailyDemandFrom(rows, AS_OF, ledgers);
    expect(a).toEqual({ sku: 'A', startDate: addDays(AS_OF, -3), values: [4, 0, 0], stockedOut: [true, false, true] });
    expect(b.stockedOut).toBeUndefined();
  });

  it('planTenant reads a stock-out without sales as missing demand, not zero', () => {
    // 200 days of ~10 a day, the last 21 out of stock with no sales. Before: those zeros pulled
    // the forecast (and the order) down.
    const n = 200;
    const sold = Array.from(poissonSeries(n, () => 10, 4));
    const out = sold.map((_, t) => t >= n - 21);
    const values = sold.map((v, t) => (out[t] ? 0 : v));
    const input = (stockedOut?: boolean[]) => ({
      products: [product()],
      lots: [lot('L-1', 90, 1)],
      inbound: [],
      demand: [{ sku: 'SKU-1', startDate: addDays(AS_OF, -n), values, ...(stockedOut ? { stockedOut } : {}) }],
    });
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    const plain = planTenant(input(), AS_OF, { wastePaths: 20 }).skus[0];
    const flagged = planTenant(input(out), AS_OF, { wastePaths: 20 }).skus[0];
    expect(mean(flagged.forecast.daily.mean)).toBeGreaterThan(8.5);
    expect(mean(flagged.forecast.daily.mean)).toBeLessThan(11.5);
    expect(mean(plain.forecast.daily.mean)).toBeLessThan(0.8 * mean(flagged.forecast.daily.mean));
    expect(flagged.reorder.quantity).toBeGreaterThan(plain.reorder.quantity);
  });
});
