// How routes get the plan: today's snapshot when there is one, otherwise computed now and stored,
// so a planner never reads yesterday's numbers as today's.
import type { Context } from 'hono';
import type { AppEnv } from '../lib/auth';
import { notFound } from '../lib/problem';
import { loadPlanSummary, loadSkuPlan, savePlan, type PlanSummary } from '../data/plan.store';
import { computePlan } from '../cron/refresh';
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
  const version = Date.now();
  const plan = await computePlan(c.env, tenantId, await today(c));
  await savePlan(c.env, tenantId, version, plan);
  const snap = await loadPlanSummary(c.env, tenantId);
  return { ...snap!.payload, version: snap!.version, builtAt: snap!.builtAt };
}

export async function currentPlan(c: Context<AppEnv>): Promise<PlanView> {
  const snap = await loadPlanSummary(c.env, c.get('auth').tenantId);
  if (snap && snap.payload.asOf === (await today(c))) return { ...snap.payload, version: snap.version, builtAt: snap.builtAt };
  return recomputePlan(c);
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
