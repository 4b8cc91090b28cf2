import { beforeAll, describe, expect, it } from 'vitest';
import { call, fixtureLot, login, seedBasics } from '../helpers/api';

beforeAll(async () => {
  await seedBasics();
  await fixtureLot('demo', 'L-ROLE', 'RAM-001', 100, 200);
});

describe('role table', () => {
  it('lets staff post movements but not manage users or the catalog', async () => {
    const staff = await login('staff@demo.test');
    const out = await call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'RAM-001', lotId: 'L-ROLE', quantity: 1 } });
    expect(out.status).toBe(201);
    expect((await call('GET', '/api/users', { token: staff })).status).toBe(403);
    expect(
      (await call('POST', '/api/users', { token: staff, body: { email: 'x@demo.test', role: 'admin', password: 'long-enough-pass' } }))
        .status,
    ).toBe(403);
    expect((await call('POST', '/api/products', { token: staff, body: { sku: 'NEW-1', name: 'New', shelfLifeDays: 30 } })).status).toBe(
      403,
    );
  });

  it('answers 403 to every write by an auditor and lets it read', async () => {
    const auditor = await login('auditor@demo.test');
    expect((await call('GET', '/api/products', { token: auditor })).status).toBe(200);
    expect((await call('GET', '/api/movements', { token: auditor })).status).toBe(200);
    const writes: [string, string, unknown][] = [
      ['POST', '/api/products', { sku: 'AUD-1', name: 'x', shelfLifeDays: 10 }],
      ['PATCH', '/api/products/RAM-001', { name: 'hacked' }],
      ['DELETE', '/api/products/RAM-001', undefined],
      ['POST', '/api/warehouses', { code: 'X1', name: 'x' }],
      ['POST', '/api/customers', { customerId: 'X1', name: 'x' }],
      ['POST', '/api/lots', { lotId: 'AUD-L', sku: 'RAM-001', warehouse: 'NJ', quantityOnHand: 1, expirationDate: '2099-01-01' }],
      ['POST', '/api/orders', { orderId: 'O-AUD', customerId: 'C-001', orderDate: '2026-01-01', lines: [{ sku: 'RAM-001', quantity: 1 }] }],
      ['POST', '/api/inbound-shipments', { shipmentId: 'S-AUD', etaDate: '2026-12-01', lines: [{ sku: 'RAM-001', quantity: 1 }] }],
      ['POST', '/api/movements', { type: 'OUT', sku: 'RAM-001', quantity: 1 }],
      ['POST', '/api/users', { email: 'a@b.test', role: 'admin', password: 'long-enough-pass' }],
    ];
    for (const [method, path, body] of writes) {
      const r = await call(method, path, { token: auditor, body });
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body.type).toContain('forbidden');
    }
    const product = await call('GET', '/api/products/RAM-001', { token: auditor });
    expect(product.body.name).toBe('Shin Ramyun 120g');
  });

  it('lets an admin create, list and change users of its own tenant only', async () => {
    const admin = await login('admin@demo.test');
    const created = await call('POST', '/api/users', {
      token: admin,
      body: { email: 'New.Planner@demo.test', role: 'planner', password: 'correct-horse-battery' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'new.planner@demo.test', role: 'planner', active: true });
    expect(created.body.passwordHash).toBeUndefined();
    const patched = await call('PATCH', `/api/users/${created.body.id}`, { token: admin, body: { role: 'approver' } });
    expect(patched.body.role).toBe('approver');
    const list = await call('GET', '/api/users?pageSize=100', { token: admin });
    expect(list.body.items.map((u: { email: string }) => u.email)).toContain('new.planner@demo.test');
    expect(list.body.items.every((u: { email: string }) => u.email.endsWith('@demo.test'))).toBe(true);
    const acmeAdmin = await login('admin@acme.test');
    expect((await call('PATCH', `/api/users/${created.body.id}`, { token: acmeAdmin, body: { role: 'admin' } })).status).toBe(404);
    const signIn = await call('POST', '/api/auth/login', { body: { email: 'new.planner@demo.test', password: 'correct-horse-battery' } });
    expect(signIn.body.user.role).toBe('approver');
  });
});
