// The tenant's holiday calendar as the forecasts read it: the refresh's plan and the forecast
// validation page use the same holidays, so a holdout judges the forecast the plan makes.
import { toDay } from '../domain/dates';
import type { HolidayWindow } from '../domain/forecast/holiday-effect';
import { HOLIDAY_CALENDARS, holidayWindows } from '../domain/holidays';
import { tenantSettings, type TenantRow } from '../data/tenants.repo';

/** Holidays as far back as a refresh reads history, and the year ahead its forecasts cover. */
const HOLIDAY_YEARS_BACK = 4;

/**
 * The holidays of the tenant's calendar (settings.holidayCalendar) from HOLIDAY_YEARS_BACK years
 * before `asOf` (yyyy-mm-dd) to a year after; undefined when the tenant chose none.
 */
export function holidaysOf(tenant: Pick<TenantRow, 'settings'> | undefined, asOf: string): HolidayWindow[] | undefined {
  const rules = HOLIDAY_CALENDARS[tenantSettings(tenant).holidayCalendar];
  if (!rules.length) return undefined;
  const day = toDay(asOf);
  return holidayWindows(rules, day - HOLIDAY_YEARS_BACK * 366, day + 366);
}
