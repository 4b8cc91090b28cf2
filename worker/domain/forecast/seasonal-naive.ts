import type { ForecastModel } from './model';

/** Repeats the last season (last week for daily data): the reference every model must beat. */
export const seasonalNaive: ForecastModel = {
  name: 'seasonal-naive',
  family: 'continuous',
  minHistory: (cal) => cal.season,
  fit(y, cal) {
    const m = Math.min(cal.season, y.length);
    const last = y.slice(y.length - m);
    return {
      forecast(h) {
        const f = new Float64Array(h);
        for (let i = 0; i < h; i++) f[i] = Math.max(0, last[i % m]);
        return f;
      },
    };
  },
};
