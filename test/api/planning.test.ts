import { beforeAll, describe, expect, it } from 'vitest';
import type { TenantData } from '../../sample_data/generator';
import { call, login, seedBasics } from '../helpers/api';
import { seedSampleTenant } from '../helpers/sample-tenant';

let data: TenantData;
let planner: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  await seedBasics();
  data = await seedSampleTenant('plan');
  planner = await login('planner@plan.test');
});

describe('planning API', () => {
  it('computes the plan for today and summarises it', async () => {
    const r = await call('POST', '/api/plan/refresh', { token: planner });
    expect(r.status).toBe(200);
    expect(r.body.asOf).toBe(today);
    expect(r.body.totals.skus).toBe(data.products.length);
    const s = r.body.totals.status;
    expect(s.critical + s.warning + s.healthy).toBe(data.products.length);
    const plan = await call('GET', '/api/plan', { token: planner });
    expect(plan.body.builtAt).toBe(r.body.builtAt);
    expect(plan.body.waste.byBucket).toHaveProperty('within-30');
  });

  it('recommends reorders that respect case pack and the expiry cap, with an explanation', async () => {
    const r = await call('GET', '/api/reorders?action=all&pageSize=100', { token: planner });
    expect(r.body.total).toBe(data.products.length);
    const caseSize = new Map(data.products.map((p) => [p.sku, p.case_size]));
    for (const rec of r.body.items) {
      expect(rec.quantity % caseSize.get(rec.sku)!, rec.sku).toBe(0);
      if (rec.action === 'order') expect(rec.quantity).toBeLessThanOrEqual(rec.expiryCap);
      expect(rec.explanation.length).toBeGreaterThan(20);
      expect(rec.stockoutProbability).toBeGreaterThanOrEqual(0);
      expect(rec.stockoutProbability).toBeLessThanOrEqual(1);
    }
    const orders = await call('GET', '/api/reorders', { token: planner });
    expect(orders.body.items.every((x: { action: string }) => x.action === 'order')).toBe(true);
  });

  it('returns a forecast with ordered quantiles for the requested horizon and its backtest', async () => {
    const sku = data.products[0].sku;
    const r = await call('GET', `/api/skus/${sku}/forecast?horizon=30`, { token: planner });
    expect(r.status).toBe(200);
    const f = r.body.forecast;
    expect(f.mean).toHaveLength(30);
    for (let i = 0; i < 30; i++) {
      expect(f.p10[i]).toBeLessThanOrEqual(f.p50[i]);
      expect(f.p50[i]).toBeLessThanOrEqual(f.p90[i]);
      expect(f.mean[i]).toBeGreaterThanOrEqual(0);
    }
    expect(r.body.horizon.days).toBe(30);
    expect(typeof r.body.model).toBe('string');
    expect(r.body.history.values.length).toBeGreaterThan(60);
    const soldInHistory = data.orders
      .filter((o) => o.sku === sku && o.order_date >= r.body.history.startDate)
      .reduce((t, o) => t + o.quantity, 0);
    expect(r.body.history.values.reduce((a: number, b: number) => a + b, 0)).toBe(soldInHistory);
    expect((await call('GET', `/api/skus/${sku}/forecast?horizon=45`, { token: planner })).status).toBe(422);
  });

  it('ranks lots FEFO live, never an expired or quarantined one, and says why', async () => {
    const sku = data.lots.find((l) => l.quantity_on_hand > 0)!.sku;
    const r = await call('GET', `/api/fefo?sku=${sku}`, { token: planner });
    expect(r.status).toBe(200);
    const dates = r.body.ranked.map((l: { expirationDate: string }) => l.expirationDate);
    expect([...dates].sort()).toEqual(dates);
    for (const l of r.body.ranked) {
      expect(l.expirationDate > today).toBe(true);
      expect(l.status).toBe('available');
      expect(l.reason).toBeTruthy();
    }
    for (const s of r.body.skipped) expect(s.reason).toBeTruthy();
  });

  it('lists lots expiring within N days with their waste risk', async () => {
    const r = await call('GET', '/api/expiring?days=30&pageSize=500', { token: planner });
    const limit = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const expected = data.lots.filter((l) => l.quantity_on_hand > 0 && l.expiration_date <= limit).length;
    expect(r.body.total).toBe(expected);
    for (const l of r.body.items) {
      expect(l.expirationDate <= limit).toBe(true);
      if (l.expired) expect(l.probabilityOfWaste).toBe(1);
      else if (l.probabilityOfWaste !== null) expect(l.probabilityOfWaste).toBeGreaterThanOrEqual(0);
    }
  });

  it("shows who buys a SKU and a customer's cadence", async () => {
    const sku = data.orders[0].sku;
    const r = await call('GET', `/api/skus/${sku}/customers`, { token: planner });
    expect(r.body.total).toBeGreaterThan(0);
    const share = r.body.items.reduce((t: number, c: { shareOfSkuUnits: number }) => t + c.shareOfSkuUnits, 0);
    expect(share).toBeGreaterThan(0.99);
    expect(share).toBeLessThan(1.01);
    const customer = r.body.items[0].customerId;
    const cad = await call('GET', `/api/customers/${customer}/cadence`, { token: planner });
    expect(cad.status).toBe(200);
    expect(cad.body.skus.map((s: { sku: string }) => s.sku)).toContain(sku);
    expect((await call('GET', '/api/customers/NOBODY/cadence', { token: planner })).status).toBe(404);
  });

  it('validates forecasts against what actually sold on a holdout', async () => {
    const sku = data.products[0].sku;
    const r = await call('GET', `/api/forecast-validation?sku=${sku}&holdoutDays=28`, { token: planner });
    const h = r.body.items[0].holdout;
    expect(h.actual).toHaveLength(28);
    expect(h.forecast).toHaveLength(28);
    expect(h.actualTotal).toBe(h.actual.reduce((a: number, b: number) => a + b, 0));
    const list = await call('GET', '/api/forecast-validation?pageSize=5', { token: planner });
    expect(list.body.items).toHaveLength(5);
    expect(list.body.items[0].holdout?.actual).toBeUndefined();
  });

  it('serves insights, stock-outs and anomalies as pages', async () => {
    for (const path of ['/api/insights', '/api/stockouts?days=60', '/api/anomalies']) {
      const r = await call('GET', path, { token: planner });
      expect(r.status, path).toBe(200);
      expect(r.body).toMatchObject({ asOf: today, page: 1 });
      expect(Array.isArray(r.body.items)).toBe(true);
    }
    const insights = await call('GET', '/api/insights?sort=capitalAtRisk&pageSize=100', { token: planner });
    const risks = insights.body.items.map((x: { capitalAtRisk: number }) => x.capitalAtRisk);
    expect([...risks].sort((a, b) => b - a)).toEqual(risks);
  });

  it('lets an auditor read but not recompute, and hides the plan from other tenants', async () => {
    const auditor = await login('auditor@plan.test');
    expect((await call('GET', '/api/reorders', { token: auditor })).status).toBe(200);
    expect((await call('POST', '/api/plan/refresh', { token: auditor })).status).toBe(403);
    const acme = await login('planner@acme.test');
    const sku = data.products[0].sku;
    expect((await call('GET', `/api/skus/${sku}/forecast`, { token: acme })).status).toBe(404);
    expect((await call('GET', `/api/fefo?sku=${sku}&warehouse=ZZ9`, { token: planner })).status).toBe(404);
    expect((await call('GET', `/api/fefo?sku=${sku}`, { token: acme })).status).toBe(404);
    const acmeReorders = await call('GET', '/api/reorders?action=all', { token: acme });
    expect(acmeReorders.body.items.map((x: { sku: string }) => x.sku)).toEqual(['ACM-001']);
  });
});
