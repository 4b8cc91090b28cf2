// The audit log newest first (the page an auditor opens), and date windows that cannot be read:
// an impossible date, or a start after the end, is a 422 on every route with a from/to window.
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/api';
import { freshTenant } from '../fixtures/imports/helpers';

type Entry = { seq: number };
let t: Awaited<ReturnType<typeof freshTenant>>;

beforeAll(async () => {
  t = await freshTenant('pag');
  // Twelve audited changes.
  for (let i = 1; i <= 6; i++) {
    const sku = `PAG-${i}`;
    expect(
      (await call('POST', '/api/products', { token: t.planner, body: { sku, name: sku, shelfLifeDays: 90, unitCost: 2 } })).status,
    ).toBe(201);
    expect((await call('PATCH', `/api/products/${sku}`, { token: t.planner, body: { unitCost: 3 } })).status).toBe(200);
  }
});

describe('GET /api/audit?order=desc', () => {
  it('pages newest first with `before`, meeting the oldest-first listing exactly', async () => {
    const all: Entry[] = (await call('GET', '/api/audit?limit=1000', { token: t.auditor })).body.items;
    expect(all.length).toBeGreaterThanOrEqual(12);
    const seen: number[] = [];
    let before: number | null | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const q = `/api/audit?order=desc&limit=5${before ? `&before=${before}` : ''}`;
      const r = await call('GET', q, { token: t.auditor });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      seen.push(...r.body.items.map((e: Entry) => e.seq));
      before = r.body.next;
      if (before === null) break;
    }
    expect(seen).toEqual(all.map((e) => e.seq).reverse());
  });

  it('refuses `before` on an oldest-first listing, and is for auditors and admins only', async () => {
    const r = await call('GET', '/api/audit?before=5', { token: t.auditor });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].path).toBe('before');
    expect((await call('GET', '/api/audit?order=desc', { token: t.planner })).status).toBe(403);
  });
});

describe('date windows', () => {
  it('refuses an impossible date in the audit filter instead of answering an empty page', async () => {
    for (const from of ['2026-13-45', '2026-02-30', '2026-01-01T25:99:00Z']) {
      const r = await call('GET', `/api/audit?from=${from}`, { token: t.auditor });
      expect(r.status, from).toBe(422);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('refuses a window that starts after it ends, on every route with one', async () => {
    const routes: [string, string][] = [
      ['/api/audit', t.auditor],
      ['/api/orders', t.planner],
      ['/api/inbound-shipments', t.planner],
      ['/api/movements', t.planner],
      ['/api/export/orders.csv', t.planner],
    ];
    for (const [path, token] of routes) {
      const bad = await call('GET', `${path}?from=2027-01-01&to=2026-01-01`, { token });
      expect(bad.status, path).toBe(422);
      expect(
        bad.body.errors.map((e: { path: string }) => e.path),
        path,
      ).toEqual(['from', 'to']);
      // One day (to is the end of that day) and a proper window are fine.
      expect((await call('GET', `${path}?from=2026-01-01&to=2026-01-01`, { token })).status, path).toBe(200);
    }
    // The transfers view's from/to are warehouse codes, not dates.
    expect((await call('GET', '/api/transfers?from=TX1&to=CA1', { token: t.planner })).status).not.toBe(422);
  });
});
