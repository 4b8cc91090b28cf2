// What an import does to stored data: lots through the ledger (IN / ADJUST, invariant 1),
// replace mode per entity, and the skip-invalid policy.
import { beforeAll, describe, expect, it } from 'vitest';
import { csv, freshTenant, importFile, rowsOf } from '../fixtures/imports/helpers';

let t: Awaited<ReturnType<typeof freshTenant>>;
beforeAll(async () => {
  t = await freshTenant('mode');
});

const LOTS = 'lot_id,sku,warehouse,quantity_on_hand,received_date,expiration_date';
const ORDERS = 'order_id,customer_id,order_date,sku,quantity';
const lotQty = async () =>
  Object.fromEntries(
    (
      await rowsOf<{ lot_id: string; q: number }>("SELECT lot_id, quantity_on_hand AS q FROM lots WHERE tenant_id = 'mode' ORDER BY lot_id")
    ).map((r) => [r.lot_id, r.q]),
  );
const movementsOf = (importId: string) =>
  rowsOf<{ type: string; sku: string; quantity: number; reason: string; lot_id: string; delta: number }>(
    `SELECT m.type, m.sku, m.quantity, m.reason, l.lot_id, l.delta FROM movements m JOIN movement_lines l ON l.movement_id = m.id
     WHERE m.tenant_id = 'mode' AND m.reference = ? ORDER BY m.type, l.lot_id`,
    importId,
  );
/** Invariant 1: every lot's quantity is the sum of its ledger lines. */
const ledgerMismatches = () =>
  rowsOf(
    `SELECT lot_id FROM lots l WHERE tenant_id = 'mode' AND quantity_on_hand <>
       (SELECT coalesce(sum(delta), 0) FROM movement_lines m WHERE m.tenant_id = 'mode' AND m.lot_id = l.lot_id)`,
  );

describe('lots through the ledger', () => {
  it('receives new lots with IN lines, in one movement per SKU, reason "import <id>"', async () => {
    const r = await importFile(
      t.admin,
      'inventory_lots',
      csv(
        LOTS,
        'L-A,KR-NDL-001,NJ1,10,2026-01-01,2027-01-01',
        'L-B,KR-NDL-001,NJ1,20,2026-01-01,2027-01-01',
        'L-C,KR-KIM-001,CA1,5,2026-01-01,2026-09-01',
        'L-Z,KR-KIM-001,CA1,0,2026-01-01,2026-09-01',
      ),
    );
    expect(r.status).toBe('done');
    expect(await lotQty()).toEqual({ 'L-A': 10, 'L-B': 20, 'L-C': 5, 'L-Z': 0 });
    expect(await movementsOf(r.id)).toEqual([
      { type: 'IN', sku: 'KR-NDL-001', quantity: 30, reason: `import ${r.id}`, lot_id: 'L-A', delta: 10 },
      { type: 'IN', sku: 'KR-NDL-001', quantity: 30, reason: `import ${r.id}`, lot_id: 'L-B', delta: 20 },
      { type: 'IN', sku: 'KR-KIM-001', quantity: 5, reason: `import ${r.id}`, lot_id: 'L-C', delta: 5 },
    ]);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it('adjusts changed quantities, leaves unchanged lots out of the ledger, and updates lot details', async () => {
    const r = await importFile(
      t.admin,
      'inventory_lots',
      csv(
        `${LOTS},status`,
        'L-A,KR-NDL-001,NJ1,15,2026-01-01,2027-02-01,quarantine',
        'L-B,KR-NDL-001,NJ1,20,2026-01-01,2027-01-01,available',
        'L-C,KR-KIM-001,CA1,2,2026-01-01,2026-09-01,available',
      ),
    );
    expect(r.status).toBe('done');
    expect(await lotQty()).toEqual({ 'L-A': 15, 'L-B': 20, 'L-C': 2, 'L-Z': 0 });
    expect(await movementsOf(r.id)).toEqual([
      { type: 'ADJUST', sku: 'KR-NDL-001', quantity: 5, reason: `import ${r.id}`, lot_id: 'L-A', delta: 5 },
      { type: 'ADJUST', sku: 'KR-KIM-001', quantity: 3, reason: `import ${r.id}`, lot_id: 'L-C', delta: -3 },
    ]);
    expect(await rowsOf("SELECT status, expiration_date FROM lots WHERE tenant_id = 'mode' AND lot_id = 'L-A'")).toEqual([
      { status: 'quarantine', expiration_date: '2027-02-01' },
    ]);
    expect(await ledgerMismatches()).toEqual([]);
  });

  it('replace zeroes, by ADJUST, the stocked lots of the file’s warehouses that the file leaves out', async () => {
    const r = await importFile(t.admin, 'inventory_lots', csv(LOTS, 'L-A,KR-NDL-001,NJ1,15,2026-01-01,2027-02-01'), {
      fields: { mode: 'replace' },
    });
    expect(r.status).toBe('done');
    // L-B (NJ1) is counted out; L-C sits in CA1, a warehouse this file does not cover.
    expect(await lotQty()).toEqual({ 'L-A': 15, 'L-B': 0, 'L-C': 2, 'L-Z': 0 });
    expect(await movementsOf(r.id)).toEqual([
      { type: 'ADJUST', sku: 'KR-NDL-001', quantity: 20, reason: `import ${r.id}`, lot_id: 'L-B', delta: -20 },
    ]);
    expect(await ledgerMismatches()).toEqual([]);
  });
});

describe('replace mode', () => {
  it('products and customers missing from the file are archived; those in it are (un)archived as needed', async () => {
    await importFile(
      t.planner,
      'products',
      csv('sku,name,shelf_life_days', 'KR-NDL-001,A,180', 'KR-NDL-002,B,180', 'KR-KIM-001,C,90', 'KR-OLD-001,Old,30'),
    );
    const r = await importFile(
      t.planner,
      'products',
      csv('sku,name,shelf_life_days', 'KR-NDL-001,A2,180', 'KR-NDL-002,B,180', 'KR-KIM-001,C,90'),
      { fields: { mode: 'replace' } },
    );
    expect(r.status).toBe('done');
    expect(await rowsOf("SELECT sku, name, archived FROM products WHERE tenant_id = 'mode' ORDER BY sku")).toEqual([
      { sku: 'KR-KIM-001', name: 'C', archived: 0 },
      { sku: 'KR-NDL-001', name: 'A2', archived: 0 },
      { sku: 'KR-NDL-002', name: 'B', archived: 0 },
      { sku: 'KR-OLD-001', name: 'Old', archived: 1 },
    ]);
    await importFile(t.planner, 'customers', csv('customer_id,name', 'CUST-0001,One'), { fields: { mode: 'replace' } });
    expect(await rowsOf("SELECT customer_id, archived FROM customers WHERE tenant_id = 'mode' ORDER BY customer_id")).toEqual([
      { customer_id: 'CUST-0001', archived: 0 },
      { customer_id: 'CUST-0002', archived: 1 },
    ]);
  });

  it('orders: the file replaces the dates it covers and every order it names', async () => {
    await importFile(
      t.planner,
      'orders',
      csv(
        ORDERS,
        'SO-1,CUST-0001,2026-03-01,KR-NDL-001,1',
        'SO-2,CUST-0001,2026-03-10,KR-NDL-001,2',
        'SO-2,CUST-0001,2026-03-10,KR-NDL-002,2',
        'SO-3,CUST-0001,2026-03-15,KR-NDL-001,3',
        'SO-4,CUST-0001,2026-03-30,KR-NDL-001,4',
      ),
    );
    // Covers 03-10 … 03-20 and re-dates SO-4: SO-3 is gone, SO-2 has one line left, SO-1 stays.
    const r = await importFile(
      t.planner,
      'orders',
      csv(ORDERS, 'SO-2,CUST-0001,2026-03-10,KR-NDL-001,5', 'SO-4,CUST-0001,2026-03-20,KR-NDL-002,6'),
      { fields: { mode: 'replace' } },
    );
    expect(r.status).toBe('done');
    expect(
      await rowsOf("SELECT order_id, order_date, sku, quantity FROM order_lines WHERE tenant_id = 'mode' ORDER BY order_id, sku"),
    ).toEqual([
      { order_id: 'SO-1', order_date: '2026-03-01', sku: 'KR-NDL-001', quantity: 1 },
      { order_id: 'SO-2', order_date: '2026-03-10', sku: 'KR-NDL-001', quantity: 5 },
      { order_id: 'SO-4', order_date: '2026-03-20', sku: 'KR-NDL-002', quantity: 6 },
    ]);
  });

  it('inbound shipments: open shipments missing from the file are cancelled, arrived ones stay', async () => {
    const H = 'shipment_id,sku,quantity,eta_date,origin,status';
    await importFile(
      t.planner,
      'inbound_shipments',
      csv(
        H,
        'INB-1,KR-NDL-001,100,2026-06-01,Busan,in_transit',
        'INB-2,KR-NDL-002,50,2026-06-05,Busan,planned',
        'INB-3,KR-KIM-001,10,2026-01-05,Busan,arrived',
      ),
    );
    await importFile(t.planner, 'inbound_shipments', csv(H, 'INB-1,KR-NDL-001,120,2026-06-03,Busan,delayed'), {
      fields: { mode: 'replace' },
    });
    expect(
      await rowsOf("SELECT shipment_id, quantity, status FROM inbound_shipments WHERE tenant_id = 'mode' ORDER BY shipment_id"),
    ).toEqual([
      { shipment_id: 'INB-1', quantity: 120, status: 'delayed' },
      { shipment_id: 'INB-2', quantity: 50, status: 'cancelled' },
      { shipment_id: 'INB-3', quantity: 10, status: 'arrived' },
    ]);
  });
});

describe('upsert details', () => {
  it('keeps stored values for columns absent from the file; a blank cell stores the default', async () => {
    await importFile(
      t.planner,
      'products',
      csv('sku,name,shelf_life_days,supplier,moq,safety_stock', 'KR-KEEP-1,Keep,100,Han River,48,12'),
    );
    await importFile(t.planner, 'products', csv('sku,name,shelf_life_days,safety_stock', 'KR-KEEP-1,Keep 2,100,'));
    expect(await rowsOf("SELECT name, supplier, moq, safety_stock FROM products WHERE tenant_id = 'mode' AND sku = 'KR-KEEP-1'")).toEqual([
      { name: 'Keep 2', supplier: 'Han River', moq: 48, safety_stock: null },
    ]);
  });
});

describe('skip-invalid policy', () => {
  it('loads the valid rows and reports every invalid one; a repeated SKU on an order is another line', async () => {
    const r = await importFile(
      t.planner,
      'orders',
      csv(
        ORDERS,
        'SO-S1,CUST-0001,2026-04-01,KR-NDL-001,1',
        'SO-S1,CUST-0001,2026-04-01,NOPE,1',
        'SO-S2,CUST-0001,2026-04-31,KR-NDL-001,1',
        'SO-S3,CUST-0002,2026-04-02,KR-NDL-002,2',
        'SO-S1,CUST-0001,2026-04-01,KR-NDL-001,9',
      ),
      { fields: { policy: 'skip-invalid' } },
    );
    expect(r).toMatchObject({ status: 'done', rowsOk: 3, rowsFailed: 2, policy: 'skip-invalid' });
    expect(r.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, 'sku'],
      [4, 'order_date'],
    ]);
    expect(
      await rowsOf(
        "SELECT order_id, line, sku, quantity FROM order_lines WHERE tenant_id = 'mode' AND order_id LIKE 'SO-S%' ORDER BY order_id, line",
      ),
    ).toEqual([
      { order_id: 'SO-S1', line: 1, sku: 'KR-NDL-001', quantity: 1 },
      { order_id: 'SO-S1', line: 2, sku: 'KR-NDL-001', quantity: 9 },
      { order_id: 'SO-S3', line: 1, sku: 'KR-NDL-002', quantity: 2 },
    ]);
  });

  it('fails when no row at all is valid', async () => {
    const r = await importFile(t.planner, 'orders', csv(ORDERS, 'SO-X,CUST-0001,2026-04-01,NOPE,1'), {
      fields: { policy: 'skip-invalid' },
    });
    expect(r).toMatchObject({ status: 'failed', message: 'No valid rows to import.' });
  });
});
