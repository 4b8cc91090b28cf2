// What keeps the whole-file preview bounded: the rows kept for the checks against stored records
// (JSON parts within D1's value size, a fixed number of them, and "too many" said rather than held),
// and the key table that finds repeated keys and near-duplicates over every row without keeping
// the keys themselves.
import { describe, expect, it } from 'vitest';
import { ENTITIES } from '../../worker/imports/entities';
import { KeyScan } from '../../worker/imports/key-scan';
import { previewFile } from '../../worker/imports/inspect';
import { MAX_PARTS, PART_BYTES, RowParts } from '../../worker/imports/staged-sql';
import { keyFold } from '../../worker/lib/keys';

const header = (entity: keyof typeof ENTITIES) => {
  const columns = ENTITIES[entity].fields.map((f) => f.name);
  return { columns, index: Object.fromEntries(columns.map((c, i) => [c, i])) };
};

describe('the rows a preview keeps for the checks against stored records', () => {
  it('are JSON parts of at most PART_BYTES that together hold every row, in order', () => {
    const parts = new RowParts();
    const n = 60_000;
    for (let i = 0; i < n; i++) parts.add([i + 2, `P-${i}`, 'KR-NDL-001', '2026-12-01', '2026-12-07', null, '한글 설명']);
    const done = parts.done();
    expect(done.length).toBeGreaterThan(1);
    for (const p of done) expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(PART_BYTES);
    const rows = done.flatMap((p) => JSON.parse(p) as unknown[][]);
    expect(rows).toHaveLength(n);
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: n }, (_, i) => i + 2));
    expect(parts.overflow).toBe(false);
  });

  it('past MAX_PARTS keep nothing and say so', () => {
    const parts = new RowParts();
    const wide = 'x'.repeat(10_000);
    for (let i = 0; i < Math.ceil(((MAX_PARTS + 1) * PART_BYTES) / wide.length); i++) parts.add([i + 2, wide]);
    expect(parts.done()).toEqual([]);
    expect(parts.overflow).toBe(true);
  });
});

describe('the key table over every row', () => {
  const limits = { errors: 100, near: 100 };

  it('finds no repeat among 300,000 different keys, and every repeat of them', () => {
    const scan = new KeyScan(ENTITIES.customers, header('customers'), limits);
    for (let i = 0; i < 300_000; i++) scan.add(i + 2, (f) => (f === 'customer_id' ? `CU-${i}` : ''));
    expect(scan.repeatedCount).toBe(0);
    for (let i = 0; i < 250; i++) scan.add(300_002 + i, (f) => (f === 'customer_id' ? `cu-${i * 1000}` : ''));
    expect(scan.repeatedCount).toBe(250);
    expect(scan.repeated).toHaveLength(100);
    expect(scan.repeated[0]).toMatchObject({ row: 300_002, column: 'customer_id', value: 'cu-0' });
    expect(scan.repeated[0].message).toBe('Same customer_id as row 2 (keys ignore letter case); each may appear once per file.');
    // The same keys in another letter case are near-duplicates too, naming the earlier spelling.
    expect(scan.nearCount).toBe(250);
    expect(scan.earlierRows()).toEqual(new Set(Array.from({ length: 100 }, (_, i) => i * 1000 + 2)));
    const spelled = new Map([...scan.earlierRows()].map((r) => [r, (f: string) => (f === 'customer_id' ? `CU-${r - 2}` : '')]));
    expect(scan.nearDuplicates(spelled)[1]).toMatchObject({ row: 300_003, value: 'cu-1000', matches: 'CU-1000' });
  });

  it('an order file: the key is the order and its line; a near-duplicate is the order id alone', () => {
    const scan = new KeyScan(ENTITIES.orders, header('orders'), limits, new Map([[keyFold('ORD-1'), 'ORD-1']]));
    const row = (order: string, line: string) => (f: string) => ({ order_id: order, line })[f] ?? '';
    scan.add(2, row('ORD-1', '1'));
    scan.add(3, row('ORD-1', '2'));
    scan.add(4, row('ord-1', '3'));
    scan.add(5, row('ORD-1', '2'));
    expect(scan.repeated.map((e) => [e.row, e.value])).toEqual([[5, 'ORD-1 / 2']]);
    const near = scan.nearDuplicates(new Map([[2, row('ORD-1', '1')]]));
    expect(near.map((d) => [d.row, d.value, d.matches])).toEqual([
      [4, 'ord-1', 'ORD-1'],
      [4, 'ord-1', 'ORD-1'],
    ]);
  });
});

describe('the preview of a long file', () => {
  it('judges a row past the first megabyte and names the earlier spelling of a near-duplicate far above', async () => {
    const lines = ['customer_id,name'];
    for (let i = 0; i < 60_000; i++) lines.push(`CU-${i},Customer ${i}`);
    lines.push('cu-7,Again', 'CU-X,' + 'y'.repeat(300));
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    const p = await previewFile(bytes, 'customers.csv', ENTITIES.customers, {}, {}, '2026-12-02');
    expect(p.rowsTotal).toBe(60_002);
    expect(p.errors.map((e) => [e.row, e.column])).toEqual([
      [60_002, 'customer_id'],
      [60_003, 'name'],
    ]);
    expect(p.nearDuplicates).toEqual([expect.objectContaining({ row: 60_002, value: 'cu-7', matches: 'CU-7' })]);
  });
});
