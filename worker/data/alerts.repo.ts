// Alerts a planner should see (and a tenant webhook may receive). The dedupe key makes raising
// the same alert again a no-op, so every refresh can raise what it finds.
import { and, desc, eq, getTableColumns, inArray, isNull, ne, sql } from 'drizzle-orm';
import { chunk, rowsPerInsert, type Db } from './db';
import { alerts } from './schema';

export type AlertRow = typeof alerts.$inferSelect;
export interface AlertDraft {
  dedupeKey: string;
  kind: string;
  severity: AlertRow['severity'];
  message: string;
  /** The message in Korean, for the alerts page (channels receive the English). */
  messageKo?: string | null;
}

// Drizzle binds every column of an insert (defaults included): one bound value per column a row.
const ALERT_COLUMNS = Object.keys(getTableColumns(alerts)).length;

/** Inserts the drafts that are new; returns their ids. */
export async function raiseAlerts(db: Db, tenantId: string, drafts: AlertDraft[]): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunk(drafts, rowsPerInsert(ALERT_COLUMNS))) {
    const rows = await db
      .insert(alerts)
      .values(part.map((d) => ({ ...d, id: crypto.randomUUID(), tenantId, deliveries: 0 })))
      .onConflictDoNothing()
      .returning({ id: alerts.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export interface ConditionDraft {
  /** Stable while the condition lasts, e.g. "stockout:KR-NDL-001". */
  conditionKey: string;
  kind: string;
  severity: AlertRow['severity'];
  message: string;
  /** The message in Korean, for the alerts page. */
  messageKo?: string;
}

/**
 * Makes the open alerts of `kinds` match the conditions found now: a condition with no open alert
 * raises one (a new episode), an open alert whose condition is gone is cleared — which re-arms it,
 * so the condition alerts again if it returns. Returns the ids raised and the count cleared.
 * A partial unique index keeps one open alert per condition even when two refreshes race.
 */
export async function syncConditionAlerts(
  db: Db,
  tenantId: string,
  kinds: readonly string[],
  drafts: readonly ConditionDraft[],
  now = new Date(),
): Promise<{ raised: string[]; cleared: number }> {
  const open = await db
    .select({ id: alerts.id, conditionKey: alerts.conditionKey })
    .from(alerts)
    .where(and(eq(alerts.tenantId, tenantId), isNull(alerts.clearedAt), ne(alerts.conditionKey, ''), inArray(alerts.kind, [...kinds])));
  const openKeys = new Set(open.map((o) => o.conditionKey));
  const found = new Map(drafts.map((d) => [d.conditionKey, d]));
  const fresh = [...found.values()].filter((d) => !openKeys.has(d.conditionKey));
  const raised: string[] = [];
  const stamp = now.toISOString();
  for (const part of chunk(fresh, rowsPerInsert(ALERT_COLUMNS))) {
    const rows = await db
      .insert(alerts)
      .values(
        part.map((d) => ({
          id: crypto.randomUUID(),
          tenantId,
          dedupeKey: `${d.conditionKey}#${now.getTime()}`,
          conditionKey: d.conditionKey,
          kind: d.kind,
          severity: d.severity,
          message: d.message,
          messageKo: d.messageKo ?? null,
          deliveries: 0,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: alerts.id });
    raised.push(...rows.map((r) => r.id));
  }
  const gone = open.filter((o) => !found.has(o.conditionKey)).map((o) => o.id);
  for (const ids of chunk(gone, 90))
    await db
      .update(alerts)
      .set({ clearedAt: stamp, updatedAt: stamp })
      .where(and(eq(alerts.tenantId, tenantId), inArray(alerts.id, ids)));
  return { raised, cleared: gone.length };
}

/** Statement: records the first acknowledgement of an alert (a later one keeps the first); `by` is the person's email. */
export const alertAcknowledge = (db: Db, tenantId: string, id: string, by: string) => {
  const stamp = new Date().toISOString();
  return db
    .update(alerts)
    .set({
      acknowledgedAt: sql`coalesce(${alerts.acknowledgedAt}, ${stamp})`,
      acknowledgedBy: sql`coalesce(${alerts.acknowledgedBy}, ${by})`,
      updatedAt: stamp,
    })
    .where(and(eq(alerts.tenantId, tenantId), eq(alerts.id, id)));
};

export async function countOpenAlerts(db: Db, tenantId: string): Promise<{ open: number; unacknowledged: number }> {
  const [row] = await db
    .select({
      open: sql<number>`count(*)`,
      unacknowledged: sql<number>`coalesce(sum(case when ${alerts.acknowledgedAt} is null then 1 else 0 end), 0)`,
    })
    .from(alerts)
    .where(and(eq(alerts.tenantId, tenantId), isNull(alerts.clearedAt)));
  return row;
}

export async function getAlert(db: Db, id: string): Promise<AlertRow | undefined> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, id));
  return row;
}

export async function countDelivery(db: Db, id: string): Promise<void> {
  await db
    .update(alerts)
    .set({ deliveries: sql`${alerts.deliveries} + 1`, updatedAt: new Date().toISOString() })
    .where(eq(alerts.id, id));
}

export async function listAlerts(
  db: Db,
  tenantId: string,
  q: { severity?: AlertRow['severity']; kind?: string; state?: 'open' | 'cleared'; page: number; pageSize: number },
) {
  const where = and(
    eq(alerts.tenantId, tenantId),
    q.severity ? eq(alerts.severity, q.severity) : undefined,
    q.kind ? eq(alerts.kind, q.kind) : undefined,
    q.state === 'open' ? isNull(alerts.clearedAt) : q.state === 'cleared' ? sql`${alerts.clearedAt} IS NOT NULL` : undefined,
  );
  const [items, [{ total }]] = await Promise.all([
    db
      .select()
      .from(alerts)
      .where(where)
      .orderBy(desc(alerts.createdAt), desc(alerts.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ total: sql<number>`count(*)` })
      .from(alerts)
      .where(where),
  ]);
  return { items: items.map(({ tenantId: _t, ...rest }) => rest), total, page: q.page, pageSize: q.pageSize };
}
