// Planning views as plain functions of (env | db, tenantId, input): the HTTP routes and Ask read
// the same numbers through them. Filtering, sorting and shaping only; the engine computes.
import type { Env } from '../lib/env';
import { notFound } from '../lib/problem';
import { createDb, type Db } from '../data/db';
import { loadPlanSummary, loadSkuPlan, savePlan, type PlanSummary } from '../data/plan.store';
import { readSnapshot, writeSnapshot } from '../data/snapshots.repo';
import { loadLots, loadOrderLines, loadProducts } from '../data/planning.repo';
import { computePlan } from '../cron/refresh';
import { buyingCadence } from '../domain/cadence';
import { addDays } from '../domain/dates';
import { rankFefo } from '../domain/fefo';
import type { SkuPlan } from '../domain/plan-types';

export const today = () => new Date().toISOString().slice(0, 10);

export interface PlanView extends PlanSummary {
  version: number;
  builtAt: string;
}

export async function recomputePlanFor(env: Env, tenantId: string): Promise<PlanView> {
  const version = Date.now();
  const plan = await computePlan(env, tenantId, today());
  await savePlan(env, tenantId, version, plan);
  const snap = await loadPlanSummary(env, tenantId);
  return { ...snap!.payload, version: snap!.version, builtAt: snap!.builtAt };
}

/** Today's plan snapshot, computed and stored when there is none for today. */
export async function planFor(env: Env, tenantId: string): Promise<PlanView> {
  const snap = await loadPlanSummary(env, tenantId);
  if (snap && snap.payload.asOf === today()) return { ...snap.payload, version: snap.version, builtAt: snap.builtAt };
  return recomputePlanFor(env, tenantId);
}

/** The SKU's full plan (forecast path, FEFO, lots' waste, customers) for the current plan's day. */
export async function skuPlanFor(env: Env, tenantId: string, sku: string): Promise<{ plan: PlanView; sku: SkuPlan }> {
  const plan = await planFor(env, tenantId);
  if (!plan.skus.some((s) => s.sku === sku)) throw notFound('SKU');
  const detail = await loadSkuPlan(createDb(env), tenantId, sku, plan.asOf);
  if (!detail) throw notFound('SKU');
  return { plan, sku: detail };
}

const urgency = (a: string | null, b: string | null) => (a ?? '9999').localeCompare(b ?? '9999');

export function reorderRows(p: PlanSummary, q: { action: 'order' | 'none' | 'do-not-order' | 'all'; class?: string }) {
  return p.skus
    .filter((s) => (q.action === 'all' || s.reorder.action === q.action) && (!q.class || s.class === q.class))
    .sort(
      (a, b) =>
        urgency(a.reorder.projectedStockoutDate, b.reorder.projectedStockoutDate) ||
        b.reorder.stockoutProbability - a.reorder.stockoutProbability,
    )
    .map((s) => ({ name: s.name, class: s.class, status: s.status.status, ...s.reorder }));
}

export function stockoutRows(p: PlanSummary, days: number) {
  const limit = addDays(p.asOf, days);
  return p.skus
    .filter((s) => s.reorder.projectedStockoutDate !== null && s.reorder.projectedStockoutDate <= limit)
    .sort((a, b) => urgency(a.reorder.projectedStockoutDate, b.reorder.projectedStockoutDate))
    .map((s) => ({
      sku: s.sku,
      name: s.name,
      status: s.status.status,
      projectedStockoutDate: s.reorder.projectedStockoutDate,
      stockoutProbability: s.reorder.stockoutProbability,
      usableOnHand: s.reorder.usableOnHand,
      inboundUnits: s.reorder.inboundUnits,
      nextArrivalDate: s.reorder.nextArrivalDate,
      daysOfCover: s.insights.daysOfCover,
      recommendedOrder: s.reorder.quantity,
    }));
}

/** Lots expiring within `days` of the plan's day, soonest first, with their waste risk and totals. */
export async function expiringLots(db: Db, tenantId: string, p: PlanSummary, q: { days: number; warehouse?: string }) {
  const limit = addDays(p.asOf, q.days);
  const risk = new Map(p.skus.flatMap((s) => s.waste.lots.map((l) => [l.lotId, l] as const)));
  const lots = (await loadLots(db, tenantId, { warehouse: q.warehouse }))
    .filter((l) => l.quantityOnHand > 0 && l.expirationDate <= limit)
    .sort((a, b) => a.expirationDate.localeCompare(b.expirationDate) || a.lotId.localeCompare(b.lotId))
    .map((l) => {
      const r = risk.get(l.lotId);
      const expired = l.expirationDate <= p.asOf;
      return {
        ...l,
        expired,
        expectedWasteUnits: expired ? l.quantityOnHand : (r?.expectedWasteUnits ?? null),
        probabilityOfWaste: expired ? 1 : (r?.probabilityOfWaste ?? null),
        valueAtRisk: expired ? l.quantityOnHand * l.unitCost : (r?.valueAtRisk ?? null),
        sellByDate: r?.sellByDate ?? null,
      };
    });
  const totals = lots.reduce(
    (t, l) => ({
      units: t.units + l.quantityOnHand,
      value: t.value + l.quantityOnHand * l.unitCost,
      valueAtRisk: t.valueAtRisk + (l.valueAtRisk ?? 0),
    }),
    { units: 0, value: 0, valueAtRisk: 0 },
  );
  return { lots, totals };
}

/** Live FEFO order of a SKU's sellable lots; the shelf-life rule defaults to the product's own. */
export async function fefoFor(db: Db, tenantId: string, q: { sku: string; warehouse?: string; minRemainingDays?: number }) {
  const [product] = await loadProducts(db, tenantId, [q.sku]);
  if (!product) throw notFound('SKU');
  const lots = await loadLots(db, tenantId, { sku: q.sku, warehouse: q.warehouse });
  const minRemainingDays = q.minRemainingDays ?? product.minRemainingShelfLifeDays;
  const r = rankFefo(lots, today(), { minRemainingDays });
  return {
    asOf: r.asOf,
    sku: q.sku,
    warehouse: q.warehouse ?? null,
    minRemainingDays,
    sellableUnits: r.ranked.reduce((t, x) => t + x.lot.quantityOnHand, 0),
    ranked: r.ranked.map((x) => ({ rank: x.rank, ...x.lot, daysToExpiry: x.daysToExpiry, reason: x.reason })),
    skipped: r.skipped.map((x) => ({ ...x.lot, code: x.code, reason: x.reason })),
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
