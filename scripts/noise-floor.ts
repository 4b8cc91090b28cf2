// `npx tsx scripts/noise-floor.ts [--holdout 28] [--windows 13] [--step 28] [--seed N] [--anchor yyyy-mm-dd]`:
// how far the demo tenant's real demand strays from its own generating process over backtest
// holdouts. For each window (the last `--holdout` days before a cut-off, cut-offs `--step` days
// apart going back from the end of the history) it prints the units ordered, the units the
// generator expected (GenerationTruth.expectedDailyUnits: what a forecaster that knew the true model
// and the order days would forecast) and that oracle's bias, (expected − actual) ÷ actual in %, as
// `npm run backtest` reports bias. A window whose oracle bias is beyond ±2 % is one where no forecast
// can be within ±2 % except by luck.
import { DEFAULT_ANCHOR, DEFAULT_SEED, generateTenantDetailed } from '../sample_data/generator';
import { addDays, daysBetween } from '../worker/domain/dates';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const holdout = Number(arg('holdout', '28'));
const windows = Number(arg('windows', '13'));
const step = Number(arg('step', '28'));
const { data, truth } = generateTenantDetailed({
  seed: Number(arg('seed', String(DEFAULT_SEED))),
  anchorDate: arg('anchor', DEFAULT_ANCHOR),
  profile: 'demo',
});
const actual = new Array<number>(truth.expectedDailyUnits.length).fill(0);
for (const r of data.orders) actual[daysBetween(truth.historyStart, r.order_date)] += r.quantity;
const sum = (xs: number[], from: number, to: number) => xs.slice(from, to).reduce((a, b) => a + b, 0);

console.log(`demo tenant, seed ${truth.seed}, history ${truth.historyStart} … ${truth.historyEnd}; holdout ${holdout} days`);
console.log('holdout window            actual   expected   oracle bias %');
const biases: number[] = [];
for (let w = 0; w < windows; w++) {
  const end = actual.length - w * step;
  const start = end - holdout;
  if (start < 0) break;
  const a = sum(actual, start, end);
  const e = sum(truth.expectedDailyUnits, start, end);
  const bias = (100 * (e - a)) / a;
  biases.push(bias);
  const from = addDays(truth.historyStart, start);
  const to = addDays(truth.historyStart, end - 1);
  console.log(`${from} … ${to} ${String(a).padStart(8)} ${e.toFixed(0).padStart(10)} ${bias.toFixed(2).padStart(14)}`);
}
const outside = biases.filter((b) => Math.abs(b) > 2).length;
console.log(
  `oracle bias from ${Math.min(...biases).toFixed(2)} to ${Math.max(...biases).toFixed(2)} %; beyond ±2 % in ${outside} of ${biases.length} windows`,
);
