// Delivers new alerts to the tenant's channels. Each (alert, channel) is sent once; a channel that
// failed is retried with exponential backoff, and after the last retry the message goes to the DLQ.
import type { Env } from '../worker/lib/env';
import { AlertMessage } from '../worker/lib/messages';
import { deliverAlert } from '../worker/alerts/deliver';
import { retryDelaySeconds } from '../worker/domain/alert-payloads';

export async function consumeAlerts(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const msg of batch.messages) {
    const parsed = AlertMessage.safeParse(msg.body);
    if (!parsed.success) {
      msg.ack();
      continue;
    }
    const r = await deliverAlert(env, parsed.data.tenantId, parsed.data.alertId);
    if (r.pending > 0) msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts) });
    else msg.ack();
  }
}
