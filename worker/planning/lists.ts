// Planning list views as pure functions of a plan summary: filter, sort and page. Routes, Ask,
// the dashboard and the refresh's pre-built pages all call these, so every reader sees the
// same rows in the same order.
import type { PlanSummary, SkuSummary } from '../data/plan.store';
import { lotNumberOf } from '../data/planning.map';
import { addDays } from '../domain/dates';

/** The slice of a plan the list views read (a whole summary, or one built from per-SKU records). */
export type PlanLike = Pick<PlanSummary, 'asOf' | 'skus'>;

const urgency = (a: string | null, b: string | null) => (a ?? '9999').localeCompare(b ?? '9999');

/** One page of `items` (1-based `pageNo`), with the total before paging. */
export function page<T>(items: T[], pageNo: number, pageSize: number) {
  return { items: items.slice((pageNo - 1) * pageSize, pageNo * pageSize), total: items.length, page: pageNo, pageSize };
}

export interface ReorderQuery {
  action: 'order' | 'none' | 'do-not-order' | 'all';
  class?: string;
  level?: 'sku' | 'warehouse';
  warehouse?: string;
}

/**
 * Reorder recommendations, most urgent first (earliest projected stock-out, then highest
 * stock-out probability). `level: 'sku'` gives one row per SKU (the sum of its warehouse orders);
 * `'warehouse'` (or a `warehouse` filter) one row per SKU and warehouse.
 */
export function reorderRows(p: PlanLike, q: ReorderQuery) {
  const candidates =
    (q.level ?? 'sku') === 'sku' && !q.warehouse
      ? p.skus.map((s) => ({ name: s.name, class: s.class, status: s.status.status, ...s.reorder }))
      : p.skus.flatMap((s) =>
          s.warehouses
            .filter((w) => !q.warehouse || w.warehouse === q.warehouse)
            .map((w) => ({ name: s.name, class: s.class, status: w.status.status, ...w.reorder, warehouse: w.warehouse })),
        );
  return candidates
    .filter((r) => (q.action === 'all' || r.action === q.action) && (!q.class || r.class === q.class))
    .sort((a, b) => urgency(a.projectedStockoutDate, b.projectedStockoutDate) || b.stockoutProbability - a.stockoutProbability);
}

/**
 * The warehouse whose stock-out is the SKU's (its earliest; of those, the most likely, then the
 * least stock): the SKU's date and P(stock-out) are that warehouse's, while its usable stock and
 * days of cover are the network's, so a row names where it runs out.
 */
export function firstStockoutWarehouse(s: Pick<SkuSummary, 'warehouses' | 'reorder'>): string | null {
  const date = s.reorder.projectedStockoutDate;
  if (date === null) return null;
  const at = s.warehouses
    .filter((w) => w.reorder.projectedStockoutDate === date)
    .sort(
      (a, b) =>
        b.reorder.stockoutProbability - a.reorder.stockoutProbability ||
        a.reorder.usableOnHand - b.reorder.usableOnHand ||
        a.warehouse.localeCompare(b.warehouse),
    );
  return at[0]?.warehouse ?? null;
}

/** One stock-out row of a SKU projected to run out by `limit` (ISO date). */
export function stockoutRow(s: SkuSummary, limit: string) {
  return {
    sku: s.sku,
    name: s.name,
    status: s.status.status,
    projectedStockoutDate: s.reorder.projectedStockoutDate,
    runsOutIn: firstStockoutWarehouse(s),
    stockoutProbability: s.reorder.stockoutProbability,
    usableOnHand: s.reorder.usableOnHand,
    inboundUnits: s.reorder.inboundUnits,
    nextArrivalDate: s.reorder.nextArrivalDate,
    daysOfCover: s.insights.daysOfCover,
    recommendedOrder: s.reorder.quantity,
    warehouses: s.warehouses
      .filter((w) => w.reorder.projectedStockoutDate !== null && w.reorder.projectedStockoutDate <= limit)
      .map((w) => ({
        warehouse: w.warehouse,
        projectedStockoutDate: w.reorder.projectedStockoutDate,
        stockoutProbability: w.reorder.stockoutProbability,
        usableOnHand: w.reorder.usableOnHand,
        recommendedOrder: w.reorder.quantity,
      })),
  };
}

export type StockoutRow = ReturnType<typeof stockoutRow>;

/** SKUs projected to run out within `days` of the plan's day (in any warehouse; out of stock today included), soonest first. */
export function stockoutRows(p: PlanLike, days: number): StockoutRow[] {
  const limit = addDays(p.asOf, days);
  return p.skus
    .filter((s) => s.reorder.projectedStockoutDate !== null && s.reorder.projectedStockoutDate <= limit)
    .sort((a, b) => urgency(a.reorder.projectedStockoutDate, b.reorder.projectedStockoutDate) || a.sku.localeCompare(b.sku))
    .map((s) => stockoutRow(s, limit));
}

/** One insight row: status, money and time views of a SKU, its aging lots only. */
export function insightRow(s: SkuSummary) {
  return {
    sku: s.sku,
    name: s.name,
    class: s.class,
    status: s.status,
    ...s.insights,
    aging: s.insights.aging.filter((a) => a.level !== 'none'),
  };
}

export type InsightRow = ReturnType<typeof insightRow>;
export type InsightSort = 'capitalAtRisk' | 'daysOfCover' | 'leadTimeDeficit' | 'sku';

/**
 * Per-SKU insights filtered by status and sorted: capital at risk and lead-time deficit largest
 * first, days of cover shortest first (no demand last), or by SKU; ties by SKU.
 */
export function insightRows(p: PlanLike, q: { status?: 'critical' | 'warning' | 'healthy'; sort: InsightSort }): InsightRow[] {
  const rows = p.skus.filter((s) => !q.status || s.status.status === q.status).map(insightRow);
  const key = q.sort;
  return rows.sort(
    (a, b) =>
      (key === 'sku'
        ? 0
        : key === 'daysOfCover'
          ? (a.daysOfCover ?? Infinity) - (b.daysOfCover ?? Infinity) || 0
          : (b[key] as number) - (a[key] as number)) || a.sku.localeCompare(b.sku),
  );
}

/** The most surprising sales days, order lines and adjustments, most surprising first. */
export function anomalyRows(p: PlanLike, q: { kind?: 'sales' | 'order-line' | 'adjustment'; sku?: string }) {
  return p.skus
    .flatMap((s) => s.anomalies)
    .filter((a) => (!q.kind || a.kind === q.kind) && (!q.sku || a.sku === q.sku))
    .sort((a, b) => Math.abs(b.robustZ) - Math.abs(a.robustZ));
}

/** Recommended transfers filtered by SKU and warehouses, largest value first. */
export function transferRows(p: Pick<PlanSummary, 'transfers'>, q: { sku?: string; from?: string; to?: string }) {
  return (
    p.transfers
      .filter((t) => (!q.sku || t.sku === q.sku) && (!q.from || t.fromWarehouse === q.from) && (!q.to || t.toWarehouse === q.to))
      .sort((a, b) => b.value - a.value || a.sku.localeCompare(b.sku) || a.lotId.localeCompare(b.lotId))
      // The lot by its printed number, as an action proposing the transfer names it (with its SKU and warehouse).
      .map((t) => ({ ...t, lotId: lotNumberOf(t.lotId) }))
  );
}
