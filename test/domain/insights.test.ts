import { describe, expect, it } from 'vitest';
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
  it('is critical at or below half the safety stock, warning at or below it, healthy above', () => {
    expect(stockStatus(5, 10, 2).status).toBe('critical');
    expect(stockStatus(0, 0, 2).status).toBe('critical');
    expect(stockStatus(6, 10, 2).status).toBe('warning');
    expect(stockStatus(10, 10, 2).status).toBe('warning');
    expect(stockStatus(11, 10, 2)).toEqual({ status: 'healthy', reason: 'usable stock 11 is above the safety stock 10' });
    expect(stockStatus(0, 10, 0).status).toBe('healthy');
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
