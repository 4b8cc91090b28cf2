import type { Calendar } from './calendar';
import { calibrateUncertainty, type BacktestWindow } from './calibrate';
import type { Uncertainty } from './summary';
import { backtestModel, backtestScale, planBacktest, type ModelScore } from './backtest';
import { classifyDemand, isIntermittent, type DemandClass, type DemandProfile } from './demand-class';
import { MODEL_KO, reasonOf } from '../text';
import type { ForecastModel, ModelName } from './model';
import { candidatesFor } from './registry';
import { ses } from './ses';
import { sbaModel } from './intermittent';
import { movingAverage } from './moving-average';
import { profileModel, profileWithPrior } from './profile';
import type { ShapePrior } from './profile-fit';
import { withHolidays, type HolidayWindow } from './holiday-effect';
import { promotionsIn, withPromotions, type PromotionWindow } from './promotion-effect';

export interface Selection {
  model: ForecastModel;
  profile: DemandProfile;
  /** Backtest scores of every candidate that could be evaluated, best first. */
  scores: ModelScore[];
  /** Why this model (for the explanation shown to planners). */
  reason: string;
  /** The same reason in Korean (the web app's Korean pages). */
  reasonKo: string;
  /** The chosen model's backtest uncertainty with the daily band calibrated (calibrate.ts). */
  uncertainty?: Uncertainty;
}

export interface SelectOptions {
  origins?: number;
  /** Restrict candidates (e.g. for benchmarks); defaults to the family of the demand class. */
  candidates?: readonly ForecastModel[];
  /** Lead time + review period in days: the window whose total the score also checks. */
  protectionDays?: number;
  /** A group's month-of-year shape pooled into the profile model (pooled.ts). */
  prior?: ShapePrior;
  /**
   * The tenant's holidays (first day of each, holiday-effect.ts). Daily series only: the profile
   * model is backtested with and without holiday factors and keeps them only where they lower
   * its rolling-origin score by HOLIDAY_MARGIN.
   */
  holidays?: readonly HolidayWindow[];
  /**
   * The series' promotions (promotion-effect.ts). Daily series only: the profile model (with its
   * holiday factors, if kept) is backtested with and without promotion factors and keeps them
   * only where they lower its rolling-origin score by PROMOTION_MARGIN.
   */
  promotions?: readonly PromotionWindow[];
}

/** Demand classes as a Korean planner names them (Syntetos–Boylan). */
const DEMAND_CLASS_KO: Record<DemandClass, string> = {
  smooth: '안정적',
  erratic: '변동이 큰',
  intermittent: '간헐적',
  lumpy: '간헐적이고 변동이 큰',
  'no-demand': '없는',
};

/** Relative score the holiday factors must gain to be kept (four windows are noisy). */
export const HOLIDAY_MARGIN = 0.02;
/** Relative score the promotion factors must gain to be kept. */
export const PROMOTION_MARGIN = 0.02;

/** Picks the model with the lowest rolling-origin score among the demand class's candidates. */
export function selectModel(y: Float64Array, cal: Calendar, opts: SelectOptions = {}): Selection {
  const profile = classifyDemand(y, cal.periodsPerYear, cal.freq === 'day' ? cal.dow : undefined);
  const pooled = opts.prior && cal.freq === 'day' ? profileWithPrior(opts.prior) : profileModel;
  const candidates = (opts.candidates ?? candidatesFor(profile.demandClass, cal.freq)).map((m) => (m.name === 'profile' ? pooled : m));
  const fallback = isIntermittent(profile.demandClass) ? sbaModel : y.length >= ses.minHistory(cal) ? ses : movingAverage;
  if (profile.demandClass === 'no-demand') {
    return { model: fallback, profile, scores: [], ...reasonOf({ en: 'no demand in the last year', ko: '최근 1년간 수요 없음' }) };
  }
  const plan = planBacktest(y.length, cal, opts.origins, undefined, opts.protectionDays);
  if (!plan) {
    // Four weeks or more of daily history already show the weekday pattern: a new SKU of a
    // distributor reads as lumpy (closed days cannot be told apart from no demand before
    // 8 weeks), and a flat Croston rate spreads its orders over the weekend (demo orders,
    // holdout 90: a 45-day SKU, WAPE 92 % with SBA, 43 % with the profile).
    const short = cal.freq === 'day' && !opts.candidates && y.length >= pooled.minHistory(cal) ? pooled : fallback;
    return {
      model: short,
      profile,
      scores: [],
      ...reasonOf({
        en: `history too short to backtest (${y.length} periods); using ${short.name}`,
        ko: `백테스트하기에 이력이 짧음(${y.length}개 기간); ${MODEL_KO[short.name]} 사용`,
      }),
    };
  }
  const scale = backtestScale(y, cal, plan);
  const scores: ModelScore[] = [];
  const windows = new Map<string, BacktestWindow[]>();
  let withHoliday = false;
  let withPromotion = false;
  const promotions = promotionsIn(cal, opts.promotions);
  for (let c = 0; c < candidates.length; c++) {
    const m = candidates[c];
    const keep: BacktestWindow[] = [];
    const s = backtestModel(m, y, cal, plan, scale, keep);
    if (!s || !Number.isFinite(s.score)) continue;
    let chosen = { model: m, score: s, windows: keep };
    // A regressor wraps the profile model only where it lowers the backtest score by its margin.
    const tryEffect = (wrapped: ForecastModel, margin: number): boolean => {
      const wk: BacktestWindow[] = [];
      const ws = backtestModel(wrapped, y, cal, plan, scale, wk);
      if (!ws || !Number.isFinite(ws.score) || !(ws.score < chosen.score.score * (1 - margin))) return false;
      chosen = { model: wrapped, score: ws, windows: wk };
      return true;
    };
    if (m.name === 'profile' && opts.holidays?.length && cal.freq === 'day')
      withHoliday = tryEffect(withHolidays(m, opts.holidays), HOLIDAY_MARGIN);
    if (m.name === 'profile' && promotions.length > 0)
      withPromotion = tryEffect(withPromotions(chosen.model, promotions), PROMOTION_MARGIN);
    candidates[c] = chosen.model;
    scores.push(chosen.score);
    windows.set(m.name, chosen.windows);
  }
  if (scores.length === 0) {
    return {
      model: fallback,
      profile,
      scores,
      ...reasonOf({
        en: `no candidate fits ${y.length} periods; using ${fallback.name}`,
        ko: `${y.length}개 기간에 맞는 후보 모델 없음; ${MODEL_KO[fallback.name]} 사용`,
      }),
    };
  }
  // Stable sort keeps registry order (simplest first) on ties.
  scores.sort((a, b) => a.score - b.score);
  const best = preferDefault(scores, isIntermittent(profile.demandClass) ? 'tsb' : 'profile');
  const model = candidates.find((m) => m.name === best.model) ?? fallback;
  const effects = model.name === 'profile' ? [withHoliday ? 'holiday weeks' : '', withPromotion ? 'promotions' : ''].filter(Boolean) : [];
  const effectsKo = effects.map((e) => (e === 'holiday weeks' ? '명절 주간' : '프로모션'));
  const fit = `RMSSE ${best.rmsse.toFixed(2)}`;
  const bias = best.biasPct.toFixed(1);
  const reason = reasonOf({
    en: `${profile.demandClass} demand${effects.length ? ` with ${effects.join(' and ')}` : ''}; best of ${scores.length} models over ${plan.origins.length} backtest windows of ${plan.horizon} periods (${fit}, bias ${bias} %)`,
    ko: `${DEMAND_CLASS_KO[profile.demandClass]} 수요${effectsKo.length ? `(${effectsKo.join('·')} 반영)` : ''}; ${plan.horizon}개 기간의 백테스트 구간 ${plan.origins.length}개에서 모델 ${scores.length}개 중 최적(${fit}, 편향 ${bias}%)`,
  });
  const daysPerPeriod = cal.freq === 'day' ? 1 : cal.freq === 'week' ? 7 : 30.4375;
  const uncertainty = calibrateUncertainty(
    { dispersion: best.dispersion, levelSd: best.levelSd },
    windows.get(best.model) ?? [],
    daysPerPeriod,
  );
  return { model, profile, scores, ...reason, uncertainty };
}

/**
 * The profile model is the default for regular demand: its shape is estimated by AIC on the whole history, so its
 * backtest score is the least noisy. Another model must beat it by more than DEFAULT_MARGIN
 * (relative score) to be chosen — four windows cannot separate near-equal models, and a
 * switch on noise cost accuracy (synthetic B2B + seasonal set: auto 21.3 % vs profile 20.7 % WAPE).
 * For intermittent demand TSB is the default the same way (unbiased, decays for a dying SKU;
 * synthetic spare parts, monthly: auto 133.4 % WAPE vs TSB 133.0 %).
 */
export const DEFAULT_MARGIN = 0.05;

function preferDefault(sorted: ModelScore[], name: ModelName): ModelScore {
  const top = sorted[0];
  const dflt = sorted.find((s) => s.model === name);
  return dflt && dflt.score <= top.score * (1 + DEFAULT_MARGIN) ? dflt : top;
}
