// Messages that exhausted their retries become critical alerts (delivered like any other), so
// nothing fails silently.
import type { Env } from '../worker/lib/env';
import { DeadLetterMessage } from '../worker/lib/messages';
import { raiseEventAlert } from '../worker/alerts/deliver';

export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const msg of batch.messages) {
    const parsed = DeadLetterMessage.safeParse(msg.body);
    const tenantId = parsed.data?.tenantId ?? '_system';
    await raiseEventAlert(env, tenantId, {
      dedupeKey: `dlq:${batch.queue}:${msg.id}`,
      kind: 'dead-letter',
      severity: 'critical',
      message: `A ${batch.queue.replace(/-dlq$/, '')} job failed after retries: ${JSON.stringify(msg.body).slice(0, 500)}`,
      // The queue's name and the message stay as they are: they are for whoever looks into it.
      messageKo: `${batch.queue.replace(/-dlq$/, '')} 작업이 재시도 후에도 실패했습니다: ${JSON.stringify(msg.body).slice(0, 500)}`,
    });
    msg.ack();
  }
}
