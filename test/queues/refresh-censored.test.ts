import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../worker/data/db';
import { loadDailyDemand } from '../../worker/data/planning.repo';
import { loadRangeInputs } from '../../worker/data/refresh.repo';
import { lots, products, tenants } from '../../worker/data/schema';
import { addDays } from '../../worker/domain/dates';
import { planTenant } from '../../worker/domain/plan';
import type { DailyDemand } from '../../worker/domain/types';

/**
 * A SKU sold 10 units a day for 90 days, ran out 30 days before the plan date and sold nothing
 * since (no stock: customers stopped ordering what was not there). The refresh must read its
 * ledger, flag those 30 days as stocked out, and forecast from the 10 a day it sold while it
 * had stock — not from 30 days of zeros.
 */
const T = 'censor';
const SKU = 'SO-1';
const AS_OF = '2026-06-01';
const SOLD_DAYS = 90;
const OUT_DAYS = 30;

beforeAll(async () => {
  const db = createDb(env);
  await db.insert(tenants).values({ id: T, name: 'Censored Foods' }).onConflictDoNothing();
  await db
    .insert(products)
    .values({ tenantId: T, sku: SKU, name: 'Tofu 300g', shelfLifeDays: 60, unitCost: 2, unitPrice: 3, leadTimeDays: 5 })
    .onConflictDoNothing();
  // The lot that was received and sold out: empty now.
  await db
    .insert(lots)
    .values({
      tenantId: T,
      id: 'SO-LOT',
      lotId: 'SO-LOT',
      sku: SKU,
      warehouse: 'NJ',
      quantityOnHand: 0,
      receivedDate: addDays(AS_OF, -SOLD_DAYS - OUT_DAYS - 1),
      expirationDate: addDays(AS_OF, 60),
      unitCost: 2,
    })
    .onConflictDoNothing();
  const first = addDays(AS_OF, -SOLD_DAYS - OUT_DAYS);
  const stmts: D1PreparedStatement[] = [];
  const movement = (id: string, type: 'IN' | 'OUT', day: string, delta: number) => {
    stmts.push(
      env.DB.prepare(
        'INSERT INTO movements (id, tenant_id, type, sku, quantity, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).bind(id, T, type, SKU, Math.abs(delta), 'test', `${day}T09:00:00.000Z`),
      env.DB.prepare('INSERT INTO movement_lines (movement_id, line, tenant_id, lot_id, warehouse, delta) VALUES (?, 1, ?, ?, ?, ?)').bind(
        id,
        T,
        'SO-LOT',
        'NJ',
        delta,
      ),
    );
  };
  movement('so-in', 'IN', addDays(first, -1), SOLD_DAYS * 10);
  for (let i = 0; i < SOLD_DAYS; i++) {
    const day = addDays(first, i);
    movement(`so-out-${i}`, 'OUT', day, -10);
    stmts.push(
      env.DB.prepare(
        "INSERT INTO order_lines (tenant_id, order_id, line, sku, customer_id, order_date, quantity, status) VALUES (?, ?, 1, ?, 'C1', ?, 10, 'shipped')",
      ).bind(T, `SO-ORD-${i}`, SKU, day),
    );
  }
  await env.DB.batch(stmts);
});

const meanOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('censored demand in the refresh', () => {
  it('flags the days a SKU began without stock, from its ledger', async () => {
    const inputs = await loadRangeInputs(createDb(env), T, AS_OF, { firstSku: SKU, lastSku: SKU, skus: 1 });
    const [d] = inputs.demand;
    expect(d.values).toHaveLength(SOLD_DAYS + OUT_DAYS);
    expect(d.stockedOut).toHaveLength(SOLD_DAYS + OUT_DAYS);
    expect(d.stockedOut!.slice(SOLD_DAYS)).toEqual(new Array(OUT_DAYS).fill(true));
    expect(d.stockedOut!.slice(0, SOLD_DAYS).some(Boolean)).toBe(false);
    // The API's SKU pages read the same flags.
    const [api] = await loadDailyDemand(createDb(env), T, AS_OF, [SKU]);
    expect(api.stockedOut).toEqual(d.stockedOut);
  });

  it('forecasts a stocked-out SKU from what it sold with stock, above the forecast that counts the stock-out as no demand', async () => {
    const inputs = await loadRangeInputs(createDb(env), T, AS_OF, { firstSku: SKU, lastSku: SKU, skus: 1 });
    const asZeros: DailyDemand[] = inputs.demand.map(({ sku, startDate, values }) => ({ sku, startDate, values }));
    const censored = planTenant({ ...inputs, customers: [], warehouses: [] }, AS_OF).skus[0];
    const zeros = planTenant({ ...inputs, demand: asZeros, customers: [], warehouses: [] }, AS_OF).skus[0];
    const next28 = (p: typeof censored) => meanOf(p.forecast.daily.mean.slice(0, 28));
    expect(next28(censored)).toBeGreaterThan(8);
    expect(next28(censored)).toBeGreaterThan(next28(zeros) + 3);
    expect(censored.reorder.quantity).toBeGreaterThan(zeros.reorder.quantity);
  });
});
