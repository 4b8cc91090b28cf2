import { toDay } from './dates';
import type { Customer, IsoDate, Lot, OrderLine, Warehouse } from './types';

/**
 * Which warehouse each unit of a SKU's demand ships from, and so each warehouse's share of the
 * SKU's forecast (the SKU forecast is split by these shares; docs/planning.md). An order line
 * is assigned to, in order:
 * 1. the order's shipping warehouse (order_lines.warehouse) when the file named one;
 * 2. else the customer's assigned warehouse (customers.warehouse);
 * 3. else the only warehouse in the customer's region (warehouses.region = customers.region),
 *    when that warehouse holds or expects the SKU — a region says which warehouse is nearest,
 *    not which one stocks the SKU;
 * 4. else it is split: in proportion to the SKU's assigned units per warehouse, or, with none
 *    assigned, to its sellable stock per warehouse, or, with no stock either, equally over the
 *    warehouses that hold or expect the SKU (the tenant's first warehouse by code when none do).
 * Units are those of the last 365 days before asOf (not cancelled).
 */
export interface WarehouseDemand {
  /** Warehouse → share of the SKU's demand (0-1, summing to 1). */
  shares: Map<string, number>;
  /** Warehouse → customer → units, after the split (for shelf-life segments). */
  units: Map<string, Map<string, number>>;
  /** How the split was made, for explanations. */
  basis: 'orders' | 'stock' | 'even';
}

export function warehouseDemand(args: {
  lines: readonly OrderLine[];
  asOf: IsoDate;
  customers: ReadonlyMap<string, Customer>;
  regionWarehouse: ReadonlyMap<string, string>;
  lots: readonly Lot[];
  /** Warehouses that hold or expect the SKU (lots, inbound), sorted by code. */
  candidates: readonly string[];
  fallbackWarehouse: string;
}): WarehouseDemand {
  const today = toDay(args.asOf);
  const units = new Map<string, Map<string, number>>();
  const add = (w: string, c: string, q: number) => {
    const m = units.get(w) ?? new Map<string, number>();
    units.set(w, m);
    m.set(c, (m.get(c) ?? 0) + q);
  };
  const unassigned = new Map<string, number>();
  for (const o of args.lines) {
    const day = toDay(o.orderDate);
    if (day >= today || day < today - 365 || !(o.quantity > 0)) continue;
    const c = args.customers.get(o.customerId);
    const regional = c?.region ? args.regionWarehouse.get(c.region) : undefined;
    const w = o.warehouse || c?.warehouse || (regional && args.candidates.includes(regional) ? regional : undefined);
    if (w) add(w, o.customerId, o.quantity);
    else unassigned.set(o.customerId, (unassigned.get(o.customerId) ?? 0) + o.quantity);
  }
  let weights = new Map<string, number>();
  let basis: WarehouseDemand['basis'] = 'orders';
  for (const [w, m] of units)
    weights.set(
      w,
      [...m.values()].reduce((a, x) => a + x, 0),
    );
  if (sum(weights) <= 0) {
    weights = new Map();
    basis = 'stock';
    for (const l of args.lots)
      if (l.status === 'available' && l.quantityOnHand > 0) weights.set(l.warehouse, (weights.get(l.warehouse) ?? 0) + l.quantityOnHand);
    if (sum(weights) <= 0) {
      basis = 'even';
      const ws = args.candidates.length ? args.candidates : [args.fallbackWarehouse];
      weights = new Map(ws.map((w) => [w, 1]));
    }
  }
  const total = sum(weights);
  for (const [c, q] of unassigned) for (const [w, x] of weights) add(w, c, (q * x) / total);
  const shares = new Map<string, number>();
  const all = [...units.entries()].map(([w, m]) => [w, [...m.values()].reduce((a, x) => a + x, 0)] as const);
  const grand = all.reduce((a, [, x]) => a + x, 0);
  if (grand > 0) for (const [w, x] of all) shares.set(w, x / grand);
  else for (const [w, x] of weights) shares.set(w, x / total);
  return { shares, units, basis };
}

/** Region → warehouse code, for regions served by exactly one warehouse. */
export function regionWarehouses(warehouses: readonly Warehouse[]): Map<string, string> {
  const byRegion = new Map<string, string[]>();
  for (const w of warehouses) if (w.region) byRegion.set(w.region, [...(byRegion.get(w.region) ?? []), w.code]);
  return new Map([...byRegion.entries()].filter(([, ws]) => ws.length === 1).map(([r, ws]) => [r, ws[0]]));
}

function sum(m: ReadonlyMap<string, number>): number {
  let s = 0;
  for (const x of m.values()) s += x;
  return s;
}
