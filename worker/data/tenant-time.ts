// The tenant's "today": its local date in its time zone (lib/dates.ts holds the rule).
import { eq } from 'drizzle-orm';
import type { Db } from './db';
import { tenants } from './schema';
import { today } from '../lib/dates';
import { isolateCache } from '../lib/isolate-cache';

// Read on most requests ("today" for every view): kept per isolate for a few seconds
// (lib/isolate-cache.ts: a committed change of the tenant's forgets it at once).
const zones = isolateCache<string>({ ttlMs: 5_000, max: 1_000 });

/** The tenant's IANA time zone ('UTC' when unset or the tenant is unknown). */
export async function tenantTimeZone(db: Db, tenantId: string): Promise<string> {
  return zones.get(tenantId, '', async () => {
    const [t] = await db.select({ tz: tenants.timeZone }).from(tenants).where(eq(tenants.id, tenantId));
    return t?.tz ?? 'UTC';
  });
}

export const tenantToday = async (db: Db, tenantId: string, at: number | Date = Date.now()) =>
  today(await tenantTimeZone(db, tenantId), at);
