import type { Calendar } from './calendar';
import type { FittedModel, ForecastModel } from './model';

/**
 * A multiplicative regressor on a daily model (holiday weeks, promotions): `factorsOf` gives a
 * factor per period of the calendar (history and horizon) learned from the history, or undefined
 * when there is nothing to learn. The base model is fitted on demand divided by the factors and
 * its forecast multiplied by them (Hyndman & Athanasopoulos, "Forecasting: Principles and
 * Practice", 3rd ed., §7.4, intervention variables, here multiplicative). Daily calendars only:
 * other frequencies, or no factors, fit the base model as it is. Same name as the base model, so
 * selection decides per series whether the factors earn their place (select.ts).
 */
export function withFactors(base: ForecastModel, factorsOf: (y: Float64Array, cal: Calendar) => Float64Array | undefined): ForecastModel {
  return {
    ...base,
    fit(y: Float64Array, cal: Calendar): FittedModel {
      const factor = cal.freq === 'day' ? factorsOf(y, cal) : undefined;
      if (!factor) return base.fit(y, cal);
      const n = y.length;
      const adjusted = new Float64Array(n);
      for (let i = 0; i < n; i++) adjusted[i] = y[i] / factor[i];
      const fitted = base.fit(adjusted, cal);
      return {
        forecast(h) {
          const f = fitted.forecast(h);
          for (let k = 0; k < h && n + k < factor.length; k++) f[k] *= factor[n + k];
          return f;
        },
      };
    },
  };
}
