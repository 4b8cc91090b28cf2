import KoreanLunarCalendar from 'korean-lunar-calendar';
import { toDay, type EpochDay } from './dates';

/**
 * A tenant's holiday calendar: rules that name a day each year, on the Gregorian calendar
 * ('solar', e.g. Christmas) or on the Korean lunisolar calendar ('lunar', e.g. Seollal = 1st
 * day of the 1st lunar month). Lunar dates are converted with `korean-lunar-calendar` (tables of
 * the Korea Astronomy and Space Science Institute, KASI; lunar years 1000–2050). The days around
 * a holiday that belong to it (Seollal and Chuseok are three-day holidays: the eve, the day and
 * the day after) are `daysBefore` / `daysAfter`.
 *
 * This is the calendar a forecast's holiday regressor is to read (issue 11: distributors' orders
 * run ahead of Seollal and Chuseok and fall back after them); no model reads it yet.
 */
export interface HolidayRule {
  name: string;
  calendar: 'solar' | 'lunar';
  /** 1–12 (lunar: the lunar month; a leap month is never meant). */
  month: number;
  /** 1–31 (lunar: 1–30). */
  day: number;
  /** Whole days before the day that belong to the holiday (default 0). */
  daysBefore?: number;
  /** Whole days after the day that belong to the holiday (default 0). */
  daysAfter?: number;
}

/** One holiday in one year: the day itself and the first and last day of the holiday. */
export interface HolidayDate {
  name: string;
  /** The rule's day (epoch day, UTC). */
  day: EpochDay;
  first: EpochDay;
  last: EpochDay;
}

/**
 * Korean public holidays that move food demand: Seollal and Chuseok (lunar, three days each)
 * and the fixed-date days off (Presidents' and substitute holidays are not included).
 */
export const KOREAN_HOLIDAYS: readonly HolidayRule[] = [
  { name: 'Seollal', calendar: 'lunar', month: 1, day: 1, daysBefore: 1, daysAfter: 1 },
  { name: 'Chuseok', calendar: 'lunar', month: 8, day: 15, daysBefore: 1, daysAfter: 1 },
  { name: 'Buddha’s Birthday', calendar: 'lunar', month: 4, day: 8 },
  { name: 'New Year’s Day', calendar: 'solar', month: 1, day: 1 },
  { name: 'Independence Movement Day', calendar: 'solar', month: 3, day: 1 },
  { name: 'Children’s Day', calendar: 'solar', month: 5, day: 5 },
  { name: 'Memorial Day', calendar: 'solar', month: 6, day: 6 },
  { name: 'Liberation Day', calendar: 'solar', month: 8, day: 15 },
  { name: 'National Foundation Day', calendar: 'solar', month: 10, day: 3 },
  { name: 'Hangul Day', calendar: 'solar', month: 10, day: 9 },
  { name: 'Christmas', calendar: 'solar', month: 12, day: 25 },
];

/**
 * Every holiday of `rules` in the Gregorian years `fromYear` … `toYear` (inclusive), sorted by
 * day. A lunar rule is placed in the lunar year of the same number (its solar date falls in that
 * year for every month from the 1st lunar month on, except late 12th-month days, which can fall
 * in January of the next year — they are kept only inside the range). A lunar year the tables do
 * not cover, and a solar date that does not exist that year (29 February), yield nothing.
 *
 * @throws RangeError for a rule with a month outside 1–12, a day outside 1–31 (lunar 1–30),
 *   negative or fractional daysBefore/daysAfter, or fromYear > toYear.
 */
export function holidayDates(rules: readonly HolidayRule[], fromYear: number, toYear: number): HolidayDate[] {
  if (!Number.isInteger(fromYear) || !Number.isInteger(toYear) || fromYear > toYear)
    throw new RangeError('holiday years must be whole numbers with fromYear ≤ toYear');
  for (const r of rules) validate(r);
  const out: HolidayDate[] = [];
  const lunar = new KoreanLunarCalendar();
  for (let year = fromYear - 1; year <= toYear; year++) {
    for (const r of rules) {
      let iso: string | undefined;
      if (r.calendar === 'solar') {
        if (year < fromYear) continue;
        if (new Date(Date.UTC(year, r.month - 1, r.day)).getUTCMonth() !== r.month - 1) continue;
        iso = `${year}-${pad(r.month)}-${pad(r.day)}`;
      } else {
        if (!lunar.setLunarDate(year, r.month, r.day, false)) continue;
        const s = lunar.getSolarCalendar();
        iso = `${s.year}-${pad(s.month)}-${pad(s.day)}`;
        if (s.year < fromYear || s.year > toYear) continue;
      }
      const day = toDay(iso);
      out.push({ name: r.name, day, first: day - (r.daysBefore ?? 0), last: day + (r.daysAfter ?? 0) });
    }
  }
  return out.sort((a, b) => a.day - b.day || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function validate(r: HolidayRule): void {
  const maxDay = r.calendar === 'lunar' ? 30 : 31;
  const whole = (x: number | undefined) => x === undefined || (Number.isInteger(x) && x >= 0);
  if (!Number.isInteger(r.month) || r.month < 1 || r.month > 12) throw new RangeError(`holiday "${r.name}": month must be 1–12`);
  if (!Number.isInteger(r.day) || r.day < 1 || r.day > maxDay) throw new RangeError(`holiday "${r.name}": day must be 1–${maxDay}`);
  if (!whole(r.daysBefore) || !whole(r.daysAfter))
    throw new RangeError(`holiday "${r.name}": daysBefore and daysAfter must be whole numbers ≥ 0`);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The holidays that move Korean food demand by weeks: Seollal and Chuseok. */
export const KOREAN_FOOD_HOLIDAYS: readonly HolidayRule[] = KOREAN_HOLIDAYS.filter((r) => r.name === 'Seollal' || r.name === 'Chuseok');

/**
 * The holiday calendars a tenant chooses from (its settings.holidayCalendar): none (the default),
 * or Korea's food holidays. The refresh's forecasts read the chosen one (PlanSettings.holidays).
 */
export const HOLIDAY_CALENDARS = { none: [], korea: KOREAN_FOOD_HOLIDAYS } as const satisfies Record<string, readonly HolidayRule[]>;
export type HolidayCalendar = keyof typeof HOLIDAY_CALENDARS;
export const HOLIDAY_CALENDAR_NAMES = Object.keys(HOLIDAY_CALENDARS) as [HolidayCalendar, ...HolidayCalendar[]];

/**
 * The first day of every holiday of `rules` from a year before `fromDay` to a year after
 * `toDay` (epoch days): what a forecast's holiday factors need (forecast/holiday-effect.ts).
 */
export function holidayWindows(rules: readonly HolidayRule[], fromDay: EpochDay, toDay: EpochDay): { name: string; first: EpochDay }[] {
  const year = (d: EpochDay) => new Date(d * 86_400_000).getUTCFullYear();
  return holidayDates(rules, year(fromDay) - 1, year(toDay) + 1).map((h) => ({ name: h.name, first: h.first }));
}
