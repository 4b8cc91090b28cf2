// The one notion of "today" for everything that is not the pure planning
// engine: a tenant's day is its local calendar date in its IANA time zone (tenants.time_zone,
// default UTC). Expiry rule (docs/planning.md): a lot is sellable while its expiration date is
// after today; on its expiration date it is expired — the same rule for OUT, FEFO, the lots
// filter, /api/expiring, insights and the plan. Day arithmetic (addDays, daysBetween) is the
// planning engine's own, worker/domain/dates.ts: calendar days, no time zone involved.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for an IANA time zone name the runtime knows (e.g. "America/New_York", "UTC"). */
export function isTimeZone(name: string): boolean {
  if (!name || name.length > 64) return false;
  try {
    formatter(name);
    return true;
  } catch {
    return false;
  }
}

// The last answer per time zone, for its minute: since 1973 every zone's offset is whole minutes
// (older local mean times had seconds), so a local date never changes inside a UTC minute there,
// and most requests ask within the same one.
const WHOLE_MINUTE_OFFSETS_FROM = Date.UTC(1973, 0, 1);
const lastDay = new Map<string, { minute: number; date: string }>();

/** The calendar date (yyyy-mm-dd) in `timeZone` at the instant `at` (default: now). */
export function today(timeZone = 'UTC', at: number | Date = Date.now()): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  const minute = Math.floor(ms / 60_000);
  const hit = lastDay.get(timeZone);
  if (hit?.minute === minute) return hit.date;
  const parts = formatter(isTimeZone(timeZone) ? timeZone : 'UTC').formatToParts(ms);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  if (ms >= WHOLE_MINUTE_OFFSETS_FROM && Number.isFinite(minute)) {
    if (lastDay.size >= 1_000) lastDay.clear();
    lastDay.set(timeZone, { minute, date });
  }
  return date;
}

/** The expiry rule: sellable while the expiration date is after today (expires today = expired). */
export const sellableOn = (expirationDate: string, today: string) => expirationDate > today;
