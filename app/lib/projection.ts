// The SKU page's projected stock: each warehouse's usable stock run down by its own share of the
// SKU's demand, never below zero on its own, and summed — so the SKU's line reaches zero only when
// its last warehouse runs out, as the warehouse table says. (One pool run down by every
// warehouse's demand would spend one warehouse's stock on another's customers and run out early.)

/** What the projection needs of a reorder row (the SKU's or one warehouse's). */
export interface ProjectionRow {
  warehouse?: string | null;
  /** Units on hand that can still be sold. */
  usableOnHand: number;
  /** Units on open inbound shipments, counted from the next arrival. */
  inboundUnits: number;
  nextArrivalDate: string | null;
  /** Mean units/day over lead time + review period: the warehouse's share of the SKU's demand. */
  meanDailyDemand: number;
}

export interface ProjectionPoint {
  date: string;
  /** Units on hand, summed over warehouses (each floored at zero on its own). */
  stock: number;
  /** Units on hand per warehouse code (only with more than one warehouse). */
  byWarehouse: Record<string, number>;
}

/** The ISO date `n` days after `iso` (UTC calendar days). */
export const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

/**
 * Projects stock over the forecast's days: `mean[i]` units/day for the SKU from `startDate`,
 * split between `warehouses` by their meanDailyDemand (equally when none has demand). With no
 * warehouse rows (or one) the SKU's own row is run down by the whole mean. Units; whole numbers.
 */
export function projectStock(
  mean: readonly number[],
  startDate: string,
  sku: ProjectionRow,
  warehouses: readonly ProjectionRow[] = [],
): ProjectionPoint[] {
  const rows = warehouses.length > 1 ? warehouses : [sku];
  const demand = rows.reduce((a, r) => a + Math.max(0, r.meanDailyDemand), 0);
  const share = rows.map((r) => (demand > 0 ? Math.max(0, r.meanDailyDemand) / demand : 1 / rows.length));
  const stock = rows.map((r) => Math.max(0, r.usableOnHand));
  return mean.map((m, i) => {
    const date = addDays(startDate, i);
    const byWarehouse: Record<string, number> = {};
    let total = 0;
    rows.forEach((r, w) => {
      if (date === r.nextArrivalDate) stock[w] += Math.max(0, r.inboundUnits);
      stock[w] = Math.max(0, stock[w] - m * share[w]);
      total += stock[w];
      if (rows.length > 1) byWarehouse[r.warehouse ?? `#${w + 1}`] = Math.round(stock[w]);
    });
    return { date, stock: Math.round(total), byWarehouse };
  });
}
