import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { chunk, createDb, rowsPerInsert } from '../../worker/data/db';
import { orderLines, products } from '../../worker/data/schema';
import { toDay } from '../../worker/domain/dates';
import { holidayWindows, KOREAN_FOOD_HOLIDAYS } from '../../worker/domain/holidays';
import { createRng } from '../../worker/domain/random';
import { countInverse } from '../../worker/domain/forecast/quantiles';
import { call, daysFromToday, login, seedBasics } from '../helpers/api';
import { deliver } from '../helpers/runtime';

/**
 * A tenant's holiday calendar reaches the refresh's forecasts. One Korean food SKU of tenant acme
 * sold about 20 a day for three years, twice that in the two weeks before each Seollal and
 * Chuseok. With the calendar left at "none" the plan's forecast has no holiday factors; with
 * "korea" chosen in the tenant settings, the next refresh keeps them for this SKU.
 */
const T = 'acme';
const SKU = 'ACM-TTEOK';
const DAYS = 3 * 365;
const yesterday = toDay(daysFromToday(-1));
const first = yesterday - DAYS + 1;
const holidays = holidayWindows(KOREAN_FOOD_HOLIDAYS, first, yesterday);
const inRun = (day: number) => holidays.some((h) => day >= h.first - 14 && day < h.first);

let clock = Date.now();
async function refresh() {
  clock = Math.max(clock + 1000, Date.now());
  await deliver('lotwise-refresh', [{ id: `hol-${clock}`, body: { type: 'refresh', tenantId: T, reason: 'test', requestedAt: clock } }]);
}
async function forecastReason(token: string): Promise<string> {
  const r = await call('GET', `/api/skus/${SKU}/forecast`, { token });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.reason as string;
}

beforeAll(async () => {
  await seedBasics();
  const db = createDb(env);
  await db
    .insert(products)
    .values({ tenantId: T, sku: SKU, name: 'Garaetteok 1kg', shelfLifeDays: 120, unitCost: 3, unitPrice: 5, leadTimeDays: 7, caseSize: 10 })
    .onConflictDoNothing();
  const rng = createRng(11);
  const rows = Array.from({ length: DAYS }, (_, i) => {
    const day = first + i;
    const quantity = Math.max(1, countInverse(rng.next(), inRun(day) ? 40 : 20, inRun(day) ? 60 : 30));
    return {
      tenantId: T,
      orderId: `HOL-${i}`,
      sku: SKU,
      customerId: 'AC-01',
      orderDate: daysFromToday(day - yesterday - 1),
      quantity,
      status: 'shipped' as const,
    };
  });
  for (const part of chunk(rows, rowsPerInsert(8))) await db.insert(orderLines).values(part).onConflictDoNothing();
});

describe("the tenant's holiday calendar in the refresh", () => {
  it('is none by default, and a forecast then has no holiday factors', async () => {
    const token = await login('admin@acme.test');
    const t = await call('GET', '/api/tenant', { token });
    expect(t.body.settings.holidayCalendar).toBe('none');
    await refresh();
    expect(await forecastReason(token)).not.toContain('holiday weeks');
  });

  it('refuses a calendar it does not know, changing nothing', async () => {
    const token = await login('admin@acme.test');
    const r = await call('PATCH', '/api/tenant', { token, body: { settings: { holidayCalendar: 'mars' } } });
    expect(r.status).toBe(422);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect((await call('GET', '/api/tenant', { token })).body.settings.holidayCalendar).toBe('none');
  });

  it('with Korea chosen, the next refresh learns the Seollal and Chuseok weeks; other settings stay', async () => {
    const token = await login('admin@acme.test');
    const before = (await call('GET', '/api/tenant', { token })).body.settings;
    const r = await call('PATCH', '/api/tenant', { token, body: { settings: { holidayCalendar: 'korea' } } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.settings.holidayCalendar).toBe('korea');
    expect(r.body.settings.serviceLevels).toEqual(before.serviceLevels);
    expect(r.body.settings.actions).toEqual(before.actions);
    await refresh();
    expect(await forecastReason(token)).toContain('with holiday weeks');
    // A planner reads the setting; only an admin changes it.
    const planner = await login('planner@acme.test');
    expect((await call('GET', '/api/tenant', { token: planner })).body.settings.holidayCalendar).toBe('korea');
    expect((await call('PATCH', '/api/tenant', { token: planner, body: { settings: { holidayCalendar: 'none' } } })).status).toBe(403);
  });
});
