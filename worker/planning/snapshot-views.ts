// The plan snapshot as its readers use it: built once per version by the refresh's publish step
// (every list view pre-sorted into stored blocks, worker/data/view-pages.ts) and read a page at a
// time. Which lists exist, and how each route's filters map onto them, is documented in
// docs/refresh.md § Snapshots shaped for reads. Rows are produced by the same pure functions as
// before (lists.ts), so a stored page equals the page computed from the whole plan.
import type { PlanHead, PlanSummary, SkuSummary } from '../data/plan.store';
import { prefixOf, readAllRows, readListIndex, readRows, writeList, type ListIndex } from '../data/view-pages';
import { addDays } from '../domain/dates';
import {
  anomalyRows,
  insightRows,
  reorderRows,
  stockoutRows,
  transferRows,
  type InsightSort,
  type ReorderQuery,
  type StockoutRow,
} from './lists';
import { windowsOf, type ExpiringRow, type ExpiryWindows } from './expiring';

export const ACTIONS = ['order', 'none', 'do-not-order', 'all'] as const;
export const STATUSES = ['critical', 'warning', 'healthy'] as const;
export const SORTS: InsightSort[] = ['capitalAtRisk', 'daysOfCover', 'leadTimeDeficit', 'sku'];
const ANOMALY_KINDS = ['sales', 'order-line', 'adjustment'] as const;
/** The longest window a list route accepts (days); stock-out and expiring lists hold rows up to it. */
export const MAX_DAYS = 730;

const warehouseList = (base: string, warehouse: string) => `${base}:wh:${encodeURIComponent(warehouse)}`;
const cents = (x: number | null) => Math.round((x ?? 0) * 100);
const expiringSums = (l: ExpiringRow) => ({
  units: l.quantityOnHand,
  value: Math.round(l.quantityOnHand * l.unitCost * 100),
  valueAtRisk: cents(l.valueAtRisk),
  certainLoss: l.certainLoss ? cents(l.valueAtRisk) : 0,
});

/**
 * Writes every list view of `plan` under `version` and returns the head to publish. `expiring`
 * are the rows of every lot with stock (any expiry), in any order. Lists: skus (SKU order),
 * reorders per level × action, insights per sort and per status (default sort), stock-outs,
 * expiring (all and per warehouse, with running totals), anomalies (all and per kind),
 * transfers, overdue customers.
 */
export async function writePlanViews(
  kv: KVNamespace,
  tenantId: string,
  version: number,
  plan: PlanSummary,
  expiring: ExpiringRow[],
  windows: ExpiryWindows,
  previous: number | null,
): Promise<PlanHead> {
  const put = <T>(list: string, rows: readonly T[], opts?: Parameters<typeof writeList<T>>[5]) =>
    writeList(kv, tenantId, version, list, rows, opts);
  await put('skus', plan.skus);
  for (const level of ['sku', 'warehouse'] as const)
    for (const action of ACTIONS) await put(`reorders:${level}:${action}`, reorderRows(plan, { action, level }));
  for (const sort of SORTS) await put(`insights:${sort}`, insightRows(plan, { sort }));
  for (const status of STATUSES) await put(`insights:capitalAtRisk:${status}`, insightRows(plan, { status, sort: 'capitalAtRisk' }));
  await put('stockouts', stockoutRows(plan, MAX_DAYS * 100), { key: (r) => r.projectedStockoutDate });
  const lastDay = addDays(plan.asOf, MAX_DAYS);
  const lots = expiring
    .filter((l) => l.expirationDate <= lastDay)
    .sort(
      (a, b) =>
        a.expirationDate.localeCompare(b.expirationDate) || a.lotId.localeCompare(b.lotId) || a.warehouse.localeCompare(b.warehouse),
    );
  const byExpiry = { key: (r: ExpiringRow) => r.expirationDate, sums: expiringSums };
  await put('expiring', lots, byExpiry);
  for (const w of new Set(lots.map((l) => l.warehouse)))
    await put(
      warehouseList('expiring', w),
      lots.filter((l) => l.warehouse === w),
      byExpiry,
    );
  await put('anomalies', anomalyRows(plan, {}));
  for (const kind of ANOMALY_KINDS) await put(`anomalies:${kind}`, anomalyRows(plan, { kind }));
  await put('transfers', transferRows(plan, {}));
  await put('overdue', plan.overdueCustomers, { key: (c) => c.maxOverdueDays });
  return {
    asOf: plan.asOf,
    totals: plan.totals,
    waste: plan.waste,
    lateInboundDelay: plan.lateInboundDelay,
    warnings: plan.warnings,
    counts: { skus: plan.skus.length, transfers: plan.transfers.length, overdueCustomers: plan.overdueCustomers.length },
    expiryWindows: windows,
    previous,
  };
}

/** A snapshot to read: tenant, version (ms) and the KV namespace holding it. */
export interface SnapshotRef {
  kv: KVNamespace;
  tenantId: string;
  version: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const EMPTY: ListIndex = { total: 0, blocks: 0, last: [] };
const index = async (s: SnapshotRef, list: string) => (await readListIndex(s.kv, s.tenantId, s.version, list)) ?? EMPTY;

/** Page `pageNo` (1-based) of a stored list as it is stored. */
export async function storedPage<T>(s: SnapshotRef, list: string, pageNo: number, pageSize: number): Promise<Paged<T>> {
  const ix = await index(s, list);
  const from = (pageNo - 1) * pageSize;
  return {
    items: await readRows<T>(s.kv, s.tenantId, s.version, list, ix, from, from + pageSize),
    total: ix.total,
    page: pageNo,
    pageSize,
  };
}

/** Page of a stored list filtered by `keep`: a scan of the list (filters with no list of their own). */
async function scannedPage<T>(
  s: SnapshotRef,
  list: string,
  keep: (row: T) => boolean,
  pageNo: number,
  pageSize: number,
): Promise<Paged<T>> {
  const rows = (await readAllRows<T>(s.kv, s.tenantId, s.version, list, await index(s, list))).filter(keep);
  return { items: rows.slice((pageNo - 1) * pageSize, pageNo * pageSize), total: rows.length, page: pageNo, pageSize };
}

/** Every row of a stored list (whole-plan readers only). */
export const allRows = async <T>(s: SnapshotRef, list: string) => readAllRows<T>(s.kv, s.tenantId, s.version, list, await index(s, list));

/** Reorders page: a stored list per level and action; class and warehouse filters scan that list. */
export function reorderPage(s: SnapshotRef, q: ReorderQuery, pageNo: number, pageSize: number) {
  const level = (q.level ?? 'sku') === 'sku' && !q.warehouse ? 'sku' : 'warehouse';
  const list = `reorders:${level}:${q.action}`;
  type Row = ReturnType<typeof reorderRows>[number] & { warehouse?: string };
  if (!q.class && !q.warehouse) return storedPage<Row>(s, list, pageNo, pageSize);
  return scannedPage<Row>(
    s,
    list,
    (r) => (!q.class || r.class === q.class) && (!q.warehouse || r.warehouse === q.warehouse),
    pageNo,
    pageSize,
  );
}

/** Insights page: stored per sort, and per status under the default sort; other pairs scan the sort's list. */
export function insightPage(
  s: SnapshotRef,
  q: { status?: (typeof STATUSES)[number]; sort: InsightSort },
  pageNo: number,
  pageSize: number,
) {
  type Row = ReturnType<typeof insightRows>[number];
  if (!q.status) return storedPage<Row>(s, `insights:${q.sort}`, pageNo, pageSize);
  if (q.sort === 'capitalAtRisk') return storedPage<Row>(s, `insights:capitalAtRisk:${q.status}`, pageNo, pageSize);
  return scannedPage<Row>(s, `insights:${q.sort}`, (r) => r.status.status === q.status, pageNo, pageSize);
}

/** Stock-outs within `days` of `asOf`: a prefix of the list sorted by projected date. */
export async function stockoutPage(
  s: SnapshotRef,
  asOf: string,
  days: number,
  pageNo: number,
  pageSize: number,
): Promise<Paged<StockoutRow>> {
  const limit = addDays(asOf, days);
  const ix = await index(s, 'stockouts');
  const within = (d: string | null) => d !== null && d <= limit;
  const { count } = await prefixOf<StockoutRow>(
    s.kv,
    s.tenantId,
    s.version,
    'stockouts',
    ix,
    (k) => within(k as string | null),
    (r) => within(r.projectedStockoutDate),
  );
  const from = (pageNo - 1) * pageSize;
  const rows = await readRows<StockoutRow>(s.kv, s.tenantId, s.version, 'stockouts', ix, from, Math.min(from + pageSize, count));
  const items = rows.map((r) => ({ ...r, warehouses: r.warehouses.filter((w) => within(w.projectedStockoutDate)) }));
  return { items, total: count, page: pageNo, pageSize };
}

/**
 * Lots expiring within `days` (optionally in one warehouse), soonest first, with totals of the
 * whole window in cents-exact units. With `q`, only the lots whose lot number, SKU or warehouse
 * contains it (letter case ignored), and the totals are theirs: a scan of the window.
 */
export async function expiringPage(
  s: SnapshotRef,
  asOf: string,
  q: { days: number; warehouse?: string; q?: string },
  pageNo: number,
  pageSize: number,
) {
  const limit = addDays(asOf, q.days);
  const list = q.warehouse ? warehouseList('expiring', q.warehouse) : 'expiring';
  const ix = await index(s, list);
  const window = await prefixOf<ExpiringRow>(
    s.kv,
    s.tenantId,
    s.version,
    list,
    ix,
    (k) => (k as string) <= limit,
    (r) => r.expirationDate <= limit,
    expiringSums,
  );
  const from = (pageNo - 1) * pageSize;
  let items: ExpiringRow[];
  let { count, sums } = window;
  if (q.q) {
    const needle = q.q.toLowerCase();
    const found = (await readRows<ExpiringRow>(s.kv, s.tenantId, s.version, list, ix, 0, count)).filter((r) =>
      [r.lotId, r.sku, r.warehouse].some((v) => v.toLowerCase().includes(needle)),
    );
    sums = {};
    for (const r of found) for (const [k, v] of Object.entries(expiringSums(r))) sums[k] = (sums[k] ?? 0) + v;
    count = found.length;
    items = found.slice(from, from + pageSize);
  } else items = await readRows<ExpiringRow>(s.kv, s.tenantId, s.version, list, ix, from, Math.min(from + pageSize, count));
  const totals = {
    units: sums.units ?? 0,
    value: (sums.value ?? 0) / 100,
    valueAtRisk: (sums.valueAtRisk ?? 0) / 100,
    certainLossValue: (sums.certainLoss ?? 0) / 100,
  };
  return { totals, page: { items, total: count, page: pageNo, pageSize } };
}

/** The stock by expiry window of a snapshot's head, for one warehouse (`warehouse`) or the tenant: /api/expiring's `buckets`. */
export function expiringBuckets(head: Pick<PlanHead, 'expiryWindows'>, warehouse?: string) {
  return windowsOf(head.expiryWindows, warehouse);
}

/** Anomalies page: stored all and per kind; a SKU filter scans. */
export function anomalyPage(s: SnapshotRef, q: { kind?: (typeof ANOMALY_KINDS)[number]; sku?: string }, pageNo: number, pageSize: number) {
  type Row = ReturnType<typeof anomalyRows>[number];
  const list = q.kind ? `anomalies:${q.kind}` : 'anomalies';
  if (!q.sku) return storedPage<Row>(s, list, pageNo, pageSize);
  return scannedPage<Row>(s, list, (a) => a.sku === q.sku, pageNo, pageSize);
}

/** Transfers page, largest value first; filters scan the list. */
export function transferPage(s: SnapshotRef, q: { sku?: string; from?: string; to?: string }, pageNo: number, pageSize: number) {
  type Row = ReturnType<typeof transferRows>[number];
  if (!q.sku && !q.from && !q.to) return storedPage<Row>(s, 'transfers', pageNo, pageSize);
  return scannedPage<Row>(
    s,
    'transfers',
    (t) => (!q.sku || t.sku === q.sku) && (!q.from || t.fromWarehouse === q.from) && (!q.to || t.toWarehouse === q.to),
    pageNo,
    pageSize,
  );
}

/** Overdue customers at least `minOverdueDays` late: a prefix of the list (most overdue first). */
export async function overduePage(s: SnapshotRef, minOverdueDays: number, pageNo: number, pageSize: number) {
  type Row = PlanSummary['overdueCustomers'][number];
  const ix = await index(s, 'overdue');
  const { count } = await prefixOf<Row>(
    s.kv,
    s.tenantId,
    s.version,
    'overdue',
    ix,
    (k) => (k as number) >= minOverdueDays,
    (r) => r.maxOverdueDays >= minOverdueDays,
  );
  const from = (pageNo - 1) * pageSize;
  const items = await readRows<Row>(s.kv, s.tenantId, s.version, 'overdue', ix, from, Math.min(from + pageSize, count));
  return { items, total: count, page: pageNo, pageSize };
}

/** SKU summaries page in SKU order; with `sku`, that SKU only (a scan). */
export function skuPage(s: SnapshotRef, sku: string | undefined, pageNo: number, pageSize: number) {
  if (!sku) return storedPage<SkuSummary>(s, 'skus', pageNo, pageSize);
  return scannedPage<SkuSummary>(s, 'skus', (x) => x.sku === sku, pageNo, pageSize);
}
