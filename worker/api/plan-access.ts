// How routes get the plan: today's snapshot when there is one, otherwise computed now and stored,
// so a planner never reads yesterday's numbers as today's. The logic lives in planning/views.
import type { Context } from 'hono';
import type { AppEnv } from '../lib/auth';
import type { SkuPlan } from '../domain/plan-types';
import { planFor, recomputePlanFor, skuPlanFor, today, type PlanView } from '../planning/views';

export { today, type PlanView };

export const recomputePlan = (c: Context<AppEnv>): Promise<PlanView> => recomputePlanFor(c.env, c.get('auth').tenantId);

export const currentPlan = (c: Context<AppEnv>): Promise<PlanView> => planFor(c.env, c.get('auth').tenantId);

/** The SKU's full plan (forecast path, FEFO, lots' waste, customers) for the current plan's day. */
export const skuPlan = (c: Context<AppEnv>, sku: string): Promise<{ plan: PlanView; sku: SkuPlan }> =>
  skuPlanFor(c.env, c.get('auth').tenantId, sku);

export function page<T>(items: T[], pageNo: number, pageSize: number) {
  return { items: items.slice((pageNo - 1) * pageSize, pageNo * pageSize), total: items.length, page: pageNo, pageSize };
}

export const planMeta = (p: PlanView) => ({ asOf: p.asOf, builtAt: p.builtAt });
