import { describe, expect, it } from 'vitest';
import { toDay } from '../../worker/domain/dates';
import { makeCalendar, type Freq } from '../../worker/domain/forecast/calendar';
import { classifyDemand } from '../../worker/domain/forecast/demand-class';
import { forecastDemand, uncertaintyOf } from '../../worker/domain/forecast/forecast';
import { gammaQuantiles, pitCoverage } from '../../worker/domain/forecast/quantiles';
import { MODELS } from '../../worker/domain/forecast/registry';
import { selectModel } from '../../worker/domain/forecast/select';
import { cumulativeVariance, dailyBandVariance } from '../../worker/domain/forecast/summary';
import { createRng } from '../../worker/domain/random';
import { normalQuantile } from '../../worker/domain/stats';
import { sparePartsDemand, syntheticDemand, type DemandKind } from '../../worker/domain/synthetic';
import { poissonSeries } from './helpers';

const START = toDay('2022-01-03');
const HOLDOUT = 28;

interface Run {
  wape: Record<string, number>;
  bias: Record<string, number>;
  dailyCoverage: number;
  totalCoverage: number;
}

/** Holdout of every model and of auto over a set of series, aggregated like the backtest CLI. */
function holdout(series: Float64Array[], cut: number, h = HOLDOUT, freq: Freq = 'day', start = START): Run {
  const abs: Record<string, number> = {};
  const signed: Record<string, number> = {};
  let actualSum = 0;
  let inDay = 0;
  let days = 0;
  let inTotal = 0;
  for (const y of series) {
    const train = y.subarray(0, cut);
    const actual = y.subarray(cut, cut + h);
    const cal = makeCalendar(freq, start, cut + h);
    const add = (name: string, f: Float64Array) => {
      for (let i = 0; i < h; i++) {
        abs[name] = (abs[name] ?? 0) + Math.abs(f[i] - actual[i]);
        signed[name] = (signed[name] ?? 0) + f[i] - actual[i];
      }
    };
    for (const m of MODELS) if (m.minHistory(cal) <= cut) add(m.name, m.fit(train, cal).forecast(h));
    const sel = selectModel(train, cal);
    const f = sel.model.fit(train, cal).forecast(h);
    add('auto', f);
    const u = uncertaintyOf(sel, train);
    let fs = 0;
    let as = 0;
    for (let i = 0; i < h; i++) {
      // A day forecast as a certain zero (closed weekday) has no band to assess.
      if (f[i] > 1e-6) {
        inDay += pitCoverage(actual[i], f[i], dailyBandVariance(f[i], u, i + 1));
        days++;
      }
      fs += f[i];
      as += actual[i];
      actualSum += actual[i];
    }
    const [lo, hi] = gammaQuantiles(fs, cumulativeVariance(fs, u, h), [0.1, 0.9]);
    if (as >= lo && as <= hi) inTotal++;
  }
  const wape: Record<string, number> = {};
  const bias: Record<string, number> = {};
  for (const k of Object.keys(abs)) {
    wape[k] = (100 * abs[k]) / actualSum;
    bias[k] = (100 * signed[k]) / actualSum;
  }
  return { wape, bias, dailyCoverage: (100 * inDay) / days, totalCoverage: (100 * inTotal) / series.length };
}

function synthetic(kind: DemandKind, count: number, days: number, seed: number): Float64Array[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Float64Array.from(syntheticDemand(rng, kind, days, START)));
}

/** A distributor's SKU: orders Monday to Friday only, Poisson with a yearly wave. */
function b2b(days: number, seed: number, level = 8): Float64Array {
  const cal = makeCalendar('day', START, days);
  return poissonSeries(
    days,
    (t) => (cal.dow[t] === 0 || cal.dow[t] === 6 ? 0 : level * (1 + 0.3 * Math.sin((2 * Math.PI * t) / 365))),
    seed,
  );
}

function bestSingle(r: Run): number {
  return Math.min(
    ...Object.entries(r.wape)
      .filter(([k]) => k !== 'auto')
      .map(([, v]) => v),
  );
}

// Whole-set backtests: slow on a busy machine, so a generous timeout (no timing is asserted).
describe('forecast model choice, bias and intervals (synthetic series)', { timeout: 120_000 }, () => {
  it('reads closed weekends as a weekly pattern, not intermittent demand', () => {
    const y = b2b(700, 5);
    const cal = makeCalendar('day', START, 800);
    expect(classifyDemand(y, 365).demandClass).toMatch(/intermittent|lumpy/);
    expect(classifyDemand(y, 365, cal.dow).demandClass).toMatch(/smooth|erratic/);
    expect(['profile', 'holt-winters', 'seasonal-naive']).toContain(selectModel(y, cal).model.name);
  });

  it('auto is within 2 % (relative WAPE) of the best single model on B2B and seasonal series', () => {
    const series = [...Array.from({ length: 12 }, (_, i) => b2b(730, 100 + i, 3 + i)), ...synthetic('seasonal', 12, 730, 21)];
    const r = holdout(series, 730 - HOLDOUT);
    expect(r.wape.auto).toBeLessThanOrEqual(1.02 * bestSingle(r));
  });

  it('keeps bias within ±2 % on daily data at cut-offs through the year, including 1 January', () => {
    const series = synthetic('seasonal', 30, 1200, 33);
    for (const cutDate of ['2024-01-01', '2024-04-01', '2024-07-01', '2024-10-01']) {
      const r = holdout(series, toDay(cutDate) - START, 90);
      expect(Math.abs(r.bias.auto)).toBeLessThan(2);
    }
  });

  it('keeps bias within ±15 % on intermittent data without forecasting zero', () => {
    const series = [...synthetic('intermittent', 25, 730, 44), ...synthetic('lumpy', 15, 730, 45)];
    const r = holdout(series, 730 - 90, 90);
    expect(Math.abs(r.bias.auto)).toBeLessThan(15);
    expect(r.wape.auto).toBeLessThanOrEqual(1.02 * bestSingle(r));
  });

  it('keeps monthly intermittent spare-parts demand on the Croston family: auto within 2 % of the best model, bias within ±15 %', () => {
    // Before: the profile model was offered to intermittent series of any frequency and won 96 of
    // 299 parts on its lucky month factors (auto 137.6 % WAPE vs TSB 133.0 %, +3.5 % relative).
    const months = 72;
    const bySku = new Map<string, Float64Array>();
    for (const l of sparePartsDemand({ parts: 300, months, start: '2020-01-01', seed: 7 })) {
      const [y, m] = l.orderDate.split('-').map(Number);
      const t = (y - 2020) * 12 + m - 1;
      const s = bySku.get(l.sku) ?? new Float64Array(months);
      s[t] += l.quantity;
      bySku.set(l.sku, s);
    }
    const r = holdout([...bySku.values()], months - 12, 12, 'month', toDay('2020-01-01'));
    expect(Math.abs(r.bias.auto)).toBeLessThan(15);
    expect(r.wape.auto).toBeLessThanOrEqual(1.02 * bestSingle(r));
  });

  it('p10–p90 covers 80 % ± 5 % of holdout days and of holdout totals', () => {
    const series = [...synthetic('seasonal', 80, 730, 55), ...Array.from({ length: 40 }, (_, i) => b2b(730, 300 + i, 2 + (i % 9)))];
    const r = holdout(series, 730 - HOLDOUT);
    expect(r.dailyCoverage).toBeGreaterThan(75);
    expect(r.dailyCoverage).toBeLessThan(85);
    expect(r.totalCoverage).toBeGreaterThan(75);
    expect(r.totalCoverage).toBeLessThan(85);
  });

  it('widens the band of long-horizon totals when the level drifts: 90-day totals covered 80 % ± 5 %', () => {
    // A level that wanders (geometric random walk, 1.2 % a day) makes the error of a 90-day total
    // larger than that of a 7-day total. Before: one flat level error, calibrated on running
    // totals of 7…90 days together, covered 90-day totals far less than 80 %.
    const rng = createRng(77);
    const series = Array.from({ length: 60 }, (_, k) => {
      let log = Math.log(5 + k);
      const mu: number[] = [];
      for (let t = 0; t < 730; t++) {
        log += 0.012 * normalQuantile(rng.next());
        mu.push(Math.exp(log));
      }
      return poissonSeries(730, (t) => mu[t], 900 + k);
    });
    const r = holdout(series, 730 - 90, 90);
    expect(r.totalCoverage).toBeGreaterThanOrEqual(75);
    expect(r.totalCoverage).toBeLessThanOrEqual(85);
  });

  it('treats stock-out days without sales as missing, so a stock-out does not lower the forecast', () => {
    const y = Array.from(poissonSeries(400, () => 10, 8));
    const out = y.map((_, t) => t >= 360 && t < 380);
    const censored = y.map((v, t) => (out[t] ? 0 : v));
    const plain = forecastDemand({ startDate: '2022-01-03', values: censored }, { horizonDays: 28 });
    const flagged = forecastDemand({ startDate: '2022-01-03', values: censored, stockedOut: out }, { horizonDays: 28 });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(flagged.daily.mean)).toBeGreaterThan(9);
    expect(mean(flagged.daily.mean)).toBeLessThan(11);
    expect(mean(plain.daily.mean)).toBeLessThan(mean(flagged.daily.mean));
  });
});
