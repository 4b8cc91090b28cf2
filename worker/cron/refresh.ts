// The per-tenant refresh: recompute the plan (forecasts, reorders, waste risk, insights) and the
// stock view, and store them as versioned snapshots that dashboards and list endpoints read.
import type { Env } from '../lib/env';
import { createDb } from '../data/db';
import {
  loadAdjustments,
  loadCustomers,
  loadDailyDemand,
  loadInbound,
  loadLots,
  loadOrderLines,
  loadProducts,
  loadWarehouses,
} from '../data/planning.repo';
import { raisePlanAlerts } from '../alerts/deliver';
import { syncActionsFromPlan } from '../actions/sync';
import { savePlan, summarise } from '../data/plan.store';
import { addLotExposure, dashboardCore, DASHBOARD_VIEW, emptyExposure } from '../planning/dashboard-core';
import { writeSnapshot } from '../data/snapshots.repo';
import { stockBySku } from '../data/stock.repo';
import { tenantToday } from '../data/tenant-time';
import { getTenant, tenantSettings } from '../data/tenants.repo';
import { DEFAULT_CLASSIFICATION } from '../domain/abc-xyz';
import { planAlerts } from '../domain/alerts';
import { addDays } from '../domain/dates';
import { planTenant, type TenantPlan } from '../domain/plan';
import type { AbcXyz } from '../domain/types';

/** Runs the planning engine on the tenant's current data as of `asOf` (no storage). */
export async function computePlan(env: Env, tenantId: string, asOf: string): Promise<TenantPlan> {
  const db = createDb(env);
  const [products, lots, inbound, demand, orders, adjustments, tenant, customers, warehouses] = await Promise.all([
    loadProducts(db, tenantId),
    loadLots(db, tenantId),
    loadInbound(db, tenantId, asOf),
    loadDailyDemand(db, tenantId, asOf),
    loadOrderLines(db, tenantId, addDays(asOf, -365)),
    loadAdjustments(db, tenantId, addDays(asOf, -180)),
    getTenant(db, tenantId),
    loadCustomers(db, tenantId),
    loadWarehouses(db, tenantId),
  ]);
  const serviceLevels = tenantSettings(tenant).serviceLevels as Record<AbcXyz, number>;
  return planTenant({ products, lots, inbound, demand, orders, adjustments, customers, warehouses }, asOf, {
    classification: { ...DEFAULT_CLASSIFICATION, serviceLevels },
  });
}

export async function refreshTenant(env: Env, tenantId: string, version: number) {
  const db = createDb(env);
  // The tenant's local date at the requested time (lib/dates.ts).
  const asOf = await tenantToday(db, tenantId, version);
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
  if (wrotePlan) {
    const [lots, tenant] = await Promise.all([loadLots(db, tenantId), getTenant(db, tenantId)]);
    const core = dashboardCore(summarise(plan), addLotExposure(emptyExposure(), lots, asOf), tenant?.currency ?? 'USD');
    await writeSnapshot(env, tenantId, DASHBOARD_VIEW, version, core);
  }
  // Only a plan that became current raises (and clears) alerts and proposes, updates and expires
  // actions; an out-of-order older one stays silent.
  const alerts = wrotePlan ? await raisePlanAlerts(env, db, tenantId, planAlerts(plan)) : { raised: [], cleared: 0 };
  const actions = wrotePlan ? await syncActionsFromPlan(env, tenantId, plan, db) : null;
  return {
    skus: stock.length,
    wroteStock,
    wrotePlan,
    ordersRecommended: plan.totals.ordersRecommended,
    newAlerts: alerts.raised.length,
    clearedAlerts: alerts.cleared,
    actions,
  };
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
