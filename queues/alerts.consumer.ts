// Delivers new alerts: to the tenant's webhook when one is configured (the outside world, so
// failures retry and finally land in the DLQ), otherwise they are in-app only and simply counted.
import { z } from 'zod';
import type { Env } from '../worker/lib/env';
import { createDb } from '../worker/data/db';
import { countDelivery, getAlert } from '../worker/data/alerts.repo';
import { getTenant, tenantSettings } from '../worker/data/tenants.repo';

export const AlertMessage = z.object({ type: z.literal('alert'), tenantId: z.string().min(1), alertId: z.string().min(1) });
export type AlertMessage = z.infer<typeof AlertMessage>;

const WEBHOOK_TIMEOUT_MS = 5_000;

export async function consumeAlerts(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDb(env);
  for (const msg of batch.messages) {
    const parsed = AlertMessage.safeParse(msg.body);
    if (!parsed.success) {
      msg.ack();
      continue;
    }
    const alert = await getAlert(db, parsed.data.alertId);
    if (!alert || alert.tenantId !== parsed.data.tenantId) {
      msg.ack();
      continue;
    }
    const webhook = tenantSettings(await getTenant(db, alert.tenantId)).alertWebhookUrl;
    if (webhook) {
      const { tenantId: _t, ...body } = alert;
      try {
        const res = await fetch(webhook, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': alert.id },
          body: JSON.stringify({ type: 'lotwise.alert', alert: body }),
          signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        });
        if (!res.ok) throw new Error(`webhook answered ${res.status}`);
      } catch (e) {
        console.error('alert delivery failed', alert.id, String(e));
        msg.retry({ delaySeconds: Math.min(300, 10 * 2 ** msg.attempts) });
        continue;
      }
    }
    await countDelivery(db, alert.id);
    msg.ack();
  }
}
