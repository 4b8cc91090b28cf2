// Idempotency-Key reservations (lib/idempotency.ts): one row per tenant and key, `pending` while
// the first request runs, then `done` with its stored 2xx response.
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from './db';
import { idempotencyKeys } from './schema';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

const keyWhere = (tenantId: string, key: string) => and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.key, key));

/**
 * Reserves `key` for a request with `requestHash`; a pending reservation older than `staleBefore`
 * (epoch ms) is taken as abandoned and dropped first. Returns true when this request holds the key.
 */
export async function reserveKey(
  db: Db,
  tenantId: string,
  key: string,
  requestHash: string,
  now: number,
  staleBefore: number,
): Promise<boolean> {
  await db
    .delete(idempotencyKeys)
    .where(and(keyWhere(tenantId, key), eq(idempotencyKeys.state, 'pending'), lt(idempotencyKeys.createdAt, staleBefore)));
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ tenantId, key, requestHash, state: 'pending', createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return inserted.length > 0;
}

/** The reservation held under `key`, if any. */
export async function findKey(db: Db, tenantId: string, key: string): Promise<IdempotencyRow | undefined> {
  const [row] = await db.select().from(idempotencyKeys).where(keyWhere(tenantId, key));
  return row;
}

/** Stores the response (status, body text) the key replays from now on. */
export async function completeKey(db: Db, tenantId: string, key: string, status: number, response: string): Promise<void> {
  await db.update(idempotencyKeys).set({ state: 'done', status, response }).where(keyWhere(tenantId, key));
}

/** Drops the reservation: nothing took effect, so the client may retry under the same key. */
export async function releaseKey(db: Db, tenantId: string, key: string): Promise<void> {
  await db.delete(idempotencyKeys).where(keyWhere(tenantId, key));
}
