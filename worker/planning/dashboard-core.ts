// The stored part of the dashboard, built once per plan version by the refresh: pure functions of
// the plan summary and of the stock's expiry windows (planning/expiring.ts `expiryWindows`, the
// same computation as /api/expiring's `buckets`).
import type { PlanSummary } from '../data/plan.store';
import { insightRows, stockoutRows } from './lists';
import { EXPIRY_WINDOWS, type ExpiryWindow, type ExpiryWindows } from './expiring';

export const DASHBOARD_VIEW = 'dashboard';
export const EXPIRY_BUCKETS = EXPIRY_WINDOWS;
export type DashboardBucket = ExpiryWindow;
const TOP = 8;

/** The stored part of the dashboard: everything derived from one plan version. Money in tenant currency units. */
export function dashboardCore(plan: PlanSummary, windows: ExpiryWindows, currency: string) {
  const b = windows.all;
  const cents = (x: number) => Math.round(x * 100);
  /** Stock value (currency units) of the buckets up to and including `last`. */
  const through = (last: DashboardBucket) =>
    EXPIRY_BUCKETS.slice(0, EXPIRY_BUCKETS.indexOf(last) + 1).reduce((t, k) => t + cents(b[k].value), 0) / 100;
  const byWarehouse = Object.fromEntries(
    Object.entries(windows.byWarehouse).map(([w, t]) => [
      w,
      {
        cents: EXPIRY_BUCKETS.reduce((s, k) => s + cents(t[k].value), 0),
        expiringCents: cents(t.expired.value) + cents(t['within-30'].value),
      },
    ]),
  );
  // SKUs, as /api/stockouts?days=30 and Ask count them: a SKU runs out when any of its warehouses does.
  const stockouts = stockoutRows(plan, 30);
  const riskCents = Math.round(plan.waste.total.valueAtRisk * 100);
  const lossCents = Math.round(plan.waste.total.certainLossValue * 100);
  const warehouses = new Set([...Object.keys(byWarehouse), ...Object.keys(plan.waste.byWarehouse)]);
  return {
    asOf: plan.asOf,
    currency,
    kpis: {
      inventoryValue: EXPIRY_BUCKETS.reduce((t, k) => t + cents(b[k].value), 0) / 100,
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
      value: b[bucket].value,
      units: b[bucket].onHandUnits,
      lots: b[bucket].lots,
    })),
    capitalAtRiskByWarehouse: [...warehouses]
      .map((warehouse) => ({
        warehouse,
        value: plan.waste.byWarehouse[warehouse]?.valueAtRisk ?? 0,
        expiringValue: (byWarehouse[warehouse]?.expiringCents ?? 0) / 100,
      }))
      .sort((x, y) => y.value - x.value || y.expiringValue - x.expiringValue || x.warehouse.localeCompare(y.warehouse)),
    statusCounts: { ...plan.totals.status } as Record<string, number>,
    topStockouts: stockouts.slice(0, TOP),
    // With the units the waste simulation expects to expire unsold and the chance of any waste: the
    // dashboard's "Waste risk" beside the value at risk.
    topWaste: insightRows(plan, { sort: 'capitalAtRisk' })
      .filter((r) => r.capitalAtRisk > 0)
      .slice(0, TOP)
      .map((r) => {
        const w = plan.skus.find((s) => s.sku === r.sku)?.waste;
        return { ...r, expectedWasteUnits: w?.expectedWasteUnits ?? 0, probabilityAnyWaste: w?.probabilityAnyWaste ?? 0 };
      }),
  };
}

export type DashboardCore = ReturnType<typeof dashboardCore>;
