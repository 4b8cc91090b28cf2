import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../worker/index';

/** Delivers a batch to the Worker's queue handler (in-process: batches cannot cross RPC). */
export async function deliver<T>(queue: string, messages: { id: string; body: T; attempts?: number }[]) {
  const batch = createMessageBatch<T>(
    queue,
    messages.map((m) => ({ id: m.id, body: m.body, timestamp: new Date(), attempts: m.attempts ?? 1 })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<unknown>, env);
  await waitOnExecutionContext(ctx);
  return getQueueResult(batch, ctx);
}

/** Fires a cron trigger at a chosen time and waits for everything it started. */
export async function fireCron(cron: string, scheduledTime: number) {
  const ctx = createExecutionContext();
  worker.scheduled(createScheduledController({ cron, scheduledTime }), env, ctx);
  await waitOnExecutionContext(ctx);
}
