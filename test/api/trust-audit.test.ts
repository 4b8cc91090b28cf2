// Every state change leaves one audit entry naming actor, tenant, entity, id and the before/after
// of the changed fields, written with the change itself; no entry holds a secret.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, daysFromToday, PASSWORD } from '../helpers/api';
import { csv, freshTenant, importFile } from '../fixtures/imports/helpers';
import { createDb } from '../../worker/data/db';
import { lots } from '../../worker/data/schema';
import { recordChange } from '../../worker/audit/record';

type Entry = { seq: number; actor: string; action: string; subject: string; data: Record<string, any> };
let t: Awaited<ReturnType<typeof freshTenant>>;

const entries = async (): Promise<Entry[]> => (await call('GET', '/api/audit?limit=1000', { token: t.auditor })).body.items;
/** Runs a change and returns the entries it added. */
async function added(change: () => Promise<unknown>): Promise<Entry[]> {
  const before = (await entries()).length;
  await change();
  return (await entries()).slice(before);
}
const expectOk = <T extends { status: number; body: any }>(r: T, status = 200): T => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
};

beforeAll(async () => {
  t = await freshTenant('aud');
});

describe('every state change is audited with its before/after', () => {
  it('catalog create, update and delete of products, warehouses and customers', async () => {
    const e = await added(async () => {
      expectOk(
        await call('POST', '/api/products', { token: t.planner, body: { sku: 'AUD-1', name: 'A', shelfLifeDays: 90, unitCost: 2 } }),
        201,
      );
      expectOk(await call('PATCH', '/api/products/AUD-1', { token: t.planner, body: { unitCost: 2.5 } }));
      expectOk(await call('DELETE', '/api/products/AUD-1', { token: t.planner }), 204);
      expectOk(await call('POST', '/api/warehouses', { token: t.planner, body: { code: 'TX1', name: 'Dallas' } }), 201);
      expectOk(await call('PATCH', '/api/warehouses/TX1', { token: t.planner, body: { region: 'South' } }));
      expectOk(await call('PATCH', '/api/customers/CUST-0001', { token: t.planner, body: { minRemainingShelfLifeDays: 30 } }));
    });
    expect(e.map((x) => x.action)).toEqual([
      'product.create',
      'product.update',
      'product.delete',
      'warehouse.create',
      'warehouse.update',
      'customer.update',
    ]);
    expect(e[1]).toMatchObject({
      actor: 'planner@aud.test',
      subject: 'AUD-1',
      data: { tenant: 'aud', entity: 'product', id: 'AUD-1', changes: { unitCost: { before: 2, after: 2.5 } } },
    });
    // Only changed fields are listed.
    expect(Object.keys(e[1].data.changes)).toEqual(['unitCost']);
    expect(e[2].data.changes.name).toEqual({ before: 'A', after: null });
    expect(e[5].data.changes).toEqual({ minRemainingShelfLifeDays: { before: null, after: 30 } });
  });

  it('lots created through POST /api/lots, lot edits and archives', async () => {
    const e = await added(async () => {
      expectOk(
        await call('POST', '/api/lots', {
          token: t.admin,
          body: { lotId: 'AUD-LOT', sku: 'KR-NDL-001', warehouse: 'NJ1', quantityOnHand: 12, expirationDate: daysFromToday(90) },
        }),
        201,
      );
      expectOk(await call('PATCH', '/api/lots/AUD-LOT', { token: t.planner, body: { status: 'hold' } }));
    });
    expect(e.map((x) => x.action)).toEqual(['movement.in', 'lot.update']);
    expect(e[0].data.lotsCreated[0]).toMatchObject({ lotId: 'AUD-LOT', sku: 'KR-NDL-001', warehouse: 'NJ1' });
    expect(e[1].data.changes.status).toEqual({ before: 'available', after: 'hold' });
  });

  it('documents: create, edit and cancel of orders and inbound shipments', async () => {
    const e = await added(async () => {
      const order = { orderId: 'AUD-SO', customerId: 'CUST-0001', orderDate: '2026-10-01', lines: [{ sku: 'KR-NDL-001', quantity: 4 }] };
      expectOk(await call('POST', '/api/orders', { token: t.planner, body: order }), 201);
      expectOk(await call('PATCH', '/api/orders/AUD-SO', { token: t.planner, body: { lines: [{ sku: 'KR-NDL-001', quantity: 6 }] } }));
      expectOk(await call('DELETE', '/api/orders/AUD-SO', { token: t.planner }));
      const inbound = { shipmentId: 'AUD-IN', etaDate: daysFromToday(5), lines: [{ sku: 'KR-NDL-002', quantity: 50 }] };
      expectOk(await call('POST', '/api/inbound-shipments', { token: t.planner, body: inbound }), 201);
      expectOk(await call('PATCH', '/api/inbound-shipments/AUD-IN', { token: t.planner, body: { status: 'delayed' } }));
    });
    expect(e.map((x) => x.action)).toEqual([
      'order.create',
      'order.update',
      'order.cancel',
      'inbound-shipment.create',
      'inbound-shipment.update',
    ]);
    expect(e[1].data.changes.lines).toEqual({
      before: [{ line: 1, sku: 'KR-NDL-001', quantity: 4 }],
      after: [{ line: 1, sku: 'KR-NDL-001', quantity: 6 }],
    });
    expect(e[2].data.changes.status).toEqual({ before: 'open', after: 'cancelled' });
    expect(e[4].data.changes).toEqual({ status: { before: 'planned', after: 'delayed' } });
  });

  it('import commits, with the file and row counts', async () => {
    const e = await added(() => importFile(t.planner, 'customers', csv('customer_id,name', 'CUST-0009,Example Mart')));
    const commit = e.find((x) => x.action === 'import.commit')!;
    expect(commit).toBeDefined();
    expect(commit.data).toMatchObject({ tenant: 'aud', entity: 'import', rowsOk: 1, changes: { entity: { after: 'customers' } } });
    expect(e.some((x) => x.action === 'import.register')).toBe(true);
  });

  it('exports, logins that succeed and logins that fail', async () => {
    const e = await added(async () => {
      expectOk(await call('GET', '/api/export/products.csv', { token: t.staff }));
      expect((await call('POST', '/api/auth/login', { body: { email: 'staff@aud.test', password: 'wrong-password' } })).status).toBe(401);
      expectOk(await call('POST', '/api/auth/login', { body: { email: 'staff@aud.test', password: PASSWORD } }));
    });
    expect(e.map((x) => [x.action, x.actor])).toEqual([
      ['export.download', 'staff@aud.test'],
      ['auth.login-failed', 'staff@aud.test'],
      ['auth.login', 'staff@aud.test'],
    ]);
    expect(e[0].subject).toBe('products.csv');
  });

  it('user and settings changes, never with a secret in the entry', async () => {
    const webhook = 'https://hooks.example.com/services/T000/B000/very-secret-token';
    const e = await added(async () => {
      expectOk(await call('PATCH', '/api/tenant', { token: t.admin, body: { settings: { alertWebhookUrl: webhook } } }));
      const u = expectOk(
        await call('POST', '/api/users', { token: t.admin, body: { email: 'new@aud.test', role: 'staff', password: 'a-long-password-1' } }),
        201,
      );
      expectOk(await call('PATCH', `/api/users/${u.body.id}`, { token: t.admin, body: { password: 'another-long-password' } }));
    });
    expect(e.map((x) => x.action)).toEqual(['tenant.update', 'user.create', 'user.update']);
    const text = JSON.stringify(e);
    expect(text).not.toContain('very-secret-token');
    expect(text).not.toContain('a-long-password-1');
    expect(text).not.toContain('another-long-password');
    expect(e[0].data.changes.settings.after.alertWebhookUrl).toBe('https://hooks.example.com/…');
    expect(e[2].data).toMatchObject({ passwordChanged: true, tokensRevoked: true });
  });
});

describe('the change and its entry are written together', () => {
  it('keeps an entry whose chain append failed and appends it on the next change', async () => {
    const db = createDb(env);
    const brokenEnv = { ...env, TENANT: { idFromName: () => ({}), get: () => ({ append: () => Promise.reject(new Error('down')) }) } };
    await recordChange(
      brokenEnv as never,
      db,
      [],
      [{ actor: 'x@aud.test', tenantId: 'aud', entity: 'probe', id: 'P-1', action: 'probe.write' }],
    );
    const pending = await env.DB.prepare("SELECT count(*) AS n FROM audit_outbox WHERE tenant_id = 'aud'").first<{ n: number }>();
    expect(pending!.n).toBe(1);
    // Reading the log flushes what is pending, in order.
    const all = await entries();
    expect(all[all.length - 1]).toMatchObject({ action: 'probe.write', subject: 'P-1' });
    const after = await env.DB.prepare("SELECT count(*) AS n FROM audit_outbox WHERE tenant_id = 'aud'").first<{ n: number }>();
    expect(after!.n).toBe(0);
  });

  it('writes no entry when the change itself fails', async () => {
    const db = createDb(env);
    const before = (await entries()).length;
    // Negative stock violates the lots CHECK: the batch, entry included, fails as a whole.
    const bad = db.insert(lots).values({
      tenantId: 'aud',
      lotId: 'BAD',
      sku: 'KR-NDL-001',
      warehouse: 'NJ1',
      quantityOnHand: -1,
      receivedDate: '2026-01-01',
      expirationDate: '2026-02-01',
    });
    await expect(
      recordChange(env, db, [bad], [{ actor: 'x@aud.test', tenantId: 'aud', entity: 'probe', id: 'P-2', action: 'probe.fail' }]),
    ).rejects.toThrow();
    expect((await entries()).length).toBe(before);
    const pending = await env.DB.prepare("SELECT count(*) AS n FROM audit_outbox WHERE tenant_id = 'aud'").first<{ n: number }>();
    expect(pending!.n).toBe(0);
  });
});
