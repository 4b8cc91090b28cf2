import { civilFromDays, daysFromCivil, isLeapYear, type EpochDay } from '../dates';

/**
 * Per-period calendar features (day of week, month, slot in the year) as typed arrays, so
 * models index them in tight loops instead of doing date math per observation.
 */
export type Freq = 'day' | 'week' | 'month';

export interface Calendar {
  readonly freq: Freq;
  /** Epoch day on which period 0 starts. */
  readonly startDay: EpochDay;
  /** Periods covered by the arrays (history + the longest horizon asked for). */
  readonly length: number;
  /** Short seasonal lag: 7 (day), 52 (week), 12 (month) — seasonal naive and MASE scale. */
  readonly season: number;
  /** Periods per year: 365, 52, 12 — used for year-over-year growth. */
  readonly periodsPerYear: number;
  /** 0 = Sunday … 6 = Saturday for daily data; all zero otherwise. */
  readonly dow: Uint8Array;
  /** Month of year 0-11 of the period's first day. */
  readonly month: Uint8Array;
  /** Position in the year: folded day of year 0-364, week 0-51 or month 0-11. */
  readonly yearSlot: Uint16Array;
  /** Calendar year of the period's first day. */
  readonly year: Uint16Array;
}

const FIRST_DAY = daysFromCivil(1900, 1, 1);
const LAST_DAY = daysFromCivil(2199, 12, 31);

interface DayTables {
  dow: Uint8Array;
  month: Uint8Array;
  slot: Uint16Array;
  year: Uint16Array;
}
let tables: DayTables | undefined;

/** Feb 29 shares Feb 28's slot so a slot means the same date every year. */
function foldedDayOfYear(y: number, m: number, d: number): number {
  const doy = daysFromCivil(y, m, d) - daysFromCivil(y, 1, 1);
  return isLeapYear(y) && doy >= 59 ? doy - 1 : doy;
}

function dayTables(): DayTables {
  if (tables) return tables;
  const n = LAST_DAY - FIRST_DAY + 1;
  const t: DayTables = { dow: new Uint8Array(n), month: new Uint8Array(n), slot: new Uint16Array(n), year: new Uint16Array(n) };
  let [y, m, d] = civilFromDays(FIRST_DAY);
  let slot = foldedDayOfYear(y, m, d);
  for (let i = 0; i < n; i++) {
    t.dow[i] = (((FIRST_DAY + i + 4) % 7) + 7) % 7;
    t.month[i] = m - 1;
    t.slot[i] = slot;
    t.year[i] = y;
    [y, m, d] = civilFromDays(FIRST_DAY + i + 1);
    slot = m === 1 && d === 1 ? 0 : m === 2 && d === 29 ? slot : slot + 1;
  }
  tables = t;
  return t;
}

export function periodsPerYear(freq: Freq): number {
  return freq === 'day' ? 365 : freq === 'week' ? 52 : 12;
}

/** Whole periods needed to cover `days` days. */
export function periodsForDays(freq: Freq, days: number): number {
  return freq === 'day' ? days : freq === 'week' ? Math.ceil(days / 7) : Math.ceil(days / 30.4375);
}

export function makeCalendar(freq: Freq, startDay: EpochDay, length: number): Calendar {
  const base = { freq, startDay, length, season: freq === 'day' ? 7 : periodsPerYear(freq), periodsPerYear: periodsPerYear(freq) };
  if (freq === 'day') {
    if (startDay < FIRST_DAY || startDay + length - 1 > LAST_DAY) throw new RangeError('dates must fall between 1900 and 2199');
    const t = dayTables();
    const a = startDay - FIRST_DAY;
    // Views, not copies: every daily series shares the one table.
    return {
      ...base,
      dow: t.dow.subarray(a, a + length),
      month: t.month.subarray(a, a + length),
      yearSlot: t.slot.subarray(a, a + length),
      year: t.year.subarray(a, a + length),
    };
  }
  const dow = new Uint8Array(length);
  const month = new Uint8Array(length);
  const yearSlot = new Uint16Array(length);
  const year = new Uint16Array(length);
  const [y0, m0] = civilFromDays(startDay);
  for (let i = 0; i < length; i++) {
    if (freq === 'week') {
      const [y, m, d] = civilFromDays(startDay + 7 * i);
      month[i] = m - 1;
      year[i] = y;
      yearSlot[i] = Math.min(51, Math.floor(foldedDayOfYear(y, m, d) / 7));
    } else {
      month[i] = (m0 - 1 + i) % 12;
      year[i] = y0 + Math.floor((m0 - 1 + i) / 12);
      yearSlot[i] = month[i];
    }
  }
  return { ...base, dow, month, yearSlot, year };
}

/** Epoch day on which period i starts. */
export function periodStartDay(cal: Pick<Calendar, 'freq' | 'startDay'>, i: number): EpochDay {
  if (cal.freq === 'day') return cal.startDay + i;
  if (cal.freq === 'week') return cal.startDay + 7 * i;
  const [y, m] = civilFromDays(cal.startDay);
  const k = m - 1 + i;
  return daysFromCivil(y + Math.floor(k / 12), (((k % 12) + 12) % 12) + 1, 1);
}
