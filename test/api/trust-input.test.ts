// Bad input never answers 500, and every answer is shaped at one edge: rounded numbers, strict
// query strings, security headers. Kinds that apply to every route take the route list from
// the OpenAPI document, so a new route is covered as soon as it is declared.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { VIEW_CACHE_CONTROL } from '../../worker/api/view-cache';
import { call, login, seedBasics } from '../helpers/api';
import { seedSampleTenant } from '../helpers/sample-tenant';
import { roundForApi } from '../../worker/lib/serialize';

interface Op {
  method: string;
  path: string;
  query: string[];
}
let ops: Op[];
let admin: string;
let planner: string;
const fill = (path: string) => path.replace(/\{[^}]+\}/g, 'X-1');

beforeAll(async () => {
  await seedBasics();
  admin = await login('admin@demo.test');
  planner = await login('planner@demo.test');
  const doc = (await call('GET', '/api/openapi.json')).body as {
    paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
  };
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
  );
});

describe('unknown query parameters answer 400 naming them, on every route', () => {
  it('the reported example: /api/orders?customerId=X', async () => {
    const r = await call('GET', '/api/orders?customerId=X', { token: planner });
    expect(r.status).toBe(400);
    expect(r.body.detail).toContain('customerId');
    expect(r.body.detail).toContain('customer');
    expect(r.body.errors).toEqual([
      expect.objectContaining({
        path: 'customerId',
        field: 'customerId',
        code: 'unknown_parameter',
        message: 'Unknown query parameter.',
        messageKo: '알 수 없는 조회 조건입니다.',
      }),
    ]);
  });

  it('judges every request to a path on its own parameters (the route found for a path is remembered)', async () => {
    for (let i = 0; i < 2; i++) {
      expect((await call('GET', '/api/orders?customer=X', { token: planner })).status).toBe(200);
      expect((await call('GET', '/api/orders?customerId=X', { token: planner })).status).toBe(400);
      expect((await call('GET', '/api/orders', { token: planner })).status).toBe(200);
      expect((await call('HEAD', '/api/orders?customerId=X', { token: planner })).status).toBe(400);
    }
  });

  it('every operation of the OpenAPI document', async () => {
    expect(ops.length).toBeGreaterThan(30);
    for (const op of ops) {
      const r = await call(op.method, `${fill(op.path)}?bogusParam=1`, { token: admin });
      expect(r.status, `${op.method} ${op.path}`).toBe(400);
      expect(r.body.detail, `${op.method} ${op.path}`).toContain('bogusParam');
    }
    for (const path of ['/api/health', '/api/openapi.json', '/api/docs']) expect((await call('GET', `${path}?x=1`)).status).toBe(400);
  });

  it('still accepts every declared parameter', async () => {
    const r = await call('GET', '/api/orders?customer=C-001&page=1&pageSize=5', { token: planner });
    expect(r.status).toBe(200);
  });
});

describe('sort keys come from an allow-list of own fields', () => {
  it.each(['constructor', '__proto__', 'toString', '-hasOwnProperty'])('sort=%s never answers 500 on any list', async (sort) => {
    const lists = ops.filter((o) => o.method === 'GET' && o.query.includes('sort'));
    expect(lists.map((o) => o.path)).toEqual(expect.arrayContaining(['/api/products', '/api/warehouses', '/api/customers', '/api/lots']));
    for (const op of lists) {
      const r = await call('GET', `${fill(op.path)}?sort=${encodeURIComponent(sort)}`, { token: planner });
      expect(r.status, `${op.path}?sort=${sort}`).toBe(422);
      expect(r.body.errors[0].path).toBe('sort');
    }
  });

  it('sorts by an allowed field', async () => {
    const r = await call('GET', '/api/products?sort=-shelfLifeDays', { token: planner });
    expect(r.body.items.map((p: { shelfLifeDays: number }) => p.shelfLifeDays)).toEqual([365, 90]);
  });
});

describe('no GET route answers 500 for an unknown id', () => {
  it('every GET operation of the OpenAPI document', async () => {
    for (const op of ops.filter((o) => o.method === 'GET')) {
      const r = await call('GET', fill(op.path), { token: admin });
      expect(r.status, `GET ${op.path}: ${JSON.stringify(r.body)}`).toBeLessThan(500);
    }
  });
});

describe('lists of bound values stay within D1’s 100 parameters', () => {
  it('GET /api/forecast-validation?pageSize=97 over 120 SKUs', async () => {
    await env.DB.prepare("INSERT OR IGNORE INTO tenants (id, name) VALUES ('chunk', 'Chunk')").run();
    await env.DB.prepare(
      "INSERT OR IGNORE INTO users (id, tenant_id, email, role, password_hash) SELECT 'chunk-planner', 'chunk', 'planner@chunk.test', 'planner', password_hash FROM users WHERE id = 'demo-planner'",
    ).run();
    const stmts = Array.from({ length: 120 }, (_, i) =>
      env.DB.prepare("INSERT OR IGNORE INTO products (tenant_id, sku, name, shelf_life_days) VALUES ('chunk', ?, ?, 180)").bind(
        `SKU-${String(i).padStart(3, '0')}`,
        `Product ${i}`,
      ),
    );
    await env.DB.batch(stmts);
    const token = await login('planner@chunk.test');
    const r = await call('GET', '/api/forecast-validation?pageSize=97', { token });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    expect(r.body.items).toHaveLength(97);
    expect(r.body.total).toBe(120);
    const last = await call('GET', '/api/forecast-validation?pageSize=97&page=2', { token });
    expect(last.body.items).toHaveLength(23);
  });
});

describe('LIKE wildcards are literal everywhere', () => {
  it.each(['%', '_'])('GET /api/users?q=%s matches no one', async (q) => {
    const r = await call('GET', `/api/users?q=${encodeURIComponent(q)}`, { token: admin });
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(0);
    expect((await call('GET', '/api/users?q=admin', { token: admin })).body.total).toBe(1);
  });
});

describe('numbers are bounded', () => {
  it.each([
    ['POST', '/api/products', { sku: 'BIG-1', name: 'Big', shelfLifeDays: 30, unitCost: 1e308 }, 'unitCost'],
    ['PATCH', '/api/products/RAM-001', { safetyStock: 1e308 }, 'safetyStock'],
    ['PATCH', '/api/products/RAM-001', { reorderPoint: 1e308 }, 'reorderPoint'],
    ['PATCH', '/api/lots/BIG-LOT', { unitCost: 1e308 }, 'unitCost'],
    [
      'POST',
      '/api/lots',
      { lotId: 'BIG-2', sku: 'RAM-001', warehouse: 'NJ', quantityOnHand: 1, expirationDate: '2099-01-01', unitCost: 1e308 },
      'unitCost',
    ],
    [
      'POST',
      '/api/orders',
      { orderId: 'BIG-SO', customerId: 'C-001', orderDate: '2026-01-01', lines: [{ sku: 'RAM-001', quantity: 1e308 }] },
      'lines.0.quantity',
    ],
  ])('%s %s refuses 1e308', async (method, path, body, field) => {
    // Creating a lot posts stock: the ledger's roles (admin), not a planner.
    const r = await call(method, path, { token: method === 'POST' && path === '/api/lots' ? admin : planner, body });
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toContain(field);
  });

  it('POST /api/movements IN refuses a unitCost of 1e308', async () => {
    const staff = await login('staff@demo.test');
    const r = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'IN', sku: 'RAM-001', lotId: 'BIG-3', warehouse: 'NJ', quantity: 1, expirationDate: '2099-01-01', unitCost: 1e308 },
    });
    expect(r.status).toBe(422);
  });
});

describe('text the API stores is text the importer takes back', () => {
  it('refuses control characters in names, reasons and notes, as the importer does, and keeps emoji and Hangul', async () => {
    const admin = await login('admin@demo.test');
    const bad = await call('POST', '/api/products', {
      token: admin,
      body: { sku: 'CTL-1', name: 'Ramyeon \u0000 nul', shelfLifeDays: 10 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ path: 'name', message: 'Contains control characters.' });
    const ok = await call('POST', '/api/products', { token: admin, body: { sku: 'CTL-2', name: '라면 🍜 Ramyeon', shelfLifeDays: 10 } });
    expect(ok.status).toBe(201);
    const patch = await call('PATCH', '/api/products/CTL-2', { token: admin, body: { category: 'noodles\u001b[31m' } });
    expect(patch.status).toBe(422);
    expect((await call('GET', '/api/products/CTL-2', { token: admin })).body.category).not.toContain('\u001b');
    const planner = await login('planner@demo.test');
    const reason = await call('POST', '/api/actions', {
      token: planner,
      body: { kind: 'reorder', sku: 'RAM-001', quantity: 24, reason: 'promo \u0007 bell' },
    });
    expect(reason.status).toBe(422);
    // Tabs and line breaks are text, not control: a reason may span lines.
    const lines = await call('POST', '/api/actions', {
      token: planner,
      body: { kind: 'reorder', sku: 'RAM-001', quantity: 24, reason: 'Promotion:\n\tweek 1', confirmDuplicate: true },
    });
    expect(lines.status).toBe(201);
    // The same rule for every stored name, the tenant's too.
    const tenant = await call('PATCH', '/api/tenant', { token: admin, body: { name: 'Demo \u0000 Foods' } });
    expect(tenant.status).toBe(422);
  });
});

describe('numbers leave the API rounded', () => {
  it('money to the cent and other figures without float noise', () => {
    expect(roundForApi({ valueAtRisk: 27.599999999999998, usableOnHand: 984.0000000000001, serviceLevel: 0.975, unitCost: 1.005 })).toEqual(
      {
        valueAtRisk: 27.6,
        usableOnHand: 984,
        serviceLevel: 0.975,
        unitCost: 1.01,
      },
    );
    expect(roundForApi([{ items: [{ capitalLocked: 10.123 }] }])).toEqual([{ items: [{ capitalLocked: 10.12 }] }]);
  });

  it('rounds what a product answer carries', async () => {
    const r = await call('POST', '/api/products', {
      token: planner,
      body: { sku: 'FLOAT-1', name: 'Float', shelfLifeDays: 30, unitCost: 0.1 + 0.2, safetyStock: 984.0000000000001 },
    });
    expect(r.body).toMatchObject({ unitCost: 0.3, safetyStock: 984 });
  });

  it('every number of the planning views has at most 4 decimals, money at most 2', async () => {
    await seedSampleTenant('num');
    const token = await login('planner@num.test');
    const tooLong: string[] = [];
    const walk = (v: unknown, key: string, path: string) => {
      if (typeof v === 'number' && !Number.isInteger(v)) {
        const decimals = String(v).split('.')[1]?.length ?? 0;
        if (decimals > (/cost|price|value|capital|amount/i.test(key) ? 2 : 4)) tooLong.push(`${path}=${v}`);
      } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, key, `${path}[${i}]`));
      else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, k, `${path}.${k}`));
    };
    for (const path of ['/api/plan', '/api/expiring', '/api/insights', '/api/reorders', '/api/stockouts']) {
      const r = await call('GET', path, { token });
      expect(r.status, path).toBe(200);
      walk(r.body, '', path);
    }
    expect(tooLong).toEqual([]);
  });
});

describe('security headers', () => {
  it('every GET route: CSP, Cache-Control no-store (planning views: private, revalidated by ETag), Permissions-Policy', async () => {
    for (const op of ops.filter((o) => o.method === 'GET')) {
      const r = await call('GET', fill(op.path), { token: admin });
      expect(r.headers.get('content-security-policy'), op.path).toContain("default-src 'none'");
      // A planning view may be kept by the caller's own browser for 30 s, never by a shared cache.
      if (r.status === 200 && r.headers.get('etag')) expect(r.headers.get('cache-control'), op.path).toBe(VIEW_CACHE_CONTROL);
      else expect(r.headers.get('cache-control'), op.path).toBe('no-store');
      expect(r.headers.get('permissions-policy'), op.path).toContain('camera=()');
    }
  });

  it('the token response is not stored', async () => {
    const r = await call('POST', '/api/auth/login', { body: { email: 'auditor@demo.test', password: 'demo-pass-123' } });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('the /api/docs page runs only its own nonce-tagged script and style', async () => {
    const r = await call('GET', '/api/docs');
    const csp = r.headers.get('content-security-policy')!;
    const nonce = /script-src 'nonce-([a-f0-9]+)'/.exec(csp)![1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(r.body).toContain(`<script nonce="${nonce}">`);
    expect(r.body).toContain(`<style nonce="${nonce}">`);
    expect(r.headers.get('permissions-policy')).toContain('geolocation=()');
  });
});
