// What a new user's trial found on the demo tenant, kept as tests: keys in any letter case on every
// planning route, unknown keys answered 404 naming them, the dashboard's expiry windows equal to
// /api/expiring's, and Ask's answers (expired apart from expiring, ISO week ranges, warehouses by
// name, the intents the trial missed, Korean wording).
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../worker/data/db';
import { actions, inboundShipments } from '../../worker/data/schema';
import { josa } from '../../worker/lib/josa';
import { call, login, seedBasics } from '../helpers/api';
import { seedSampleTenant } from '../helpers/sample-tenant';

const T = 'trial';
let planner: string;
const get = (path: string) => call('GET', path, { token: planner });

beforeAll(async () => {
  await seedBasics();
  await seedSampleTenant(T, { profile: 'demo', seed: 20261121 });
  planner = await login(`planner@${T}.test`);
  expect((await call('POST', '/api/plan/refresh', { token: planner })).status).toBe(200);
}, 300_000);

describe('keys in any letter case resolve on every planning route', () => {
  it('reads the same answer for a lower-case SKU, warehouse and customer as for the stored spelling', async () => {
    const pairs: [string, string][] = [
      ['/api/customers/cust-0001/cadence', '/api/customers/CUST-0001/cadence'],
      ['/api/expiring?warehouse=nj1&days=60', '/api/expiring?warehouse=NJ1&days=60'],
      ['/api/reorders?warehouse=nj1&action=all', '/api/reorders?warehouse=NJ1&action=all'],
      ['/api/skus/kr-ndl-001/forecast', '/api/skus/KR-NDL-001/forecast'],
      ['/api/skus/kr-ndl-001/customers', '/api/skus/KR-NDL-001/customers'],
      ['/api/forecast-validation?sku=kr-ndl-001', '/api/forecast-validation?sku=KR-NDL-001'],
      ['/api/fefo?sku=kr-ndl-001&warehouse=nj1&customerId=cust-0001', '/api/fefo?sku=KR-NDL-001&warehouse=NJ1&customerId=CUST-0001'],
      ['/api/transfers?from=nj1', '/api/transfers?from=NJ1'],
      ['/api/anomalies?sku=kr-ndl-001', '/api/anomalies?sku=KR-NDL-001'],
      ['/api/actions?sku=kr-ndl-001&status=proposed', '/api/actions?sku=KR-NDL-001&status=proposed'],
    ];
    for (const [lower, stored] of pairs) {
      const [a, b] = [await get(lower), await get(stored)];
      expect(a.status, lower).toBe(200);
      expect(b.status, stored).toBe(200);
      expect(a.body, lower).toEqual(b.body);
    }
    const cadence = await get('/api/customers/cust-0001/cadence');
    expect(cadence.body.customerId).toBe('CUST-0001');
    expect(cadence.body.overdue).toBeGreaterThan(0);
    expect(cadence.body.skus[0]).toHaveProperty('medianIntervalDays');
    expect((await get('/api/expiring?warehouse=nj1')).body.total).toBeGreaterThan(0);
    expect((await get('/api/reorders?warehouse=nj1')).body.total).toBeGreaterThan(0);
    expect((await get('/api/skus/kr-ndl-001/forecast')).body.sku).toBe('KR-NDL-001');
  });

  it('answers 404 problem+json naming a warehouse, SKU or customer the tenant does not have', async () => {
    const cases: [string, string][] = [
      ['/api/expiring?warehouse=ZZ9', 'ZZ9'],
      ['/api/reorders?warehouse=ZZ9', 'ZZ9'],
      ['/api/fefo?sku=KR-NDL-001&warehouse=ZZ9', 'ZZ9'],
      ['/api/transfers?to=ZZ9', 'ZZ9'],
      ['/api/anomalies?sku=NOPE-1', 'NOPE-1'],
      ['/api/forecast-validation?sku=NOPE-1', 'NOPE-1'],
      ['/api/skus/NOPE-1/forecast', 'NOPE-1'],
      ['/api/skus/NOPE-1/customers', 'NOPE-1'],
      ['/api/customers/CUST-9999/cadence', 'CUST-9999'],
      ['/api/fefo?sku=KR-NDL-001&customerId=CUST-9999', 'CUST-9999'],
      ['/api/actions?warehouse=ZZ9', 'ZZ9'],
      ['/api/actions/purchase-orders.csv?supplier=Nobody%20Ltd', 'Nobody Ltd'],
    ];
    for (const [path, named] of cases) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type'), path).toContain('application/problem+json');
      expect(r.body.detail, path).toContain(`"${named}"`);
    }
  });

  it("filters /api/expiring's buckets by the warehouse, as its totals are", async () => {
    const all = await get('/api/expiring?days=30');
    const nj = await get('/api/expiring?days=30&warehouse=NJ1');
    const units = (b: Record<string, { onHandUnits: number }>) => b.expired.onHandUnits + b['within-30'].onHandUnits;
    expect(units(nj.body.buckets)).toBe(nj.body.totals.units);
    expect(units(all.body.buckets)).toBe(all.body.totals.units);
    expect(units(nj.body.buckets)).toBeLessThan(units(all.body.buckets));
    const none = await get('/api/expiring?days=30&warehouse=nj1');
    expect(none.body.buckets).toEqual(nj.body.buckets);
  });
});

describe('the dashboard and /api/expiring count stock by expiry window the same way', () => {
  it('gives each window the same lots, units and value', async () => {
    const dash = await get('/api/dashboard');
    const api = await get('/api/expiring?days=30');
    expect(dash.status, JSON.stringify(dash.body)).toBe(200);
    expect(dash.body.expiringByBucket.map((b: { bucket: string }) => b.bucket)).toEqual(Object.keys(api.body.buckets));
    for (const b of dash.body.expiringByBucket as { bucket: string; units: number; value: number; lots: number }[]) {
      const w = api.body.buckets[b.bucket];
      expect({ bucket: b.bucket, units: b.units, value: b.value, lots: b.lots }).toEqual({
        bucket: b.bucket,
        units: w.onHandUnits,
        value: w.value,
        lots: w.lots,
      });
    }
    const b = Object.fromEntries(dash.body.expiringByBucket.map((x: { bucket: string }) => [x.bucket, x]));
    expect(b.expired.units + b['within-30'].units).toBe(api.body.totals.units);
    expect(dash.body.kpis.expiring.d30).toBeCloseTo(api.body.totals.value, 2);
  });
});

const ask = (question: string, lang: 'en' | 'ko' = 'en') => call('POST', '/api/ask', { token: planner, body: { question, lang } });

describe('Ask, as the trial asked it', () => {
  it('tells expired stock apart from stock expiring within the window, in English and Korean', async () => {
    const r = await ask('What expires within two weeks?');
    expect(r.body.intent).toBe('expiring');
    const api = await get('/api/expiring?days=14&pageSize=500');
    const expired = api.body.items.filter((l: { expired: boolean }) => l.expired);
    const upcoming = api.body.items.filter((l: { expired: boolean }) => !l.expired);
    expect(expired.length).toBeGreaterThan(0);
    expect(r.body.answer).toMatch(new RegExp(`^${upcoming.length} lot\\(s\\) expire within 14 days`));
    expect(r.body.answer).toContain(`${expired.length} lot(s) already expired and not written off`);
    // The rows show what expires in the window first; expired lots come after, marked.
    expect(r.body.rows[0].expired).toBe(false);
    expect(r.body.rows[0].lotId).toBe(upcoming[0].lotId);
    const ko = await ask('2주 안에 유통기한이 끝나는 것은?', 'ko');
    expect(ko.body.answer).toContain(`14일 안에 유통기한이 끝나는 로트 ${upcoming.length}개`);
    expect(ko.body.answer).toContain(`이미 만료되었지만 폐기 처리되지 않은 로트 ${expired.length}개`);

    const gone = await ask("What expired already and hasn't been written off?");
    expect(gone.body.parameters).toEqual({ expired: true });
    expect(gone.body.answer).toMatch(new RegExp(`^${expired.length} lot\\(s\\) already expired and not written off`));
    expect(gone.body.rows.every((l: { expired: boolean }) => l.expired)).toBe(true);
    const goneKo = await ask('이미 만료되었는데 폐기 처리 안 된 로트는?', 'ko');
    expect(goneKo.body.parameters).toEqual({ expired: true });
    expect(goneKo.body.answer).toContain(`로트 ${expired.length}개`);
  });

  it('prints an ISO week as Monday to Sunday', async () => {
    const r = await ask('What was the ROI in 2026-W48?');
    expect(r.body.answer).toContain('2026-11-23 to 2026-11-29');
    expect((await ask('ROI for week 40 of 2026')).body.answer).toContain('2026-09-28 to 2026-10-04');
    expect((await ask('2026-W48 ROI는?', 'ko')).body.answer).toContain('2026-11-23~2026-11-29');
    const api = await get('/api/roi?week=2026-W48');
    expect(api.body.lastDay).toBe('2026-11-29');
  });

  it('narrows a stock question to the warehouse named by code or by its state', async () => {
    // A SKU TX1 stocks today (the sample tenant is generated up to today, so which SKUs a
    // warehouse still holds moves with the date).
    const reorders = await get('/api/reorders?action=all&level=warehouse&warehouse=TX1&pageSize=500');
    const tx = reorders.body.items.find((r: { usableOnHand: number }) => r.usableOnHand >= 1);
    expect(tx, 'TX1 holds some SKU').toBeDefined();
    const r = await ask(`How many units of ${tx.sku} do we have in Texas?`);
    expect(r.body.intent).toBe('sku_summary');
    expect(r.body.parameters).toEqual({ sku: tx.sku, warehouse: 'TX1' });
    expect(r.body.rows[0].usableOnHand).toBe(Math.round(tx.usableOnHand * 10) / 10);
    expect(r.body.answer).toContain(`in TX1`);
    const nj = await ask(`How much ${tx.sku} do we have in NJ1?`);
    expect(nj.body.parameters).toEqual({ sku: tx.sku, warehouse: 'NJ1' });
  });

  it('answers which SKUs are critical and which shipments are late or arrive next week', async () => {
    const critical = await ask('Which SKUs are critical?');
    expect(critical.body.intent).toBe('sku_status');
    const insights = await get('/api/insights?status=critical&pageSize=500');
    expect(critical.body.totalRows).toBe(insights.body.total);
    const late = await ask('Which shipments are late?');
    expect(late.body.intent).toBe('inbound');
    expect(late.body.parameters).toEqual({ late: true });
    const ships = await createDb(env).select().from(inboundShipments).where(eq(inboundShipments.tenantId, T));
    const asOf = (await get('/api/plan')).body.asOf;
    const open = ships.filter(
      (s: { status: string; etaDate: string; quantity: number; quantityReceived: number }) =>
        !['received', 'cancelled', 'arrived'].includes(s.status) && s.etaDate < asOf && s.quantity > s.quantityReceived,
    );
    expect(open.length).toBeGreaterThan(0);
    expect(late.body.totalRows).toBe(open.length);
    const next = await ask('다음 주에 도착하는 입고는?', 'ko');
    expect(next.body.intent).toBe('inbound');
    expect(next.body.parameters).toEqual({ days: 7 });
  });

  it('reads 다음 분기 as 90 days and speaks Korean levels and statuses without repeating them', async () => {
    const en = await ask('Forecast for napa cabbage kimchi next quarter');
    const ko = await ask('배추김치 다음 분기 예측', 'ko');
    expect(ko.body.parameters).toEqual(en.body.parameters);
    expect(ko.body.parameters.days).toBe(90);
    expect(en.body.explanation).not.toMatch(/(high|medium|low): \1:/);
    expect(ko.body.explanation).not.toMatch(/\b(high|medium|low)\b: /);
    expect(ko.body.explanation).toMatch(/신뢰도 (높음|보통|낮음): /);
    const summary = await ask('배추김치 요약', 'ko');
    expect(summary.body.answer).not.toMatch(/상태 (critical|warning|healthy)/);
    expect(summary.body.answer).toMatch(/상태 (위급|주의|양호)/);
  });
});

describe('Ask in Korean, as the second trial asked it', () => {
  it('narrows to the warehouse a Korean state or city name names, as the English name does, and says when none is there', async () => {
    const en = await ask('What expires within two weeks in Texas?');
    const ko = await ask('텍사스 창고에서 2주 안에 유통기한 끝나는 거 뭐야?', 'ko');
    expect(en.body.parameters).toEqual({ days: 14, warehouse: 'TX1' });
    expect(ko.body.parameters).toEqual(en.body.parameters);
    expect(ko.body.totalRows).toBe(en.body.totalRows);
    expect(ko.body.totalRows).toBeLessThan((await ask('2주 안에 유통기한 끝나는 거 뭐야?', 'ko')).body.totalRows);

    const reorders = await get('/api/reorders?action=all&level=warehouse&warehouse=CA1&pageSize=500');
    const ca = reorders.body.items.find((r: { sku: string }) => r.sku === 'KR-NDL-001');
    const stock = await ask('캘리포니아에 신라면 재고 몇 개 있어?', 'ko');
    expect(stock.body.parameters).toEqual({ sku: 'KR-NDL-001', warehouse: 'CA1' });
    expect(stock.body.rows[0].usableOnHand).toBe(Math.round(ca.usableOnHand));
    expect(stock.body.parameters).toEqual((await ask('How many units of shin ramyun do we have in California?')).body.parameters);

    // Every state and city: the Korean name finds what the English one finds; a place with no warehouse is said.
    const places: [string, string][] = [
      ['뉴저지', 'New Jersey'],
      ['워싱턴', 'Washington'],
      ['댈러스', 'Dallas'],
      ['켄트', 'Kent'],
      ['에디슨', 'Edison'],
      ['일리노이', 'Illinois'],
      ['조지아', 'Georgia'],
      ['뉴욕', 'New York'],
      ['보스턴', 'Boston'],
    ];
    for (const [k, e] of places) {
      const a = await ask(`${k} 창고에서 30일 안에 품절될 것은?`, 'ko');
      const b = await ask(`What will stock out within 30 days in ${e}?`);
      expect([k, a.body.parameters]).toEqual([k, b.body.parameters]);
      if (!b.body.parameters.warehouse) {
        expect(b.body.explanation, e).toContain(`No warehouse is called "${e.toLowerCase()}"`);
        expect(a.body.explanation, k).toContain(`${josa(`"${k}"`, '이/가').replace(/가$/, '')}라는 창고가 없습니다`);
      }
    }
    expect((await ask('뉴욕 창고 위급한 SKU는?', 'ko')).body.explanation).toContain('"뉴욕"이라는 창고가 없습니다');
    expect((await ask('조지아 창고 위급한 SKU는?', 'ko')).body.explanation).toContain('"조지아"라는 창고가 없습니다');
  });

  it("quotes the engine's Korean reasons and action kinds in Korean answers, rows included", async () => {
    const insights = await get('/api/insights?status=critical&pageSize=500');
    const critical = await ask('위급한 SKU는?', 'ko');
    expect(critical.body.rows.length).toBeGreaterThan(0);
    for (const row of critical.body.rows) {
      const i = insights.body.items.find((x: { sku: string }) => x.sku === row.sku);
      expect(i.status.reasonKo).toBeTruthy();
      expect(row.reason).toBe(i.status.reasonKo);
    }
    const inTexas = await ask('텍사스에서 신라면 요약', 'ko');
    expect(inTexas.body.parameters).toEqual({ sku: 'KR-NDL-001', warehouse: 'TX1' });
    expect(inTexas.body.explanation).not.toMatch(/\b(usable|stock|demand|risk|arrival|safety)\b/);
    const tx = await ask('위급한 SKU는? 텍사스', 'ko');
    for (const row of tx.body.rows) expect(row.reason).toMatch(/[\uac00-\ud7a3]/);

    const fefo = await ask('KR-NDL-001 어떤 로트부터 출고해야 하나요?', 'ko');
    const api = await get('/api/fefo?sku=KR-NDL-001');
    expect(fefo.body.rows[0].reason).toBe(api.body.ranked[0].reasonKo);

    const transfers = await ask('승인 대기 중인 이동은?', 'ko');
    expect(transfers.body.parameters).toEqual({ kind: 'transfer' });
    expect(transfers.body.explanation).toContain('종류: 이동');
    expect(transfers.body.explanation).not.toMatch(/transfer|markdown/);
    expect(transfers.body.rows.length).toBeGreaterThan(0);
    const stored = await createDb(env).select().from(actions).where(eq(actions.tenantId, T));
    for (const row of transfers.body.rows) {
      const a = stored.find((x) => x.id === row.id)!;
      expect(a.reasonKo).toBeTruthy();
      expect(row.reason).toBe(a.reasonKo);
    }
    expect((await ask('제안된 이동과 가격 인하는?', 'ko')).body.explanation).toContain('종류: 이동, 가격 인하');
  });

  it('says 위급 for critical (위험 is "at risk") and picks particles by the last sound read aloud', async () => {
    const critical = await ask('위급한 SKU는?', 'ko');
    expect(critical.body.answer).toMatch(/^상태가 위급인 SKU \d+개/);
    const summary = await ask('KR-NDL-001 요약', 'ko');
    expect(summary.body.answer).toMatch(/상태 (위급|주의|양호):/);
    expect(summary.body.answer).not.toMatch(/상태 위험/);
    const buyers = await ask('신라면은 누가 얼마나 자주 사나요?', 'ko');
    expect(buyers.body.answer).toContain('KR-NDL-001을 샀습니다');
    const capital = await ask('창고별 위험 자본', 'ko');
    const m = /중 (\$[\d,.]+)(이|가) 위험합니다/.exec(capital.body.answer)!;
    expect(m, capital.body.answer).not.toBeNull();
    expect(m[2]).toBe('2459'.includes(m[1].slice(-1)) ? '가' : '이');
    expect([
      josa('KR-NDL-001', '을/를'),
      josa('$52,698.37', '이/가'),
      josa('$1,204.52', '이/가'),
      josa('조치', '이/가'),
      josa('제안된 이동', '이/가'),
      josa('TX1', '으로/로'),
      josa('NJ0', '으로/로'),
      josa('서울', '으로/로'),
      josa('창고', '으로/로'),
      josa('KR-NDL-001 (Shin Ramyun)', '은/는'),
      josa('CUST-0002', '은/는'),
      josa('MOQ', '과/와'),
      josa('WA1', '과/와'),
      josa('ROI', '과/와'),
      josa('BBQ-L', '과/와'),
      josa('NJ-M', '은/는'),
      josa('12%', '이/가'),
    ]).toEqual([
      'KR-NDL-001을',
      '$52,698.37이',
      '$1,204.52가',
      '조치가',
      '제안된 이동이',
      'TX1로',
      'NJ0으로',
      '서울로',
      '창고로',
      'KR-NDL-001 (Shin Ramyun)은',
      'CUST-0002는',
      'MOQ와',
      'WA1과',
      'ROI와',
      'BBQ-L과',
      'NJ-M은',
      '12%가',
    ]);
  });

  it('explains critical and warning as the engine decides them, in both languages', async () => {
    const en = await ask('Which SKUs are critical?');
    expect(en.body.explanation).not.toContain('half the safety stock');
    expect(en.body.explanation).toContain('no usable stock while demand is expected');
    expect(en.body.explanation).toContain('50 % or more');
    expect(en.body.explanation).toContain('days of cover are shorter than the days to that arrival');
    expect(en.body.explanation).toContain('above what the service level allows');
    const ko = await ask('위급한 SKU는?', 'ko');
    expect(ko.body.explanation).not.toContain('절반');
    expect(ko.body.explanation).toContain('50% 이상');
    expect(ko.body.explanation).toContain('서비스 수준이 허용하는');
  });

  it('honours a money threshold on action questions', async () => {
    const stored = (await createDb(env).select().from(actions).where(eq(actions.tenantId, T))).filter((a) => a.state === 'proposed');
    const all = await ask('What is awaiting approval?');
    expect(all.body.totalRows).toBe(stored.length);
    const over = await ask("What's awaiting my approval over $5,000?");
    expect(over.body.intent).toBe('pending_actions');
    expect(over.body.parameters).toEqual({ value: { min: 5000, inclusive: false } });
    const above = stored.filter((a) => a.value > 5000);
    expect(over.body.totalRows).toBe(above.length);
    expect(over.body.totalRows).toBeLessThan(stored.length);
    expect(over.body.rows.every((r: { value: number }) => r.value > 5000)).toBe(true);
    expect(over.body.answer).toContain('worth more than $5,000.00');
    expect((await ask('Which actions above 5000 await approval?')).body.totalRows).toBe(above.length);
    const ko = await ask('5,000달러 이상 승인 대기 중인 조치는?', 'ko');
    expect(ko.body.parameters).toEqual({ value: { min: 5000, inclusive: true } });
    expect(ko.body.totalRows).toBe(stored.filter((a) => a.value >= 5000).length);
    expect(ko.body.answer).toContain('금액이 $5,000.00 이상인 조치');
    const small = await ask('proposed transfers over $100');
    expect(small.body.parameters).toEqual({ kind: 'transfer', value: { min: 100, inclusive: false } });
    expect(small.body.totalRows).toBe(stored.filter((a) => a.kind === 'transfer' && a.value > 100).length);
    // An age is not an amount.
    expect((await ask('Which actions have been awaiting approval for over 30 days?')).body.parameters).not.toHaveProperty('value');
    expect((await ask('30일 넘게 승인 대기 중인 조치는?', 'ko')).body.parameters).not.toHaveProperty('value');
    expect((await ask('승인 대기 조치 1만 달러 초과', 'ko')).body.parameters).toEqual({ value: { min: 10000, inclusive: false } });
  });
});

describe('the rest of the trial', () => {
  it("names a share by what it divides, on a SKU's customers and a customer's cadence", async () => {
    const buyers = await get('/api/skus/KR-BEV-001/customers?pageSize=500');
    const c1 = buyers.body.items.find((c: { customerId: string }) => c.customerId === 'CUST-0001');
    expect(c1).not.toHaveProperty('share');
    const cadence = await get('/api/customers/CUST-0001/cadence');
    const bev = cadence.body.skus.find((s: { sku: string }) => s.sku === 'KR-BEV-001');
    expect(bev).not.toHaveProperty('share');
    expect(bev.shareOfSkuUnits).toBeCloseTo(c1.shareOfSkuUnits, 6);
    expect(bev.shareOfSkuUnits).toBeLessThan(1);
    // Each share leaves the API rounded to 4 decimals: their sum is 1 within half a unit of the
    // last decimal per share.
    const own = cadence.body.skus.reduce((t: number, s: { shareOfCustomerUnits: number }) => t + s.shareOfCustomerUnits, 0);
    expect(Math.abs(own - 1)).toBeLessThanOrEqual(cadence.body.skus.length * 0.00005 + 1e-9);
  });

  it('names the warehouse a stock-out date belongs to', async () => {
    const so = await get('/api/stockouts?days=30&pageSize=500');
    for (const r of so.body.items) {
      const w = r.warehouses.find((x: { warehouse: string }) => x.warehouse === r.runsOutIn);
      expect(w, r.sku).toBeDefined();
      expect(w.projectedStockoutDate).toBe(r.projectedStockoutDate);
    }
    const dash = await get('/api/dashboard');
    expect(dash.body.topStockouts[0].runsOutIn).toBe(so.body.items[0].runsOutIn);
  });

  it("quotes in a transfer's reason the units its evidence names", async () => {
    const list = await get('/api/transfers?pageSize=500');
    expect(list.body.total).toBeGreaterThan(0);
    for (const t of list.body.items) {
      expect(t.reason).toContain(`is expected to waste ${t.senderWasteUnits} units`);
      expect(t.quantity).toBeLessThanOrEqual(t.senderWasteUnits);
    }
    const actions = await get('/api/actions?kind=transfer&pageSize=50');
    for (const a of actions.body.items) {
      const ev = a.evidence;
      expect(a.reason).toContain(`is expected to waste ${ev.expectedWasteUnits} units`);
      expect(ev.transferUnits).toBe(a.quantity);
    }
  });
});
