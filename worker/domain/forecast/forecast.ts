import { toDay } from '../dates';
import { mean as meanOf, variance } from '../stats';
import type { ModelScore } from './backtest';
import { makeCalendar, type Calendar } from './calendar';
import { imputeCensored } from './censored';
import { isIntermittent, type DemandClass } from './demand-class';
import { calibrateIntermittent } from './calibrate';
import type { ModelFamily, ModelName } from './model';
import type { ShapePrior } from './profile-fit';
import type { HolidayWindow } from './holiday-effect';
import type { PromotionWindow } from './promotion-effect';
import { modelByName } from './registry';
import { selectModel, type Selection } from './select';
import { dailyPath, horizonSummaries, type DailyPath, type HorizonSummary, type Uncertainty } from './summary';

/** Forecast entry points: pick a model per series by backtest, refit it, add quantiles. */
export interface ForecastOptions {
  /** Days to forecast (≥ 90 gives the 30/60/90 summaries). Default 90. */
  horizonDays?: number;
  /** Backtest origins (default 4). */
  origins?: number;
  /** Limit the candidate models (default: the demand class's family). */
  models?: readonly ModelName[];
  /** Lead time + review period in days: the selection also scores demand over this window. */
  protectionDays?: number;
  /** A group's month-of-year shape pooled into the profile model (pooled.ts: groupShape). */
  prior?: ShapePrior;
  /** The tenant's holidays: the profile model keeps holiday factors where they backtest better (select.ts). */
  holidays?: readonly HolidayWindow[];
  /** The series' promotions: the profile model keeps promotion factors where they backtest better (select.ts). */
  promotions?: readonly PromotionWindow[];
}

export interface DemandForecast {
  model: ModelName;
  family: ModelFamily;
  demandClass: DemandClass;
  reason: string;
  /** The same reason in Korean; absent in plans stored before it was written. */
  reasonKo?: string;
  historyDays: number;
  uncertainty: Uncertainty;
  /** One entry per forecast day, starting the day after the history ends. */
  daily: DailyPath;
  horizons: HorizonSummary[];
  /** The chosen model's backtest, when there was enough history for one. */
  backtest?: ModelScore;
  candidates: ModelScore[];
}

export interface SeriesForecast {
  selection: Selection;
  mean: Float64Array;
  uncertainty: Uncertainty;
}

/** Low-level path over typed arrays (used by the planner, the backtest CLI and benchmarks). */
export function forecastSeries(y: Float64Array, cal: Calendar, horizon: number, opts: ForecastOptions = {}): SeriesForecast {
  const candidates = opts.models?.map(modelByName);
  const selection = selectModel(y, cal, {
    origins: opts.origins,
    candidates,
    protectionDays: opts.protectionDays,
    prior: opts.prior,
    holidays: opts.holidays,
    promotions: opts.promotions,
  });
  const mean = y.length > 0 ? selection.model.fit(y, cal).forecast(horizon) : new Float64Array(horizon);
  return { selection, mean, uncertainty: uncertaintyOf(selection, y, cal) };
}

/**
 * `stockedOut` (optional, one flag per day of `values`): the day began with no sellable stock.
 * Such days without sales are censored — imputed from the same weekday of nearby weeks
 * (censored.ts) instead of read as zero demand.
 */
export function forecastDemand(
  series: { startDate: string; values: readonly number[]; stockedOut?: readonly boolean[] },
  opts: ForecastOptions = {},
): DemandForecast {
  const horizon = opts.horizonDays ?? 90;
  const raw = Float64Array.from(series.values, (v) => (Number.isFinite(v) && v > 0 ? v : 0));
  const { y } = imputeCensored(
    raw,
    series.stockedOut?.map((b) => (b ? 1 : 0)),
  );
  const start = toDay(series.startDate);
  const cal = makeCalendar('day', start, y.length + horizon);
  const { selection, mean, uncertainty } = forecastSeries(y, cal, horizon, opts);
  const daily = dailyPath(mean, uncertainty, start + y.length);
  return {
    model: selection.model.name,
    family: selection.model.family,
    demandClass: selection.profile.demandClass,
    reason: selection.reason,
    reasonKo: selection.reasonKo,
    historyDays: y.length,
    uncertainty,
    daily,
    horizons: horizonSummaries(daily, mean, uncertainty),
    backtest: selection.scores.find((s) => s.model === selection.model.name),
    candidates: selection.scores,
  };
}

/**
 * The selection's calibrated uncertainty. Without a backtest we only know the history's own
 * spread; assume a 25 % level error, the order of magnitude short-history forecasts show, rather
 * than pretend to precision. With the calendar, an intermittent series (or one without demand
 * in the last year) whose backtest holds too few orders for the usual calibration gets compound
 * Bernoulli × size bands (calibrate.ts: calibrateIntermittent); decisions' dispersion and levelSd
 * are the same either way.
 */
export function uncertaintyOf(sel: Selection, y: Float64Array, cal?: Calendar): Uncertainty {
  const u = baseUncertainty(sel, y);
  const sparse = isIntermittent(sel.profile.demandClass) || sel.profile.demandClass === 'no-demand';
  return (cal && sparse && calibrateIntermittent(u, sel.model, y, cal)) || u;
}

function baseUncertainty(sel: Selection, y: Float64Array): Uncertainty {
  if (sel.uncertainty) return sel.uncertainty;
  const best = sel.scores.find((s) => s.model === sel.model.name);
  if (best) return { dispersion: best.dispersion, levelSd: best.levelSd };
  const m = meanOf(y);
  return { dispersion: m > 0 ? Math.max(1, variance(y) / m) : 1, levelSd: 0.25 };
}
