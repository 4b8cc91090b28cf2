// How routes get the plan: today's snapshot when there is one, otherwise computed now and stored,
// so a planner never reads yesterday's numbers as today's.
import type { Context } from 'hono';
import type { AppEnv } from '../lib/auth';
import { tenantToday } from '../data/tenant-time';
import { planHeadFor, recomputePlanFor, skuDetailFor, type PlanHeadView } from '../planning/views';
import type { SnapshotRef } from '../planning/snapshot-views';

export type { PlanHeadView };

/** The tenant's today (its local date in its time zone). */
export const today = (c: Context<AppEnv>) => tenantToday(c.get('db'), c.get('auth').tenantId);

/** Which snapshot answered, and how old it is: the freshness every view shows. */
function freshness(c: Context<AppEnv>, view: PlanHeadView): PlanHeadView {
  c.header('X-Snapshot-Version', String(view.version));
  c.header('X-Snapshot-Age', String(Math.max(0, Math.round((Date.now() - Date.parse(view.builtAt)) / 1000))));
  return view;
}

export const recomputePlan = async (c: Context<AppEnv>) => freshness(c, await recomputePlanFor(c.env, c.get('auth').tenantId));
/** The current snapshot's head (small), with the freshness headers set. */
export const currentPlan = async (c: Context<AppEnv>) => freshness(c, await planHeadFor(c.env, c.get('auth').tenantId));

/** Where the pages of snapshot `p` are read from. */
export const snapshotOf = (c: Context<AppEnv>, p: PlanHeadView): SnapshotRef => ({
  kv: c.env.SNAPSHOTS,
  tenantId: c.get('auth').tenantId,
  version: p.version,
});

/** The SKU's full plan (forecast path, FEFO, lots' waste, customers) for the current plan's day. */
export async function skuPlan(c: Context<AppEnv>, sku: string) {
  const r = await skuDetailFor(c.env, c.get('auth').tenantId, sku);
  freshness(c, r.plan);
  return r;
}

export function page<T>(items: T[], pageNo: number, pageSize: number) {
  return { items: items.slice((pageNo - 1) * pageSize, pageNo * pageSize), total: items.length, page: pageNo, pageSize };
}

export const planMeta = (p: Pick<PlanHeadView, 'asOf' | 'builtAt'>) => ({ asOf: p.asOf, builtAt: p.builtAt });
