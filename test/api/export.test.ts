// Exports: template columns, CSV streamed in pages, formula injection escaped while numbers stay
// numbers (a -5 adjustment is a number), XLSX cells typed, exports re-import, read-only roles.
import * as XLSX from '@e965/xlsx/xlsx.mjs';
import { exports } from 'cloudflare:workers';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/api';
import { csv, freshTenant, importFile, rowsOf } from '../fixtures/imports/helpers';

let t: Awaited<ReturnType<typeof freshTenant>>;
beforeAll(async () => {
  t = await freshTenant('exp');
  await importFile(
    t.planner,
    'products',
    csv(
      'sku,name,shelf_life_days,unit_cost,supplier',
      'KR-EXP-1,=HYPERLINK("http://evil"),365,1.5,"Han, River"',
      'KR-EXP-2,-plain minus,60,2,@vendor',
    ),
  );
  await importFile(
    t.admin,
    'inventory_lots',
    csv('lot_id,sku,warehouse,quantity_on_hand,received_date,expiration_date,unit_cost', 'LE-1,KR-EXP-1,NJ1,20,2026-01-01,2026-12-01,1.5'),
  );
  await call('POST', '/api/movements', {
    token: t.admin,
    body: { type: 'ADJUST', sku: 'KR-EXP-1', lotId: 'LE-1', quantity: -5, reason: '-5 damaged in transit' },
  });
});

const raw = async (path: string, token = t.auditor) =>
  exports.default.fetch(new Request(`http://lotwise.test${path}`, { headers: { authorization: `Bearer ${token}` } }));
const csvRows = async (path: string) => {
  const res = await raw(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/csv');
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so Excel reads UTF-8
  const text = new TextDecoder().decode(bytes); // (drops the BOM)
  return { text, rows: Papa.parse<string[]>(text.trim()).data };
};

describe('CSV exports', () => {
  it('writes products in the template columns with formula-looking text escaped', async () => {
    const { text, rows } = await csvRows('/api/export/products.csv');
    expect(rows[0]).toEqual([
      'sku',
      'name',
      'category',
      'case_size',
      'shelf_life_days',
      'unit_cost',
      'unit_price',
      'lead_time_days',
      'moq',
      'supplier',
      'lead_time_sd_days',
      'min_remaining_shelf_life_days',
      'safety_stock',
      'reorder_point',
      'archived',
    ]);
    const byS = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
    expect(byS['KR-EXP-1'][1]).toBe(`'=HYPERLINK("http://evil")`);
    expect(byS['KR-EXP-1'][9]).toBe('Han, River');
    expect(byS['KR-EXP-2'][1]).toBe("'-plain minus");
    expect(byS['KR-EXP-2'][9]).toBe("'@vendor");
    expect(text).toContain('KR-EXP-1,"\'=HYPERLINK(""http://evil"")",,1,365,1.5,'); // numbers unquoted
  });

  it('writes movements one line per lot, the ADJUST quantity as the number -5 and the reason escaped', async () => {
    const { text, rows } = await csvRows('/api/export/movements.csv');
    const adjust = rows.find((r) => r[2] === 'ADJUST')!;
    expect(adjust.slice(2, 9)).toEqual(['ADJUST', 'KR-EXP-1', 'LE-1', 'NJ1', '-5', "'-5 damaged in transit", '']);
    expect(text).toMatch(/,ADJUST,KR-EXP-1,LE-1,NJ1,-5,'-5 damaged in transit,/);
    expect(rows.find((r) => r[2] === 'IN')!.slice(2, 7)).toEqual(['IN', 'KR-EXP-1', 'LE-1', 'NJ1', '20']);
  });

  it('pages through more rows than one page, in key order, without repeats, within a date range', async () => {
    const lines = Array.from(
      { length: 4500 },
      (_, i) => `SO-${String(i).padStart(5, '0')},CUST-0001,2026-0${1 + (i % 3)}-15,KR-NDL-00${1 + (i % 2)},${1 + (i % 5)}`,
    );
    expect((await importFile(t.planner, 'orders', csv('order_id,customer_id,order_date,sku,quantity', ...lines))).status).toBe('done');
    const all = (await csvRows('/api/export/orders.csv')).rows.slice(1);
    expect(all).toHaveLength(4500);
    expect(new Set(all.map((r) => r[0])).size).toBe(4500);
    expect(all.map((r) => r[0])).toEqual([...all.map((r) => r[0])].sort());
    const feb = (await csvRows('/api/export/orders.csv?from=2026-02-01&to=2026-02-28')).rows.slice(1);
    expect(feb).toHaveLength(1500);
    expect(feb.every((r) => r[2] === '2026-02-15')).toBe(true);
  });

  it('re-imports its own export unchanged', async () => {
    const before = await rowsOf("SELECT sku, name, supplier, unit_cost FROM products WHERE tenant_id = 'exp' ORDER BY sku");
    const { text } = await csvRows('/api/export/products.csv');
    const r = await importFile(t.planner, 'products', text);
    expect(r).toMatchObject({ status: 'done', rowsFailed: 0 });
    expect(await rowsOf("SELECT sku, name, supplier, unit_cost FROM products WHERE tenant_id = 'exp' ORDER BY sku")).toEqual(before);
  });
});

describe('XLSX exports', () => {
  it('types numbers as numeric cells and keeps formula-looking text as plain text', async () => {
    const res = await raw('/api/export/lots.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('lots.xlsx');
    const sheet = XLSX.read(new Uint8Array(await res.arrayBuffer()), { type: 'array' }).Sheets.lots;
    expect(sheet.A1.v).toBe('lot_id');
    expect(sheet.D2).toMatchObject({ t: 'n', v: 15 });
    expect(sheet.G2).toMatchObject({ t: 'n', v: 1.5 });
    const products = XLSX.read(new Uint8Array(await (await raw('/api/export/products.xlsx')).arrayBuffer()), { type: 'array' }).Sheets
      .products;
    expect(products.B2).toMatchObject({ t: 's', v: '=HYPERLINK("http://evil")' });
    expect(products.B2.f).toBeUndefined();
    const movements = XLSX.read(new Uint8Array(await (await raw('/api/export/movements.xlsx')).arrayBuffer()), { type: 'array' }).Sheets
      .movements;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(movements, { header: 1 });
    expect(rows.find((r) => r[2] === 'ADJUST')![6]).toBe(-5);
  });
});

describe('access and errors', () => {
  it('lets every role of the tenant export, and nobody without a token', async () => {
    for (const role of ['staff', 'auditor', 'approver'] as const)
      expect((await raw('/api/export/inbound_shipments.csv', t[role])).status).toBe(200);
    expect((await call('GET', '/api/export/products.csv')).status).toBe(401);
  });

  it('answers 404 for what it does not export', async () => {
    expect((await call('GET', '/api/export/users.csv', { token: t.admin })).status).toBe(404);
    expect((await call('GET', '/api/export/products.json', { token: t.admin })).status).toBe(404);
  });

  it("exports only the caller's tenant", async () => {
    const other = await freshTenant('exp-other', false);
    const res = await raw('/api/export/products.csv', other.auditor);
    expect((await res.text()).trim().split('\r\n')).toHaveLength(1);
  });

  it('serves every error of an import as escaped CSV while the status shows the first 1,000', async () => {
    const bad = Array.from({ length: 1200 }, (_, i) => `=cmd|${i},CUST-0001,2026-01-01,KR-NDL-001,1`);
    const r = await importFile(t.planner, 'orders', csv('order_id,customer_id,order_date,sku,quantity', ...bad));
    expect(r).toMatchObject({ status: 'failed', rowsFailed: 1200, errorCount: 1200, errorsTruncated: true });
    expect(r.errors).toHaveLength(1000);
    const res = await raw(`/api/imports/${r.id}/errors.csv`, t.planner);
    expect(res.headers.get('content-disposition')).toContain(`import-${r.id}-errors.csv`);
    const rows = Papa.parse<string[]>((await res.text()).trim()).data;
    expect(rows).toHaveLength(1201);
    expect(rows[0]).toEqual(['row', 'column', 'value', 'message']);
    expect(rows[1].slice(0, 3)).toEqual(['2', 'order_id', "'=cmd|0"]);
  });
});
