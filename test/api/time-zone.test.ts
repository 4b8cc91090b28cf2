// The tenant's time zone decides "today" (issue #9): one helper, one expiry rule (a lot expiring
// today is expired), validated on PATCH /api/tenant.
import { describe, expect, it } from 'vitest';
import { call, fixtureLot } from '../helpers/api';
import { freshTenant } from '../fixtures/imports/helpers';
import { isTimeZone, sellableOn, today } from '../../worker/lib/dates';

describe('today in a time zone', () => {
  it('is the local calendar date', () => {
    const at = Date.parse('2026-11-30T12:00:00Z');
    expect(today('Pacific/Kiritimati', at)).toBe('2026-12-01');
    expect(today('America/Los_Angeles', at)).toBe('2026-11-30');
    expect(today('UTC', Date.parse('2026-11-30T23:59:59Z'))).toBe('2026-11-30');
    expect(today('Asia/Seoul', Date.parse('2026-11-30T15:00:00Z'))).toBe('2026-12-01');
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(sellableOn('2026-12-01', '2026-12-01')).toBe(false);
    expect(sellableOn('2026-12-02', '2026-12-01')).toBe(true);
  });
});

describe('tenant time zone', () => {
  it('is validated, and moves the expiring list and the expiry check with the local date', async () => {
    const t = await freshTenant('tz');
    expect((await call('PATCH', '/api/tenant', { token: t.admin, body: { timeZone: 'Not/AZone' } })).status).toBe(422);
    const set = await call('PATCH', '/api/tenant', { token: t.admin, body: { timeZone: 'Etc/GMT-14' } });
    expect(set.status).toBe(200);
    expect(set.body.timeZone).toBe('Etc/GMT-14');
    // Expires on the local today of UTC+14: expired there, while at UTC-12 it is a day or two away.
    const expires = today('Etc/GMT-14');
    await fixtureLot('tz', 'TZ-1', 'KR-NDL-001', 5, 0, { warehouse: 'NJ1', expirationDate: expires });
    const listed = async () =>
      (await call('GET', '/api/lots?expiringWithinDays=5', { token: t.planner })).body.items.map((l: { lotId: string }) => l.lotId);
    expect(await listed()).toEqual([]);
    const out = await call('POST', '/api/movements', {
      token: t.staff,
      body: { type: 'OUT', sku: 'KR-NDL-001', lotId: 'TZ-1', quantity: 1 },
    });
    expect(out.status).toBe(409);
    expect((await call('PATCH', '/api/tenant', { token: t.admin, body: { timeZone: 'Etc/GMT+12' } })).status).toBe(200);
    expect(await listed()).toEqual(['TZ-1']);
    const ok = await call('POST', '/api/movements', {
      token: t.staff,
      body: { type: 'OUT', sku: 'KR-NDL-001', lotId: 'TZ-1', quantity: 1 },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });
});
