import { beforeAll, describe, expect, it } from 'vitest';
import { env } from 'cloudflare:workers';
import { VIEW_CACHE_NAME, viewCacheKey } from '../../worker/api/view-cache';
import { clearIsolateCaches } from '../../worker/lib/isolate-cache';
import { refreshTenant } from '../../worker/planning/refresh/job';
import { call, fixtureLot, login, seedBasics } from '../helpers/api';

beforeAll(async () => {
  await seedBasics();
  await fixtureLot('demo', 'DB-1', 'RAM-001', 40, 200); // 80.00, later
  await fixtureLot('demo', 'DB-2', 'KIM-001', 10, 20); // 20.00, within 30 days
  await fixtureLot('demo', 'DB-3', 'RAM-001', 5, -2); // 10.00, expired
  await fixtureLot('demo', 'DB-4', 'KIM-001', 7, 75, { warehouse: 'LA' }); // 14.00, within 90 days
});

describe('GET /api/dashboard', () => {
  it('sums stock at lot cost by expiry bucket and warehouse, for every role', async () => {
    for (const role of ['staff', 'auditor', 'approver', 'planner', 'admin'])
      expect((await call('GET', '/api/dashboard', { token: await login(`${role}@demo.test`) })).status).toBe(200);
    const r = await call('GET', '/api/dashboard', { token: await login('staff@demo.test') });
    const today = new Date().toISOString().slice(0, 10);
    expect(r.body.snapshot.asOf).toBe(today);
    expect(r.body.currency).toBe('USD');
    expect(r.body.kpis.inventoryValue).toBe(124);
    // Already expired stock counts in every window (the card says so), as in /api/expiring.
    expect(r.body.kpis.expiring).toEqual({ d30: 30, d60: 30, d90: 44 });
    for (const days of [30, 60, 90]) {
      const list = await call('GET', `/api/expiring?days=${days}&pageSize=500`, { token: await login('staff@demo.test') });
      const value = list.body.items.reduce(
        (t: number, l: { quantityOnHand: number; unitCost: number }) => t + l.quantityOnHand * l.unitCost,
        0,
      );
      expect(r.body.kpis.expiring[`d${days}`], `${days} days`).toBeCloseTo(value, 2);
    }
    // Stock-outs count SKUs, the rows of /api/stockouts?days=30, not SKU–warehouse pairs.
    const stockouts = await call('GET', '/api/stockouts?days=30&pageSize=500', { token: await login('staff@demo.test') });
    expect(r.body.kpis.projectedStockouts).toBe(stockouts.body.total);
    const bucket = Object.fromEntries(r.body.expiringByBucket.map((b: { bucket: string }) => [b.bucket, b]));
    expect(bucket.expired).toEqual({ bucket: 'expired', value: 10, units: 5, lots: 1 });
    expect(bucket['within-30']).toEqual({ bucket: 'within-30', value: 20, units: 10, lots: 1 });
    expect(bucket['within-90']).toEqual({ bucket: 'within-90', value: 14, units: 7, lots: 1 });
    expect(bucket.later).toEqual({ bucket: 'later', value: 80, units: 40, lots: 1 });
    // The expired lot is a certain loss; capital at risk includes it and recoverable waste excludes it.
    expect(r.body.kpis.certainLoss).toBeGreaterThanOrEqual(10);
    expect(r.body.kpis.recoverableWaste).toBeCloseTo(r.body.kpis.capitalAtRisk - r.body.kpis.certainLoss, 2);
    const nj = r.body.capitalAtRiskByWarehouse.find((w: { warehouse: string }) => w.warehouse === 'NJ');
    expect(nj.expiringValue).toBe(30);
    const s = r.body.statusCounts;
    expect(s.critical + s.warning + s.healthy).toBe(2);
    expect(r.body.topWaste.every((w: { capitalAtRisk: number }) => w.capitalAtRisk > 0)).toBe(true);
    expect(r.body.topWaste.length).toBeLessThanOrEqual(8);
    expect(r.body.topActions.length).toBeLessThanOrEqual(5);
    expect(Number(r.headers.get('x-snapshot-version'))).toBe(Number(r.body.snapshot.version));
    expect(r.headers.get('cache-control')).toMatch(/^private, max-age=\d+, stale-while-revalidate=\d+$/);
  });

  it('answers 304 on revalidation and a new ETag after a change', async () => {
    const planner = await login('planner@demo.test');
    const first = await call('GET', '/api/dashboard', { token: planner });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await call('GET', '/api/dashboard', { token: planner, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect(again.headers.get('etag')).toBe(etag);

    await fixtureLot('demo', 'DB-5', 'RAM-001', 100, 300);
    expect((await call('POST', '/api/plan/refresh', { token: planner })).status).toBe(200);
    const changed = await call('GET', '/api/dashboard', { token: planner, headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.body.kpis.inventoryValue).toBe(first.body.kpis.inventoryValue + 200);
  });

  it("never answers with another tenant's dashboard", async () => {
    const demo = await call('GET', '/api/dashboard', { token: await login('planner@demo.test') });
    const acme = await call('GET', '/api/dashboard', {
      token: await login('planner@acme.test'),
      headers: { 'if-none-match': demo.headers.get('etag')! },
    });
    expect(acme.status).toBe(200);
    expect(acme.body.kpis.inventoryValue).toBe(0);
    expect(JSON.stringify(acme.body)).not.toContain('RAM-001');
  });

  it("serves a cached dashboard only to its own tenant and role, never another's", async () => {
    // Both tenants on the same snapshot version: only the tenant and role in the key keep them apart.
    const v = Date.now() + 50_000;
    await refreshTenant(env, 'demo', v);
    await refreshTenant(env, 'acme', v);
    const planner = await login('planner@demo.test');
    const first = await call('GET', '/api/dashboard', { token: planner });
    expect(first.body.snapshot.version).toBe(String(v));
    const cache = await caches.open(VIEW_CACHE_NAME);
    const key = viewCacheKey({ tenantId: 'demo', role: 'planner', version: v, view: 'dashboard' });
    const stored = await cache.match(key);
    expect(stored).toBeDefined();
    const body = (await stored!.json()) as { currency: string };
    // A marked entry under demo planners' key: it is what answers a demo planner, and nobody else.
    await cache.put(key, new Response(JSON.stringify({ ...body, currency: 'XTS' }), { headers: { 'cache-control': 'max-age=60' } }));
    // The isolate keeps the body it built in front of the Cache API (same key parts): let the next read come from the Cache API.
    clearIsolateCaches();
    expect((await call('GET', '/api/dashboard', { token: planner })).body.currency).toBe('XTS');
    const staff = await call('GET', '/api/dashboard', { token: await login('staff@demo.test') });
    expect(staff.body.currency).toBe('USD');
    const acme = await call('GET', '/api/dashboard', { token: await login('planner@acme.test') });
    expect(acme.body.snapshot.version).toBe(String(v));
    expect(acme.body.currency).not.toBe('XTS');
    expect(acme.body.kpis.inventoryValue).toBe(0);
    expect(JSON.stringify(acme.body)).not.toContain('RAM-001');
  });

  it('reports top actions with the same confidence level as the actions list (none for a person’s), and a number or null as confidence', async () => {
    const planner = await login('planner@demo.test');
    const made = await call('POST', '/api/actions', {
      token: planner,
      body: { kind: 'reorder', sku: 'RAM-001', warehouse: 'NJ', quantity: 900_000, reason: 'Trade show stock', confirmDuplicate: true },
    });
    expect(made.status).toBe(201);
    // A new snapshot version: the dashboard is read fresh, not from its cached entry.
    await refreshTenant(env, 'demo', Date.now() + 80_000);
    const dash = await call('GET', '/api/dashboard', { token: planner });
    const top = dash.body.topActions.find((a: { id: string }) => a.id === made.body.id);
    expect(top).toBeDefined();
    const listed = await call('GET', `/api/actions?sku=RAM-001&status=proposed&pageSize=500`, { token: planner });
    const row = listed.body.items.find((a: { id: string }) => a.id === made.body.id);
    expect(top.confidenceLevel).toBe(row.confidence);
    // A person's proposal: nothing computed a confidence for it.
    expect(top.confidenceLevel).toBeNull();
    for (const a of dash.body.topActions)
      expect(a.confidence === null || (typeof a.confidence === 'number' && a.confidence >= 0 && a.confidence <= 1)).toBe(true);
  });

  it('refuses a caller without a token', async () => {
    expect((await call('GET', '/api/dashboard')).status).toBe(401);
  });
});
