// Where a computed plan lives: the per-SKU detail (forecast path, FEFO, waste by lot, customers)
// in D1 `forecasts`, one row per SKU; the tenant-wide summary that lists and dashboards page
// through in a versioned KV snapshot. Readers get one consistent version of either.
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { chunk, createDb, rowsPerInsert, type Db } from './db';
import { backtests, forecasts, products } from './schema';
import { readSnapshot, readSnapshotForServing, writeSnapshot, type Snapshot } from './snapshots.repo';
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

/** Stores a whole plan computed at `version` (ms) in one go (tests and scripts; refreshes publish by chunks). */
export async function savePlan(env: Env, tenantId: string, version: number, plan: TenantPlan): Promise<boolean> {
  const current = await readSnapshot<PlanSummary>(env, tenantId, PLAN_VIEW);
  if (current && current.version >= version) return false;
  const db = createDb(env);
  await saveSkuDetail(db, tenantId, version, plan);
  await pruneSkuDetail(db, tenantId);
  return writeSnapshot(env, tenantId, PLAN_VIEW, version, summarise(plan));
}

/** The current plan summary as views serve it (read-only; see readSnapshotForServing). */
export const loadPlanSummary = (env: Env, tenantId: string): Promise<Snapshot<PlanSummary> | null> =>
  readSnapshotForServing<PlanSummary>(env, tenantId, PLAN_VIEW);

export async function loadSkuPlan(db: Db, tenantId: string, sku: string, asOf: string): Promise<SkuPlan | undefined> {
  const [row] = await db
    .select()
    .from(forecasts)
    .where(and(eq(forecasts.tenantId, tenantId), eq(forecasts.sku, sku), eq(forecasts.asOf, asOf)));
  return row ? (JSON.parse(row.payload) as SkuPlan) : undefined;
}
