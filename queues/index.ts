// Routes a delivered batch to the consumer of its queue. Queue names match wrangler.toml.
import type { Env } from '../worker/lib/env';
import { consumeAlerts } from './alerts.consumer';
import { consumeDeadLetters } from './dead-letter.consumer';
import { consumeImports } from './imports.consumer';
import { consumeRefresh } from './refresh.consumer';

type Consumer = (batch: MessageBatch<unknown>, env: Env) => Promise<void>;

const CONSUMERS: Record<string, Consumer> = {
  'lotwise-imports': consumeImports,
  'lotwise-refresh': consumeRefresh,
  'lotwise-alerts': consumeAlerts,
  'lotwise-imports-dlq': consumeDeadLetters,
  'lotwise-refresh-dlq': consumeDeadLetters,
  'lotwise-alerts-dlq': consumeDeadLetters,
};

export async function handleQueueBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  // Local and preview queues may carry a suffix; match on the declared name's prefix.
  const name = Object.keys(CONSUMERS).find((q) => batch.queue === q) ?? Object.keys(CONSUMERS).find((q) => batch.queue.startsWith(q));
  if (!name) {
    console.error(`No consumer for queue ${batch.queue}`);
    batch.retryAll();
    return;
  }
  await CONSUMERS[name](batch, env);
}
