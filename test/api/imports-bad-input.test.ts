// Every bad input of issue #3 gets a problem+json answer at upload or a failed import with
// row/column errors — and the data already stored is left exactly as it was.
import { Zip, ZipDeflate, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/api';
import { csv, english, freshTenant, importFile, preview, rowsOf, upload } from '../fixtures/imports/helpers';

let t: Awaited<ReturnType<typeof freshTenant>>;
const snapshot = () =>
  Promise.all([
    rowsOf("SELECT * FROM lots WHERE tenant_id = 'bad' ORDER BY lot_id"),
    rowsOf("SELECT * FROM order_lines WHERE tenant_id = 'bad' ORDER BY order_id, line"),
    rowsOf("SELECT * FROM movement_lines WHERE tenant_id = 'bad' ORDER BY movement_id, line"),
    rowsOf("SELECT * FROM products WHERE tenant_id = 'bad' ORDER BY sku"),
  ]);
let before: Awaited<ReturnType<typeof snapshot>>;

beforeAll(async () => {
  t = await freshTenant('bad');
  await importFile(
    t.admin,
    'inventory_lots',
    csv('lot_id,sku,warehouse,quantity_on_hand,received_date,expiration_date', 'L-OLD,KR-NDL-001,NJ1,40,2026-01-01,2026-12-31'),
  );
  await importFile(t.planner, 'orders', csv('order_id,customer_id,order_date,sku,quantity', 'SO-OLD,CUST-0001,2026-01-02,KR-NDL-001,3'));
  before = await snapshot();
});

const LOT_HEADER = 'lot_id,sku,warehouse,quantity_on_hand,received_date,expiration_date';
const ORDER_HEADER = 'order_id,customer_id,order_date,sku,quantity';

const refused = async (r: Awaited<ReturnType<typeof upload>>, status: number, detail: RegExp) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.headers.get('content-type')).toContain('application/problem+json');
  expect(r.body.detail).toMatch(detail);
};

describe('refused at upload with problem+json', () => {
  it('an empty file', async () => {
    await refused(await upload(t.planner, 'orders', ''), 422, /empty/);
    await refused(await upload(t.planner, 'orders', '\n\n  \n'), 422, /empty/);
  });

  it('a header without rows', async () => {
    await refused(await upload(t.planner, 'orders', csv(ORDER_HEADER)), 422, /header but no data rows/);
  });

  it('a wrong delimiter (the header reads as one column)', async () => {
    const r = await upload(t.planner, 'orders', csv(ORDER_HEADER.replaceAll(',', '|'), 'SO-1|CUST-0001|2026-01-01|KR-NDL-001|1'));
    await refused(r, 422, /header does not match/);
    expect(r.body.errors[0].message).toMatch(/use , ; or tab/);
  });

  it('a required column missing', async () => {
    const r = await upload(t.planner, 'orders', csv('order_id,customer_id,sku,quantity', 'SO-1,CUST-0001,KR-NDL-001,1'));
    await refused(r, 422, /header does not match/);
    expect(english(r.body.errors)).toEqual([
      expect.objectContaining({ row: 1, column: 'order_date', message: 'Required column "order_date" is missing.' }),
    ]);
  });

  it('duplicate columns', async () => {
    const r = await upload(t.planner, 'orders', csv(`${ORDER_HEADER},Quantity`, 'SO-1,CUST-0001,2026-01-01,KR-NDL-001,1,2'));
    await refused(r, 422, /header does not match/);
    expect(r.body.errors[0]).toMatchObject({
      row: 1,
      column: 'Quantity',
      message: expect.stringMatching(/appears twice \(columns 5 and 6\)/),
    });
  });

  it('10 MB of random bytes named .xlsx', async () => {
    const bytes = new Uint8Array(10 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
    bytes[0] = 0x41; // never a ZIP signature by chance
    await refused(await upload(t.planner, 'products', bytes, { name: 'products.xlsx' }), 422, /not a valid XLSX/);
    await refused(await upload(t.planner, 'products', bytes, { name: 'products.csv' }), 422, /not a text file/);
  });

  it('a ZIP bomb (an entry inflating past the cap) and a ZIP with a path-traversal entry', async () => {
    const parts: Uint8Array[] = [];
    const zip = new Zip((err, chunk) => {
      if (err) throw err;
      parts.push(chunk);
    });
    const entry = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 9 });
    zip.add(entry);
    const zeros = new Uint8Array(1024 * 1024);
    for (let i = 0; i < 80; i++) entry.push(zeros, i === 79);
    zip.end();
    const bomb = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (bomb.set(p, at), at + p.length), 0);
    expect(bomb.length).toBeLessThan(200_000); // 80 MB of XML in a small file
    await refused(await upload(t.planner, 'products', bomb, { name: 'bomb.xlsx' }), 422, /inflates to more than/);
    const traversal = zipSync({ '../../evil.xml': new TextEncoder().encode('<x/>') });
    await refused(await upload(t.planner, 'products', traversal, { name: 'evil.xlsx' }), 422, /unsafe path/);
    const notABook = zipSync({ 'products.csv': new TextEncoder().encode('sku,name\n') });
    await refused(await upload(t.planner, 'products', notABook, { name: 'products.xlsx' }), 422, /not a readable XLSX/);
  });

  it('a single line with a million columns', async () => {
    await refused(await upload(t.planner, 'orders', 'a,'.repeat(1_000_000) + '\n1\n'), 422, /longer than|columns/);
  });

  it('a file over the size limit: 413', async () => {
    const r = await upload(t.planner, 'orders', new Uint8Array(50 * 1024 * 1024 + 70 * 1024).fill(0x41));
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ status: 413, title: 'Payload Too Large' });
  });

  it('an unknown entity: 404', async () => {
    const r = await upload(t.planner, 'pallets', csv('a,b', '1,2'));
    expect(r.status).toBe(404);
    expect(r.body.detail).toMatch(/Unknown import entity "pallets"/);
    expect((await call('POST', '/api/imports/pallets/preview', { token: t.planner, raw: new FormData() })).status).toBe(404);
  });

  it('no file part, a non-multipart body, a malformed mapping, an unknown mode', async () => {
    expect((await call('POST', '/api/imports/orders', { token: t.planner, raw: new FormData() })).status).toBe(422);
    expect((await call('POST', '/api/imports/orders', { token: t.planner, body: { rows: [] } })).status).toBe(415);
    const r = await upload(t.planner, 'orders', csv(ORDER_HEADER, 'SO-1,CUST-0001,2026-01-01,KR-NDL-001,1'), {
      fields: { mapping: '{not json' },
    });
    expect(r.body).toMatchObject({ status: 422, errors: [{ path: 'mapping' }] });
    expect((await upload(t.planner, 'orders', csv(ORDER_HEADER, 'x,y,z,w,1'), { fields: { mode: 'merge' } })).status).toBe(422);
  });
});

describe('failed imports with row and column errors', () => {
  it('unknown SKU, warehouse or customer in lots and orders', async () => {
    const lots = await importFile(
      t.admin,
      'inventory_lots',
      csv(LOT_HEADER, 'L-1,KR-NOPE-1,NJ1,5,2026-01-01,2026-06-01', 'L-2,KR-NDL-001,XX9,5,2026-01-01,2026-06-01'),
    );
    expect(lots).toMatchObject({ status: 'failed', rowsFailed: 2, rowsOk: 0 });
    expect(english(lots.errors)).toEqual([
      { row: 2, column: 'sku', value: 'KR-NOPE-1', message: 'Unknown sku "KR-NOPE-1".' },
      { row: 3, column: 'warehouse', value: 'XX9', message: 'Unknown warehouse "XX9".' },
    ]);
    const orders = await importFile(
      t.planner,
      'orders',
      csv(ORDER_HEADER, 'SO-9,CUST-NOPE,2026-01-01,KR-NDL-001,1', 'SO-9,CUST-0001,2026-01-01,KR-NDL-002,1'),
    );
    expect(orders).toMatchObject({ status: 'failed', rowsFailed: 1, rowsOk: 1, message: expect.stringMatching(/nothing was imported/) });
    expect(lots.errors[0].messageKo).toBe('등록되지 않은 SKU "KR-NOPE-1".');
    expect(english(orders.errors)).toEqual([
      { row: 2, column: 'customer_id', value: 'CUST-NOPE', message: 'Unknown customer "CUST-NOPE".' },
    ]);
  });

  it('names a row’s unknown SKU beside its bad number in the same round, in the preview and the import', async () => {
    // The unknown SKU was reported only after the quantity was fixed and the file sent again.
    const file = csv(LOT_HEADER, 'L-3,KR-NOPE-2,NJ1,five,2026-01-01,2026-06-01');
    const want = [
      expect.objectContaining({ row: 2, column: 'quantity_on_hand', value: 'five' }),
      { row: 2, column: 'sku', value: 'KR-NOPE-2', message: 'Unknown sku "KR-NOPE-2".' },
    ];
    expect(english((await preview(t.admin, 'inventory_lots', file)).body.errors)).toEqual(want);
    const r = await importFile(t.admin, 'inventory_lots', file);
    expect(r).toMatchObject({ status: 'failed', rowsFailed: 1, errorCount: 2 });
    expect(english(r.errors)).toEqual(want);
  });

  it('negative or fractional quantities where whole units are required', async () => {
    const r = await importFile(
      t.planner,
      'orders',
      csv(
        ORDER_HEADER,
        'SO-N,CUST-0001,2026-01-01,KR-NDL-001,-5',
        'SO-N,CUST-0001,2026-01-01,KR-NDL-002,1.5',
        'SO-N,CUST-0001,2026-01-01,KR-KIM-001,0',
      ),
    );
    expect(r.status).toBe('failed');
    expect(r.errors.map((e: { row: number; column: string; message: string }) => [e.row, e.column, e.message])).toEqual([
      [2, 'quantity', 'Must be at least 1.'],
      [3, 'quantity', 'Not a whole number; use whole units.'],
      [4, 'quantity', 'Must be at least 1.'],
    ]);
  });

  it('a row’s every bad cell in one round: an unreadable number beside a number out of range', async () => {
    // Only the shelf life was reported; the negative case size came after it was fixed.
    const file = csv('sku,name,shelf_life_days,case_size', 'P-BAD,Bad Item,abc,-8');
    const want = [
      expect.objectContaining({ row: 2, column: 'shelf_life_days', value: 'abc' }),
      expect.objectContaining({ row: 2, column: 'case_size', value: '-8' }),
    ];
    expect(english((await preview(t.planner, 'products', file)).body.errors)).toEqual(want);
    expect((await importFile(t.planner, 'products', file)).errors).toEqual(want);
  });

  it('expiration before receipt, and impossible dates', async () => {
    const r = await importFile(
      t.admin,
      'inventory_lots',
      csv(
        LOT_HEADER,
        'L-E1,KR-NDL-001,NJ1,5,2026-05-01,2026-04-01',
        'L-E2,KR-NDL-001,NJ1,5,2026-02-30,2026-06-01',
        'L-E3,KR-NDL-001,NJ1,5,2026-01-01,31/31/2026',
      ),
    );
    expect(r.status).toBe('failed');
    expect(english(r.errors)).toEqual([
      expect.objectContaining({ row: 2, column: 'expiration_date', message: 'Expiration 2026-04-01 is not after receipt 2026-05-01.' }),
      expect.objectContaining({ row: 3, column: 'received_date', value: '2026-02-30', message: '"2026-02-30" is not a real date.' }),
      expect.objectContaining({ row: 4, column: 'expiration_date', value: '31/31/2026' }),
    ]);
  });

  it('the same key twice in one file: the preview says so, the import fails with it, counted once', async () => {
    // An order may repeat a SKU on several lines (each is demand), but not a line number.
    const file = csv(
      `${ORDER_HEADER},line`,
      'SO-D,CUST-0001,2026-01-01,KR-NDL-001,1,1',
      'SO-D,CUST-0001,2026-01-01,KR-NDL-002,1,2',
      'so-d,CUST-0001,2026-01-01,KR-NDL-001,7,1',
    );
    const error = {
      row: 4,
      column: 'order_id',
      value: 'so-d / 1',
      message: 'Same order_id and line as row 2 (keys ignore letter case); each may appear once per file.',
    };
    // The preview said "ready" and the import then failed on the repeated key.
    const p = await preview(t.planner, 'orders', file);
    expect(p.body).toMatchObject({ ready: false, errors: [error] });
    const r = await importFile(t.planner, 'orders', file);
    expect(r).toMatchObject({ status: 'failed', rowsFailed: 1 });
    expect(english(r.errors)).toEqual([error]);
    // It was counted twice (errorCount 2, errorsTruncated with one error stored).
    expect(r).toMatchObject({ errorCount: 1, errorsTruncated: false });
  });

  it('two subtotal lines are report lines, not a repeated key', async () => {
    const p = await preview(
      t.planner,
      'orders',
      csv(
        `${ORDER_HEADER},line`,
        'SO-E,CUST-0001,2026-01-01,KR-NDL-001,1,1',
        'Subtotal,,,,1,',
        'SO-F,CUST-0001,2026-01-01,KR-NDL-001,2,1',
        'Subtotal,,,,2,',
      ),
    );
    expect(p.body).toMatchObject({ ready: true, errors: [] });
  });

  it('the same lot (SKU, lot number, warehouse) twice in one file, in another letter case', async () => {
    const r = await importFile(
      t.admin,
      'inventory_lots',
      csv(LOT_HEADER, 'L-NEW,KR-NDL-002,NJ1,40,2026-01-01,2026-12-31', 'l-new,kr-ndl-002,nj1,4,2026-01-01,2026-12-31'),
    );
    expect(r.status).toBe('failed');
    expect(english(r.errors)).toEqual([
      expect.objectContaining({ row: 3, column: 'lot_id', message: expect.stringMatching(/^Same lot_id, sku and warehouse as row 2/) }),
    ]);
  });

  it('an unbalanced quote swallowing the rest of the file', async () => {
    const tail = Array.from({ length: 40_000 }, (_, i) => `SO-${i},CUST-0001,2026-01-01,KR-NDL-001,1`);
    const r = await importFile(t.planner, 'orders', csv(ORDER_HEADER, '"SO-Q,CUST-0001,2026-01-01,KR-NDL-001,1', ...tail));
    expect(r.status).toBe('failed');
  });

  it('leaves every stored row, lot and ledger line exactly as before', async () => {
    expect(await snapshot()).toEqual(before);
  });
});

describe('tolerated', () => {
  it('blank lines and repeated header rows in the middle of a file are skipped, not errors', async () => {
    const r = await importFile(
      t.planner,
      'orders',
      csv(ORDER_HEADER, 'SO-B,CUST-0001,2026-02-01,KR-NDL-001,1', '', ',,,,', ORDER_HEADER, ' ', 'SO-B,CUST-0001,2026-02-01,KR-NDL-002,2'),
    );
    expect(r).toMatchObject({ status: 'done', rowsOk: 2, rowsFailed: 0, rowsSkipped: 4 });
  });
});
