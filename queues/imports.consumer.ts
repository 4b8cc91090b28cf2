// Import jobs and R2 file-drop events. At-least-once and out of order: a job message names its
// import, run and step, and a step already written (or an older run) is acknowledged and dropped;
// a drop event for an object already taken in finds it gone. Work per delivery is bounded by a
// shared deadline; what is left is re-enqueued, not retried (retries are for failures).
import type { Env } from '../worker/lib/env';
import { ImportsMessage } from '../worker/lib/messages';
import { takeInLanding } from '../worker/imports/landing';
import { DEFAULT_BUDGET, runImportJob, type Budget } from '../worker/imports/pipeline';

const PUT_ACTIONS = new Set(['PutObject', 'CompleteMultipartUpload', 'CopyObject']);

export async function consumeImports(batch: MessageBatch<unknown>, env: Env, budget: Budget = DEFAULT_BUDGET): Promise<void> {
  const deadline = Date.now() + budget.ms;
  let handled = 0;
  for (const msg of batch.messages) {
    const parsed = ImportsMessage.safeParse(msg.body);
    if (!parsed.success) {
      console.error('imports: dropping malformed message', msg.id);
      msg.ack();
      continue;
    }
    const body = parsed.data;
    // The first message always gets its step, so every delivery makes progress.
    if (handled++ > 0 && Date.now() >= deadline) {
      // Out of budget for this delivery: hand the message on unchanged rather than burn a retry.
      await env.IMPORTS_QUEUE.send(body);
      msg.ack();
      continue;
    }
    try {
      if ('type' in body) await runImportJob(env, body, deadline, budget, msg.attempts);
      else if (PUT_ACTIONS.has(body.action) && body.object.key.startsWith('landing/')) {
        const taken = await takeInLanding(env, body.object.key);
        console.log('imports:', taken.message);
        // Start right away instead of waiting for the job message's delivery; that message is
        // still sent (registerFile) and finds the step done — or carries on if this one dies.
        if (taken.job) await runImportJob(env, taken.job, deadline, budget, 1);
      }
      msg.ack();
    } catch (e) {
      console.error('imports: retrying', msg.id, e);
      msg.retry({ delaySeconds: 5 });
    }
  }
}
