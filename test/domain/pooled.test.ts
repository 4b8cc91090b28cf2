import { describe, expect, it } from 'vitest';
import { fromDay, toDay } from '../../worker/domain/dates';
import { makeCalendar } from '../../worker/domain/forecast/calendar';
import { wape } from '../../worker/domain/forecast/metrics';
import { groupShape } from '../../worker/domain/forecast/pooled';
import { profileModel, profileWithPrior } from '../../worker/domain/forecast/profile';
import { forecastDemand } from '../../worker/domain/forecast/forecast';
import { poissonSeries } from './helpers';

const START = toDay('2022-01-03');
const DAYS = 3 * 365;
const CUT = DAYS - 120; // 2024-09-03: the forecast runs into the winter peak
const H = 90;

/** A winter-peaking product: ±50 % around its level over the year, sold every day. */
const season = (day: number) => 1 + 0.5 * Math.cos((2 * Math.PI * (day - toDay('2022-01-15'))) / 365.25);

describe('pooled annual shape for short series', () => {
  // 30 established SKUs (3 years) show the category's winter peak; 15 launched 150–300 days ago
  // have never seen a winter. Without a pooled shape they forecast a flat level into the peak.
  const old = Array.from({ length: 30 }, (_, k) => poissonSeries(DAYS, (t) => (4 + k) * season(START + t), 500 + k));
  const young = Array.from({ length: 15 }, (_, k) => {
    const launch = CUT - 150 - 10 * k;
    const y = poissonSeries(DAYS - launch, (t) => (3 + k) * season(START + launch + t), 700 + k);
    return { y, start: START + launch };
  });

  it('takes the group month shape into a young SKU and forecasts the season it has not seen', () => {
    const prior = groupShape(
      [
        ...old.map((y) => ({ y: y.subarray(0, CUT), startDay: START })),
        ...young.map((s) => ({ y: s.y.subarray(0, CUT - (s.start - START)), startDay: s.start })),
      ],
      START + CUT,
    );
    expect(prior).toBeDefined();
    // December above June in the group's shape.
    expect(prior!.month[11]).toBeGreaterThan(1.5 * prior!.month[5]);
    let plainErr = 0;
    let pooledErr = 0;
    for (const s of young) {
      const n = CUT - (s.start - START);
      const train = s.y.subarray(0, n);
      const actual = s.y.subarray(n, n + H);
      const cal = makeCalendar('day', s.start, n + H);
      plainErr += wape(actual, profileModel.fit(train, cal).forecast(H));
      pooledErr += wape(actual, profileWithPrior(prior!).fit(train, cal).forecast(H));
    }
    expect(pooledErr).toBeLessThan(0.8 * plainErr);
  });

  it('reaches the automatic choice through ForecastOptions.prior', () => {
    const prior = groupShape(
      old.map((y) => ({ y: y.subarray(0, CUT), startDay: START })),
      START + CUT,
    )!;
    const s = young[0];
    const n = CUT - (s.start - START);
    const values = Array.from(s.y.subarray(0, n));
    const startDate = fromDay(s.start);
    const a = forecastDemand({ startDate, values }, { horizonDays: H });
    const b = forecastDemand({ startDate, values }, { horizonDays: H, prior });
    const total = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
    const actual = total(Array.from(s.y.subarray(n, n + H)));
    expect(Math.abs(total(b.daily.mean) - actual)).toBeLessThan(Math.abs(total(a.daily.mean) - actual));
  });

  it('lends no shape without 15 months of pooled history', () => {
    expect(groupShape([{ y: old[0].subarray(0, 400), startDay: START }], START + 400)).toBeUndefined();
    expect(groupShape([], START)).toBeUndefined();
  });
});
