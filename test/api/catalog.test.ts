import { beforeAll, describe, expect, it } from 'vitest';
import { call, daysFromToday, fixtureLot, login, seedBasics } from '../helpers/api';

let planner: string;
beforeAll(async () => {
  await seedBasics();
  planner = await login('planner@demo.test');
  for (let i = 1; i <= 12; i++) {
    await call('POST', '/api/products', {
      token: planner,
      body: {
        sku: `SAU-${String(i).padStart(3, '0')}`,
        name: `Gochujang ${i * 100}g`,
        category: i % 2 ? 'sauces' : 'pastes',
        shelfLifeDays: 300 + i,
        unitCost: i,
      },
    });
  }
});

describe('catalog CRUD', () => {
  it('searches, filters, sorts and pages products', async () => {
    const r = await call('GET', '/api/products?q=gochujang&category=sauces&sort=-shelfLifeDays&page=1&pageSize=4', { token: planner });
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(6);
    expect(r.body.page).toBe(1);
    expect(r.body.pageSize).toBe(4);
    expect(r.body.items.map((p: { sku: string }) => p.sku)).toEqual(['SAU-011', 'SAU-009', 'SAU-007', 'SAU-005']);
    const page2 = await call('GET', '/api/products?q=gochujang&category=sauces&sort=-shelfLifeDays&page=2&pageSize=4', { token: planner });
    expect(page2.body.items.map((p: { sku: string }) => p.sku)).toEqual(['SAU-003', 'SAU-001']);
  });

  it('treats search wildcards literally', async () => {
    const r = await call('GET', '/api/products?q=%25', { token: planner });
    expect(r.body.total).toBe(0);
  });

  it('creates, reads, patches and deletes an unreferenced product; archives a referenced one', async () => {
    const created = await call('POST', '/api/products', {
      token: planner,
      body: { sku: 'TMP-1', name: 'Temp', shelfLifeDays: 30, caseSize: 6 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ sku: 'TMP-1', caseSize: 6, moq: 0, archived: false });
    expect((await call('POST', '/api/products', { token: planner, body: { sku: 'TMP-1', name: 'Dup', shelfLifeDays: 30 } })).status).toBe(
      409,
    );
    const patched = await call('PATCH', '/api/products/TMP-1', { token: planner, body: { unitPrice: 4.25, leadTimeDays: 21 } });
    expect(patched.body).toMatchObject({ unitPrice: 4.25, leadTimeDays: 21, name: 'Temp' });
    expect((await call('DELETE', '/api/products/TMP-1', { token: planner })).status).toBe(204);
    expect((await call('GET', '/api/products/TMP-1', { token: planner })).status).toBe(404);

    // An empty lot still refers to the product: it is archived, not deleted (stock would refuse: trust.test.ts).
    await fixtureLot('demo', 'L-SAU-1', 'SAU-001', 0, 100);
    const archived = await call('DELETE', '/api/products/SAU-001', { token: planner });
    expect(archived.status).toBe(200);
    expect(archived.body.archived).toBe(true);
    const list = await call('GET', '/api/products?q=SAU-001', { token: planner });
    expect(list.body.total).toBe(0);
    const withArchived = await call('GET', '/api/products?q=SAU-001&includeArchived=true', { token: planner });
    expect(withArchived.body.total).toBe(1);
  });

  it('lists lots expiring within N days, soonest first', async () => {
    await fixtureLot('demo', 'EXP-5', 'RAM-001', 5, 5);
    await fixtureLot('demo', 'EXP-25', 'RAM-001', 5, 25);
    await fixtureLot('demo', 'EXP-90', 'RAM-001', 5, 90);
    await fixtureLot('demo', 'EXP-GONE', 'RAM-001', 5, -1);
    const r = await call('GET', '/api/lots?sku=RAM-001&expiringWithinDays=30', { token: planner });
    expect(r.body.items.map((l: { lotId: string }) => l.lotId)).toEqual(['EXP-5', 'EXP-25']);
    expect(r.body.items[0].expirationDate).toBe(daysFromToday(5));
  });

  it('creates a lot through the ledger and refuses to archive a lot with stock', async () => {
    const r = await call('POST', '/api/lots', {
      token: await login('admin@demo.test'),
      body: { lotId: 'NEW-LOT', sku: 'RAM-001', warehouse: 'LA', quantityOnHand: 48, expirationDate: daysFromToday(200) },
    });
    expect(r.status).toBe(201);
    expect(r.body.quantityOnHand).toBe(48);
    const ledger = await call('GET', '/api/movements?lot=NEW-LOT', { token: planner });
    expect(ledger.body.items[0]).toMatchObject({ type: 'IN', quantity: 48 });
    expect((await call('PATCH', '/api/lots/NEW-LOT', { token: planner, body: { quantityOnHand: 1 } })).status).toBe(422);
    expect((await call('DELETE', '/api/lots/NEW-LOT', { token: planner })).status).toBe(409);
    const q = await call('PATCH', '/api/lots/NEW-LOT', { token: planner, body: { status: 'quarantine' } });
    expect(q.body.status).toBe('quarantine');
  });

  it('refuses a lot received after today, through the API, the ledger and an import', async () => {
    const later = daysFromToday(30);
    const lot = await call('POST', '/api/lots', {
      token: await login('admin@demo.test'),
      body: {
        lotId: 'FUTURE-LOT',
        sku: 'RAM-001',
        warehouse: 'LA',
        quantityOnHand: 12,
        receivedDate: later,
        expirationDate: daysFromToday(300),
      },
    });
    expect(lot.status).toBe(422);
    expect(lot.body.errors[0]).toMatchObject({ path: 'receivedDate', value: later });
    const movement = await call('POST', '/api/movements', {
      token: await login('staff@demo.test'),
      body: {
        type: 'IN',
        lotId: 'FUTURE-LOT',
        sku: 'RAM-001',
        warehouse: 'LA',
        quantity: 12,
        receivedDate: later,
        expirationDate: daysFromToday(300),
      },
    });
    expect(movement.status).toBe(422);
    const file = `lot_id,sku,warehouse,quantity_on_hand,received_date,expiration_date\nFUTURE-LOT,RAM-001,LA,12,${later},${daysFromToday(300)}\n`;
    const fd = new FormData();
    fd.append('file', new File([file], 'lots.csv', { type: 'text/csv' }));
    const preview = await call('POST', '/api/imports/inventory_lots/preview', { token: await login('admin@demo.test'), raw: fd });
    expect(preview.body.errors[0]).toMatchObject({ row: 2, column: 'received_date' });
    expect(
      (await call('GET', '/api/lots?sku=RAM-001', { token: planner })).body.items.map((l: { lotId: string }) => l.lotId),
    ).not.toContain('FUTURE-LOT');
  });

  it('keeps orders as documents with lines and cancels instead of deleting', async () => {
    const body = {
      orderId: 'SO-100',
      customerId: 'C-001',
      orderDate: '2026-10-02',
      lines: [
        { sku: 'RAM-001', quantity: 24 },
        { sku: 'KIM-001', quantity: 6 },
      ],
    };
    expect((await call('POST', '/api/orders', { token: planner, body })).status).toBe(201);
    const list = await call('GET', '/api/orders?customer=C-001&from=2026-10-01&to=2026-10-31', { token: planner });
    expect(list.body.items.find((o: { orderId: string }) => o.orderId === 'SO-100')).toMatchObject({ lineCount: 2, units: 30 });
    // q searches the order id, the customer and the lines' SKUs (it answered 400).
    for (const q of ['so-100', 'c-001', 'kim-001']) {
      const found = await call('GET', `/api/orders?q=${q}`, { token: planner });
      expect(found.status).toBe(200);
      expect(found.body.items.map((o: { orderId: string }) => o.orderId)).toContain('SO-100');
    }
    expect((await call('GET', '/api/orders?q=NOPE-404', { token: planner })).body.total).toBe(0);
    expect((await call('GET', '/api/inbound-shipments?q=NOPE-404', { token: planner })).status).toBe(200);
    const patched = await call('PATCH', '/api/orders/SO-100', { token: planner, body: { lines: [{ sku: 'RAM-001', quantity: 12 }] } });
    expect(patched.body.lines).toEqual([{ line: 1, sku: 'RAM-001', quantity: 12 }]);
    const cancelled = await call('DELETE', '/api/orders/SO-100', { token: planner });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await call('GET', '/api/orders/SO-100', { token: planner })).body.status).toBe('cancelled');
  });
});
