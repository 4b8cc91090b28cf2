import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toDay } from '../../worker/domain/dates';
import { makeCalendar } from '../../worker/domain/forecast/calendar';
import { crostonModel, sbaModel, tsbModel } from '../../worker/domain/forecast/intermittent';
import { MODELS } from '../../worker/domain/forecast/registry';
import { profileModel } from '../../worker/domain/forecast/profile';
import { holtWinters } from '../../worker/domain/forecast/holt-winters';
import { poissonSeries } from './helpers';

const START = toDay('2021-01-01');
const cal = (n: number) => makeCalendar('day', START, n);

describe('intermittent models', () => {
  it('never forecast negative or non-finite demand (property)', () => {
    // Mostly zeros, mostly small orders: rates well below one unit a day are the risky case.
    const value = fc.oneof(
      { weight: 12, arbitrary: fc.constant(0) },
      { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 500 }) },
    );
    const sparse = fc.array(value, { minLength: 28, maxLength: 300 });
    fc.assert(
      fc.property(sparse, (xs) => {
        const y = Float64Array.from(xs);
        for (const m of [crostonModel, sbaModel, tsbModel]) {
          for (const v of m.fit(y, cal(y.length + 30)).forecast(30)) {
            expect(Number.isFinite(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
          }
        }
      }),
    );
  });

  it('Croston forecasts size ÷ interval; SBA deflates it; TSB decays when demand stops', () => {
    const y = new Float64Array(120);
    for (let t = 0; t < 120; t += 4) y[t] = 8; // 8 units every 4 days → 2/day
    const c = crostonModel.fit(y, cal(150)).forecast(1)[0];
    const s = sbaModel.fit(y, cal(150)).forecast(1)[0];
    expect(c).toBeCloseTo(2, 1);
    expect(s).toBeLessThan(c);
    expect(s).toBeGreaterThan(0.8 * c);
    const dying = Float64Array.from([...y, ...new Array<number>(120).fill(0)]);
    expect(tsbModel.fit(dying, cal(270)).forecast(1)[0]).toBeLessThan(0.5 * tsbModel.fit(y, cal(150)).forecast(1)[0]);
  });

  it('every model returns non-negative forecasts of the requested length on odd inputs', () => {
    const inputs = [
      new Float64Array(60),
      Float64Array.from({ length: 60 }, (_, t) => (t % 7 === 0 ? 50 : 0)),
      Float64Array.from({ length: 800 }, (_, t) => Math.max(0, 100 - t)),
    ];
    for (const y of inputs) {
      for (const m of MODELS) {
        if (m.minHistory(cal(y.length)) > y.length) continue;
        const f = m.fit(y, cal(y.length + 45)).forecast(45);
        expect(f.length).toBe(45);
        for (const v of f) expect(v >= 0 && Number.isFinite(v)).toBe(true);
      }
    }
  });
});

describe('seasonal models', () => {
  // Known multiplicative truth: weekday × month × 10 %/year growth around 60 units/day.
  const weekday = [0.6, 0.9, 1.0, 1.0, 1.1, 1.2, 1.2];
  const month = [0.7, 0.75, 0.9, 1.0, 1.1, 1.2, 1.3, 1.2, 1.05, 1.0, 0.95, 0.85];
  const c = cal(4 * 365 + 90);
  const truth = (t: number) => 60 * weekday[c.dow[t]] * month[c.month[t]] * Math.exp((0.1 * t) / 365);
  const y = poissonSeries(4 * 365, truth, 7);

  it('the profile model recovers a weekday × month × growth pattern within a few percent', () => {
    const f = profileModel.fit(y, c).forecast(90);
    let err = 0;
    for (let h = 0; h < 90; h++) err += Math.abs(f[h] / truth(4 * 365 + h) - 1);
    expect(err / 90).toBeLessThan(0.04);
  });

  it('Holt-Winters with weekly and yearly cycles follows the season better than a flat line', () => {
    const f = holtWinters.fit(y, c).forecast(90);
    let e = 0;
    let flat = 0;
    const level = y.slice(-28).reduce((a, b) => a + b, 0) / 28;
    for (let h = 0; h < 90; h++) {
      e += Math.abs(f[h] - truth(4 * 365 + h));
      flat += Math.abs(level - truth(4 * 365 + h));
    }
    expect(e).toBeLessThan(0.6 * flat);
  });
});
