// Every 15 minutes: take in landing/ files whose R2 event never came (notifications are
// at-least-once but not guaranteed to be configured, or a consumer failed past its retries), and
// restart imports whose chain of queue messages broke (a continuation that was never sent).
import { createDb } from '../data/db';
import type { Env } from '../lib/env';
import { objectPutEvent } from '../lib/messages';
import { stalledImports } from '../imports/imports.repo';
import { LANDING_PREFIX } from '../imports/landing';
import { sendJob } from '../imports/pipeline';
import type { CronJob } from './schedule';

// A file younger than this probably has its event in flight; leave it to the event.
export const LANDING_GRACE_MS = 2 * 60_000;
// A step checkpoints within seconds; an active import untouched this long has lost its message.
export const STALLED_MS = 10 * 60_000;

export const landingScan: CronJob = async (env: Env, scheduledTime: number) => {
  let cursor: string | undefined;
  let files = 0;
  do {
    const page = await env.FILES.list({ prefix: LANDING_PREFIX, cursor, limit: 1000 });
    const missed = page.objects.filter((o) => o.uploaded.getTime() <= scheduledTime - LANDING_GRACE_MS && !o.key.endsWith('/'));
    for (let i = 0; i < missed.length; i += 100) {
      await env.IMPORTS_QUEUE.sendBatch(
        // The shape of an R2 event notification, so one consumer path handles both.
        missed
          .slice(i, i + 100)
          .map((o) => ({ body: objectPutEvent({ key: o.key, size: o.size, eTag: o.etag }, 'landing-scan', o.uploaded) })),
      );
    }
    files += missed.length;
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);

  const stalled = await stalledImports(createDb(env), new Date(scheduledTime - STALLED_MS).toISOString());
  for (const imp of stalled) await sendJob(env, imp);
  return `landing: ${files} file(s) re-announced, ${stalled.length} stalled import(s) resumed`;
};
