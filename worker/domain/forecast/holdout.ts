import { addDays } from '../dates';
import { round } from '../stats';
import { forecastDemand } from './forecast';
import { biasPct, mase, rmsse, smape, wape } from './metrics';
import type { ModelName } from './model';
import type { DailyDemand } from '../types';
import type { HolidayWindow } from './holiday-effect';
import type { PromotionWindow } from './promotion-effect';

/**
 * Forecast against actual: hide the last `days` of a SKU's history, forecast them with the
 * same automatic model choice the planner uses, and score the forecast on what really sold.
 */
export interface HoldoutResult {
  model: ModelName;
  holdoutDays: number;
  startDate: string;
  actualTotal: number;
  forecastTotal: number;
  wape: number | null;
  smape: number;
  biasPct: number | null;
  mase: number | null;
  rmsse: number | null;
  actual: number[];
  forecast: number[];
}

/**
 * Needs four weeks of training history beyond the holdout; returns null otherwise. `effects`: the
 * tenant's holidays (PlanSettings.holidays) and the SKU's promotions, so the holdout forecasts as
 * the plan does (a promotion in the holdout was planned, so it is known at the cut-off).
 */
export function validateHoldout(
  d: DailyDemand,
  days: number,
  effects: { holidays?: readonly HolidayWindow[]; promotions?: readonly PromotionWindow[] } = {},
): HoldoutResult | null {
  const n = d.values.length;
  if (n < days + 28) return null;
  const train = d.values.slice(0, n - days);
  const actual = d.values.slice(n - days);
  const fc = forecastDemand({ startDate: d.startDate, values: train }, { horizonDays: days, ...effects });
  const forecast = fc.daily.mean.slice(0, days);
  const finite = (x: number) => (Number.isFinite(x) ? round(x, 2) : null);
  return {
    model: fc.model,
    holdoutDays: days,
    startDate: addDays(d.startDate, n - days),
    actualTotal: actual.reduce((a, b) => a + b, 0),
    forecastTotal: round(
      forecast.reduce((a, b) => a + b, 0),
      1,
    ),
    wape: finite(wape(actual, forecast)),
    smape: round(smape(actual, forecast), 2),
    biasPct: finite(biasPct(actual, forecast)),
    mase: finite(mase(actual, forecast, train)),
    rmsse: finite(rmsse(actual, forecast, train)),
    actual,
    forecast,
  };
}
