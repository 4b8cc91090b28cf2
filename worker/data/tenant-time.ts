// The tenant's "today": its local date in its time zone (lib/dates.ts holds the rule).
import { eq } from 'drizzle-orm';
import type { Db } from './db';
import { tenants } from './schema';
import { today } from '../lib/dates';

export async function tenantTimeZone(db: Db, tenantId: string): Promise<string> {
  const [t] = await db.select({ tz: tenants.timeZone }).from(tenants).where(eq(tenants.id, tenantId));
  return t?.tz ?? 'UTC';
}

export const tenantToday = async (db: Db, tenantId: string, at: number | Date = Date.now()) =>
  today(await tenantTimeZone(db, tenantId), at);
