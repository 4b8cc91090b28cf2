/**
 * Planning-engine benchmark (not a test): `npx tsx bench/engine.ts [--skus 10000] [--runs 3]`.
 *  1. Forecasts with per-SKU model selection (rolling-origin backtest) for a synthetic
 *     10,000-SKU × 730-day tenant, single thread → SKUs per second per core. Goal ≥ 1,000.
 *  2. Full planTenant for a ~110-SKU tenant (forecasts, reorder, waste Monte Carlo,
 *     insights). Goal < 2 s.
 * Prints every run and the median side by side.
 */
import { toDay } from '../worker/domain/dates';
import { makeCalendar } from '../worker/domain/forecast/calendar';
import { forecastSeries } from '../worker/domain/forecast/forecast';
import { planTenant } from '../worker/domain/plan';
import { createRng } from '../worker/domain/random';
import { syntheticDemand, syntheticTenant, type DemandKind } from '../worker/domain/synthetic';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SKUS = opt('skus', 10_000);
const DAYS = 730;
const RUNS = Math.max(1, opt('runs', 3));
const AS_OF = '2025-06-01';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function forecastRun(series: Float64Array[], start: number): { seconds: number; models: Map<string, number> } {
  const models = new Map<string, number>();
  const t0 = performance.now();
  for (const y of series) {
    const cal = makeCalendar('day', start, y.length + 90);
    const fc = forecastSeries(y, cal, 90);
    models.set(fc.selection.model.name, (models.get(fc.selection.model.name) ?? 0) + 1);
  }
  return { seconds: (performance.now() - t0) / 1000, models };
}

function main(): void {
  const rng = createRng(42);
  const kinds: DemandKind[] = ['seasonal', 'seasonal', 'seasonal', 'trending', 'intermittent', 'intermittent', 'lumpy', 'new', 'dying'];
  const start = toDay(AS_OF) - DAYS;
  const series = Array.from({ length: SKUS }, (_, i) => Float64Array.from(syntheticDemand(rng, kinds[i % kinds.length], DAYS, start)));
  console.log(`engine benchmark — node ${process.version}, single thread, ${RUNS} run(s)\n`);

  const rates: number[] = [];
  let models = new Map<string, number>();
  for (let r = 0; r < RUNS; r++) {
    const run = forecastRun(series, start);
    rates.push(SKUS / run.seconds);
    models = run.models;
  }
  console.log(`1) forecasts with model selection, ${SKUS.toLocaleString('en-US')} SKUs × ${DAYS} days (goal ≥ 1,000 SKUs/s/core)`);
  console.log(`   runs (SKUs/s):  ${rates.map((x) => x.toFixed(0)).join('  ')}    median ${median(rates).toFixed(0)}`);
  console.log(
    `   models chosen:  ${[...models.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}\n`,
  );

  const tenant = syntheticTenant({ skus: 110, days: DAYS, asOf: AS_OF, seed: 7 });
  const times: number[] = [];
  let last = planTenant(tenant, AS_OF);
  for (let r = 0; r < Math.max(RUNS, 5); r++) {
    const t0 = performance.now();
    last = planTenant(tenant, AS_OF);
    times.push((performance.now() - t0) / 1000);
  }
  console.log(`2) planTenant, ${tenant.products.length} SKUs, ${tenant.lots.length} lots, ${tenant.inbound.length} inbound (goal < 2 s)`);
  console.log(`   runs (s):       ${times.map((x) => x.toFixed(3)).join('  ')}    median ${median(times).toFixed(3)}`);
  console.log(`   plan:           ${last.totals.ordersRecommended} orders, status ${JSON.stringify(last.totals.status)}`);
}

main();
