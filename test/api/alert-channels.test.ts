import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { refreshTenant } from '../../worker/planning/refresh/job';
import { signWebhook } from '../../worker/alerts/send';
import { call, fixtureLot, login, seedBasics } from '../helpers/api';
import { deliver } from '../helpers/runtime';

interface Received {
  url: string;
  headers: Record<string, string>;
  body: any;
}

/** A receiver standing in for the outside world: records every request the Worker sends out. */
function startReceiver(status = 200) {
  const received: Received[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const req = new Request(input as RequestInfo, init);
    received.push({ url: req.url, headers: Object.fromEntries(req.headers), body: JSON.parse(await req.text()) });
    return new Response('ok', { status });
  });
  return received;
}

const openAlerts = async (tenantId: string, conditionKey: string) =>
  (
    await env.DB.prepare('SELECT id, cleared_at AS clearedAt FROM alerts WHERE tenant_id = ? AND condition_key = ? ORDER BY created_at')
      .bind(tenantId, conditionKey)
      .all<{ id: string; clearedAt: string | null }>()
  ).results;

const deliveriesOf = async (alertId: string) =>
  (await env.DB.prepare('SELECT status FROM alert_deliveries WHERE alert_id = ?').bind(alertId).all<{ status: string }>()).results;

beforeAll(async () => {
  await seedBasics();
  const today = Date.now();
  for (let d = 1; d <= 120; d++) {
    const day = new Date(today - d * 86_400_000).toISOString().slice(0, 10);
    await env.DB.prepare(
      "INSERT INTO order_lines (tenant_id, order_id, sku, customer_id, order_date, quantity) VALUES ('demo', ?, 'KIM-001', 'C-001', ?, 20)",
    )
      .bind(`CH-${d}`, day)
      .run();
  }
});
afterEach(() => vi.restoreAllMocks());

describe('alert channels', () => {
  it('lets only admins manage channels, shows the URL masked and the signing secret once', async () => {
    const admin = await login('admin@demo.test');
    const created = await call('POST', '/api/alert-channels', {
      token: admin,
      body: {
        name: 'Ops hook',
        type: 'webhook',
        url: 'https://hooks.example.com/T0KEN/lotwise',
        kinds: ['expiry'],
        minSeverity: 'warning',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.signingSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(created.body.url).toBe('https://hooks.example.com/…');
    const listed = await call('GET', '/api/alert-channels', { token: admin });
    expect(JSON.stringify(listed.body)).not.toContain('T0KEN');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.signingSecret);
    expect(listed.body.items[0]).toMatchObject({ hasSecret: true, kinds: ['expiry'] });
    for (const who of ['planner@demo.test', 'auditor@demo.test', 'approver@demo.test']) {
      const token = await login(who);
      expect((await call('GET', '/api/alert-channels', { token })).status).toBe(403);
      expect(
        (await call('POST', '/api/alert-channels', { token, body: { name: 'x', type: 'slack', url: 'https://hooks.slack.com/x' } })).status,
      ).toBe(403);
    }
    // Another tenant's admin sees none of it and gets 404 for the id.
    const acme = await login('admin@acme.test');
    expect((await call('GET', '/api/alert-channels', { token: acme })).body.items).toEqual([]);
    expect((await call('PATCH', `/api/alert-channels/${created.body.id}`, { token: acme, body: { active: false } })).status).toBe(404);
    // A partial change keeps what it does not name.
    const patched = await call('PATCH', `/api/alert-channels/${created.body.id}`, { token: admin, body: { minSeverity: 'critical' } });
    expect(patched.body).toMatchObject({ minSeverity: 'critical', kinds: ['expiry'], name: 'Ops hook', hasSecret: true });
    await call('PATCH', `/api/alert-channels/${created.body.id}`, { token: admin, body: { minSeverity: 'warning' } });
  });

  it('refuses targets inside our network and channels missing what their provider needs', async () => {
    const admin = await login('admin@demo.test');
    for (const url of [
      'http://hooks.example.com/x',
      'https://10.0.0.8/x',
      'https://[fd00::1]/x',
      'https://intranet/x',
      'https://a.internal/x',
      'ftp://x.example.com',
    ]) {
      const r = await call('POST', '/api/alert-channels', { token: admin, body: { name: 'bad', type: 'webhook', url } });
      expect(r.status, url).toBe(422);
      expect(r.body.errors[0].path).toBe('url');
    }
    // In development (this test environment) a local receiver is allowed.
    const local = await call('POST', '/api/alert-channels', {
      token: admin,
      body: { name: 'local', type: 'slack', url: 'http://localhost:8789/alerts', active: false },
    });
    expect(local.status).toBe(201);
    const wa = await call('POST', '/api/alert-channels', {
      token: admin,
      body: { name: 'wa', type: 'whatsapp', url: 'https://graph.facebook.com/v19.0/123/messages' },
    });
    expect(wa.status).toBe(422);
    expect(wa.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['secret', 'to']);
  });

  it('signs webhook deliveries so the receiver can check body and timestamp', async () => {
    const admin = await login('admin@demo.test');
    const secret = 'a-receiver-shared-secret-0123456789';
    const ch = await call('POST', '/api/alert-channels', {
      token: admin,
      body: { name: 'signed', type: 'webhook', url: 'https://receiver.example.com/in', secret, kinds: ['test'] },
    });
    const received = startReceiver();
    const r = await call('POST', `/api/alert-channels/${ch.body.id}/test`, { token: admin });
    expect(r.body).toEqual({ ok: true, status: 200 });
    expect(received).toHaveLength(1);
    const got = received[0];
    expect(got.body).toMatchObject({ type: 'lotwise.alert', tenant: 'demo', alert: { kind: 'test', severity: 'info' } });
    const ts = Number(got.headers['x-lotwise-timestamp']);
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(60);
    expect(got.headers['x-lotwise-signature']).toBe(`v1=${await signWebhook(secret, ts, JSON.stringify(got.body))}`);
    expect(got.headers['x-lotwise-signature']).not.toBe(`v1=${await signWebhook('wrong', ts, JSON.stringify(got.body))}`);
    await call('PATCH', `/api/alert-channels/${ch.body.id}`, { token: admin, body: { active: false } });
  });

  it('formats Slack, WhatsApp and e-mail messages as those providers take them', async () => {
    const admin = await login('admin@acme.test');
    const mk = (body: object) => call('POST', '/api/alert-channels', { token: admin, body: { kinds: ['test'], ...body } });
    const slack = await mk({ name: 's', type: 'slack', url: 'https://hooks.slack.com/services/T/B/X' });
    const wa = await mk({
      name: 'w',
      type: 'whatsapp',
      url: 'https://graph.facebook.com/v19.0/42/messages',
      to: '+8210123456789',
      secret: 'whatsapp-token-0123456789',
    });
    const mail = await mk({
      name: 'm',
      type: 'email',
      url: 'https://api.mail.example.com/emails',
      to: 'buyer@acme.example',
      from: 'alerts@acme.example',
      secret: 'mail-token-0123456789',
    });
    const received = startReceiver();
    for (const ch of [slack, wa, mail])
      expect((await call('POST', `/api/alert-channels/${ch.body.id}/test`, { token: admin })).body.ok).toBe(true);
    expect(received[0].body.text).toContain('Test alert');
    expect(received[1].body).toMatchObject({ messaging_product: 'whatsapp', to: '+8210123456789', type: 'text' });
    expect(received[1].headers.authorization).toBe('Bearer whatsapp-token-0123456789');
    expect(received[2].body).toMatchObject({ from: 'alerts@acme.example', to: ['buyer@acme.example'] });
    expect(received[2].body.subject).toContain('Acme Provisions');
  });
});

describe('alert conditions', () => {
  it('alerts once per condition, even when the message is delivered twice, and again after it clears and returns', async () => {
    const received = startReceiver();
    // A 500-unit kimchi lot expiring in 5 days cannot sell at 20 a day: an expiry condition.
    await fixtureLot('demo', 'CH-DOOMED', 'KIM-001', 500, 5);
    await refreshTenant(env, 'demo', Date.now());
    const [first] = await openAlerts('demo', 'expiry:CH-DOOMED');
    expect(first.clearedAt).toBeNull();
    // At-least-once delivery: the same message twice (the queue may also deliver it on its own).
    await deliver('lotwise-alerts', [{ id: 'd1', body: { type: 'alert', tenantId: 'demo', alertId: first.id } }]);
    await deliver('lotwise-alerts', [{ id: 'd2', body: { type: 'alert', tenantId: 'demo', alertId: first.id } }]);
    // Two channels want expiry warnings here ("Ops hook" for expiry, the test channel for all kinds
    // since it was switched off): the active one gets it exactly once.
    await vi.waitFor(async () => expect((await deliveriesOf(first.id)).map((d) => d.status)).toEqual(['sent']));
    expect(received.filter((r) => r.body.alert?.id === first.id).map((r) => r.url)).toEqual(['https://hooks.example.com/T0KEN/lotwise']);
    // Still true at the next refresh: nothing new.
    await refreshTenant(env, 'demo', Date.now() + 1);
    expect(await openAlerts('demo', 'expiry:CH-DOOMED')).toHaveLength(1);

    // Written off: the condition clears (the alert stays, marked cleared).
    await env.DB.prepare("UPDATE lots SET quantity_on_hand = 0 WHERE tenant_id = 'demo' AND lot_id = 'CH-DOOMED'").run();
    const cleared = await refreshTenant(env, 'demo', Date.now() + 2);
    expect(cleared.clearedAlerts).toBeGreaterThanOrEqual(1);
    expect((await openAlerts('demo', 'expiry:CH-DOOMED'))[0].clearedAt).not.toBeNull();

    // It returns: a second episode, delivered once more.
    await env.DB.prepare("UPDATE lots SET quantity_on_hand = 500 WHERE tenant_id = 'demo' AND lot_id = 'CH-DOOMED'").run();
    await refreshTenant(env, 'demo', Date.now() + 3);
    const episodes = await openAlerts('demo', 'expiry:CH-DOOMED');
    expect(episodes).toHaveLength(2);
    expect(episodes[1].clearedAt).toBeNull();
    await deliver('lotwise-alerts', [{ id: 'd3', body: { type: 'alert', tenantId: 'demo', alertId: episodes[1].id } }]);
    await vi.waitFor(async () => expect((await deliveriesOf(episodes[1].id)).map((d) => d.status)).toEqual(['sent']));
    expect(received.filter((r) => r.body.alert?.id === episodes[1].id).map((r) => r.url)).toEqual([
      'https://hooks.example.com/T0KEN/lotwise',
    ]);

    // Deliveries are listed per alert, and only to the alert's tenant.
    const planner = await login('planner@demo.test');
    const list = await call('GET', `/api/alerts/${episodes[1].id}/deliveries`, { token: planner });
    expect(list.body.items).toMatchObject([
      { channelName: 'Ops hook', channelType: 'webhook', status: 'sent', attempts: 1, responseStatus: 200 },
    ]);
    expect((await call('GET', `/api/alerts/${episodes[1].id}/deliveries`, { token: await login('planner@acme.test') })).status).toBe(404);
  });

  it('sends a channel only the kinds and severities it asked for, and retries a failing receiver with backoff', async () => {
    const admin = await login('admin@demo.test');
    const critical = await call('POST', '/api/alert-channels', {
      token: admin,
      body: { name: 'critical only', type: 'slack', url: 'https://hooks.slack.com/services/crit', minSeverity: 'critical' },
    });
    const received = startReceiver(503);
    const [alert] = await openAlerts('demo', 'stock-critical:RAM-001');
    const { results } = await env.DB.prepare(
      "SELECT id, kind, severity FROM alerts WHERE tenant_id = 'demo' AND kind = 'expiry' AND severity = 'warning' AND cleared_at IS NULL",
    ).all<{ id: string }>();
    for (const w of results) {
      await deliver('lotwise-alerts', [{ id: `w-${w.id}`, body: { type: 'alert', tenantId: 'demo', alertId: w.id } }]);
    }
    expect(received.filter((r) => r.url.includes('/crit'))).toHaveLength(0);
    if (alert) {
      const r = await deliver('lotwise-alerts', [{ id: 'c1', attempts: 3, body: { type: 'alert', tenantId: 'demo', alertId: alert.id } }]);
      expect(r.retryMessages).toEqual([{ msgId: 'c1', delaySeconds: 40 }]);
    }
    await call('DELETE', `/api/alert-channels/${critical.body.id}`, { token: admin });
  });

  it('acknowledges an alert once, for planners and admins only', async () => {
    const [a] = await openAlerts('demo', 'expiry:CH-DOOMED');
    const staff = await login('staff@demo.test');
    expect((await call('POST', `/api/alerts/${a.id}/acknowledge`, { token: staff })).status).toBe(403);
    const planner = await login('planner@demo.test');
    const r = await call('POST', `/api/alerts/${a.id}/acknowledge`, { token: planner });
    expect(r.body).toMatchObject({ id: a.id, acknowledgedBy: 'planner@demo.test' });
    const admin = await login('admin@demo.test');
    expect((await call('POST', `/api/alerts/${a.id}/acknowledge`, { token: admin })).body.acknowledgedBy).toBe('planner@demo.test');
  });
});
