// Sends one alert to one channel: the payload its type expects, signed or authorised as its
// receiver checks. The receiver is the outside world: every failure is caught and reported.
import { alertPayload, type AlertForDelivery, type ChannelSpec } from '../domain/alert-payloads';
import type { ChannelRow } from '../data/alert-channels.repo';

const TIMEOUT_MS = 5_000;

export const channelSpec = (c: ChannelRow): ChannelSpec => ({
  type: c.type,
  kinds: JSON.parse(c.kinds) as string[],
  minSeverity: c.minSeverity,
  config: JSON.parse(c.config) as ChannelSpec['config'],
});

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const sig = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message));
  return [...new Uint8Array(sig)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Signature of a generic webhook delivery: `X-Lotwise-Signature: v1=<hex HMAC-SHA256(secret,
 * "<timestamp>.<body>")>` with `X-Lotwise-Timestamp: <unix seconds>`. A receiver recomputes it and
 * refuses timestamps older than five minutes, so a captured request cannot be replayed later.
 */
export const signWebhook = (secret: string, timestamp: number, body: string) => hmacHex(secret, `${timestamp}.${body}`);

export interface SendOutcome {
  ok: boolean;
  status?: number;
  error?: string;
}

export async function sendToChannel(
  channel: ChannelRow,
  alert: AlertForDelivery,
  tenant: { id: string; name: string },
  deliveryId: string,
  now = Date.now(),
): Promise<SendOutcome> {
  const body = JSON.stringify(alertPayload(channelSpec(channel), alert, tenant));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Lotwise-Alerts/1' };
  if (channel.type === 'webhook') {
    const ts = Math.floor(now / 1000);
    headers['idempotency-key'] = deliveryId;
    headers['x-lotwise-delivery'] = deliveryId;
    headers['x-lotwise-timestamp'] = String(ts);
    if (channel.secret) headers['x-lotwise-signature'] = `v1=${await signWebhook(channel.secret, ts, body)}`;
  } else if ((channel.type === 'whatsapp' || channel.type === 'email') && channel.secret) {
    headers.authorization = `Bearer ${channel.secret}`;
  }
  try {
    const res = await fetch(channel.url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
    await res.body?.cancel();
    return res.ok ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `receiver answered ${res.status}` };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}
