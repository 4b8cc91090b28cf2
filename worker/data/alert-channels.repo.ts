// Alert channels and their deliveries. Secrets are stored, never returned.
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from './db';
import { alertChannels, alertDeliveries } from './schema';

export type ChannelRow = typeof alertChannels.$inferSelect;
export type DeliveryRow = typeof alertDeliveries.$inferSelect;
export type NewChannel = Omit<typeof alertChannels.$inferInsert, 'tenantId' | 'id' | 'createdAt' | 'updatedAt'>;

export async function listChannels(db: Db, tenantId: string, opts: { activeOnly?: boolean } = {}): Promise<ChannelRow[]> {
  return db
    .select()
    .from(alertChannels)
    .where(and(eq(alertChannels.tenantId, tenantId), opts.activeOnly ? eq(alertChannels.active, true) : undefined))
    .orderBy(alertChannels.createdAt, alertChannels.id);
}

export async function getChannel(db: Db, tenantId: string, id: string): Promise<ChannelRow | undefined> {
  const [row] = await db
    .select()
    .from(alertChannels)
    .where(and(eq(alertChannels.tenantId, tenantId), eq(alertChannels.id, id)));
  return row;
}

/** Statement builders (executed by the caller's batch, together with the audit entry). */
export const channelInsert = (db: Db, tenantId: string, id: string, values: NewChannel) =>
  db.insert(alertChannels).values({ ...values, id, tenantId });

export const channelUpdate = (db: Db, tenantId: string, id: string, values: Partial<NewChannel>) =>
  db
    .update(alertChannels)
    .set({ ...values, updatedAt: new Date().toISOString() })
    .where(and(eq(alertChannels.tenantId, tenantId), eq(alertChannels.id, id)));

export const channelDelete = (db: Db, tenantId: string, id: string) =>
  db.delete(alertChannels).where(and(eq(alertChannels.tenantId, tenantId), eq(alertChannels.id, id)));

// A "sending" claim older than this belongs to a consumer that died; the next delivery takes over.
const CLAIM_STALE_MS = 60_000;

/**
 * Claims the (alert, channel) delivery for sending. Returns the row when this caller should send,
 * undefined when it was already sent or another consumer is sending it right now — so an alert
 * message delivered twice, even concurrently, reaches each channel once.
 */
export async function claimDelivery(db: Db, tenantId: string, alertId: string, channelId: string, now = Date.now()) {
  await db
    .insert(alertDeliveries)
    .values({ id: crypto.randomUUID(), tenantId, alertId, channelId, status: 'pending' })
    .onConflictDoNothing();
  const [row] = await db
    .update(alertDeliveries)
    .set({ status: 'sending', claimedAt: now, attempts: sql`${alertDeliveries.attempts} + 1`, updatedAt: new Date(now).toISOString() })
    .where(
      and(
        eq(alertDeliveries.alertId, alertId),
        eq(alertDeliveries.channelId, channelId),
        or(
          inArray(alertDeliveries.status, ['pending', 'failed']),
          and(
            eq(alertDeliveries.status, 'sending'),
            or(isNull(alertDeliveries.claimedAt), lt(alertDeliveries.claimedAt, now - CLAIM_STALE_MS)),
          ),
        ),
      ),
    )
    .returning();
  return row;
}

export async function finishDelivery(db: Db, id: string, outcome: { ok: boolean; status?: number; error?: string }) {
  await db
    .update(alertDeliveries)
    .set({
      status: outcome.ok ? 'sent' : 'failed',
      responseStatus: outcome.status ?? null,
      error: outcome.error?.slice(0, 500) ?? null,
      sentAt: outcome.ok ? new Date().toISOString() : null,
      updatedAt: new Date().toISOString(),
    })
    .where(eq(alertDeliveries.id, id));
}

export async function listDeliveries(db: Db, tenantId: string, alertId: string) {
  const rows = await db
    .select({
      id: alertDeliveries.id,
      channelId: alertDeliveries.channelId,
      channelName: alertChannels.name,
      channelType: alertChannels.type,
      status: alertDeliveries.status,
      attempts: alertDeliveries.attempts,
      responseStatus: alertDeliveries.responseStatus,
      error: alertDeliveries.error,
      sentAt: alertDeliveries.sentAt,
      createdAt: alertDeliveries.createdAt,
      updatedAt: alertDeliveries.updatedAt,
    })
    .from(alertDeliveries)
    .leftJoin(alertChannels, and(eq(alertChannels.id, alertDeliveries.channelId), eq(alertChannels.tenantId, tenantId)))
    .where(and(eq(alertDeliveries.tenantId, tenantId), eq(alertDeliveries.alertId, alertId)))
    .orderBy(desc(alertDeliveries.createdAt));
  return rows;
}

export async function failedDeliveriesSince(db: Db, tenantId: string, sinceIso: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)` })
    .from(alertDeliveries)
    .where(
      and(eq(alertDeliveries.tenantId, tenantId), eq(alertDeliveries.status, 'failed'), sql`${alertDeliveries.updatedAt} >= ${sinceIso}`),
    );
  return n;
}
