import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../worker/data/db';
import { loadPlanHead, loadPlanSummary } from '../../worker/data/plan.store';
import { BLOCK_ROWS, prefixOf, readListIndex, readRows, versionPrefix, writeList } from '../../worker/data/view-pages';
import { insightRows, reorderRows, stockoutRows } from '../../worker/planning/lists';
import { expiringLots } from '../../worker/planning/views';
import { refreshTenant } from '../../worker/planning/refresh/job';
import { roundForApi } from '../../worker/lib/serialize';
import { call, fixtureLot, login, seedBasics } from '../helpers/api';
import { sellingProduct } from '../helpers/actions';

beforeAll(async () => {
  await seedBasics();
  await sellingProduct('SP-1', 20, 120);
  await sellingProduct('SP-2', 3, 120);
  await fixtureLot('demo', 'SP-L1', 'SP-1', 30, 10);
  await fixtureLot('demo', 'SP-L2', 'SP-2', 200, 40, { warehouse: 'LA' });
  await fixtureLot('demo', 'SP-L3', 'RAM-001', 5, -1);
});

describe('stored list blocks', () => {
  const rows = Array.from({ length: 2 * BLOCK_ROWS + 50 }, (_, i) => ({
    i,
    day: `2026-01-${String(1 + Math.floor(i / 10)).padStart(2, '0')}`,
    v: i % 7,
  }));

  it('serves any page across block boundaries exactly as the whole list would', async () => {
    const ix = await writeList(env.SNAPSHOTS, 'blocks', 1, 'l', rows, { key: (r) => r.day, sums: (r) => ({ v: r.v }) });
    expect(ix).toMatchObject({ total: rows.length, blocks: 3 });
    expect(await readRows(env.SNAPSHOTS, 'blocks', 1, 'l', ix, 95, 205)).toEqual(rows.slice(95, 205));
    expect(await readRows(env.SNAPSHOTS, 'blocks', 1, 'l', ix, 240, 300)).toEqual(rows.slice(240));
    for (const limit of ['2025-12-31', '2026-01-05', '2026-01-10', '2026-01-20', '2026-01-25', '2026-02-01']) {
      const inside = rows.filter((r) => r.day <= limit);
      const p = await prefixOf<(typeof rows)[number]>(
        env.SNAPSHOTS,
        'blocks',
        1,
        'l',
        ix,
        (k) => (k as string) <= limit,
        (r) => r.day <= limit,
        (r) => ({ v: r.v }),
      );
      expect(p.count).toBe(inside.length);
      expect(p.sums.v ?? 0).toBe(inside.reduce((t, r) => t + r.v, 0));
    }
  });
});

describe('list routes read the stored snapshot', () => {
  it('answer the same rows and totals as computing them from the whole plan and D1', async () => {
    const planner = await login('planner@demo.test');
    expect((await call('POST', '/api/plan/refresh', { token: planner })).status).toBe(200);
    const plan = (await loadPlanSummary(env, 'demo'))!.payload;

    const reorders = await call('GET', '/api/reorders?action=all&pageSize=2&page=2', { token: planner });
    const all = reorderRows(plan, { action: 'all' });
    expect(reorders.body.total).toBe(all.length);
    expect(reorders.body.items).toEqual(roundForApi(all.slice(2, 4)));
    const byWarehouse = await call('GET', '/api/reorders?action=all&warehouse=LA', { token: planner });
    expect(byWarehouse.body.items).toEqual(roundForApi(reorderRows(plan, { action: 'all', warehouse: 'LA' })));

    const insights = await call('GET', '/api/insights?sort=daysOfCover&status=healthy', { token: planner });
    expect(insights.body.items).toEqual(roundForApi(insightRows(plan, { sort: 'daysOfCover', status: 'healthy' })));

    for (const days of [1, 30, 365]) {
      const stockouts = await call('GET', `/api/stockouts?days=${days}`, { token: planner });
      expect(stockouts.body.items).toEqual(roundForApi(stockoutRows(plan, days)));
      for (const warehouse of [undefined, 'LA']) {
        const q = warehouse ? `&warehouse=${warehouse}` : '';
        const expiring = await call('GET', `/api/expiring?days=${days}${q}&pageSize=500`, { token: planner });
        const fromD1 = await expiringLots(createDb(env), 'demo', plan, { days, warehouse });
        expect(expiring.body.totals).toEqual(roundForApi(fromD1.totals));
        expect(expiring.body.items).toEqual(roundForApi(fromD1.lots));
        expect(expiring.body.total).toBe(fromD1.lots.length);
      }
    }
  });

  it('keeps the current and the replaced version and deletes older ones', async () => {
    const versionKeys = async (v: number) => (await env.SNAPSHOTS.list({ prefix: versionPrefix('acme', v) })).keys.length;
    const t = Date.now() + 10_000;
    await refreshTenant(env, 'acme', t);
    await refreshTenant(env, 'acme', t + 1);
    expect(await versionKeys(t)).toBeGreaterThan(0);
    await refreshTenant(env, 'acme', t + 2);
    expect(await versionKeys(t)).toBe(0);
    expect(await versionKeys(t + 1)).toBeGreaterThan(0);
    const head = await loadPlanHead(env, 'acme');
    expect(head?.version).toBe(t + 2);
    expect(head?.payload.previous).toBe(t + 1);
    expect(await readListIndex(env.SNAPSHOTS, 'acme', t + 2, 'skus')).not.toBeNull();
  });

  it('serves a page kept in the isolate until a new version is published, then the new version, and keeps it across a change', async () => {
    const planner = await login('planner@demo.test');
    const t = Date.now() + 20_000;
    await refreshTenant(env, 'demo', t);
    const first = await call('GET', '/api/stockouts?days=730&pageSize=5', { token: planner });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-snapshot-version')).toBe(String(t));
    // A change of the tenant (through recordChange) forgets its settings, not its version's pages:
    // the page answers the same bytes and ETag, and 304 to that ETag.
    const change = await call('POST', '/api/actions', {
      token: planner,
      body: { kind: 'reorder', sku: 'RAM-001', warehouse: 'NJ', quantity: 24, reason: 'Trade show stock', confirmDuplicate: true },
    });
    expect(change.status).toBe(201);
    const again = await call('GET', '/api/stockouts?days=730&pageSize=5', { token: planner });
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    const revalidated = await call('GET', '/api/stockouts?days=730&pageSize=5', {
      token: planner,
      headers: { 'if-none-match': first.headers.get('etag')! },
    });
    expect(revalidated.status).toBe(304);
    await refreshTenant(env, 'demo', t + 1);
    const next = await call('GET', '/api/stockouts?days=730&pageSize=5', { token: planner });
    expect(next.headers.get('x-snapshot-version')).toBe(String(t + 1));
    expect(next.headers.get('etag')).not.toBe(first.headers.get('etag'));
    expect(next.body.items).toEqual(roundForApi(stockoutRows((await loadPlanSummary(env, 'demo'))!.payload, 730).slice(0, 5)));
  });
});
