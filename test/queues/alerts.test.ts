import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isoWeek } from '../../worker/domain/alerts';
import { refreshTenant } from '../../worker/planning/refresh/job';
import { call, fixtureLot, login, seedBasics } from '../helpers/api';
import { deliver } from '../helpers/runtime';

const alertsOf = async (tenantId: string) =>
  (
    await env.DB.prepare(
      'SELECT id, kind, severity, condition_key AS dedupeKey, message, deliveries FROM alerts WHERE tenant_id = ? ORDER BY dedupe_key',
    )
      .bind(tenantId)
      .all<{ id: string; kind: string; severity: string; dedupeKey: string; message: string; deliveries: number }>()
  ).results;

beforeAll(async () => {
  await seedBasics();
  // KIM-001 (90-day life, 10-day minimum remaining) sells ~20 a day; a 500-unit lot expiring in 5 days cannot sell.
  const today = new Date();
  for (let d = 1; d <= 120; d++) {
    const day = new Date(today.getTime() - d * 86_400_000).toISOString().slice(0, 10);
    await env.DB.prepare(
      "INSERT INTO order_lines (tenant_id, order_id, sku, customer_id, order_date, quantity) VALUES ('demo', ?, 'KIM-001', 'C-001', ?, 20)",
    )
      .bind(`A-${d}`, day)
      .run();
    await env.DB.prepare(
      "INSERT INTO order_lines (tenant_id, order_id, line, sku, customer_id, order_date, quantity) VALUES ('demo', ?, 2, 'RAM-001', 'C-001', ?, 30)",
    )
      .bind(`A-${d}`, day)
      .run();
  }
  await fixtureLot('demo', 'AL-DOOMED', 'KIM-001', 500, 5);
  await fixtureLot('demo', 'AL-R', 'RAM-001', 3, 200);
});
afterEach(() => vi.restoreAllMocks());

describe('alerts', () => {
  it('labels ISO weeks across year ends', () => {
    expect(isoWeek('2026-11-21')).toBe('2026-W47');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });

  it('raises critical-stock and expiry alerts once, however often the plan refreshes', async () => {
    const first = await refreshTenant(env, 'demo', Date.now());
    expect(first.newAlerts).toBeGreaterThan(0);
    const alerts = await alertsOf('demo');
    expect(
      alerts.find((a) => a.dedupeKey === 'expiry:AL-DOOMED'),
      JSON.stringify(alerts),
    ).toMatchObject({ kind: 'expiry' });
    expect(alerts.find((a) => a.dedupeKey === 'stock-critical:RAM-001')).toMatchObject({ severity: 'critical' });
    // The alerts page on Korean pages reads the Korean message, written from the same numbers.
    const { results: ko } = await env.DB.prepare(
      "SELECT condition_key AS k, message, message_ko AS ko FROM alerts WHERE tenant_id = 'demo'",
    ).all<{
      k: string;
      message: string;
      ko: string | null;
    }>();
    const doomed = ko.find((a) => a.k === 'expiry:AL-DOOMED')!;
    const [, why] = /can no longer ship: (.+)\. Mark it down or write it off\.$/.exec(doomed.message)!;
    expect(why).toMatch(/^only \d+ days of shelf life left; customer requires \d+$/);
    expect(doomed.ko).toMatch(
      /^KIM-001 .*로트 AL-DOOMED\(\S+\) 출고 불가: 잔여 유통기한 \d+일뿐; 고객 요구 \d+일\. 할인 판매하거나 폐기 처리하세요\.$/,
    );
    expect(ko.find((a) => a.k === 'stock-critical:RAM-001')!.ko).toMatch(/^RAM-001 .*: .*[\uac00-\ud7a3]/);
    const again = await refreshTenant(env, 'demo', Date.now() + 1000);
    expect(again.newAlerts).toBe(0);
    expect(await alertsOf('demo')).toHaveLength(alerts.length);
    const planner = await login('planner@demo.test');
    const listed = await call('GET', '/api/alerts?pageSize=100', { token: planner });
    expect(listed.body.total).toBe(alerts.length);
    const acme = await login('planner@acme.test');
    expect(JSON.stringify((await call('GET', '/api/alerts', { token: acme })).body.items)).not.toContain('AL-DOOMED');
  });

  it('posts an alert to the tenant webhook and counts the delivery; a failing webhook retries', async () => {
    const admin = await login('admin@demo.test');
    const set = await call('PATCH', '/api/tenant', {
      token: admin,
      body: { settings: { alertWebhookUrl: 'https://hooks.example.test/lotwise' } },
    });
    // Write-only: the answer shows the host, never the whole URL (docs/reliability.md).
    expect(set.body.settings.alertWebhookUrl).toBe('https://hooks.example.test/…');
    const [alert] = (await alertsOf('demo')).filter((a) => a.dedupeKey === 'expiry:AL-DOOMED');
    const seen: unknown[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (_input, init) => {
      seen.push(JSON.parse(String(init?.body)));
      return new Response('ok');
    });
    const ok = await deliver('lotwise-alerts', [{ id: 'a1', body: { type: 'alert', tenantId: 'demo', alertId: alert.id } }]);
    expect(ok.explicitAcks).toEqual(['a1']);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ type: 'lotwise.alert', alert: { id: alert.id, kind: 'expiry' } });
    expect((await alertsOf('demo')).find((a) => a.id === alert.id)?.deliveries).toBe(1);

    // The same message again (at-least-once delivery) sends nothing more.
    const again = await deliver('lotwise-alerts', [{ id: 'a1b', body: { type: 'alert', tenantId: 'demo', alertId: alert.id } }]);
    expect(again.explicitAcks).toEqual(['a1b']);
    expect(seen).toHaveLength(1);

    vi.restoreAllMocks();
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('down', { status: 503 }));
    const [other] = (await alertsOf('demo')).filter((a) => a.id !== alert.id);
    const failed = await deliver('lotwise-alerts', [{ id: 'a2', body: { type: 'alert', tenantId: 'demo', alertId: other.id } }]);
    expect(failed.retryMessages.map((m) => m.msgId)).toEqual(['a2']);
    expect((await alertsOf('demo')).find((a) => a.id === other.id)?.deliveries).toBe(0);
    expect(
      (await call('PATCH', '/api/tenant', { token: admin, body: { settings: { alertWebhookUrl: 'http://insecure.test' } } })).status,
    ).toBe(422);
  });

  it("ignores a message naming another tenant's alert", async () => {
    const [alert] = await alertsOf('demo');
    const spy = vi.spyOn(globalThis, 'fetch');
    const r = await deliver('lotwise-alerts', [{ id: 'x', body: { type: 'alert', tenantId: 'acme', alertId: alert.id } }]);
    expect(r.explicitAcks).toEqual(['x']);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('raising many alerts at once', () => {
  it('stays within D1 bound-parameter limits and dedupes within the batch run', async () => {
    const { raiseAlerts } = await import('../../worker/data/alerts.repo');
    const { createDb } = await import('../../worker/data/db');
    const drafts = Array.from({ length: 130 }, (_, i) => ({
      dedupeKey: `bulk:${i}`,
      kind: 'bulk',
      severity: 'warning' as const,
      message: `bulk ${i}`,
    }));
    expect(await raiseAlerts(createDb(env), 'acme', drafts)).toHaveLength(130);
    expect(await raiseAlerts(createDb(env), 'acme', drafts)).toHaveLength(0);
  });
});
