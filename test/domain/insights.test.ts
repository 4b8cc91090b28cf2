import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyAbcXyz, weeklyCv } from '../../worker/domain/abc-xyz';
import { adjustmentAnomalies, salesAnomalies } from '../../worker/domain/anomalies';
import { buyingCadence } from '../../worker/domain/cadence';
import { addDays } from '../../worker/domain/dates';
import { skuInsights } from '../../worker/domain/insights';
import { recommendReorder } from '../../worker/domain/reorder';
import { stockStatus } from '../../worker/domain/status';
import { simulateWasteRisk } from '../../worker/domain/waste';
import { AS_OF, lot, product } from './helpers';

describe('stock status', () => {
  const base = {
    usableOnHand: 100,
    safetyStock: 10,
    meanDailyDemand: 2,
    stockoutProbability: 0.01,
    serviceLevel: 0.95,
    daysToNextArrival: 7,
  };
  it("follows the plan's own risk: critical when out of stock, at ≥ 50 % stock-out risk or cover short of the next arrival", () => {
    expect(stockStatus({ ...base, usableOnHand: 0 }).status).toBe('critical');
    expect(stockStatus({ ...base, stockoutProbability: 0.95 })).toEqual({
      status: 'critical',
      reason: '95 % risk of running out before the next possible arrival',
      reasonKo: '다음 입고 가능일 전 품절 위험 95%',
    });
    // 12 units at 2/day last 6 days; nothing can arrive for 7.
    expect(stockStatus({ ...base, usableOnHand: 12 }).status).toBe('critical');
  });
  it('warns when the risk exceeds what the service level allows or stock is at the safety stock', () => {
    expect(stockStatus({ ...base, stockoutProbability: 0.06 }).status).toBe('warning');
    expect(stockStatus({ ...base, stockoutProbability: 0.05 }).status).toBe('healthy');
    expect(stockStatus({ ...base, usableOnHand: 20, safetyStock: 20 }).status).toBe('warning');
    expect(stockStatus(base)).toEqual({
      status: 'healthy',
      reason: 'usable stock 100 is above the safety stock 10; risk 1 % before the next arrival',
      reasonKo: '사용 가능 재고 100개가 안전재고 10개 초과; 다음 입고 전 품절 위험 1%',
    });
    expect(stockStatus({ ...base, meanDailyDemand: 0, usableOnHand: 0 }).status).toBe('healthy');
  });
  it('never calls a SKU healthy beside a stock-out risk above the service level allowance (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0.9, 0.95, 0.99),
        fc.integer({ min: 1, max: 60 }),
        (usableOnHand, safetyStock, meanDailyDemand, stockoutProbability, serviceLevel, daysToNextArrival) => {
          const r = stockStatus({ usableOnHand, safetyStock, meanDailyDemand, stockoutProbability, serviceLevel, daysToNextArrival });
          if (stockoutProbability > 1 - serviceLevel) expect(r.status).not.toBe('healthy');
          if (stockoutProbability >= 0.5) expect(r.status).toBe('critical');
        },
      ),
    );
  });
});

describe('ABC/XYZ classification', () => {
  it('splits by cumulative value share and by weekly demand variability', () => {
    const c = classifyAbcXyz([
      { sku: 'a', annualValue: 800, cv: 0.3 },
      { sku: 'b', annualValue: 100, cv: 0.7 },
      { sku: 'c', annualValue: 60, cv: 1.5 },
      { sku: 'd', annualValue: 40, cv: 0.2 },
    ]);
    expect(['a', 'b', 'c', 'd'].map((s) => c.get(s)!.class)).toEqual(['AX', 'BY', 'BZ', 'CX']);
    expect(weeklyCv(new Array<number>(70).fill(3))).toBe(0);
    expect(weeklyCv([1, 2])).toBe(Infinity);
  });
});

describe('SKU insights', () => {
  it('reports capital locked and at risk, days of cover, lead-time deficit and ageing lots', () => {
    const p = product({ leadTimeDays: 10, leadTimeSdDays: 0, minRemainingShelfLifeDays: 5 });
    const lots = [lot('SOON', 12, 100), lot('LATER', 100, 20), lot('HELD', 100, 5, { status: 'quarantine' })];
    const u = { dispersion: 1, levelSd: 0 };
    const demand = new Array<number>(200).fill(4);
    const reorder = recommendReorder({
      product: p,
      lots,
      inbound: [],
      asOf: AS_OF,
      demandMean: demand,
      uncertainty: u,
      serviceLevel: 0.95,
    });
    const waste = simulateWasteRisk(
      { sku: 'SKU-1', lots, asOf: AS_OF, minRemainingDays: 5, demandMean: demand, uncertainty: u },
      { paths: 100 },
    );
    const i = skuInsights({ lots, inbound: [], reorder, waste, leadTimeDays: 10, minRemainingDays: 5, asOf: AS_OF });
    expect(i.capitalLocked).toBe(250); // 125 units × 2
    expect(i.capitalAtRisk).toBeCloseTo(waste.valueAtRisk, 10);
    expect(reorder.usableOnHand).toBeCloseTo(52, 6); // SOON sells 8 days × 4 = 32, LATER 20
    expect(i.daysOfCover).toBeCloseTo(13, 6);
    expect(i.leadTimeDeficit).toBeCloseTo(Math.max(0, 40 + reorder.safetyStock - 52), 6);
    expect(i.aging[0]).toMatchObject({ lotId: 'SOON', level: 'critical' });
    expect(i.aging.find((a) => a.lotId === 'LATER')!.level).toBe('none');
  });
});

describe('customer buying cadence', () => {
  it('finds the usual interval and who is overdue', () => {
    const asOf = addDays(AS_OF, 40);
    const weekly = [0, 7, 14, 21].map((d) => ({ customerId: 'C-1', sku: 'SKU-1', orderDate: addDays(AS_OF, d), quantity: 10 }));
    const once = [{ customerId: 'C-2', sku: 'SKU-1', orderDate: addDays(AS_OF, 30), quantity: 5 }];
    const rows = buyingCadence([...weekly, ...once], asOf).get('SKU-1')!;
    expect(rows[0]).toMatchObject({
      customerId: 'C-1',
      orders: 4,
      units: 40,
      medianIntervalDays: 7,
      nextExpectedDate: addDays(AS_OF, 28),
      overdueDays: 12,
      overdue: true,
      lapsed: false,
    });
    expect(rows[0].share).toBeCloseTo(40 / 45, 10);
    expect(rows[1]).toMatchObject({ customerId: 'C-2', medianIntervalDays: null, overdue: false });
  });
});

describe('anomalies', () => {
  it('flags a sales spike against the same weekday by robust z-score', () => {
    const values = Array.from({ length: 120 }, (_, t) => 10 + (t % 3));
    values[119] = 60;
    const a = salesAnomalies({ sku: 'SKU-1', startDate: '2025-01-01', values });
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ kind: 'sales', date: '2025-04-30', value: 60, direction: 'spike' });
    expect(a[0].robustZ).toBeGreaterThan(3.5);
  });

  it('flags an unusually large stock adjustment', () => {
    const sizes = [-1, -2, -1, -3, -2, -1, -2, -50];
    const a = adjustmentAnomalies(sizes.map((q, i) => ({ id: `A${i}`, sku: 'SKU-1', date: AS_OF, quantity: q })));
    expect(a.map((x) => x.id)).toEqual(['A7']);
    expect(a[0].direction).toBe('drop');
  });
});
