import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { markdownFor } from '../../worker/domain/markdown';

describe('markdown discount from the demand model', () => {
  it('matches the worked example in docs/actions.md', () => {
    // 30 units at risk, 5 a day for 12 days: u = 0.5, δ = 1 − 1.5^(−1/2) = 18.35 % → 19 %.
    const m = markdownFor({ wasteUnits: 30, meanDailyDemand: 5, daysLeft: 12, elasticity: -2 })!;
    expect(m.uplift).toBeCloseTo(0.5, 10);
    expect(m.discount).toBe(0.19);
    expect(m.capped).toBe(false);
    expect(m.residualWasteUnits).toBe(0);
  });

  it('caps the discount and says how much may still expire', () => {
    // u = 4: wanted δ = 1 − 5^(−1/2) = 55 % > 50 %; at 50 % off demand is 0.5^−2 = 4×: 180 extra of 240.
    const m = markdownFor({ wasteUnits: 240, meanDailyDemand: 5, daysLeft: 12, elasticity: -2, maxDiscount: 0.5 })!;
    expect(m).toMatchObject({ discount: 0.5, capped: true });
    expect(m.residualWasteUnits).toBeCloseTo(60, 6);
  });

  it('proposes nothing without waste or demand', () => {
    expect(markdownFor({ wasteUnits: 0, meanDailyDemand: 5, daysLeft: 10 })).toBeNull();
    expect(markdownFor({ wasteUnits: 5, meanDailyDemand: 0, daysLeft: 10 })).toBeNull();
  });

  it('asks a deeper discount for more waste, never above the cap', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.integer({ min: 1, max: 120 }),
        (w, d, days) => {
          const a = markdownFor({ wasteUnits: w, meanDailyDemand: d, daysLeft: days })!;
          const b = markdownFor({ wasteUnits: w * 2, meanDailyDemand: d, daysLeft: days })!;
          expect(b.discount).toBeGreaterThanOrEqual(a.discount);
          expect(b.discount).toBeLessThanOrEqual(0.5);
        },
      ),
    );
  });
});
