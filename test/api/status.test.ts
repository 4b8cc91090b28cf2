import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { histogramQuantile } from '../../worker/domain/latency';
import { call, login, seedBasics } from '../helpers/api';
import { deliver } from '../helpers/runtime';

beforeAll(seedBasics);

describe('latency histogram', () => {
  it('reads p95 from bucket counts by linear interpolation', () => {
    // 100 requests: 90 in (10, 25] ms, 10 in (100, 250] ms → p95 is half-way through the last bucket.
    const h = [0, 0, 90, 0, 0, 10, 0, 0, 0, 0, 0, 0];
    expect(histogramQuantile(h, 0.95)).toBe(175);
    expect(histogramQuantile(h, 0.5)).toBeCloseTo(10 + (50 / 90) * 15, 1);
    expect(histogramQuantile(Array(12).fill(0), 0.95)).toBeNull();
  });
});

describe('status', () => {
  it('is for admins and auditors only', async () => {
    for (const who of ['planner@demo.test', 'staff@demo.test', 'approver@demo.test'])
      expect((await call('GET', '/api/status', { token: await login(who) })).status).toBe(403);
    expect((await call('GET', '/api/status', { token: await login('auditor@demo.test') })).status).toBe(200);
  });

  it('shows the last refresh with its duration, failed imports, dead letters and API errors per route', async () => {
    const planner = await login('planner@demo.test');
    const admin = await login('admin@demo.test');
    // A refresh run, a 404 and a few successful reads on one route.
    expect((await call('POST', '/api/plan/refresh', { token: planner })).status).toBe(200);
    await deliver('lotwise-refresh', [{ id: 'r1', body: { type: 'refresh', tenantId: 'demo', reason: 'test', requestedAt: Date.now() } }]);
    for (let i = 0; i < 3; i++) await call('GET', '/api/products?pageSize=5', { token: planner });
    expect((await call('GET', '/api/products/NOPE-404', { token: planner })).status).toBe(404);
    await deliver('lotwise-refresh-dlq', [{ id: 'dead-1', body: { type: 'refresh', tenantId: 'demo', reason: 'x', requestedAt: 1 } }]);
    await env.DB.prepare(
      "INSERT INTO imports (id, tenant_id, entity, file_name, object_key, sha256, status, message) VALUES ('imp-f', 'demo', 'products', 'bad.csv', 'k', 'sha-f', 'failed', 'The header has only one column.')",
    ).run();

    const s = await call('GET', '/api/status', { token: admin });
    expect(s.status).toBe(200);
    expect(s.body.refresh.last).toMatchObject({ job: 'refresh', status: 'done' });
    expect(s.body.refresh.last.durationMs).toBeGreaterThanOrEqual(0);
    expect(s.body.refresh.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(s.body.imports.failed).toBe(1);
    expect(s.body.imports.recentFailures[0]).toMatchObject({ id: 'imp-f', fileName: 'bad.csv' });
    expect(s.body.deadLetters.last24h).toBe(1);
    // A sentence the imports never wrote has no Korean: the page shows it as stored.
    expect(s.body.imports.recentFailures[0].messageKo).toBeNull();
    // The dead letter's alert reads in Korean on the alerts page (channels receive the English).
    const dead = await env.DB.prepare("SELECT message, message_ko FROM alerts WHERE tenant_id = 'demo' AND kind = 'dead-letter'").first<{
      message: string;
      message_ko: string;
    }>();
    expect(dead?.message).toMatch(/^A lotwise-refresh job failed after retries: /);
    expect(dead?.message_ko).toMatch(/^lotwise-refresh 작업이 재시도 후에도 실패했습니다: \{"type":"refresh"/);
    // This month's Ask model calls, from the tenant object's ledger.
    expect(s.body.model).toMatchObject({ month: new Date().toISOString().slice(0, 7), calls: 0, spentUsd: 0 });
    const products = s.body.api.routes.find((r: { method: string; route: string }) => r.method === 'GET' && r.route === '/api/products');
    expect(products).toMatchObject({ requests: 3, errors4xx: 0, errors5xx: 0 });
    expect(products.p95Ms).toBeGreaterThan(0);
    const one = s.body.api.routes.find((r: { route: string }) => r.route === '/api/products/:sku');
    expect(one).toMatchObject({ requests: 1, errors4xx: 1 });
    // Route patterns, never raw ids, and no other tenant's traffic.
    expect(JSON.stringify(s.body.api)).not.toContain('NOPE-404');
    await call('GET', '/api/products', { token: await login('planner@acme.test') });
    const again = await call('GET', '/api/status', { token: admin });
    expect(
      again.body.api.routes.find((r: { method: string; route: string }) => r.method === 'GET' && r.route === '/api/products').requests,
    ).toBe(3);
  });
});
