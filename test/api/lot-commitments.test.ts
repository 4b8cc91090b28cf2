// Open actions together may not ask a lot for more units than it holds: a proposal that would is
// refused (409 lot-over-committed, naming the others) unless confirmed, and an approval that would
// leave the approved actions asking too much is refused, single or bulk. A transfer that would reach
// its warehouse too short-dated for every customer there is refused when proposed (422). An OUT from
// a warehouse that does not exist says so, not "not enough stock".
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../worker/data/db';
import { customers } from '../../worker/data/schema';
import { call, fixtureLot, login, seedBasics } from '../helpers/api';
import { actionsOf, refreshDemo, sellingProduct } from '../helpers/actions';

const hangul = /[\uAC00-\uD7A3]/;
let planner: string;
let approver: string;
let admin: string;

const propose = (body: Record<string, unknown>, token = planner) =>
  call('POST', '/api/actions', { token, body: { reason: 'Checked by the lot commitment tests.', ...body } });

beforeAll(async () => {
  await seedBasics();
  for (const sku of ['OC-1', 'OC-2', 'OC-3', 'SL-1']) await sellingProduct(sku, 0, 0);
  await fixtureLot('demo', 'OC-L1', 'OC-1', 10, 100);
  await fixtureLot('demo', 'OC-L2', 'OC-2', 10, 100);
  await fixtureLot('demo', 'OC-L3', 'OC-3', 10, 100);
  // 6 days left: 4 on arrival after the 2-day transfer.
  await fixtureLot('demo', 'SL-L1', 'SL-1', 10, 6);
  [planner, approver, admin] = await Promise.all([login('planner@demo.test'), login('approver@demo.test'), login('admin@demo.test')]);
});

describe('proposing more than a lot has left beside the open actions', () => {
  it('is refused with the other actions named, and proposed when confirmed', async () => {
    const first = await propose({ kind: 'transfer', sku: 'OC-1', lotId: 'OC-L1', toWarehouse: 'LA', quantity: 6 });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // A sale of 6 from the same 10 units: each fits alone, together they ask 12.
    const second = await propose({ kind: 'sell', sku: 'OC-1', lotId: 'OC-L1', customerId: 'C-001', quantity: 6 });
    expect(second.status, JSON.stringify(second.body)).toBe(409);
    expect(second.headers.get('content-type')).toContain('application/problem+json');
    expect(second.body.type).toBe('https://lotwise.dev/problems/lot-over-committed');
    expect(second.body.detail).toContain(first.body.id);
    expect(second.body.detail).toMatch(/4 are left; 6 were asked/);
    expect(second.body.detailKo).toMatch(hangul);
    expect(second.body.available).toBe(4);
    expect(second.body.committed).toEqual([
      expect.objectContaining({ id: first.body.id, kind: 'transfer', quantity: 6, state: 'proposed' }),
    ]);
    expect(second.body.errors[0]).toMatchObject({ path: 'quantity', limit: { max: 4 } });
    // What is left can be proposed; the rest only when the proposer says so.
    expect((await propose({ kind: 'sell', sku: 'OC-1', lotId: 'OC-L1', customerId: 'C-001', quantity: 4 })).status).toBe(201);
    const anyway = await propose({ kind: 'write_off', sku: 'OC-1', lotId: 'OC-L1', quantity: 2, confirmOverCommit: true });
    expect(anyway.status, JSON.stringify(anyway.body)).toBe(201);
  });

  it('frees the units of a dismissed action', async () => {
    const a = await propose({ kind: 'markdown', sku: 'OC-2', lotId: 'OC-L2', quantity: 10, discountPct: 20 });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect((await propose({ kind: 'write_off', sku: 'OC-2', lotId: 'OC-L2', quantity: 1 })).status).toBe(409);
    expect((await call('POST', `/api/actions/${a.body.id}/dismiss`, { token: planner, body: { reason: 'Not now.' } })).status).toBe(200);
    expect((await propose({ kind: 'write_off', sku: 'OC-2', lotId: 'OC-L2', quantity: 1 })).status).toBe(201);
  });
});

describe('approving what the approved actions have already taken', () => {
  it('is refused alone and in a bulk decision, in both languages', async () => {
    const a = await propose({ kind: 'transfer', sku: 'OC-3', lotId: 'OC-L3', toWarehouse: 'LA', quantity: 7 });
    const b = await propose({ kind: 'write_off', sku: 'OC-3', lotId: 'OC-L3', quantity: 5, confirmOverCommit: true });
    const c = await propose({
      kind: 'write_off',
      sku: 'OC-3',
      lotId: 'OC-L3',
      quantity: 3,
      confirmOverCommit: true,
      confirmDuplicate: true,
    });
    for (const r of [a, b, c]) expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await call('POST', `/api/actions/${a.body.id}/approve`, { token: approver })).status).toBe(200);
    const single = await call('POST', `/api/actions/${b.body.id}/approve`, { token: approver });
    expect(single.status, JSON.stringify(single.body)).toBe(409);
    expect(single.body.type).toBe('https://lotwise.dev/problems/lot-over-committed');
    expect(single.body.detail).toContain(a.body.id);
    expect(single.body.detailKo).toMatch(hangul);
    // In one selection: c (3) fits beside a (7); b (5) does not, before or after it.
    const bulk = await call('POST', '/api/actions/bulk', { token: admin, body: { ids: [c.body.id, b.body.id], decision: 'approve' } });
    expect(bulk.status).toBe(200);
    expect(bulk.body.results.map((r: { id: string }) => r.id)).toEqual([c.body.id, b.body.id]);
    expect(bulk.body.results[0]).toMatchObject({ status: 200, state: 'approved' });
    expect(bulk.body.results[1]).toMatchObject({ status: 409, state: 'proposed' });
    // It names what took the units: the stored approval and the one approved just before it here.
    expect(bulk.body.results[1].detail).toContain(a.body.id);
    expect(bulk.body.results[1].detail).toContain(c.body.id);
    expect(bulk.body.results[1].detail).not.toContain('none');
    expect(bulk.body.results[1].detailKo).toMatch(hangul);
    const stored = await call('GET', `/api/actions/${b.body.id}`, { token: planner });
    expect(stored.body.state).toBe('proposed');
    // The lot emptied by the approved ones' execution: the refusal says so, naming no phantom actions.
    for (const id of [a.body.id, c.body.id])
      expect((await call('POST', `/api/actions/${id}/execute`, { token: planner })).status).toBe(200);
    const emptied = await call('POST', `/api/actions/${b.body.id}/approve`, { token: approver });
    expect(emptied.status).toBe(409);
    expect(emptied.body.detail).toMatch(
      /holds only 0 units; 5 were asked\. Stock left the lot after this action was proposed: dismiss it\./,
    );
    expect(emptied.body.detailKo).toMatch(hangul);
  });
});

describe('a transfer that would arrive too short-dated for every customer there', () => {
  it('is refused when proposed, naming the rule; a receiver with a laxer customer takes it', async () => {
    const db = createDb(env);
    await db
      .insert(customers)
      .values([{ tenantId: 'demo', customerId: 'C-LA-STRICT', name: 'LA strict', warehouse: 'LA', minRemainingShelfLifeDays: 10 }])
      .onConflictDoNothing();
    const r = await propose({ kind: 'transfer', sku: 'SL-1', lotId: 'SL-L1', toWarehouse: 'LA', quantity: 5 });
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.type).toBe('https://lotwise.dev/problems/action-not-executable');
    expect(r.body.detail).toMatch(/reach LA with 4 days of shelf life left/);
    expect(r.body.detail).not.toMatch(/\b1 days\b/);
    expect(r.body.detail).toContain('C-LA-STRICT');
    expect(r.body.detailKo).toMatch(hangul);
    expect(r.body.errors[0]).toMatchObject({ path: 'toWarehouse', value: 'LA' });
    await db
      .insert(customers)
      .values([{ tenantId: 'demo', customerId: 'C-LA-LAX', name: 'LA lax', warehouse: 'LA', minRemainingShelfLifeDays: 3 }])
      .onConflictDoNothing();
    const ok = await propose({ kind: 'transfer', sku: 'SL-1', lotId: 'SL-L1', toWarehouse: 'LA', quantity: 5 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });
});

describe('a movement from a warehouse that does not exist', () => {
  it('names the warehouse for OUT, ADJUST, WRITE_OFF and MOVE instead of a shortage or an unknown lot', async () => {
    const staff = await login('staff@demo.test');
    const bodies = [
      { type: 'OUT', sku: 'OC-1', quantity: 1, warehouse: 'WH-NOPE' },
      { type: 'OUT', sku: 'OC-1', quantity: 1, warehouse: 'WH-NOPE', lotId: 'OC-L1' },
      { type: 'ADJUST', sku: 'OC-1', quantity: -1, warehouse: 'WH-NOPE', lotId: 'OC-L1' },
      { type: 'WRITE_OFF', sku: 'OC-1', quantity: 1, warehouse: 'WH-NOPE', lotId: 'OC-L1' },
      { type: 'MOVE', sku: 'OC-1', quantity: 1, warehouse: 'WH-NOPE', lotId: 'OC-L1', toWarehouse: 'LA' },
    ];
    for (const body of bodies) {
      const r = await call('POST', '/api/movements', { token: staff, body: { reason: 'Typo test.', ...body } });
      expect(r.status, JSON.stringify(r.body)).toBe(422);
      expect(r.body.detail).toBe('Unknown warehouse.');
      expect(r.body.errors[0]).toMatchObject({ path: 'warehouse', value: 'WH-NOPE' });
    }
  });
});

describe("the plan's proposals leave what people's open actions ask of a lot", () => {
  it('trims the plan write-off of a lot by the units a person already proposed, and proposes none when they take it all', async () => {
    await sellingProduct('FIT-1', 10);
    await fixtureLot('demo', 'FIT-OLD', 'FIT-1', 10, -3);
    await fixtureLot('demo', 'FIT-ALL', 'FIT-1', 5, -2);
    await fixtureLot('demo', 'FIT-NEW', 'FIT-1', 400, 200);
    const mine = await propose({ kind: 'write_off', sku: 'FIT-1', lotId: 'FIT-OLD', quantity: 4 });
    expect(mine.status, JSON.stringify(mine.body)).toBe(201);
    const all = await propose({ kind: 'write_off', sku: 'FIT-1', lotId: 'FIT-ALL', quantity: 5 });
    expect(all.status, JSON.stringify(all.body)).toBe(201);
    await refreshDemo();
    const open = await actionsOf('FIT-1');
    const plan = open.filter((a) => a.source === 'plan' && a.kind === 'write_off');
    const old = plan.filter((a) => a.lotId === 'FIT-OLD');
    expect(old).toHaveLength(1);
    expect(old[0].quantity).toBe(6);
    expect(old[0].reason).toContain(`Open actions already ask 4 of the lot's 10 units (write_off ${mine.body.id})`);
    expect(old[0].reasonKo).toMatch(hangul);
    // The other action by the word the pages use for its kind, not its code.
    expect(old[0].reasonKo).toContain(`(폐기 ${mine.body.id})`);
    expect(plan.filter((a) => a.lotId === 'FIT-ALL')).toEqual([]);
    // Together, nothing asks either lot for more than it holds.
    const asked = (lot: string) => open.filter((a) => a.lotId === lot).reduce((n, a) => n + a.quantity, 0);
    expect(asked('FIT-OLD')).toBe(10);
    expect(asked('FIT-ALL')).toBe(5);
  });
});

describe('the deepest markdown setting', () => {
  it('refuses a limit below the 1 % every markdown is at least (it would refuse them all)', async () => {
    for (const maxDiscount of [0, 0.005]) {
      const r = await call('PATCH', '/api/tenant', { token: admin, body: { settings: { actions: { maxDiscount } } } });
      expect(r.status, JSON.stringify(r.body)).toBe(422);
    }
  });
});
