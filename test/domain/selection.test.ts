import { describe, expect, it } from 'vitest';
import { toDay } from '../../worker/domain/dates';
import { makeCalendar } from '../../worker/domain/forecast/calendar';
import { classifyDemand } from '../../worker/domain/forecast/demand-class';
import { forecastDemand } from '../../worker/domain/forecast/forecast';
import { selectModel } from '../../worker/domain/forecast/select';
import { poissonSeries } from './helpers';

const START = toDay('2022-01-01');

/** Demand on about one day in five, 2–8 units: the classic intermittent SKU. */
function intermittent(n: number, seed: number): Float64Array {
  const occ = poissonSeries(n, () => 0.22, seed);
  const size = poissonSeries(n, () => 4, seed + 1);
  return occ.map((o, t) => (o > 0 ? 2 + Math.min(6, size[t]) : 0));
}

describe('model selection by rolling-origin backtest', () => {
  it('classifies demand with the Syntetos–Boylan cut-offs', () => {
    expect(classifyDemand(intermittent(365, 3)).demandClass).toMatch(/intermittent|lumpy/);
    expect(classifyDemand(poissonSeries(365, () => 40, 2)).demandClass).toBe('smooth');
    expect(classifyDemand(new Float64Array(100)).demandClass).toBe('no-demand');
  });

  it('picks an intermittent method, not an all-zero forecast, for intermittent demand', () => {
    for (const seed of [1, 5, 9]) {
      const y = intermittent(500, seed);
      const sel = selectModel(y, makeCalendar('day', START, 600));
      expect(['croston', 'sba', 'tsb']).toContain(sel.model.name);
      const f = sel.model.fit(y, makeCalendar('day', START, 600)).forecast(90);
      const mean = y.reduce((a, b) => a + b, 0) / y.length;
      expect(f[0]).toBeGreaterThan(0.5 * mean);
      expect(f[0]).toBeLessThan(2 * mean);
      expect(sel.scores.every((s) => Number.isFinite(s.rmsse) && Number.isFinite(s.cumErrorPct))).toBe(true);
    }
  });

  it('picks a seasonal model for strongly weekly-seasonal smooth demand', () => {
    const cal = makeCalendar('day', START, 900);
    const y = poissonSeries(800, (t) => (cal.dow[t] === 0 ? 10 : cal.dow[t] === 6 ? 80 : 40), 4);
    const sel = selectModel(y, cal);
    expect(['profile', 'holt-winters', 'seasonal-naive']).toContain(sel.model.name);
    expect(sel.scores[0].score).toBeLessThanOrEqual(sel.scores[sel.scores.length - 1].score);
  });

  it('forecastDemand returns daily quantiles and 30/60/90-day cumulative quantiles in order', () => {
    const y = poissonSeries(400, () => 12, 11);
    const fc = forecastDemand({ startDate: '2022-01-01', values: Array.from(y) });
    expect(fc.daily.mean).toHaveLength(90);
    expect(fc.daily.startDate).toBe('2023-02-05');
    expect(fc.horizons.map((h) => h.days)).toEqual([30, 60, 90]);
    for (const h of fc.horizons) {
      expect(h.cumulative.p10).toBeLessThan(h.cumulative.p50);
      expect(h.cumulative.p50).toBeLessThan(h.cumulative.p90);
      expect(h.cumulative.mean).toBeGreaterThan(h.days * 10);
      expect(h.cumulative.mean).toBeLessThan(h.days * 14);
      expect(h.daily.p10).toBeLessThanOrEqual(h.daily.p90);
    }
    for (let i = 0; i < 90; i++) expect(fc.daily.p10[i]).toBeLessThanOrEqual(fc.daily.p90[i]);
  });

  it('short or empty histories fall back without throwing', () => {
    const short = forecastDemand({ startDate: '2024-01-01', values: [3, 4, 5] });
    expect(short.model).toBe('moving-average');
    expect(short.reason).toMatch(/too short to backtest/);
    expect(short.daily.mean[0]).toBe(4);
    expect(forecastDemand({ startDate: '2024-01-01', values: [3, 0, 0, 5] }).model).toBe('sba');
    const none = forecastDemand({ startDate: '2024-01-01', values: [] });
    expect(none.horizons[2].cumulative.mean).toBe(0);
  });

  it('a new SKU ordered on weekdays only keeps its weekday pattern before it can be backtested', () => {
    // 45 days (2024-01-01 is a Monday), Monday to Friday only: too short for a backtest, and before
    // 8 weeks the zero weekends read as lumpy demand. Before: a flat SBA rate spread over weekends.
    const values = Array.from(poissonSeries(45, (t) => (t % 7 < 5 ? 12 : 0), 9));
    const fc = forecastDemand({ startDate: '2024-01-01', values }, { horizonDays: 28 });
    expect(fc.model).toBe('profile');
    expect(fc.reason).toMatch(/too short to backtest/);
    const day = (k: number) => fc.daily.mean[k];
    // The forecast starts on day 45, a Thursday (t % 7 = 3): days 2 and 3 are the weekend.
    expect(day(2) + day(3)).toBeLessThan(0.1 * (day(0) + day(1)));
    const total = fc.daily.mean.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan((0.8 * 28 * (12 * 5)) / 7);
    expect(total).toBeLessThan((1.2 * 28 * (12 * 5)) / 7);
  });
});
