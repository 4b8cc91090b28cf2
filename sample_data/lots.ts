// Lots: each SKU's stock scenario (healthy, low, overstock, stock-out), the lot budget spread over
// SKU-warehouse pairs, ages and quantities from recent demand, the expiry mix and quarantine holds.
import type { WarehouseSpec } from './catalog';
import { clamp, isoOfDay, round2 } from './calendar';
import type { InventoryLotRow, StockScenario } from './rows';
import type { GenContext, LotWork, RecentDemand, Sku } from './work';

/** Sets each SKU's stock scenario and returns its lots by SKU, warehouse and expiry (draws from the 'lots' stream). */
export function makeLots(ctx: GenContext, skus: Sku[], { recent, dailyTotal }: RecentDemand): InventoryLotRow[] {
  const { spec, anchor } = ctx;
  const rngL = ctx.rngFor('lots');
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
  return lotRows;
}
