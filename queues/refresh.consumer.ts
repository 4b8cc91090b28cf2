// Rebuilds a tenant's view snapshots. At-least-once and out of order: deduped per
// (tenant, requested time) in job_runs, and snapshots only move forward in version.
import { z } from 'zod';
import type { Env } from '../worker/lib/env';
import { createDb } from '../worker/data/db';
import { claimJob, finishJob } from '../worker/data/jobs.repo';
import { refreshTenant } from '../worker/cron/refresh';
import { raiseEventAlert } from '../worker/alerts/deliver';
import { retryDelaySeconds } from '../worker/domain/alert-payloads';

export const RefreshMessage = z.object({
  type: z.literal('refresh'),
  tenantId: z.string().min(1),
  reason: z.string().max(200),
  requestedAt: z.number().int().positive(),
});
export type RefreshMessage = z.infer<typeof RefreshMessage>;

export async function consumeRefresh(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = createDb(env);
  for (const msg of batch.messages) {
    const parsed = RefreshMessage.safeParse(msg.body);
    if (!parsed.success) {
      console.error('refresh: dropping malformed message', msg.id);
      msg.ack();
      continue;
    }
    const { tenantId, requestedAt } = parsed.data;
    if (!(await claimJob(db, 'refresh', requestedAt, tenantId))) {
      msg.ack();
      continue;
    }
    try {
      const outcome = await refreshTenant(env, tenantId, requestedAt);
      await finishJob(db, 'refresh', requestedAt, tenantId, 'done', JSON.stringify(outcome));
      msg.ack();
    } catch (e) {
      await finishJob(db, 'refresh', requestedAt, tenantId, 'failed', String(e));
      // The views stay at their last good version; say so once per failed run.
      await raiseEventAlert(env, tenantId, {
        dedupeKey: `refresh-failed:${requestedAt}`,
        kind: 'refresh-failed',
        severity: msg.attempts >= 3 ? 'critical' : 'warning',
        message:
          `The plan refresh requested at ${new Date(requestedAt).toISOString()} failed (attempt ${msg.attempts}); views still show the last good plan. ${String(e)}`.slice(
            0,
            1000,
          ),
      }).catch((alertError) => console.error('refresh-failed alert not raised', alertError));
      msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts) });
    }
  }
}
