import type { EpochDay } from '../dates';
import type { Calendar } from './calendar';
import type { ForecastModel } from './model';
import { withFactors } from './factor-effect';

/**
 * Holidays as a regressor on a daily model: demand in each week around a holiday, relative to
 * the weeks around it, as a multiplicative factor per holiday and week. Distributors' orders
 * run ahead of Seollal and Chuseok (stock for the holiday) and fall back after them; the dates
 * move by weeks from year to year on the solar calendar, so month-of-year factors cannot carry
 * them (decision 018: one Seollal run read as level made a quarter of the demo replay's waste).
 *
 * Weeks are counted from the holiday's first day: −4 … −1 before it, 0 and +1 from it on (six
 * 7-day buckets, so each holds every weekday once). A factor is the holiday's demand in that
 * week over the mean weekly demand of the eight surrounding weeks (four before the first bucket,
 * four after the last), summed over the holiday's years in the history and shrunk toward 1 with
 * HOLIDAY_PRIOR_UNITS pseudo-units (Bühlmann, as profile-fit.ts: PRIOR_UNITS). The base model is
 * fitted on demand divided by the factors and its forecast multiplied by them.
 */
export const HOLIDAY_WEEKS_BEFORE = 4;
export const HOLIDAY_WEEKS_AFTER = 2;
const BUCKETS = HOLIDAY_WEEKS_BEFORE + HOLIDAY_WEEKS_AFTER;
const BASELINE_WEEKS = 4;
export const HOLIDAY_PRIOR_UNITS = 50;

export interface HolidayWindow {
  /** Groups the years of one holiday (each name gets its own factors). */
  name: string;
  /** First day of the holiday (epoch day). */
  first: EpochDay;
}

/**
 * The base model with holiday factors. Daily calendars only (other frequencies: the base
 * model as it is). Same name as the base model: selection decides per series whether the
 * factors earn their place (select.ts).
 */
export function withHolidays(base: ForecastModel, holidays: readonly HolidayWindow[]): ForecastModel {
  return withFactors(base, (y, cal) => (holidays.length ? holidayFactors(y, cal, holidays) : undefined));
}

/**
 * Factor per period of the calendar (history and horizon), 1 outside holiday weeks; undefined
 * when no holiday year lies wholly inside the history (nothing to learn from).
 */
export function holidayFactors(y: ArrayLike<number>, cal: Calendar, holidays: readonly HolidayWindow[]): Float64Array | undefined {
  const n = y.length;
  const names = [...new Set(holidays.map((h) => h.name))];
  const factors = new Map<string, Float64Array>();
  let learned = false;
  for (const name of names) {
    const num = new Float64Array(BUCKETS);
    const exp = new Float64Array(BUCKETS);
    for (const h of holidays) {
      if (h.name !== name) continue;
      const a = h.first - cal.startDay - 7 * (HOLIDAY_WEEKS_BEFORE + BASELINE_WEEKS);
      const b = h.first - cal.startDay + 7 * (HOLIDAY_WEEKS_AFTER + BASELINE_WEEKS);
      if (a < 0 || b > n) continue;
      let baseline = 0;
      for (let i = a; i < a + 7 * BASELINE_WEEKS; i++) baseline += y[i];
      for (let i = b - 7 * BASELINE_WEEKS; i < b; i++) baseline += y[i];
      const weekly = baseline / (2 * BASELINE_WEEKS);
      const from = a + 7 * BASELINE_WEEKS;
      for (let w = 0; w < BUCKETS; w++) {
        for (let i = from + 7 * w; i < from + 7 * (w + 1); i++) num[w] += y[i];
        exp[w] += weekly;
      }
      learned = true;
    }
    const f = new Float64Array(BUCKETS);
    for (let w = 0; w < BUCKETS; w++) f[w] = (num[w] + HOLIDAY_PRIOR_UNITS) / (exp[w] + HOLIDAY_PRIOR_UNITS);
    factors.set(name, f);
  }
  if (!learned) return undefined;
  const out = new Float64Array(cal.length).fill(1);
  for (const h of holidays) {
    const f = factors.get(h.name)!;
    const from = h.first - cal.startDay - 7 * HOLIDAY_WEEKS_BEFORE;
    for (let w = 0; w < BUCKETS; w++) for (let i = from + 7 * w; i < from + 7 * (w + 1); i++) if (i >= 0 && i < out.length) out[i] = f[w];
  }
  return out;
}
