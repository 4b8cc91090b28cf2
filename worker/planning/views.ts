// Planning views as plain functions of (env | db, tenantId, input): the HTTP routes, Ask and the
// web app read the same numbers through them. Filtering, sorting and shaping only; the engine
// computes, the refresh stores.
import type { Env } from '../lib/env';
import { notFound } from '../lib/problem';
import { createDb, type Db } from '../data/db';
import { loadPlanHead, loadPlanSummary, loadSkuPlan, type PlanHead, type PlanSummary } from '../data/plan.store';
import { readSnapshot, writeSnapshot } from '../data/snapshots.repo';
import { loadCustomers, loadLots, loadOrderLines, loadProducts, loadWarehouses } from '../data/planning.repo';
import { shownLot, withLotNumber } from '../data/planning.map';
import { tenantToday } from '../data/tenant-time';
import { enqueueRefresh } from './refresh/enqueue';
import { refreshNowOrQueue, refreshPending } from './refresh/job';
import { buyingCadence } from '../domain/cadence';
import { addDays } from '../domain/dates';
import { rankFefo } from '../domain/fefo';
import { expiringRowsOf } from './expiring';
import type { SkuPlan } from '../domain/plan-types';

export interface PlanView extends PlanSummary {
  version: number;
  builtAt: string;
}

/** The current snapshot's head (totals, waste roll-up, counts) with its version: what list routes read. */
export interface PlanHeadView extends PlanHead {
  version: number;
  builtAt: string;
}

const view = (snap: { version: number; builtAt: string; payload: PlanSummary }): PlanView => ({
  ...snap.payload,
  version: snap.version,
  builtAt: snap.builtAt,
});
const headView = (snap: { version: number; builtAt: string; payload: PlanHead }): PlanHeadView => ({
  ...snap.payload,
  version: snap.version,
  builtAt: snap.builtAt,
});

/** Requests are grouped by the minute: every reader of a stale snapshot in one minute asks for one job. */
export const minuteVersion = (now = Date.now()) => Math.floor(now / 60_000) * 60_000;

/**
 * Recomputes now through the refresh job (snapshots, alerts, actions): in this invocation for a
 * tenant of one chunk, else fanned out; then throws 202 (refresh-pending) with the job to wait on.
 */
export async function recomputePlanFor(env: Env, tenantId: string): Promise<PlanHeadView> {
  const r = await refreshNowOrQueue(env, tenantId, Date.now(), 'requested');
  if (!r.done) throw refreshPending(r.job);
  return headView((await loadPlanHead(env, tenantId))!);
}

/**
 * The current snapshot's head. A snapshot of an earlier day is served with its age while a refresh
 * is requested; with none at all, the first plan is computed (one-chunk tenant) or 202 is thrown.
 * Reads one small KV value: list routes then read their pages (snapshot-views.ts).
 */
export async function planHeadFor(env: Env, tenantId: string): Promise<PlanHeadView> {
  const snap = await loadPlanHead(env, tenantId);
  if (snap) {
    if (snap.payload.asOf !== (await tenantToday(createDb(env), tenantId)))
      await enqueueRefresh(env, tenantId, 'stale snapshot', minuteVersion());
    return headView(snap);
  }
  const r = await refreshNowOrQueue(env, tenantId, minuteVersion(), 'first plan', { join: true });
  if (!r.done) throw refreshPending(r.job);
  return headView((await loadPlanHead(env, tenantId))!);
}

/**
 * The current plan as a whole (every SKU's summary), assembled from the snapshot's lists: for
 * readers that need all of it (Ask). Same freshness rules as planHeadFor.
 */
export async function planFor(env: Env, tenantId: string): Promise<PlanView> {
  await planHeadFor(env, tenantId);
  return view((await loadPlanSummary(env, tenantId))!);
}

/** The SKU's full plan (forecast path, FEFO, lots' waste, customers) for the current plan's day. */
export async function skuPlanFor(env: Env, tenantId: string, sku: string): Promise<{ plan: PlanView; sku: SkuPlan }> {
  const plan = await planFor(env, tenantId);
  if (!plan.skus.some((s) => s.sku === sku)) throw notFound('SKU');
  const detail = await loadSkuPlan(createDb(env), tenantId, sku, plan.asOf);
  if (!detail) throw notFound('SKU');
  return { plan, sku: detail };
}

/** The SKU's full plan with the snapshot's head only: one D1 row, whatever the tenant's size. */
export async function skuDetailFor(env: Env, tenantId: string, sku: string): Promise<{ plan: PlanHeadView; sku: SkuPlan }> {
  const plan = await planHeadFor(env, tenantId);
  const detail = await loadSkuPlan(createDb(env), tenantId, sku, plan.asOf);
  if (!detail) throw notFound('SKU');
  return { plan, sku: detail };
}

export { reorderRows, stockoutRows, type StockoutRow } from './lists';

/**
 * Lots expiring within `days` of the plan's day, soonest first, priced by the plan: simulated
 * waste, or a certain loss (expired, or too short-dated for the SKU's buyers). Held lots
 * (quarantine, hold) are not priced until released. Totals are summed in whole cents.
 */
export async function expiringLots(db: Db, tenantId: string, p: PlanSummary, q: { days: number; warehouse?: string }) {
  const limit = addDays(p.asOf, q.days);
  const lots = expiringRowsOf(
    (await loadLots(db, tenantId, { warehouse: q.warehouse })).filter((l) => l.expirationDate <= limit),
    p.skus,
    p.asOf,
  ).sort((a, b) => a.expirationDate.localeCompare(b.expirationDate) || a.lotId.localeCompare(b.lotId));
  const cents = lots.reduce(
    (t, l) => ({
      units: t.units + l.quantityOnHand,
      value: t.value + Math.round(l.quantityOnHand * l.unitCost * 100),
      valueAtRisk: t.valueAtRisk + Math.round((l.valueAtRisk ?? 0) * 100),
      certainLoss: t.certainLoss + (l.certainLoss ? Math.round((l.valueAtRisk ?? 0) * 100) : 0),
    }),
    { units: 0, value: 0, valueAtRisk: 0, certainLoss: 0 },
  );
  const totals = {
    units: cents.units,
    value: cents.value / 100,
    valueAtRisk: cents.valueAtRisk / 100,
    certainLossValue: cents.certainLoss / 100,
  };
  return { lots, totals };
}

/**
 * Live FEFO order of a SKU's sellable lots, in a warehouse (or the customer's), under a shelf-life
 * rule: explicit days, else the customer's own rule, else the product's.
 */
export async function fefoFor(
  db: Db,
  tenantId: string,
  q: { sku: string; warehouse?: string; minRemainingDays?: number; customerId?: string },
) {
  const [product] = await loadProducts(db, tenantId, [q.sku]);
  if (!product) throw notFound('SKU');
  const customer = q.customerId ? (await loadCustomers(db, tenantId)).find((x) => x.customerId === q.customerId) : undefined;
  if (q.customerId && !customer) throw notFound('Customer');
  const warehouse = q.warehouse ?? customer?.warehouse ?? undefined;
  const lots = await loadLots(db, tenantId, { sku: q.sku, warehouse });
  // A warehouse the tenant does not have is a mistake, not an empty ranking.
  if (q.warehouse && lots.length === 0 && !(await loadWarehouses(db, tenantId)).some((w) => w.code === q.warehouse))
    throw notFound('Warehouse');
  const minRemainingDays = q.minRemainingDays ?? customer?.minRemainingShelfLifeDays ?? product.minRemainingShelfLifeDays;
  const r = rankFefo(lots, await tenantToday(db, tenantId), { minRemainingDays });
  return {
    asOf: r.asOf,
    sku: q.sku,
    warehouse: warehouse ?? null,
    customerId: q.customerId ?? null,
    minRemainingDays,
    sellableUnits: r.ranked.reduce((t, x) => t + x.lot.quantityOnHand, 0),
    // Lots by their printed number (`lotId`) with their API id beside it (`id`), as /api/lots names them.
    ranked: r.ranked.map((x) => ({
      rank: x.rank,
      ...shownLot(x.lot),
      daysToExpiry: x.daysToExpiry,
      reason: withLotNumber(x.reason, x.lot.lotId),
      reasonKo: x.reasonKo === undefined ? undefined : withLotNumber(x.reasonKo, x.lot.lotId),
    })),
    skipped: r.skipped.map((x) => ({
      ...shownLot(x.lot),
      code: x.code,
      reason: withLotNumber(x.reason, x.lot.lotId),
      reasonKo: x.reasonKo === undefined ? undefined : withLotNumber(x.reasonKo, x.lot.lotId),
    })),
  };
}

/** Customers late on their usual cadence for some SKU (not lapsed), most overdue first. */
export async function overdueCustomers(db: Db, tenantId: string, asOf: string, filter: { customerId?: string } = {}) {
  const orders = await loadOrderLines(db, tenantId, addDays(asOf, -365), filter);
  return [...buyingCadence(orders, asOf).entries()]
    .flatMap(([sku, list]) => list.filter((c) => c.overdue && !c.lapsed).map((c) => ({ sku, ...c })))
    .sort((a, b) => b.overdueDays - a.overdueDays || a.customerId.localeCompare(b.customerId) || a.sku.localeCompare(b.sku));
}

type OverdueRow = Awaited<ReturnType<typeof overdueCustomers>>[number];

/**
 * The tenant-wide overdue list for a plan version, kept beside the plan snapshot: a year of order
 * lines is read once per plan version instead of once per question.
 */
export async function overdueForPlan(env: Env, tenantId: string, plan: PlanView): Promise<OverdueRow[]> {
  const snap = await readSnapshot<OverdueRow[]>(env, tenantId, 'overdue');
  if (snap && snap.version === plan.version) return snap.payload;
  const rows = await overdueCustomers(createDb(env), tenantId, plan.asOf);
  await writeSnapshot(env, tenantId, 'overdue', plan.version, rows);
  return rows;
}
