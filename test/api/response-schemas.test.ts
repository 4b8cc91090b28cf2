// The API answers what it declares: real responses of a representative route of every router are
// parsed with the very zod schema their createRoute declares (read back from the app's OpenAPI
// registry), and nothing in the body is left undeclared. The OpenAPI document describes a body for
// every 2xx of every path.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../worker/api/app';
import type { TenantData } from '../../sample_data/generator';
import { call, daysFromToday, fixtureLot, login, seedBasics } from '../helpers/api';
import { seedSampleTenant } from '../helpers/sample-tenant';
import { csv, preview, upload, waitForImport } from '../fixtures/imports/helpers';

const app = createApp();
if (!(app instanceof OpenAPIHono)) throw new Error('createApp() builds an OpenAPIHono');
const registry = app.openAPIRegistry.definitions;

/** The JSON schema a route declares for a status: looked up by method and OpenAPI path. */
function declared(method: string, path: string, status: number): z.ZodType {
  for (const d of registry) {
    if (d.type !== 'route' || d.route.method !== method || d.route.path !== path) continue;
    const schema = (d.route.responses[status] as { content?: Record<string, { schema?: unknown }> } | undefined)?.content?.[
      'application/json'
    ]?.schema;
    if (schema instanceof z.ZodType) return schema;
  }
  throw new Error(`${method.toUpperCase()} ${path} declares no JSON schema for ${status}`);
}

/**
 * Calls `url` and checks the answer against the schema declared for `path`: it parses, it is not
 * an any/unknown placeholder, and parsing keeps every field (a field the schema leaves out would be
 * stripped, and the comparison fails naming it).
 */
async function answers(method: string, path: string, url: string, status: number, opts: Parameters<typeof call>[2] = {}) {
  const r = await call(method.toUpperCase(), url, opts);
  expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(status);
  const schema = declared(method, path, status);
  expect(['any', 'unknown']).not.toContain(schema.def.type);
  const parsed = schema.safeParse(r.body);
  expect(parsed.error?.issues, `${method} ${url}`).toBeUndefined();
  expect(parsed.data, `${method} ${url}: fields the schema does not declare`).toEqual(r.body);
  return r.body;
}

let planner: string;
let admin: string;
let staff: string;
let auditor: string;
beforeAll(async () => {
  await seedBasics();
  [planner, admin, staff, auditor] = await Promise.all(['planner', 'admin', 'staff', 'auditor'].map((role) => login(`${role}@demo.test`)));
  await fixtureLot('demo', 'RS-L1', 'RAM-001', 40, 200);
  await fixtureLot('demo', 'RS-EMPTY', 'RAM-001', 0, 150);
});

describe('responses match their declared schemas', () => {
  it('sign-in, tenant and users', async () => {
    const login = await answers('post', '/api/auth/login', '/api/auth/login', 200, {
      body: { email: 'planner@demo.test', password: 'demo-pass-123' },
    });
    expect(login.user).toEqual({ id: 'demo-planner', email: 'planner@demo.test', role: 'planner', tenantId: 'demo' });
    await answers('get', '/api/tenant', '/api/tenant', 200, { token: admin });
    const users = await answers('get', '/api/users', '/api/users?pageSize=2', 200, { token: admin });
    expect(users.items[0]).not.toHaveProperty('passwordHash');
    const created = await answers('post', '/api/users', '/api/users', 201, {
      token: admin,
      body: { email: 'schema-user@demo.test', role: 'staff', password: 'long-enough-password' },
    });
    await answers('get', '/api/users/{id}', `/api/users/${created.id}`, 200, { token: admin });
  });

  it('catalog: list, create, read, change and archive', async () => {
    await answers('get', '/api/warehouses', '/api/warehouses', 200, { token: planner });
    await answers('get', '/api/customers', '/api/customers', 200, { token: planner });
    await answers('post', '/api/products', '/api/products', 201, {
      token: planner,
      body: { sku: 'RS-P1', name: 'Schema Noodles', shelfLifeDays: 200, safetyStock: 12 },
    });
    await answers('get', '/api/products', '/api/products?q=RS-', 200, { token: planner });
    await answers('patch', '/api/products/{sku}', '/api/products/RS-P1', 200, { token: planner, body: { unitPrice: 3.3 } });
    await answers('get', '/api/products/{sku}', '/api/products/RAM-001', 200, { token: planner });
    await answers('get', '/api/lots', '/api/lots?sku=RAM-001', 200, { token: planner });
    const lot = await answers('post', '/api/lots', '/api/lots', 201, {
      token: admin,
      body: { lotId: 'RS-L2', sku: 'RAM-001', warehouse: 'LA', quantityOnHand: 5, expirationDate: daysFromToday(100) },
    });
    expect(lot).toMatchObject({ lotId: 'RS-L2', quantityOnHand: 5 });
    const archived = await answers('delete', '/api/lots/{lotId}', '/api/lots/RS-EMPTY', 200, { token: planner });
    expect(archived).toMatchObject({ status: 'archived', archived: true });
  });

  it('documents: orders and inbound shipments, receiving', async () => {
    const order = { orderId: 'RS-O1', customerId: 'C-001', orderDate: daysFromToday(-2), lines: [{ sku: 'RAM-001', quantity: 3 }] };
    await answers('post', '/api/orders', '/api/orders', 201, { token: planner, body: order });
    await answers('get', '/api/orders', '/api/orders?sku=RAM-001', 200, { token: planner });
    await answers('get', '/api/orders/{id}', '/api/orders/RS-O1', 200, { token: planner });
    expect(await answers('delete', '/api/orders/{id}', '/api/orders/RS-O1', 200, { token: planner })).toMatchObject({
      status: 'cancelled',
      archived: true,
    });
    const shipment = { shipmentId: 'RS-S1', etaDate: daysFromToday(5), lines: [{ sku: 'RAM-001', quantity: 10 }] };
    await answers('post', '/api/inbound-shipments', '/api/inbound-shipments', 201, { token: planner, body: shipment });
    await answers('get', '/api/inbound-shipments', '/api/inbound-shipments', 200, { token: planner });
    const receipt = await answers('post', '/api/inbound-shipments/{id}/receive', '/api/inbound-shipments/RS-S1/receive', 201, {
      token: staff,
      body: { lines: [{ sku: 'RAM-001', lotId: 'RS-R1', expirationDate: daysFromToday(300), quantity: 4, warehouse: 'NJ' }] },
    });
    expect(receipt.lines[0]).toMatchObject({ sku: 'RAM-001', quantityReceived: 4, open: 6 });
  });

  it('the ledger: post, list, read, reverse', async () => {
    const out = await answers('post', '/api/movements', '/api/movements', 201, {
      token: staff,
      body: { type: 'OUT', sku: 'RAM-001', warehouse: 'NJ', quantity: 2, reason: 'schema check' },
    });
    expect(out.lines.length).toBeGreaterThan(0);
    await answers('get', '/api/movements', '/api/movements?sku=RAM-001', 200, { token: staff });
    await answers('get', '/api/movements/{id}', `/api/movements/${out.id}`, 200, { token: staff });
    const reversal = await answers('post', '/api/movements/{id}/reverse', `/api/movements/${out.id}/reverse`, 201, {
      token: staff,
      body: { reason: 'schema check' },
    });
    expect(reversal.reversesId).toBe(out.id);
  });

  it('actions, alerts, alert channels, Ask, ROI, status and the audit trail', async () => {
    const action = await answers('post', '/api/actions', '/api/actions', 201, {
      token: planner,
      body: { kind: 'reorder', sku: 'RAM-001', quantity: 24, reason: 'Checking the declared shapes.', confirmDuplicate: true },
    });
    await answers('get', '/api/actions', '/api/actions', 200, { token: planner });
    await answers('post', '/api/actions/{id}/notes', `/api/actions/${action.id}/notes`, 201, { token: planner, body: { text: 'noted' } });
    const detail = await answers('get', '/api/actions/{id}', `/api/actions/${action.id}`, 200, { token: planner });
    expect(detail.notes).toHaveLength(1);
    await answers('get', '/api/alerts', '/api/alerts', 200, { token: planner });
    await answers('post', '/api/alert-channels', '/api/alert-channels', 201, {
      token: admin,
      body: { name: 'ops', type: 'webhook', url: 'https://hooks.example.com/lotwise/abc' },
    });
    await answers('get', '/api/alert-channels', '/api/alert-channels', 200, { token: admin });
    const answer = await answers('post', '/api/ask', '/api/ask', 200, {
      token: planner,
      body: { question: 'Which lots of RAM-001 ship first?' },
    });
    expect(answer.intent).toBe('fefo');
    await answers('get', '/api/roi', '/api/roi', 200, { token: planner });
    await answers('get', '/api/status', '/api/status', 200, { token: admin });
    const audit = await answers('get', '/api/audit', '/api/audit?limit=5', 200, { token: auditor });
    expect(audit.items.length).toBeGreaterThan(0);
    await answers('get', '/api/audit/verify', '/api/audit/verify', 200, { token: auditor });
    await answers('post', '/api/audit/checkpoints', '/api/audit/checkpoints', 201, { token: auditor });
    await answers('get', '/api/audit/checkpoints', '/api/audit/checkpoints', 200, { token: auditor });
  });

  it('imports: preview, upload, status and history', async () => {
    const file = csv('code,name,region', 'RS-W1,Schema Depot,North');
    const p = await preview(planner, 'warehouses', file);
    expect(p.status).toBe(200);
    const previewSchema = declared('post', '/api/imports/{entity}/preview', 200);
    expect(previewSchema.parse(p.body)).toEqual(p.body);
    const accepted = await upload(planner, 'warehouses', file);
    expect(accepted.status).toBe(202);
    expect(declared('post', '/api/imports/{entity}', 202).parse(accepted.body)).toEqual(accepted.body);
    await waitForImport(planner, accepted.body.id);
    await answers('get', '/api/imports/{id}', `/api/imports/${accepted.body.id}`, 200, { token: planner });
    await answers('get', '/api/imports', '/api/imports', 200, { token: planner });
  });
});

describe('planning and SKU views match their declared schemas', () => {
  // A generated tenant with a year of history: every list has rows, so the rows' schemas are exercised.
  let data: TenantData;
  let sample: string;
  beforeAll(async () => {
    data = await seedSampleTenant('schemas');
    sample = await login('planner@schemas.test');
  });
  const nonEmpty = (body: { items: unknown[] }, what: string) => expect(body.items.length, what).toBeGreaterThan(0);

  it('the plan, its refresh and the tenant-wide lists', async () => {
    const token = sample;
    await answers('post', '/api/plan/refresh', '/api/plan/refresh', 200, { token });
    const plan = await answers('get', '/api/plan', '/api/plan', 200, { token });
    expect(plan.totals.skus).toBe(data.products.length);
    nonEmpty(await answers('get', '/api/reorders', '/api/reorders?action=all&pageSize=500', 200, { token }), 'reorders');
    nonEmpty(
      await answers('get', '/api/reorders', '/api/reorders?level=warehouse&action=all&pageSize=500', 200, { token }),
      'by warehouse',
    );
    nonEmpty(await answers('get', '/api/stockouts', '/api/stockouts?days=365&pageSize=500', 200, { token }), 'stock-outs');
    nonEmpty(await answers('get', '/api/expiring', '/api/expiring?days=730&pageSize=500', 200, { token }), 'expiring');
    nonEmpty(await answers('get', '/api/insights', '/api/insights?pageSize=500', 200, { token }), 'insights');
    nonEmpty(await answers('get', '/api/anomalies', '/api/anomalies?pageSize=500', 200, { token }), 'anomalies');
    await answers('get', '/api/transfers', '/api/transfers?pageSize=500', 200, { token });
    await answers('get', '/api/overdue-customers', '/api/overdue-customers?pageSize=500', 200, { token });
  });

  it('per SKU and per customer: forecast, buyers, cadence, FEFO and holdout validation', async () => {
    const token = sample;
    const sku = data.orders[0].sku;
    const f = await answers('get', '/api/skus/{sku}/forecast', `/api/skus/${sku}/forecast?horizon=30`, 200, { token });
    expect(f.forecast.mean).toHaveLength(30);
    const buyers = await answers('get', '/api/skus/{sku}/customers', `/api/skus/${sku}/customers?pageSize=500`, 200, { token });
    nonEmpty(buyers, 'buyers');
    const cadence = await answers('get', '/api/customers/{id}/cadence', `/api/customers/${buyers.items[0].customerId}/cadence`, 200, {
      token,
    });
    expect(cadence.skus.length).toBeGreaterThan(0);
    const lotSku = data.lots.find((l) => l.quantity_on_hand > 0)!.sku;
    const fefo = await answers('get', '/api/fefo', `/api/fefo?sku=${lotSku}`, 200, { token });
    expect(fefo.ranked.length + fefo.skipped.length).toBeGreaterThan(0);
    const one = await answers('get', '/api/forecast-validation', `/api/forecast-validation?sku=${sku}`, 200, { token });
    expect(one.items[0].holdout.actual.length).toBeGreaterThan(0);
    nonEmpty(await answers('get', '/api/forecast-validation', '/api/forecast-validation?pageSize=5', 200, { token }), 'validation');
  });
});

describe('the OpenAPI document', () => {
  it('describes a response body for every 2xx of every path', async () => {
    const doc = (await call('GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: object }> }> }>>;
      components: { schemas: Record<string, object> };
    };
    const undescribed: string[] = [];
    const operations: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods)) {
        operations.push(`${method} ${path}`);
        for (const [status, response] of Object.entries(op.responses)) {
          // 204 No Content has no body by definition.
          if (!/^2\d\d$/.test(status) || status === '204') continue;
          const media = Object.entries(response.content ?? {});
          const empty = (s: object | undefined) => {
            const ref = (s as { $ref?: string } | undefined)?.$ref;
            const resolved = ref ? doc.components.schemas[ref.split('/').pop()!] : s;
            return !resolved || Object.keys(resolved).filter((k) => k !== 'description').length === 0;
          };
          if (!media.length || media.some(([, m]) => empty(m.schema))) undescribed.push(`${method} ${path} ${status}`);
        }
      }
    expect(undescribed).toEqual([]);
    expect(operations.length).toBeGreaterThan(60);
  });
});
