import type { Calendar } from './calendar';

/**
 * The one interface every forecasting method implements. A model is fitted on a history
 * (period 0 is calendar index 0) and then forecasts mean demand for the following periods.
 */
export type ModelName =
  'moving-average' | 'ses' | 'holt-winters' | 'linear-trend' | 'seasonal-naive' | 'croston' | 'sba' | 'tsb' | 'profile';

/** continuous: series with regular demand; intermittent: many zero periods. */
export type ModelFamily = 'continuous' | 'intermittent';

export interface FittedModel {
  /**
   * Mean demand for the next `h` periods. Never negative. `h` must not reach past the
   * calendar the model was fitted with.
   */
  forecast(h: number): Float64Array;
}

export interface ForecastModel {
  readonly name: ModelName;
  readonly family: ModelFamily;
  /** Fewest periods of history the model can be fitted on. */
  minHistory(cal: Calendar): number;
  fit(y: Float64Array, cal: Calendar): FittedModel;
}

/** Wraps a constant level as a fitted model (SES, Croston, moving average…). */
export function flatForecast(level: number): FittedModel {
  const v = level > 0 && Number.isFinite(level) ? level : 0;
  return { forecast: (h) => new Float64Array(h).fill(v) };
}
