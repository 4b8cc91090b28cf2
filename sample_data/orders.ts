// Orders: each customer's order days from its cadence (holiday closures move them), one order per
// day with the units its SKUs' demand accumulated since its last order, and a few bulk anomalies.
import { isClosureDay, isoOfDay, weekdayOf, weekIndexOf } from './calendar';
import type { GenerationTruth, OrderLineRow } from './rows';
import type { Cust, GenContext, Sku } from './work';

/** Log-scale sd of an order's overall size (one draw per order, shared by its lines). */
const ORDER_SCALE_SD = 0.12;

/** Order lines in date order, and the anomalies planted in them (draws from the 'orders' stream). */
export function makeOrders(
  ctx: GenContext,
  skus: Sku[],
  customers: Cust[],
): {
  orderRows: OrderLineRow[];
  anomalies: GenerationTruth['anomalies'];
  expectedDailyUnits: number[];
  expectedBySkuCustomer: Map<string, Float64Array>;
} {
  const { spec, H, start, anchor } = ctx;
  const rngO = ctx.rngFor('orders');
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
  const expectedDailyUnits = new Array<number>(H).fill(0);
  // E[lognormal(0, σ)] = exp(σ²/2): an order's scale is 1 on the log scale, a little above 1 on average.
  const meanScale = Math.exp(ORDER_SCALE_SD ** 2 / 2);
  // Each customer's expected consumption per day while it buys (what its orders accumulate),
  // whatever day the orders fall on: the process without its dice.
  const expectedBySkuCustomer = new Map<string, Float64Array>();
  for (const c of customers)
    for (const [si, rate] of c.rates) {
      const s = skus[si];
      const e = new Float64Array(H);
      for (let u = Math.max(0, c.first); u <= Math.min(H - 1, c.last); u++)
        e[u] = rate * s.mult[u] * c.weekday[weekdayOf(start + u)] * meanScale;
      expectedBySkuCustomer.set(`${s.row.sku}\u0000${c.row.customer_id}`, e);
    }
  let orderSeq = 0;
  for (const ev of events) {
    const { c, t } = ev;
    const scale = rngO.lognormal(0, ORDER_SCALE_SD);
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
      // gamma(shape, mu/shape) then Poisson (or case rounding with the fraction's chance) has mean mu.
      if (t < H) expectedDailyUnits[t] += rate * acc * meanScale;
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
  return { orderRows, anomalies, expectedDailyUnits, expectedBySkuCustomer };
}
