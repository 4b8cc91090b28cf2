// Keys as ERPs have them (issue #9, real-world cases 01, 09, 10, 11): lots keyed by (SKU, lot,
// warehouse); a MOVE keeps lot identity; repeated SKUs on one order; keys that ignore letter case.
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/api';
import { csv, freshTenant, importFile, preview, rowsOf } from '../fixtures/imports/helpers';
import case01Products from '../fixtures/real-world/01-quarantine-move/products.csv?raw';
import case01Lots from '../fixtures/real-world/01-quarantine-move/lots.csv?raw';
import case09Lots from '../fixtures/real-world/09-erp-lot-keys/lots.csv?raw';
import case09TwoWarehouses from '../fixtures/real-world/09-erp-lot-keys/lots-two-warehouses.csv?raw';
import case10Orders from '../fixtures/real-world/10-repeated-order-lines/orders.csv?raw';
import case11Products from '../fixtures/real-world/11-sku-case/products.csv?raw';
import case11Lower from '../fixtures/real-world/11-sku-case/products-lower.csv?raw';

let t: Awaited<ReturnType<typeof freshTenant>>;
const T = 'reckeys';
const lotsOf = (sku: string) =>
  rowsOf<{ id: string; lot_id: string; warehouse: string; quantity_on_hand: number; status: string; expiration_date: string }>(
    'SELECT id, lot_id, warehouse, quantity_on_hand, status, expiration_date, received_date, unit_cost FROM lots WHERE tenant_id = ? AND sku = ? ORDER BY warehouse, lot_id',
    T,
    sku,
  );
const move = (body: object) => call('POST', '/api/movements', { token: t.staff, body: { type: 'MOVE', ...body } });

beforeAll(async () => {
  t = await freshTenant(T);
  const products = csv(
    'sku,name,shelf_life_days',
    'QA-LT-INT,Lot probe int,365',
    'QA-LT-FRAC,Lot probe frac,365',
    'QA-FEFO-1,FEFO probe,365',
    'SKU-A,Move probe A,365',
    'SKU-B,Move probe B,365',
  );
  expect((await importFile(t.planner, 'products', products)).status).toBe('done');
  expect((await importFile(t.planner, 'customers', csv('customer_id,name', 'CUST-0017,Probe customer'))).status).toBe('done');
});

describe('lots keyed by (SKU, lot number, warehouse) — case 09', () => {
  it('loads one lot number on two SKUs as two lots', async () => {
    const r = await importFile(t.admin, 'inventory_lots', case09Lots);
    expect(r.status, JSON.stringify(r.errors)).toBe('done');
    expect(await lotsOf('QA-LT-INT')).toMatchObject([{ lot_id: 'L2401', warehouse: 'NJ1', quantity_on_hand: 30 }]);
    expect(await lotsOf('QA-LT-FRAC')).toMatchObject([{ lot_id: 'L2401', warehouse: 'NJ1', quantity_on_hand: 40 }]);
    // Each is addressable: the first keeps its number as id, the second gets a composite one.
    const ids = [...(await lotsOf('QA-LT-INT')), ...(await lotsOf('QA-LT-FRAC'))].map((l) => l.id).sort();
    expect(ids).toEqual(['L2401', 'L2401~NJ1~QA-LT-FRAC']);
    expect((await call('GET', '/api/lots/L2401~NJ1~QA-LT-FRAC', { token: t.staff })).body).toMatchObject({
      sku: 'QA-LT-FRAC',
      quantityOnHand: 40,
    });
    // The ledger names each lot unambiguously: movement SKU + lot number + warehouse.
    const lines = await rowsOf<{ sku: string; lot_id: string; delta: number }>(
      `SELECT m.sku, l.lot_id, l.delta FROM movements m JOIN movement_lines l ON l.movement_id = m.id
       WHERE m.tenant_id = ? AND l.lot_id = 'L2401' ORDER BY m.sku`,
      T,
    );
    expect(lines).toEqual([
      { sku: 'QA-LT-FRAC', lot_id: 'L2401', delta: 40 },
      { sku: 'QA-LT-INT', lot_id: 'L2401', delta: 30 },
    ]);
  });

  it('loads one lot number in two warehouses as two lots, and re-importing changes nothing', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await importFile(t.admin, 'inventory_lots', case09TwoWarehouses, { name: `two-${i}.csv`, fields: { mode: 'upsert' } });
      expect(r.status, JSON.stringify(r.errors)).toBe('done');
    }
    expect((await lotsOf('QA-LT-INT')).filter((l) => l.lot_id === 'L2402')).toMatchObject([
      { warehouse: 'CA1', quantity_on_hand: 12 },
      { warehouse: 'NJ1', quantity_on_hand: 30 },
    ]);
    const [{ n }] = await rowsOf<{ n: number }>(
      `SELECT sum(l.delta) AS n FROM movement_lines l WHERE l.tenant_id = ? AND l.lot_id = 'L2402'`,
      T,
    );
    expect(n).toBe(42);
  });

  it('still refuses the same lot twice in one file, whatever the letter case', async () => {
    const r = await importFile(
      t.admin,
      'inventory_lots',
      csv('lot_id,sku,warehouse,quantity_on_hand,expiration_date', 'L9,QA-LT-INT,NJ1,1,2027-05-01', 'l9,qa-lt-int,nj1,2,2027-05-01'),
    );
    expect(r.status).toBe('failed');
    expect(r.errors[0]).toMatchObject({ row: 3 });
  });
});

describe('a MOVE keeps lot identity — issue #8, case 01', () => {
  it('moves quarantine units as quarantine with the same expiry, receipt and cost; an OUT never ships them first', async () => {
    expect((await importFile(t.planner, 'products', case01Products)).status).toBe('done');
    expect((await importFile(t.admin, 'inventory_lots', case01Lots)).status).toBe('done');
    const m = await move({ sku: 'QA-QUAR-1', lotId: 'QA-Q-HOLD', toWarehouse: 'CA1', quantity: 4 });
    expect(m.status, JSON.stringify(m.body)).toBe(201);
    expect(m.body.lines).toEqual([
      { lotId: 'QA-Q-HOLD', warehouse: 'NJ1', delta: -4 },
      { lotId: 'QA-Q-HOLD', warehouse: 'CA1', delta: 4 },
    ]);
    expect(await lotsOf('QA-QUAR-1')).toEqual([
      expect.objectContaining({ lot_id: 'QA-Q-GOOD', warehouse: 'CA1', quantity_on_hand: 10, status: 'available' }),
      {
        id: 'QA-Q-HOLD~CA1~QA-QUAR-1',
        lot_id: 'QA-Q-HOLD',
        warehouse: 'CA1',
        quantity_on_hand: 4,
        status: 'quarantine',
        expiration_date: '2027-01-15',
        received_date: '2026-11-01',
        unit_cost: 1,
      },
      expect.objectContaining({ lot_id: 'QA-Q-HOLD', warehouse: 'NJ1', quantity_on_hand: 6, status: 'quarantine' }),
    ]);
    const out = await call('POST', '/api/movements', {
      token: t.staff,
      body: { type: 'OUT', sku: 'QA-QUAR-1', warehouse: 'CA1', quantity: 4 },
    });
    expect(out.status).toBe(201);
    expect(out.body.lines).toEqual([{ lotId: 'QA-Q-GOOD', warehouse: 'CA1', delta: -4 }]);
    const more = await call('POST', '/api/movements', {
      token: t.staff,
      body: { type: 'OUT', sku: 'QA-QUAR-1', warehouse: 'CA1', quantity: 7 },
    });
    expect(more.status).toBe(409);
  });

  it('never lands stock in another SKU lot named like the old "<lot>@<warehouse>"', async () => {
    const lots = csv(
      'lot_id,sku,warehouse,quantity_on_hand,expiration_date,received_date',
      'MV-1,SKU-A,NJ1,10,2027-06-01,2026-11-01',
      'MV-1@CA1,SKU-B,CA1,5,2027-06-01,2026-11-01',
    );
    expect((await importFile(t.admin, 'inventory_lots', lots)).status).toBe('done');
    const m = await move({ sku: 'SKU-A', lotId: 'MV-1', toWarehouse: 'CA1', quantity: 4 });
    expect(m.status).toBe(201);
    expect((await lotsOf('SKU-A')).map((l) => [l.lot_id, l.warehouse, l.quantity_on_hand])).toEqual([
      ['MV-1', 'CA1', 4],
      ['MV-1', 'NJ1', 6],
    ]);
    expect((await lotsOf('SKU-B')).map((l) => [l.lot_id, l.warehouse, l.quantity_on_hand])).toEqual([['MV-1@CA1', 'CA1', 5]]);
    // A second MOVE merges into the lot it created: same identity.
    expect((await move({ sku: 'SKU-A', lotId: 'MV-1', warehouse: 'NJ1', toWarehouse: 'CA1', quantity: 1 })).status).toBe(201);
    expect((await lotsOf('SKU-A')).map((l) => l.quantity_on_hand)).toEqual([5, 5]);
  });

  it('refuses with 409 and the differences to merge into a destination lot whose attributes differ', async () => {
    const lots = csv(
      'lot_id,sku,warehouse,quantity_on_hand,expiration_date,received_date',
      'MX-1,SKU-A,NJ1,10,2027-06-01,2026-11-01',
      'MX-1,SKU-A,CA1,3,2027-07-01,2026-11-01',
    );
    expect((await importFile(t.admin, 'inventory_lots', lots)).status).toBe('done');
    const m = await move({ sku: 'SKU-A', lotId: 'MX-1', warehouse: 'NJ1', toWarehouse: 'CA1', quantity: 2 });
    expect(m.status).toBe(409);
    expect(m.body.detail).toContain('expirationDate');
    expect(m.body.differences).toEqual([{ field: 'expirationDate', source: '2027-06-01', destination: '2027-07-01' }]);
    expect((await lotsOf('SKU-A')).filter((l) => l.lot_id === 'MX-1').map((l) => l.quantity_on_hand)).toEqual([3, 10]);
  });
});

describe('the same SKU on several lines of one order — case 10', () => {
  it('keeps each line as demand: 6 + 2 units on two lines', async () => {
    const r = await importFile(t.planner, 'orders', case10Orders);
    expect(r.status, JSON.stringify(r.errors)).toBe('done');
    const lines = await rowsOf<{ order_id: string; line: number; sku: string; quantity: number }>(
      'SELECT order_id, line, sku, quantity FROM order_lines WHERE tenant_id = ? ORDER BY order_id, line',
      T,
    );
    expect(lines).toEqual([
      { order_id: 'QA-SO-9001', line: 1, sku: 'QA-FEFO-1', quantity: 6 },
      { order_id: 'QA-SO-9001', line: 2, sku: 'QA-FEFO-1', quantity: 2 },
      { order_id: 'QA-SO-9002', line: 1, sku: 'QA-FEFO-1', quantity: 3 },
    ]);
    // Importing the same export again updates the same lines instead of adding demand.
    expect((await importFile(t.planner, 'orders', case10Orders, { name: 'again.csv', fields: { policy: 'skip-invalid' } })).status).toBe(
      'done',
    );
    const [{ units }] = await rowsOf<{ units: number }>(
      `SELECT sum(quantity) AS units FROM order_lines WHERE tenant_id = ? AND order_id = 'QA-SO-9001'`,
      T,
    );
    expect(units).toBe(8);
    const doc = await call('GET', '/api/orders/QA-SO-9001', { token: t.planner });
    expect(doc.body.lines).toEqual([
      { line: 1, sku: 'QA-FEFO-1', quantity: 6 },
      { line: 2, sku: 'QA-FEFO-1', quantity: 2 },
    ]);
  });

  it('accepts an order posted with the same SKU on two lines', async () => {
    const r = await call('POST', '/api/orders', {
      token: t.planner,
      body: {
        orderId: 'SO-REP',
        customerId: 'cust-0017',
        orderDate: '2026-11-27',
        lines: [
          { sku: 'QA-FEFO-1', quantity: 6 },
          { sku: 'qa-fefo-1', quantity: 2 },
        ],
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ customerId: 'CUST-0017' });
    expect(r.body.lines).toEqual([
      { line: 1, sku: 'QA-FEFO-1', quantity: 6 },
      { line: 2, sku: 'QA-FEFO-1', quantity: 2 },
    ]);
  });
});

describe('keys ignore letter case and surrounding spaces — case 11, issue #8', () => {
  it('flags a case variant of an existing SKU in the preview and updates that product on import', async () => {
    expect((await importFile(t.planner, 'products', case11Products)).status).toBe('done');
    const p = await preview(t.planner, 'products', case11Lower);
    expect(p.status).toBe(200);
    expect(p.body.nearDuplicates).toEqual([expect.objectContaining({ row: 2, value: 'qa-case-1', matches: 'QA-CASE-1' })]);
    expect((await importFile(t.planner, 'products', case11Lower)).status).toBe('done');
    const rows = await rowsOf<{ sku: string; name: string }>(
      `SELECT sku, name FROM products WHERE tenant_id = ? AND sku LIKE 'qa-case-%'`,
      T,
    );
    expect(rows).toEqual([{ sku: 'QA-CASE-1', name: 'QA case probe (lower-case re-export)' }]);
  });

  it('flags two rows of one file that differ only by case', async () => {
    const p = await preview(t.planner, 'customers', csv('customer_id,name', 'CU-9,One', 'cu-9,Two'));
    expect(p.body.nearDuplicates).toEqual([expect.objectContaining({ row: 3, value: 'cu-9', matches: 'CU-9' })]);
  });

  it('flags a near-duplicate far below the rows the preview shows', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `CU-R${i},Customer ${i}`);
    const p = await preview(t.planner, 'customers', csv('customer_id,name', ...rows, ' cu-r7 ,Again'));
    expect(p.status).toBe(200);
    expect(p.body.rows).toHaveLength(20);
    expect(p.body.keyRows).toBeUndefined();
    expect(p.body.nearDuplicates).toEqual([expect.objectContaining({ row: 302, value: 'cu-r7', matches: 'CU-R7' })]);
  });

  it('treats "KR-NDL-001 " and "kr-ndl-001" as KR-NDL-001 in the API, and refuses control characters', async () => {
    const base = { name: 'dup', shelfLifeDays: 100 };
    expect((await call('POST', '/api/products', { token: t.planner, body: { sku: 'KR-NDL-001 ', ...base } })).status).toBe(409);
    expect((await call('POST', '/api/products', { token: t.planner, body: { sku: 'kr-ndl-001', ...base } })).status).toBe(409);
    const got = await call('GET', '/api/products/kr-ndl-001', { token: t.planner });
    expect(got.status).toBe(200);
    expect(got.body.sku).toBe('KR-NDL-001');
    expect((await call('POST', '/api/products', { token: t.planner, body: { sku: 'BAD\u0007KEY', ...base } })).status).toBe(422);
    expect((await call('POST', '/api/warehouses', { token: t.planner, body: { code: ' nj1', name: 'again' } })).status).toBe(409);
    const [{ n }] = await rowsOf<{ n: number }>(`SELECT count(*) AS n FROM products WHERE tenant_id = ? AND sku = 'KR-NDL-001'`, T);
    expect(n).toBe(1);
  });

  it('stores references in their first-seen spelling (an IN for "qa-lt-int" in "nj1")', async () => {
    const r = await call('POST', '/api/movements', {
      token: t.staff,
      body: { type: 'IN', sku: 'qa-lt-int', lotId: 'L7', warehouse: 'nj1', quantity: 3, expirationDate: '2027-09-01' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ sku: 'QA-LT-INT', lines: [{ lotId: 'L7', warehouse: 'NJ1', delta: 3 }] });
  });
});
