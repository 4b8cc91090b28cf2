// Files as planners really have them: BOMs, ; and tab delimiters, quoted line breaks, US and
// day-first dates, Excel serials, thousands separators, decimal commas, Windows-1252 and UTF-16
// text, XLSX workbooks, ERP column names, and an explicit mapping.
import * as XLSX from '@e965/xlsx/xlsx.mjs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { csv, freshTenant, importFile, preview, rowsOf } from '../fixtures/imports/helpers';

let t: Awaited<ReturnType<typeof freshTenant>>;
beforeAll(async () => {
  t = await freshTenant('fmt');
});

const orderRows = (id: string) =>
  rowsOf(`SELECT sku, order_date, quantity FROM order_lines WHERE tenant_id = 'fmt' AND order_id = ? ORDER BY sku`, id);
const product = (sku: string) =>
  rowsOf(`SELECT * FROM products WHERE tenant_id = 'fmt' AND sku = ?`, sku).then((r) => r[0] as Record<string, unknown>);

describe('text formats', () => {
  it('reads a UTF-8 BOM, ; delimiter, decimal commas and thousands dots', async () => {
    const file = '\ufeff' + 'sku;name;shelf_life_days;unit_cost;moq\r\nKR-BOM-1;Ramyeon "Classic";180;2,36;1.200\r\n';
    const r = await importFile(t.planner, 'products', file, { fields: { decimal: ',' } });
    expect(r.status, JSON.stringify(r.errors)).toBe('done');
    expect(await product('KR-BOM-1')).toMatchObject({ name: 'Ramyeon "Classic"', unit_cost: 2.36, moq: 1200 });
  });

  it('reads tab-separated text with quoted fields holding line breaks and delimiters', async () => {
    const file = 'sku\tname\tshelf_life_days\tsupplier\nKR-TAB-1\t"Gochujang\n500g, red"\t365\t"Han\tRiver"\n';
    const r = await importFile(t.planner, 'products', file);
    expect(r.status, JSON.stringify(r.errors)).toBe('done');
    expect(await product('KR-TAB-1')).toMatchObject({ name: 'Gochujang\n500g, red', supplier: 'Han\tRiver', shelf_life_days: 365 });
  });

  it('takes US dates when the file proves month/day, and day-first dates when told', async () => {
    const us = await importFile(
      t.planner,
      'orders',
      csv(
        'order_id,customer_id,order_date,sku,quantity',
        'SO-US,CUST-0001,03/04/2026,KR-NDL-001,1',
        'SO-US,CUST-0001,03/24/2026,KR-NDL-002,1',
      ),
    );
    expect(us.status).toBe('done');
    expect(await orderRows('SO-US')).toEqual([
      { sku: 'KR-NDL-001', order_date: '2026-03-04', quantity: 1 },
      { sku: 'KR-NDL-002', order_date: '2026-03-24', quantity: 1 },
    ]);
    const dmy = await importFile(
      t.planner,
      'orders',
      csv('order_id,customer_id,order_date,sku,quantity', 'SO-EU,CUST-0001,03.04.2026,KR-NDL-001,1'),
      { fields: { dateOrder: 'dmy' } },
    );
    expect(dmy.status).toBe('done');
    expect(await orderRows('SO-EU')).toEqual([{ sku: 'KR-NDL-001', order_date: '2026-04-03', quantity: 1 }]);
  });

  it('refuses to guess an ambiguous date and says which option settles it', async () => {
    const r = await importFile(
      t.planner,
      'orders',
      csv('order_id,customer_id,order_date,sku,quantity', 'SO-AMB,CUST-0001,03/04/2026,KR-NDL-001,1'),
    );
    expect(r.status).toBe('failed');
    expect(r.errors[0]).toMatchObject({
      row: 2,
      column: 'order_date',
      value: '03/04/2026',
      message: expect.stringMatching(/ambiguous.*dateOrder mdy or dmy/),
    });
  });

  it('reads Excel serial dates, yyyymmdd, month names, thousands separators and currency signs', async () => {
    const file = csv(
      'order_id,customer_id,order_date,sku,quantity',
      'SO-MIX,CUST-0001,46023,KR-NDL-001,"1,250"',
      'SO-MIX,CUST-0001,20260102,KR-NDL-002,1 000',
      'SO-MIX,CUST-0001,"Jan 3, 2026",KR-KIM-001,12.0',
    );
    const r = await importFile(t.planner, 'orders', file);
    expect(r.status, JSON.stringify(r.errors)).toBe('done');
    expect(await orderRows('SO-MIX')).toEqual([
      { sku: 'KR-KIM-001', order_date: '2026-01-03', quantity: 12 },
      { sku: 'KR-NDL-001', order_date: '2026-01-01', quantity: 1250 },
      { sku: 'KR-NDL-002', order_date: '2026-01-02', quantity: 1000 },
    ]);
    const money = await importFile(t.planner, 'products', csv('sku,name,shelf_life_days,unit_price', 'KR-USD-1,Price test,90,"$1,234.50"'));
    expect(money.status).toBe('done');
    expect((await product('KR-USD-1')).unit_price).toBe(1234.5);
  });

  it('reads Windows-1252 text (Excel "CSV" on Windows) and UTF-16LE text', async () => {
    const latin = new Uint8Array(
      iconv.encode(
        csv(
          'sku,name,shelf_life_days,supplier',
          'KR-CP-1,Crème brûlée,30,Pâtisserie Française',
          'KR-CP-2,Jalapeño salsa,90,Señor Frío',
          'KR-CP-3,Müller Weißbier,120,Brauerei Düsseldorf',
        ),
        'windows-1252',
      ),
    );
    expect((await importFile(t.planner, 'products', latin)).status).toBe('done');
    expect((await product('KR-CP-1')).name).toBe('Crème brûlée');
    expect((await product('KR-CP-3')).supplier).toBe('Brauerei Düsseldorf');
    const text = 'sku,name,shelf_life_days\r\nKR-U16-1,김치 1kg,90\r\n';
    const u16 = new Uint8Array(2 + text.length * 2);
    u16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(u16.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
    expect((await importFile(t.planner, 'products', u16)).status).toBe('done');
    expect((await product('KR-U16-1')).name).toBe('김치 1kg');
  });

  it('maps ERP headers by alias and honours an explicit mapping', async () => {
    const erp = csv('Sales Order No.,Cust #,Invoice Date,Item Code,Qty Shipped', 'SO-ERP,CUST-0002,2026-05-05,KR-NDL-001,9');
    expect((await importFile(t.planner, 'orders', erp)).status).toBe('done');
    expect(await orderRows('SO-ERP')).toEqual([{ sku: 'KR-NDL-001', order_date: '2026-05-05', quantity: 9 }]);
    const odd = csv('Ref,Buyer,When,Article,Units,Shipped Units', 'SO-MAP,CUST-0002,2026-05-06,KR-NDL-002,1,4');
    const mapping = JSON.stringify({ order_id: 'Ref', customer_id: 'Buyer', order_date: 'When', quantity: 'Shipped Units' });
    const p = await preview(t.planner, 'orders', odd, { fields: { mapping } });
    expect(p.body).toMatchObject({
      ready: true,
      mapping: { order_id: 'Ref', sku: 'Article', quantity: 'Shipped Units' },
      unmapped: ['Units'],
    });
    expect((await importFile(t.planner, 'orders', odd, { fields: { mapping } })).status).toBe('done');
    expect(await orderRows('SO-MAP')).toEqual([{ sku: 'KR-NDL-002', order_date: '2026-05-06', quantity: 4 }]);
  });

  it('undoes export escaping: a text cell exported as "\'=cmd" imports as "=cmd"', async () => {
    const r = await importFile(t.planner, 'products', csv('sku,name,shelf_life_days', "KR-ESC-1,'=SUM(A1),30"));
    expect(r.status).toBe('done');
    expect((await product('KR-ESC-1')).name).toBe('=SUM(A1)');
  });
});

describe('workbooks', () => {
  it('imports an XLSX sheet with date cells, numbers and a title row layout', async () => {
    const sheet = XLSX.utils.aoa_to_sheet(
      [
        ['lot_id', 'sku', 'warehouse', 'quantity_on_hand', 'received_date', 'expiration_date', 'unit_cost'],
        ['LX-1', 'KR-NDL-001', 'NJ1', 48, new Date(Date.UTC(2026, 0, 15)), new Date(Date.UTC(2026, 6, 15)), 2.25],
        [],
        ['LX-2', 'KR-KIM-001', 'CA1', 12, '2026-02-01', '2026-03-01', 3],
      ],
      { cellDates: false },
    );
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['notes']]), 'Readme');
    XLSX.utils.book_append_sheet(book, sheet, 'Inventory Lots');
    const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const r = await importFile(t.admin, 'inventory_lots', bytes, { name: 'lots.xlsx' });
    expect(r, JSON.stringify(r.errors)).toMatchObject({ status: 'done', format: 'xlsx', rowsOk: 2, rowsSkipped: 1 });
    expect(
      await rowsOf(
        "SELECT lot_id, quantity_on_hand, received_date, expiration_date, unit_cost FROM lots WHERE tenant_id = 'fmt' AND lot_id LIKE 'LX-%' ORDER BY lot_id",
      ),
    ).toEqual([
      { lot_id: 'LX-1', quantity_on_hand: 48, received_date: '2026-01-15', expiration_date: '2026-07-15', unit_cost: 2.25 },
      { lot_id: 'LX-2', quantity_on_hand: 12, received_date: '2026-02-01', expiration_date: '2026-03-01', unit_cost: 3 },
    ]);
  });

  it('reports XLSX row errors with the row numbers Excel shows', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['sku', 'name', 'shelf_life_days'],
      ['KR-X-1', 'ok', 30],
      ['KR-X-2', 'bad', -1],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Sheet1');
    const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const r = await importFile(t.planner, 'products', bytes, { name: 'p.xlsx' });
    expect(r.errors).toEqual([expect.objectContaining({ row: 3, column: 'shelf_life_days', value: '-1' })]);
  });
});
