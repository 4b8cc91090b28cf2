// The preview judges every row of the file, not only the rows it shows: a fault far below the first
// rows (an unknown SKU, a bad number, a shipment line below what was received, a receipt that
// over-receives together with a row far above it, a promotion past the first megabyte) is in the
// preview with its row, as the import then reports it. The answer stays bounded: the first 20 rows
// shown, the first 100 errors listed in row order, and the count of them all.
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../worker/data/db';
import { recordChecks } from '../../worker/imports/checks';
import { ENTITIES } from '../../worker/imports/entities';
import { PART_BYTES } from '../../worker/imports/staged-sql';
import { csv, freshTenant, importFile, preview } from '../fixtures/imports/helpers';

let t: Awaited<ReturnType<typeof freshTenant>>;
const T = 'preview-every-row';

type Fault = { row: number; column: string; message: string };
const faults = (errors: Fault[]) => errors.map(({ row, column, message }) => ({ row, column, message }));

interface PreviewBody {
  ready: boolean;
  rows: { row: number }[];
  rowsTotal: number;
  errors: (Fault & { messageKo: string | null })[];
  errorCount: number;
  errorsTruncated: boolean;
}

async function previewed(token: string, entity: string, file: string) {
  const p = await preview(token, entity, file);
  expect(p.status, JSON.stringify(p.body).slice(0, 2000)).toBe(200);
  return p.body as PreviewBody;
}

const lot = (i: number, sku = 'KR-NDL-001') => `${sku},LOT-${i},NJ1,10,2026-11-01,2027-05-01`;

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
    ),
  );
  expect(r.status).toBe('done');
  // 60 of INB-1's KR-NDL-001 are in (40 open); INB-1 names its destination.
  await env.DB.prepare(
    `UPDATE inbound_shipments SET quantity_received = 60 WHERE tenant_id = ? AND shipment_id = 'INB-1' AND sku = 'KR-NDL-001'`,
  )
    .bind(T)
    .run();
  await env.DB.prepare(`UPDATE inbound_shipments SET warehouse = 'NJ1' WHERE tenant_id = ? AND shipment_id = 'INB-1'`).bind(T).run();
});

describe('the preview judges every row of the file', () => {
  it('a 60-row lots file whose row 45 names an unknown SKU: the preview names row 45, as the import does', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => lot(i + 2, i + 2 === 45 ? 'NOPE-045' : 'KR-NDL-001'));
    const file = csv('sku,lot_id,warehouse,quantity_on_hand,received_date,expiration_date', ...lines);
    const p = await previewed(t.admin, 'inventory_lots', file);
    expect(p.ready).toBe(false);
    expect(faults(p.errors)).toEqual([{ row: 45, column: 'sku', message: 'Unknown sku "NOPE-045".' }]);
    expect(p.errors[0].messageKo).toBe('등록되지 않은 SKU "NOPE-045".');
    expect(p.rows).toHaveLength(20);
    expect(p.rowsTotal).toBe(60);
    expect(p.errorCount).toBe(1);
    expect(p.errorsTruncated).toBe(false);
    const imported = await importFile(t.admin, 'inventory_lots', file);
    expect(imported.status).toBe('failed');
    expect(faults(imported.errors as Fault[])).toEqual(faults(p.errors));
  });

  it('a file with 300 bad rows: the count of all 300, the first 100 listed in row order', async () => {
    const lines = Array.from({ length: 320 }, (_, i) => `QA-BAD-${i},Product ${i},${i < 300 ? 'soon' : 30},1`);
    const file = csv('sku,name,shelf_life_days,case_size', ...lines);
    const p = await previewed(t.planner, 'products', file);
    expect(p.ready).toBe(false);
    expect(p.errors.map((e) => e.row)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    expect(p.errors[99]).toMatchObject({ row: 101, column: 'shelf_life_days', message: '"soon" is not a number.' });
    expect(p.errorCount).toBe(300);
    expect(p.errorsTruncated).toBe(true);
    expect(p.rowsTotal).toBe(320);
    expect(p.rows).toHaveLength(20);
    // The import counts the same 300.
    const imported = await importFile(t.planner, 'products', file);
    expect(imported.status).toBe('failed');
    expect(imported.errorCount).toBe(300);
    expect(faults((imported.errors as Fault[]).slice(0, 100))).toEqual(faults(p.errors));
  });

  it('a shipments file whose row 35 lowers a line below what was received (a check against stored records)', async () => {
    const lines = Array.from({ length: 40 }, (_, i) =>
      i + 2 === 35 ? 'INB-1,KR-NDL-001,40,2026-12-01,in_transit' : `INB-9${i},KR-NDL-002,10,2026-12-09,planned`,
    );
    const file = csv('shipment_id,sku,quantity,eta_date,status', ...lines);
    const p = await previewed(t.planner, 'inbound_shipments', file);
    expect(p.ready).toBe(false);
    expect(faults(p.errors)).toEqual([
      {
        row: 35,
        column: 'quantity',
        message: '60 units of KR-NDL-001 on shipment INB-1 were already received; the quantity cannot be lower.',
      },
    ]);
    expect(p.errorCount).toBe(1);
    expect(p.rowsTotal).toBe(40);
    const imported = await importFile(t.planner, 'inbound_shipments', file);
    expect(imported.status).toBe('failed');
    expect(faults(imported.errors as Fault[])).toEqual(faults(p.errors));
  });

  it('a receipts file whose rows 3 and 51 together receive more than is open', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => {
      const row = i + 2;
      if (row === 3 || row === 51) return `INB-1,KR-NDL-001,G-${row},2027-06-01,25,NJ1`; // 50 of 40 open
      return `INB-1,KR-NDL-002,G-${row},2027-06-01,1,NJ1`;
    });
    const file = csv('shipment_id,sku,lot_id,expiration_date,quantity,warehouse', ...lines);
    const p = await previewed(t.admin, 'receipts', file);
    expect(p.ready).toBe(false);
    const want = 'Shipment INB-1 expects 40 more of KR-NDL-001; the file receives 50.';
    expect(faults(p.errors)).toEqual([
      { row: 3, column: 'quantity', message: want },
      { row: 51, column: 'quantity', message: want },
    ]);
    expect(p.rowsTotal).toBe(50);
    const imported = await importFile(t.admin, 'receipts', file);
    expect(imported.status).toBe('failed');
    expect(faults(imported.errors as Fault[])).toEqual(faults(p.errors));
  });

  it('a promotions file past the first megabyte whose last row ends before it starts: its rows go to D1 in several parts', async () => {
    const n = 30_000;
    const lines = Array.from({ length: n }, (_, i) =>
      i === n - 1 ? `P-${i},KR-NDL-001,2026-12-10,2026-12-01` : `P-${i},KR-NDL-001,2026-12-01,2026-12-07`,
    );
    const file = csv('promotion_id,sku,start_date,end_date', ...lines);
    expect(file.length).toBeGreaterThan(1024 * 1024);
    // The valid rows as staged JSON are more than one part holds.
    const staged = JSON.stringify([
      n,
      ...ENTITIES.promotions.fields.map((_, k) => ['P-1', 'KR-NDL-001', '2026-12-01', '2026-12-07'][k] ?? null),
    ]);
    expect(staged.length * n).toBeGreaterThan(PART_BYTES);
    const p = await previewed(t.planner, 'promotions', file);
    expect(p.ready).toBe(false);
    expect(faults(p.errors)).toEqual([
      { row: n + 1, column: 'end_date', message: 'The promotion ends (2026-12-01) before it starts (2026-12-10).' },
    ]);
    expect(p.rowsTotal).toBe(n);
    expect(p.rows).toHaveLength(20);
    expect(p.errorCount).toBe(1);
  });

  it('a file the import takes, however long, is still ready', async () => {
    const lines = Array.from({ length: 150 }, (_, i) => lot(i + 1000));
    const p = await previewed(
      t.admin,
      'inventory_lots',
      csv('sku,lot_id,warehouse,quantity_on_hand,received_date,expiration_date', ...lines),
    );
    expect(p).toMatchObject({ ready: true, rowsTotal: 150, errors: [], errorCount: 0, errorsTruncated: false });
    expect(p.rows).toHaveLength(20);
  });
});

describe('the checks against stored records over rows in several parts', () => {
  it('judge the parts as one relation: two rows in different parts over-receive together', async () => {
    const entity = ENTITIES.receipts;
    // [row, ...fields] in the entity's order.
    const staged = (row: number, sku: string, quantity: number) => {
      const v: Record<string, string | number> = {
        shipment_id: 'INB-1',
        sku,
        lot_id: `G-${row}`,
        expiration_date: '2027-06-01',
        quantity,
        warehouse: 'NJ1',
      };
      return [row, ...entity.fields.map((f) => v[f.name] ?? null)];
    };
    const rows = [staged(2, 'KR-NDL-001', 25), staged(3, 'KR-NDL-002', 1), staged(4, 'KR-NDL-001', 25)];
    const ctx = { tenantId: T, today: '2026-12-02', mayReceive: true };
    const db = createDb(env);
    const split = await recordChecks(db, { entity, parts: rows.map((r) => JSON.stringify([r])) }, ctx, 100);
    const whole = await recordChecks(db, { entity, parts: [JSON.stringify(rows)] }, ctx, 100);
    expect(split.map((e) => [e.row, e.column])).toEqual([
      [2, 'quantity'],
      [4, 'quantity'],
    ]);
    expect(split).toEqual(whole);
  });
});
