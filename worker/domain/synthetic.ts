import { fromDay, toDay } from './dates';
import { countInverse } from './forecast/quantiles';
import type { PlanInput } from './plan-types';
import { createRng, type Rng } from './random';
import type { InboundShipment, Lot, OrderLine, Product, StockAdjustment } from './types';

/**
 * Deterministic synthetic tenants for benchmarks, tests and demos: a mix of seasonal,
 * trending, intermittent, lumpy, new and dying SKUs with realistic lots and inbound.
 * Same options → same tenant.
 */
export type DemandKind = 'seasonal' | 'trending' | 'intermittent' | 'lumpy' | 'new' | 'dying';

const KINDS: ReadonlyArray<readonly [DemandKind, number]> = [
  ['seasonal', 0.45],
  ['trending', 0.1],
  ['intermittent', 0.25],
  ['lumpy', 0.1],
  ['new', 0.05],
  ['dying', 0.05],
];

function pick(rng: Rng): DemandKind {
  let u = rng.next();
  for (const [k, w] of KINDS) if ((u -= w) < 0) return k;
  return 'seasonal';
}

const between = (rng: Rng, a: number, b: number) => a + (b - a) * rng.next();

/** Daily demand of one SKU: level × weekday × annual wave × growth, with count noise. */
export function syntheticDemand(rng: Rng, kind: DemandKind, days: number, startDay: number): number[] {
  const level = Math.exp(between(rng, Math.log(2), Math.log(150)));
  const weekday = Array.from({ length: 7 }, (_, d) => (d === 0 ? between(rng, 0.3, 1) : between(rng, 0.8, 1.3)));
  const amp = between(rng, 0, 0.4);
  const phase = between(rng, 0, 2 * Math.PI);
  const growth = kind === 'trending' ? between(rng, 0.2, 0.6) : between(rng, -0.1, 0.15);
  const overdispersion = between(rng, 1, 2.5);
  const p = kind === 'intermittent' ? between(rng, 0.05, 0.35) : kind === 'lumpy' ? between(rng, 0.03, 0.2) : 1;
  const size = kind === 'lumpy' ? between(rng, 5, 40) : between(rng, 1, 6);
  const launch = kind === 'new' ? Math.floor(days * between(rng, 0.5, 0.85)) : 0;
  const out = new Array<number>(days).fill(0);
  for (let t = launch; t < days; t++) {
    const u = rng.next();
    const v = rng.next();
    if (p < 1) {
      if (u < p) out[t] = 1 + countInverse(v, size - 1, (size - 1) * (kind === 'lumpy' ? 4 : 1.5));
      continue;
    }
    const fade = kind === 'dying' ? Math.max(0, 1 - t / (days * 0.9)) : 1;
    const season = 1 + amp * Math.sin((2 * Math.PI * t) / 365.25 + phase);
    const mu = level * weekday[(startDay + t + 4) % 7] * season * Math.exp((growth * t) / 365) * fade;
    out[t] = countInverse(v, mu, mu * overdispersion);
  }
  return out;
}

export interface SyntheticOptions {
  skus: number;
  days: number;
  asOf: string;
  seed?: number;
  warehouses?: number;
  customers?: number;
}

export function syntheticTenant(o: SyntheticOptions): PlanInput {
  const rng = createRng(o.seed ?? 1);
  const today = toDay(o.asOf);
  const start = today - o.days;
  const warehouses = Array.from({ length: o.warehouses ?? 3 }, (_, i) => `WH-${i + 1}`);
  const products: Product[] = [];
  const lots: Lot[] = [];
  const inbound: InboundShipment[] = [];
  const demand: PlanInput['demand'][number][] = [];
  const orders: OrderLine[] = [];
  const adjustments: StockAdjustment[] = [];
  for (let k = 0; k < o.skus; k++) {
    const sku = `SKU-${String(k + 1).padStart(5, '0')}`;
    const values = syntheticDemand(rng, pick(rng), o.days, start);
    demand.push({ sku, startDate: fromDay(start), values });
    const shelf = Math.round(between(rng, 30, 540));
    const caseSize = [6, 12, 24, 48][Math.floor(rng.next() * 4)];
    const cost = Math.round(between(rng, 1, 40) * 100) / 100;
    const lead = Math.round(between(rng, 3, 40));
    products.push({
      sku,
      name: `Product ${k + 1}`,
      shelfLifeDays: shelf,
      caseSize,
      moq: caseSize * Math.ceil(between(rng, 1, 10)),
      leadTimeDays: lead,
      leadTimeSdDays: Math.round(lead * between(rng, 0, 0.3) * 10) / 10,
      unitCost: cost,
      unitPrice: Math.round(cost * between(rng, 1.2, 2) * 100) / 100,
      minRemainingShelfLifeDays: Math.round(shelf * between(rng, 0.1, 0.4)),
    });
    const recent = values.slice(-28).reduce((a, b) => a + b, 0) / 28;
    const nLots = 1 + Math.floor(rng.next() * 7);
    for (let j = 0; j < nLots; j++) {
      const received = today - Math.floor(between(rng, 0, shelf * 0.9));
      const r = rng.next();
      lots.push({
        lotId: `L-${k + 1}-${j + 1}`,
        sku,
        warehouse: warehouses[Math.floor(rng.next() * warehouses.length)],
        quantityOnHand: Math.max(1, Math.round(recent * between(rng, 3, 40))),
        receivedDate: fromDay(received),
        expirationDate: fromDay(r < 0.03 ? today - 1 : received + shelf),
        unitCost: cost,
        status: r > 0.97 ? 'quarantine' : 'available',
      });
    }
    if (rng.next() < 0.3)
      inbound.push({
        id: `IN-${k + 1}`,
        sku,
        quantity: caseSize * Math.ceil(between(rng, 2, 40)),
        etaDate: fromDay(today + Math.round(between(rng, 1, 30))),
        status: 'in_transit',
      });
    if (rng.next() < 0.1)
      adjustments.push({
        id: `ADJ-${k + 1}`,
        sku,
        date: fromDay(today - Math.floor(between(rng, 1, 90))),
        quantity: -Math.ceil(between(rng, 1, 20)),
      });
    const customers = o.customers ?? 50;
    for (let t = Math.max(0, o.days - 180); t < o.days; t++) {
      if (values[t] > 0)
        orders.push({ customerId: `C-${1 + Math.floor(rng.next() * customers)}`, sku, orderDate: fromDay(start + t), quantity: values[t] });
    }
  }
  return { products, lots, inbound, demand, orders, adjustments };
}

/** One order line of the synthetic spare-parts set. */
export interface SparePartLine {
  orderDate: string;
  sku: string;
  quantity: number;
}

/**
 * Deterministic monthly intermittent demand of spare parts (the kind of data the car-parts set
 * of Hyndman et al. 2008 holds): each part is ordered in a month with probability p (0.08–0.6),
 * in 1–2 order lines of a negative-binomial size (mean 1–9); a third of the parts are ageing —
 * p decays with a time constant of 2–5 years, as parts of models that leave the road do.
 * Lines fall on random days of the month. Same arguments → same lines, sorted by date.
 */
export function sparePartsDemand(o: { parts: number; months: number; start: string; seed?: number }): SparePartLine[] {
  const rng = createRng(o.seed ?? 7);
  const [y0, m0] = fromDay(toDay(o.start)).split('-').map(Number);
  const out: SparePartLine[] = [];
  for (let k = 0; k < o.parts; k++) {
    const sku = `SP-${String(k + 1).padStart(4, '0')}`;
    const p = between(rng, 0.08, 0.6);
    const size = between(rng, 1, 9);
    const tau = rng.next() < 1 / 3 ? between(rng, 24, 60) : Infinity;
    for (let t = 0; t < o.months; t++) {
      const u = rng.next();
      const lines = rng.next() < 0.3 ? 2 : 1;
      if (u >= p * Math.exp(-t / tau)) continue;
      const y = y0 + Math.floor((m0 - 1 + t) / 12);
      const m = ((m0 - 1 + t) % 12) + 1;
      const len = daysInMonth(y, m);
      for (let l = 0; l < lines; l++) {
        const day = 1 + Math.floor(rng.next() * len);
        const q = 1 + countInverse(rng.next(), size - 1, 2 * Math.max(size - 1, 0.01));
        out.push({ orderDate: `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`, sku, quantity: q });
      }
    }
  }
  return out.sort((a, b) => (a.orderDate < b.orderDate ? -1 : a.orderDate > b.orderDate ? 1 : a.sku < b.sku ? -1 : 1));
}

function daysInMonth(y: number, m: number): number {
  return toDay(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`) - toDay(`${y}-${String(m).padStart(2, '0')}-01`);
}

/** One SKU's promotion in a synthetic promoted-demand set (dates inclusive). */
export interface SyntheticPromotion {
  promotionId: string;
  sku: string;
  startDate: string;
  endDate: string;
}

/**
 * A deterministic daily demand set with promotions, for `npm run backtest -- --promotions`:
 * `skus` SKUs over `days` days from `start`, each with a level of 5–60 a day, a weekday pattern
 * (half of them closed at weekends), an annual season of up to ±30 % and negative binomial
 * noise (variance 1.5 × mean). Three in four SKUs run 4–8 promotions a year of 3–14 days; each
 * such SKU has its own lift (1.0–3.0×: some do not respond) and after-dip in the following week
 * (0.6–1.0×). Promotions are listed over the whole span, so the last ones are "planned" for a
 * holdout. Returns order lines (one per SKU and selling day) and the promotions.
 */
export function promotedDemand(o: { skus: number; days: number; start: string; seed?: number }): {
  lines: SparePartLine[];
  promotions: SyntheticPromotion[];
} {
  const rng = createRng(o.seed ?? 11);
  const start = toDay(o.start);
  const lines: SparePartLine[] = [];
  const promotions: SyntheticPromotion[] = [];
  for (let k = 0; k < o.skus; k++) {
    const sku = `PR-${String(k + 1).padStart(4, '0')}`;
    const level = between(rng, 5, 60);
    const closedWeekends = rng.next() < 0.5;
    const amplitude = between(rng, 0, 0.3);
    const phase = between(rng, 0, 2 * Math.PI);
    const promoted = rng.next() < 0.75;
    const lift = between(rng, 1, 3);
    const dip = between(rng, 0.6, 1);
    const factor = new Float64Array(o.days).fill(1);
    if (promoted) {
      const perYear = 4 + Math.floor(rng.next() * 5);
      let d = Math.floor(between(rng, 20, 365 / perYear));
      let n = 0;
      while (d < o.days) {
        const len = 3 + Math.floor(rng.next() * 12);
        for (let i = d; i < Math.min(o.days, d + len); i++) factor[i] = lift;
        for (let i = d + len; i < Math.min(o.days, d + len + 7); i++) if (factor[i] === 1) factor[i] = dip;
        promotions.push({ promotionId: `${sku}-P${++n}`, sku, startDate: fromDay(start + d), endDate: fromDay(start + d + len - 1) });
        d += len + 7 + Math.floor(between(rng, 0.5, 1.5) * (365 / perYear));
      }
    }
    for (let i = 0; i < o.days; i++) {
      const day = start + i;
      const dow = (((day + 4) % 7) + 7) % 7;
      if (closedWeekends && (dow === 0 || dow === 6)) continue;
      const season = 1 + amplitude * Math.sin((2 * Math.PI * i) / 365.25 + phase);
      const m = level * season * factor[i];
      const q = countInverse(rng.next(), m, 1.5 * m);
      if (q > 0) lines.push({ orderDate: fromDay(day), sku, quantity: q });
    }
  }
  lines.sort((a, b) => (a.orderDate < b.orderDate ? -1 : a.orderDate > b.orderDate ? 1 : a.sku < b.sku ? -1 : 1));
  return { lines, promotions };
}
