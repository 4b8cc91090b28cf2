import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../worker/data/db';
import { actions as actionsTable, inboundShipments } from '../../worker/data/schema';
import { and, eq } from 'drizzle-orm';
import { tenantObject } from '../../worker/lib/audit';
import { loadPlanSummary } from '../../worker/data/plan.store';
import { call, fixtureLot, login, seedBasics } from '../helpers/api';
import { actionsOf, auditEntries, refreshDemo, sellingProduct } from '../helpers/actions';

const reorderOf = async (sku: string) => (await loadPlanSummary(env, 'demo'))!.payload.skus.find((s) => s.sku === sku)!.reorder;

async function manual(sku: string, quantity: number, token?: string) {
  const r = await call('POST', '/api/actions', {
    token: token ?? (await login('planner@demo.test')),
    // Fixtures: several open reorders of one SKU on purpose (proposal-checks.test.ts tests the refusal).
    body: { kind: 'reorder', sku, quantity, reason: 'Promotion next month needs stock.', confirmDuplicate: true },
  });
  expect(r.status).toBe(201);
  return r.body;
}

beforeAll(async () => {
  await seedBasics();
  await sellingProduct('ACT-R1', 10);
  await fixtureLot('demo', 'ACT-R1-L1', 'ACT-R1', 30, 300);
  await fixtureLot('demo', 'ACT-R1-OLD', 'ACT-R1', 5, -3);
  await sellingProduct('ACT-C1', 1);
});

describe('actions from the plan', () => {
  it('proposes a reorder and a write-off, never duplicates them and executes an approved reorder as a purchase order', async () => {
    await refreshDemo();
    const first = await actionsOf('ACT-R1');
    const reorder = first.find((a) => a.kind === 'reorder');
    const writeOff = first.find((a) => a.kind === 'write_off');
    const planned = await reorderOf('ACT-R1');
    expect(planned.action).toBe('order');
    expect(reorder).toMatchObject({
      state: 'proposed',
      supplier: 'Han River',
      quantity: planned.quantity,
      value: planned.quantity * 2,
      source: 'plan',
    });
    expect(reorder.cases).toBe(planned.quantity / 12);
    expect(reorder.reason).toBe(planned.explanation);
    expect(writeOff).toMatchObject({ lotId: 'ACT-R1-OLD', quantity: 5, value: 10, confidence: 'high' });

    await refreshDemo();
    const second = await actionsOf('ACT-R1');
    expect(second.filter((a) => a.kind === 'reorder').map((a) => a.id)).toEqual([reorder.id]);
    expect(second).toHaveLength(first.length);
    expect((await auditEntries(reorder.id)).map((e) => e.action)).toEqual(['action.proposed']);

    const planner = await login('planner@demo.test');
    expect((await call('POST', `/api/actions/${reorder.id}/approve`, { token: planner })).status).toBe(403);
    const approver = await login('approver@demo.test');
    const ok = await call('POST', `/api/actions/${reorder.id}/approve`, { token: approver, body: { note: 'fine' } });
    expect(ok.body).toMatchObject({});
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ state: 'approved', decidedBy: 'approver@demo.test', decisionNote: 'fine' });

    const ex = await call('POST', `/api/actions/${reorder.id}/execute`, { token: planner });
    expect(ex.status, JSON.stringify(ex.body)).toBe(200);
    expect(ex.body.state).toBe('executed');
    const again = await call('POST', `/api/actions/${reorder.id}/execute`, { token: planner });
    expect(again.status).toBe(200);
    const shipmentId = ex.body.outcome.shipmentId;
    const rows = await createDb(env).select().from(inboundShipments);
    const po = rows.filter((s) => s.sku === 'ACT-R1');
    expect(po).toEqual([expect.objectContaining({ shipmentId, quantity: planned.quantity, origin: 'Han River', status: 'planned' })]);
    expect((await auditEntries(reorder.id)).map((e) => e.action)).toEqual(['action.proposed', 'action.approved', 'action.executed']);

    const csv = await call('GET', '/api/actions/purchase-orders.csv?supplier=Han%20River', { token: planner });
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain(`${shipmentId},ACT-R1,Test ACT-R1,${planned.quantity}`);

    // The next refresh counts the purchase order as inbound stock.
    await refreshDemo();
    const after = await reorderOf('ACT-R1');
    expect(after.inboundUnits).toBeGreaterThanOrEqual(planned.quantity);
    expect(after.quantity).toBeLessThan(planned.quantity);
  });

  it("stores a plan action's reason in Korean beside the English, from the same numbers", async () => {
    const listed = await actionsOf('ACT-R1', 'proposed,approved,executed');
    const reorder = listed.find((a) => a.kind === 'reorder');
    const writeOff = listed.find((a) => a.kind === 'write_off');
    // The reorder (executed by now) keeps the account the plan gave when it was proposed, in both languages.
    expect(reorder.reason).toMatch(/^Order ([\d,]+) units for NJ \(([\d,]+) cases of 12\)/);
    const [, units, cases] = /^Order ([\d,]+) units for NJ \(([\d,]+) cases of 12\)/.exec(reorder.reason)!;
    expect(reorder.reasonKo).toContain(`NJ에 ${units}개 주문(케이스당 12개 × ${cases}케이스)`);
    expect(reorder.reasonKo).toContain('안전 재고');
    expect(writeOff.reason).toMatch(/^Lot ACT-R1-OLD: expired on \d{4}-\d{2}-\d{2}, 3 days ago\. It cannot ship; write it off/);
    expect(writeOff.reasonKo).toMatch(
      /^로트 ACT-R1-OLD: \d{4}-\d{2}-\d{2}에 만료, 3일 지남\. 출고할 수 없으니 재고와 자본 수치가 정확하도록 폐기 처리하세요\.$/,
    );
    // The action's own page reads the same column.
    const one = await call('GET', `/api/actions/${writeOff.id}`, { token: await login('planner@demo.test') });
    expect(one.body.reasonKo).toBe(writeOff.reasonKo);
  });

  it('executes an approved write-off as a WRITE_OFF movement, once', async () => {
    const writeOff = (await actionsOf('ACT-R1')).find((a) => a.kind === 'write_off');
    const approver = await login('approver@demo.test');
    expect((await call('POST', `/api/actions/${writeOff.id}/approve`, { token: approver })).status).toBe(200);
    const [a, b] = await Promise.all([
      call('POST', `/api/actions/${writeOff.id}/execute`, { token: approver }),
      call('POST', `/api/actions/${writeOff.id}/execute`, { token: approver }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const movementId = (a.body.outcome ?? b.body.outcome).movementId;
    const m = await call('GET', `/api/movements/${movementId}`, { token: approver });
    expect(m.body).toMatchObject({ type: 'WRITE_OFF', sku: 'ACT-R1', quantity: 5, lines: [{ lotId: 'ACT-R1-OLD', delta: -5 }] });
    const lot = await env.DB.prepare("SELECT quantity_on_hand AS q FROM lots WHERE lot_id = 'ACT-R1-OLD'").first<{ q: number }>();
    expect(lot?.q).toBe(0);
  });
});

describe('decisions', () => {
  it('lets exactly one of 200 concurrent approvals of one action succeed; the rest get 409', async () => {
    const a = await manual('ACT-C1', 24);
    const approver = await login('approver@demo.test');
    const results = await Promise.all(Array.from({ length: 200 }, () => call('POST', `/api/actions/${a.id}/approve`, { token: approver })));
    const codes = results.map((r) => r.status).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(199);
    expect(results.find((r) => r.status === 409)!.body).toMatchObject({ status: 409, state: 'approved' });
    const entries = await auditEntries(a.id);
    expect(entries.filter((e) => e.action === 'action.approved')).toHaveLength(1);
    expect((await call('GET', `/api/actions/${a.id}`, { token: approver })).body.state).toBe('approved');
  });

  it('needs an approver, a reason to dismiss, an admin above the threshold, and never lets one approve their own proposal', async () => {
    const planner = await login('planner@demo.test');
    const admin = await login('admin@demo.test');
    const approver = await login('approver@demo.test');
    const small = await manual('ACT-C1', 24);
    expect((await call('POST', `/api/actions/${small.id}/approve`, { token: planner })).status).toBe(403);
    expect((await call('POST', `/api/actions/${small.id}/dismiss`, { token: planner, body: {} })).status).toBe(422);
    const own = await manual('ACT-C1', 24, admin);
    const self = await call('POST', `/api/actions/${own.id}/approve`, { token: admin });
    expect(self.status).toBe(403);
    const big = await manual('ACT-C1', 6000); // 6000 × 2 = 12,000 > the default 10,000 threshold
    // The list carries the threshold, so the web app offers an approver no Approve it would refuse.
    expect((await call('GET', '/api/actions?status=proposed', { token: approver })).body.approvalThreshold).toBe(10_000);
    const over = await call('POST', `/api/actions/${big.id}/approve`, { token: approver });
    expect(over.status).toBe(403);
    expect(over.body.detail).toMatch(/approval threshold \(10000\) need an admin/);
    expect((await call('POST', `/api/actions/${big.id}/approve`, { token: admin })).body.state).toBe('approved');
    const d = await call('POST', `/api/actions/${small.id}/dismiss`, { token: planner, body: { reason: 'Supplier is closed.' } });
    expect(d.body).toMatchObject({ state: 'dismissed', decisionNote: 'Supplier is closed.' });
    expect((await call('POST', `/api/actions/${small.id}/approve`, { token: approver })).status).toBe(409);
  });

  it('records each decision of a bulk approval on its own', async () => {
    const approver = await login('approver@demo.test');
    const [x, y] = [await manual('ACT-C1', 24), await manual('ACT-C1', 24)];
    await call('POST', `/api/actions/${y.id}/approve`, { token: approver });
    const r = await call('POST', '/api/actions/bulk', {
      token: approver,
      body: { ids: [x.id, y.id, '00000000-0000-4000-8000-000000000000'], decision: 'approve' },
    });
    expect(r.status).toBe(200);
    expect(r.body.results.map((i: any) => [i.id, i.status])).toEqual([
      [x.id, 200],
      [y.id, 409],
      ['00000000-0000-4000-8000-000000000000', 404],
    ]);
    expect((await auditEntries(x.id)).map((e) => e.action)).toEqual(['action.proposed', 'action.approved']);
  });

  it('refuses a hand-made action its supplier, its dates or its warehouses rule out, and a bulk dismissal without a reason', async () => {
    const planner = await login('planner@demo.test');
    const post = (body: Record<string, unknown>) =>
      call('POST', '/api/actions', { token: planner, body: { reason: 'manual check', confirmDuplicate: true, ...body } });
    // ACT-C1: cases of 12, MOQ 24.
    const loose = await post({ kind: 'reorder', sku: 'ACT-C1', quantity: 5 });
    expect(loose.status).toBe(422);
    expect(loose.body.errors[0]).toMatchObject({
      path: 'quantity',
      message: 'Order whole cases of 12, at least the MOQ of 24: for example 24.',
    });
    expect((await post({ kind: 'reorder', sku: 'ACT-C1', quantity: 30 })).body.errors[0].message).toContain('for example 36');
    const whole = await post({ kind: 'reorder', sku: 'ACT-C1', quantity: 36 });
    expect(whole.status).toBe(201);
    expect(whole.body.cases).toBe(3);
    const stale = await post({ kind: 'reorder', sku: 'ACT-C1', quantity: 24, validUntil: '2020-01-01' });
    expect(stale.status).toBe(422);
    expect(stale.body.errors[0].path).toBe('validUntil');
    const same = await post({ kind: 'transfer', sku: 'ACT-R1', lotId: 'ACT-R1-L1', quantity: 1, toWarehouse: 'NJ' });
    expect(same.status).toBe(422);
    expect(same.body.errors[0]).toMatchObject({ path: 'toWarehouse', message: 'Lot ACT-R1-L1 is already in NJ.' });
    const a = await manual('ACT-C1', 24);
    const bulk = await call('POST', '/api/actions/bulk', { token: planner, body: { ids: [a.id], decision: 'dismiss' } });
    expect(bulk.status).toBe(422);
    expect(bulk.body.errors[0]).toMatchObject({ path: 'reason', message: 'Say why.' });
    expect((await call('GET', `/api/actions/${a.id}`, { token: planner })).body.state).toBe('proposed');
  });

  it("gives a hand-made reorder the plan's evidence, so ROI can credit the stock-out it prevents", async () => {
    // A product that sells every day and holds no stock runs out at once.
    await sellingProduct('ACT-M1', 5);
    await refreshDemo();
    const planned = await reorderOf('ACT-M1');
    expect(planned.projectedStockoutDate).not.toBeNull();
    const a = await manual('ACT-M1', 24);
    const detail = await call('GET', `/api/actions/${a.id}`, { token: await login('planner@demo.test') });
    expect(detail.body.evidence).toMatchObject({
      source: 'manual',
      projectedStockoutDate: planned.projectedStockoutDate,
      stockoutProbability: planned.stockoutProbability,
    });
    expect(detail.body.evidence.expectedLostSales).toEqual(expect.any(Number));
  });

  it('refuses to approve an action past its validity, and expires an approved one instead of executing it', async () => {
    const planner = await login('planner@demo.test');
    const approver = await login('approver@demo.test');
    // The tenant object holds each action's validity: an approval after it is a conflict.
    const stub = tenantObject(env, 'demo');
    const id = crypto.randomUUID();
    await stub.propose([
      { id, kind: 'reorder', value: 48, proposedBy: 'demo-planner', actor: 'planner@demo.test', validUntil: '2020-01-01', data: {} },
    ]);
    const late = await stub.decide({
      id,
      to: 'approved',
      actor: 'approver@demo.test',
      actorId: 'demo-approver',
      actorRole: 'approver',
      action: 'action.approved',
      today: '2026-01-01',
    });
    expect(late).toMatchObject({ ok: false, code: 'conflict', state: 'proposed' });
    // Through the API: valid today, approved, then its validity passes before anyone executes it.
    const a = await manual('ACT-C1', 24);
    expect((await call('POST', `/api/actions/${a.id}/approve`, { token: approver })).status).toBe(200);
    await createDb(env)
      .update(actionsTable)
      .set({ validUntil: '2020-01-01' })
      .where(and(eq(actionsTable.tenantId, 'demo'), eq(actionsTable.id, a.id)));
    const run = await call('POST', `/api/actions/${a.id}/execute`, { token: planner });
    expect(run.status).toBe(409);
    expect(run.body.detail).toBe('The action was valid until 2020-01-01; it has expired and was not executed.');
    expect((await call('GET', `/api/actions/${a.id}`, { token: planner })).body.state).toBe('expired');
    expect((await auditEntries(a.id)).map((e) => e.action)).toEqual(['action.proposed', 'action.approved', 'action.expired']);
  });

  it('lists with filters, sort and value totals, and exports formula-escaped CSV', async () => {
    const planner = await login('planner@demo.test');
    await call('POST', '/api/actions', {
      token: planner,
      body: { kind: 'reorder', sku: 'ACT-C1', quantity: 24, reason: '=HYPERLINK("http://x")', confirmDuplicate: true },
    });
    const r = await call('GET', '/api/actions?sku=ACT-C1&kind=reorder&sort=-value&pageSize=2', { token: planner });
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(2);
    expect(r.body.items[0].value).toBeGreaterThanOrEqual(r.body.items[1].value);
    const all = await call('GET', '/api/actions?sku=ACT-C1&pageSize=500', { token: planner });
    expect(r.body.totals.value).toBeCloseTo(
      all.body.items.reduce((s: number, a: any) => s + a.value, 0),
      2,
    );
    const csv = await call('GET', '/api/actions.csv?sku=ACT-C1', { token: planner });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(String(csv.body)).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect((await call('GET', '/api/actions?status=bogus', { token: planner })).status).toBe(422);
  });
});

describe("the queue's export", () => {
  it('is exactly the view: its filters (minimum value, confidence) and its order, as the list shows them', async () => {
    await sellingProduct('ACT-X1', 1);
    const planner = await login('planner@demo.test');
    for (const quantity of [24, 96, 48]) await manual('ACT-X1', quantity, planner);
    const view = 'sku=ACT-X1&state=proposed&minValue=90&sort=-value';
    const list = await call('GET', `/api/actions?${view}`, { token: planner });
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { value: number }) => a.value)).toEqual([192, 96]);
    expect(list.body.total).toBe(2);
    const csv = await call('GET', `/api/actions.csv?${view}`, { token: planner });
    expect(csv.status).toBe(200);
    const rows = String(csv.body).trim().split('\r\n').slice(1);
    expect(rows.map((r) => r.split(',')[0])).toEqual(list.body.items.map((a: { id: string }) => a.id));
    // A person's proposal has no confidence: a view of the engine's high-confidence actions holds none of them.
    const high = await call('GET', '/api/actions.csv?sku=ACT-X1&confidence=high', { token: planner });
    expect(String(high.body).trim().split('\r\n')).toHaveLength(1);
    // Without a sort the export stays oldest first, as before.
    const plain = await call('GET', '/api/actions.csv?sku=ACT-X1', { token: planner });
    const quantities = String(plain.body)
      .trim()
      .split('\r\n')
      .slice(1)
      .map((r) => Number(r.split(',')[9]));
    expect(quantities).toEqual([24, 96, 48]);
    expect((await call('GET', '/api/actions.csv?minValue=lots', { token: planner })).status).toBe(422);
  });

  it("answers the tenant's deepest markdown with the list, for the propose form's limit", async () => {
    const r = await call('GET', '/api/actions?pageSize=1', { token: await login('planner@demo.test') });
    expect(r.body).toMatchObject({ approvalThreshold: expect.any(Number), maxDiscount: 0.5 });
  });
});

describe('Idempotency-Key on decisions and execution', () => {
  it('answers a retried approve or execute with the first answer and one effect, and refuses another body under the same key', async () => {
    const a = await manual('ACT-C1', 24);
    const approver = await login('approver@demo.test');
    const key = { 'idempotency-key': `approve-${a.id}` };
    const first = await call('POST', `/api/actions/${a.id}/approve`, { token: approver, body: { note: 'go' }, headers: key });
    expect(first.status).toBe(200);
    const retry = await call('POST', `/api/actions/${a.id}/approve`, { token: approver, body: { note: 'go' }, headers: key });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const other = await call('POST', `/api/actions/${a.id}/approve`, { token: approver, body: { note: 'changed' }, headers: key });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ status: 422 });
    // Without the key a second approval is a conflict: the key, not luck, made the retry a 200.
    expect((await call('POST', `/api/actions/${a.id}/approve`, { token: approver })).status).toBe(409);

    const planner = await login('planner@demo.test');
    const exKey = { 'idempotency-key': `execute-${a.id}` };
    const ex1 = await call('POST', `/api/actions/${a.id}/execute`, { token: planner, headers: exKey });
    expect(ex1.status, JSON.stringify(ex1.body)).toBe(200);
    const ex2 = await call('POST', `/api/actions/${a.id}/execute`, { token: planner, headers: exKey });
    expect(ex2.status).toBe(200);
    expect(ex2.headers.get('idempotent-replayed')).toBe('true');
    expect(ex2.body).toEqual(ex1.body);
    const shipmentId = ex1.body.outcome.shipmentId;
    const pos = await createDb(env).select().from(inboundShipments);
    expect(pos.filter((s) => s.shipmentId === shipmentId)).toHaveLength(1);
    expect((await auditEntries(a.id)).map((e) => e.action)).toEqual(['action.proposed', 'action.approved', 'action.executed']);
  });
});
