// The dashboard use-case: the stored core of the tenant's current snapshot (built at refresh) plus
// the few live parts read per request (top open actions, this week's ROI), which are small indexed
// queries (their cost does not grow with the number of SKUs or open proposals). A request never recomputes or parses the whole plan for it.
import type { Env } from '../lib/env';
import type { Db } from '../data/db';
import { topProposedActions } from '../data/actions.repo';
import { readSnapshotForServing } from '../data/snapshots.repo';
import { weeklyRoi } from '../actions/roi';
import { tenantToday } from '../data/tenant-time';
import { DASHBOARD_VIEW, type DashboardCore } from './dashboard-core';
import { minuteVersion } from './views';
import { enqueueRefresh } from './refresh/enqueue';
import { refreshNowOrQueue, refreshPending } from './refresh/job';

/** ISO week "YYYY-Www" of a date (ISO 8601: the week with the year's first Thursday is week 1). */
export function isoWeekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 4 - (d.getUTCDay() || 7)));
  const w = Math.ceil(((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(w).padStart(2, '0')}`;
}

/** The five largest open proposed actions (plan or manual), by value. */
async function topActions(db: Db, tenantId: string) {
  const items = await topProposedActions(db, tenantId, 5);
  return items.map((a) => {
    const evidence = JSON.parse(a.evidence || '{}') as { confidence?: unknown };
    return {
      id: a.id,
      kind: a.kind,
      sku: a.sku,
      warehouse: a.warehouse,
      value: a.value,
      // A numeric confidence (0-1) when the proposal carries one; the stored level otherwise.
      confidence: typeof evidence.confidence === 'number' ? evidence.confidence : null,
      confidenceLevel: a.confidence,
      state: a.state,
      reason: a.reason,
      reasonKo: a.reasonKo,
      source: a.source,
    };
  });
}

/**
 * This ISO week's ROI (worker/actions/roi.ts) with `total` = waste avoided + stock-outs avoided;
 * null when no action was proposed, decided or executed in the week.
 */
async function roiWeek(db: Db, tenantId: string, asOf: string) {
  const r = await weeklyRoi(db, tenantId, isoWeekOf(asOf), asOf);
  const counted = Object.values(r.counts).reduce((s, n) => s + n, 0);
  if (!counted && !r.capitalFreed.actions.length && !r.stockoutsAvoided.actions.length) return null;
  return {
    weekStart: r.from,
    weekEnd: r.lastDay,
    total: Math.round((r.wasteAvoided.value + r.stockoutsAvoided.value) * 100) / 100,
    ...r,
  };
}

export interface DashboardSnapshot {
  version: number;
  builtAt: string;
  core: DashboardCore;
}

/** The stored dashboard of the tenant's current snapshot, or null when none was built yet. */
export async function loadDashboardCore(env: Env, tenantId: string): Promise<DashboardSnapshot | null> {
  const snap = await readSnapshotForServing<DashboardCore>(env, tenantId, DASHBOARD_VIEW);
  return snap ? { version: snap.version, builtAt: snap.builtAt, core: snap.payload } : null;
}

/**
 * The full dashboard body: the stored core of snapshot `snap` plus the live parts. `now` (ms)
 * sets the snapshot's age. Shape documented in docs/refresh.md § Dashboard.
 */
export async function dashboardBody(db: Db, tenantId: string, snap: DashboardSnapshot, now = Date.now()) {
  const { asOf, currency, ...rest } = snap.core;
  const [actions, roi] = await Promise.all([topActions(db, tenantId), roiWeek(db, tenantId, asOf)]);
  return {
    snapshot: {
      version: String(snap.version),
      computedAt: snap.builtAt,
      ageSeconds: Math.max(0, Math.round((now - Date.parse(snap.builtAt)) / 1000)),
      asOf,
    },
    currency,
    ...rest,
    topActions: actions,
    roiWeek: roi,
  };
}

export type DashboardBody = Awaited<ReturnType<typeof dashboardBody>>;

/**
 * The stored dashboard of the tenant's current snapshot. One of an earlier day is served with its
 * age while a refresh is requested; with none, it is built first (one-chunk tenant) or 202 is thrown.
 */
export async function dashboardSnapshotFor(env: Env, db: Db, tenantId: string, now = Date.now()): Promise<DashboardSnapshot> {
  const snap = await loadDashboardCore(env, tenantId);
  if (snap) {
    if (snap.core.asOf !== (await tenantToday(db, tenantId))) await enqueueRefresh(env, tenantId, 'stale snapshot', minuteVersion(now));
    return snap;
  }
  const r = await refreshNowOrQueue(env, tenantId, minuteVersion(now), 'first dashboard', { join: true });
  if (!r.done) throw refreshPending(r.job);
  const built = await loadDashboardCore(env, tenantId);
  if (!built) throw refreshPending(r.job);
  return built;
}

/** The dashboard of the tenant's current snapshot (dashboardSnapshotFor, then dashboardBody). */
export async function dashboardFor(env: Env, db: Db, tenantId: string, now = Date.now()): Promise<DashboardBody> {
  return dashboardBody(db, tenantId, await dashboardSnapshotFor(env, db, tenantId, now), now);
}

/** The body with its snapshot's age as of `now` (a cached body is kept with the age it was built with). */
export const withAge = (body: DashboardBody, now = Date.now()): DashboardBody => ({
  ...body,
  snapshot: { ...body.snapshot, ageSeconds: Math.max(0, Math.round((now - Date.parse(body.snapshot.computedAt)) / 1000)) },
});
