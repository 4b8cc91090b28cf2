// The record keeps what an edit does not name, refuses what would corrupt it, and accepts back
// every id it hands out (issue #8, "Master data and ledger integrity").
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, daysFromToday, fixtureLot, login, seedBasics } from '../helpers/api';
import { seedSampleTenant } from '../helpers/sample-tenant';

let planner: string;
let staff: string;

beforeAll(async () => {
  await seedBasics();
  planner = await login('planner@demo.test');
  staff = await login('staff@demo.test');
});

describe('PATCH is a merge patch (RFC 7396) on every entity', () => {
  it('keeps every product field the patch does not name', async () => {
    const created = await call('POST', '/api/products', {
      token: planner,
      body: {
        sku: 'KR-NDL-001',
        name: 'Noodles',
        category: 'noodles',
        caseSize: 8,
        shelfLifeDays: 120,
        unitCost: 1.75,
        leadTimeDays: 33,
        supplier: 'Han River',
        minRemainingShelfLifeDays: 30,
        safetyStock: 40,
      },
    });
    expect(created.status).toBe(201);
    const r = await call('PATCH', '/api/products/KR-NDL-001', { token: planner, body: { moq: 480 } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      moq: 480,
      caseSize: 8,
      unitCost: 1.75,
      leadTimeDays: 33,
      minRemainingShelfLifeDays: 30,
      category: 'noodles',
      supplier: 'Han River',
      safetyStock: 40,
    });
    // null clears a nullable field only.
    const cleared = await call('PATCH', '/api/products/KR-NDL-001', { token: planner, body: { safetyStock: null } });
    expect(cleared.body).toMatchObject({ safetyStock: null, caseSize: 8 });
    expect((await call('PATCH', '/api/products/KR-NDL-001', { token: planner, body: { caseSize: null } })).status).toBe(422);
  });

  it('checks cross-field rules on the merged record: minimum remaining life below shelf life', async () => {
    const r = await call('PATCH', '/api/products/KR-NDL-001', { token: planner, body: { minRemainingShelfLifeDays: 500 } });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].path).toBe('minRemainingShelfLifeDays');
    const shrink = await call('PATCH', '/api/products/KR-NDL-001', { token: planner, body: { shelfLifeDays: 20 } });
    expect(shrink.status).toBe(422);
    expect((await call('GET', '/api/products/KR-NDL-001', { token: planner })).body.shelfLifeDays).toBe(120);
  });

  it('keeps an order status and a shipment status on an empty patch', async () => {
    await call('POST', '/api/orders', {
      token: planner,
      body: {
        orderId: 'SO-000001',
        customerId: 'C-001',
        orderDate: '2026-10-01',
        status: 'shipped',
        lines: [{ sku: 'RAM-001', quantity: 5 }],
      },
    });
    const o = await call('PATCH', '/api/orders/SO-000001', { token: planner, body: {} });
    expect(o.status).toBe(200);
    expect(o.body.status).toBe('shipped');
    await call('POST', '/api/inbound-shipments', {
      token: planner,
      body: {
        shipmentId: 'INB-0001',
        etaDate: daysFromToday(10),
        origin: 'Busan',
        status: 'delayed',
        lines: [{ sku: 'RAM-001', quantity: 100 }],
      },
    });
    const s = await call('PATCH', '/api/inbound-shipments/INB-0001', { token: planner, body: {} });
    expect(s.body).toMatchObject({ status: 'delayed', origin: 'Busan' });
    const eta = await call('PATCH', '/api/inbound-shipments/INB-0001', { token: planner, body: { etaDate: daysFromToday(12) } });
    expect(eta.body).toMatchObject({ status: 'delayed', origin: 'Busan', etaDate: daysFromToday(12) });
  });

  it('keeps the columns of a line that a line replacement does not name', async () => {
    await env.DB.prepare("UPDATE inbound_shipments SET quantity_received = 40, warehouse = 'NJ' WHERE shipment_id = 'INB-0001'").run();
    await call('PATCH', '/api/inbound-shipments/INB-0001', { token: planner, body: { lines: [{ sku: 'RAM-001', quantity: 120 }] } });
    const row = await env.DB.prepare(
      "SELECT quantity, quantity_received, warehouse FROM inbound_shipments WHERE shipment_id = 'INB-0001'",
    ).first();
    expect(row).toEqual({ quantity: 120, quantity_received: 40, warehouse: 'NJ' });
  });

  it('keeps warehouse, customer and lot fields the patch does not name', async () => {
    const w = await call('PATCH', '/api/warehouses/NJ', { token: planner, body: {} });
    expect(w.body).toMatchObject({ name: 'Newark', region: 'East' });
    await call('PATCH', '/api/customers/C-001', { token: planner, body: { minRemainingShelfLifeDays: 45 } });
    const cu = await call('PATCH', '/api/customers/C-001', { token: planner, body: { name: 'H Mart' } });
    expect(cu.body).toMatchObject({ name: 'H Mart', region: 'East', channel: 'grocery', minRemainingShelfLifeDays: 45 });
    await fixtureLot('demo', 'PATCH-LOT', 'RAM-001', 10, 100, { unitCost: 2.5 });
    const l = await call('PATCH', '/api/lots/PATCH-LOT', { token: planner, body: { status: 'hold' } });
    expect(l.body).toMatchObject({ status: 'hold', unitCost: 2.5, expirationDate: daysFromToday(100) });
  });

  it('answers PATCH /api/tenant {} with the unchanged tenant', async () => {
    const admin = await login('admin@demo.test');
    const before = await call('GET', '/api/tenant', { token: admin });
    const r = await call('PATCH', '/api/tenant', { token: admin, body: {} });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(before.body);
  });
});

describe('a product that holds stock or open documents is not deleted', () => {
  it('refuses with 409 naming what holds it, and keeps the product', async () => {
    await call('POST', '/api/products', { token: planner, body: { sku: 'HOLD-1', name: 'Held', shelfLifeDays: 100 } });
    await fixtureLot('demo', 'HOLD-LOT', 'HOLD-1', 24, 60);
    await call('POST', '/api/orders', {
      token: planner,
      body: { orderId: 'SO-HOLD', customerId: 'C-001', orderDate: '2026-10-01', lines: [{ sku: 'HOLD-1', quantity: 5 }] },
    });
    const r = await call('DELETE', '/api/products/HOLD-1', { token: planner });
    expect(r.status).toBe(409);
    expect(r.body.detail).toContain('24 units are in stock');
    expect(r.body.detail).toContain('1 open order');
    expect(r.body.heldBy).toHaveLength(2);
    expect((await call('PATCH', '/api/products/HOLD-1', { token: planner, body: { archived: true } })).status).toBe(409);
    expect((await call('GET', '/api/products/HOLD-1', { token: planner })).body.archived).toBe(false);
    const out = await call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'HOLD-1', quantity: 1 } });
    expect(out.status).toBe(201);
  });

  it('refuses movements on an archived product', async () => {
    await call('POST', '/api/products', { token: planner, body: { sku: 'GONE-1', name: 'Gone', shelfLifeDays: 100 } });
    expect((await call('PATCH', '/api/products/GONE-1', { token: planner, body: { archived: true } })).status).toBe(200);
    const r = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'IN', sku: 'GONE-1', lotId: 'GONE-LOT', warehouse: 'NJ', quantity: 5, expirationDate: daysFromToday(50) },
    });
    expect(r.status).toBe(409);
    expect(r.body.detail).toContain('archived');
  });

  it('refuses to delete a warehouse holding stock and a customer with open orders', async () => {
    const w = await call('DELETE', '/api/warehouses/NJ', { token: planner });
    expect(w.status).toBe(409);
    expect(w.body.detail).toMatch(/units are in stock there/);
    const c = await call('DELETE', '/api/customers/C-001', { token: planner });
    expect(c.status).toBe(409);
    expect(c.body.detail).toMatch(/open order/);
  });
});

describe('OUT names a customer', () => {
  beforeAll(async () => {
    await fixtureLot('demo', 'K-20', 'KIM-001', 10, 20);
    await fixtureLot('demo', 'K-60', 'KIM-001', 10, 60);
  });

  it('refuses an unknown customer and stores a known one on the movement', async () => {
    const bad = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'OUT', sku: 'KIM-001', quantity: 1, customerId: 'NOPE-CUST' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ path: 'customerId', value: 'NOPE-CUST' });
    const ok = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'OUT', sku: 'KIM-001', quantity: 1, customerId: 'C-001' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.customerId).toBe('C-001');
    expect((await call('GET', `/api/movements/${ok.body.id}`, { token: staff })).body.customerId).toBe('C-001');
  });

  it("allocates FEFO past lots shorter-dated than the customer's minimum (45 days here)", async () => {
    const r = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'OUT', sku: 'KIM-001', quantity: 3, customerId: 'C-001' },
    });
    expect(r.status).toBe(201);
    expect(r.body.lines).toEqual([{ lotId: 'K-60', warehouse: 'NJ', delta: -3 }]);
    // Without a customer the product's 10-day rule applies and the 20-day lot ships first.
    const plain = await call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'KIM-001', quantity: 1 } });
    expect(plain.body.lines[0].lotId).toBe('K-20');
  });

  it('refuses an explicit short-dated lot for that customer unless overridden with a reason, which is audited', async () => {
    const body = { type: 'OUT', sku: 'KIM-001', quantity: 2, lotId: 'K-20', customerId: 'C-001' };
    const refused = await call('POST', '/api/movements', { token: staff, body });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ daysLeft: 20, required: 45 });
    expect(refused.body.detail).toContain('customer C-001 requires 45');
    const over = await call('POST', '/api/movements', {
      token: staff,
      body: { ...body, override: { reason: 'Customer agreed by phone' } },
    });
    expect(over.status).toBe(201);
    const auditor = await login('auditor@demo.test');
    const log = await call('GET', '/api/audit?limit=1000', { token: auditor });
    const entry = log.body.items.find((e: { subject: string }) => e.subject === over.body.id);
    expect(entry.data.override).toEqual({ reason: 'Customer agreed by phone', daysLeft: 20, required: 45 });
    expect(entry.data).toMatchObject({ customerId: 'C-001', sku: 'KIM-001', quantity: 2, tenant: 'demo', entity: 'movement' });
  });
});

describe('lots', () => {
  it('refuses an IN that creates an already-expired lot unless it is received into quarantine', async () => {
    const body = {
      type: 'IN',
      sku: 'RAM-001',
      lotId: 'OLD-1',
      warehouse: 'NJ',
      quantity: 5,
      receivedDate: daysFromToday(-300),
      expirationDate: daysFromToday(-3),
    };
    const r = await call('POST', '/api/movements', { token: staff, body });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].path).toBe('expirationDate');
    expect((await call('GET', '/api/lots/OLD-1', { token: staff })).status).toBe(404);
    const q = await call('POST', '/api/movements', { token: staff, body: { ...body, status: 'quarantine' } });
    expect(q.status).toBe(201);
    expect((await call('GET', '/api/lots/OLD-1', { token: staff })).body).toMatchObject({ status: 'quarantine', quantityOnHand: 5 });
    const viaLots = await call('POST', '/api/lots', {
      token: await login('admin@demo.test'),
      body: {
        lotId: 'OLD-2',
        sku: 'RAM-001',
        warehouse: 'NJ',
        quantityOnHand: 5,
        receivedDate: daysFromToday(-300),
        expirationDate: daysFromToday(-1),
      },
    });
    expect(viaLots.status).toBe(422);
  });

  it('needs a reason to change an expiry date and audits the old and new date', async () => {
    await fixtureLot('demo', 'EXP-EDIT', 'RAM-001', 10, 50);
    const newDate = daysFromToday(80);
    const noReason = await call('PATCH', '/api/lots/EXP-EDIT', { token: planner, body: { expirationDate: newDate } });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].path).toBe('reason');
    const ok = await call('PATCH', '/api/lots/EXP-EDIT', {
      token: planner,
      body: { expirationDate: newDate, reason: 'Supplier corrected the label' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.expirationDate).toBe(newDate);
    const auditor = await login('auditor@demo.test');
    const log = await call('GET', '/api/audit?limit=1000', { token: auditor });
    const entry = log.body.items.findLast(
      (e: { action: string; subject: string }) => e.action === 'lot.update' && e.subject === 'EXP-EDIT',
    );
    expect(entry.data.changes.expirationDate).toEqual({ before: daysFromToday(50), after: newDate });
    expect(entry.data.reason).toBe('Supplier corrected the label');
    expect(entry.actor).toBe('planner@demo.test');
  });
});

describe('every id the API hands out is accepted back', () => {
  it('fetches and reverses seeded movements by the id the list shows', async () => {
    await seedSampleTenant('ids');
    const p = await login('planner@ids.test');
    const list = await call('GET', '/api/movements?pageSize=5', { token: p });
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const m of list.body.items) {
      const one = await call('GET', `/api/movements/${encodeURIComponent(m.id)}`, { token: p });
      expect(one.status).toBe(200);
      expect(one.body.id).toBe(m.id);
    }
    const seeded = list.body.items.find((m: { id: string }) => m.id.startsWith('seed-'));
    expect(seeded).toBeDefined();
    // The sample tenant's staff user posts the reversal.
    const rev = await call('POST', `/api/movements/${encodeURIComponent(seeded.id)}/reverse`, {
      token: await login('staff@ids.test'),
      body: { reason: 'opening balance was wrong' },
    });
    expect(rev.status).toBe(201);
    expect(rev.body.reversesId).toBe(seeded.id);
  });
});
