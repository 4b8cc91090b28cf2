// What the status page reads: job runs, imports, dead letters and request metrics of one tenant.
import { and, desc, eq, getTableColumns, gte, inArray, like, or, sql } from 'drizzle-orm';
import { chunk, rowsPerInsert, type Db } from './db';
import { alerts, imports, jobRuns, requestMetrics } from './schema';

export type MetricRow = typeof requestMetrics.$inferInsert;

/** Adds counters to their (tenant, bucket, method, route) rows: plain sums, safe from any isolate. */
export async function addRequestMetrics(db: Db, rows: MetricRow[]): Promise<void> {
  const h = Object.fromEntries(
    Array.from({ length: 12 }, (_, i) => [
      `h${i}`,
      sql.raw(`${requestMetrics[`h${i}` as 'h0'].name} + excluded.${requestMetrics[`h${i}` as 'h0'].name}`),
    ]),
  );
  // One bound value per column a row.
  for (const part of chunk(rows, rowsPerInsert(Object.keys(getTableColumns(requestMetrics)).length)))
    await db
      .insert(requestMetrics)
      .values(part)
      .onConflictDoUpdate({
        target: [requestMetrics.tenantId, requestMetrics.bucket, requestMetrics.method, requestMetrics.route],
        set: {
          count: sql`${requestMetrics.count} + excluded.count`,
          errors4xx: sql`${requestMetrics.errors4xx} + excluded.errors_4xx`,
          errors5xx: sql`${requestMetrics.errors5xx} + excluded.errors_5xx`,
          totalMs: sql`${requestMetrics.totalMs} + excluded.total_ms`,
          ...h,
        },
      });
}

export async function requestMetricsSince(db: Db, tenantId: string, sinceBucket: number) {
  return db
    .select()
    .from(requestMetrics)
    .where(and(eq(requestMetrics.tenantId, tenantId), gte(requestMetrics.bucket, sinceBucket)));
}

/** Refresh runs of the tenant and the cron jobs (tenant ''), newest first. */
export async function recentJobRuns(db: Db, tenantId: string, limit: number) {
  return db
    .select()
    .from(jobRuns)
    .where(or(eq(jobRuns.tenantId, tenantId), eq(jobRuns.tenantId, '')))
    .orderBy(desc(jobRuns.scheduledTime))
    .limit(limit);
}

export async function lastJobRun(db: Db, tenantId: string, job: string, status?: 'done' | 'failed') {
  const [row] = await db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.tenantId, tenantId), status ? eq(jobRuns.status, status) : undefined))
    .orderBy(desc(jobRuns.scheduledTime))
    .limit(1);
  return row;
}

export async function importCounts(db: Db, tenantId: string, sinceIso: string) {
  const [row] = await db
    .select({
      backlog: sql<number>`coalesce(sum(case when ${imports.status} in ('queued','parsing','validating','committing') then 1 else 0 end), 0)`,
      failed: sql<number>`coalesce(sum(case when ${imports.status} = 'failed' and ${imports.updatedAt} >= ${sinceIso} then 1 else 0 end), 0)`,
    })
    .from(imports)
    .where(eq(imports.tenantId, tenantId));
  const failed = await db
    .select({ id: imports.id, entity: imports.entity, fileName: imports.fileName, message: imports.message, updatedAt: imports.updatedAt })
    .from(imports)
    .where(and(eq(imports.tenantId, tenantId), inArray(imports.status, ['failed'])))
    .orderBy(desc(imports.updatedAt))
    .limit(10);
  return { ...row, recentFailures: failed };
}

export async function deadLettersSince(db: Db, tenantId: string, sinceIso: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)` })
    .from(alerts)
    .where(and(eq(alerts.tenantId, tenantId), like(alerts.dedupeKey, 'dlq:%'), gte(alerts.createdAt, sinceIso)));
  return n;
}
