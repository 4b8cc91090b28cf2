// Cron entry: each trigger in wrangler.toml maps to a job. Jobs take (env, time) so tests control time.
import type { Env } from '../lib/env';
import { createDb } from '../data/db';
import { tenantIds } from '../data/stock.repo';
import { claimJob, finishJob } from '../data/jobs.repo';
import { auditCheckpoints } from './audit-checkpoints';
import { landingScan } from './landing-scan';
import { resumeStaleJobs } from '../planning/refresh/job';

export type CronJob = (env: Env, scheduledTime: number) => Promise<string>;

/** Fans the refresh out as one queue message per tenant, each small and independently retried. */
export const refreshAll: CronJob = async (env, scheduledTime) => {
  const ids = await tenantIds(createDb(env));
  for (let i = 0; i < ids.length; i += 100) {
    await env.REFRESH_QUEUE.sendBatch(
      ids.slice(i, i + 100).map((tenantId) => ({ body: { type: 'refresh', tenantId, reason: 'cron', requestedAt: scheduledTime } })),
    );
  }
  return `enqueued ${ids.length} tenant refreshes`;
};

/** Refresh jobs whose heartbeat went stale are taken up again (with backoff; worker/planning/refresh/job.ts). */
export const resumeRefreshes: CronJob = async (env, scheduledTime) => {
  const r = await resumeStaleJobs(env, scheduledTime);
  return `refresh jobs: ${r.resumed} resumed, ${r.failed} given up`;
};

/** Every quarter hour: landing files and stalled imports, then stale refresh jobs. */
const quarterHourly: CronJob = async (env, scheduledTime) =>
  `${await landingScan(env, scheduledTime)}; ${await resumeRefreshes(env, scheduledTime)}`;

export const JOBS: Record<string, CronJob> = {
  '0 * * * *': refreshAll,
  '0 3 * * *': refreshAll,
  '*/15 * * * *': quarterHourly,
  '30 * * * *': auditCheckpoints,
};

export async function runScheduled(cron: string, scheduledTime: number, env: Env): Promise<void> {
  const job = JOBS[cron];
  if (!job) return console.error(`No job for cron ${cron}`);
  const db = createDb(env);
  // Cron can fire twice for one instant; the claim makes the second a no-op.
  if (!(await claimJob(db, `cron:${cron}`, scheduledTime, ''))) return;
  try {
    await finishJob(db, `cron:${cron}`, scheduledTime, '', 'done', await job(env, scheduledTime));
  } catch (e) {
    await finishJob(db, `cron:${cron}`, scheduledTime, '', 'failed', String(e));
    throw e;
  }
}
