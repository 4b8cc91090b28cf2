// The upload and the queue consumer judge a file on the same decisions (issue #9): what the upload
// decided from the file's head — encoding, delimiter, decimal mark, date order — is stored with the
// import and the consumer reads with it, instead of deciding again from a different number of bytes.
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/api';
import { freshTenant, importFile, rowsOf, upload } from '../fixtures/imports/helpers';

let t: Awaited<ReturnType<typeof freshTenant>>;
const T = 'upload-decisions';

beforeAll(async () => {
  t = await freshTenant(T);
});

// ~90 KB of ASCII rows, then rows whose names are Korean, the whole file in CP949 (what Korean
// Excel saves as "CSV"): the first 64 KB alone look like UTF-8.
function cp949Products(): Uint8Array<ArrayBuffer> {
  const lines = ['sku,name,shelf_life_days,unit_cost'];
  for (let i = 0; i < 1700; i++) lines.push(`ASCII-${String(i).padStart(5, '0')},Plain product number ${i} 120g,180,1.25`);
  for (let i = 0; i < 40; i++) lines.push(`KR-${String(i).padStart(3, '0')},신라면 ${i}호 120g x5,180,2.50`);
  return new Uint8Array(iconv.encode(lines.join('\r\n') + '\r\n', 'cp949'));
}

describe('decisions taken at upload are the ones the import reads with', () => {
  it('a CP949 file whose Korean text starts after 64 KB imports with its names intact', async () => {
    const bytes = cp949Products();
    expect(bytes.length).toBeGreaterThan(80 * 1024);
    const r = await importFile(t.planner, 'products', bytes, { name: 'products-cp949.csv' });
    expect(r.status, JSON.stringify(r.errors ?? r.message)).toBe('done');
    const names = await rowsOf<{ sku: string; name: string }>(
      `SELECT sku, name FROM products WHERE tenant_id = ? AND sku IN ('KR-000', 'KR-039') ORDER BY sku`,
      T,
    );
    expect(names).toEqual([
      { sku: 'KR-000', name: '신라면 0호 120g x5' },
      { sku: 'KR-039', name: '신라면 39호 120g x5' },
    ]);
  });

  it('stores the decided encoding, delimiter, decimal mark and date order with the import', async () => {
    const text = ['lot_id;sku;warehouse;quantity_on_hand;expiration_date;unit_cost', 'L-1;KR-NDL-001;NJ1;5;31/12/2027;2,5'].join('\n');
    const u = await upload(t.admin, 'inventory_lots', text, { name: 'lots.csv' });
    expect(u.status).toBe(202);
    const stored = await rowsOf<{ options: string }>(`SELECT options FROM imports WHERE id = ?`, u.body.id);
    expect(JSON.parse(stored[0].options)).toMatchObject({ encoding: 'utf-8', delimiter: ';', decimal: ',', dateOrder: 'dmy' });
    const done = await call('GET', `/api/imports/${u.body.id}`, { token: t.planner });
    expect(done.status).toBe(200);
  });
});
