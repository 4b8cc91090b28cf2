// Defects a new user's trial found, one kind each: a cross-tenant lockout at sign-in, stock added
// without the ledger's permission, inbound statuses without rules, shipped orders in the future,
// impossible lots, reversals that read as the movement they undo, audit actors named two ways,
// and lot numbers that name several lots.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, login, PASSWORD, seedBasics } from '../helpers/api';
import { csv, freshTenant, importFile, preview as previewFile, rowsOf, upload } from '../fixtures/imports/helpers';
import { addDays } from '../../worker/domain/dates';
import { MAX_LOT_UNITS } from '../../worker/domain/record-limits';

const T = 'trial';
let t: Awaited<ReturnType<typeof freshTenant>>;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  await seedBasics();
  t = await freshTenant(T);
});

describe('1. one email in several organisations', () => {
  const signIn = (body: object) => call('POST', '/api/auth/login', { body, headers: { 'cf-connecting-ip': '203.0.113.77' } });

  it("another tenant's admin adding the email does not lock its owner out: the password decides", async () => {
    const admin = await login('admin@demo.test');
    const r = await call('POST', '/api/users', {
      token: admin,
      body: { email: 'planner@acme.test', role: 'admin', password: 'another-password-1' },
    });
    expect(r.status).toBe(201);
    const own = await signIn({ email: 'planner@acme.test', password: PASSWORD });
    expect(own.status).toBe(200);
    expect(own.body.user).toEqual({ id: 'acme-planner', email: 'planner@acme.test', role: 'planner', tenantId: 'acme' });
    const other = await signIn({ email: 'planner@acme.test', password: 'another-password-1' });
    expect(other.body.user.tenantId).toBe('demo');
  });

  it('asks for the organisation only when the password fits several, naming none of them', async () => {
    const admin = await login('admin@demo.test');
    const created = await call('POST', '/api/users', {
      token: admin,
      body: { email: 'admin@acme.test', role: 'staff', password: PASSWORD },
    });
    const both = await signIn({ email: 'admin@acme.test', password: PASSWORD });
    expect(both.status).toBe(409);
    expect(both.body.type).toBe('https://lotwise.dev/problems/tenant-required');
    expect(JSON.stringify(both.body)).not.toMatch(/demo|acme/i);
    const chosen = await signIn({ email: 'admin@acme.test', password: PASSWORD, tenant: 'acme' });
    expect(chosen.body.user).toEqual({ id: 'acme-admin', email: 'admin@acme.test', role: 'admin', tenantId: 'acme' });
    expect((await signIn({ email: 'admin@acme.test', password: PASSWORD, tenant: 'demo' })).body.user).toMatchObject({
      id: created.body.id,
      role: 'staff',
    });
  });
});

describe('2. stock on hand changes only with the ledger permission', () => {
  const lot = { lotId: 'PL-1', sku: 'KR-NDL-001', warehouse: 'NJ1', quantityOnHand: 5, expirationDate: addDays(today, 100) };

  it('refuses a planner creating a lot with units (as POST /api/movements does) and lets staff', async () => {
    expect((await call('POST', '/api/movements', { token: t.planner, body: { type: 'IN', ...lot, quantity: 5 } })).status).toBe(403);
    const r = await call('POST', '/api/lots', { token: t.planner, body: lot });
    expect(r.status).toBe(403);
    expect(await rowsOf(`SELECT 1 FROM movements WHERE tenant_id = ? AND sku = 'KR-NDL-001' AND type = 'IN'`, T)).toEqual([]);
    expect((await call('POST', '/api/lots', { token: t.staff, body: lot })).status).toBe(201);
  });

  it('refuses a planner importing lots or receipts; an admin imports them', async () => {
    const file = csv('lot_id,sku,warehouse,quantity_on_hand,expiration_date', `PL-2,KR-NDL-002,NJ1,7,${addDays(today, 90)}`);
    for (const entity of ['inventory_lots', 'receipts']) {
      expect((await upload(t.planner, entity, file)).status).toBe(403);
      // The preview said "ready" to the same planner.
      expect((await previewFile(t.planner, entity, file)).status).toBe(403);
    }
    expect((await importFile(t.admin, 'inventory_lots', file)).status).toBe('done');
  });
});

describe('3. inbound shipment statuses', () => {
  const patch = (token: string, body: object, id = 'INB-T1') => call('PATCH', `/api/inbound-shipments/${id}`, { token, body });

  beforeAll(async () => {
    for (const id of ['INB-T1', 'INB-T2', 'INB-T3'])
      expect(
        (
          await call('POST', '/api/inbound-shipments', {
            token: t.planner,
            body: { shipmentId: id, etaDate: addDays(today, 10), status: 'in_transit', lines: [{ sku: 'KR-NDL-001', quantity: 10 }] },
          })
        ).status,
      ).toBe(201);
    await rowsOf(`UPDATE inbound_shipments SET warehouse = 'NJ1' WHERE tenant_id = ?`, T);
  });

  it('refuses an ETA years away from today over the API and in a file (1900-01-01 was accepted)', async () => {
    const far = await patch(t.planner, { etaDate: '1900-01-01' }, 'INB-T3');
    expect(far.status).toBe(422);
    expect(far.body.errors[0]).toMatchObject({ path: 'etaDate', value: '1900-01-01' });
    const file = csv('shipment_id,sku,quantity,eta_date', 'INB-T9,KR-NDL-001,5,1900-01-01');
    const r = await importFile(t.planner, 'inbound_shipments', file);
    expect(r.errors).toEqual([expect.objectContaining({ row: 2, column: 'eta_date', value: '1900-01-01' })]);
  });

  it('refuses a cancelled shipment coming back, naming its status', async () => {
    expect((await patch(t.planner, { status: 'cancelled' })).status).toBe(200);
    const back = await patch(t.admin, { status: 'arrived' });
    expect(back.status).toBe(409);
    expect(back.body.detail).toContain('cancelled');
    // problem+json's `status` is the HTTP status (it read "cancelled"); the shipment's is `state`.
    expect(back.body).toMatchObject({ status: 409, state: 'cancelled' });
  });

  it('marks arrival for the roles that receive, not planners; staff may change only the status', async () => {
    expect((await patch(t.planner, { status: 'arrived' }, 'INB-T2')).status).toBe(403);
    expect((await patch(t.staff, { origin: 'Busan' }, 'INB-T2')).status).toBe(403);
    expect((await patch(t.staff, { status: 'arrived' }, 'INB-T2')).status).toBe(200);
    expect((await patch(t.admin, { status: 'in_transit' }, 'INB-T2')).status).toBe(409);
    expect((await call('DELETE', '/api/inbound-shipments/INB-T2', { token: t.planner })).status).toBe(403);
  });

  it('refuses cancelling a shipment with units received; reducing its line to them closes it', async () => {
    const rcv = await call('POST', '/api/inbound-shipments/INB-T3/receive', {
      token: t.staff,
      body: { lines: [{ sku: 'KR-NDL-001', lotId: 'RC-T3', expirationDate: addDays(today, 150), quantity: 4 }] },
    });
    expect(rcv.status).toBe(201);
    const cancel = await patch(t.admin, { status: 'cancelled' }, 'INB-T3');
    expect(cancel.status).toBe(409);
    expect(cancel.body.detail).toContain('4 of its units were already received');
    expect((await call('DELETE', '/api/inbound-shipments/INB-T3', { token: t.admin })).status).toBe(409);
    const short = await patch(t.planner, { lines: [{ sku: 'KR-NDL-001', quantity: 4 }] }, 'INB-T3');
    expect(short.status).toBe(200);
    expect(short.body.lines[0]).toMatchObject({ quantity: 4, quantityReceived: 4, status: 'received' });
    expect((await patch(t.planner, { lines: [{ sku: 'KR-NDL-001', quantity: 3 }] }, 'INB-T3')).status).toBe(409);
  });

  it('holds an inbound import to the same transitions', async () => {
    const r = await importFile(
      t.planner,
      'inbound_shipments',
      csv('shipment_id,sku,quantity,eta_date,status', `INB-T1,KR-NDL-001,10,${addDays(today, 10)},in_transit`),
    );
    expect(r.status).toBe('failed');
    expect(r.errors[0]).toMatchObject({ column: 'status', value: 'in_transit' });
    expect(r.errors[0].message).toContain('cancelled');
  });
});

describe('4. shipped orders are not dated in the future', () => {
  const order = (orderId: string, orderDate: string, status: string) => ({
    orderId,
    customerId: 'CUST-0001',
    orderDate,
    status,
    lines: [{ sku: 'KR-NDL-001', quantity: 2 }],
  });

  it('refuses a future shipped order (422 naming orderDate), accepts a booked open one, refuses one years ahead', async () => {
    const shipped = await call('POST', '/api/orders', { token: t.planner, body: order('QX-20', '2030-01-01', 'shipped') });
    expect(shipped.status).toBe(422);
    expect(shipped.body.errors[0].path).toBe('orderDate');
    expect((await call('POST', '/api/orders', { token: t.planner, body: order('QX-21', addDays(today, 30), 'open') })).status).toBe(201);
    expect((await call('POST', '/api/orders', { token: t.planner, body: order('QX-22', '2030-01-01', 'open') })).status).toBe(422);
    // Shipping a booked order dated later than today is refused too.
    expect((await call('PATCH', '/api/orders/QX-21', { token: t.planner, body: { status: 'shipped' } })).status).toBe(422);
  });

  it('refuses the same row in an orders import', async () => {
    const r = await importFile(
      t.planner,
      'orders',
      csv('order_id,customer_id,order_date,sku,quantity,status', 'QX-30,CUST-0001,2030-01-01,KR-NDL-001,2,shipped'),
    );
    expect(r.status).toBe('failed');
    expect(r.errors[0]).toMatchObject({ row: 2, column: 'order_date', value: '2030-01-01' });
  });
});

describe('5. impossible lots', () => {
  it('refuses an expiry beyond the shelf life, an ancient receipt and an absurd quantity over the API', async () => {
    const base = { sku: 'KR-NDL-001', warehouse: 'NJ1', quantityOnHand: 5 };
    const far = await call('POST', '/api/lots', { token: t.admin, body: { ...base, lotId: 'IMP-1', expirationDate: '9999-12-31' } });
    expect(far.status).toBe(422);
    expect(far.body.errors[0].path).toBe('expirationDate');
    const old = await call('POST', '/api/lots', {
      token: t.admin,
      body: { ...base, lotId: 'IMP-2', receivedDate: '1900-01-01', expirationDate: '1900-03-01', status: 'quarantine' },
    });
    expect(old.status).toBe(422);
    expect(old.body.errors[0].path).toBe('receivedDate');
    const huge = await call('POST', '/api/lots', {
      token: t.admin,
      body: { ...base, lotId: 'IMP-3', quantityOnHand: MAX_LOT_UNITS + 1, expirationDate: addDays(today, 100) },
    });
    expect(huge.status).toBe(422);
    expect(huge.body.errors[0].path).toBe('quantityOnHand');
    const inMove = await call('POST', '/api/movements', {
      token: t.staff,
      body: { type: 'IN', sku: 'KR-NDL-001', lotId: 'IMP-4', warehouse: 'NJ1', quantity: 1, expirationDate: '2099-01-01' },
    });
    expect(inMove.status).toBe(422);
    // Within shelf life (180 days) and the tolerance: accepted.
    expect(
      (await call('POST', '/api/lots', { token: t.admin, body: { ...base, lotId: 'IMP-5', expirationDate: addDays(today, 190) } })).status,
    ).toBe(201);
  });

  it('refuses the same rows in a lot import, each naming its column', async () => {
    const r = await importFile(
      t.admin,
      'inventory_lots',
      csv(
        'lot_id,sku,warehouse,quantity_on_hand,received_date,expiration_date',
        `IMP-10,KR-NDL-001,NJ1,5,${today},2099-01-01`,
        'IMP-11,KR-NDL-001,NJ1,5,1900-01-01,1900-05-01',
        `IMP-12,KR-NDL-001,NJ1,1000000000,${today},${addDays(today, 60)}`,
      ),
    );
    expect(r.status).toBe('failed');
    expect(r.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [2, 'expiration_date'],
      [3, 'received_date'],
      [4, 'quantity_on_hand'],
    ]);
  });
});

describe('5b. a lot without a cost', () => {
  it('is valued at the product’s unit cost over the API and in a lots file without a cost column (it was $0)', async () => {
    const cost = 2.75;
    expect((await call('PATCH', '/api/products/KR-NDL-001', { token: t.admin, body: { unitCost: cost } })).status).toBe(200);
    const made = await call('POST', '/api/lots', {
      token: t.admin,
      body: { sku: 'KR-NDL-001', warehouse: 'NJ1', quantityOnHand: 5, lotId: 'COST-1', expirationDate: addDays(today, 100) },
    });
    expect(made.status).toBe(201);
    expect(made.body.unitCost).toBe(cost);
    const r = await importFile(
      t.admin,
      'inventory_lots',
      csv('lot_id,sku,warehouse,quantity_on_hand,received_date,expiration_date', `COST-2,KR-NDL-001,NJ1,4,${today},${addDays(today, 90)}`),
    );
    expect(r.status).toBe('done');
    expect((await call('GET', '/api/lots/COST-2', { token: t.admin })).body.unitCost).toBe(cost);
  });
});

describe('6. a reversal reads as a reversal', () => {
  it('types the reversing movement REVERSAL and needs a reason', async () => {
    await call('POST', '/api/movements', {
      token: t.staff,
      body: { type: 'IN', sku: 'KR-NDL-002', lotId: 'REV-1', warehouse: 'CA1', quantity: 10, expirationDate: addDays(today, 100) },
    });
    const out = await call('POST', '/api/movements', {
      token: t.staff,
      body: { type: 'OUT', sku: 'KR-NDL-002', lotId: 'REV-1', quantity: 3 },
    });
    expect(out.status).toBe(201);
    const bare = await call('POST', `/api/movements/${out.body.id}/reverse`, { token: t.staff, body: {} });
    expect(bare.status).toBe(422);
    expect(bare.body.errors[0].path).toBe('reason');
    const rev = await call('POST', `/api/movements/${out.body.id}/reverse`, { token: t.staff, body: { reason: 'keyed twice' } });
    expect(rev.status).toBe(201);
    expect(rev.body).toMatchObject({ type: 'REVERSAL', reversesId: out.body.id, reason: 'keyed twice' });
    expect(rev.body.lines[0].delta).toBe(3);
    const outs = await call('GET', '/api/movements?type=OUT&sku=KR-NDL-002', { token: t.staff });
    expect(outs.body.items.map((m: { id: string }) => m.id)).toEqual([out.body.id]);
  });
});

describe('7. audit entries name their actor one way', () => {
  it("finds a planner's imports under the email the filter names", async () => {
    const r = await importFile(t.planner, 'customers', csv('customer_id,name', 'CUST-0099,Audit Probe'));
    expect(r.status).toBe('done');
    const a = await call('GET', `/api/audit?actor=planner@${T}.test&entity=${r.id}`, { token: t.auditor });
    expect(a.status).toBe(200);
    expect(a.body.items.map((e: { action: string }) => e.action)).toContain('import.commit');
    expect(new Set(a.body.items.map((e: { actor: string }) => e.actor))).toEqual(new Set([`planner@${T}.test`]));
    const upper = await call('GET', `/api/audit?actor=PLANNER@${T.toUpperCase()}.TEST&entity=${r.id}`, { token: t.auditor });
    expect(upper.body.items.length).toBe(a.body.items.length);
  });
});

describe('8. one lot number, several lots', () => {
  beforeAll(async () => {
    const r = await call('POST', '/api/movements', {
      token: t.staff,
      body: { type: 'IN', sku: 'KR-KIM-001', lotId: 'LT-8', warehouse: 'NJ1', quantity: 10, expirationDate: addDays(today, 60) },
    });
    expect(r.status).toBe(201);
    const m = await call('POST', '/api/movements', {
      token: t.staff,
      body: { type: 'MOVE', sku: 'KR-KIM-001', lotId: 'LT-8', toWarehouse: 'CA1', quantity: 4 },
    });
    expect(m.status).toBe(201);
  });

  it('answers 409 listing the lots when the id names several, and acts on the one a query names', async () => {
    const get = await call('GET', '/api/lots/LT-8', { token: t.planner });
    expect(get.status).toBe(409);
    expect(get.body.matches.map((l: { sku: string; warehouse: string }) => [l.sku, l.warehouse])).toEqual([
      ['KR-KIM-001', 'CA1'],
      ['KR-KIM-001', 'NJ1'],
    ]);
    const hold = await call('PATCH', '/api/lots/LT-8', { token: t.planner, body: { status: 'hold' } });
    expect(hold.status).toBe(409);
    expect(await rowsOf(`SELECT 1 FROM lots WHERE tenant_id = ? AND lot_id = 'LT-8' AND status = 'hold'`, T)).toEqual([]);
    const one = await call('PATCH', '/api/lots/LT-8?warehouse=CA1', { token: t.planner, body: { status: 'hold' } });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ lotId: 'LT-8', warehouse: 'CA1', status: 'hold' });
    expect((await call('GET', '/api/lots/LT-8?warehouse=NJ1', { token: t.planner })).body.status).toBe('available');
    expect((await call('DELETE', '/api/lots/LT-8', { token: t.planner })).status).toBe(409);
    // A unique lot number still works alone.
    expect((await call('GET', '/api/lots/PL-1', { token: t.planner })).status).toBe(200);
  });

  it('a hand-made action on a lot number stocked twice keeps the warehouse named, checks that lot, and executes there', async () => {
    // LT-8: 6 units in NJ1, 4 in CA1. The action took NJ1's lot whatever warehouse was named.
    const body = { kind: 'write_off', sku: 'KR-KIM-001', lotId: 'LT-8', quantity: 3, reason: 'damaged cases' };
    const unnamed = await call('POST', '/api/actions', { token: t.planner, body });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.errors[0]).toMatchObject({ path: 'warehouse' });
    const tooMany = await call('POST', '/api/actions', { token: t.planner, body: { ...body, warehouse: 'CA1', quantity: 5 } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0].message).toContain('holds 4 units');
    const made = await call('POST', '/api/actions', { token: t.planner, body: { ...body, warehouse: 'CA1' } });
    expect(made.status).toBe(201);
    expect(made.body.warehouse).toBe('CA1');
    expect((await call('POST', `/api/actions/${made.body.id}/approve`, { token: t.approver })).status).toBe(200);
    const done = await call('POST', `/api/actions/${made.body.id}/execute`, { token: t.approver });
    expect(done.body.state).toBe('executed');
    expect((await call('GET', '/api/lots/LT-8?warehouse=CA1', { token: t.planner })).body.quantityOnHand).toBe(1);
    expect((await call('GET', '/api/lots/LT-8?warehouse=NJ1', { token: t.planner })).body.quantityOnHand).toBe(6);
  });

  it('refuses receiving a lot number another SKU holds (409), over the API and in a receipts file', async () => {
    await call('POST', '/api/inbound-shipments', {
      token: t.planner,
      body: { shipmentId: 'INB-T8', etaDate: addDays(today, 5), lines: [{ sku: 'KR-NDL-002', quantity: 10 }] },
    });
    await rowsOf(`UPDATE inbound_shipments SET warehouse = 'NJ1' WHERE tenant_id = ? AND shipment_id = 'INB-T8'`, T);
    const r = await call('POST', '/api/inbound-shipments/INB-T8/receive', {
      token: t.staff,
      body: { lines: [{ sku: 'KR-NDL-002', lotId: 'LT-8', expirationDate: addDays(today, 60), quantity: 2 }] },
    });
    expect(r.status).toBe(409);
    expect(r.body.detail).toContain('KR-KIM-001');
    const file = await importFile(
      t.admin,
      'receipts',
      csv('shipment_id,sku,lot_id,expiration_date,quantity', `INB-T8,KR-NDL-002,LT-8,${addDays(today, 60)},2`),
    );
    expect(file.status).toBe('failed');
    expect(file.errors[0]).toMatchObject({ column: 'lot_id', value: 'LT-8' });
  });
});
