// Alert use-cases: raise what the plan finds (re-arming cleared conditions), raise one-off
// events, and deliver an alert to every channel that wants it — once per channel.
import type { Env } from '../lib/env';
import { alertMessage } from '../lib/messages';
import { chunk, createDb, type Db } from '../data/db';
import { claimDelivery, finishDelivery, getChannel, listChannels } from '../data/alert-channels.repo';
import { countDelivery, getAlert, raiseAlerts, syncConditionAlerts, type AlertDraft, type ConditionDraft } from '../data/alerts.repo';
import { getTenant, tenantSettings } from '../data/tenants.repo';
import { channelWants, type AlertForDelivery } from '../domain/alert-payloads';
import { notFound } from '../lib/problem';
import { channelSpec, sendToChannel, type SendOutcome } from './send';

/** Alert kinds the plan refresh owns: each refresh raises and clears them. */
export const PLAN_ALERT_KINDS = ['stock-critical', 'stockout', 'expiry', 'certain-loss'] as const;

async function enqueue(env: Env, tenantId: string, alertIds: string[]) {
  for (const part of chunk(alertIds, 100))
    await env.ALERTS_QUEUE.sendBatch(part.map((alertId) => ({ body: alertMessage(tenantId, alertId) })));
}

/** Syncs the plan's conditions with the open alerts and queues the new ones for delivery. */
export async function raisePlanAlerts(env: Env, db: Db, tenantId: string, found: ConditionDraft[]) {
  const r = await syncConditionAlerts(db, tenantId, PLAN_ALERT_KINDS, found);
  await enqueue(env, tenantId, r.raised);
  return r;
}

/** A one-off event (a failed import, a failed refresh): raised once per dedupe key, then delivered. */
export async function raiseEventAlert(env: Env, tenantId: string, draft: AlertDraft) {
  const ids = await raiseAlerts(createDb(env), tenantId, [draft]);
  await enqueue(env, tenantId, ids);
  return ids;
}

export interface DeliveryResult {
  /** Channels that still need another try (the message should be retried). */
  pending: number;
  sent: number;
}

/**
 * Delivers an alert to each active channel that wants it, and to the tenant's legacy webhook
 * setting. A channel that already received it is skipped, so a redelivered message sends nothing
 * twice; failures leave the delivery `failed` and ask for a retry.
 */
export async function deliverAlert(env: Env, tenantId: string, alertId: string): Promise<DeliveryResult> {
  const db = createDb(env);
  const alert = await getAlert(db, alertId);
  if (!alert || alert.tenantId !== tenantId) return { pending: 0, sent: 0 };
  const tenant = await getTenant(db, tenantId);
  const who = { id: tenantId, name: tenant?.name ?? tenantId };
  const forDelivery: AlertForDelivery = {
    id: alert.id,
    kind: alert.kind,
    severity: alert.severity,
    message: alert.message,
    createdAt: alert.createdAt,
  };
  let pending = 0;
  let sent = 0;
  for (const channel of await listChannels(db, tenantId, { activeOnly: true })) {
    if (!channelWants(channelSpec(channel), forDelivery)) continue;
    const claim = await claimDelivery(db, tenantId, alert.id, channel.id);
    if (!claim) continue;
    const outcome = await sendToChannel(channel, forDelivery, who, claim.id);
    await finishDelivery(db, claim.id, outcome);
    if (outcome.ok) {
      sent++;
      await countDelivery(db, alert.id);
    } else {
      pending++;
      console.error('alert delivery failed', alert.id, channel.id, outcome.error);
    }
  }
  // The tenant-wide webhook setting predates channels: an unsigned JSON post, deduped the same way.
  const legacy = tenantSettings(tenant).alertWebhookUrl;
  if (legacy) {
    const claim = await claimDelivery(db, tenantId, alert.id, 'tenant-webhook');
    if (claim) {
      const outcome = await postLegacy(legacy, alert);
      await finishDelivery(db, claim.id, outcome);
      if (outcome.ok) {
        sent++;
        await countDelivery(db, alert.id);
      } else pending++;
    }
  }
  return { pending, sent };
}

async function postLegacy(url: string, alert: NonNullable<Awaited<ReturnType<typeof getAlert>>>): Promise<SendOutcome> {
  const { tenantId: _t, ...body } = alert;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': alert.id },
      body: JSON.stringify({ type: 'lotwise.alert', alert: body }),
      signal: AbortSignal.timeout(5_000),
    });
    return res.ok ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `webhook answered ${res.status}` };
  } catch (e) {
    return { ok: false, error: String(e) };
  }
}

/** Sends a test alert to one channel right now and reports how the receiver answered. */
export async function sendTestAlert(env: Env, tenantId: string, channelId: string): Promise<SendOutcome> {
  const db = createDb(env);
  const channel = await getChannel(db, tenantId, channelId);
  if (!channel) throw notFound('Alert channel');
  const tenant = await getTenant(db, tenantId);
  const id = `test-${crypto.randomUUID()}`;
  return sendToChannel(
    channel,
    {
      id,
      kind: 'test',
      severity: 'info',
      message: `Test alert from Lotwise to channel "${channel.name}".`,
      createdAt: new Date().toISOString(),
    },
    { id: tenantId, name: tenant?.name ?? tenantId },
    id,
  );
}
