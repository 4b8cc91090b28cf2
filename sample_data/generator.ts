/**
 * Seeded, deterministic sample-data generator for Lotwise.
 *
 * `generateTenant({ seed, anchorDate, profile })` returns plain rows whose keys are exactly the
 * import-template columns (see `ENTITY_COLUMNS`). It is a pure function: no I/O, no clock, no
 * locale — only a seeded PRNG (mulberry32) — so the same seed + anchor + profile give the same
 * rows (and, through `toCsv`, byte-identical CSV) in Node and in workerd alike.
 *
 * The generation model (seasonality, trends, promotions, intermittency, expiry mix) is
 * documented in docs/sample-data.md.
 */
import type { CatalogItem, CategorySpec, CustomerSpec, DemandPattern, SeasonTags, SupplierSpec, WarehouseSpec } from './catalog';
import {
  clamp,
  holidaysFor,
  isoOfDay,
  parseIsoDay,
  round1,
  round2,
  seasonalMultiplier,
  mergeSeason,
  weekdayOf,
  weekIndexOf,
  isClosureDay,
} from './calendar';
import { CHANNELS, chooseCadence, PROFILES, type Cadence, type ChannelConfig } from './profiles';
import { fnv1a, Rng } from './rng';
import type {
  CustomerRow,
  CustomerTruth,
  GenerateOptions,
  GenerationTruth,
  InboundShipmentRow,
  InventoryLotRow,
  LotStatus,
  ShipmentStatus,
  OrderLineRow,
  ProductRow,
  StockScenario,
  TenantData,
} from './rows';

export * from './rows';
export { PROFILE_NAMES } from './profiles';
export { Rng } from './rng';
export { csvField, tenantToCsv, toCsv } from './csv';

/* ============================================================================================ */
/* Internal working structures                                                                  */
/* ============================================================================================ */

interface Sku {
  idx: number;
  item: CatalogItem;
  cat: CategorySpec;
  supplier: SupplierSpec;
  row: ProductRow;
  pattern: DemandPattern;
  base: number;
  trend: number;
  launchIdx: number | null;
  season: SeasonTags;
  promos: { start: number; end: number; lift: number }[];
  /** Demand multiplier per history day index. */
  mult: Float64Array;
  slow: boolean;
  chilled: boolean;
  scenario: StockScenario;
  carriers: number[];
}

interface Cust {
  idx: number;
  row: CustomerRow;
  cfg: ChannelConfig;
  cadence: Cadence;
  phase: number;
  size: number;
  caseBuyer: boolean;
  first: number;
  last: number;
  lifecycle: CustomerTruth['lifecycle'];
  /** sku index → base units/day for this customer. */
  rates: Map<number, number>;
  orderDays: number[];
  weekday: number[];
}

interface LotWork {
  sku: Sku;
  wh: WarehouseSpec;
  pairPos: number;
  age: number;
  remainingAtReceipt: number;
  quantity: number;
  status: LotStatus;
  forced: boolean;
}

/* ============================================================================================ */
/* Generator                                                                                    */
/* ============================================================================================ */

export function generateTenant(opts: GenerateOptions): TenantData {
  return generateTenantDetailed(opts).data;
}

export function generateTenantDetailed(opts: GenerateOptions): {
  data: TenantData;
  truth: GenerationTruth;
} {
  if (!Number.isFinite(opts.seed)) throw new Error('seed must be a finite number');
  const spec = PROFILES[opts.profile];
  if (!spec) throw new Error(`unknown profile "${String(opts.profile)}"`);
  const seed = Math.trunc(opts.seed);
  const anchor = parseIsoDay(opts.anchorDate);
  const H = spec.historyDays;
  const start = anchor - H; // day index 0
  const rngFor = (label: string): Rng => new Rng(fnv1a(`${seed}|${spec.id}|${label}`));

  /* ---------------- products ---------------- */
  const rngP = rngFor('products');
  const catCounters: Record<string, number> = {};
  const skus: Sku[] = spec.catalog.map((item, idx) => {
    const cat = spec.categories[item.cat];
    const supplier = spec.suppliers[item.supplier];
    if (!cat || !supplier) throw new Error(`catalog item "${item.name}" has an unknown category/supplier`);
    catCounters[item.cat] = (catCounters[item.cat] ?? 0) + 1;
    const sku = spec.skuId(item.cat, catCounters[item.cat]);
    const lead = clamp(supplier.leadTimeDays + (supplier.imported ? rngP.int(-3, 3) : rngP.int(-1, 2)), 3, 45);
    const leadSd = Math.max(0.3, round1(supplier.leadTimeSdDays * rngP.uniform(0.8, 1.25)));
    const markup = rngP.uniform(cat.markup[0], cat.markup[1]) * (item.fs ? 0.7 : 1);
    const vel = item.vel ?? 1;
    const moqCases = supplier.imported
      ? item.caseSize === 1
        ? rngP.pick([5, 8, 10])
        : vel >= 1.5
          ? rngP.pick([40, 50, 60])
          : rngP.pick([10, 20, 25, 30])
      : item.caseSize === 1
        ? rngP.pick([2, 3, 5])
        : rngP.pick([2, 3, 5, 8, 10]);
    const shelf = item.shelfLifeDays;
    let minRemain: number;
    if (shelf <= 45) minRemain = Math.max(3, Math.round(shelf * rngP.uniform(0.25, 0.35)));
    else if (shelf <= 130) minRemain = Math.round((shelf * rngP.uniform(0.28, 0.36)) / 5) * 5;
    else minRemain = rngP.pick([60, 90, 90, 120].filter((d) => d <= shelf / 2.5).concat([60]));
    const row: ProductRow = {
      sku,
      name: item.name,
      category: cat.label,
      case_size: item.caseSize,
      shelf_life_days: shelf,
      unit_cost: round2(item.unitCost),
      unit_price: round2(item.unitCost * (1 + markup)),
      lead_time_days: lead,
      moq: moqCases * item.caseSize,
      supplier: supplier.name,
      lead_time_sd_days: leadSd,
      min_remaining_shelf_life_days: minRemain,
      safety_stock: '',
      reorder_point: '',
    };
    const pattern = item.pattern ?? 'steady';
    return {
      idx,
      item,
      cat,
      supplier,
      row,
      pattern,
      base: 0,
      trend: 0,
      launchIdx: null,
      season: mergeSeason(spec.defaultSeason, item.season),
      promos: [],
      mult: new Float64Array(H),
      slow: pattern === 'slow_mover',
      chilled: cat.chilled === true,
      scenario: 'healthy',
      carriers: [],
    };
  });

  /* ---------------- demand model per SKU ---------------- */
  const rngD = rngFor('demand');
  const hol = holidaysFor(start, anchor);
  for (const s of skus) {
    const vel = s.item.vel ?? 1;
    s.base = s.slow ? rngD.uniform(0.25, 1.1) : s.cat.baseDaily * vel * rngD.lognormal(0, 0.3);
    switch (s.pattern) {
      case 'growing':
        s.trend = rngD.uniform(0.35, 0.9);
        break;
      case 'declining':
        s.trend = rngD.uniform(-0.45, -0.25);
        break;
      case 'new_launch':
        s.trend = rngD.uniform(0.1, 0.3);
        s.launchIdx = Math.max(0, H - rngD.int(spec.launchDaysAgo[0], spec.launchDaysAgo[1]));
        break;
      case 'slow_mover':
        s.trend = clamp(rngD.normal(0, 0.05), -0.1, 0.1);
        break;
      default:
        s.trend = clamp(rngD.normal(0.02, 0.05), -0.1, 0.15);
    }
    s.trend = Math.round(s.trend * 1000) / 1000;
    if (!s.slow && !s.item.fs) {
      const n = Math.min(5, rngD.poisson((spec.promosPerYear * H) / 365));
      for (let i = 0, tries = 0; i < n && tries < 30; tries++) {
        const startIdx = rngD.int(0, Math.max(0, H - 8));
        const end = Math.min(H - 1, startIdx + rngD.int(7, 14) - 1);
        const clash = s.promos.some((p) => startIdx <= p.end + 10 && end + 10 >= p.start);
        if (clash) continue;
        s.promos.push({ start: startIdx, end, lift: round2(rngD.uniform(1.6, 2.8)) });
        i++;
      }
      s.promos.sort((a, b) => a.start - b.start);
    }
    const g = Math.log(1 + s.trend);
    for (let t = 0; t < H; t++) {
      const day = start + t;
      let m = Math.exp((g * (t - (H - 1))) / 365) * seasonalMultiplier(day, s.season, hol);
      if (s.launchIdx !== null) {
        if (t < s.launchIdx) m = 0;
        else if (t < s.launchIdx + 45) m *= (t - s.launchIdx + 1) / 45;
      }
      for (const p of s.promos) {
        if (t >= p.start && t <= p.end) m *= p.lift;
        else if (t > p.end && t <= p.end + 7) m *= 0.8;
      }
      s.mult[t] = m;
    }
  }

  /* ---------------- customers ---------------- */
  const rngC = rngFor('customers');
  const custSpecs = rngC.shuffle(spec.customers.slice());
  // Spread each channel across regions in proportion to the warehouse weights.
  const regionFor = new Map<CustomerSpec, WarehouseSpec>();
  const channels = Array.from(new Set(custSpecs.map((c) => c.channel)));
  let regionOffset = 0;
  for (const ch of channels) {
    const group = custSpecs.filter((c) => c.channel === ch);
    group.forEach((c, j) => {
      const x = ((j + 0.5) / group.length + regionOffset) % 1;
      let acc = 0;
      let chosen = spec.warehouses[spec.warehouses.length - 1];
      for (const w of spec.warehouses) {
        acc += w.customerWeight;
        if (x < acc) {
          chosen = w;
          break;
        }
      }
      regionFor.set(c, chosen);
    });
    regionOffset += 0.37;
  }
  const customers: Cust[] = custSpecs.map((c, idx) => {
    const cfg = CHANNELS[c.channel];
    const cadence = chooseCadence(c.channel, rngC);
    const wsum = cfg.weekday.reduce((a, b) => a + b, 0);
    return {
      idx,
      row: {
        customer_id: spec.customerId(idx + 1),
        name: c.name,
        region: (regionFor.get(c) ?? spec.warehouses[0]).region,
        channel: c.channel,
      },
      cfg,
      cadence,
      phase: rngC.int(0, 1),
      size: cfg.size * rngC.lognormal(0, 0.45),
      caseBuyer: rngC.chance(cfg.caseBuyerShare),
      first: 0,
      last: H - 1,
      lifecycle: 'active',
      rates: new Map(),
      orderDays: [],
      weekday: cfg.weekday.map((w) => (w * 7) / wsum),
    };
  });
  // Lifecycle events: onboarded mid-history, churned, lapsing (missed recent cycles).
  {
    const pool = rngC.shuffle(customers.filter((c) => c.row.channel !== 'ecommerce'));
    let k = 0;
    for (let i = 0; i < spec.lifecycle.onboarded && k < pool.length; i++, k++) {
      pool[k].lifecycle = 'onboarded';
      pool[k].first = rngC.int(Math.round(H * 0.3), Math.round(H * 0.7));
    }
    for (let i = 0; i < spec.lifecycle.churned && k < pool.length; i++, k++) {
      pool[k].lifecycle = 'churned';
      pool[k].last = H - 1 - rngC.int(60, 90);
    }
    for (let i = 0; i < spec.lifecycle.lapsing && k < pool.length; k++) {
      if (pool[k].cadence.period !== 1) continue;
      pool[k].lifecycle = 'lapsing';
      pool[k].last = H - 1 - rngC.int(22, 32);
      i++;
    }
  }

  /* ---------------- assortments and per-customer rates ---------------- */
  const affinityOf = (c: Cust, s: Sku): number => {
    const a = spec.affinity[c.row.channel][s.item.cat] ?? 0;
    if (s.item.fs) {
      if (c.row.channel === 'foodservice') return 3;
      if (c.row.channel === 'asian_grocer') return 0.15 * a;
      return 0;
    }
    return a;
  };
  const nSku = skus.length;
  for (const c of customers) {
    const eligible = skus.map((s) => (s.slow ? 0 : affinityOf(c, s) * Math.sqrt(s.base)));
    const positive = eligible.filter((w) => w > 0).length;
    const want = Math.round(rngC.uniform(c.cfg.assortment[0], c.cfg.assortment[1]) * nSku);
    const n = Math.min(positive, Math.max(c.cfg.minAssortment, want));
    for (const i of rngC.sampleWeighted(eligible, n)) skus[i].carriers.push(c.idx);
  }
  for (const s of skus) {
    const weightsFor = (filter: (c: Cust) => boolean): number[] =>
      customers.map((c) => (filter(c) && !s.carriers.includes(c.idx) ? affinityOf(c, s) : 0));
    if (s.slow) {
      // Slow movers: a handful of small buyers only.
      const w = weightsFor((c) => c.row.channel !== 'grocery_chain');
      const n = Math.min(nSku > 20 ? rngC.int(2, 4) : rngC.int(1, 2), w.filter((x) => x > 0).length);
      for (const i of rngC.sampleWeighted(w, n)) s.carriers.push(i);
    }
    const minCarriers = s.item.fs || s.slow ? 1 : 2;
    if (s.carriers.length < minCarriers) {
      const w = weightsFor(() => true);
      for (const i of rngC.sampleWeighted(w, minCarriers - s.carriers.length)) s.carriers.push(i);
    }
    s.carriers.sort((a, b) => a - b);
    const shares = s.carriers.map((ci) => {
      const c = customers[ci];
      const size = s.slow ? Math.pow(c.size, 0.3) : c.size;
      return size * Math.max(0.05, affinityOf(c, s)) * rngC.uniform(0.5, 1.5);
    });
    const total = shares.reduce((a, b) => a + b, 0);
    s.carriers.forEach((ci, j) => customers[ci].rates.set(s.idx, (s.base * shares[j]) / total));
  }

  /* ---------------- order calendars ---------------- */
  const rngO = rngFor('orders');
  for (const c of customers) {
    const days = new Set<number>();
    const daily = c.cadence.days.length >= 5;
    for (let t = c.first; t <= c.last; t++) {
      const day = start + t;
      if (!c.cadence.days.includes(weekdayOf(day))) continue;
      if (c.cadence.period === 2 && weekIndexOf(day) % 2 !== c.phase) continue;
      if (rngO.chance(c.cfg.skip)) continue;
      let tt = t;
      if (!daily && rngO.chance(0.04)) tt += rngO.chance(0.5) ? 1 : -1;
      if (c.row.channel !== 'ecommerce') {
        while (isClosureDay(start + tt)) tt++;
      } else if (isClosureDay(start + tt) && !daily) {
        tt++;
      }
      if (tt < c.first || tt > c.last) continue;
      days.add(tt);
    }
    c.orderDays = Array.from(days).sort((a, b) => a - b);
  }

  /* ---------------- orders ---------------- */
  const events: { t: number; c: Cust; prev: number }[] = [];
  for (const c of customers) {
    const typical = Math.max(1, Math.round((7 * c.cadence.period) / c.cadence.days.length));
    c.orderDays.forEach((t, j) => events.push({ t, c, prev: j === 0 ? t - typical : c.orderDays[j - 1] }));
  }
  events.sort((a, b) => a.t - b.t || a.c.idx - b.c.idx);
  const orderRows: OrderLineRow[] = [];
  let orderSeq = 0;
  for (const ev of events) {
    const { c, t } = ev;
    const scale = rngO.lognormal(0, 0.12);
    const lines: { s: Sku; q: number }[] = [];
    for (const [si, rate] of c.rates) {
      const s = skus[si];
      let acc = 0;
      for (let u = Math.max(0, ev.prev + 1); u <= t; u++) {
        acc += s.mult[u] * c.weekday[weekdayOf(start + u)];
      }
      if (ev.prev + 1 < 0) acc += -(ev.prev + 1) * s.mult[0];
      const mu = rate * acc * scale;
      if (mu <= 0) continue;
      const shape = s.slow ? 0.8 : c.cfg.shape;
      const lambda = rngO.gamma(shape, mu / shape);
      let q: number;
      if (c.caseBuyer && s.row.case_size > 1) {
        const x = lambda / s.row.case_size;
        const whole = Math.floor(x);
        q = (whole + (rngO.next() < x - whole ? 1 : 0)) * s.row.case_size;
      } else {
        q = rngO.poisson(lambda);
      }
      if (q > 0) lines.push({ s, q });
    }
    if (lines.length === 0) continue;
    orderSeq++;
    const orderId = spec.orderId(orderSeq);
    const date = isoOfDay(start + t);
    lines.sort((a, b) => (a.s.row.sku < b.s.row.sku ? -1 : a.s.row.sku > b.s.row.sku ? 1 : 0));
    for (const l of lines) {
      orderRows.push({ order_id: orderId, customer_id: c.row.customer_id, order_date: date, sku: l.s.row.sku, quantity: l.q });
    }
  }

  // Sales anomalies: a few one-off bulk lines.
  const anomalies: GenerationTruth['anomalies'] = [];
  {
    const slowSkus = new Set(skus.filter((s) => s.slow).map((s) => s.row.sku));
    const recentFrom = isoOfDay(anchor - Math.min(H, 365));
    const candidates = orderRows.filter((r) => !slowSkus.has(r.sku) && r.order_date >= recentFrom);
    const used = new Set<string>();
    for (let i = 0, tries = 0; i < spec.anomalies && candidates.length > 0 && tries < 100; tries++) {
      const r = rngO.pick(candidates);
      if (used.has(r.sku)) continue;
      used.add(r.sku);
      const factor = rngO.int(6, 12);
      r.quantity *= factor;
      anomalies.push({ order_id: r.order_id, sku: r.sku, order_date: r.order_date, factor });
      i++;
    }
    anomalies.sort((a, b) => (a.order_date < b.order_date ? -1 : a.order_date > b.order_date ? 1 : 0));
  }

  /* ---------------- recent demand (last 91 days) per SKU and warehouse ---------------- */
  const RECENT = Math.min(91, H);
  const recentFrom = isoOfDay(anchor - RECENT);
  const whIndex = new Map(spec.warehouses.map((w, i) => [w.region, i]));
  const custRegion = new Map(customers.map((c) => [c.row.customer_id, whIndex.get(c.row.region) ?? 0]));
  const skuBySku = new Map(skus.map((s) => [s.row.sku, s]));
  const recent = skus.map(() => new Float64Array(spec.warehouses.length));
  for (const r of orderRows) {
    if (r.order_date < recentFrom) continue;
    const s = skuBySku.get(r.sku);
    if (s) recent[s.idx][custRegion.get(r.customer_id) ?? 0] += r.quantity / RECENT;
  }
  const dailyTotal = (s: Sku): number => recent[s.idx].reduce((a, b) => a + b, 0);

  /* ---------------- optional safety-stock / reorder-point overrides ---------------- */
  const rngX = rngFor('overrides');
  {
    const pool = rngX.shuffle(skus.filter((s) => !s.slow && dailyTotal(s) > 0.5));
    const nSafety = Math.max(1, Math.round(nSku * 0.07));
    const nRop = Math.max(1, Math.round(nSku * 0.045));
    pool.forEach((s, i) => {
      const d = dailyTotal(s);
      const cs = s.row.case_size;
      const ss = Math.max(cs, Math.ceil((d * rngX.uniform(5, 12)) / cs) * cs);
      if (i < nSafety) s.row.safety_stock = ss;
      if (i >= nSafety - 2 && i < nSafety - 2 + nRop) {
        const rop = d * (s.row.lead_time_days + rngX.uniform(5, 10));
        s.row.reorder_point = Math.max(cs, Math.ceil(rop / cs) * cs) + (s.row.safety_stock === '' ? 0 : ss);
      }
    });
  }

  /* ---------------- stock scenarios ---------------- */
  const rngL = rngFor('lots');
  {
    const stockoutPool = rngL.shuffle(
      skus.filter((s) => !s.slow && !s.chilled && !s.item.fs && s.pattern !== 'new_launch' && s.supplier.imported && dailyTotal(s) > 1),
    );
    const stockout = new Set(stockoutPool.slice(0, spec.stockoutSkus));
    for (const s of skus) {
      if (stockout.has(s)) s.scenario = 'stockout';
      else if (s.pattern === 'declining' && rngL.chance(0.6)) s.scenario = 'overstock';
      else if (s.slow && rngL.chance(0.45)) s.scenario = 'overstock';
      else {
        const r = rngL.next();
        s.scenario = r < 0.14 ? 'low' : r < 0.22 ? 'overstock' : 'healthy';
      }
    }
  }

  /* ---------------- lots ---------------- */
  interface Pair {
    s: Sku;
    wh: WarehouseSpec;
    d: number;
    count: number;
    cap: number;
    cycle: number;
    quarantineOnly: boolean;
  }
  const pairs: Pair[] = [];
  const stockoutSkus = skus.filter((s) => s.scenario === 'stockout');
  const quarantineOnlySku = stockoutSkus.length > 0 ? stockoutSkus[stockoutSkus.length - 1] : null;
  for (const s of skus) {
    const cycleMid = (s.cat.cycle[0] + s.cat.cycle[1]) / 2;
    const cap = s.chilled ? clamp(Math.floor((s.row.shelf_life_days * 0.6) / cycleMid), 1, 4) : 6;
    const mk = (w: number, quarantineOnly = false): Pair => ({
      s,
      wh: spec.warehouses[w],
      d: recent[s.idx][w],
      count: 1,
      cap: quarantineOnly ? 1 : cap,
      cycle: rngL.uniform(s.cat.cycle[0], s.cat.cycle[1]) * (s.slow ? 3 : 1),
      quarantineOnly,
    });
    if (s.scenario === 'stockout') {
      if (s === quarantineOnlySku) pairs.push(mk(0, true));
      continue;
    }
    const total = dailyTotal(s);
    const ws = spec.warehouses.map((_, w) => w).filter((w) => total > 0 && recent[s.idx][w] / total >= 0.07);
    if (ws.length === 0) ws.push(0);
    for (const w of ws) pairs.push(mk(w));
  }
  // Too many pairs for the lot budget: drop the smallest secondary pairs.
  while (pairs.length > spec.lotCount) {
    let worst = -1;
    for (let i = 0; i < pairs.length; i++) {
      const p = pairs[i];
      if (pairs.filter((q) => q.s === p.s).length < 2) continue;
      if (worst < 0 || p.d < pairs[worst].d) worst = i;
    }
    if (worst < 0) break;
    pairs.splice(worst, 1);
  }
  {
    let remaining = spec.lotCount - pairs.length;
    const scenarioWeight: Record<StockScenario, number> = { healthy: 1, overstock: 1.6, low: 0.5, stockout: 0 };
    while (remaining > 0) {
      let best = -1;
      let bestScore = 0;
      for (let i = 0; i < pairs.length; i++) {
        const p = pairs[i];
        if (p.count >= p.cap) continue;
        const score =
          (Math.sqrt(p.d + 0.2) * scenarioWeight[p.s.scenario] * (p.s.row.shelf_life_days >= 120 ? 1 : 0.7)) / Math.pow(p.count, 1.3);
        if (score > bestScore) {
          bestScore = score;
          best = i;
        }
      }
      if (best < 0) break;
      pairs[best].count++;
      remaining--;
    }
  }

  const lots: LotWork[] = [];
  for (const p of pairs) {
    const s = p.s;
    const shelf = s.row.shelf_life_days;
    let cover: number;
    if (s.chilled && shelf < 60) {
      cover = s.scenario === 'overstock' ? rngL.uniform(12, 24) : s.scenario === 'low' ? rngL.uniform(1, 3) : rngL.uniform(4, 10);
    } else {
      cover =
        s.scenario === 'overstock'
          ? rngL.uniform(80, 200)
          : s.scenario === 'low'
            ? rngL.uniform(3, 10)
            : Math.min(rngL.uniform(20, 55), shelf * 0.5);
    }
    let q = p.d * cover * rngL.uniform(0.8, 1.2);
    if (s.slow && s.scenario !== 'low') q = Math.max(q, (s.row.moq * rngL.uniform(0.2, 0.7)) / Math.max(1, p.count));
    q = Math.max(q, s.row.case_size * p.count);
    const weights: number[] = [];
    for (let i = 0; i < p.count; i++) weights.push(i === 0 ? 1 : Math.pow(0.55, i) * rngL.uniform(0.6, 1.2));
    const wsum = weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < p.count; i++) {
      const rar = Math.round(shelf * (s.supplier.imported ? rngL.uniform(0.65, 0.9) : rngL.uniform(0.85, 0.97)));
      let age = Math.round(i * p.cycle + rngL.uniform(1, p.cycle));
      if (rar - age < 1) age = Math.max(1, rar - rngL.int(1, Math.min(5, Math.max(1, rar - 1))));
      const share = (q * weights[i]) / wsum;
      const quantity =
        i === 0 ? Math.max(s.row.case_size, Math.ceil(share / s.row.case_size) * s.row.case_size) : Math.max(1, Math.round(share));
      lots.push({
        sku: s,
        wh: p.wh,
        pairPos: i,
        age,
        remainingAtReceipt: rar,
        quantity,
        status: p.quarantineOnly ? 'quarantine' : 'available',
        forced: false,
      });
    }
  }

  // Expiry mix: force some lots to be expired / close to expiry (on top of the natural
  // near-expiry of short-shelf-life goods).
  {
    const N = lots.length;
    const remainingOf = (l: LotWork): number => l.remainingAtReceipt - l.age;
    const pool = rngL
      .shuffle(lots.filter((l) => !l.sku.chilled && remainingOf(l) > 30 && l.status === 'available'))
      .sort((a, b) => b.pairPos - a.pairPos); // oldest lots of a pair first (stable after shuffle)
    let k = 0;
    const force = (count: number, lo: number, hi: number, shrink: boolean): void => {
      for (let i = 0; i < count && k < pool.length; i++, k++) {
        const l = pool[k];
        const rem = rngL.int(lo, hi);
        if (l.remainingAtReceipt - rem < 1) l.remainingAtReceipt = rem + rngL.int(1, 10);
        l.remainingAtReceipt = Math.min(l.remainingAtReceipt, l.sku.row.shelf_life_days);
        l.age = l.remainingAtReceipt - rem;
        l.forced = true;
        if (shrink) l.quantity = Math.max(1, Math.round(l.quantity * rngL.uniform(0.1, 0.5)));
      }
    };
    force(Math.max(1, Math.round(N * 0.045)), -45, -1, true);
    force(Math.max(1, Math.round(N * 0.04)), 0, 14, false);
    force(Math.max(1, Math.round(N * 0.045)), 15, 30, false);

    // Quarantine holds: mostly temperature-sensitive lots received recently.
    const holdsTotal = spec.quarantineLots;
    const recentCold = rngL.shuffle(
      lots.filter((l) => l.status === 'available' && l.age <= 14 && (l.sku.chilled || l.sku.item.cat === 'FRZ')),
    );
    const others = rngL.shuffle(lots.filter((l) => l.status === 'available' && !recentCold.includes(l)));
    const nCold = Math.min(recentCold.length, Math.ceil(holdsTotal * 0.6));
    for (const l of recentCold.slice(0, nCold)) l.status = 'quarantine';
    for (const l of others.slice(0, holdsTotal - nCold)) l.status = 'quarantine';
  }

  // Lot ids in receipt order.
  lots.sort(
    (a, b) =>
      b.age - a.age ||
      (a.wh.code < b.wh.code ? -1 : a.wh.code > b.wh.code ? 1 : 0) ||
      (a.sku.row.sku < b.sku.row.sku ? -1 : a.sku.row.sku > b.sku.row.sku ? 1 : 0) ||
      a.pairPos - b.pairPos,
  );
  const lotRows: InventoryLotRow[] = lots.map((l, i) => {
    const received = anchor - l.age;
    const costDrift = 1 - Math.min(0.05, (l.age / 365) * 0.03);
    return {
      lot_id: spec.lotId(received, i + 1),
      sku: l.sku.row.sku,
      warehouse: l.wh.code,
      quantity_on_hand: l.quantity,
      received_date: isoOfDay(received),
      expiration_date: isoOfDay(received + l.remainingAtReceipt),
      unit_cost: round2(l.sku.row.unit_cost * costDrift * (1 + rngL.normal(0, 0.02))),
      status: l.status,
    };
  });
  lotRows.sort(
    (a, b) =>
      (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0) ||
      (a.warehouse < b.warehouse ? -1 : a.warehouse > b.warehouse ? 1 : 0) ||
      (a.expiration_date < b.expiration_date ? -1 : a.expiration_date > b.expiration_date ? 1 : 0) ||
      (a.lot_id < b.lot_id ? -1 : 1),
  );

  /* ---------------- inbound shipments ---------------- */
  const rngS = rngFor('shipments');
  const shipmentRows: InboundShipmentRow[] = [];
  {
    const N = spec.shipmentCount;
    const chosen: Sku[] = [];
    const add = (list: Sku[]): void => {
      for (const s of list) if (chosen.length < N && !chosen.includes(s)) chosen.push(s);
    };
    add(skus.filter((s) => s.scenario === 'stockout'));
    add(rngS.shuffle(skus.filter((s) => s.scenario === 'low')).slice(0, Math.ceil(N * 0.55)));
    const rest = skus.filter((s) => !chosen.includes(s) && !s.slow && s.scenario !== 'overstock');
    const picks = rngS.sampleWeighted(
      rest.map((s) => Math.sqrt(dailyTotal(s) + 0.1)),
      N,
    );
    add(picks.map((i) => rest[i]));
    add(skus);
    // A couple of high-volume SKUs get a second (later) shipment.
    const doubles = chosen
      .slice()
      .sort((a, b) => dailyTotal(b) - dailyTotal(a))
      .slice(0, N >= 10 ? 2 : 0);
    const list = chosen.slice(0, N - doubles.length).concat(doubles);

    const nArrived = Math.round(N * 0.12);
    const nDelayed = Math.max(1, Math.round(N * 0.12));
    const nPlanned = Math.round(N * 0.32);
    const statuses: ShipmentStatus[] = [];
    for (let i = 0; i < nArrived; i++) statuses.push('arrived');
    for (let i = 0; i < nDelayed; i++) statuses.push('delayed');
    for (let i = 0; i < nPlanned; i++) statuses.push('planned');
    while (statuses.length < list.length) statuses.push('in_transit');
    rngS.shuffle(statuses);
    // Stock-outs (first in the list) wait for a delayed or an in-transit shipment.
    list.forEach((s, i) => {
      if (s.scenario !== 'stockout') return;
      const want: ShipmentStatus = i === 0 ? 'delayed' : 'in_transit';
      const j = statuses.indexOf(want, i);
      if (j > i) [statuses[i], statuses[j]] = [statuses[j], statuses[i]];
    });
    // The second shipment of a doubled SKU is always planned (further out).
    const seen = new Set<Sku>();
    const work = list.map((s, i) => {
      const second = seen.has(s);
      seen.add(s);
      return { s, status: second ? ('planned' as ShipmentStatus) : statuses[i], second };
    });
    const rows = work.map(({ s, status, second }) => {
      const imp = s.supplier.imported;
      let eta: number;
      switch (status) {
        case 'arrived':
          eta = anchor - rngS.int(1, 5);
          break;
        case 'delayed':
          eta = anchor - rngS.int(1, 6);
          break;
        case 'in_transit':
          eta = anchor + (imp ? rngS.int(2, 30) : rngS.int(1, 6));
          break;
        case 'planned':
          eta = anchor + (imp ? rngS.int(second ? 30 : 18, 42) : rngS.int(7, 16));
          break;
      }
      const d = Math.max(dailyTotal(s), s.base * 0.5);
      const cs = s.row.case_size;
      const want = d * rngS.uniform(25, 60) * (s.scenario === 'stockout' ? 1.5 : 1);
      const quantity = Math.max(s.row.moq, Math.ceil(want / cs) * cs);
      return { sku: s.row.sku, quantity, eta, origin: s.supplier.origin, status };
    });
    rows.sort((a, b) => a.eta - b.eta || (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
    rows.forEach((r, i) =>
      shipmentRows.push({
        shipment_id: spec.shipmentId(i + 1),
        sku: r.sku,
        quantity: r.quantity,
        eta_date: isoOfDay(r.eta),
        origin: r.origin,
        status: r.status,
      }),
    );
  }

  /* ---------------- assemble ---------------- */
  const customerRows = customers.map((c) => c.row).sort((a, b) => (a.customer_id < b.customer_id ? -1 : 1));
  const data: TenantData = {
    warehouses: spec.warehouses.map((w) => ({ code: w.code, name: w.name, region: w.region })),
    products: skus.map((s) => s.row),
    lots: lotRows,
    customers: customerRows,
    orders: orderRows,
    inboundShipments: shipmentRows,
  };

  const firstLast = new Map<string, { first: string; last: string }>();
  for (const r of orderRows) {
    const fl = firstLast.get(r.customer_id);
    if (!fl) firstLast.set(r.customer_id, { first: r.order_date, last: r.order_date });
    else fl.last = r.order_date;
  }
  const truth: GenerationTruth = {
    profile: spec.id,
    seed,
    anchorDate: opts.anchorDate,
    historyStart: isoOfDay(start),
    historyEnd: isoOfDay(anchor - 1),
    skus: skus.map((s) => ({
      sku: s.row.sku,
      pattern: s.pattern,
      baseDailyUnits: round2(s.base),
      trendPerYear: s.trend,
      ...(s.launchIdx !== null ? { launchDate: isoOfDay(start + s.launchIdx) } : {}),
      season: s.season,
      promotions: s.promos.map((p) => ({ start: isoOfDay(start + p.start), end: isoOfDay(start + p.end), lift: p.lift })),
      stockScenario: s.scenario,
      customerIds: s.carriers.map((ci) => customers[ci].row.customer_id),
    })),
    customers: customers
      .map((c) => ({
        customer_id: c.row.customer_id,
        cadence: c.cadence.label,
        orderWeekdays: c.cadence.days.slice(),
        periodWeeks: c.cadence.period,
        lifecycle: c.lifecycle,
        firstOrderDate: firstLast.get(c.row.customer_id)?.first ?? null,
        lastOrderDate: firstLast.get(c.row.customer_id)?.last ?? null,
        buysFullCases: c.caseBuyer,
        skus: Array.from(c.rates.keys())
          .map((i) => skus[i].row.sku)
          .sort(),
      }))
      .sort((a, b) => (a.customer_id < b.customer_id ? -1 : 1)),
    anomalies,
  };
  return { data, truth };
}

/** Seed used for the committed files and by the product's start-up seeding. */
export const DEFAULT_SEED = 20261121;
/** Anchor ("today") of the committed sample files. */
export const DEFAULT_ANCHOR = '2026-11-21';
