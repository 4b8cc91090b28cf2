// The stored part of the dashboard, built once per plan version by the refresh: pure functions of
// the plan summary and of the lots' exposure (stock at cost by expiry bucket and warehouse).
import type { PlanSummary } from '../data/plan.store';
import { addDays } from '../domain/dates';
import type { Lot } from '../domain/types';
import { insightRows, stockoutRows } from './lists';

export const DASHBOARD_VIEW = 'dashboard';
export const EXPIRY_BUCKETS = ['expired', 'within-30', 'within-60', 'within-90', 'later'] as const;
export type DashboardBucket = (typeof EXPIRY_BUCKETS)[number];
const TOP = 8;

/**
 * On-hand stock priced at lot cost, in whole cents, by expiry bucket and warehouse. Additive: the
 * exposure of a tenant is the merge of its SKUs' (or chunks') exposures, so a fan-out refresh can
 * compute it per chunk. Buckets by days from `asOf` to expiry: expired (≤ 0), within-30 (1–30),
 * within-60 (31–60), within-90 (61–90), later. Held lots (quarantine, hold) count: they are stock.
 */
export interface Exposure {
  inventoryCents: number;
  buckets: Record<DashboardBucket, { cents: number; units: number; lots: number }>;
  /** Per warehouse: all stock, and the part expired or expiring within 30 days. */
  byWarehouse: Record<string, { cents: number; expiringCents: number }>;
}

export const emptyExposure = (): Exposure => ({
  inventoryCents: 0,
  buckets: Object.fromEntries(EXPIRY_BUCKETS.map((b) => [b, { cents: 0, units: 0, lots: 0 }])) as Exposure['buckets'],
  byWarehouse: {},
});

const bucketOf = (expirationDate: string, asOf: string): DashboardBucket =>
  expirationDate <= asOf
    ? 'expired'
    : expirationDate <= addDays(asOf, 30)
      ? 'within-30'
      : expirationDate <= addDays(asOf, 60)
        ? 'within-60'
        : expirationDate <= addDays(asOf, 90)
          ? 'within-90'
          : 'later';

/** Adds lots with stock on hand to `into` (mutated and returned). */
export function addLotExposure(into: Exposure, lots: readonly Lot[], asOf: string): Exposure {
  for (const l of lots) {
    if (l.quantityOnHand <= 0) continue;
    const cents = Math.round(l.quantityOnHand * l.unitCost * 100);
    const bucket = bucketOf(l.expirationDate, asOf);
    const b = into.buckets[bucket];
    b.cents += cents;
    b.units += l.quantityOnHand;
    b.lots += 1;
    into.inventoryCents += cents;
    const w = (into.byWarehouse[l.warehouse] ??= { cents: 0, expiringCents: 0 });
    w.cents += cents;
    if (bucket === 'expired' || bucket === 'within-30') w.expiringCents += cents;
  }
  return into;
}

/** Sums exposures (chunks of one refresh) into a new one. */
export function mergeExposure(parts: readonly Exposure[]): Exposure {
  const out = emptyExposure();
  for (const p of parts) {
    out.inventoryCents += p.inventoryCents;
    for (const b of EXPIRY_BUCKETS) {
      out.buckets[b].cents += p.buckets[b].cents;
      out.buckets[b].units += p.buckets[b].units;
      out.buckets[b].lots += p.buckets[b].lots;
    }
    for (const [w, v] of Object.entries(p.byWarehouse)) {
      const t = (out.byWarehouse[w] ??= { cents: 0, expiringCents: 0 });
      t.cents += v.cents;
      t.expiringCents += v.expiringCents;
    }
  }
  return out;
}

/** The stored part of the dashboard: everything derived from one plan version. Money in tenant currency units. */
export function dashboardCore(plan: PlanSummary, exposure: Exposure, currency: string) {
  const b = exposure.buckets;
  /** Stock value (currency units) of the buckets up to and including `last`. */
  const through = (last: DashboardBucket) =>
    EXPIRY_BUCKETS.slice(0, EXPIRY_BUCKETS.indexOf(last) + 1).reduce((t, k) => t + b[k].cents, 0) / 100;
  // SKUs, as /api/stockouts?days=30 and Ask count them: a SKU runs out when any of its warehouses does.
  const stockouts = stockoutRows(plan, 30);
  const riskCents = Math.round(plan.waste.total.valueAtRisk * 100);
  const lossCents = Math.round(plan.waste.total.certainLossValue * 100);
  const warehouses = new Set([...Object.keys(exposure.byWarehouse), ...Object.keys(plan.waste.byWarehouse)]);
  return {
    asOf: plan.asOf,
    currency,
    kpis: {
      inventoryValue: exposure.inventoryCents / 100,
      // Cumulative over the buckets in order: lots already expired count in every window, as in
      // /api/expiring and the lots page.
      expiring: { d30: through('within-30'), d60: through('within-60'), d90: through('within-90') },
      certainLoss: lossCents / 100,
      projectedStockouts: stockouts.length,
      reorderValue: Math.round(plan.totals.orderValue * 100) / 100,
      recoverableWaste: (riskCents - lossCents) / 100,
      capitalAtRisk: Math.round(plan.totals.capitalAtRisk * 100) / 100,
    },
    expiringByBucket: EXPIRY_BUCKETS.map((bucket) => ({
      bucket,
      value: b[bucket].cents / 100,
      units: b[bucket].units,
      lots: b[bucket].lots,
    })),
    capitalAtRiskByWarehouse: [...warehouses]
      .map((warehouse) => ({
        warehouse,
        value: plan.waste.byWarehouse[warehouse]?.valueAtRisk ?? 0,
        expiringValue: (exposure.byWarehouse[warehouse]?.expiringCents ?? 0) / 100,
      }))
      .sort((x, y) => y.value - x.value || y.expiringValue - x.expiringValue || x.warehouse.localeCompare(y.warehouse)),
    statusCounts: { ...plan.totals.status } as Record<string, number>,
    topStockouts: stockouts.slice(0, TOP),
    topWaste: insightRows(plan, { sort: 'capitalAtRisk' })
      .filter((r) => r.capitalAtRisk > 0)
      .slice(0, TOP),
  };
}

export type DashboardCore = ReturnType<typeof dashboardCore>;
