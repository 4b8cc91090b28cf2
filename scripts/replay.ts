/**
 * Replay: simulate a tenant's history day by day under Lotwise, an Odoo-style min/max rule and
 * the naive z·σ·√L rule, on the same demand and lead times, and compare fill rate, waste and
 * inventory (worker/domain/replay; docs/forecasting.md, "Replay").
 *
 *   npm run replay                                   # the demo tenant in sample_data/
 *   npm run replay -- --tenant DIR                   # CSV exports of a tenant (products, orders,
 *                                                    #   customers, warehouses, promotions .csv;
 *                                                    #   Lotwise forecasts with the promotions)
 *   npm run replay -- --demand FILE --shelf-life 30 --lead-time 7 --lead-time-sd 2
 *                     [--date-col date] [--series-cols store,item] [--qty-col sales]
 *                     [--unit-cost 1] [--case-size 1] [--moq 1] [--min-remaining 0]
 *   common: [--start yyyy-mm-dd] [--end yyyy-mm-dd] [--review 7] [--seed 1] [--max-series N] [--json]
 *           [--service-level 0.98]  (Lotwise: one service level instead of the ABC/XYZ defaults)
 *           [--holidays]  (Lotwise: Seollal and Chuseok weeks as a forecast regressor, kept per series
 *                          where they backtest better)
 *           [--oracle]  (demo tenant only: also the engine fed the generator's own expected demand —
 *                        what perfect forecasting would reach; worker/domain/replay/oracle.ts)
 *           [--cells N]  (also the N SKU–warehouse cells where Lotwise loses most units, and the N
 *                         where it holds most stock above min/max: where to look next)
 *
 * The start defaults to one year after the first order (the policies need a year of history).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fromDay, toDay } from '../worker/domain/dates';
import { defaultPolicies, runReplay, type ReplayResult } from '../worker/domain/replay/replay';
import type { CellTotals } from '../worker/domain/replay/simulate';
import { holidayWindows, KOREAN_FOOD_HOLIDAYS } from '../worker/domain/holidays';
import type { ReplayInput, ReplayLine } from '../worker/domain/replay/types';
import { loadDemand, loadTenant } from './replay-input';
import { demoKnownDemand } from './replay-oracle';
import { oraclePolicy, type KnownDemand } from '../worker/domain/replay/oracle';
import { promotionWindows } from '../worker/domain/forecast/promotion-effect';
import type { Product } from '../worker/domain/types';

interface Args {
  tenant: string;
  demand?: string;
  dateCol: string;
  seriesCols: string[];
  qtyCol: string;
  shelfLife?: number;
  leadTime?: number;
  leadTimeSd: number;
  unitCost: number;
  caseSize: number;
  moq: number;
  minRemaining: number;
  start?: string;
  end?: string;
  review: number;
  seed: number;
  maxSeries: number;
  serviceLevel?: number;
  cells: number;
  holidays: boolean;
  oracle: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    tenant: 'sample_data',
    dateCol: 'date',
    seriesCols: ['sku'],
    qtyCol: 'quantity',
    leadTimeSd: 0,
    unitCost: 1,
    caseSize: 1,
    moq: 1,
    minRemaining: 0,
    review: 7,
    seed: 1,
    maxSeries: Infinity,
    cells: 0,
    holidays: false,
    oracle: false,
    json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      const x = argv[++i];
      if (x === undefined) fail(`${k} needs a value`);
      return x;
    };
    const num = () => {
      const x = Number(v());
      if (!Number.isFinite(x) || x < 0) fail(`${k} must be a non-negative number`);
      return x;
    };
    if (k === '--tenant') a.tenant = v();
    else if (k === '--demand') a.demand = v();
    else if (k === '--date-col') a.dateCol = v();
    else if (k === '--series-cols')
      a.seriesCols = v()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (k === '--qty-col') a.qtyCol = v();
    else if (k === '--shelf-life') a.shelfLife = num();
    else if (k === '--lead-time') a.leadTime = num();
    else if (k === '--lead-time-sd') a.leadTimeSd = num();
    else if (k === '--unit-cost') a.unitCost = num();
    else if (k === '--case-size') a.caseSize = num();
    else if (k === '--moq') a.moq = num();
    else if (k === '--min-remaining') a.minRemaining = num();
    else if (k === '--start') a.start = v();
    else if (k === '--end') a.end = v();
    else if (k === '--review') a.review = num();
    else if (k === '--seed') a.seed = num();
    else if (k === '--max-series') a.maxSeries = num();
    else if (k === '--service-level') {
      a.serviceLevel = num();
      if (a.serviceLevel <= 0.5 || a.serviceLevel >= 1) fail('--service-level must be between 0.5 and 1 (e.g. 0.98)');
    } else if (k === '--cells') {
      a.cells = num();
      if (!Number.isInteger(a.cells)) fail('--cells must be a whole number');
    } else if (k === '--holidays') a.holidays = true;
    else if (k === '--oracle') a.oracle = true;
    else if (k === '--json') a.json = true;
    else fail(`unknown option ${k}`);
  }
  if (a.demand !== undefined) {
    if (!existsSync(a.demand)) fail(`file not found: ${a.demand}`);
    if (a.shelfLife === undefined || a.leadTime === undefined) fail('--demand needs --shelf-life and --lead-time (days)');
  } else if (!existsSync(join(a.tenant, 'products.csv')) || !existsSync(join(a.tenant, 'orders.csv')))
    fail(`${a.tenant} must hold products.csv and orders.csv (the API's CSV exports)`);
  if (a.oracle && a.demand !== undefined) fail('--oracle needs the demo tenant (its generating process is known), not --demand');
  if (!Number.isInteger(a.review) || a.review < 1) fail('--review must be a whole number of days ≥ 1');
  return a;
}

function fail(msg: string): never {
  process.stderr.write(`replay: ${msg}\n`);
  process.exit(2);
}

function subset(products: Product[], lines: ReplayLine[], max: number): { products: Product[]; lines: ReplayLine[] } {
  if (!(max < products.length)) return { products, lines };
  const stride = Math.ceil(products.length / max);
  const keep = new Set(products.filter((_, i) => i % stride === 0).map((p) => p.sku));
  return { products: products.filter((p) => keep.has(p.sku)), lines: lines.filter((l) => keep.has(l.sku)) };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const a = parseArgs(process.argv.slice(2));
  const loaded = a.demand
    ? await loadDemand({ ...a, file: a.demand, shelfLife: a.shelfLife!, leadTime: a.leadTime! })
    : await loadTenant(a.tenant);
  const { products, lines } = subset(loaded.products, loaded.lines, a.maxSeries);
  let known: Map<string, KnownDemand> | undefined;
  if (a.oracle) {
    try {
      known = demoKnownDemand(loaded);
    } catch (e) {
      fail((e as Error).message);
    }
  }
  // A tenant's promotions (promotions.csv beside its exports): Lotwise forecasts with them.
  const promotions = new Map([...loaded.promotions].map(([sku, list]) => [sku, promotionWindows(list)] as const));
  if (lines.length === 0) fail('no order lines');
  let first = Infinity;
  let last = -Infinity;
  for (const l of lines) {
    if (l.day < first) first = l.day;
    if (l.day > last) last = l.day;
  }
  const startDay = a.start ? toDay(a.start) : first + 365;
  const endDay = a.end ? toDay(a.end) : last;
  if (startDay - first < 365) fail(`the replay needs a year of history before its start (first order ${fromDay(first)})`);
  if (endDay < startDay) fail(`nothing to replay: start ${fromDay(startDay)} is after the last order ${fromDay(endDay)}`);
  const input: ReplayInput = { products, lines, startDay, endDay, reviewPeriodDays: a.review, seed: a.seed };
  const loadSeconds = (performance.now() - t0) / 1000;
  let shown = -1;
  const tty = process.stderr.isTTY === true;
  const step = tty ? 1 : 10;
  const byCell = new Map<string, CellRow>();
  const result = runReplay(
    input,
    (cells) => [
      ...defaultPolicies(cells, input, {
        serviceLevel: a.serviceLevel,
        ...(a.holidays ? { holidays: holidayWindows(KOREAN_FOOD_HOLIDAYS, first, endDay) } : {}),
        ...(promotions.size ? { promotions } : {}),
      }),
      ...(known
        ? [oraclePolicy(cells, startDay, (sku, warehouse) => known.get(`${sku}\u0000${warehouse}`), { serviceLevel: a.serviceLevel })]
        : []),
    ],
    (done, total, policy) => {
      const pct = Math.floor((100 * done) / total / step) * step;
      if (pct !== shown) {
        shown = pct;
        const s = ((performance.now() - t0) / 1000).toFixed(0);
        process.stderr.write(tty ? `\rreplay ${pct}% (${policy}, ${s} s)   ` : `replay ${pct}% (${policy}, ${s} s)\n`);
      }
    },
    a.cells > 0 ? (cell, policy, t) => collectCell(byCell, cell.product.sku, cell.warehouse, endDay - startDay + 1, policy, t) : undefined,
  );
  if (process.stderr.isTTY) process.stderr.write('\n');
  const seconds = (performance.now() - t0) / 1000;
  const worst = a.cells > 0 ? worstCells([...byCell.values()], a.cells) : undefined;
  if (a.json) {
    process.stdout.write(
      `${JSON.stringify({ ...summaryHead(result, products.length), seconds: round(seconds, 2), policies: result.policies, ...(worst ? { cells: worst } : {}) })}\n`,
    );
    return;
  }
  print(result, products.length, seconds, loadSeconds, a.review);
  if (worst) printCells(worst);
}

/** One SKU–warehouse under each policy: units lost (by cause), expired value, average stock value. */
interface CellRow {
  sku: string;
  warehouse: string;
  demandUnits: number;
  policies: Record<
    string,
    {
      lost: number;
      late: number;
      shortDated: number;
      shortOrdered: number;
      expiredValue: number;
      averageInventoryValue: number;
      orders: number;
    }
  >;
}

function collectCell(into: Map<string, CellRow>, sku: string, warehouse: string, days: number, policy: string, t: CellTotals): void {
  const key = `${sku}\u0000${warehouse}`;
  let row = into.get(key);
  if (!row) into.set(key, (row = { sku, warehouse, demandUnits: t.demandUnits, policies: {} }));
  row.policies[policy] = {
    lost: t.demandUnits - t.shippedUnits,
    late: t.lostLateUnits,
    shortDated: t.lostShortDatedUnits,
    shortOrdered: t.lostShortOrderedUnits,
    expiredValue: t.expiredValue,
    averageInventoryValue: days > 0 ? t.inventoryValueDays / days : 0,
    orders: t.orders,
  };
}

/** The n cells where Lotwise loses most units, and the n where its stock exceeds min/max's most. */
function worstCells(rows: CellRow[], n: number): { lost: CellRow[]; inventory: CellRow[] } {
  const lw = (r: CellRow) => r.policies.lotwise;
  const mm = (r: CellRow) => r.policies.minMax;
  const withBoth = rows.filter((r) => lw(r) && mm(r));
  const lost = [...withBoth].sort((x, y) => lw(y).lost - lw(x).lost).slice(0, n);
  const extra = (r: CellRow) => lw(r).averageInventoryValue - mm(r).averageInventoryValue;
  const inventory = [...withBoth].sort((x, y) => extra(y) - extra(x)).slice(0, n);
  return { lost, inventory };
}

function printCells(w: { lost: CellRow[]; inventory: CellRow[] }): void {
  const line = (r: CellRow) => {
    const l = r.policies.lotwise;
    const m = r.policies.minMax;
    return `  ${`${r.sku} ${r.warehouse}`.padEnd(22)} demand ${r.demandUnits.toFixed(0).padStart(7)}  lotwise lost ${l.lost.toFixed(0).padStart(6)} (late ${l.late.toFixed(0)}, short-dated ${l.shortDated.toFixed(0)}, too little ${l.shortOrdered.toFixed(0)}) expired ${l.expiredValue.toFixed(0).padStart(6)} stock ${l.averageInventoryValue.toFixed(0).padStart(7)}  |  minMax lost ${m.lost.toFixed(0).padStart(6)} expired ${m.expiredValue.toFixed(0).padStart(6)} stock ${m.averageInventoryValue.toFixed(0).padStart(7)}`;
  };
  console.log('\ncells where Lotwise loses most units:');
  for (const r of w.lost) console.log(line(r));
  console.log('\ncells where Lotwise holds most stock above min/max (average value):');
  for (const r of w.inventory) console.log(line(r));
}

function summaryHead(r: ReplayResult, skus: number) {
  return { start: fromDay(r.startDay), end: fromDay(r.endDay), days: r.days, skus, cells: r.cells };
}

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

function print(r: ReplayResult, skus: number, seconds: number, loadSeconds: number, review: number): void {
  const names = Object.keys(r.policies);
  const base = r.policies.minMax;
  const cols: { head: string; get: (m: ReplayResult['policies'][string]) => number; d: number }[] = [
    { head: 'fill%', get: (m) => m.fillRate, d: 2 },
    { head: 'line fill%', get: (m) => m.lineFillRate, d: 2 },
    { head: 'stock-out days', get: (m) => m.stockoutDays, d: 0 },
    { head: 'expired units', get: (m) => m.expiredUnits, d: 0 },
    { head: 'expired value', get: (m) => m.expiredValue, d: 0 },
    { head: 'avg inventory value', get: (m) => m.averageInventoryValue, d: 0 },
    { head: 'orders', get: (m) => m.orders, d: 0 },
  ];
  const rows: string[][] = [];
  for (const n of names) rows.push([n, ...cols.map((c) => c.get(r.policies[n]).toFixed(c.d))]);
  if (base)
    for (const n of names)
      rows.push([
        `${n} / minMax`,
        ...cols.map((c) => {
          const b = c.get(base);
          return b > 0 ? (c.get(r.policies[n]) / b).toFixed(2) : 'n/a';
        }),
      ]);
  const head = ['policy', ...cols.map((c) => c.head)];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i].length)));
  const line = (x: string[]) => x.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(
    `replay ${fromDay(r.startDay)} … ${fromDay(r.endDay)} (${r.days} days), ${skus} SKUs in ${r.cells} SKU–warehouse cells, review every ${review} days; ${seconds.toFixed(1)} s (${loadSeconds.toFixed(1)} s reading files)`,
  );
  console.log(line(head));
  for (const x of rows) console.log(line(x));
  if (r.policies.oracle)
    console.log(
      "oracle: the engine's ordering fed the generator's own expected demand, with no level error (no forecast can know it): what perfect forecasting would reach",
    );
  for (const n of names) {
    const m = r.policies[n];
    const out = m.shippedUnits + m.expiredUnits + m.endOnHandUnits;
    const into = m.initialUnits + m.receivedUnits;
    console.log(
      `${n}: units in ${into} (initial ${m.initialUnits} + received ${m.receivedUnits}) = shipped ${m.shippedUnits} + expired ${m.expiredUnits} + on hand ${m.endOnHandUnits}${Math.abs(into - out) > 1e-6 ? '  ✗ MISMATCH' : ''}; on order at the end ${m.onOrderUnits}`,
    );
  }
  for (const n of names) {
    const x = r.policies[n].lostUnits;
    console.log(
      `${n}: units lost ${(r.policies[n].demandUnits - r.policies[n].shippedUnits).toFixed(0)} = late order ${x.late.toFixed(0)} + too short-dated ${x.shortDated.toFixed(0)} + ordered too little or too late ${x.shortOrdered.toFixed(0)}`,
    );
  }
  for (const n of ['lotwise', 'oracle']) {
    const lw = r.policies[n];
    if (!lw || !base) continue;
    const ok = (b: boolean) => (b ? 'yes' : 'no');
    console.log(
      `goal: ${n} fill ≥ 98 %: ${ok(lw.fillRate >= 98)} (${lw.fillRate.toFixed(2)} %); expired value ≤ ½ minMax: ${ok(
        lw.expiredValue <= 0.5 * base.expiredValue,
      )} (${(base.expiredValue > 0 ? lw.expiredValue / base.expiredValue : 0).toFixed(2)}×); average inventory ≤ minMax: ${ok(
        lw.averageInventoryValue <= base.averageInventoryValue,
      )} (${(lw.averageInventoryValue / Math.max(1e-9, base.averageInventoryValue)).toFixed(2)}×)`,
    );
  }
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
