/**
 * Holdout backtest of every forecasting model and of the automatic choice on a CSV/XLSX of demand.
 * The file is read by the import's own reader (worker/imports/table.ts): any encoding, delimiter,
 * title lines and totals, date and number formats an upload accepts are read the same way here.
 * --holdout is in days (whole weeks/months for coarser --freq). Train on everything before the
 * holdout, forecast it, report metrics aggregated over series (see worker/domain/forecast/evaluate.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DEMAND } from '../worker/imports/demand';
import { normalizeHeader } from '../worker/imports/mapping';
import { ENCODINGS, canonicalEncoding } from '../worker/imports/sniff';
import { readTable } from '../worker/imports/table';
import { civilFromDays, daysFromCivil, dayOfWeek, toDay } from '../worker/domain/dates';
import { AccuracyAccumulator, type AccuracySummary } from '../worker/domain/forecast/evaluate';
import { makeCalendar, periodsForDays, type Freq } from '../worker/domain/forecast/calendar';
import { MODELS } from '../worker/domain/forecast/registry';
import { selectModel } from '../worker/domain/forecast/select';
import { groupShape } from '../worker/domain/forecast/pooled';
import { profileModel, profileWithPrior } from '../worker/domain/forecast/profile';
import { withHolidays } from '../worker/domain/forecast/holiday-effect';
import { promotionWindows, withPromotions, type PromotionWindow } from '../worker/domain/forecast/promotion-effect';
import { entityByName } from '../worker/imports/entities';
import { holidayWindows, KOREAN_FOOD_HOLIDAYS } from '../worker/domain/holidays';
import { DEFAULT_ORIGINS } from '../worker/domain/forecast/backtest';
import { uncertaintyOf } from '../worker/domain/forecast/forecast';
import { periodCoverage, totalQuantiles, type Uncertainty } from '../worker/domain/forecast/summary';

const USAGE = `Usage: npm run backtest -- FILE [options]
  FILE                  demand history: CSV (any delimiter; UTF-8, UTF-16, Windows-1252, CP949, Shift-JIS, GB18030) or XLSX
  --date-col NAME       the date column (default: found by name, e.g. order_date, date)
  --qty-col NAME        the quantity column (default: found by name, e.g. quantity, qty, sales)
  --series-cols A,B     columns that identify a series (default: sku)
  --holdout DAYS        days held out for scoring (default 90)
  --freq day|week|month forecast frequency (default day)
  --origins N           rolling origins for the automatic model choice, 1..12 (default ${DEFAULT_ORIGINS})
  --encoding NAME       the file's encoding when it cannot be detected (${ENCODINGS.join(', ')})
  --date-order mdy|dmy  order of slash dates when the file does not prove it
  --decimal . or ,      the file's decimal mark when the numbers do not prove it
  --header-row N        the header's row number when it is not found
  --holidays            Seollal and Chuseok weeks as a regressor of the profile model (daily data;
                        reported as profile-holidays, and auto keeps them per series where they
                        backtest better)
  --promotions FILE     promotions as a regressor of the profile model (daily data): a CSV/XLSX
                        with the promotions import's columns (promotion_id, sku, start_date,
                        end_date), sku holding the series key as this run forms it (columns of
                        --series-cols joined with |); reported as profile-promotions, and auto
                        keeps them per series where they backtest better
  --pool                pool the data set's month-of-year shape into the profile model
                        (daily data; reported as profile-pooled, and auto uses it)
  --json                one line of JSON instead of the table
  --help                this text
`;

interface Args {
  file: string;
  dateCol?: string;
  seriesCols: string[];
  qtyCol?: string;
  encoding?: (typeof ENCODINGS)[number];
  dateOrder?: 'mdy' | 'dmy';
  decimal?: '.' | ',';
  headerRow?: number;
  holdoutDays: number;
  freq: Freq;
  origins: number;
  json: boolean;
  /** Pool the data set's shape into the profile model (pooled.ts). */
  pool: boolean;
  /** Korean food holidays as a regressor (holiday-effect.ts). */
  holidays: boolean;
  /** A promotions file (promotion-effect.ts). */
  promotions?: string;
  /** Evaluate only every k-th series so that about this many are kept (quick iterations). */
  maxSeries: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    file: '',
    seriesCols: ['sku'],
    holdoutDays: 90,
    freq: 'day',
    origins: DEFAULT_ORIGINS,
    json: false,
    pool: false,
    holidays: false,
    maxSeries: Infinity,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) fail(`${k} needs a value`);
      return x;
    };
    if (k === '--help' || k === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (k === '--date-col') a.dateCol = v();
    else if (k === '--series-cols')
      a.seriesCols = v()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (k === '--qty-col') a.qtyCol = v();
    else if (k === '--holdout') a.holdoutDays = Number(v());
    else if (k === '--freq') a.freq = v() as Freq;
    else if (k === '--origins') a.origins = Number(v());
    else if (k === '--json') a.json = true;
    else if (k === '--pool') a.pool = true;
    else if (k === '--holidays') a.holidays = true;
    else if (k === '--promotions') a.promotions = v();
    else if (k === '--encoding') {
      const label = v();
      a.encoding = canonicalEncoding(label);
      if (!a.encoding) fail(`--encoding ${label} is not supported; use one of ${ENCODINGS.join(', ')}`);
    } else if (k === '--date-order') {
      const x = v();
      if (x !== 'mdy' && x !== 'dmy') fail('--date-order must be mdy or dmy');
      a.dateOrder = x;
    } else if (k === '--decimal') {
      const x = v();
      if (x !== '.' && x !== ',') fail('--decimal must be . or ,');
      a.decimal = x;
    } else if (k === '--header-row') a.headerRow = Number(v());
    else if (k === '--max-series') a.maxSeries = Number(v());
    else if (k.startsWith('--')) fail(`unknown option ${k}`);
    else a.file = k;
  }
  if (!a.file) fail(`no file given\n${USAGE}`);
  if (!existsSync(a.file)) fail(`file not found: ${a.file}`);
  if (a.promotions !== undefined && !existsSync(a.promotions)) fail(`file not found: ${a.promotions}`);
  if (a.promotions !== undefined && a.freq !== 'day') fail('--promotions needs daily data (--freq day)');
  if (a.headerRow !== undefined && !(Number.isInteger(a.headerRow) && a.headerRow >= 1)) fail('--header-row must be a row number from 1');
  if (!Number.isInteger(a.holdoutDays) || a.holdoutDays < 1) fail('--holdout must be a positive whole number of days');
  if (!['day', 'week', 'month'].includes(a.freq)) fail('--freq must be day, week or month');
  if (!Number.isInteger(a.origins) || a.origins < 1 || a.origins > 12) fail('--origins must be a whole number from 1 to 12');
  return a;
}

function fail(msg: string): never {
  process.stderr.write(`backtest: ${msg}\n`);
  process.exit(2);
}

/** Period number of an epoch day: days, Monday-based weeks, or calendar months. */
function periodOf(day: number, freq: Freq): number {
  if (freq === 'day') return day;
  if (freq === 'week') return Math.floor((day - ((dayOfWeek(day) + 6) % 7) + 3) / 7);
  const [y, m] = civilFromDays(day);
  return y * 12 + m - 1;
}
function periodStart(p: number, freq: Freq): number {
  if (freq === 'day') return p;
  if (freq === 'week') return p * 7 - 3;
  return daysFromCivil(Math.floor(p / 12), (p % 12) + 1, 1);
}

interface Raw {
  periods: number[];
  qty: number[];
}

async function load(a: Args): Promise<{ series: Map<string, Raw>; last: number; lastDay: number }> {
  const mapping: Record<string, string> = {};
  if (a.dateCol) mapping.order_date = a.dateCol;
  if (a.qtyCol) mapping.quantity = a.qtyCol;
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(
      new Uint8Array(readFileSync(a.file)),
      basename(a.file),
      DEMAND,
      { mapping, encoding: a.encoding, dateOrder: a.dateOrder, decimal: a.decimal, headerRow: a.headerRow },
      new Date().toISOString().slice(0, 10),
    );
  } catch (e) {
    const errors = (e as { errors?: { row?: number; column?: string; message: string }[] }).errors ?? [];
    fail([(e as Error).message, ...errors.slice(0, 10).map((x) => `  row ${x.row ?? '?'} ${x.column ?? ''}: ${x.message}`)].join('\n'));
  }
  if (table.errors.length)
    fail(
      [
        `${table.errors.length} error(s) in ${a.file}:`,
        ...table.errors.slice(0, 10).map((x) => `  row ${x.row} ${x.column ?? ''}: ${x.message}`),
      ].join('\n'),
    );
  const { header } = table;
  const fieldAt = (name: string) => DEMAND.fields.findIndex((f) => f.name === name) + 1;
  const dateAt = fieldAt('order_date');
  const qtyAt = fieldAt('quantity');
  // A series column is a demand field (sku, warehouse …, found by name or alias) or any column of the file.
  const seriesAt = a.seriesCols.map((c) => {
    const f = DEMAND.fields.find((x) => x.name === c || x.aliases.includes(normalizeHeader(c)));
    if (f && header.index[f.name] !== undefined) return header.index[f.name];
    return header.columns.findIndex((h) => normalizeHeader(h) === normalizeHeader(c));
  });
  const missing = a.seriesCols.filter((_, i) => seriesAt[i] < 0);
  if (missing.length) fail(`missing column(s) ${missing.join(', ')}; the header (row ${header.row}) is ${header.columns.join(',')}`);
  const series = new Map<string, Raw>();
  const dayCache = new Map<string, number>();
  let lastDay = -Infinity;
  for (const row of table.rows) {
    const ds = row[dateAt] as string;
    let day = dayCache.get(ds);
    if (day === undefined) dayCache.set(ds, (day = toDay(ds)));
    const record = table.records[(row[0] as number) - 1];
    const key = seriesAt.map((i) => (record[i] ?? '').trim()).join('|');
    let s = series.get(key);
    if (!s) series.set(key, (s = { periods: [], qty: [] }));
    s.periods.push(periodOf(day, a.freq));
    s.qty.push(row[qtyAt] as number);
    if (day > lastDay) lastDay = day;
  }
  if (series.size === 0) fail('no data rows');
  if (!a.json && table.skippedCount)
    process.stderr.write(
      `backtest: skipped ${table.skippedCount} row(s) that are not data: ${table.skipped
        .filter((x) => x.reason !== 'blank row')
        .slice(0, 5)
        .map((x) => `row ${x.row} ${x.reason}`)
        .join('; ')}\n`,
    );
  let last = periodOf(lastDay, a.freq);
  // A trailing partial week/month would look like a demand drop; leave it out.
  if (a.freq !== 'day' && periodOf(lastDay + 1, a.freq) === last) last--;
  return { series, last, lastDay };
}

/** The promotions file as windows per series key (the file's sku column). */
async function loadPromotions(file: string): Promise<Map<string, PromotionWindow[]>> {
  // The import's columns and checks, without the catalog: series keys are not SKUs of a tenant.
  const entity = { ...entityByName('promotions')!, refs: {} };
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(new Uint8Array(readFileSync(file)), basename(file), entity, {}, new Date().toISOString().slice(0, 10));
  } catch (e) {
    fail(`${file}: ${(e as Error).message}`);
  }
  if (table.errors.length)
    fail(
      [
        `${table.errors.length} error(s) in ${file}:`,
        ...table.errors.slice(0, 10).map((x) => `  row ${x.row} ${x.column ?? ''}: ${x.message}`),
      ].join('\n'),
    );
  const fields = entity.fields;
  const at = (name: string) => fields.findIndex((f) => f.name === name) + 1;
  const bySeries = new Map<string, { startDate: string; endDate: string }[]>();
  for (const row of table.rows) {
    const key = String(row[at('sku')]);
    const list = bySeries.get(key) ?? [];
    list.push({ startDate: String(row[at('start_date')]), endDate: String(row[at('end_date')]) });
    bySeries.set(key, list);
  }
  return new Map([...bySeries].map(([k, v]) => [k, promotionWindows(v)]));
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const a = parseArgs(process.argv.slice(2));
  const { series, last } = await load(a);
  const readSeconds = (performance.now() - t0) / 1000;
  const H = periodsForDays(a.freq, a.holdoutDays);
  const cumH = [30, 60, 90].map((d) => Math.min(H, periodsForDays(a.freq, d)));
  const pooledName = 'profile-pooled';
  const holidayName = 'profile-holidays';
  const promotionName = 'profile-promotions';
  const promotions = a.promotions ? await loadPromotions(a.promotions) : undefined;
  const names = [
    ...MODELS.map((m) => m.name as string),
    ...(a.pool ? [pooledName] : []),
    ...(a.holidays ? [holidayName] : []),
    ...(promotions ? [promotionName] : []),
    'auto',
  ];
  let firstPeriod = Infinity;
  for (const raw of series.values()) for (const p of raw.periods) if (p < firstPeriod) firstPeriod = p;
  const holidays = a.holidays && a.freq === 'day' ? holidayWindows(KOREAN_FOOD_HOLIDAYS, firstPeriod, last) : undefined;
  const holidayModel = holidays ? withHolidays(profileModel, holidays) : undefined;
  const acc = new Map<string, AccuracyAccumulator>(names.map((n) => [n, new AccuracyAccumulator(cumH)]));
  // auto scored on exactly the series each single model could forecast (a model whose minimum
  // history excludes a series must not win the comparison by skipping it).
  const autoOn = new Map<string, AccuracyAccumulator>(names.filter((n) => n !== 'auto').map((n) => [n, new AccuracyAccumulator(cumH)]));
  const chosen = new Map<string, number>();
  const coverage = new Coverage();
  let skipped = 0;
  const stride = Math.max(1, Math.ceil(series.size / a.maxSeries));
  const seriesOf = (raw: Raw): { y: Float64Array; first: number; n: number } => {
    const first = Math.min(...raw.periods);
    const n = last - first + 1;
    const y = new Float64Array(Math.max(0, n));
    for (let i = 0; i < raw.periods.length; i++) if (raw.periods[i] <= last) y[raw.periods[i] - first] += raw.qty[i];
    // Returns net against sales of the same period; a net negative period is no demand.
    for (let i = 0; i < n; i++) if (!(y[i] > 0)) y[i] = 0;
    return { y, first, n };
  };
  // The data set's shape from the training part only (nothing of the holdout).
  const pooled =
    a.pool && a.freq === 'day'
      ? (() => {
          const prior = groupShape(
            [...series.values()].map(seriesOf).map(({ y, first, n }) => ({ y: y.subarray(0, Math.max(0, n - H)), startDay: first })),
            last - H + 1,
          );
          return prior && { prior, model: profileWithPrior(prior) };
        })()
      : undefined;
  let index = -1;
  for (const [seriesKey, raw] of series) {
    if (++index % stride !== 0) continue;
    const { y, first, n } = seriesOf(raw);
    if (n - H < 1) {
      skipped++;
      continue;
    }
    const train = y.subarray(0, n - H);
    const actual = y.subarray(n - H);
    const cal = makeCalendar(a.freq, periodStart(first, a.freq), n);
    const forecasts = new Map<string, Float64Array>();
    for (const m of MODELS) {
      const t = performance.now();
      const f = m.minHistory(cal) <= train.length ? m.fit(train, cal).forecast(H) : undefined;
      const dt = (performance.now() - t) / 1000;
      if (!f) continue;
      forecasts.set(m.name, f);
      const ac = acc.get(m.name)!;
      ac.seconds += dt;
      ac.add(actual, f, train, cal.season);
    }
    if (pooled && pooled.model.minHistory(cal) <= train.length) {
      const t = performance.now();
      const f = pooled.model.fit(train, cal).forecast(H);
      const ac = acc.get(pooledName)!;
      ac.seconds += (performance.now() - t) / 1000;
      ac.add(actual, f, train, cal.season);
      forecasts.set(pooledName, f);
    }
    if (holidayModel && holidayModel.minHistory(cal) <= train.length) {
      const t = performance.now();
      const f = holidayModel.fit(train, cal).forecast(H);
      const ac = acc.get(holidayName)!;
      ac.seconds += (performance.now() - t) / 1000;
      ac.add(actual, f, train, cal.season);
      forecasts.set(holidayName, f);
    }
    const own = promotions?.get(seriesKey) ?? [];
    if (promotions && profileModel.minHistory(cal) <= train.length) {
      const t = performance.now();
      const f = withPromotions(profileModel, own).fit(train, cal).forecast(H);
      const ac = acc.get(promotionName)!;
      ac.seconds += (performance.now() - t) / 1000;
      ac.add(actual, f, train, cal.season);
      forecasts.set(promotionName, f);
    }
    const t = performance.now();
    const sel = selectModel(train, cal, { origins: a.origins, prior: pooled?.prior, holidays, promotions: own });
    const withPromotion = sel.model.name === 'profile' && sel.reason.includes('promotions');
    const key = withPromotion
      ? promotionName
      : pooled && sel.model.name === 'profile'
        ? pooledName
        : holidays && sel.model.name === 'profile' && sel.reason.includes('with holiday weeks')
          ? holidayName
          : sel.model.name;
    // Promotions kept on top of the pooled shape or holiday weeks: the chosen (wrapped) model forecasts itself.
    const f = (withPromotion && (holidays || pooled) ? undefined : forecasts.get(key)) ?? sel.model.fit(train, cal).forecast(H);
    const auto = acc.get('auto')!;
    auto.seconds += (performance.now() - t) / 1000 + acc.get(key)!.seconds / Math.max(1, acc.get(key)!.summary().series);
    auto.add(actual, f, train, cal.season);
    for (const name of forecasts.keys()) autoOn.get(name)!.add(actual, f, train, cal.season);
    coverage.add(actual, f, uncertaintyOf(sel, train, cal));
    chosen.set(sel.model.name, (chosen.get(sel.model.name) ?? 0) + 1);
  }
  const seconds = (performance.now() - t0) / 1000;
  const results = [...acc.entries()].map(([name, ac]) => [name, ac.summary()] as const).filter(([, s]) => s.series > 0);
  const evaluated = acc.get('auto')!.summary().series;
  const cmp = compareWithBest(results, autoOn);
  if (a.json) {
    const metrics: Record<string, Record<string, number>> = {};
    for (const [name, s] of results)
      metrics[name] = { wape: r3(s.wape), smape: r3(s.smape), mase: r3(s.mase), rmsse: r3(s.rmsse), bias: r3(s.bias) };
    const out = {
      series: evaluated,
      holdout: H,
      seconds: r3(seconds),
      readSeconds: r3(readSeconds),
      metrics,
      coverage: { period: r3(coverage.daily()), total: r3(coverage.total()) },
      bestSingle: cmp.best,
      autoVsBestPct: r3(cmp.relativePct),
      autoWithin2Pct: cmp.within,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
    return;
  }
  print(results, cumH, { evaluated, skipped, H, seconds, readSeconds, freq: a.freq, chosen });
  console.log(
    `auto vs best single model (${cmp.best}, on the same series): WAPE ${cmp.relativePct >= 0 ? '+' : ''}${cmp.relativePct.toFixed(2)} % relative — ${cmp.within ? 'within' : 'NOT within'} 2 %`,
  );
  console.log(
    `auto p10–p90 coverage (target 80 %): per period ${coverage.daily().toFixed(1)} %, holdout total ${coverage.total().toFixed(1)} %`,
  );
}

/**
 * The single model with the lowest WAPE, and auto's WAPE relative to it, 100·(auto − best)/best,
 * with auto scored on the same series as that model (`autoOn`).
 */
function compareWithBest(
  results: ReadonlyArray<readonly [string, AccuracySummary]>,
  autoOn: ReadonlyMap<string, AccuracyAccumulator>,
): {
  best: string;
  relativePct: number;
  within: boolean;
} {
  const single = results.filter(([n, s]) => n !== 'auto' && Number.isFinite(s.wape)).sort((x, y) => x[1].wape - y[1].wape);
  if (single.length === 0) return { best: 'n/a', relativePct: Number.NaN, within: false };
  const [best, s] = single[0];
  const auto = autoOn.get(best)?.summary().wape ?? Number.NaN;
  if (!Number.isFinite(auto)) return { best, relativePct: Number.NaN, within: false };
  const relativePct = s.wape > 0 ? (100 * (auto - s.wape)) / s.wape : auto > 0 ? Infinity : 0;
  return { best, relativePct, within: relativePct <= 2 };
}

/** Share of actuals inside the forecast's p10–p90 band: a check on the uncertainty model. */
class Coverage {
  private inDaily = 0;
  private days = 0;
  private inTotal = 0;
  private series = 0;
  add(actual: Float64Array, mean: Float64Array, u: Uncertainty): void {
    let a = 0;
    let m = 0;
    for (let i = 0; i < actual.length; i++) {
      // A period forecast as a certain zero (a closed weekday) has no band to assess.
      if (mean[i] > 1e-6) {
        // Randomized PIT: an integer band is wider than 80 % by construction (quantiles.ts).
        this.inDaily += periodCoverage(Math.round(actual[i]), mean[i], u, i + 1);
        this.days++;
      }
      a += actual[i];
      m += mean[i];
    }
    // The band the product shows for a total (summary.ts: totalQuantiles; a hurdle gamma for intermittent demand).
    const [lo, hi] = totalQuantiles(m, u, actual.length, [0.1, 0.9]);
    if (a >= lo && a <= hi) this.inTotal++;
    this.series++;
  }
  daily(): number {
    return (100 * this.inDaily) / Math.max(1, this.days);
  }
  total(): number {
    return (100 * this.inTotal) / Math.max(1, this.series);
  }
}

function r3(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1000) / 1000 : x;
}

function print(
  results: ReadonlyArray<readonly [string, AccuracySummary]>,
  cumH: number[],
  o: { evaluated: number; skipped: number; H: number; seconds: number; readSeconds: number; freq: Freq; chosen: Map<string, number> },
): void {
  const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
  const head = ['model', 'series', 'WAPE%', 'sMAPE%', 'MASE', 'RMSSE', 'bias%', ...cumH.map((h) => `cum${h}%`), 'seconds'];
  const rows = results.map(([name, s]) => [
    name,
    String(s.series),
    f(s.wape),
    f(s.smape),
    f(s.mase, 3),
    f(s.rmsse, 3),
    f(s.bias),
    ...cumH.map((h) => f(s.cumulative[h])),
    f(s.seconds, 2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(
    `${o.evaluated} series (${o.skipped} skipped: no history before the holdout), holdout ${o.H} ${o.freq}s, ${o.seconds.toFixed(2)} s total (${o.readSeconds.toFixed(2)} s reading the file)`,
  );
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  console.log(
    `auto chose: ${[...o.chosen.entries()]
      .sort((x, y) => y[1] - x[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
