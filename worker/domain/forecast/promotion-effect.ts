import { toDay, type EpochDay } from '../dates';
import type { Promotion } from '../types';
import type { Calendar } from './calendar';
import type { ForecastModel } from './model';
import { withFactors } from './factor-effect';

/**
 * Promotions as a regressor on a daily model. A promotion (a price cut, a feature, a display:
 * imported per SKU with its first and last day) lifts demand on its days and often pulls some
 * forward from the week after (customers stocked up). Left in the history, a past promotion
 * reads as level (the model then over-orders after it); left out of the horizon, a planned one
 * runs the SKU out. Two multiplicative factors per series:
 *
 * - uplift = demand on promotion days / the demand expected on those days without it;
 * - after  = demand in the POST_PROMOTION_DAYS days after a promotion (not themselves in one) /
 *   the demand expected on them.
 *
 * The expectation of a day is the mean of its weekday over the BASELINE_DAYS before the
 * promotion and the BASELINE_DAYS after its after-days, promotion and after-days excluded, so a
 * Friday-to-Sunday promotion is not compared with weekday demand. Sums run over every promotion
 * wholly inside the history and are shrunk toward 1 with PROMOTION_PRIOR_UNITS pseudo-units
 * (Bühlmann credibility, as holiday-effect.ts and profile-fit.ts). The base model is fitted on
 * demand divided by the factors, and its forecast multiplied by them on planned promotion days
 * (factor-effect.ts). Selection keeps the factors per series only where
 * they lower its rolling-origin score (select.ts).
 */
export interface PromotionWindow {
  /** First day of the promotion (epoch day). */
  first: EpochDay;
  /** Last day of the promotion, inclusive (epoch day, ≥ first). */
  last: EpochDay;
}

export const BASELINE_DAYS = 28;
export const POST_PROMOTION_DAYS = 7;
export const PROMOTION_PRIOR_UNITS = 30;
/** Least baseline days a promotion needs to be learned from (two of each weekday). */
const MIN_BASELINE_DAYS = 14;
/** Factors are kept within these bounds (a ×20 lift or an 80 % after-dip are already extreme). */
const MIN_FACTOR = 0.2;
const MAX_FACTOR = 20;

/** The estimated effects of a series' promotions (both 1 when nothing could be learned). */
export interface PromotionEffect {
  uplift: number;
  after: number;
  /** Promotions wholly inside the history that the factors were learned from. */
  learnedFrom: number;
}

/**
 * The base model with promotion factors. Daily calendars only (other frequencies, or no
 * promotion learned: the base model as it is). Same name as the base model.
 */
export function withPromotions(base: ForecastModel, promotions: readonly PromotionWindow[]): ForecastModel {
  return withFactors(base, (y, cal) => (promotions.length ? promotionFactors(y, cal, promotions) : undefined));
}

/** 0 outside promotions, 1 on promotion days, 2 on after-days (history and horizon of `cal`). */
function dayKinds(cal: Calendar, promotions: readonly PromotionWindow[]): Uint8Array {
  const kind = new Uint8Array(cal.length);
  for (const p of promotions) {
    const a = Math.max(0, p.last + 1 - cal.startDay);
    const b = Math.min(cal.length, p.last + 1 + POST_PROMOTION_DAYS - cal.startDay);
    for (let i = a; i < b; i++) if (kind[i] === 0) kind[i] = 2;
  }
  for (const p of promotions) {
    const a = Math.max(0, p.first - cal.startDay);
    const b = Math.min(cal.length, p.last + 1 - cal.startDay);
    for (let i = a; i < b; i++) kind[i] = 1;
  }
  return kind;
}

/**
 * The uplift and after-effect learned from the promotions wholly inside `y` (with their after-days
 * and at least MIN_BASELINE_DAYS of baseline); `learnedFrom` 0 and both factors 1 when none is.
 */
export function promotionEffect(y: ArrayLike<number>, cal: Calendar, promotions: readonly PromotionWindow[]): PromotionEffect {
  const n = y.length;
  const kind = dayKinds(cal, promotions);
  let upNum = 0;
  let upExp = 0;
  let afterNum = 0;
  let afterExp = 0;
  let learnedFrom = 0;
  const sum = new Float64Array(7);
  const count = new Uint16Array(7);
  for (const p of promotions) {
    const first = p.first - cal.startDay;
    const end = p.last + 1 + POST_PROMOTION_DAYS - cal.startDay; // exclusive end of the after-days
    if (first < 0 || end > n) continue;
    sum.fill(0);
    count.fill(0);
    let days = 0;
    let total = 0;
    const addBaseline = (i: number) => {
      if (i < 0 || i >= n || kind[i] !== 0) return;
      sum[cal.dow[i]] += y[i];
      count[cal.dow[i]]++;
      total += y[i];
      days++;
    };
    for (let i = first - BASELINE_DAYS; i < first; i++) addBaseline(i);
    for (let i = end; i < end + BASELINE_DAYS; i++) addBaseline(i);
    if (days < MIN_BASELINE_DAYS) continue;
    const overall = total / days;
    const expected = (i: number) => (count[cal.dow[i]] > 0 ? sum[cal.dow[i]] / count[cal.dow[i]] : overall);
    for (let i = first; i < end; i++) {
      if (kind[i] === 1 && i <= p.last - cal.startDay) {
        upNum += y[i];
        upExp += expected(i);
      } else if (kind[i] === 2) {
        afterNum += y[i];
        afterExp += expected(i);
      }
    }
    learnedFrom++;
  }
  if (learnedFrom === 0) return { uplift: 1, after: 1, learnedFrom };
  const bound = (x: number) => Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, x));
  return {
    uplift: bound((upNum + PROMOTION_PRIOR_UNITS) / (upExp + PROMOTION_PRIOR_UNITS)),
    after: bound((afterNum + PROMOTION_PRIOR_UNITS) / (afterExp + PROMOTION_PRIOR_UNITS)),
    learnedFrom,
  };
}

/**
 * Factor per period of the calendar (history and horizon): the uplift on promotion days, the
 * after-effect on the days after one, 1 elsewhere; undefined when no promotion could be learned.
 */
export function promotionFactors(y: ArrayLike<number>, cal: Calendar, promotions: readonly PromotionWindow[]): Float64Array | undefined {
  const e = promotionEffect(y, cal, promotions);
  if (e.learnedFrom === 0) return undefined;
  const kind = dayKinds(cal, promotions);
  const out = new Float64Array(cal.length);
  for (let i = 0; i < out.length; i++) out[i] = kind[i] === 1 ? e.uplift : kind[i] === 2 ? e.after : 1;
  return out;
}

/** The promotions that touch periods [0, cal.length) of a daily calendar (with their after-days). */
export function promotionsIn(cal: Calendar, promotions: readonly PromotionWindow[] | undefined): PromotionWindow[] {
  if (!promotions || cal.freq !== 'day') return [];
  const end = cal.startDay + cal.length;
  return promotions.filter((p) => p.last + POST_PROMOTION_DAYS >= cal.startDay && p.first < end);
}

/** Promotions (ISO dates) as windows of epoch days; a window whose end precedes its start is dropped. */
export function promotionWindows(promotions: readonly Pick<Promotion, 'startDate' | 'endDate'>[]): PromotionWindow[] {
  const out: PromotionWindow[] = [];
  for (const p of promotions) {
    const first = toDay(p.startDate);
    const last = toDay(p.endDate);
    if (Number.isFinite(first) && Number.isFinite(last) && last >= first) out.push({ first, last });
  }
  return out.sort((a, b) => a.first - b.first);
}
