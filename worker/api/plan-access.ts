// How routes get the plan: today's snapshot when there is one, otherwise computed now and stored,
// so a planner never reads yesterday's numbers as today's.
import type { Context } from 'hono';
import type { AppEnv } from '../lib/auth';
import { notFound } from '../lib/problem';
import { loadPlanSummary, loadSkuPlan, type PlanSummary } from '../data/plan.store';
import { refreshTenant } from '../cron/refresh';
import type { SkuPlan } from '../domain/plan-types';
import { tenantToday } from '../data/tenant-time';

/** The tenant's today (its local date in its time zone). */
export const today = (c: Context<AppEnv>) => tenantToday(c.get('db'), c.get('auth').tenantId);

export interface PlanView extends PlanSummary {
  version: number;
  builtAt: string;
}

export async function recomputePlan(c: Context<AppEnv>): Promise<PlanView> {
  const tenantId = c.get('auth').tenantId;
  // The same refresh the queue runs: stock and plan snapshots, and the alerts they raise or clear.
  await refreshTenant(c.env, tenantId, Date.now());
  const snap = await loadPlanSummary(c.env, tenantId);
  return { ...snap!.payload, version: snap!.version, builtAt: snap!.builtAt };
}

export async function currentPlan(c: Context<AppEnv>): Promise<PlanView> {
  const snap = await loadPlanSummary(c.env, c.get('auth').tenantId);
  const view =
    snap && snap.payload.asOf === (await today(c))
      ? { ...snap.payload, version: snap.version, builtAt: snap.builtAt }
      : await recomputePlan(c);
  // Which snapshot answered, and how old it is: the freshness every view shows.
  c.header('X-Snapshot-Version', String(view.version));
  c.header('X-Snapshot-Age', String(Math.max(0, Math.round((Date.now() - Date.parse(view.builtAt)) / 1000))));
  return view;
}

/** The SKU's full plan (forecast path, FEFO, lots' waste, customers) for the current plan's day. */
export async function skuPlan(c: Context<AppEnv>, sku: string): Promise<{ plan: PlanView; sku: SkuPlan }> {
  const plan = await currentPlan(c);
  if (!plan.skus.some((s) => s.sku === sku)) throw notFound('SKU');
  const detail = await loadSkuPlan(c.get('db'), c.get('auth').tenantId, sku, plan.asOf);
  if (!detail) throw notFound('SKU');
  return { plan, sku: detail };
}

export function page<T>(items: T[], pageNo: number, pageSize: number) {
  return { items: items.slice((pageNo - 1) * pageSize, pageNo * pageSize), total: items.length, page: pageNo, pageSize };
}

export const planMeta = (p: PlanView) => ({ asOf: p.asOf, builtAt: p.builtAt });
