// The last step of a refresh job: once every chunk is staged, merge them into the tenant's views
// and publish them under the job's version, then raise alerts and sync actions for the whole plan.
// Only a job that moved itself from running to publishing gets here (one publisher per job), and
// a snapshot only moves forward in version.
import type { Env } from '../../lib/env';
import { createDb, type Db } from '../../data/db';
import { readPlanHead, PLAN_VIEW, pruneSkuDetail, type PlanSummary } from '../../data/plan.store';
import { deleteVersion } from '../../data/view-pages';
import { type RefreshJobRow } from '../../data/refresh.repo';
import { writeSnapshot } from '../../data/snapshots.repo';
import { getTenant } from '../../data/tenants.repo';
import { stockBySku } from '../../data/stock.repo';
import { raisePlanAlerts } from '../../alerts/deliver';
import { syncActionCandidates } from '../../actions/sync';
import { rollUpWaste } from '../../domain/waste-rollup';
import type { OverdueCustomer } from '../../domain/cadence';
import { dashboardCore, DASHBOARD_VIEW } from '../dashboard-core';
import { expiryWindows } from '../expiring';
import { writePlanViews } from '../snapshot-views';
import { stageKey, type ChunkResult } from './chunk';
import { classesKey } from './classes';

const cents = (x: number) => Math.round(x * 100);

/** Customers overdue in several chunks become one entry (the engine's order: most overdue first). */
function mergeOverdue(parts: OverdueCustomer[][]): OverdueCustomer[] {
  const by = new Map<string, OverdueCustomer>();
  for (const c of parts.flat()) {
    const t = by.get(c.customerId);
    if (!t) by.set(c.customerId, { ...c, skus: [...c.skus] });
    else {
      t.skus.push(...c.skus);
      t.maxOverdueDays = Math.max(t.maxOverdueDays, c.maxOverdueDays);
    }
  }
  const out = [...by.values()];
  for (const c of out) c.skus.sort((a, b) => b.overdueDays - a.overdueDays || (a.sku < b.sku ? -1 : 1));
  return out.sort((a, b) => b.maxOverdueDays - a.maxOverdueDays || (a.customerId < b.customerId ? -1 : 1));
}

/** The tenant summary from its chunks, with the totals the engine would give for the whole plan. */
export function mergeChunks(asOf: string, chunks: ChunkResult[]): PlanSummary {
  const ordered = [...chunks].sort((a, b) => a.idx - b.idx);
  const skus = ordered.flatMap((c) => c.skus);
  const status = { critical: 0, warning: 0, healthy: 0 };
  for (const s of skus) status[s.status.status]++;
  return {
    asOf,
    totals: {
      skus: skus.length,
      capitalLocked: skus.reduce((t, s) => t + cents(s.insights.capitalLocked), 0) / 100,
      capitalAtRisk: skus.reduce((t, s) => t + cents(s.insights.capitalAtRisk), 0) / 100,
      status,
      ordersRecommended: skus.filter((s) => s.reorder.action === 'order').length,
      orderValue: ordered.reduce((t, c) => t + cents(c.orderValue), 0) / 100,
    },
    waste: rollUpWaste(skus.map((s) => s.waste)),
    transfers: ordered.flatMap((c) => c.transfers),
    overdueCustomers: mergeOverdue(ordered.map((c) => c.overdueCustomers)),
    lateInboundDelay: ordered[0]?.lateInboundDelay ?? { days: 0, basis: 'default' },
    warnings: ordered.flatMap((c) => c.warnings),
    skus,
  };
}

/** Reads every staged chunk of `job`; throws when one is missing (the job is then retried or resumed). */
async function stagedChunks(env: Env, job: RefreshJobRow): Promise<ChunkResult[]> {
  const out: ChunkResult[] = [];
  for (let idx = 0; idx < job.chunks; idx++) {
    const c = await env.SNAPSHOTS.get<ChunkResult>(stageKey(job.id, idx), 'json');
    if (!c) throw new Error(`refresh ${job.id}: chunk ${idx} is marked done but not staged`);
    out.push(c);
  }
  return out;
}

export interface PublishOutcome {
  skus: number;
  wrotePlan: boolean;
  ordersRecommended: number;
  newAlerts: number;
  clearedAlerts: number;
  actions: Awaited<ReturnType<typeof syncActionCandidates>> | null;
}

/** Publishes a complete job's views; a job older than the published snapshot publishes nothing. */
export async function publishJob(env: Env, job: RefreshJobRow, db: Db = createDb(env)): Promise<PublishOutcome> {
  const current = await readPlanHead(env, job.tenantId);
  if (current && current.version >= job.version)
    return { skus: 0, wrotePlan: false, ordersRecommended: 0, newAlerts: 0, clearedAlerts: 0, actions: null };
  const chunks = await stagedChunks(env, job);
  const summary = mergeChunks(job.asOf, chunks);
  const [tenant, stock] = await Promise.all([getTenant(db, job.tenantId), stockBySku(db, job.tenantId, job.asOf)]);
  const totals = stock.reduce(
    (t, s) => ({
      onHand: t.onHand + s.onHand,
      sellable: t.sellable + s.sellable,
      expired: t.expired + s.expired,
      expiring30: t.expiring30 + s.expiring30,
      value: t.value + s.value,
    }),
    { onHand: 0, sellable: 0, expired: 0, expiring30: 0, value: 0 },
  );
  await writeSnapshot(env, job.tenantId, 'stock', job.version, { asOf: job.asOf, totals, skus: stock });
  const expiring = chunks.flatMap((c) => c.expiring);
  // One count of stock by expiry window for the dashboard and /api/expiring's buckets.
  const windows = expiryWindows(expiring, job.asOf);
  const core = dashboardCore(summary, windows, tenant?.currency ?? 'USD');
  // The dashboard first, then the plan: a reader that sees the new plan version finds its dashboard.
  await writeSnapshot(env, job.tenantId, DASHBOARD_VIEW, job.version, core);
  // Every list under the new version first; the head that names the version last.
  const head = await writePlanViews(env.SNAPSHOTS, job.tenantId, job.version, summary, expiring, windows, current?.version ?? null);
  const wrotePlan = await writeSnapshot(env, job.tenantId, PLAN_VIEW, job.version, head);
  if (!wrotePlan) {
    await deleteVersion(env.SNAPSHOTS, job.tenantId, job.version);
    return { skus: summary.skus.length, wrotePlan, ordersRecommended: 0, newAlerts: 0, clearedAlerts: 0, actions: null };
  }
  // The version before the one just replaced: no reader can still be on it (a read takes well under a refresh's time).
  const stale = current?.payload.previous;
  if (typeof stale === 'number') await deleteVersion(env.SNAPSHOTS, job.tenantId, stale);
  await pruneSkuDetail(db, job.tenantId);
  // Only a plan that became current raises (and clears) alerts and proposes, updates and expires actions.
  const alerts = await raisePlanAlerts(
    env,
    db,
    job.tenantId,
    chunks.flatMap((c) => c.alerts),
  );
  const actions = await syncActionCandidates(
    env,
    job.tenantId,
    job.asOf,
    chunks.flatMap((c) => c.candidates),
    db,
  );
  await Promise.all(
    chunks.flatMap((c) => [env.SNAPSHOTS.delete(stageKey(job.id, c.idx)), env.SNAPSHOTS.delete(classesKey(job.id, c.idx))]),
  );
  return {
    skus: summary.skus.length,
    wrotePlan,
    ordersRecommended: summary.totals.ordersRecommended,
    newAlerts: alerts.raised.length,
    clearedAlerts: alerts.cleared,
    actions,
  };
}
