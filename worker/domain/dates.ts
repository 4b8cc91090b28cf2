/**
 * Calendar arithmetic on "epoch days" (days since 1970-01-01, UTC) so the engine never
 * touches time zones or Date objects in hot loops. ISO strings are yyyy-mm-dd.
 */
export type EpochDay = number;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
export function daysFromCivil(y: number, m: number, d: number): EpochDay {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil → [year, month 1-12, day 1-31]. */
export function civilFromDays(z: EpochDay): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Parses yyyy-mm-dd (also accepts a full ISO timestamp, using its date part). */
export function toDay(iso: string): EpochDay {
  const match = ISO.exec(iso.length > 10 ? iso.slice(0, 10) : iso);
  if (!match) throw new RangeError(`not an ISO date (yyyy-mm-dd): ${iso}`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const day = daysFromCivil(y, m, d);
  const [cy, cm, cd] = civilFromDays(day);
  if (cy !== y || cm !== m || cd !== d) throw new RangeError(`no such date: ${iso}`);
  return day;
}

export function fromDay(day: EpochDay): string {
  const [y, m, d] = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(day: EpochDay): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function addDays(iso: string, n: number): string {
  return fromDay(toDay(iso) + n);
}

/** b − a in days. */
export function daysBetween(a: string, b: string): number {
  return toDay(b) - toDay(a);
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Monday and the next Monday of an ISO week "YYYY-Www". */
export function isoWeekRange(week: string): { from: string; to: string } {
  const [y, w] = week.split('-W').map(Number);
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const monday1 = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86_400_000);
  const from = new Date(monday1.getTime() + (w - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
  return { from, to: addDays(from, 7) };
}

/** The ISO week ("YYYY-Www") a calendar date (yyyy-mm-dd) falls in (ISO 8601: weeks start Monday; week 1 holds Jan 4). */
export function isoWeekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000);
  const y = thursday.getUTCFullYear();
  const w = Math.floor((thursday.getTime() - Date.UTC(y, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${y}-W${String(w).padStart(2, '0')}`;
}

/** ISO 8601 week syntax, "YYYY-Www" with ww 01–53 (whether the year has a week 53: `isIsoWeek`). */
export const ISO_WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;

/** True for an ISO week that exists: "2026-W53" does (2026 has 53 weeks), "2025-W53" does not. */
export function isIsoWeek(week: string): boolean {
  return ISO_WEEK.test(week) && isoWeekOf(isoWeekRange(week).from) === week;
}
