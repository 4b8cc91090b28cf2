import { beforeAll, describe, expect, it } from 'vitest';
import { etagMatches } from '../../worker/api/view-cache';
import { call, fixtureLot, login, seedBasics } from '../helpers/api';

beforeAll(async () => {
  await seedBasics();
  await fixtureLot('demo', 'VC-1', 'RAM-001', 40, 200);
});

describe('conditional reads of planning views', () => {
  it('answers 304 to a matching If-None-Match and a new ETag after the data changes', async () => {
    const planner = await login('planner@demo.test');
    const first = await call('GET', '/api/plan', { token: planner });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers.get('cache-control')).toBe('private, max-age=30, stale-while-revalidate=300');
    expect(first.headers.get('vary')).toContain('Authorization');
    expect(Number(first.headers.get('x-snapshot-version'))).toBeGreaterThan(0);
    expect(Number(first.headers.get('x-snapshot-age'))).toBeGreaterThanOrEqual(0);

    const again = await call('GET', '/api/plan', { token: planner, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    expect(again.headers.get('etag')).toBe(etag);
    expect((await call('GET', '/api/plan', { token: planner, headers: { 'if-none-match': '"other", ' + etag } })).status).toBe(304);

    // More stock and a recompute: the numbers change, so does the ETag, and the old one no longer matches.
    await fixtureLot('demo', 'VC-2', 'RAM-001', 500, 300);
    expect((await call('POST', '/api/plan/refresh', { token: planner })).status).toBe(200);
    const changed = await call('GET', '/api/plan', { token: planner, headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.body.totals.capitalLocked).toBeGreaterThan(first.body.totals.capitalLocked);
  });

  it("never answers one tenant's ETag with another tenant's view", async () => {
    const demo = await call('GET', '/api/plan', { token: await login('planner@demo.test') });
    const acme = await call('GET', '/api/plan', {
      token: await login('planner@acme.test'),
      headers: { 'if-none-match': demo.headers.get('etag')! },
    });
    expect(acme.status).toBe(200);
    expect(JSON.stringify(acme.body)).not.toContain('RAM-001');
  });

  it('compares entity tags as RFC 9110 says', () => {
    expect(etagMatches('"a"', '"a"')).toBe(true);
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches('"b", "a"', '"a"')).toBe(true);
    expect(etagMatches('*', '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
    expect(etagMatches(undefined, '"a"')).toBe(false);
  });
});
