// A proposal is checked as its execution will be (worker/actions/checks.ts): what the API accepts
// an approver can approve and a planner execute. Also: one open proposal per action unless
// confirmed, no confidence on a person's proposal, the `state` filter, and Korean beside the
// English in every decision's refusal, single or bulk.
import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../worker/data/db';
import { actions } from '../../worker/data/schema';
import { call, fixtureLot, login, seedBasics } from '../helpers/api';
import { sellingProduct } from '../helpers/actions';

const hangul = /[\uAC00-\uD7A3]/;
let planner: string;
let approver: string;
let staff: string;

const propose = (body: Record<string, unknown>, token = planner) =>
  call('POST', '/api/actions', { token, body: { reason: 'Checked by the proposal tests.', ...body } });
const rowsOf = (sku: string) =>
  createDb(env)
    .select()
    .from(actions)
    .where(and(eq(actions.tenantId, 'demo'), eq(actions.sku, sku)));

beforeAll(async () => {
  await seedBasics();
  // Products without sales (the checks need only their catalogue rules); PC-OLD is archived.
  for (const sku of ['PC-1', 'PC-2', 'PC-DUP']) await sellingProduct(sku, 0, 0);
  await sellingProduct('PC-OLD', 0, 0, { archived: true });
  await fixtureLot('demo', 'PC-L1', 'PC-1', 10, 100);
  await fixtureLot('demo', 'PC-EXP', 'PC-1', 5, -2);
  await fixtureLot('demo', 'PC-ZERO', 'PC-1', 0, 100);
  await fixtureLot('demo', 'PC-LA', 'PC-1', 8, 100, { warehouse: 'LA' });
  await fixtureLot('demo', 'PC-L2', 'PC-2', 10, 100);
  await fixtureLot('demo', 'PC-D1', 'PC-DUP', 50, 100);
  [planner, approver, staff] = await Promise.all([login('planner@demo.test'), login('approver@demo.test'), login('staff@demo.test')]);
});

/** A 422 that says why in both languages and wrote no action. */
async function refusedProposal(body: Record<string, unknown>, sku: string, says: RegExp) {
  const before = (await rowsOf(sku)).length;
  const r = await propose(body);
  expect(r.status, JSON.stringify(r.body)).toBe(422);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(r.body.type).toBe('https://lotwise.dev/problems/action-not-executable');
  expect(r.body.detail).toMatch(says);
  expect(r.body.detailKo).toMatch(hangul);
  expect(r.body.errors[0].messageKo).toMatch(hangul);
  expect(await rowsOf(sku)).toHaveLength(before);
  return r.body;
}

describe('a proposal execution would refuse is refused when proposed (422, en and ko)', () => {
  it('a transfer of more units than the lot holds at the source warehouse', async () => {
    const b = await refusedProposal(
      { kind: 'transfer', sku: 'PC-1', lotId: 'PC-L1', warehouse: 'NJ', toWarehouse: 'LA', quantity: 11 },
      'PC-1',
      /holds 10 units/,
    );
    expect(b.errors[0]).toMatchObject({ path: 'quantity', value: '11' });
  });

  it('a transfer of a lot that is not in the warehouse named', async () => {
    const b = await refusedProposal(
      { kind: 'transfer', sku: 'PC-1', lotId: 'PC-LA', warehouse: 'NJ', toWarehouse: 'LA', quantity: 1 },
      'PC-1',
      /not in NJ/,
    );
    expect(b.errors[0]).toMatchObject({ path: 'warehouse', value: 'NJ' });
  });

  it('a transfer of an expired lot', async () => {
    await refusedProposal({ kind: 'transfer', sku: 'PC-1', lotId: 'PC-EXP', toWarehouse: 'LA', quantity: 1 }, 'PC-1', /expired/);
  });

  it('a markdown of a lot with 0 units', async () => {
    await refusedProposal({ kind: 'markdown', sku: 'PC-1', lotId: 'PC-ZERO', quantity: 1, discountPct: 20 }, 'PC-1', /holds no units/);
  });

  it("a markdown deeper than the tenant's deepest markdown (settings: 50 % unless set)", async () => {
    const before = (await rowsOf('PC-1')).length;
    const r = await propose({ kind: 'markdown', sku: 'PC-1', lotId: 'PC-L1', quantity: 5, discountPct: 80 });
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ path: 'discountPct', message: 'At most 50% (the deepest markdown in the settings).' });
    expect(r.body.errors[0].messageKo).toMatch(hangul);
    expect((await rowsOf('PC-1')).length).toBe(before);
    const ok = await propose({ kind: 'markdown', sku: 'PC-1', lotId: 'PC-L1', quantity: 5, discountPct: 50 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('a reorder for an inactive (archived) SKU and for an unknown one', async () => {
    await refusedProposal({ kind: 'reorder', sku: 'PC-OLD', quantity: 24 }, 'PC-OLD', /inactive/);
    await refusedProposal({ kind: 'reorder', sku: 'PC-NONE', quantity: 24 }, 'PC-NONE', /does not exist/);
  });

  it('still accepts what execution can do, and stores the printed lot number', async () => {
    // 5 of the lot's 10: an accepted markdown above asks the other 5 (lot-commitments.test.ts).
    const r = await propose({ kind: 'transfer', sku: 'pc-1', lotId: 'pc-l1', warehouse: 'nj', toWarehouse: 'la', quantity: 5 });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ sku: 'PC-1', lotId: 'PC-L1', warehouse: 'NJ', toWarehouse: 'LA', quantity: 5 });
  });

  it('execution keeps its checks: stock that went in between fails the approved action with the reason in both languages', async () => {
    const a = await propose({ kind: 'write_off', sku: 'PC-2', lotId: 'PC-L2', quantity: 8 });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect((await call('POST', `/api/actions/${a.body.id}/approve`, { token: approver })).status).toBe(200);
    const out = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'WRITE_OFF', sku: 'PC-2', lotId: 'PC-L2', quantity: 5, reason: 'Damaged in the meantime' },
    });
    expect(out.status, JSON.stringify(out.body)).toBe(201);
    const ex = await call('POST', `/api/actions/${a.body.id}/execute`, { token: planner });
    expect(ex.status).toBe(409);
    expect(ex.body).toMatchObject({ type: 'https://lotwise.dev/problems/execution-failed', state: 'failed' });
    expect(ex.body.detail).toMatch(/holds 5 units/);
    expect(ex.body.detailKo).toMatch(hangul);
    const [row] = (await rowsOf('PC-2')).filter((x) => x.id === a.body.id);
    expect(row.state).toBe('failed');
  });
});

describe('one open proposal per action', () => {
  const markdown = { kind: 'markdown', sku: 'PC-DUP', lotId: 'PC-D1', quantity: 5, discountPct: 10 };

  it('answers 409 duplicate-action naming the open action, unless confirmDuplicate is true', async () => {
    const first = await propose(markdown);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await propose({ ...markdown, quantity: 7 });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: 'https://lotwise.dev/problems/duplicate-action', actionId: first.body.id });
    expect(again.body.detail).toContain(first.body.id);
    expect(again.body.detailKo).toMatch(hangul);
    const confirmed = await propose({ ...markdown, confirmDuplicate: true });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    expect(confirmed.body.id).not.toBe(first.body.id);
    // Once the open ones are decided, the same action may be proposed again.
    for (const id of [first.body.id, confirmed.body.id])
      expect((await call('POST', `/api/actions/${id}/dismiss`, { token: approver, body: { reason: 'Not now.' } })).status).toBe(200);
    expect((await propose(markdown)).status).toBe(201);
  });

  it('of 20 concurrent identical proposals exactly one is written', async () => {
    const body = { kind: 'transfer', sku: 'PC-DUP', lotId: 'PC-D1', toWarehouse: 'LA', quantity: 3 };
    const answers = await Promise.all(Array.from({ length: 20 }, () => propose(body)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const open = (await rowsOf('PC-DUP')).filter((a) => a.kind === 'transfer' && ['proposed', 'approved'].includes(a.state));
    expect(open).toHaveLength(1);
    const created = answers.find((r) => r.status === 201)!.body.id;
    expect(open[0].id).toBe(created);
    expect(answers.filter((r) => r.status === 409).every((r) => r.body.actionId === created)).toBe(true);
  });
});

describe("a person's proposal carries no confidence", () => {
  it('is null in the answer, the detail, the list and the record; sending one is refused', async () => {
    const r = await propose({ kind: 'reorder', sku: 'PC-1', quantity: 24 });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.confidence).toBeNull();
    expect((await call('GET', `/api/actions/${r.body.id}`, { token: planner })).body.confidence).toBeNull();
    const list = await call('GET', '/api/actions?sku=PC-1&kind=reorder', { token: planner });
    expect(list.body.items.find((a: { id: string }) => a.id === r.body.id).confidence).toBeNull();
    expect((await rowsOf('PC-1')).find((a) => a.id === r.body.id)!.confidence).toBeNull();
    const withLevel = await propose({ kind: 'reorder', sku: 'PC-2', quantity: 24, confidence: 'high' });
    expect(withLevel.status).toBe(422);
    expect(withLevel.body.errors[0]).toMatchObject({ path: 'confidence' });
  });
});

describe('GET /api/actions?state=', () => {
  it('filters by state, keeps status as an alias, and refuses an unknown state', async () => {
    const all = await call('GET', '/api/actions?sku=PC-DUP&pageSize=100', { token: planner });
    expect(all.body.items.some((a: { state: string }) => a.state === 'dismissed')).toBe(true);
    const proposed = await call('GET', '/api/actions?sku=PC-DUP&state=proposed&pageSize=100', { token: planner });
    expect(proposed.status).toBe(200);
    expect(proposed.body.items.length).toBeGreaterThan(0);
    expect(proposed.body.items.every((a: { state: string }) => a.state === 'proposed')).toBe(true);
    const two = await call('GET', '/api/actions?sku=PC-DUP&state=proposed,dismissed&pageSize=100', { token: planner });
    expect(two.body.total).toBe(all.body.total);
    const alias = await call('GET', '/api/actions?sku=PC-DUP&status=proposed&pageSize=100', { token: planner });
    expect(alias.body.items.map((a: { id: string }) => a.id)).toEqual(proposed.body.items.map((a: { id: string }) => a.id));
    const bad = await call('GET', '/api/actions?state=open', { token: planner });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toContain('state');
    expect((await call('GET', '/api/actions?state=proposed&status=dismissed', { token: planner })).status).toBe(422);
  });
});

describe('decisions say why in Korean too', () => {
  it('gives each bulk result the same en/ko detail a single decision carries', async () => {
    const admin = await login('admin@demo.test');
    const own = await propose({ kind: 'reorder', sku: 'PC-2', quantity: 24, confirmDuplicate: true }, admin);
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    const decided = await propose({ kind: 'reorder', sku: 'PC-2', quantity: 36, confirmDuplicate: true });
    expect((await call('POST', `/api/actions/${decided.body.id}/dismiss`, { token: approver, body: { reason: 'No.' } })).status).toBe(200);
    const ok = await propose({ kind: 'reorder', sku: 'PC-2', quantity: 48, confirmDuplicate: true });

    const singleOwn = await call('POST', `/api/actions/${own.body.id}/approve`, { token: admin });
    const singleDecided = await call('POST', `/api/actions/${decided.body.id}/approve`, { token: admin });
    expect(singleOwn.status).toBe(403);
    expect(singleDecided.status).toBe(409);
    for (const s of [singleOwn, singleDecided]) expect(s.body.detailKo).toMatch(hangul);

    const bulk = await call('POST', '/api/actions/bulk', {
      token: admin,
      body: { ids: [own.body.id, decided.body.id, ok.body.id], decision: 'approve' },
    });
    expect(bulk.status).toBe(200);
    const [rOwn, rDecided, rOk] = bulk.body.results;
    expect(rOwn).toMatchObject({ id: own.body.id, status: 403, detail: singleOwn.body.detail, detailKo: singleOwn.body.detailKo });
    expect(rDecided).toMatchObject({
      id: decided.body.id,
      status: 409,
      detail: singleDecided.body.detail,
      detailKo: singleDecided.body.detailKo,
    });
    expect(rOk).toMatchObject({ id: ok.body.id, status: 200, state: 'approved' });
    expect(rOk.detailKo).toBeUndefined();
  });
});
