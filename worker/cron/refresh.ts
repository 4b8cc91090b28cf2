// The per-tenant refresh: recompute the plan (forecasts, reorders, waste risk, insights) and the
// stock view, and store them as versioned snapshots that dashboards and list endpoints read.
import type { Env } from '../lib/env';
import { chunk, createDb } from '../data/db';
import { loadAdjustments, loadDailyDemand, loadInbound, loadLots, loadOrderLines, loadProducts } from '../data/planning.repo';
import { raiseAlerts } from '../data/alerts.repo';
import { syncActionsFromPlan } from '../actions/sync';
import { savePlan } from '../data/plan.store';
import { writeSnapshot } from '../data/snapshots.repo';
import { stockBySku } from '../data/stock.repo';
import { getTenant, tenantSettings } from '../data/tenants.repo';
import { DEFAULT_CLASSIFICATION } from '../domain/abc-xyz';
import { planAlerts } from '../domain/alerts';
import { addDays } from '../domain/dates';
import { planTenant, type TenantPlan } from '../domain/plan';
import type { AbcXyz } from '../domain/types';

/** Runs the planning engine on the tenant's current data as of `asOf` (no storage). */
export async function computePlan(env: Env, tenantId: string, asOf: string): Promise<TenantPlan> {
  const db = createDb(env);
  const [products, lots, inbound, demand, orders, adjustments, tenant] = await Promise.all([
    loadProducts(db, tenantId),
    loadLots(db, tenantId),
    loadInbound(db, tenantId, asOf),
    loadDailyDemand(db, tenantId, asOf),
    loadOrderLines(db, tenantId, addDays(asOf, -365)),
    loadAdjustments(db, tenantId, addDays(asOf, -180)),
    getTenant(db, tenantId),
  ]);
  const serviceLevels = tenantSettings(tenant).serviceLevels as Record<AbcXyz, number>;
  return planTenant({ products, lots, inbound, demand, orders, adjustments }, asOf, {
    classification: { ...DEFAULT_CLASSIFICATION, serviceLevels },
  });
}

export async function refreshTenant(env: Env, tenantId: string, version: number) {
  const db = createDb(env);
  const asOf = new Date(version).toISOString().slice(0, 10);
  const stock = await stockBySku(db, tenantId, asOf);
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
  const wroteStock = await writeSnapshot(env, tenantId, 'stock', version, { asOf, totals, skus: stock });
  const plan = await computePlan(env, tenantId, asOf);
  const wrotePlan = await savePlan(env, tenantId, version, plan);
  // Only a plan that became current raises alerts; an out-of-order older one stays silent.
  const alerts = wrotePlan ? await raiseAlerts(db, tenantId, planAlerts(plan)) : [];
  // Only the current plan proposes, updates and expires actions.
  const actions = wrotePlan ? await syncActionsFromPlan(env, tenantId, plan, db) : null;
  for (const part of chunk(alerts, 100))
    await env.ALERTS_QUEUE.sendBatch(part.map((alertId) => ({ body: { type: 'alert', tenantId, alertId } })));
  return { skus: stock.length, wroteStock, wrotePlan, ordersRecommended: plan.totals.ordersRecommended, newAlerts: alerts.length, actions };
}

export async function enqueueRefresh(env: Env, tenantId: string, reason: string, requestedAt = Date.now()) {
  await env.REFRESH_QUEUE.send({ type: 'refresh', tenantId, reason, requestedAt });
}

/**
 * After a stock change: one refresh per tenant per minute, run once the minute is over so it
 * sees every change made in it (the consumer dedupes on tenant + requested time).
 */
export async function enqueueDebouncedRefresh(env: Env, tenantId: string, reason: string, now = Date.now()) {
  const minuteEnd = Math.ceil((now + 1) / 60_000) * 60_000;
  await env.REFRESH_QUEUE.send(
    { type: 'refresh', tenantId, reason, requestedAt: minuteEnd },
    { delaySeconds: Math.ceil((minuteEnd - now) / 1000) },
  );
}
