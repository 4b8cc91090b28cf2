// Products: one row per catalog item with its supplier's lead time, a markup, MOQ and the
// customers' shelf-life rule; and the few planner overrides (safety stock, reorder point).
import { clamp, mergeSeason, round1, round2 } from './calendar';
import type { ProductRow } from './rows';
import type { GenContext, RecentDemand, Sku } from './work';

/** The SKUs of the profile's catalog, their product rows filled in (draws from the 'products' stream). */
export function makeProducts(ctx: GenContext): Sku[] {
  const { spec, H } = ctx;
  const rngP = ctx.rngFor('products');
  const catCounters: Record<string, number> = {};
  return spec.catalog.map((item, idx) => {
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
}

/**
 * Safety-stock and reorder-point overrides on a few selling SKUs, in whole cases from their recent
 * demand (draws from the 'overrides' stream).
 */
export function applyOverrides(ctx: GenContext, skus: Sku[], { dailyTotal }: RecentDemand): void {
  const nSku = skus.length;
  const rngX = ctx.rngFor('overrides');
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
}
