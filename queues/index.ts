// Routes a delivered batch to the consumer of its queue. Queue names come from lib/messages.ts,
// which test/queues/queue-contracts.test.ts holds to wrangler.toml.
import type { Env } from '../worker/lib/env';
import { QUEUES, type QueueName } from '../worker/lib/messages';
import { consumeAlerts } from './alerts.consumer';
import { consumeDeadLetters } from './dead-letter.consumer';
import { consumeImports } from './imports.consumer';
import { consumeRefresh } from './refresh.consumer';

type Consumer = (batch: MessageBatch<unknown>, env: Env) => Promise<void>;

/** One consumer per declared queue; a queue added to QUEUES without one does not compile. */
export const CONSUMERS: Record<QueueName, Consumer> = {
  [QUEUES.imports]: consumeImports,
  [QUEUES.refresh]: consumeRefresh,
  [QUEUES.alerts]: consumeAlerts,
  [QUEUES.importsDeadLetter]: consumeDeadLetters,
  [QUEUES.refreshDeadLetter]: consumeDeadLetters,
  [QUEUES.alertsDeadLetter]: consumeDeadLetters,
};

export async function handleQueueBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  // Local and preview queues may carry a suffix; match on the declared name's prefix.
  const names = Object.values(QUEUES);
  const name = names.find((q) => batch.queue === q) ?? names.find((q) => batch.queue.startsWith(q));
  if (!name) {
    console.error(`No consumer for queue ${batch.queue}`);
    batch.retryAll();
    return;
  }
  await CONSUMERS[name](batch, env);
}
