import { eq } from 'drizzle-orm';
import type { Db } from './db';
import { tenants } from './schema';
import { DEFAULT_CLASSIFICATION } from '../domain/abc-xyz';
import { HOLIDAY_CALENDARS, type HolidayCalendar } from '../domain/holidays';

export type TenantRow = typeof tenants.$inferSelect;

export async function getTenant(db: Db, id: string): Promise<TenantRow | undefined> {
  const [t] = await db.select().from(tenants).where(eq(tenants.id, id));
  return t;
}

/** The update statement (for a batch): the caller makes sure the patch is not empty. */
/** Tenants that trust OIDC issuer `issuer` (an issuer may serve several tenants, told apart by audience). */
export const tenantsByOidcIssuer = (db: Db, issuer: string): Promise<TenantRow[]> =>
  db.select().from(tenants).where(eq(tenants.oidcIssuer, issuer));

export const tenantUpdate = (db: Db, id: string, patch: Partial<Omit<TenantRow, 'id' | 'createdAt'>>) =>
  db.update(tenants).set(patch).where(eq(tenants.id, id));

/** Tenant settings with defaults; stored as JSON so new planning options need no migration. */
export interface TenantSettings {
  serviceLevels: Record<string, number>;
  /** https URL that receives new alerts as JSON; none means in-app only. */
  alertWebhookUrl?: string;
  /** The holidays the forecasts learn weekly effects for (domain/holidays.ts HOLIDAY_CALENDARS). */
  holidayCalendar: HolidayCalendar;
}

export const DEFAULT_SERVICE_LEVELS: Record<string, number> = DEFAULT_CLASSIFICATION.serviceLevels;

export function tenantSettings(t: Pick<TenantRow, 'settings'> | undefined): TenantSettings {
  let raw: Partial<TenantSettings> = {};
  try {
    raw = JSON.parse(t?.settings ?? '{}') as Partial<TenantSettings>;
  } catch {
    raw = {};
  }
  return {
    serviceLevels: { ...DEFAULT_SERVICE_LEVELS, ...(raw.serviceLevels ?? {}) },
    holidayCalendar: Object.hasOwn(HOLIDAY_CALENDARS, String(raw.holidayCalendar)) ? raw.holidayCalendar! : 'none',
    ...(typeof raw.alertWebhookUrl === 'string' ? { alertWebhookUrl: raw.alertWebhookUrl } : {}),
  };
}
