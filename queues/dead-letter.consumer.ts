// Messages that exhausted their retries become critical alerts, so nothing fails silently.
import type { Env } from '../worker/lib/env';
import { createDb } from '../worker/data/db';
import { alerts } from '../worker/data/schema';

export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDb(env);
  for (const msg of batch.messages) {
    const body = (msg.body ?? {}) as { tenantId?: unknown };
    const tenantId = typeof body.tenantId === 'string' ? body.tenantId : '_system';
    await db
      .insert(alerts)
      .values({
        id: crypto.randomUUID(),
        tenantId,
        dedupeKey: `dlq:${batch.queue}:${msg.id}`,
        kind: 'dead_letter',
        severity: 'critical',
        message: `A ${batch.queue.replace(/-dlq$/, '')} job failed after retries: ${JSON.stringify(msg.body).slice(0, 500)}`,
      })
      .onConflictDoNothing();
    msg.ack();
  }
}
