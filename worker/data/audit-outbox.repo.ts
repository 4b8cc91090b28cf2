// Audit entries ride in the same db.batch() as the change they describe (so a change is never
// committed without its entry), then move to the tenant's hash chain. Only the audit use-case
// (worker/audit) and the ledger, which builds its own batch, write here.
import { eq } from 'drizzle-orm';
import { chunk, rowsPerInsert, type Db } from './db';
import { auditOutbox } from './schema';
import { auditEntry, type AuditRecord } from '../lib/audit';

export type { AuditRecord };

export interface OutboxRow {
  id: number;
  tenantId: string;
  entry: string;
}

export const outboxInsert = (db: Db, record: AuditRecord) =>
  db.insert(auditOutbox).values({ tenantId: record.tenantId, entry: JSON.stringify(auditEntry(record)) });

/** Claims every pending entry of a tenant (each claimed by exactly one caller), oldest first. */
export async function claimOutbox(db: Db, tenantId: string): Promise<OutboxRow[]> {
  const rows = await db.delete(auditOutbox).where(eq(auditOutbox.tenantId, tenantId)).returning();
  return rows.sort((a, b) => a.id - b.id);
}

/** Puts back entries whose append failed, with their ids, so the next flush appends them in order. */
export async function returnToOutbox(db: Db, rows: OutboxRow[]): Promise<void> {
  for (const part of chunk(rows, rowsPerInsert(3))) await db.insert(auditOutbox).values(part).onConflictDoNothing();
}
