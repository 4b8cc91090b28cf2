import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, daysFromToday, fixtureLot, login, seedBasics } from '../helpers/api';

const NEW_IN_EXPIRES = daysFromToday(300);
let staff: string;
const lotQty = async (lotId: string) => (await call('GET', `/api/lots/${lotId}`, { token: staff })).body.quantityOnHand as number;
const ledgerCount = async () => (await env.DB.prepare('SELECT count(*) AS n FROM movements').first<{ n: number }>())!.n;

beforeAll(async () => {
  await seedBasics();
  staff = await login('staff@demo.test');
  await fixtureLot('demo', 'K-EXPIRED', 'KIM-001', 30, -2);
  await fixtureLot('demo', 'K-SOON', 'KIM-001', 10, 5); // inside the 10-day minimum remaining life
  await fixtureLot('demo', 'K-A', 'KIM-001', 7, 20);
  await fixtureLot('demo', 'K-B', 'KIM-001', 50, 40);
  await fixtureLot('demo', 'K-QUAR', 'KIM-001', 40, 15, { status: 'quarantine' });
  await fixtureLot('demo', 'R-20', 'RAM-001', 20, 300);
});

describe('stock movements', () => {
  it('ships an OUT without a lot FEFO and returns the per-lot split', async () => {
    const r = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'OUT', sku: 'KIM-001', quantity: 12, reference: 'SO-77' },
    });
    expect(r.status).toBe(201);
    expect(r.body.lines).toEqual([
      { lotId: 'K-A', warehouse: 'NJ', delta: -7 },
      { lotId: 'K-B', warehouse: 'NJ', delta: -5 },
    ]);
    expect(await lotQty('K-A')).toBe(0);
    expect(await lotQty('K-B')).toBe(45);
    expect(await lotQty('K-EXPIRED')).toBe(30);
    expect(await lotQty('K-SOON')).toBe(10);
    expect(await lotQty('K-QUAR')).toBe(40);
  });

  it('answers 409 to an OUT larger than the sellable stock and changes nothing', async () => {
    const before = await ledgerCount();
    const r = await call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'KIM-001', quantity: 46 } });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ status: 409, requested: 46, available: 45 });
    expect(await lotQty('K-B')).toBe(45);
    expect(await ledgerCount()).toBe(before);
  });

  it('records one movement for the same Idempotency-Key twice, and 422 for another body', async () => {
    const headers = { 'idempotency-key': 'out-once-123' };
    const body = { type: 'OUT', sku: 'RAM-001', lotId: 'R-20', quantity: 1 };
    const first = await call('POST', '/api/movements', { token: staff, body, headers });
    const second = await call('POST', '/api/movements', { token: staff, body, headers });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await lotQty('R-20')).toBe(19);
    const other = await call('POST', '/api/movements', { token: staff, body: { ...body, quantity: 2 }, headers });
    expect(other.status).toBe(422);
    expect(await lotQty('R-20')).toBe(19);
    await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'IN', sku: 'RAM-001', lotId: 'R-20', warehouse: 'NJ', quantity: 1 },
    });
  });

  it('lets exactly 20 of 50 concurrent 1-unit OUTs through against a 20-unit lot', async () => {
    await fixtureLot('demo', 'RACE-20', 'RAM-001', 20, 200);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'RAM-001', lotId: 'RACE-20', quantity: 1 } }),
      ),
    );
    const codes = results.map((r) => r.status);
    expect(codes.filter((s) => s === 201)).toHaveLength(20);
    expect(codes.filter((s) => s === 409)).toHaveLength(30);
    expect(await lotQty('RACE-20')).toBe(0);
    const sum = await env.DB.prepare("SELECT COALESCE(SUM(delta), 0) AS s FROM movement_lines WHERE lot_id = 'RACE-20'").first<{
      s: number;
    }>();
    expect(sum!.s).toBe(-20);
  });

  it('receives a new lot with IN, moves part of it, adjusts and writes off through the ledger', async () => {
    const inn = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'IN', sku: 'RAM-001', lotId: 'NEW-IN', warehouse: 'NJ', quantity: 30, expirationDate: NEW_IN_EXPIRES, unitCost: 1.9 },
    });
    expect(inn.status).toBe(201);
    const move = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'MOVE', sku: 'RAM-001', lotId: 'NEW-IN', toWarehouse: 'LA', quantity: 10 },
    });
    expect(move.body.lines).toEqual([
      { lotId: 'NEW-IN', warehouse: 'NJ', delta: -10 },
      { lotId: 'NEW-IN', warehouse: 'LA', delta: 10 },
    ]);
    // The moved part keeps its lot number; its API id names the warehouse and SKU, as the number was taken.
    const la = await call('GET', '/api/lots/NEW-IN~LA~RAM-001', { token: staff });
    expect(la.body).toMatchObject({ lotId: 'NEW-IN', warehouse: 'LA', quantityOnHand: 10, expirationDate: NEW_IN_EXPIRES, unitCost: 1.9 });
    // The lot number alone is now ambiguous for that SKU: the warehouse picks one.
    const ambiguous = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'ADJUST', sku: 'RAM-001', lotId: 'NEW-IN', quantity: -3, reason: 'cycle count' },
    });
    expect(ambiguous.status).toBe(422);
    const adj = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'ADJUST', sku: 'RAM-001', lotId: 'NEW-IN', warehouse: 'NJ', quantity: -3, reason: 'cycle count' },
    });
    expect(adj.body.lines[0].delta).toBe(-3);
    const wo = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'WRITE_OFF', sku: 'RAM-001', lotId: 'NEW-IN', warehouse: 'NJ', quantity: 2, reason: 'crushed case' },
    });
    expect(wo.status).toBe(201);
    expect(await lotQty('NEW-IN?warehouse=NJ')).toBe(15);
    const noReason = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'WRITE_OFF', sku: 'RAM-001', lotId: 'NEW-IN', quantity: 2 },
    });
    expect(noReason.status).toBe(422);
    const tooMuch = await call('POST', '/api/movements', {
      token: staff,
      body: { type: 'ADJUST', sku: 'RAM-001', lotId: 'NEW-IN', warehouse: 'NJ', quantity: -16, reason: 'count' },
    });
    expect(tooMuch.status).toBe(409);
    expect(await lotQty('NEW-IN?warehouse=NJ')).toBe(15);
  });

  it('reverses a movement once with the opposite lines, keeping history', async () => {
    const out = await call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'KIM-001', quantity: 5 } });
    const before = await lotQty('K-B');
    const rev = await call('POST', `/api/movements/${out.body.id}/reverse`, { token: staff, body: { reason: 'customer cancelled' } });
    expect(rev.status).toBe(201);
    expect(rev.body.reversesId).toBe(out.body.id);
    expect(rev.body.lines.map((l: { delta: number }) => l.delta)).toEqual(out.body.lines.map((l: { delta: number }) => -l.delta));
    expect(await lotQty('K-B')).toBe(before + 5);
    const again = await call('POST', `/api/movements/${out.body.id}/reverse`, { token: staff, body: { reason: 'twice over' } });
    expect(again.status).toBe(409);
    const original = await call('GET', `/api/movements/${out.body.id}`, { token: staff });
    expect(original.body.reversedBy).toBe(rev.body.id);
    expect(original.body.lines).toEqual(out.body.lines);
  });

  it('filters the ledger by sku, lot and type', async () => {
    const r = await call('GET', '/api/movements?sku=RAM-001&lot=NEW-IN&type=WRITE_OFF', { token: staff });
    expect(r.body.total).toBe(1);
    expect(r.body.items[0]).toMatchObject({ type: 'WRITE_OFF', sku: 'RAM-001', reason: 'crushed case', reasonKo: null });
  });

  it('searches the ledger with q, as the README promises every list (it answered 400)', async () => {
    const byReason = await call('GET', '/api/movements?q=CRUSHED+case', { token: staff });
    expect(byReason.status).toBe(200);
    expect(byReason.body.items.map((m: { reason: string }) => m.reason)).toEqual(['crushed case']);
    // A lot number finds the movements with a line on it; wildcards are text.
    const byLot = await call('GET', '/api/movements?q=k-b', { token: staff });
    expect(byLot.body.total).toBeGreaterThan(0);
    for (const m of byLot.body.items as { lines: { lotId: string }[] }[]) expect(m.lines.map((l) => l.lotId)).toContain('K-B');
    expect((await call('GET', '/api/movements?q=%25', { token: staff })).body.total).toBe(0);
  });

  it('refuses shipping from an expired or quarantined lot by name', async () => {
    expect(
      (await call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'KIM-001', lotId: 'K-EXPIRED', quantity: 1 } }))
        .status,
    ).toBe(409);
    expect(
      (await call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'KIM-001', lotId: 'K-QUAR', quantity: 1 } })).status,
    ).toBe(409);
  });
});

describe('movements after an instant (what a plan built then has not seen)', () => {
  it('lists only movements posted after `after`, and refuses a day or a made-up instant', async () => {
    const mark = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const r = await call('POST', '/api/movements', { token: staff, body: { type: 'OUT', sku: 'RAM-001', lotId: 'R-20', quantity: 1 } });
    expect(r.status).toBe(201);
    const after = await call('GET', `/api/movements?after=${encodeURIComponent(mark)}&pageSize=1`, { token: staff });
    expect(after.status).toBe(200);
    expect(after.body.total).toBe(1);
    expect(after.body.items[0].id).toBe(r.body.id);
    const later = await call('GET', `/api/movements?after=${encodeURIComponent(after.body.items[0].createdAt)}`, { token: staff });
    expect(later.body.total).toBe(0);
    for (const bad of ['2026-12-02', '2026-13-45T99:00:00Z', 'yesterday'])
      expect((await call('GET', `/api/movements?after=${encodeURIComponent(bad)}`, { token: staff })).status).toBe(422);
  });
});
