import { describe, expect, it } from 'vitest';
import { toDay } from '../../worker/domain/dates';
import { makeCalendar } from '../../worker/domain/forecast/calendar';
import { holidayFactors, withHolidays } from '../../worker/domain/forecast/holiday-effect';
import { profileModel } from '../../worker/domain/forecast/profile';
import { selectModel } from '../../worker/domain/forecast/select';
import { holidayWindows, KOREAN_FOOD_HOLIDAYS } from '../../worker/domain/holidays';
import { createRng } from '../../worker/domain/random';
import { countInverse } from '../../worker/domain/forecast/quantiles';

/**
 * Three years of a Korean food SKU ordered 20 a day, with demand doubled in the two weeks
 * before each Seollal and Chuseok (the lunar dates move by up to three weeks a year) and
 * Poisson-like noise. Forecast from 2026-01-20: Seollal is 2026-02-17, so the two weeks from
 * 2026-02-02 should be forecast near 40 a day, and the weeks after it near 20.
 */
const START = toDay('2023-01-02');
const ORIGIN = toDay('2026-01-20');
const holidays = holidayWindows(KOREAN_FOOD_HOLIDAYS, START, ORIGIN + 120);
const inRun = (day: number) => holidays.some((h) => day >= h.first - 14 && day < h.first);

function history(): Float64Array {
  const rng = createRng(5);
  const y = new Float64Array(ORIGIN - START);
  for (let i = 0; i < y.length; i++) y[i] = countInverse(rng.next(), inRun(START + i) ? 40 : 20, inRun(START + i) ? 60 : 30);
  return y;
}

const mean = (xs: ArrayLike<number>, a: number, b: number) => {
  let s = 0;
  for (let i = a; i < b; i++) s += xs[i];
  return s / (b - a);
};

describe('holiday weeks as a regressor', () => {
  it('learns the run before Seollal and Chuseok and forecasts it where the dates fall this year', () => {
    const y = history();
    const cal = makeCalendar('day', START, y.length + 90);
    const f = holidayFactors(y, cal, holidays)!;
    const seollal = holidays.find((h) => h.name === 'Seollal' && h.first > ORIGIN)!.first;
    // The two weeks before the holiday carry about twice the surrounding weeks.
    expect(mean(f, seollal - 14 - START, seollal - START)).toBeGreaterThan(1.6);
    expect(mean(f, seollal + 7 - START, seollal + 14 - START)).toBeLessThan(1.15);
    const plain = profileModel.fit(y, cal).forecast(90);
    const withH = withHolidays(profileModel, holidays).fit(y, cal).forecast(90);
    const run = [seollal - 14 - ORIGIN, seollal - ORIGIN] as const;
    const after = [seollal + 7 - ORIGIN, seollal + 35 - ORIGIN] as const;
    expect(mean(withH, ...run)).toBeGreaterThan(34);
    expect(mean(plain, ...run)).toBeLessThan(30);
    expect(Math.abs(mean(withH, ...after) - 20)).toBeLessThan(3);
  });

  it('keeps the factors only where the backtest prefers them', () => {
    const y = history();
    const cal = makeCalendar('day', START, y.length + 90);
    const sel = selectModel(y, cal, { holidays, candidates: [profileModel] });
    expect(sel.reason).toContain('with holiday weeks');
    // A series without any holiday run: the factors do not earn their place.
    const rng = createRng(9);
    const flat = Float64Array.from(y, () => countInverse(rng.next(), 20, 30));
    expect(selectModel(flat, cal, { holidays, candidates: [profileModel] }).reason).not.toContain('with holiday weeks');
  });
});
