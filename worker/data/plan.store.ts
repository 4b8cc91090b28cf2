// Where a computed plan lives: the per-SKU detail (forecast path, FEFO, waste by lot, customers)
// in D1 `forecasts`, one row per SKU; the tenant-wide summary that lists and dashboards page
// through in a versioned KV snapshot. Readers get one consistent version of either.
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { chunk, rowsPerInsert, type Db } from './db';
import { backtests, forecasts, products } from './schema';
import { readSnapshot, readSnapshotForServing, type Snapshot } from './snapshots.repo';
import { readAllRows, readListIndex } from './view-pages';
import { isolateCache } from '../lib/isolate-cache';
import type { Env } from '../lib/env';
import type { SkuPlan, TenantPlan } from '../domain/plan-types';

export interface SkuSummary {
  sku: string;
  name?: string;
  class: SkuPlan['classification']['class'];
  status: SkuPlan['status'];
  reorder: SkuPlan['reorder'];
  waste: Omit<SkuPlan['waste'], 'lots'> & { lots: SkuPlan['waste']['lots'] };
  insights: SkuPlan['insights'];
  forecast: Omit<SkuPlan['forecast'], 'daily'>;
  anomalies: SkuPlan['anomalies'];
  /** Per-warehouse plans without the FEFO detail (in D1). */
  warehouses: Omit<SkuPlan['warehouses'][number], 'fefo'>[];
  transfers: SkuPlan['transfers'];
}

export interface PlanSummary {
  asOf: string;
  totals: TenantPlan['totals'];
  waste: TenantPlan['waste'];
  transfers: TenantPlan['transfers'];
  overdueCustomers: TenantPlan['overdueCustomers'];
  lateInboundDelay: TenantPlan['lateInboundDelay'];
  warnings: string[];
  skus: SkuSummary[];
}

export const PLAN_VIEW = 'plan';

/** One SKU's entry in the tenant summary: its plan without the daily forecast path and FEFO detail. */
export function summariseSku(s: SkuPlan): SkuSummary {
  const { daily: _daily, ...forecast } = s.forecast;
  return {
    sku: s.sku,
    name: s.name,
    class: s.classification.class,
    status: s.status,
    reorder: s.reorder,
    waste: s.waste,
    insights: s.insights,
    forecast,
    anomalies: s.anomalies,
    warehouses: s.warehouses.map(({ fefo: _fefo, ...w }) => w),
    transfers: s.transfers,
  };
}

/** The tenant-wide summary of a plan (no daily forecast paths, no FEFO detail). */
export function summarise(plan: TenantPlan): PlanSummary {
  return {
    asOf: plan.asOf,
    totals: plan.totals,
    waste: plan.waste,
    transfers: plan.transfers,
    overdueCustomers: plan.overdueCustomers,
    lateInboundDelay: plan.lateInboundDelay,
    warnings: plan.warnings,
    skus: plan.skus.map(summariseSku),
  };
}

const excluded = (column: string) => sql.raw(`excluded.${column}`);

/**
 * Stores the per-SKU detail of a plan (or of one refresh chunk) computed at `version` (ms): a row
 * is written only when its payload changed and `version` is newer than the stored one, so an
 * unchanged SKU costs no write and an older refresh never overwrites a newer one.
 */
export async function saveSkuDetail(db: Db, tenantId: string, version: number, plan: Pick<TenantPlan, 'asOf' | 'skus'>): Promise<void> {
  const computedAt = new Date(version).toISOString();
  const statements: BatchItem<'sqlite'>[] = [];
  const rows = plan.skus.map((s) => ({
    tenantId,
    sku: s.sku,
    model: s.forecast.model,
    asOf: plan.asOf,
    payload: JSON.stringify(s),
    computedAt,
  }));
  for (const part of chunk(rows, rowsPerInsert(6))) {
    statements.push(
      db
        .insert(forecasts)
        .values(part)
        .onConflictDoUpdate({
          target: [forecasts.tenantId, forecasts.sku],
          set: { model: excluded('model'), asOf: excluded('as_of'), payload: excluded('payload'), computedAt: excluded('computed_at') },
          setWhere: sql`excluded.computed_at > ${forecasts.computedAt} AND (excluded.payload IS NOT ${forecasts.payload} OR excluded.as_of IS NOT ${forecasts.asOf})`,
        }),
    );
  }
  const scores = plan.skus.flatMap((s) => {
    const b = s.forecast.backtest;
    return b ? [{ tenantId, sku: s.sku, model: s.forecast.model, wape: b.wape, rmsse: b.rmsse, bias: b.biasPct, computedAt }] : [];
  });
  for (const part of chunk(scores, rowsPerInsert(7))) {
    statements.push(
      db
        .insert(backtests)
        .values(part)
        .onConflictDoUpdate({
          target: [backtests.tenantId, backtests.sku, backtests.model],
          set: { wape: excluded('wape'), rmsse: excluded('rmsse'), bias: excluded('bias'), computedAt: excluded('computed_at') },
          setWhere: sql`excluded.computed_at > ${backtests.computedAt}`,
        }),
    );
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** Drops per-SKU detail and scores of SKUs that left the catalog (archived or deleted). */
export async function pruneSkuDetail(db: Db, tenantId: string): Promise<void> {
  const active = db
    .select({ sku: products.sku })
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.archived, false)));
  await db.batch([
    db.delete(forecasts).where(and(eq(forecasts.tenantId, tenantId), notInArray(forecasts.sku, active))),
    db.delete(backtests).where(and(eq(backtests.tenantId, tenantId), notInArray(backtests.sku, active))),
  ]);
}

/** What the snapshot head (`snap:<tenant>:plan`) holds: the small tenant-wide parts of a plan; its lists are stored beside it (view-pages.ts). */
/** Expiry windows of stock on hand, by days from the plan's day to expiry (planning/expiring.ts). */
export type ExpiryWindow = 'expired' | 'within-30' | 'within-60' | 'within-90' | 'later';
/** Stock in one expiry window: lots, units and their value at cost, with the plan's waste risk. Money in currency units. */
export interface WindowTotals {
  lots: number;
  onHandUnits: number;
  value: number;
  expectedWasteUnits: number;
  valueAtRisk: number;
  certainLossValue: number;
}
export type WindowTable = Record<ExpiryWindow, WindowTotals>;
export interface ExpiryWindows {
  all: WindowTable;
  byWarehouse: Record<string, WindowTable>;
}

export interface PlanHead {
  asOf: string;
  totals: PlanSummary['totals'];
  waste: PlanSummary['waste'];
  lateInboundDelay: PlanSummary['lateInboundDelay'];
  warnings: string[];
  counts: { skus: number; transfers: number; overdueCustomers: number };
  /** Stock on hand by expiry window, tenant-wide and per warehouse (planning/expiring.ts); absent in snapshots published before it existed. */
  expiryWindows?: ExpiryWindows;
  /** The version this one replaced: its keys are deleted when the next version is published. */
  previous: number | null;
}

/**
 * The current snapshot's head as views serve it: small, read by every list route, kept per isolate
 * for up to 5 s (readSnapshotForServing; read-only). Never decide a write on it: `readPlanHead`.
 */
export const loadPlanHead = (env: Env, tenantId: string): Promise<Snapshot<PlanHead> | null> =>
  readSnapshotForServing<PlanHead>(env, tenantId, PLAN_VIEW);

/** The stored head, read from KV now: what a publish compares its version with. */
export const readPlanHead = (env: Env, tenantId: string): Promise<Snapshot<PlanHead> | null> =>
  readSnapshot<PlanHead>(env, tenantId, PLAN_VIEW);

async function listOf<T>(env: Env, tenantId: string, version: number, list: string): Promise<T[]> {
  const index = await readListIndex(env.SNAPSHOTS, tenantId, version, list);
  return index ? readAllRows<T>(env.SNAPSHOTS, tenantId, version, list, index) : [];
}

// Whole plans assembled for whole-plan readers (Ask), per isolate and keyed by version (a version
// never changes), so a question reads one small head and, after the first, no page at all. Bounded
// by rows (SKUs, transfers, overdue customers), WHOLE_PLAN_MAX_ROWS in all, to stay well inside an
// isolate's 128 MB; a larger plan is assembled for its reader and not kept.
export const WHOLE_PLAN_MAX_ROWS = 12_000;
const wholePlans = isolateCache<Snapshot<PlanSummary>>({
  ttlMs: 5 * 60_000,
  max: 8,
  maxSize: WHOLE_PLAN_MAX_ROWS,
  sizeOf: (s) => s.payload.skus.length + s.payload.transfers.length + s.payload.overdueCustomers.length,
  immutable: true,
});

/**
 * The whole summary of the current snapshot, assembled from its stored lists (read-only, frozen
 * rows): for whole-plan readers (Ask, tests). The first read of a version reads every SKU's page;
 * later reads in the isolate reuse it. List routes read pages instead (snapshot-views.ts).
 */
export async function loadPlanSummary(env: Env, tenantId: string): Promise<Snapshot<PlanSummary> | null> {
  const head = await loadPlanHead(env, tenantId);
  if (!head) return null;
  return wholePlans.get(tenantId, String(head.version), async () => {
    const { asOf, totals, waste, lateInboundDelay, warnings } = head.payload;
    const [skus, transfers, overdueCustomers] = await Promise.all([
      listOf<SkuSummary>(env, tenantId, head.version, 'skus'),
      listOf<PlanSummary['transfers'][number]>(env, tenantId, head.version, 'transfers'),
      listOf<PlanSummary['overdueCustomers'][number]>(env, tenantId, head.version, 'overdue'),
    ]);
    return {
      version: head.version,
      builtAt: head.builtAt,
      payload: { asOf, totals, waste, transfers, overdueCustomers, lateInboundDelay, warnings, skus },
    };
  });
}

export async function loadSkuPlan(db: Db, tenantId: string, sku: string, asOf: string): Promise<SkuPlan | undefined> {
  const [row] = await db
    .select()
    .from(forecasts)
    .where(and(eq(forecasts.tenantId, tenantId), eq(forecasts.sku, sku), eq(forecasts.asOf, asOf)));
  return row ? (JSON.parse(row.payload) as SkuPlan) : undefined;
}
