// Alerts a planner should see (and a tenant webhook may receive). The dedupe key makes raising
// the same alert again a no-op, so every refresh can raise what it finds.
import { and, desc, eq, sql } from 'drizzle-orm';
import { chunk, rowsPerInsert, type Db } from './db';
import { alerts } from './schema';

export type AlertRow = typeof alerts.$inferSelect;
export interface AlertDraft {
  dedupeKey: string;
  kind: string;
  severity: AlertRow['severity'];
  message: string;
}

/** Inserts the drafts that are new; returns their ids. */
export async function raiseAlerts(db: Db, tenantId: string, drafts: AlertDraft[]): Promise<string[]> {
  const ids: string[] = [];
  // Seven bound values a row: id, tenant, key, kind, severity, message, deliveries.
  for (const part of chunk(drafts, rowsPerInsert(7))) {
    const rows = await db
      .insert(alerts)
      .values(part.map((d) => ({ ...d, id: crypto.randomUUID(), tenantId, deliveries: 0 })))
      .onConflictDoNothing()
      .returning({ id: alerts.id });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
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
  q: { severity?: AlertRow['severity']; kind?: string; page: number; pageSize: number },
) {
  const where = and(
    eq(alerts.tenantId, tenantId),
    q.severity ? eq(alerts.severity, q.severity) : undefined,
    q.kind ? eq(alerts.kind, q.kind) : undefined,
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
