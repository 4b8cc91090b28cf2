// The preview says what the import would say: a file whose rows the import refuses against the
// stored records (a shipment line below what was received, a status change the shipment may not
// make, a receipt of more than is open, a promotion that ends before it starts) is not "ready" in
// the preview, and names the same rows, columns and sentences the import then fails with.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { csv, freshTenant, importFile, preview } from '../fixtures/imports/helpers';

let t: Awaited<ReturnType<typeof freshTenant>>;
const T = 'preview-agrees';

type Fault = { row: number; column: string; message: string };
const faults = (errors: Fault[]) => errors.map(({ row, column, message }) => ({ row, column, message }));

/** Previews then imports the file as `token`: the preview's faults, and the failed import's. */
async function both(token: string, entity: string, file: string) {
  const p = await preview(token, entity, file);
  expect(p.status, JSON.stringify(p.body)).toBe(200);
  const r = await importFile(token, entity, file);
  expect(r.status, JSON.stringify(r)).toBe('failed');
  return { preview: p.body as { ready: boolean; errors: Fault[] }, imported: faults(r.errors as Fault[]) };
}

beforeAll(async () => {
  t = await freshTenant(T);
  const r = await importFile(
    t.planner,
    'inbound_shipments',
    csv(
      'shipment_id,sku,quantity,eta_date,status',
      'INB-1,KR-NDL-001,100,2026-12-01,in_transit',
      'INB-1,KR-NDL-002,50,2026-12-01,in_transit',
      'INB-2,KR-NDL-001,30,2026-12-05,planned',
      'INB-3,KR-KIM-001,20,2026-12-05,planned',
    ),
  );
  expect(r.status).toBe('done');
  // 60 of INB-1's KR-NDL-001 are in; INB-3 was cancelled; INB-1 names its destination.
  const db = env.DB;
  await db
    .prepare(
      `UPDATE inbound_shipments SET quantity_received = 60, warehouse = 'NJ1' WHERE tenant_id = ? AND shipment_id = 'INB-1' AND sku = 'KR-NDL-001'`,
    )
    .bind(T)
    .run();
  await db.prepare(`UPDATE inbound_shipments SET warehouse = 'NJ1' WHERE tenant_id = ? AND shipment_id = 'INB-1'`).bind(T).run();
  await db.prepare(`UPDATE inbound_shipments SET status = 'cancelled' WHERE tenant_id = ? AND shipment_id = 'INB-3'`).bind(T).run();
});

describe('the preview of a file the import refuses against stored records', () => {
  it('an inbound shipments file: a line below what was received, a cancelled line reopened, the dock’s status set by a planner', async () => {
    const { preview: p, imported } = await both(
      t.planner,
      'inbound_shipments',
      csv(
        'Shipment,Item Code,Qty,ETA,Status',
        'INB-1,KR-NDL-001,40,2026-12-01,in_transit', // 60 already received
        'INB-3,KR-KIM-001,20,2026-12-05,in_transit', // cancelled: cannot reopen
        'INB-2,KR-NDL-001,30,2026-12-05,arrived', // the dock's status: not a planner's
      ),
    );
    expect(imported.map((e) => [e.row, e.column])).toEqual([
      [2, 'Qty'],
      [3, 'Status'],
      [4, 'Status'],
    ]);
    expect(imported[0].message).toMatch(/60 units of KR-NDL-001 on shipment INB-1 were already received/);
    expect(p.ready).toBe(false);
    expect(faults(p.errors)).toEqual(imported);
  });

  it('a receipts file: more than is open, a SKU not on the shipment, a cancelled shipment', async () => {
    const { preview: p, imported } = await both(
      t.admin,
      'receipts',
      csv(
        'ASN No,Item Code,Batch No,Best Before,Qty Received,Whse',
        'INB-1,KR-NDL-001,G-1,2027-06-01,50,', // 40 open
        'INB-1,KR-KIM-001,G-3,2027-06-01,5,NJ1', // not on the shipment
        'INB-3,KR-KIM-001,G-4,2027-06-01,5,NJ1', // cancelled
      ),
    );
    expect(imported.map((e) => [e.row, e.column])).toEqual([
      [2, 'Qty Received'],
      [3, 'Item Code'],
      [4, 'ASN No'],
    ]);
    expect(imported[0].message).toBe('Shipment INB-1 expects 40 more of KR-NDL-001; the file receives 50.');
    expect(p.ready).toBe(false);
    expect(faults(p.errors)).toEqual(imported);
  });

  it('a promotions file: a promotion that ends before it starts', async () => {
    const { preview: p, imported } = await both(
      t.planner,
      'promotions',
      csv('promotion_id,sku,start_date,end_date', 'P-1,KR-NDL-001,2026-12-10,2026-12-01', 'P-2,KR-NDL-002,2026-12-01,2026-12-07'),
    );
    expect(imported).toEqual([{ row: 2, column: 'end_date', message: 'The promotion ends (2026-12-01) before it starts (2026-12-10).' }]);
    expect(p.ready).toBe(false);
    expect(faults(p.errors)).toEqual(imported);
  });

  it('a file the import takes is still ready', async () => {
    const p = await preview(
      t.planner,
      'inbound_shipments',
      csv('shipment_id,sku,quantity,eta_date', 'INB-1,KR-NDL-001,120,2026-12-01', 'INB-4,KR-NDL-002,10,2026-12-09'),
    );
    expect(p.body.errors).toEqual([]);
    expect(p.body.ready).toBe(true);
  });
});
