import { beforeAll, describe, expect, it } from 'vitest';
import { call, fixtureLot, login, seedBasics } from '../helpers/api';

let demo: string;
let acme: string;
let demoMovementId: string;

beforeAll(async () => {
  await seedBasics();
  await fixtureLot('demo', 'L-DEMO-1', 'RAM-001', 50, 100);
  demo = await login('planner@demo.test');
  acme = await login('admin@acme.test');
  await call('POST', '/api/orders', {
    token: demo,
    body: { orderId: 'SO-1', customerId: 'C-001', orderDate: '2026-10-01', lines: [{ sku: 'RAM-001', quantity: 5 }] },
  });
  await call('POST', '/api/inbound-shipments', {
    token: demo,
    body: { shipmentId: 'PO-1', etaDate: '2026-12-01', lines: [{ sku: 'RAM-001', quantity: 100 }] },
  });
  const admin = await login('admin@demo.test');
  const m = await call('POST', '/api/movements', { token: admin, body: { type: 'OUT', sku: 'RAM-001', lotId: 'L-DEMO-1', quantity: 2 } });
  demoMovementId = m.body.id;
});

describe('tenant isolation', () => {
  it('answers 404 to another tenant for every demo object, exactly like a missing one', async () => {
    const paths = [
      '/api/products/RAM-001',
      '/api/lots/L-DEMO-1',
      '/api/customers/C-001',
      '/api/orders/SO-1',
      '/api/inbound-shipments/PO-1',
      '/api/warehouses/NJ',
      `/api/movements/${demoMovementId}`,
    ];
    for (const path of paths) {
      expect((await call('GET', path, { token: demo })).status, `demo sees ${path}`).toBe(200);
      const r = await call('GET', path, { token: acme });
      expect(r.status, path).toBe(404);
      expect(r.body.type).toContain('not-found');
    }
    expect((await call('PATCH', '/api/products/RAM-001', { token: acme, body: { name: 'taken over' } })).status).toBe(404);
    expect((await call('DELETE', '/api/products/RAM-001', { token: acme })).status).toBe(404);
    expect((await call('POST', `/api/movements/${demoMovementId}/reverse`, { token: acme, body: { reason: 'not ours' } })).status).toBe(
      404,
    );
    expect((await call('POST', '/api/movements', { token: acme, body: { type: 'OUT', sku: 'RAM-001', quantity: 1 } })).status).toBe(422);
    expect((await call('GET', '/api/products/RAM-001', { token: demo })).body.name).toBe('Shin Ramyun 120g');
  });

  it('never lists demo rows to acme', async () => {
    for (const path of [
      '/api/products',
      '/api/lots',
      '/api/customers',
      '/api/orders',
      '/api/inbound-shipments',
      '/api/warehouses',
      '/api/movements',
      '/api/users',
    ]) {
      const r = await call('GET', `${path}?pageSize=500`, { token: acme });
      expect(r.status, path).toBe(200);
      const text = JSON.stringify(r.body.items);
      expect(text, path).not.toMatch(/RAM-001|L-DEMO-1|C-001|SO-1|PO-1|"NJ"|demo\.test/);
    }
    const acmeProducts = await call('GET', '/api/products', { token: acme });
    expect(acmeProducts.body.items.map((p: { sku: string }) => p.sku)).toEqual(['ACM-001']);
  });

  it('ignores a tenant named by the client', async () => {
    const r = await call('POST', '/api/products', { token: acme, body: { sku: 'ACM-9', name: 'x', shelfLifeDays: 10, tenantId: 'demo' } });
    expect(r.status).toBe(422);
    const spoof = await call('GET', '/api/products', { token: acme, headers: { 'x-tenant-id': 'demo' } });
    expect(spoof.body.items.map((p: { sku: string }) => p.sku)).toEqual(['ACM-001']);
  });
});
