// Imports through the real API and the real queue consumer: templates → preview → import →
// progress → done; the sample data set; idempotent re-uploads; retries; history; tenancy; roles.
import * as XLSX from '@e965/xlsx/xlsx.mjs';
import { env, exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/api';
import { csv, freshTenant, importFile, preview, rowsOf, upload, waitForImport } from '../fixtures/imports/helpers';
import sampleWarehouses from '../../sample_data/warehouses.csv?raw';
import sampleProducts from '../../sample_data/products.csv?raw';
import sampleCustomers from '../../sample_data/customers.csv?raw';
import sampleLots from '../../sample_data/inventory_lots.csv?raw';
import sampleOrders from '../../sample_data/orders.csv?raw';
import sampleInbound from '../../sample_data/inbound_shipments.csv?raw';

let t: Awaited<ReturnType<typeof freshTenant>>;
beforeAll(async () => {
  t = await freshTenant('imp');
});

const ENTITIES = ['products', 'inventory_lots', 'customers', 'orders', 'inbound_shipments', 'warehouses', 'promotions'];
const lines = (text: string) => text.split('\n').filter((l) => l.trim()).length - 1;

describe('templates', () => {
  it.each(ENTITIES)('serves %s.csv with the header and one example row that imports as is', async (entity) => {
    const r = await call('GET', `/api/templates/${entity}.csv`, { token: t.planner });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    const [header, example] = String(r.body).trim().split('\r\n');
    expect(header.split(',')[0]).toBe(
      {
        products: 'sku',
        inventory_lots: 'lot_id',
        customers: 'customer_id',
        orders: 'order_id',
        inbound_shipments: 'shipment_id',
        warehouses: 'code',
        promotions: 'promotion_id',
      }[entity],
    );
    expect(example.length).toBeGreaterThan(5);
  });

  it('serves an .xlsx template with typed cells', async () => {
    const res = await exports.default.fetch(
      new Request('http://lotwise.test/api/templates/products.xlsx', { headers: { authorization: `Bearer ${t.planner}` } }),
    );
    expect(res.status).toBe(200);
    const book = XLSX.read(new Uint8Array(await res.arrayBuffer()), { type: 'array' });
    const sheet = book.Sheets[book.SheetNames[0]];
    expect(sheet.A1.v).toBe('sku');
    expect(sheet.E2).toMatchObject({ t: 'n', v: 180 }); // shelf_life_days is a number cell
  });

  it('answers 404 for an unknown template', async () => {
    expect((await call('GET', '/api/templates/pallets.csv', { token: t.planner })).status).toBe(404);
    expect((await call('GET', '/api/templates/products.pdf', { token: t.planner })).status).toBe(404);
  });

  it('fills each downloaded template into a file that previews cleanly and imports', async () => {
    // Dependencies first: the examples refer to each other (warehouse NJ1, SKU KR-NDL-001, CUST-0008).
    await importFile(t.planner, 'customers', csv('customer_id,name', 'CUST-0008,Example Mart'));
    for (const entity of ['warehouses', 'products', 'customers', 'inventory_lots', 'orders', 'inbound_shipments', 'promotions']) {
      const template = String((await call('GET', `/api/templates/${entity}.csv`, { token: t.planner })).body);
      // Lot files post stock: their preview, like their import, is for roles that post movements.
      const who = entity === 'inventory_lots' ? t.admin : t.planner;
      const p = await preview(who, entity, template);
      expect(p.status, entity).toBe(200);
      expect(p.body.ready, `${entity}: ${JSON.stringify(p.body.errors)}`).toBe(true);
      const done = await importFile(who, entity, template);
      expect(done, entity).toMatchObject({ status: 'done', rowsOk: 1, rowsFailed: 0, progress: 1 });
    }
    expect(await rowsOf("SELECT quantity_on_hand FROM lots WHERE tenant_id = 'imp' AND lot_id = 'LT-261119-0523'")).toEqual([
      { quantity_on_hand: 24 },
    ]);
  });
});

describe('preview', () => {
  it('proposes a mapping from ERP-style headers and parses the first rows', async () => {
    const file = csv(
      'Lot #,Item Code,Whse,Qty,Recv Date,Exp Date,Cost,Notes',
      'L-1,KR-NDL-001,NJ1,"1,200",20/11/2026,13/01/2027,2.5,x',
      'L-2,KR-NDL-001,NJ1,5,11/20/2026,13/01/2027,2.5,y',
    );
    const r = await preview(t.admin, 'inventory_lots', file, { fields: { dateOrder: 'dmy' } });
    expect(r.status).toBe(200);
    expect(r.body.mapping).toMatchObject({
      lot_id: 'Lot #',
      sku: 'Item Code',
      warehouse: 'Whse',
      quantity_on_hand: 'Qty',
      received_date: 'Recv Date',
      expiration_date: 'Exp Date',
      unit_cost: 'Cost',
      status: null,
    });
    expect(r.body.unmapped).toEqual(['Notes']);
    expect(r.body.missing).toEqual([]);
    // dmy was asked for: 13/01/2027 is 13 January, and 11/20/2026 (a 20th month) is an error.
    expect(r.body.rows[0]).toMatchObject({
      row: 2,
      values: { quantity_on_hand: 1200, received_date: '2026-11-20', expiration_date: '2027-01-13' },
    });
    expect(r.body.errors).toEqual([expect.objectContaining({ row: 3, column: 'Recv Date', value: '11/20/2026' })]);
    expect(r.body.ready).toBe(false);
  });

  it('shows at most 20 rows, reports missing required columns and unknown SKUs, and stores nothing', async () => {
    const before = await rowsOf("SELECT id FROM imports WHERE tenant_id = 'imp'");
    const rows = Array.from(
      { length: 30 },
      (_, i) => `SO-${i},CUST-0001,2026-01-${String(1 + (i % 28)).padStart(2, '0')},${i === 3 ? 'NOPE' : 'KR-NDL-001'},1`,
    );
    const r = await preview(t.planner, 'orders', csv('order_id,customer_id,order_date,sku,quantity', ...rows));
    expect(r.body.rows).toHaveLength(20);
    expect(r.body.errors).toEqual([expect.objectContaining({ row: 5, column: 'sku', value: 'NOPE', message: 'Unknown sku "NOPE".' })]);
    expect(r.body.errors[0].messageKo).toBe('등록되지 않은 SKU "NOPE".');
    const missing = await preview(t.planner, 'orders', csv('order_id,sku,quantity', 'SO-1,KR-NDL-001,1'));
    expect(missing.body.missing).toEqual(['customer_id', 'order_date']);
    expect(missing.body.ready).toBe(false);
    expect(await rowsOf("SELECT id FROM imports WHERE tenant_id = 'imp'")).toEqual(before);
  });

  it('previews an XLSX sheet, numbers and Excel dates typed', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['sku', 'name', 'shelf_life_days', 'unit_cost'],
      ['KR-NEW-001', 'Tteokbokki 500g', 120, 1.95],
    ]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'products');
    const bytes = new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const r = await preview(t.planner, 'products', bytes, { name: 'products.xlsx' });
    expect(r.body).toMatchObject({
      format: 'xlsx',
      ready: true,
      rows: [{ row: 2, values: { sku: 'KR-NEW-001', shelf_life_days: 120, unit_cost: 1.95 } }],
    });
  });
});

describe('importing', () => {
  it('imports the sample data set in dependency order with every row accounted for', async () => {
    const s = await freshTenant('sample', false);
    const files: [string, string, string][] = [
      ['warehouses', sampleWarehouses, 'warehouses'],
      ['products', sampleProducts, 'products'],
      ['customers', sampleCustomers, 'customers'],
      ['inventory_lots', sampleLots, 'lots'],
      ['orders', sampleOrders, 'order_lines'],
      ['inbound_shipments', sampleInbound, 'inbound_shipments'],
    ];
    for (const [entity, text, table] of files) {
      const r = await importFile(entity === 'inventory_lots' ? s.admin : s.planner, entity, text);
      expect(r, `${entity}: ${JSON.stringify(r.errors?.slice(0, 3))}`).toMatchObject({
        status: 'done',
        rowsFailed: 0,
        rowsOk: lines(text),
      });
      expect((await rowsOf<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE tenant_id = 'sample'`))[0].n).toBe(lines(text));
    }
    // Every lot's stock arrived through the ledger.
    const [{ off }] = await rowsOf<{ off: number }>(
      `SELECT count(*) AS off FROM lots l WHERE tenant_id = 'sample' AND quantity_on_hand <>
         (SELECT coalesce(sum(delta), 0) FROM movement_lines m WHERE m.tenant_id = 'sample' AND m.lot_id = l.lot_id)`,
    );
    expect(off).toBe(0);
  }, 120_000);

  it('answers 202 with a status URL and reports progress fields until done', async () => {
    const r = await upload(t.planner, 'customers', csv('customer_id,name,region,channel', 'C-100,Seoul Mart,West,grocery'));
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ id: expect.any(String), statusUrl: `/api/imports/${r.body.id}`, duplicate: false });
    expect(r.headers.get('location')).toBe(r.body.statusUrl);
    const status = await call('GET', r.body.statusUrl, { token: t.auditor });
    expect(status.body).toMatchObject({ entity: 'customers', source: 'upload', mode: 'upsert', policy: 'all-or-nothing', rowsFailed: 0 });
    expect(['queued', 'parsing', 'validating', 'committing', 'done']).toContain(status.body.status);
    const done = await waitForImport(t.planner, r.body.id);
    expect(done).toMatchObject({ status: 'done', rowsTotal: 1, rowsProcessed: 1, rowsOk: 1, bytesProcessed: done.bytesTotal, errors: [] });
    expect(await env.FILES.head(`uploads/imp/${r.body.id}/customers.csv`)).not.toBeNull(); // the raw file is kept
  });

  it('returns the same import for the same file again and never duplicates rows', async () => {
    const file = csv(
      'order_id,customer_id,order_date,sku,quantity',
      'SO-DUP,CUST-0001,2026-02-01,KR-NDL-001,4',
      'SO-DUP,CUST-0001,2026-02-01,KR-NDL-002,2',
    );
    const first = await importFile(t.planner, 'orders', file);
    const again = await upload(t.planner, 'orders', file);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.id, duplicate: true, status: 'done' });
    expect(await rowsOf("SELECT sku, quantity FROM order_lines WHERE tenant_id = 'imp' AND order_id = 'SO-DUP' ORDER BY sku")).toEqual([
      { sku: 'KR-NDL-001', quantity: 4 },
      { sku: 'KR-NDL-002', quantity: 2 },
    ]);
    // Same rows in another file (other bytes): upserted by (order_id, sku), still two lines.
    await importFile(
      t.planner,
      'orders',
      file.replace('SO-DUP,CUST-0001,2026-02-01,KR-NDL-001,4', 'SO-DUP,CUST-0001,2026-02-01,KR-NDL-001,5'),
    );
    expect(await rowsOf("SELECT quantity FROM order_lines WHERE tenant_id = 'imp' AND order_id = 'SO-DUP' ORDER BY sku")).toEqual([
      { quantity: 5 },
      { quantity: 2 },
    ]);
  });

  it('runs a failed file again under the same id once its references exist', async () => {
    const file = csv('order_id,customer_id,order_date,sku,quantity', 'SO-RETRY,CUST-0001,2026-03-01,KR-LATE-001,3');
    const failed = await importFile(t.planner, 'orders', file);
    expect(failed).toMatchObject({
      status: 'failed',
      rowsFailed: 1,
      errors: [{ row: 2, column: 'sku', value: 'KR-LATE-001', message: 'Unknown sku "KR-LATE-001".' }],
    });
    await importFile(t.planner, 'products', csv('sku,name,shelf_life_days', 'KR-LATE-001,Late arrival,90'));
    const again = await upload(t.planner, 'orders', file);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(failed.id);
    const done = await waitForImport(t.planner, failed.id);
    expect(done).toMatchObject({ status: 'done', rowsOk: 1, rowsFailed: 0, errors: [] });
    // The failed run is not erased: its result says so, and the audit trail keeps failure, retry and commit.
    expect(done.message).toContain('Run 2 of this file: the first failed');
    // Korean pages read the errors and the outcome in Korean; the English stays as stored.
    expect(failed.errors[0].messageKo).toBe('등록되지 않은 SKU "KR-LATE-001".');
    expect(failed.messageKo).toBe('1행 중 1행에 오류가 있어 아무것도 가져오지 않았습니다(잘못된 행: 파일 전체 거부).');
    expect(done.messageKo).toBe('1행을 가져왔습니다. 이 파일의 2번째 실행입니다. 첫 실행은 실패했습니다(감사 기록: import.failed).');
    const trail = await call('GET', `/api/audit?entity=${failed.id}&limit=50`, { token: t.admin });
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual([
      'import.register',
      'import.failed',
      'import.retry',
      'import.commit',
    ]);
    expect(trail.body.items[1].data).toMatchObject({ run: 1, errors: 1 });
  });

  it("says a file's refusal in Korean beside the English (detailKo, messageKo)", async () => {
    const empty = await preview(t.planner, 'products', '');
    expect(empty.status).toBe(422);
    expect(empty.body).toMatchObject({ detail: 'The file is empty.', detailKo: '파일이 비어 있습니다.' });
    expect(empty.body.errors[0]).toMatchObject({ message: 'The file is empty.', messageKo: '파일이 비어 있습니다.' });
    const refused = await upload(t.planner, 'products', csv('sku,name', 'KR-X,Name'));
    expect(refused.status).toBe(422);
    expect(refused.body.detailKo).toBe('머리글이 템플릿과 맞지 않습니다. 오류를 확인하거나 열 매핑을 지정하세요.');
    expect(refused.body.errors[0].messageKo).toBe('필수 열 "shelf_life_days"가 없습니다.');
  });

  it('lists the history newest first, filtered by entity and status', async () => {
    const all = await call('GET', '/api/imports?pageSize=100', { token: t.staff });
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(5);
    const times = all.body.items.map((i: { createdAt: string }) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const failed = await call('GET', '/api/imports?status=failed&entity=orders', { token: t.staff });
    expect(failed.body.items.every((i: { status: string; entity: string }) => i.status === 'failed' && i.entity === 'orders')).toBe(true);
  });

  it("keeps imports tenant-scoped: another tenant's import id is 404 and absent from its history", async () => {
    const mine = await importFile(t.planner, 'warehouses', csv('code,name', 'TX1,Dallas'));
    const other = await freshTenant('imp-other', false);
    expect((await call('GET', `/api/imports/${mine.id}`, { token: other.admin })).status).toBe(404);
    expect((await call('GET', `/api/imports/${mine.id}/errors.csv`, { token: other.admin })).status).toBe(404);
    expect((await call('GET', '/api/imports', { token: other.admin })).body.total).toBe(0);
  });

  it('lets admin and planner import; staff, approver and auditor may only read', async () => {
    const file = csv('code,name', 'RO1,Read Only');
    for (const role of ['staff', 'approver', 'auditor'] as const) expect((await upload(t[role], 'warehouses', file)).status).toBe(403);
    expect((await preview(t.staff, 'warehouses', file)).status).toBe(403);
    expect((await upload(t.admin, 'warehouses', file)).status).toBe(202);
    expect((await call('GET', '/api/templates/warehouses.csv', { token: t.auditor })).status).toBe(200);
    expect((await call('GET', '/api/imports', {})).status).toBe(401);
  });

  it('enqueues a refresh of the tenant views after a successful import', async () => {
    const done = await importFile(t.planner, 'warehouses', csv('code,name', 'WA1,Seattle'));
    // The refresh consumer claims a job run per (tenant, requested time); wait for it to appear.
    for (let i = 0; i < 100; i++) {
      const runs = await rowsOf("SELECT status FROM job_runs WHERE job = 'refresh' AND tenant_id = 'imp'");
      if (runs.length) return;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    throw new Error(`no refresh after import ${done.id}`);
  });

  it('accepts an Idempotency-Key on upload and replays the same answer', async () => {
    const f = new FormData();
    f.append('file', new File([csv('code,name', 'ID1,Idem')], 'warehouses.csv'));
    // The same bytes twice (a FormData gets a new boundary each time it is sent).
    const encoded = new Response(f);
    const raw = await encoded.arrayBuffer();
    const headers = { 'idempotency-key': 'upload-idem-1', 'content-type': encoded.headers.get('content-type')! };
    const a = await call('POST', '/api/imports/warehouses', { token: t.planner, raw, headers });
    const b = await call('POST', '/api/imports/warehouses', { token: t.planner, raw, headers });
    expect(a.status).toBe(202);
    expect(b.body.id).toBe(a.body.id);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
  });
});

describe('API description', () => {
  it('documents the upload as multipart with its options', async () => {
    const r = await call('GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    const upload = r.body.paths['/api/imports/{entity}'].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
    expect(upload.requestBody.content['multipart/form-data'].schema.properties).toHaveProperty('policy');
    expect(r.body.paths).toHaveProperty(['/api/export/{file}']);
    expect(r.body.paths).toHaveProperty(['/api/imports/{id}/errors.csv']);
  });
});
