// Receiving inbound shipments into lots (issue #9): IN movements into new lots, partial receipts,
// a received shipment never counts as inbound again; idempotent; refused over-receipts.
import { openInboundQuantity } from '../../worker/domain/types';
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/api';
import { csv, freshTenant, importFile, rowsOf } from '../fixtures/imports/helpers';
import { toInbound } from '../../worker/data/planning.map';

let t: Awaited<ReturnType<typeof freshTenant>>;
const T = 'recv';
const ship = () =>
  rowsOf<{ sku: string; quantity: number; quantity_received: number; status: string }>(
    `SELECT sku, quantity, quantity_received, status FROM inbound_shipments WHERE tenant_id = ? AND shipment_id = 'INB-9' ORDER BY sku`,
    T,
  );
const lots = () =>
  rowsOf<{ lot_id: string; sku: string; warehouse: string; quantity_on_hand: number; expiration_date: string; unit_cost: number }>(
    `SELECT lot_id, sku, warehouse, quantity_on_hand, expiration_date, unit_cost FROM lots WHERE tenant_id = ? ORDER BY sku, lot_id`,
    T,
  );
const receive = (body: object, headers: Record<string, string> = {}) =>
  call('POST', '/api/inbound-shipments/INB-9/receive', { token: t.staff, body, headers });

beforeAll(async () => {
  t = await freshTenant(T);
  const r = await importFile(
    t.planner,
    'inbound_shipments',
    csv(
      'shipment_id,sku,quantity,eta_date,status',
      'INB-9,KR-NDL-001,100,2026-12-01,in_transit',
      'INB-9,KR-NDL-002,50,2026-12-01,in_transit',
    ),
  );
  expect(r.status).toBe('done');
});

describe('receiving an inbound shipment', () => {
  it('posts an IN into a new lot, reduces the shipment, and is idempotent', async () => {
    const body = {
      lines: [{ sku: 'kr-ndl-001', lotId: 'R-1', expirationDate: '2027-06-01', quantity: 60, warehouse: 'NJ1', unitCost: 2.5 }],
    };
    const headers = { 'idempotency-key': 'recv-1' };
    const r = await receive(body, headers);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.movements).toEqual([
      expect.objectContaining({
        type: 'IN',
        sku: 'KR-NDL-001',
        quantity: 60,
        reference: 'INB-9',
        lines: [{ lotId: 'R-1', warehouse: 'NJ1', delta: 60 }],
      }),
    ]);
    expect((await receive(body, headers)).body.movements[0].id).toBe(r.body.movements[0].id);
    expect(await lots()).toEqual([
      { lot_id: 'R-1', sku: 'KR-NDL-001', warehouse: 'NJ1', quantity_on_hand: 60, expiration_date: '2027-06-01', unit_cost: 2.5 },
    ]);
    const rows = await ship();
    expect(rows).toEqual([
      { sku: 'KR-NDL-001', quantity: 100, quantity_received: 60, status: 'in_transit' },
      { sku: 'KR-NDL-002', quantity: 50, quantity_received: 0, status: 'in_transit' },
    ]);
    // Only the open rest is still inbound for planning.
    const open = toInbound(
      { shipmentId: 'INB-9', sku: 'KR-NDL-001', quantity: 100, quantityReceived: 60, etaDate: '2026-12-01', status: 'in_transit' },
      '2026-11-30',
    );
    expect([openInboundQuantity(open), open.status]).toEqual([40, 'in_transit']);
  });

  it('closes a line received in full; a received line never counts as inbound again', async () => {
    const r = await receive({
      lines: [
        { sku: 'KR-NDL-001', lotId: 'R-2', expirationDate: '2027-07-01', quantity: 40, warehouse: 'CA1' },
        { sku: 'KR-NDL-002', lotId: 'R-5', expirationDate: '2027-08-01', quantity: 50, warehouse: 'NJ1' },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await ship()).map((s) => [s.sku, s.quantity_received, s.status])).toEqual([
      ['KR-NDL-001', 100, 'received'],
      ['KR-NDL-002', 50, 'received'],
    ]);
    // A lot number another SKU holds is not received under this one (it was: R-1 under KR-NDL-002).
    expect((await lots()).map((l) => [l.lot_id, l.sku, l.warehouse, l.quantity_on_hand])).toEqual([
      ['R-1', 'KR-NDL-001', 'NJ1', 60],
      ['R-2', 'KR-NDL-001', 'CA1', 40],
      ['R-5', 'KR-NDL-002', 'NJ1', 50],
    ]);
    const done = toInbound(
      { shipmentId: 'INB-9', sku: 'KR-NDL-002', quantity: 50, quantityReceived: 50, etaDate: '2026-12-01', status: 'received' },
      '2026-11-30',
    );
    expect([openInboundQuantity(done), done.status]).toEqual([0, 'received']);
    const plan = await call('GET', '/api/inbound-shipments/INB-9', { token: t.planner });
    expect(plan.body.status).toBe('received');
  });

  it('a reversed receipt is no longer received on its shipment, which can then be received again', async () => {
    // Reversing a receipt left the line "50 received" with no stock, and refused receiving it again.
    const moves = await call('GET', '/api/movements?lot=R-5&type=IN', { token: t.staff });
    const receipt = moves.body.items[0] as { id: string; quantity: number; reason: string; reasonKo: string | null };
    expect(receipt.quantity).toBe(50);
    // The reason the system wrote reads in Korean too (the ledger keeps the English).
    expect([receipt.reason, receipt.reasonKo]).toEqual(['Receipt of shipment INB-9', '입고 건 INB-9 입고']);
    const rev = await call('POST', `/api/movements/${receipt.id}/reverse`, {
      token: t.staff,
      body: { reason: 'received against the wrong shipment' },
    });
    expect(rev.status, JSON.stringify(rev.body)).toBe(201);
    // A person's reason has no Korean of its own: it is shown as typed.
    expect([rev.body.reason, rev.body.reasonKo]).toEqual(['received against the wrong shipment', null]);
    expect((await ship()).find((s) => s.sku === 'KR-NDL-002')).toMatchObject({ quantity_received: 0, status: 'arrived' });
    const again = await receive({
      lines: [{ sku: 'KR-NDL-002', lotId: 'R-6', expirationDate: '2027-08-01', quantity: 50, warehouse: 'NJ1' }],
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect((await ship()).find((s) => s.sku === 'KR-NDL-002')).toMatchObject({ quantity_received: 50, status: 'received' });
  });

  it('refuses to receive more than is open, an SKU not on the shipment, or a lot without a warehouse, changing nothing', async () => {
    const before = await lots();
    expect(
      (await receive({ lines: [{ sku: 'KR-NDL-001', lotId: 'R-3', expirationDate: '2027-07-01', quantity: 1, warehouse: 'NJ1' }] })).status,
    ).toBe(409);
    const other = await receive({
      lines: [{ sku: 'KR-KIM-001', lotId: 'R-3', expirationDate: '2027-07-01', quantity: 1, warehouse: 'NJ1' }],
    });
    expect(other.status).toBe(422);
    expect(other.body.errors[0]).toMatchObject({ path: 'lines.0.sku' });
    expect(
      (
        await call('POST', '/api/inbound-shipments/NOPE/receive', {
          token: t.staff,
          body: { lines: [{ sku: 'KR-NDL-001', lotId: 'X', expirationDate: '2027-01-01', quantity: 1 }] },
        })
      ).status,
    ).toBe(404);
    expect((await call('POST', '/api/inbound-shipments/INB-9/receive', { token: t.planner, body: { lines: [] } })).status).toBe(403);
    expect(await lots()).toEqual(before);
  });
});
