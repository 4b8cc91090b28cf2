// Every stock change goes through worker/stock: ledger lines, the audit entry and a plan refresh
// in one place, whichever route posts it (movements, lot creation, receiving).
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { call, daysFromToday, login, seedBasics } from '../helpers/api';

const EXPIRES = daysFromToday(60);
let admin: string;
let staff: string;
let auditor: string;

beforeAll(async () => {
  await seedBasics();
  admin = await login('admin@demo.test');
  staff = await login('staff@demo.test');
  auditor = await login('auditor@demo.test');
});
afterEach(() => vi.restoreAllMocks());

const refreshes = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.map(([body]) => body as { type: string; tenantId: string; reason: string });
const auditFor = async (subject: string) =>
  ((await call('GET', '/api/audit?limit=1000', { token: auditor })).body.items as { subject: string; action: string; data: any }[]).filter(
    (e) => e.subject === subject,
  );

describe('posting stock', () => {
  it('POST /api/lots writes the IN movement, its audit entry and asks for a plan refresh', async () => {
    const spy = vi.spyOn(env.REFRESH_QUEUE, 'send');
    const r = await call('POST', '/api/lots', {
      token: admin,
      body: { lotId: 'STOCK-L1', sku: 'KIM-001', warehouse: 'NJ', quantityOnHand: 24, expirationDate: EXPIRES, unitCost: 1.5 },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ lotId: 'STOCK-L1', quantityOnHand: 24, warehouse: 'NJ' });
    const movements = (await call('GET', '/api/movements?lot=STOCK-L1', { token: staff })).body.items;
    expect(movements).toHaveLength(1);
    expect(movements[0]).toMatchObject({ type: 'IN', sku: 'KIM-001', quantity: 24, reason: 'Lot created' });
    const [entry] = await auditFor(movements[0].id);
    expect(entry).toMatchObject({ action: 'movement.in', data: { entity: 'movement', sku: 'KIM-001', quantity: 24 } });
    expect(entry.data.lotsCreated).toEqual([expect.objectContaining({ lotId: 'STOCK-L1', warehouse: 'NJ', expirationDate: EXPIRES })]);
    expect(refreshes(spy)).toEqual([expect.objectContaining({ type: 'refresh', tenantId: 'demo', reason: 'lot created' })]);
  });

  it('a movement and its reversal each ask for a refresh; a refused movement asks for none', async () => {
    const spy = vi.spyOn(env.REFRESH_QUEUE, 'send');
    const out = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'OUT', sku: 'KIM-001', lotId: 'STOCK-L1', quantity: 4 },
    });
    expect(out.status, JSON.stringify(out.body)).toBe(201);
    const back = await call('POST', `/api/movements/${out.body.id}/reverse`, { token: staff, body: { reason: 'Keyed twice' } });
    expect(back.status).toBe(201);
    const refused = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'OUT', sku: 'KIM-001', lotId: 'STOCK-L1', quantity: 999 },
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: 'https://lotwise.dev/problems/conflict', requested: 999, available: 24 });
    expect(refreshes(spy).map((b) => b.reason)).toEqual(['movement', 'movement reversal']);
    expect((await auditFor(back.body.id))[0]).toMatchObject({ action: 'movement.reverse', data: { reverses: out.body.id } });
  });
});
