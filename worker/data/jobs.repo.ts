// Job runs deduplicate at-least-once deliveries: one row per (job, scheduled time, tenant).
import { and, eq } from 'drizzle-orm';
import type { Db } from './db';
import { jobRuns } from './schema';

// A running job whose heartbeat is older than this is taken over by the next delivery.
const STALE_MS = 5 * 60_000;

/** Claims a job; false when it already finished or another consumer is alive on it. */
export async function claimJob(db: Db, job: string, scheduledTime: number, tenantId: string, now = Date.now()): Promise<boolean> {
  const inserted = await db
    .insert(jobRuns)
    .values({ job, scheduledTime, tenantId, status: 'running', heartbeatAt: now, startedAt: now })
    .onConflictDoNothing()
    .returning({ job: jobRuns.job });
  if (inserted.length) return true;
  const where = and(eq(jobRuns.job, job), eq(jobRuns.scheduledTime, scheduledTime), eq(jobRuns.tenantId, tenantId));
  const [row] = await db.select().from(jobRuns).where(where);
  if (!row || row.status === 'done') return false;
  if (row.status === 'running' && now - row.heartbeatAt < STALE_MS) return false;
  await db.update(jobRuns).set({ status: 'running', heartbeatAt: now, startedAt: now }).where(where);
  return true;
}

export async function finishJob(db: Db, job: string, scheduledTime: number, tenantId: string, status: 'done' | 'failed', outcome: string) {
  await db
    .update(jobRuns)
    .set({ status, outcome: outcome.slice(0, 2000), heartbeatAt: Date.now() })
    .where(and(eq(jobRuns.job, job), eq(jobRuns.scheduledTime, scheduledTime), eq(jobRuns.tenantId, tenantId)));
}
