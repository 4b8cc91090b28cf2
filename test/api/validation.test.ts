import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, login, seedBasics } from '../helpers/api';

let planner: string;
const productCount = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM products WHERE tenant_id = 'demo'").first<{ n: number }>())!.n;

beforeAll(async () => {
  await seedBasics();
  planner = await login('planner@demo.test');
});

describe('bad input gets problem+json and has no effect', () => {
  it('answers malformed JSON with 400', async () => {
    const before = await productCount();
    const r = await call('POST', '/api/products', {
      token: planner,
      raw: '{"sku": "X-1", "name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(await productCount()).toBe(before);
  });

  it('answers wrong types with 422 and names the field', async () => {
    const r = await call('POST', '/api/products', { token: planner, body: { sku: 'X-2', name: 'x', shelfLifeDays: 'ten' } });
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toContain('shelfLifeDays');
  });

  it('refuses bodies carrying tenantId or __proto__', async () => {
    const before = await productCount();
    const withTenant = await call('POST', '/api/products', {
      token: planner,
      body: { sku: 'X-3', name: 'x', shelfLifeDays: 10, tenantId: 'acme' },
    });
    expect(withTenant.status).toBe(422);
    const proto = await call('POST', '/api/products', {
      token: planner,
      raw: '{"sku":"X-4","name":"x","shelfLifeDays":10,"__proto__":{"role":"admin"}}',
      headers: { 'content-type': 'application/json' },
    });
    expect([400, 422]).toContain(proto.status);
    expect(proto.body.type).toMatch(/problems/);
    const nested = await call('POST', '/api/movements', {
      token: planner,
      raw: '{"type":"OUT","sku":"RAM-001","quantity":1,"constructor":{"prototype":{"x":1}}}',
      headers: { 'content-type': 'application/json' },
    });
    expect([400, 403, 422]).toContain(nested.status);
    expect(await productCount()).toBe(before);
  });

  it('refuses negative and fractional quantities', async () => {
    const admin = await login('admin@demo.test');
    for (const quantity of [-1, 0, 1.5]) {
      const r = await call('POST', '/api/movements', { token: admin, body: { type: 'OUT', sku: 'RAM-001', quantity } });
      expect(r.status, String(quantity)).toBe(422);
    }
  });

  it('refuses unknown SKUs and customers in documents', async () => {
    const r = await call('POST', '/api/orders', {
      token: planner,
      body: { orderId: 'O-BAD', customerId: 'NOPE', orderDate: '2026-01-01', lines: [{ sku: 'GHOST', quantity: 1 }] },
    });
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['customerId', 'lines.0.sku']);
    expect((await call('GET', '/api/orders/O-BAD', { token: planner })).status).toBe(404);
  });

  it('refuses impossible dates and expiry before receipt', async () => {
    const bad = await call('POST', '/api/lots', {
      token: await login('admin@demo.test'),
      body: { lotId: 'L-BAD', sku: 'RAM-001', warehouse: 'NJ', quantityOnHand: 5, expirationDate: '2026-02-30' },
    });
    expect(bad.status).toBe(422);
    const early = await call('POST', '/api/lots', {
      token: await login('admin@demo.test'),
      body: {
        lotId: 'L-BAD',
        sku: 'RAM-001',
        warehouse: 'NJ',
        quantityOnHand: 5,
        receivedDate: '2026-05-01',
        expirationDate: '2026-04-01',
      },
    });
    expect(early.status).toBe(422);
    expect((await call('GET', '/api/lots/L-BAD', { token: planner })).status).toBe(404);
  });

  it('answers unknown routes with a 404 problem', async () => {
    const r = await call('GET', '/api/nothing-here', { token: planner });
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers oversized JSON bodies with 413', async () => {
    const r = await call('POST', '/api/products', {
      token: planner,
      raw: JSON.stringify({ sku: 'BIG', name: 'x'.repeat(1_100_000), shelfLifeDays: 1 }),
      headers: { 'content-type': 'application/json' },
    });
    expect(r.status).toBe(413);
  });
});
