// The real-world cases (../shared/cases/real-world, copied into test/fixtures/real-world) through
// the real upload → queue → D1 path: each imports to the values its README calls right, and each
// kind has its own test beyond the case file. Binary fixtures are stored base64 (*.b64).
import * as XLSX from '@e965/xlsx/xlsx.mjs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import cp949B64 from '../fixtures/real-world/02-legacy-encoding/products-cp949.csv.b64?raw';
import utf8Products from '../fixtures/real-world/02-legacy-encoding/products-utf8.csv?raw';
import zerosB64 from '../fixtures/real-world/03-xlsx-leading-zeros/products.xlsx.b64?raw';
import lots1904B64 from '../fixtures/real-world/04-xlsx-1904/lots-1904.xlsx.b64?raw';
import products1904 from '../fixtures/real-world/04-xlsx-1904/products.csv?raw';
import lotsEu from '../fixtures/real-world/05-thousands-marks/lots-eu.csv?raw';
import productsEu from '../fixtures/real-world/05-thousands-marks/products.csv?raw';
import titleRows from '../fixtures/real-world/12-report-layout/lots-title-rows.csv?raw';
import totalRow from '../fixtures/real-world/12-report-layout/lots-total-row.csv?raw';
import { csv, english, freshTenant, importFile, preview, rowsOf, upload } from '../fixtures/imports/helpers';

const bytes = (b64: string) => Uint8Array.from(atob(b64.replace(/\s/g, '')), (c) => c.charCodeAt(0));
const TENANT = 'realw';
let t: Awaited<ReturnType<typeof freshTenant>>;
beforeAll(async () => {
  t = await freshTenant(TENANT);
});

const products = (like: string) =>
  rowsOf<{ sku: string; name: string; category: string }>(
    `SELECT sku, name, category FROM products WHERE tenant_id = '${TENANT}' AND sku LIKE ? ORDER BY sku`,
    like,
  );
const lots = (like: string) =>
  rowsOf(
    `SELECT lot_id, sku, warehouse, quantity_on_hand, received_date, expiration_date, unit_cost FROM lots
     WHERE tenant_id = '${TENANT}' AND lot_id LIKE ? ORDER BY lot_id`,
    like,
  );
function workbook(sheets: Record<string, unknown[][]>, date1904 = false) {
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name);
  if (date1904) book.Workbook = { ...book.Workbook, WBProps: { date1904: true } };
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

describe('02 legacy encodings', () => {
  it('imports a CP949 (Korean Excel) CSV with the same names as its UTF-8 twin', async () => {
    const r = await importFile(t.planner, 'products', bytes(cp949B64), { name: 'products-cp949.csv' });
    expect(r.status, JSON.stringify(r.errors)).toBe('done');
    const want = utf8Products
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .map(([sku, name, category]) => ({ sku, name, category }));
    expect(await products('QA-KR-%')).toEqual(want);
    expect(want[0].name).toBe('신라면 120g x5');
  });

  it.each([
    ['shift_jis', 'sku,name,shelf_life_days\nQA-JP-1,サッポロ一番 みそラーメン,180\nQA-JP-2,日清焼そば 100g,120\n'],
    ['gb18030', 'sku,name,shelf_life_days\nQA-CN-1,康师傅红烧牛肉面,180\nQA-CN-2,老干妈风味豆豉,365\n'],
    ['utf-16be', 'sku,name,shelf_life_days\nQA-BE-1,김치 1kg,90\n'],
  ])('detects and imports %s text', async (encoding, text) => {
    const file = new Uint8Array(iconv.encode(text, encoding, { addBOM: encoding === 'utf-16be' }));
    const r = await importFile(t.planner, 'products', file);
    expect(r.status, JSON.stringify(r.errors)).toBe('done');
    const [, ...rows] = text.trim().split('\n');
    for (const line of rows) {
      const [sku, name] = line.split(',');
      expect((await products(sku))[0]?.name).toBe(name);
    }
  });

  it('shows candidates with samples when the encoding cannot be told, refuses to guess, and imports with an explicit encoding', async () => {
    const file = new Uint8Array(iconv.encode('sku,name,shelf_life_days\nQA-UN-1,酱,30\n', 'gb18030'));
    const p = await preview(t.planner, 'products', file);
    expect(p.status).toBe(200);
    expect(p.body.ready).toBe(false);
    expect(p.body.encoding).toBeUndefined();
    const candidates = p.body.encodingCandidates as { encoding: string; sample: string }[];
    // The best reading first; the others in any order, each with its sample.
    expect(candidates[0].encoding).toBe('gb18030');
    expect(candidates.map((c) => c.encoding).sort()).toEqual(['euc-kr', 'gb18030', 'windows-1252']);
    expect(candidates[0].sample).toContain('酱');
    expect(candidates.find((c) => c.encoding === 'euc-kr')!.sample).toContain('슈');
    const refused = await upload(t.planner, 'products', file);
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toMatch(/encoding/);
    expect(await products('QA-UN-%')).toEqual([]);
    const r = await importFile(t.planner, 'products', file, { fields: { encoding: 'GBK' } });
    expect(r.status).toBe('done');
    expect((await products('QA-UN-1'))[0].name).toBe('酱');
  });
});

describe('03 XLSX identifiers as displayed', () => {
  it('takes 00456 (the number 456 formatted 00000) as the SKU', async () => {
    const r = await importFile(t.planner, 'products', bytes(zerosB64), { name: 'products.xlsx' });
    expect(r.status, JSON.stringify(r.errors)).toBe('done');
    expect(await products('%456')).toEqual([{ sku: '00456', name: 'QA zero-padded item (Excel shows 00456)', category: 'QA' }]);
  });

  it('refuses an identifier shown in scientific notation and keeps every digit of numbers', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['sku', 'name', 'shelf_life_days', 'unit_cost'],
      [8801043012345, 'Long barcode id', 30, 1.23456789012345],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'products');
    const file = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const r = await importFile(t.planner, 'products', file, { name: 'p.xlsx' });
    expect(r.status).toBe('failed');
    expect(r.errors[0]).toMatchObject({
      row: 2,
      column: 'sku',
      value: '8.80104E+12',
      message: expect.stringMatching(/scientific notation/),
    });
    const fixed = workbook({
      products: [
        ['sku', 'name', 'shelf_life_days', 'unit_cost'],
        ['QA-PREC-1', 'Precise', 30, 1.23456789012345],
      ],
    });
    expect((await importFile(t.planner, 'products', fixed, { name: 'p.xlsx' })).status).toBe('done');
    expect((await rowsOf(`SELECT unit_cost FROM products WHERE tenant_id = '${TENANT}' AND sku = 'QA-PREC-1'`))[0]).toEqual({
      unit_cost: 1.23456789012345,
    });
  });
});

describe('04 XLSX 1904 date system', () => {
  it('reads the dates Excel shows in a 1904 workbook', async () => {
    expect((await importFile(t.planner, 'products', products1904)).status).toBe('done');
    const r = await importFile(t.admin, 'inventory_lots', bytes(lots1904B64), { name: 'lots-1904.xlsx' });
    expect(r.status, JSON.stringify(r.errors)).toBe('done');
    expect(await lots('QA-1904-%')).toEqual([
      expect.objectContaining({ lot_id: 'QA-1904-A', received_date: '2026-11-20', expiration_date: '2027-03-15', quantity_on_hand: 7 }),
    ]);
  });

  it('reads General-format serials in a date column with the workbook date system too', async () => {
    const file = workbook(
      {
        lots: [
          ['lot_id', 'sku', 'warehouse', 'quantity_on_hand', 'received_date', 'expiration_date'],
          ['QA-1904-G', 'KR-NDL-001', 'NJ1', 3, 44884, 44999],
        ],
      },
      true,
    );
    const r = await importFile(t.admin, 'inventory_lots', file, { name: 'g.xlsx' });
    expect(r.status, JSON.stringify(r.errors)).toBe('done');
    expect(await lots('QA-1904-G')).toEqual([expect.objectContaining({ received_date: '2026-11-20', expiration_date: '2027-03-15' })]);
  });
});

describe('05 number marks per file', () => {
  it('reads 1.000 as 1000 and 2,36 as 2.36 in a decimal-comma file', async () => {
    expect((await importFile(t.planner, 'products', productsEu)).status).toBe('done');
    const r = await importFile(t.admin, 'inventory_lots', lotsEu, { fields: { dateOrder: 'dmy' } });
    expect(r.status, JSON.stringify(r.errors)).toBe('done');
    expect(await lots('QA-EU-L%')).toEqual([
      expect.objectContaining({ lot_id: 'QA-EU-L1', quantity_on_hand: 1000, unit_cost: 2.36, expiration_date: '2027-05-15' }),
      expect.objectContaining({ lot_id: 'QA-EU-L2', quantity_on_hand: 2500, unit_cost: 2.4, expiration_date: '2027-05-16' }),
    ]);
  });

  it('refuses a file whose numbers prove no decimal mark, with the rows, until the decimal option settles it', async () => {
    const file = csv('sku;name;shelf_life_days;unit_cost', 'QA-AMB-1;Ambiguous;30;1.500', 'QA-AMB-2;Ambiguous 2;30;2.250');
    const p = await preview(t.planner, 'products', file);
    expect(p.body.ready).toBe(false);
    expect(english(p.body.errors)).toEqual([
      expect.objectContaining({ row: 2, column: 'unit_cost', value: '1.500', message: expect.stringMatching(/choose decimal/) }),
      expect.objectContaining({ row: 3, column: 'unit_cost', value: '2.250' }),
    ]);
    expect((await upload(t.planner, 'products', file)).status).toBe(422);
    expect((await importFile(t.planner, 'products', file, { fields: { decimal: ',' } })).status).toBe('done');
    expect(await rowsOf(`SELECT sku, unit_cost FROM products WHERE tenant_id = '${TENANT}' AND sku LIKE 'QA-AMB-%' ORDER BY sku`)).toEqual([
      { sku: 'QA-AMB-1', unit_cost: 1500 },
      { sku: 'QA-AMB-2', unit_cost: 2250 },
    ]);
  });

  it('refuses a file that mixes decimal marks instead of reading each cell its own way', async () => {
    const file = csv('sku,name,shelf_life_days,unit_cost', 'QA-MIX-1,A,30,"2,36"', 'QA-MIX-2,B,30,1.5');
    const r = await upload(t.planner, 'products', file);
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e: { row: number }) => e.row).sort()).toEqual([2, 3]);
  });
});

describe('12 report layouts', () => {
  it('finds the header below title lines, previews which row it took and the rows it skipped, and loads the lots', async () => {
    const p = await preview(t.admin, 'inventory_lots', titleRows);
    expect(p.body).toMatchObject({ headerRow: 4, ready: true });
    expect(english(p.body.skipped)).toEqual([
      { row: 1, reason: expect.stringMatching(/above the header/), text: 'Inventory on hand by lot' },
      { row: 2, reason: expect.stringMatching(/above the header/), text: 'Printed 2026-11-30 08:12' },
      { row: 3, reason: 'blank row above the header', text: '' },
    ]);
    expect(p.body.rows.map((r: { row: number }) => r.row)).toEqual([5, 6]);
    const r = await importFile(t.admin, 'inventory_lots', titleRows);
    expect(r, JSON.stringify(r.errors)).toMatchObject({ status: 'done', rowsOk: 2, rowsFailed: 0, rowsSkipped: 3 });
    expect(await lots('LO-T%')).toEqual([
      {
        lot_id: 'LO-T1',
        sku: 'KR-NDL-001',
        warehouse: 'NJ1',
        quantity_on_hand: 10,
        received_date: '2026-11-20',
        expiration_date: '2027-05-20',
        unit_cost: 4.1,
      },
      {
        lot_id: 'LO-T2',
        sku: 'KR-NDL-001',
        warehouse: 'CA1',
        quantity_on_hand: 5,
        received_date: '2026-11-21',
        expiration_date: '2027-05-21',
        unit_cost: 4.1,
      },
    ]);
  });

  it('skips a Total row and reports it as skipped with its reason, not as an error', async () => {
    const p = await preview(t.admin, 'inventory_lots', totalRow);
    expect(p.body).toMatchObject({ ready: true, errors: [], skipped: [{ row: 4, reason: 'total line ("Total")', text: 'Total | 15' }] });
    const r = await importFile(t.admin, 'inventory_lots', totalRow);
    expect(r, JSON.stringify(r.errors)).toMatchObject({ status: 'done', rowsOk: 2, rowsFailed: 0, errorCount: 0 });
    expect(english(r.skippedRows)).toEqual([{ row: 4, reason: 'total line ("Total")', text: 'Total | 15' }]);
    expect((await lots('LO-S%')).map((l) => l.quantity_on_hand)).toEqual([10, 5]);
  });

  it('finds the header of an XLSX sheet below a title and skips subtotals, grand totals in other languages, page and printed lines', async () => {
    const file = workbook({
      Notes: [['Exported from ERP']],
      'Stock by lot': [
        ['재고 현황 (lot)'],
        ['Warehouse: all', '', 'Date: 2026-11-30'],
        [],
        ['Lot No', 'Item Code', 'Whse', 'On Hand', 'Received', 'Expiry'],
        ['LO-X1', 'KR-NDL-001', 'NJ1', 4, '2026-11-20', '2027-05-20'],
        ['소계', '', '', 4],
        ['LO-X2', 'KR-NDL-002', 'CA1', 6, '2026-11-21', '2027-05-21'],
        ['Subtotal CA1', '', '', 6],
        [],
        ['合計', '', '', 10],
        ['Page 1 of 1'],
        ['Printed by: planner at 2026-11-30 08:12'],
      ],
    });
    const p = await preview(t.admin, 'inventory_lots', file, { name: 'report.xlsx' });
    expect(p.body, JSON.stringify(p.body.errors)).toMatchObject({ headerRow: 4, ready: true, errors: [] });
    expect(p.body.skipped.map((s: { row: number; reason: string }) => [s.row, s.reason])).toEqual([
      [1, expect.stringMatching(/above the header/)],
      [2, expect.stringMatching(/above the header/)],
      [3, 'blank row above the header'],
      [6, 'subtotal line ("소계")'],
      [8, 'subtotal line ("Subtotal CA1")'],
      [9, 'blank row'],
      [10, 'total line ("合計")'],
      [11, 'page line ("Page 1 of 1")'],
      [12, expect.stringMatching(/^report line/)],
    ]);
    const r = await importFile(t.admin, 'inventory_lots', file, { name: 'report.xlsx' });
    expect(r, JSON.stringify(r.errors)).toMatchObject({ status: 'done', rowsOk: 2, rowsFailed: 0 });
    expect((await lots('LO-X%')).map((l) => [l.lot_id, l.quantity_on_hand, l.warehouse])).toEqual([
      ['LO-X1', 4, 'NJ1'],
      ['LO-X2', 6, 'CA1'],
    ]);
  });

  it('never skips a row that reads as data, even one whose id reads like a total', async () => {
    const file = csv(
      'lot_id,sku,warehouse,quantity_on_hand,received_date,expiration_date',
      'Total,KR-NDL-001,NJ1,3,2026-11-20,2027-05-20',
      'Total,,,3',
    );
    const r = await importFile(t.admin, 'inventory_lots', file);
    expect(r, JSON.stringify(r.errors)).toMatchObject({
      status: 'done',
      rowsOk: 1,
      skippedRows: [{ row: 3, reason: 'total line ("Total")' }],
    });
    expect(await lots('Total')).toEqual([expect.objectContaining({ quantity_on_hand: 3 })]);
  });

  it('an explicit headerRow overrides the guess', async () => {
    const file = csv('sku,name,shelf_life_days', 'sku,name,shelf_life_days', 'QA-HR-1,Header row two,30');
    const r = await importFile(t.planner, 'products', file, { fields: { headerRow: '2' } });
    expect(r, JSON.stringify(r.errors)).toMatchObject({ status: 'done', rowsOk: 1 });
    expect(english(r.skippedRows)).toEqual([
      { row: 1, reason: 'above the header (row 2): title or notes', text: 'sku | name | shelf_life_days' },
    ]);
  });
});
