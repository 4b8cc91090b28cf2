import { describe, expect, it } from 'vitest';
import { planTenant } from '../../worker/domain/plan';
import { syntheticTenant } from '../../worker/domain/synthetic';
import { AS_OF, lot, product } from './helpers';

describe('planTenant', () => {
  const tenant = syntheticTenant({ skus: 12, days: 500, asOf: AS_OF, seed: 3 });
  const plan = planTenant(tenant, AS_OF, { wastePaths: 60 });

  it('plans every product and is deterministic', () => {
    expect(plan.skus.map((s) => s.sku)).toEqual(tenant.products.map((p) => p.sku));
    expect(planTenant(tenant, AS_OF, { wastePaths: 60 })).toEqual(plan);
  });

  it('keeps every recommendation within the expiry cap and in whole cases', () => {
    for (const s of plan.skus) {
      const p = tenant.products.find((x) => x.sku === s.sku)!;
      expect(s.reorder.quantity).toBeLessThanOrEqual(s.reorder.expiryCap);
      expect(s.reorder.quantity % p.caseSize).toBe(0);
      expect(s.forecast.daily.mean).toHaveLength(90);
      expect(s.forecast.daily.startDate).toBe(AS_OF);
      expect(s.reorder.explanation.length).toBeGreaterThan(40);
      for (const r of s.fefo.ranked) expect(r.daysToExpiry).toBeGreaterThanOrEqual(Math.max(1, p.minRemainingShelfLifeDays));
    }
  });

  it('adds up totals from the SKU plans', () => {
    const locked = plan.skus.reduce((a, s) => a + s.insights.capitalLocked, 0);
    expect(plan.totals.capitalLocked).toBeCloseTo(locked, 6);
    expect(plan.totals.status.critical + plan.totals.status.warning + plan.totals.status.healthy).toBe(12);
    expect(plan.waste.total.valueAtRisk).toBeCloseTo(
      plan.skus.reduce((a, s) => a + s.waste.valueAtRisk, 0),
      6,
    );
  });

  it('treats days without sales before asOf as zero demand and ignores unknown SKUs with a warning', () => {
    const p = planTenant(
      {
        products: [product()],
        lots: [lot('L-1', 60, 40), lot('X', 60, 5, { sku: 'GHOST' })],
        inbound: [],
        demand: [{ sku: 'SKU-1', startDate: '2025-02-01', values: new Array<number>(10).fill(3) }],
      },
      AS_OF,
    );
    expect(p.skus[0].forecast.historyDays).toBe(28);
    expect(p.warnings).toEqual(['lots for unknown SKU(s) ignored: GHOST']);
    expect(p.skus[0].insights.capitalLocked).toBe(80);
  });
});
