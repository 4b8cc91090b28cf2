import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../worker/data/db';
import { actions, inboundShipments, lots, movementLines, movements, products, tenants, users } from '../../worker/data/schema';
import { call, login, seedBasics } from '../helpers/api';
import { sellingProduct } from '../helpers/actions';

// Week 2026-W40 runs Monday 2026-09-28 to Sunday 2026-10-04 (UTC).
const base = { tenantId: 'demo', sku: 'ROI-1', proposedBy: 'system:refresh', reason: 'test', version: 3 };
const act = (
  id: string,
  kind: 'markdown' | 'reorder' | 'write_off',
  state: 'executed' | 'dismissed' | 'expired',
  o: Record<string, unknown>,
) => ({
  ...base,
  id,
  kind,
  state,
  quantity: 10,
  value: 0,
  ...o,
});

beforeAll(async () => {
  await seedBasics();
  await sellingProduct('ROI-1', 1, 5);
  const db = createDb(env);
  await db.insert(lots).values([
    {
      tenantId: 'demo',
      id: 'ROI-L1',
      lotId: 'ROI-L1',
      sku: 'ROI-1',
      warehouse: 'NJ',
      quantityOnHand: 0,
      receivedDate: '2026-08-01',
      expirationDate: '2026-10-20',
      unitCost: 2,
    },
    {
      tenantId: 'demo',
      id: 'ROI-L2',
      lotId: 'ROI-L2',
      sku: 'ROI-1',
      warehouse: 'NJ',
      quantityOnHand: 5,
      receivedDate: '2026-08-01',
      expirationDate: '2026-10-10',
      unitCost: 2,
    },
  ]);
  const rows = [
    act('00000000-0000-4000-8000-0000000000a1', 'markdown', 'executed', {
      lotId: 'ROI-L1',
      createdAt: '2026-09-28T10:00:00.000Z',
      decidedAt: '2026-09-29T08:00:00.000Z',
      executedAt: '2026-09-29T10:00:00.000Z',
      evidence: JSON.stringify({ expectedWasteValue: 60 }),
    }),
    act('00000000-0000-4000-8000-0000000000a2', 'markdown', 'executed', {
      lotId: 'ROI-L2',
      createdAt: '2026-09-29T00:00:00.000Z',
      decidedAt: '2026-09-29T06:00:00.000Z',
      executedAt: '2026-09-30T00:00:00.000Z',
      evidence: JSON.stringify({ expectedWasteValue: 30 }),
    }),
    act('00000000-0000-4000-8000-0000000000b1', 'reorder', 'executed', {
      quantity: 240,
      value: 480,
      createdAt: '2026-09-28T00:00:00.000Z',
      decidedAt: '2026-09-28T02:00:00.000Z',
      executedAt: '2026-09-29T12:00:00.000Z',
      evidence: JSON.stringify({ projectedStockoutDate: '2026-10-15', expectedLostSales: 140 }),
      outcome: JSON.stringify({ shipmentId: 'PO-ROI1' }),
    }),
    act('00000000-0000-4000-8000-0000000000b2', 'reorder', 'executed', {
      quantity: 120,
      value: 240,
      createdAt: '2026-09-30T00:00:00.000Z',
      decidedAt: '2026-09-30T10:00:00.000Z',
      executedAt: '2026-10-01T00:00:00.000Z',
      evidence: JSON.stringify({ projectedStockoutDate: '2026-10-12', expectedLostSales: 99 }),
      outcome: JSON.stringify({ shipmentId: 'PO-ROI2' }),
    }),
    act('00000000-0000-4000-8000-0000000000c1', 'write_off', 'executed', {
      value: 12.5,
      createdAt: '2026-09-30T00:00:00.000Z',
      decidedAt: '2026-10-01T00:00:00.000Z',
      executedAt: '2026-10-02T00:00:00.000Z',
    }),
    act('00000000-0000-4000-8000-0000000000d1', 'reorder', 'dismissed', {
      createdAt: '2026-09-28T08:00:00.000Z',
      decidedAt: '2026-09-28T12:00:00.000Z',
    }),
    act('00000000-0000-4000-8000-0000000000e1', 'reorder', 'expired', {
      createdAt: '2026-09-20T08:00:00.000Z',
      updatedAt: '2026-10-03T00:00:00.000Z',
    }),
  ];
  // One row per statement: D1 binds at most 100 parameters.
  for (const row of rows) await db.insert(actions).values(row as typeof actions.$inferInsert);
  await db.insert(inboundShipments).values([
    {
      tenantId: 'demo',
      shipmentId: 'PO-ROI1',
      sku: 'ROI-1',
      quantity: 240,
      etaDate: '2026-10-10',
      status: 'arrived',
      updatedAt: '2026-10-10T09:00:00.000Z',
    },
    {
      tenantId: 'demo',
      shipmentId: 'PO-ROI2',
      sku: 'ROI-1',
      quantity: 120,
      etaDate: '2026-10-12',
      status: 'arrived',
      updatedAt: '2026-10-20T09:00:00.000Z',
    },
  ]);
  const sale = (id: string, lotId: string, qty: number, at: string) => [
    db.insert(movements).values({ id, tenantId: 'demo', type: 'OUT', sku: 'ROI-1', quantity: qty, createdBy: 'x', createdAt: at }),
    db.insert(movementLines).values({ movementId: id, line: 1, tenantId: 'demo', lotId, warehouse: 'NJ', delta: -qty }),
  ];
  for (const q of [
    ...sale('roi-m1', 'ROI-L1', 40, '2026-10-01T00:00:00.000Z'),
    ...sale('roi-m2', 'ROI-L2', 15, '2026-10-02T00:00:00.000Z'),
  ])
    await q;
});

describe('ROI from decisions', () => {
  it('matches the hand-computed week', async () => {
    const token = await login('planner@demo.test');
    const r = await call('GET', '/api/roi?week=2026-W40', { token });
    expect(r.status).toBe(200);
    // Lot L1 sold out before expiry: the full expected waste (60). Lot L2 expired with 5 units
    // left at cost 2: 30 − 10 = 20. Total 80.
    expect(r.body.wasteAvoided.value).toBe(80);
    expect(r.body.wasteAvoided.actions.map((a: any) => [a.actionId.slice(-2), a.amount])).toEqual([
      ['a1', 60],
      ['a2', 20],
    ]);
    // PO-ROI1 arrived 10-10, before the projected stock-out 10-15: 140. PO-ROI2 arrived after: 0.
    expect(r.body.stockoutsAvoided.value).toBe(140);
    expect(r.body.stockoutsAvoided.actions.find((a: any) => a.actionId.endsWith('b2')).status).toBe('missed');
    // Each line says why in both languages (the Korean ROI page showed the English).
    const late = r.body.stockoutsAvoided.actions.find((a: any) => a.actionId.endsWith('b2'));
    expect(late.detail).toMatch(/^arrived 2026-10-\d\d, after the projected stock-out 2026-10-\d\d$/);
    expect(late.detailKo).toMatch(/^2026-10-\d\d 입고, 예상 품절일 2026-10-\d\d 이후$/);
    // 40 + 15 units sold after execution at cost 2.
    expect(r.body.capitalFreed.value).toBe(110);
    expect(r.body.valueWrittenOff.value).toBe(12.5);
    expect(r.body.counts).toEqual({ proposed: 6, approved: 5, dismissed: 1, executed: 5, expired: 1 });
    // Latencies 2, 4, 6, 10, 22, 24 hours.
    expect(r.body.decisionLatencyHours).toEqual({ decisions: 6, median: 8, mean: 11.33 });
    // The order value of the reorders (480 + 240) is nowhere in the return.
    expect(JSON.stringify([r.body.wasteAvoided, r.body.stockoutsAvoided, r.body.capitalFreed])).not.toContain('480');
  });

  it('serves CSV and a printable page, and refuses a malformed week', async () => {
    const token = await login('planner@demo.test');
    const csv = await call('GET', '/api/roi.csv?week=2026-W40', { token });
    expect(String(csv.body)).toContain('2026-W40,Waste avoided,,,,80,total,');
    const page = await call('GET', '/api/roi.html?week=2026-W40', { token });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(String(page.body)).toContain('Waste avoided: 80.00');
    expect(String(page.body)).toContain('href="/api/actions/00000000-0000-4000-8000-0000000000a1"');
    expect((await call('GET', '/api/roi?week=2026-40', { token })).status).toBe(422);
  });
});

describe('ROI weeks are the tenant’s weeks', () => {
  it('counts an action executed Monday 05:00 in Seoul (Sunday 20:00 UTC) in the week starting that Monday', async () => {
    const db = createDb(env);
    const { hashPassword } = await import('../../worker/lib/password');
    const { PASSWORD } = await import('../helpers/api');
    await db.insert(tenants).values({ id: 'seoul', name: 'Seoul Foods', timeZone: 'Asia/Seoul' }).onConflictDoNothing();
    await db
      .insert(users)
      .values({
        id: 'seoul-planner',
        tenantId: 'seoul',
        email: 'planner@seoul.test',
        name: 'p',
        role: 'planner',
        passwordHash: await hashPassword(PASSWORD),
      })
      .onConflictDoNothing();
    await db
      .insert(products)
      .values({ tenantId: 'seoul', sku: 'SEO-1', name: 'Seoul noodles', shelfLifeDays: 365, unitCost: 2 })
      .onConflictDoNothing();
    await db.insert(actions).values({
      ...base,
      tenantId: 'seoul',
      sku: 'SEO-1',
      id: '00000000-0000-4000-8000-0000000005e0',
      kind: 'write_off',
      state: 'executed',
      quantity: 6,
      value: 12,
      createdAt: '2026-11-29T19:00:00.000Z',
      decidedAt: '2026-11-29T19:30:00.000Z',
      // Monday 2026-11-30 05:00 in Seoul; still Sunday 2026-11-29 in UTC (week 48 there).
      executedAt: '2026-11-29T20:00:00.000Z',
    } as typeof actions.$inferInsert);
    const token = await login('planner@seoul.test');
    const w49 = await call('GET', '/api/roi?week=2026-W49', { token });
    expect(w49.status).toBe(200);
    expect(w49.body).toMatchObject({
      timeZone: 'Asia/Seoul',
      from: '2026-11-30',
      to: '2026-12-07',
      fromInstant: '2026-11-29T15:00:00.000Z',
      toInstant: '2026-12-06T15:00:00.000Z',
      valueWrittenOff: { value: 12 },
      counts: { proposed: 1, approved: 1, executed: 1 },
    });
    const w48 = await call('GET', '/api/roi?week=2026-W48', { token });
    expect(w48.body.valueWrittenOff.value).toBe(0);
    expect(w48.body.counts).toMatchObject({ proposed: 0, approved: 0, executed: 0 });
  });

  it('finds a zone’s local midnight across a daylight-saving change', async () => {
    const { zonedMidnight, isoWeekOf } = await import('../../worker/actions/roi');
    expect(zonedMidnight('2026-11-30', 'Asia/Seoul')).toBe('2026-11-29T15:00:00.000Z');
    // New York: EDT (−4) until 2026-11-01 02:00, EST (−5) after.
    expect(zonedMidnight('2026-11-01', 'America/New_York')).toBe('2026-11-01T04:00:00.000Z');
    expect(zonedMidnight('2026-11-02', 'America/New_York')).toBe('2026-11-02T05:00:00.000Z');
    expect(zonedMidnight('2026-11-30', 'Not/AZone')).toBe('2026-11-30T00:00:00.000Z');
    expect([isoWeekOf('2026-11-30'), isoWeekOf('2026-11-29'), isoWeekOf('2026-01-01'), isoWeekOf('2027-01-03')]).toEqual([
      '2026-W49',
      '2026-W48',
      '2026-W01',
      '2026-W53',
    ]);
  });
});
