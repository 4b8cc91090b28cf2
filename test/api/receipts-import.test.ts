// Receipts files (goods receipts / GRN lines) load through the ledger like the receive endpoint:
// IN movements into lots, shipments reduced or closed; refused rows change nothing; two receipts
// racing for the same open units never over-receive (issue #9, receiving).
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/api';
import { csv, freshTenant, importFile, rowsOf } from '../fixtures/imports/helpers';

let t: Awaited<ReturnType<typeof freshTenant>>;
const T = 'rcpt-file';

const shipments = () =>
  rowsOf<{ shipment_id: string; sku: string; quantity: number; quantity_received: number; status: string }>(
    `SELECT shipment_id, sku, quantity, quantity_received, status FROM inbound_shipments WHERE tenant_id = ? ORDER BY shipment_id, sku`,
    T,
  );
const lots = () =>
  rowsOf<{
    id: string;
    lot_id: string;
    sku: string;
    warehouse: string;
    quantity_on_hand: number;
    expiration_date: string;
    received_date: string;
  }>(
    `SELECT id, lot_id, sku, warehouse, quantity_on_hand, expiration_date, received_date FROM lots WHERE tenant_id = ? ORDER BY sku, lot_id, warehouse`,
    T,
  );
// The ledger explains every lot: the sum of its movement lines is what it holds.
const unexplained = () =>
  rowsOf(
    `SELECT l.sku, l.lot_id, l.warehouse, l.quantity_on_hand, coalesce(sum(ml.delta), 0) AS ledger
     FROM lots l LEFT JOIN movement_lines ml ON ml.tenant_id = l.tenant_id AND ml.lot_id = l.lot_id AND ml.warehouse = l.warehouse
       AND ml.movement_id IN (SELECT id FROM movements WHERE tenant_id = l.tenant_id AND sku = l.sku)
     WHERE l.tenant_id = ? GROUP BY l.sku, l.lot_id, l.warehouse HAVING l.quantity_on_hand <> coalesce(sum(ml.delta), 0)`,
    T,
  );

// A zone whose local date differs from UTC's right now (UTC+14 from 10:00 UTC, else UTC−12), so
// a default receipt date taken from the UTC date is caught at any hour.
const zone = new Date().getUTCHours() >= 10 ? { tz: 'Etc/GMT-14', hours: 14 } : { tz: 'Etc/GMT+12', hours: -12 };
const localToday = () => new Date(Date.now() + zone.hours * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await freshTenant(T);
  expect((await call('PATCH', '/api/tenant', { token: t.admin, body: { timeZone: zone.tz } })).status).toBe(200);
  const r = await importFile(
    t.planner,
    'inbound_shipments',
    csv(
      'shipment_id,sku,quantity,eta_date,status',
      'INB-1,KR-NDL-001,100,2026-12-01,in_transit',
      'INB-1,KR-NDL-002,50,2026-12-01,in_transit',
      'INB-2,KR-NDL-001,30,2026-12-05,planned',
      'INB-3,KR-KIM-001,20,2026-12-05,planned',
    ),
  );
  expect(r.status).toBe('done');
  // Shipments name their destination (the import has no warehouse column for them).
  await env.DB.prepare(`UPDATE inbound_shipments SET warehouse = 'NJ1' WHERE tenant_id = ? AND shipment_id IN ('INB-1', 'INB-2')`)
    .bind(T)
    .run();
  await env.DB.prepare(`UPDATE inbound_shipments SET status = 'cancelled' WHERE tenant_id = ? AND shipment_id = 'INB-3'`).bind(T).run();
});

describe('a receipts file', () => {
  it('refuses rows that cannot be received, by row and column, and changes nothing', async () => {
    const before = [await shipments(), await lots()];
    const r = await importFile(
      t.admin,
      'receipts',
      csv(
        'ASN No,Item Code,Batch No,Best Before,Qty Received,Whse',
        'INB-1,KR-NDL-001,G-1,2027-06-01,70,',
        'INB-1,KR-NDL-001,G-2,2027-06-01,40,CA1', // with the row above: 110 of 100 open
        'INB-1,KR-KIM-001,G-3,2027-06-01,5,', // not on the shipment
        'INB-3,KR-KIM-001,G-4,2027-06-01,5,NJ1', // cancelled
      ),
      { name: 'grn.csv' },
    );
    expect(r.status).toBe('failed');
    const errors = r.errors as {
      row: number;
      column: string;
      message: string;
    }[];
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [2, 'Qty Received'],
      [3, 'Qty Received'],
      [4, 'Item Code'],
      [5, 'ASN No'],
    ]);
    expect(errors[0].message).toBe('Shipment INB-1 expects 100 more of KR-NDL-001; the file receives 110.');
    expect(errors[2].message).toBe('Shipment INB-1 has no line for SKU KR-KIM-001.');
    expect(errors[3].message).toMatch(/INB-3 is cancelled/);
    expect([await shipments(), await lots()]).toEqual(before);
  });

  it('posts IN movements into lots, defaults the warehouse to the shipment and the date to the tenant’s today, and closes full lines', async () => {
    const r = await importFile(
      t.admin,
      'receipts',
      csv(
        'ASN No,Item Code,Batch No,Best Before,Qty Received,Whse',
        'inb-1,kr-ndl-001,G-1,2027-06-01,60,', // keys as the ERP spells them; warehouse from the shipment
        'INB-1,KR-NDL-001,G-2,2027-07-01,40,CA1', // completes the line
        'INB-1,KR-NDL-002,G-1,2027-08-01,20,NJ1', // same lot number, other SKU: another lot; partial
        'INB-2,KR-NDL-001,G-1,2027-06-01,30,NJ1', // into the lot the first row creates
      ),
      { name: 'grn.csv' },
    );
    expect(r.status, JSON.stringify(r)).toBe('done');
    expect(await shipments()).toEqual([
      { shipment_id: 'INB-1', sku: 'KR-NDL-001', quantity: 100, quantity_received: 100, status: 'received' },
      { shipment_id: 'INB-1', sku: 'KR-NDL-002', quantity: 50, quantity_received: 20, status: 'in_transit' },
      { shipment_id: 'INB-2', sku: 'KR-NDL-001', quantity: 30, quantity_received: 30, status: 'received' },
      { shipment_id: 'INB-3', sku: 'KR-KIM-001', quantity: 20, quantity_received: 0, status: 'cancelled' },
    ]);
    const today = localToday();
    expect(await lots()).toEqual([
      {
        id: 'G-1',
        lot_id: 'G-1',
        sku: 'KR-NDL-001',
        warehouse: 'NJ1',
        quantity_on_hand: 90,
        expiration_date: '2027-06-01',
        received_date: today,
      },
      {
        id: 'G-2',
        lot_id: 'G-2',
        sku: 'KR-NDL-001',
        warehouse: 'CA1',
        quantity_on_hand: 40,
        expiration_date: '2027-07-01',
        received_date: today,
      },
      {
        id: 'G-1~NJ1~KR-NDL-002',
        lot_id: 'G-1',
        sku: 'KR-NDL-002',
        warehouse: 'NJ1',
        quantity_on_hand: 20,
        expiration_date: '2027-08-01',
        received_date: today,
      },
    ]);
    expect(await unexplained()).toEqual([]);
    const moves = await rowsOf<{ type: string; sku: string; quantity: number; reference: string }>(
      `SELECT type, sku, quantity, reference FROM movements WHERE tenant_id = ? ORDER BY reference, sku`,
      T,
    );
    expect(moves).toEqual([
      { type: 'IN', sku: 'KR-NDL-001', quantity: 100, reference: 'INB-1' },
      { type: 'IN', sku: 'KR-NDL-002', quantity: 20, reference: 'INB-1' },
      { type: 'IN', sku: 'KR-NDL-001', quantity: 30, reference: 'INB-2' },
    ]);
    // A received line never counts as inbound again.
    const open = await call('GET', '/api/inbound-shipments/INB-2', { token: t.planner });
    expect(open.body.status).toBe('received');
    // The receipt's reason names the shipment and the import, in Korean too on Korean pages.
    const ledger = await call('GET', '/api/movements?type=IN&q=INB-2', { token: t.planner });
    expect(ledger.body.items).toEqual([
      expect.objectContaining({
        reason: `Receipt of shipment INB-2 (import ${r.id})`,
        reasonKo: `입고 건 INB-2 입고 (가져오기 ${r.id})`,
      }),
    ]);
  });

  it('refuses a lot whose expiry differs from the stored lot, and a second receipt of a closed line', async () => {
    const r = await importFile(
      t.admin,
      'receipts',
      csv(
        'shipment_id,sku,lot_id,expiration_date,quantity,warehouse',
        'INB-1,KR-NDL-002,G-1,2027-09-01,5,NJ1',
        'INB-2,KR-NDL-001,G-9,2027-09-01,1,NJ1',
      ),
    );
    expect(r.status).toBe('failed');
    const errors = r.errors;
    expect(errors.map((e: { row: number; message: string }) => [e.row, e.message])).toEqual([
      [2, 'Lot G-1 of KR-NDL-002 in NJ1 expires 2027-08-01.'],
      [3, 'Shipment INB-2 expects 0 more of KR-NDL-001; the file receives 1.'],
    ]);
  });
});

describe('receipts racing for the same open units', () => {
  it('of the API: concurrent receipts of the whole open rest, exactly one lands', async () => {
    // INB-1 / KR-NDL-002 has 30 open.
    const tries = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        call('POST', '/api/inbound-shipments/INB-1/receive', {
          token: t.staff,
          body: { lines: [{ sku: 'KR-NDL-002', lotId: `RACE-${i}`, expirationDate: '2027-09-01', quantity: 30, warehouse: 'NJ1' }] },
        }),
      ),
    );
    expect(tries.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const line = (await shipments()).find((s) => s.shipment_id === 'INB-1' && s.sku === 'KR-NDL-002')!;
    expect([line.quantity_received, line.status]).toEqual([50, 'received']);
    expect(await unexplained()).toEqual([]);
  });

  it('never over-receive: the table refuses more received than shipped', async () => {
    await expect(
      env.DB.prepare(`UPDATE inbound_shipments SET quantity_received = quantity + 1 WHERE tenant_id = ? AND shipment_id = 'INB-1'`)
        .bind(T)
        .run(),
    ).rejects.toThrow(/CHECK constraint failed/);
  });

  it('a shipments file may not lower a line below what was already received', async () => {
    const r = await importFile(t.planner, 'inbound_shipments', csv('shipment_id,sku,quantity,eta_date', 'INB-1,KR-NDL-001,80,2026-12-01'));
    expect(r.status).toBe('failed');
    const errors = r.errors;
    expect(errors[0]).toMatchObject({
      row: 2,
      column: 'quantity',
      message: expect.stringMatching(/100 units of KR-NDL-001 on shipment INB-1 were already received/),
    });
  });
});

describe('reversing a receipt a file posted', () => {
  it('takes its units off the shipment line and reopens it, as reversing a receipt of the API does', async () => {
    const s = await importFile(
      t.planner,
      'inbound_shipments',
      csv('shipment_id,sku,quantity,eta_date,status', 'INB-4,KR-KIM-001,40,2026-12-05,in_transit'),
    );
    expect(s.status).toBe('done');
    await env.DB.prepare(`UPDATE inbound_shipments SET warehouse = 'NJ1' WHERE tenant_id = ? AND shipment_id = 'INB-4'`).bind(T).run();
    const r = await importFile(
      t.admin,
      'receipts',
      csv(
        'shipment_id,sku,lot_id,expiration_date,quantity,warehouse',
        'INB-4,KR-KIM-001,K-1,2027-06-01,30,',
        'INB-4,KR-KIM-001,K-2,2027-07-01,10,CA1',
      ),
    );
    expect(r.status, JSON.stringify(r)).toBe('done');
    const line = async () => (await shipments()).find((x) => x.shipment_id === 'INB-4')!;
    expect(await line()).toMatchObject({ quantity_received: 40, status: 'received' });
    const moves = await call('GET', '/api/movements?sku=KR-KIM-001&type=IN', { token: t.staff });
    const receipt = (moves.body.items as { id: string; quantity: number; reference: string }[]).find((m) => m.reference === 'INB-4')!;
    expect(receipt.quantity).toBe(40);
    const rev = await call('POST', `/api/movements/${encodeURIComponent(receipt.id)}/reverse`, {
      token: t.staff,
      body: { reason: 'received against the wrong shipment' },
    });
    expect(rev.status, JSON.stringify(rev.body)).toBe(201);
    // The units left the lots, and the line is open again at the dock (it stayed "40 received").
    expect(await line()).toMatchObject({ quantity_received: 0, status: 'arrived' });
    expect(await unexplained()).toEqual([]);
    const again = await call('POST', '/api/inbound-shipments/INB-4/receive', {
      token: t.staff,
      body: { lines: [{ sku: 'KR-KIM-001', lotId: 'K-1', expirationDate: '2027-06-01', quantity: 40, warehouse: 'NJ1' }] },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(await line()).toMatchObject({ quantity_received: 40, status: 'received' });
  });
});

describe('reversing an IN that was not a receipt', () => {
  it('leaves every shipment as it was, even when its reference names one', async () => {
    // INB-4's KR-KIM-001 holds 40 received (above). An IN posted by hand that names the shipment in
    // its reference received nothing on it; reversing it took its units off the line (40 → 35).
    const line = async () => (await shipments()).find((x) => x.shipment_id === 'INB-4')!;
    const before = await line();
    const m = await call('POST', '/api/movements', {
      token: t.staff,
      body: {
        type: 'IN',
        sku: 'KR-KIM-001',
        lotId: 'K-9',
        warehouse: 'NJ1',
        quantity: 5,
        expirationDate: '2027-06-01',
        reference: 'INB-4',
        reason: 'found on the dock',
      },
    });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    const rev = await call('POST', `/api/movements/${encodeURIComponent(m.body.id)}/reverse`, {
      token: t.staff,
      body: { reason: 'counted twice' },
    });
    expect(rev.status, JSON.stringify(rev.body)).toBe(201);
    expect(await line()).toEqual(before);
    // Only a receipt names a shipment.
    expect(m.body.shipmentId).toBeNull();
  });
});
