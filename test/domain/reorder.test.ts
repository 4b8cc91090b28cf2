import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../worker/domain/dates';
import { recommendReorder, type ReorderInput } from '../../worker/domain/reorder';
import { networkReorder } from '../../worker/domain/network';
import { roundOrder, type ReorderFlag } from '../../worker/domain/order-rounding';
import { AS_OF, lot, product } from './helpers';

const flat = (d: number, n = 400) => new Array<number>(n).fill(d);
const poissonNoise = { dispersion: 1, levelSd: 0 };

function input(extra: Partial<ReorderInput> = {}): ReorderInput {
  return {
    product: product({ leadTimeDays: 10, leadTimeSdDays: 0, caseSize: 12, moq: 24, shelfLifeDays: 120, minRemainingShelfLifeDays: 20 }),
    lots: [lot('L-1', 60, 50)],
    inbound: [],
    asOf: AS_OF,
    demandMean: flat(10),
    uncertainty: poissonNoise,
    serviceLevel: 0.95,
    ...extra,
  };
}

describe('reorder recommendation', () => {
  it('orders up to lead time + review demand plus z·√((L+R)·σd² + d̄²·σL²), rounded up to whole cases', () => {
    const r = recommendReorder(input());
    // Protection interval L + R = 10 + 7 = 17 days; σd² = 10 (Poisson), σL = 0.
    const ss = 1.6448536 * Math.sqrt(17 * 10);
    expect(r.protectionIntervalDays).toBe(17);
    expect(r.safetyStock).toBeCloseTo(ss, 4);
    expect(r.reorderPoint).toBeCloseTo(170 + ss, 4);
    expect(r.orderUpTo).toBeCloseTo(170 + ss, 4);
    expect(r.rawQuantity).toBeCloseTo(120 + ss, 4);
    expect(r).toMatchObject({
      action: 'order',
      quantity: 144,
      cases: 12,
      usableOnHand: 50,
      projectedStockoutDate: addDays(AS_OF, 5),
      arrivalDate: addDays(AS_OF, 10),
    });
    expect(r.stockoutProbability).toBeGreaterThan(0.99);
    expect(r.explanation).toMatch(/^Order 144 units \(12 cases of 12\)/);
  });

  it('lead-time variability adds d̄²·σL² to the safety stock', () => {
    const p = { ...input().product, leadTimeSdDays: 3 };
    expect(recommendReorder(input({ product: p })).safetyStock).toBeCloseTo(1.6448536 * Math.sqrt(170 + 100 * 9), 4);
  });

  it('does not count stock that will expire before it sells', () => {
    const r = recommendReorder(input({ lots: [lot('OLD', 35, 500)], product: { ...input().product, minRemainingShelfLifeDays: 5 } }));
    // Sellable for 31 more days at 10/day → 310 usable, 190 expire unsold.
    expect(r.usableOnHand).toBeCloseTo(310, 6);
    expect(r.expiringUnsold).toBeCloseTo(190, 6);
  });

  it('counts inbound by ETA in the position', () => {
    const r = recommendReorder(input({ inbound: [{ sku: 'SKU-1', quantity: 240, etaDate: addDays(AS_OF, 3), status: 'in_transit' }] }));
    expect(r.inboundUnits).toBe(240);
    expect(r.action).toBe('none');
    expect(r.nextArrivalDate).toBe(addDays(AS_OF, 3));
    expect(r.projectedStockoutDate).toBe(addDays(AS_OF, 29));
  });

  it('caps the order at what a new lot can sell before its sell-by date', () => {
    // No margin known (price 0): the cap is what the mean forecast sells.
    const p = { ...input().product, shelfLifeDays: 40, minRemainingShelfLifeDays: 10, leadTimeDays: 5, unitPrice: 0 };
    const r = recommendReorder(input({ product: p, lots: [], reviewPeriodDays: 60 }));
    expect(r.expiryCap).toBe(310); // sellable days 5..35 at 10/day
    expect(r.quantity).toBe(300);
    expect(r.flags).toContain('capped-by-expiry');
  });

  it('with a margin, caps a perishable order at the newsvendor quantile of what it sells (cost / price)', () => {
    // Cost 3, price 4: the last unit must sell with probability ≥ 3/4, so the window's demand is
    // taken at its 25 % quantile. Window = lead time 5 + sell window 31 = 36 days at 10/day:
    // total 360, Poisson variance 360, gamma shape 360; Wilson–Hilferty
    // c = 1 − 1/(9·360) + Φ⁻¹(0.25)/(3·√360) = 0.987842, quantile/mean = c³ = 0.963967.
    // The new lot sells days 5..35 at 10·0.963967/day = 298.83 → 298 (310 on the mean path).
    const p = { ...input().product, shelfLifeDays: 40, minRemainingShelfLifeDays: 10, leadTimeDays: 5, unitCost: 3, unitPrice: 4 };
    const r = recommendReorder(input({ product: p, lots: [], reviewPeriodDays: 60 }));
    expect(r.expiryCap).toBe(298);
    expect(r.quantity).toBe(288);
    expect(r.flags).toContain('capped-by-expiry');
    // A wider margin accepts more risk: cost 1, price 4 takes the 75 % quantile, above the mean.
    const wide = recommendReorder(input({ product: { ...p, unitCost: 1 }, lots: [], reviewPeriodDays: 60 }));
    expect(wide.expiryCap).toBe(310);
  });

  it('recommends not ordering when the MOQ exceeds the expiry cap', () => {
    const p = { ...input().product, shelfLifeDays: 30, minRemainingShelfLifeDays: 20, moq: 48, caseSize: 12, unitPrice: 0 };
    const r = recommendReorder(input({ product: p, lots: [], demandMean: flat(1) }));
    expect(r.expiryCap).toBe(11);
    expect(r).toMatchObject({ action: 'do-not-order', quantity: 0 });
    expect(r.flags).toContain('moq-exceeds-expiry-cap');
    expect(r.explanation).toMatch(/^Do not order/);
  });

  it('never exceeds the expiry cap, orders whole cases and at least the MOQ (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          caseSize: fc.integer({ min: 1, max: 48 }),
          moq: fc.integer({ min: 0, max: 400 }),
          shelf: fc.integer({ min: 5, max: 400 }),
          minRem: fc.integer({ min: 0, max: 120 }),
          lead: fc.integer({ min: 0, max: 60 }),
          demand: fc.double({ min: 0, max: 80, noNaN: true }),
          stock: fc.integer({ min: 0, max: 2000 }),
          exp: fc.integer({ min: 1, max: 300 }),
          sl: fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        }),
        (x) => {
          const p = product({
            caseSize: x.caseSize,
            moq: x.moq,
            shelfLifeDays: x.shelf,
            minRemainingShelfLifeDays: x.minRem,
            leadTimeDays: x.lead,
          });
          const r = recommendReorder(
            input({ product: p, lots: [lot('L', x.exp, x.stock)], demandMean: flat(x.demand), serviceLevel: x.sl }),
          );
          expect(r.quantity).toBeLessThanOrEqual(r.expiryCap);
          expect(r.quantity % x.caseSize).toBe(0);
          if (r.action === 'order') expect(r.quantity).toBeGreaterThanOrEqual(x.moq);
          else expect(r.quantity).toBe(0);
          if (r.action === 'do-not-order') expect(r.flags).toContain('moq-exceeds-expiry-cap');
        },
      ),
    );
  });

  it('safety stock grows with the service level and with demand and lead-time variability (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.6, max: 0.99, noNaN: true }), // z > 0: at 50 % there is no safety stock to grow
        fc.double({ min: 0.001, max: 0.009, noNaN: true }),
        fc.double({ min: 1, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.integer({ min: 0, max: 10 }),
        (sl, bump, disp, level, sdL) => {
          const base = input({
            serviceLevel: sl,
            uncertainty: { dispersion: disp, levelSd: level },
            product: { ...input().product, leadTimeSdDays: sdL },
          });
          const ss = recommendReorder(base).safetyStock;
          expect(recommendReorder({ ...base, serviceLevel: sl + bump }).safetyStock).toBeGreaterThan(ss);
          expect(recommendReorder({ ...base, uncertainty: { dispersion: disp * 1.5, levelSd: level } }).safetyStock).toBeGreaterThan(ss);
          expect(recommendReorder({ ...base, uncertainty: { dispersion: disp, levelSd: level + 0.1 } }).safetyStock).toBeGreaterThan(ss);
          expect(recommendReorder({ ...base, product: { ...base.product, leadTimeSdDays: sdL + 1 } }).safetyStock).toBeGreaterThan(ss);
        },
      ),
    );
  });

  it('honours planner overrides of safety stock and reorder point', () => {
    const r = recommendReorder(input({ product: { ...input().product, safetyStock: 500, reorderPoint: 10 } }));
    expect(r.safetyStock).toBe(500);
    expect(r.reorderPoint).toBe(10);
    expect(r.action).toBe('none'); // position 50 > reorder point 10
    expect(r.flags).toEqual(expect.arrayContaining(['safety-stock-override', 'reorder-point-override']));
  });
});

describe('order rounding', () => {
  it('rounds the MOQ up to whole cases and never orders less than one case', () => {
    const flags: ReorderFlag[] = [];
    expect(roundOrder(5, 1000, { caseSize: 12, moq: 30 }, flags)).toEqual({ action: 'order', quantity: 36 });
    expect(flags).toEqual(['raised-to-moq']);
    expect(roundOrder(5, 1000, { caseSize: 12, moq: 0 }, [])).toEqual({ action: 'order', quantity: 12 });
  });

  it('will not order when not even one case can sell before expiry', () => {
    const flags: ReorderFlag[] = [];
    expect(roundOrder(5, 11, { caseSize: 12, moq: 0 }, flags)).toEqual({ action: 'do-not-order', quantity: 0 });
    expect(flags).toEqual(['moq-exceeds-expiry-cap']);
    expect(roundOrder(0, 11, { caseSize: 12, moq: 0 }, [])).toEqual({ action: 'none', quantity: 0 });
  });
});

describe('reorder explanations', () => {
  it('explains the same numbers in Korean as in English', () => {
    const r = recommendReorder(input());
    expect(r.explanation).toMatch(/^Order 144 units \(12 cases of 12\) to arrive about /);
    expect(r.explanationKo).toMatch(/^144개 주문\(케이스당 12개 × 12케이스\), .+경 도착\./);
    // Every figure of the English account is in the Korean one.
    const figures = (s: string) => (s.match(/\d[\d,.]*/g) ?? []).map((x) => x.replace(/[.,]$/, '')).sort();
    expect(figures(r.explanationKo!)).toEqual(figures(r.explanation));
  });

  it("heads a SKU's network account with 'Do not order' where a warehouse's MOQ would expire unsold", () => {
    const ordering = { ...recommendReorder(input()), warehouse: 'NJ1' };
    const blocked = {
      ...recommendReorder(
        input({ product: product({ leadTimeDays: 10, caseSize: 12, moq: 600, shelfLifeDays: 40, minRemainingShelfLifeDays: 20 }) }),
      ),
      warehouse: 'CA1',
    };
    expect(blocked.action).toBe('do-not-order');
    const both = networkReorder([ordering, blocked]);
    expect(both.explanation).toMatch(/^Order 144 units in total: NJ1 144\. Do not order for CA1: /);
    expect(both.explanationKo).toMatch(/^합계 144개 주문: NJ1 144\. CA1에는 주문하지 마세요: /);
    const none = networkReorder([blocked, { ...blocked, warehouse: 'TX1' }]);
    expect(none.explanation).toMatch(/^Do not order for CA1, TX1: /);
    expect(none.explanation).not.toContain('No warehouse needs an order now');
  });
});
