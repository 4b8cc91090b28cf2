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
