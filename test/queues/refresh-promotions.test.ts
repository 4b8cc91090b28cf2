import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunk, createDb, rowsPerInsert } from '../../worker/data/db';
import { orderLines, products } from '../../worker/data/schema';
import { dayOfWeek, fromDay, toDay } from '../../worker/domain/dates';
import { createRng } from '../../worker/domain/random';
import { countInverse } from '../../worker/domain/forecast/quantiles';
import { call, daysFromToday, login, seedBasics } from '../helpers/api';
import { deliver } from '../helpers/runtime';
import { csv, importFile, rowsOf } from '../fixtures/imports/helpers';

/**
 * Promotions from an import reach the refresh's forecasts. One SKU of tenant acme sold about 20 a
 * day on weekdays for two years; in each one-week promotion (every eight weeks) 2.5× that, in the
 * week after 0.7×. A promotion is planned 10 to 16 days from today. Before the promotions are
 * imported the plan cannot know about any of it; after the import the next refresh learns the
 * lift, keeps the past promotions out of the level and raises the planned week.
 */
const T = 'acme';
const SKU = 'ACM-MANDU';
const DAYS = 2 * 364;
const yesterday = toDay(daysFromToday(-1));
const first = yesterday - DAYS + 1;
const past: { first: number; last: number }[] = [];
for (let d = first + 60; d + 14 <= yesterday; d += 56) past.push({ first: d, last: d + 6 });
const planned = { first: yesterday + 11, last: yesterday + 17 };
const H = 'promotion_id,sku,start_date,end_date,discount_pct,name';
const promotionRows = [...past, planned].map((p, i) => `P-${i},${SKU},${fromDay(p.first)},${fromDay(p.last)},20,Dumpling week ${i}`);

let clock = Date.now();
async function refresh() {
  clock = Math.max(clock + 1000, Date.now());
  await deliver('lotwise-refresh', [{ id: `promo-${clock}`, body: { type: 'refresh', tenantId: T, reason: 'test', requestedAt: clock } }]);
}
/** The plan's forecast: its reason, and mean units a day over the planned week and over the two weeks after its after-week. */
async function forecast(token: string) {
  const r = await call('GET', `/api/skus/${SKU}/forecast`, { token });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const start = toDay(r.body.forecast.startDate);
  const mean = r.body.forecast.mean as number[];
  const over = (a: number, b: number) => {
    let s = 0;
    for (let d = a; d <= b; d++) s += mean[d - start];
    return s / (b - a + 1);
  };
  return {
    reason: r.body.reason as string,
    planned: over(planned.first, planned.last),
    ordinary: over(planned.last + 8, planned.last + 21),
    promotions: r.body.promotions as { promotionId: string; startDate: string; endDate: string; discountPct: number | null }[],
  };
}

beforeAll(async () => {
  await seedBasics();
  const db = createDb(env);
  await db
    .insert(products)
    .values({
      tenantId: T,
      sku: SKU,
      name: 'Kimchi mandu 1kg',
      shelfLifeDays: 270,
      unitCost: 4,
      unitPrice: 7,
      leadTimeDays: 7,
      caseSize: 10,
    })
    .onConflictDoNothing();
  const rng = createRng(21);
  const rows = [];
  for (let i = 0; i < DAYS; i++) {
    const day = first + i;
    const dow = dayOfWeek(day);
    if (dow === 0 || dow === 6) continue;
    const inPromo = past.some((p) => day >= p.first && day <= p.last);
    const after = past.some((p) => day > p.last && day <= p.last + 7);
    const m = 20 * (inPromo ? 2.5 : after ? 0.7 : 1);
    rows.push({
      tenantId: T,
      orderId: `PRM-${i}`,
      sku: SKU,
      customerId: 'AC-01',
      orderDate: fromDay(day),
      quantity: Math.max(1, countInverse(rng.next(), m, 1.5 * m)),
      status: 'shipped' as const,
    });
  }
  for (const part of chunk(rows, rowsPerInsert(8))) await db.insert(orderLines).values(part).onConflictDoNothing();
});

describe('promotions in the refresh', () => {
  it('without a promotions import the forecast knows none', async () => {
    const token = await login('planner@acme.test');
    await refresh();
    const f = await forecast(token);
    expect(f.reason).not.toContain('promotions');
    expect(f.planned).toBeLessThan(f.ordinary * 1.3);
  });

  it('refuses a promotion that ends before it starts or discounts more than 100 %, storing nothing', async () => {
    const token = await login('planner@acme.test');
    const backwards = await importFile(
      token,
      'promotions',
      csv(H, `OK-1,${SKU},2026-02-01,2026-02-03,5,Fine`, `BAD-1,${SKU},2026-03-10,2026-03-01,10,Backwards`),
    );
    expect(backwards).toMatchObject({
      status: 'failed',
      errors: [
        { row: 3, column: 'end_date', value: '2026-03-01', message: 'The promotion ends (2026-03-01) before it starts (2026-03-10).' },
      ],
    });
    const long = await importFile(token, 'promotions', csv(H, `BAD-2,${SKU},2026-01-01,2027-01-31,10,All year`));
    expect(long.errors[0].message).toContain('longer than 366 days');
    const deep = await importFile(token, 'promotions', csv(H, `BAD-3,${SKU},2026-04-01,2026-04-07,150,Too deep`));
    expect(deep.errors).toMatchObject([{ row: 2, column: 'discount_pct' }]);
    expect(await rowsOf("SELECT count(*) AS n FROM promotions WHERE tenant_id = 'acme'")).toEqual([{ n: 0 }]);
  });

  it('after the import the next refresh learns the lift and raises the planned week', async () => {
    const token = await login('planner@acme.test');
    const done = await importFile(token, 'promotions', csv(H, ...promotionRows));
    expect(done, JSON.stringify(done.errors)).toMatchObject({ status: 'done', rowsOk: past.length + 1, rowsFailed: 0 });
    await refresh();
    const f = await forecast(token);
    expect(f.reason).toContain('with promotions');
    // The planned week sells about 2.5× an ordinary one.
    expect(f.planned).toBeGreaterThan(f.ordinary * 2);
    expect(f.planned).toBeLessThan(f.ordinary * 3);
    // The SKU page shows the promotions of the dates it draws, the planned one included.
    expect(f.promotions).toContainEqual(
      expect.objectContaining({
        promotionId: `P-${past.length}`,
        startDate: fromDay(planned.first),
        endDate: fromDay(planned.last),
        discountPct: 20,
      }),
    );
    expect(f.promotions.every((p) => p.endDate >= daysFromToday(-180))).toBe(true);
    // The holdout check forecasts with the same promotions.
    const v = await call('GET', `/api/forecast-validation?sku=${SKU}&holdoutDays=56`, { token });
    expect(v.status, JSON.stringify(v.body)).toBe(200);
    expect(v.body.items[0].holdout.wape).toBeLessThan(35);
  });

  it('exports the promotions as they import, and a replace file withdraws the ones it leaves out', async () => {
    const token = await login('planner@acme.test');
    const exported = await call('GET', '/api/export/promotions.csv', { token });
    expect(exported.status).toBe(200);
    const lines = String(exported.body).trim().split('\r\n');
    expect(lines[0]).toBe(H);
    expect(lines).toHaveLength(past.length + 2);
    await importFile(token, 'promotions', csv(H, promotionRows.at(-1)!), { fields: { mode: 'replace' } });
    expect(await rowsOf("SELECT promotion_id FROM promotions WHERE tenant_id = 'acme'")).toEqual([{ promotion_id: `P-${past.length}` }]);
  });
});
