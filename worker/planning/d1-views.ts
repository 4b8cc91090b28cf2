// The same answers as the snapshot-served views, computed from D1 on every request: every SKU's
// stored detail (`forecasts`), the lots and the products, filtered, sorted and paged by the same
// pure functions (lists.ts, dashboard-core.ts). This is what a read costs without read-shaped
// snapshots; development only, for `npm run bench -- reads`, which serves both paths in one run
// and checks they agree.
import { sql } from 'drizzle-orm';
import type { Env } from '../lib/env';
import type { Db } from '../data/db';
import type { SkuSummary } from '../data/plan.store';
import { loadLots } from '../data/planning.repo';
import { getTenant } from '../data/tenants.repo';
import type { SkuPlan } from '../domain/plan-types';
import { summariseSku } from '../data/plan.store';
import { dashboardCore } from './dashboard-core';
import { expiringRowsOf, expiryWindows, windowsOf } from './expiring';
import { dashboardBody } from './dashboard';
import { insightRows, page, stockoutRows, type InsightSort } from './lists';
import { mergeChunks } from './refresh/publish';
import { expiringLots, planHeadFor } from './views';

/** Every SKU's summary for the plan day `asOf`, read from D1 (the daily path, FEFO and customers left in the database). */
async function d1Skus(db: Db, tenantId: string, asOf: string): Promise<{ skus: SkuSummary[]; orderValue: number }> {
  const rows = await db.all<{ p: string; cost: number }>(
    sql`SELECT json_remove(f.payload, '$.forecast.daily', '$.fefo', '$.customers') AS p, p.unit_cost AS cost
        FROM forecasts f JOIN products p ON p.tenant_id = f.tenant_id AND p.sku = f.sku
        WHERE f.tenant_id = ${tenantId} AND f.as_of = ${asOf} AND p.archived = 0 ORDER BY f.sku`,
  );
  let orderValue = 0;
  const skus = rows.map((r) => {
    const s = JSON.parse(r.p) as SkuPlan;
    orderValue += s.reorder.quantity * r.cost;
    // The removed parts are not in a summary: summariseSku drops the daily path and per-warehouse FEFO.
    return summariseSku(s);
  });
  return { skus, orderValue };
}

export type D1View = 'dashboard' | 'stockouts' | 'insights' | 'expiring';

/**
 * One view computed from D1 for the current snapshot's day, shaped like its snapshot route's body.
 * Query: page, pageSize; days (stockouts, expiring); warehouse (expiring); status, sort (insights).
 */
export async function d1View(env: Env, db: Db, tenantId: string, view: D1View, q: Record<string, string | undefined>) {
  const head = await planHeadFor(env, tenantId);
  const meta = { asOf: head.asOf, builtAt: head.builtAt };
  const pageNo = Number(q.page ?? 1);
  const pageSize = Number(q.pageSize ?? 50);
  const days = Number(q.days ?? 30);
  const { skus, orderValue } = await d1Skus(db, tenantId, head.asOf);
  const plan = { asOf: head.asOf, skus };
  if (view === 'stockouts') return { ...meta, days, ...page(stockoutRows(plan, days), pageNo, pageSize) };
  if (view === 'insights') {
    const rows = insightRows(plan, { status: q.status as 'critical' | undefined, sort: (q.sort ?? 'capitalAtRisk') as InsightSort });
    return { ...meta, totals: head.totals, ...page(rows, pageNo, pageSize) };
  }
  if (view === 'expiring') {
    const summary = { ...head, transfers: [], overdueCustomers: [], skus };
    const { lots, totals } = await expiringLots(db, tenantId, summary, { days, warehouse: q.warehouse });
    const windows = expiryWindows(expiringRowsOf(await loadLots(db, tenantId), skus, head.asOf), head.asOf);
    return { ...meta, days, totals, buckets: windowsOf(windows, q.warehouse), ...page(lots, pageNo, pageSize) };
  }
  const lots = await loadLots(db, tenantId);
  const summary = mergeChunks(head.asOf, [
    {
      idx: 0,
      skus,
      transfers: [],
      overdueCustomers: [],
      lateInboundDelay: head.lateInboundDelay,
      warnings: [],
      alerts: [],
      candidates: [],
      orderValue,
      expiring: [],
    },
  ]);
  const windows = expiryWindows(expiringRowsOf(lots, skus, head.asOf), head.asOf);
  const core = dashboardCore(summary, windows, (await getTenant(db, tenantId))?.currency ?? 'USD');
  return dashboardBody(db, tenantId, { version: head.version, builtAt: head.builtAt, core });
}
