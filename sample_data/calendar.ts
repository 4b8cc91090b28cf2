// Small numeric helpers and dates as UTC day numbers, holidays and seasonality of the demand model.
import { CHUSEOK, SEOLLAL, type SeasonTags } from './catalog';

export const round2 = (x: number): number => Math.round(x * 100) / 100;
export const round1 = (x: number): number => Math.round(x * 10) / 10;
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/* ============================================================================================ */
/* Dates as UTC day numbers                                                                     */
/* ============================================================================================ */

export const MS_PER_DAY = 86_400_000;

export function parseIsoDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`invalid date "${iso}", expected yyyy-mm-dd`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / MS_PER_DAY;
  if (isoOfDay(day) !== iso) throw new Error(`invalid calendar date "${iso}"`);
  return day;
}

export function isoOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7;
/** Monday-based week index. */
export const weekIndexOf = (day: number): number => Math.floor((day + 3) / 7);
export const yearOf = (day: number): number => new Date(day * MS_PER_DAY).getUTCFullYear();
export const dayOfYear = (day: number): number => day - Date.UTC(yearOf(day), 0, 1) / MS_PER_DAY + 1;
export const dayOf = (y: number, month: number, d: number): number => Date.UTC(y, month - 1, d) / MS_PER_DAY;
export const yymmdd = (day: number): string => isoOfDay(day).slice(2).replace(/-/g, '');

export function thanksgivingDay(y: number): number {
  const nov1 = dayOf(y, 11, 1);
  const offset = (4 - weekdayOf(nov1) + 7) % 7; // first Thursday
  return nov1 + offset + 21;
}

export function seollalDay(y: number): number {
  const iso = SEOLLAL[y];
  return iso ? parseIsoDay(iso) : dayOf(y, 2, 5);
}

export function chuseokDay(y: number): number {
  const iso = CHUSEOK[y];
  return iso ? parseIsoDay(iso) : dayOf(y, 9, 25);
}

/** Days a B2B customer's delivery day is closed (orders move to the next day). */
export function isClosureDay(day: number): boolean {
  const iso = isoOfDay(day);
  const md = iso.slice(5);
  if (md === '01-01' || md === '07-04' || md === '12-25') return true;
  return day === thanksgivingDay(yearOf(day));
}

/* ============================================================================================ */
/* Demand model                                                                                 */
/* ============================================================================================ */

export interface Holidays {
  seollal: number[];
  chuseok: number[];
  kimjang: number[];
  pepero: number[];
  thanksgiving: number[];
  christmas: number[];
}

export function holidaysFor(firstDay: number, lastDay: number): Holidays {
  const h: Holidays = { seollal: [], chuseok: [], kimjang: [], pepero: [], thanksgiving: [], christmas: [] };
  for (let y = yearOf(firstDay) - 1; y <= yearOf(lastDay) + 1; y++) {
    h.seollal.push(seollalDay(y));
    h.chuseok.push(chuseokDay(y));
    h.kimjang.push(dayOf(y, 11, 15));
    h.pepero.push(dayOf(y, 11, 11));
    h.thanksgiving.push(thanksgivingDay(y));
    h.christmas.push(dayOf(y, 12, 25));
  }
  return h;
}

/** Distributor orders lead the holiday: peak ~9 days before, a dip for ~10 days after. */
export function preHolidayBump(x: number, amp: number): number {
  if (x >= -30 && x <= 1) return amp * Math.exp(-0.5 * ((x + 9) / 6) ** 2);
  if (x >= 2 && x <= 12) return -Math.min(0.35, 0.15 * amp);
  return 0;
}

export function seasonalMultiplier(day: number, tags: SeasonTags, hol: Holidays): number {
  const doy = dayOfYear(day);
  let s = 1;
  if (tags.summer) s += tags.summer * Math.cos((2 * Math.PI * (doy - 200)) / 365.25);
  if (tags.winter) s += tags.winter * Math.cos((2 * Math.PI * (doy - 15)) / 365.25);
  s = Math.max(0.15, s);
  let bump = 0;
  const pre = (dates: number[], amp: number | undefined): void => {
    if (!amp) return;
    for (const h of dates) bump += preHolidayBump(day - h, amp);
  };
  pre(hol.seollal, tags.seollal);
  pre(hol.chuseok, tags.chuseok);
  pre(hol.pepero, tags.pepero);
  pre(hol.thanksgiving, tags.thanksgiving);
  pre(hol.christmas, tags.christmas);
  if (tags.kimjang) {
    for (const h of hol.kimjang) {
      const x = day - h;
      if (x > -45 && x < 45) bump += tags.kimjang * Math.exp(-0.5 * (x / 12) ** 2);
    }
  }
  return s * Math.max(0.2, 1 + bump);
}

export function mergeSeason(a: SeasonTags, b: SeasonTags | undefined): SeasonTags {
  const out: SeasonTags = { ...a };
  if (!b) return out;
  for (const key of Object.keys(b) as (keyof SeasonTags)[]) {
    out[key] = (out[key] ?? 0) + (b[key] ?? 0);
  }
  return out;
}
