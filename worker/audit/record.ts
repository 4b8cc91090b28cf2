// The one way a state change is written: its statements and its audit entries go into the same
// db.batch(), so no change commits without its entry, then the entries move to the tenant's hash
// chain. Routes, queue consumers and cron all call this; none appends to the chain directly.
import { forgetTenant } from '../lib/isolate-cache';
import type { BatchItem } from 'drizzle-orm/batch';
import { claimOutbox, outboxInsert, returnToOutbox } from '../data/audit-outbox.repo';
import type { Db } from '../data/db';
import { auditEntry, tenantObject, type AuditRecord } from '../lib/audit';
import type { AuditInput } from '../durable-objects/tenant-object';
import type { Env } from '../lib/env';

export type { AuditRecord };
export type Statement = BatchItem<'sqlite'>;

/** Entries per call to the tenant object when the outbox is flushed (bounds one RPC's size). */
const FLUSH_CHUNK = 500;

/** Commits the change and its entries atomically, then appends the entries to the chain. */
export async function recordChange(env: Env, db: Db, statements: Statement[], records: AuditRecord[]): Promise<void> {
  const all = [...statements, ...records.map((r) => outboxInsert(db, r))];
  if (all.length) await db.batch(all as [Statement, ...Statement[]]);
  for (const t of new Set(records.map((r) => r.tenantId))) await flushAudit(env, db, t);
}

/**
 * Moves a tenant's pending entries to its chain, oldest first, in one call and one transaction of
 * the tenant object. A failed append is logged, not thrown: the change already committed and a
 * retried request would repeat it; the entries go back to the outbox for the next flush.
 *
 * Every writer calls this right after committing a change with its entries (recordChange, stock
 * postings, receipts, import commits), so it is also where this isolate forgets what it cached of
 * the tenant (users, settings, names, Ask's reads of lots): the change may have altered any of it.
 */
export async function flushAudit(env: Env, db: Db, tenantId: string): Promise<void> {
  forgetTenant(tenantId);
  const rows = await claimOutbox(db, tenantId);
  for (let i = 0; i < rows.length; i += FLUSH_CHUNK) {
    try {
      await tenantObject(env, tenantId).appendMany(rows.slice(i, i + FLUSH_CHUNK).map((r) => JSON.parse(r.entry) as AuditInput));
    } catch (e) {
      console.error('audit append failed; kept for the next flush', tenantId, e);
      await returnToOutbox(db, rows.slice(i));
      return;
    }
  }
}

/**
 * Audits an event that changes no D1 row (a question asked, a report read): it goes straight to
 * the tenant's chain in one call. Only if that call fails does the entry take the outbox path, so
 * it is still appended by the next flush.
 */
export async function recordEvent(env: Env, db: Db, record: AuditRecord): Promise<void> {
  try {
    await tenantObject(env, record.tenantId).append(auditEntry(record));
  } catch (e) {
    console.error('audit append failed; entry queued in the outbox', record.tenantId, e);
    await recordChange(env, db, [], [record]);
  }
}
