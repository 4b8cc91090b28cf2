// Ask honours an amount or a quantity in a question wherever the view has one to compare (lots'
// value or units, stock on hand, orders, stock-outs, inbound units, customers' yearly units, value
// at risk), in English and Korean, and says in the answer which filter it applied; where a view has
// nothing to compare, it says the amount was not applied instead of answering as if none was given.
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import customersCsv from '../../sample_data/customers.csv?raw';
import productsCsv from '../../sample_data/products.csv?raw';
import warehousesCsv from '../../sample_data/warehouses.csv?raw';
import { indexCatalog } from '../../worker/ask/entities';
import { matchQuestion } from '../../worker/ask/match';
import { within } from '../../worker/ask/amounts';
import { call, login, seedBasics } from '../helpers/api';
import { seedSampleTenant } from '../helpers/sample-tenant';

const csv = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
const index = indexCatalog({
  products: csv(productsCsv).map((r) => ({ sku: r.sku, name: r.name })),
  customers: csv(customersCsv).map((r) => ({ customerId: r.customer_id, name: r.name, minRemainingShelfLifeDays: null })),
  warehouses: csv(warehousesCsv).map((r) => ({ code: r.code, name: r.name, region: r.region })),
});

const over = (min: number) => ({ min, inclusive: false });
const atLeast = (min: number) => ({ min, inclusive: true });
const under = (max: number) => ({ max, inclusive: false });

describe('reading an amount or a quantity in a question', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['lots expiring in 30 days worth more than 500', 'expiring', { days: 30, value: over(500) }],
    ['What expires within 60 days worth at least $2.5k?', 'expiring', { days: 60, value: atLeast(2500) }],
    ['lots expiring in 30 days with more than 100 units', 'expiring', { days: 30, quantity: over(100) }],
    ['which SKUs have more than 1000 units on hand', 'sku_summary', { quantity: over(1000) }],
    ['What should we reorder this week over $1,000?', 'reorders', { value: over(1000) }],
    ['reorders of 500 units or more', 'reorders', { quantity: atLeast(500) }],
    ['What will stock out within 14 days with fewer than 50 units on hand?', 'stockouts', { days: 14, quantity: under(50) }],
    ['Which customers are overdue that buy more than 200 units a year?', 'overdue_customers', { quantity: over(200) }],
    ['Which shipments arrive within 30 days with at least 100 units?', 'inbound', { days: 30, quantity: atLeast(100) }],
    ['capital at risk by warehouse over $10,000', 'capital_at_risk', { value: over(10000) }],
    ['Which SKUs are critical with under 20 units on hand?', 'sku_status', { status: 'critical', quantity: under(20) }],
    ['SKUs with 1,000+ units in stock', 'sku_summary', { quantity: atLeast(1000) }],
    ['What should we reorder this week, at most $5k each?', 'reorders', { value: { max: 5000, inclusive: true } }],
    ['Which actions of more than 100 units await approval?', 'pending_actions', { quantity: over(100) }],
    ['30일 안에 유통기한이 끝나는 500원 이상 로트는?', 'expiring', { days: 30, value: atLeast(500) }],
    ['재고가 1000개 넘는 SKU는?', 'sku_summary', { quantity: over(1000) }],
    ['이번 주 재주문 중 100만원 초과인 것은?', 'reorders', { value: over(1_000_000) }],
    ['30일 안에 품절될 것 중 재고 50개 미만은?', 'stockouts', { days: 30, quantity: under(50) }],
    ['2주 안에 도착하는 입고 중 100개 이상은?', 'inbound', { days: 14, quantity: atLeast(100) }],
    // An age or a window is not an amount.
    ['What expires in over 30 days?', 'expiring', { days: 30 }],
    ['30일 넘게 지나 유통기한이 끝나는 것은?', 'expiring', { days: 30 }],
  ];
  it.each(cases)('%s', (q, intent, parameters) => {
    const m = matchQuestion(q, index, /[가-힣]/.test(q) ? 'ko' : 'en');
    expect(m.intent).toBe(intent);
    expect(m.parameters).toEqual(parameters);
    expect(m.missing).toBeNull();
  });

  it('says so when the view has no amount to compare, instead of answering as if none was given', () => {
    const m = matchQuestion('Forecast for KR-NDL-001 over 500 units', index);
    expect(m.intent).toBe('sku_forecast');
    expect(m.parameters).not.toHaveProperty('quantity');
    expect(m.notes.join(' ')).toContain('"over 500 units" was not applied');
    const ko = matchQuestion('KR-NDL-001 예측 500개 이상', index, 'ko');
    expect(ko.notes.join(' ')).toContain('적용하지 않았습니다');
  });
});

const T = 'amt';
let planner: string;
const askQ = (question: string, lang: 'en' | 'ko' = 'en') => call('POST', '/api/ask', { token: planner, body: { question, lang } });
const get = async (path: string) => {
  const r = await call('GET', path, { token: planner });
  expect(r.status, path).toBe(200);
  return r.body;
};
/** A threshold that splits the values: some above it and some not. */
const middle = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)]);
};
const usd = (n: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(n);
const whole = (n: number) => new Intl.NumberFormat('en-US').format(n);

beforeAll(async () => {
  await seedBasics();
  await seedSampleTenant(T);
  planner = await login(`planner@${T}.test`);
  expect((await call('POST', '/api/plan/refresh', { token: planner })).status).toBe(200);
}, 300_000);

describe('answers filtered by the amount asked', () => {
  it('lists only the expiring lots worth more than the amount, and says so, in English and Korean', async () => {
    const lots = (await get('/api/expiring?days=120&pageSize=500')).items as { quantityOnHand: number; unitCost: number }[];
    const values = lots.map((l) => l.quantityOnHand * l.unitCost);
    const thr = middle(values);
    const en = await askQ(`Which lots expire within 120 days worth more than ${thr}?`);
    expect(en.body.intent).toBe('expiring');
    expect(en.body.parameters).toEqual({ days: 120, value: over(thr) });
    expect(en.body.totalRows).toBe(values.filter((v) => v > thr).length);
    expect(en.body.totalRows).toBeGreaterThan(0);
    expect(en.body.totalRows).toBeLessThan(lots.length);
    for (const r of en.body.rows) expect(r.value).toBeGreaterThan(thr);
    expect(en.body.answer).toContain(`worth more than ${usd(thr)} at cost`);
    const ko = await askQ(`120일 안에 유통기한이 끝나는 로트 중 ${thr}원 이상인 것은?`, 'ko');
    expect(ko.body.parameters).toEqual({ days: 120, value: atLeast(thr) });
    expect(ko.body.totalRows).toBe(values.filter((v) => v >= thr).length);
    expect(ko.body.answer).toContain(`원가 금액이 ${usd(thr)} 이상인`);
  });

  it('lists the SKUs holding more than a number of units, which it asked for a SKU before', async () => {
    const all = (await get('/api/reorders?action=all&pageSize=500')).items as { sku: string; usableOnHand: number }[];
    const thr = middle(all.map((r) => r.usableOnHand));
    const expected = all.filter((r) => r.usableOnHand > thr);
    const en = await askQ(`Which SKUs have more than ${thr} units on hand?`);
    expect(en.body.intent).toBe('sku_summary');
    expect(en.body.parameters).toEqual({ quantity: over(thr) });
    expect(en.body.totalRows).toBe(expected.length);
    expect(en.body.totalRows).toBeGreaterThan(0);
    expect(en.body.rows.map((r: { sku: string }) => r.sku).sort()).toEqual(
      expected
        .sort((a, b) => b.usableOnHand - a.usableOnHand || a.sku.localeCompare(b.sku))
        .slice(0, 20)
        .map((r) => r.sku)
        .sort(),
    );
    expect(en.body.answer).toContain(`more than ${whole(thr)} units`);
    const ko = await askQ(`재고가 ${thr}개 넘는 SKU는?`, 'ko');
    expect(ko.body.totalRows).toBe(expected.length);
    expect(ko.body.answer).toContain(`${whole(thr)}개 초과`);
  });

  it('orders only what is worth more than the amount, or at least the units, at the products’ cost', async () => {
    const orders = (await get('/api/reorders?pageSize=500')).items as { sku: string; quantity: number }[];
    const cost = new Map(
      ((await get('/api/products?pageSize=500')).items as { sku: string; unitCost: number }[]).map((p) => [p.sku, p.unitCost]),
    );
    expect(orders.length).toBeGreaterThan(1);
    const values = orders.map((o) => o.quantity * (cost.get(o.sku) ?? 0));
    const thr = middle(values);
    const en = await askQ(`What should we reorder this week over $${thr}?`);
    expect(en.body.parameters).toEqual({ value: over(thr) });
    expect(en.body.totalRows).toBe(values.filter((v) => v > thr).length);
    expect(en.body.answer).toContain(`worth more than ${usd(thr)} at cost`);
    const units = middle(orders.map((o) => o.quantity));
    const byUnits = await askQ(`reorders of ${units} units or more`);
    expect(byUnits.body.parameters).toEqual({ quantity: atLeast(units) });
    expect(byUnits.body.totalRows).toBe(orders.filter((o) => o.quantity >= units).length);
    for (const r of byUnits.body.rows) expect(r.quantity).toBeGreaterThanOrEqual(units);
  });

  it('narrows stock-outs, inbound lines and overdue customers by units, and capital at risk by value', async () => {
    const outs = (await get('/api/stockouts?days=120&pageSize=500')).items as { usableOnHand: number }[];
    if (outs.length > 1) {
      const thr = Math.max(1, middle(outs.map((s) => s.usableOnHand)));
      const r = await askQ(`What will stock out within 120 days with fewer than ${thr} units on hand?`);
      expect(r.body.parameters).toEqual({ days: 120, quantity: under(thr) });
      expect(r.body.totalRows).toBe(outs.filter((s) => s.usableOnHand < thr).length);
      expect(r.body.answer).toContain(`less than ${whole(thr)} units`);
    }
    const inbound = await askQ('Which shipments arrive within 90 days?');
    const lines = inbound.body.rows as { quantity: number }[];
    if (lines.length > 1) {
      const thr = middle(lines.map((l) => l.quantity));
      const r = await askQ(`Which shipments arrive within 90 days with at least ${thr} units?`);
      expect(r.body.parameters).toEqual({ days: 90, quantity: atLeast(thr) });
      for (const l of r.body.rows) expect(l.quantity).toBeGreaterThanOrEqual(thr);
      if (inbound.body.totalRows <= 20) expect(r.body.totalRows).toBe(lines.filter((l) => l.quantity >= thr).length);
      expect(r.body.answer).toContain(`at least ${whole(thr)} units`);
    }
    const overdue = await askQ('Which customers are overdue for another order?');
    if (overdue.body.totalRows > 1) {
      const filtered = await askQ('Which customers are overdue that buy more than 50 units a year?');
      expect(filtered.body.intent).toBe('overdue_customers');
      expect(filtered.body.parameters).toEqual({ quantity: over(50) });
      for (const r of filtered.body.rows) expect(r.units).toBeGreaterThan(50);
      expect(filtered.body.totalRows).toBeLessThanOrEqual(overdue.body.totalRows);
      expect(filtered.body.answer).toContain('more than 50 units');
    }
    const byWarehouse = (await askQ('Capital at risk by warehouse')).body.rows as { valueAtRisk: number }[];
    const thr = byWarehouse.length ? Math.floor(byWarehouse[0].valueAtRisk) : 0;
    const capital = await askQ(`capital at risk by warehouse at least $${thr}`);
    expect(capital.body.parameters).toEqual({ value: atLeast(thr) });
    expect(capital.body.totalRows).toBe(byWarehouse.filter((w) => w.valueAtRisk >= thr).length);
    expect(capital.body.answer).toContain(`at least ${usd(thr)}`);
  });

  it('says when a view cannot take an amount, and never answers 500 for one', async () => {
    const sku = ((await get('/api/products?pageSize=1')).items as { sku: string }[])[0].sku;
    const r = await askQ(`Forecast for ${sku} over 500 units`);
    expect(r.status).toBe(200);
    expect(r.body.intent).toBe('sku_forecast');
    expect(r.body.explanation).toContain('"over 500 units" was not applied');
    for (const q of [
      'lots expiring worth more than 99999999999999999999',
      'which SKUs have more than 1,2,3 units on hand',
      'reorders over $',
    ]) {
      const x = await askQ(q);
      expect(x.status, q).toBe(200);
    }
  });
});

describe('comparing a figure with the bound asked', () => {
  it('compares the figure as the views show it, not its float noise', () => {
    // The engine's sums leave noise: 408 units computed as 408.00000000003 read 408 in every view.
    expect(within(408.00000000003, { min: 408, inclusive: false }, 'quantity')).toBe(false);
    expect(within(408.00000000003, { min: 408, inclusive: true }, 'quantity')).toBe(true);
    expect(within(49.99999999997, { max: 50, inclusive: false }, 'quantity')).toBe(false);
    expect(within(408.0001, { min: 408, inclusive: false }, 'quantity')).toBe(true);
    // Money to the cent: $500.004 is $500.00.
    expect(within(500.004, { min: 500, inclusive: false }, 'value')).toBe(false);
    expect(within(500.006, { min: 500, inclusive: false }, 'value')).toBe(true);
  });
});
