// Customers: each spec spread over the regions, its channel's cadence and size, lifecycle events
// (onboarded, churned, lapsing), its assortment and its base rate for each SKU it buys.
import type { CustomerSpec, WarehouseSpec } from './catalog';
import { CHANNELS, chooseCadence } from './profiles';
import type { Cust, GenContext, Sku } from './work';

/** The customers, with `skus[i].carriers` filled in (draws from the 'customers' stream). */
export function makeCustomers(ctx: GenContext, skus: Sku[]): Cust[] {
  const { spec, H } = ctx;
  const rngC = ctx.rngFor('customers');
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
  return customers;
}
