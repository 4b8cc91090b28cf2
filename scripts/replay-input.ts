/**
 * Reading replay inputs: a tenant's CSV exports (the import templates' columns) or a plain
 * demand CSV. Shared by scripts/replay.ts and bench/replay.ts.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { toDay } from '../worker/domain/dates';
import type { ReplayLine } from '../worker/domain/replay/types';
import type { Product } from '../worker/domain/types';

export interface DemandCsvOptions {
  file: string;
  dateCol: string;
  seriesCols: string[];
  qtyCol: string;
  shelfLife: number;
  leadTime: number;
  leadTimeSd: number;
  unitCost: number;
  caseSize: number;
  moq: number;
  minRemaining: number;
}

export class InputError extends Error {}

function fail(msg: string): never {
  throw new InputError(msg);
}

async function readCsv(file: string, onRow: (r: Record<string, string>, row: number) => void): Promise<void> {
  let row = 1;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<Record<string, string>>(createReadStream(file), {
      header: true,
      skipEmptyLines: true,
      transformHeader: (h) => h.trim().toLowerCase(),
      chunk(res) {
        for (const r of res.data) onRow(r, ++row);
      },
      complete: () => resolve(),
      error: (e: Error) => reject(e),
    });
  });
}

const skuKey = (s: string) => s.trim().toUpperCase();
const numOr = (x: string | undefined, fallback: number) =>
  x !== undefined && x.trim() !== '' && Number.isFinite(Number(x)) ? Number(x) : fallback;

/** What the replay reads: products, order lines, and each SKU's promotions (ISO dates, inclusive). */
export interface ReplayData {
  products: Product[];
  lines: ReplayLine[];
  promotions: Map<string, { startDate: string; endDate: string }[]>;
  /** The warehouse that serves each customer's order lines (customer_id → warehouse code). */
  customerWarehouse: Map<string, string>;
}

/**
 * A tenant's CSV exports (the import templates' columns). `promotions.csv`, when present, gives each
 * SKU's promotions, which Lotwise's forecasts use as the refresh does.
 */
export async function loadTenant(dir: string): Promise<ReplayData> {
  const products: Product[] = [];
  await readCsv(join(dir, 'products.csv'), (r) => {
    const shelfLifeDays = numOr(r.shelf_life_days, 0);
    if (!r.sku || shelfLifeDays <= 0) return;
    products.push({
      sku: skuKey(r.sku),
      name: r.name,
      category: r.category,
      shelfLifeDays,
      caseSize: numOr(r.case_size, 1),
      moq: numOr(r.moq, 0),
      leadTimeDays: numOr(r.lead_time_days, 7),
      leadTimeSdDays: numOr(r.lead_time_sd_days, 0),
      unitCost: numOr(r.unit_cost, 0),
      unitPrice: numOr(r.unit_price, 0),
      minRemainingShelfLifeDays: numOr(r.min_remaining_shelf_life_days, 0),
      // Planner overrides are left out: the replay measures the engine's own numbers.
    });
  });
  const regionToWarehouse = new Map<string, string>();
  const warehouses: string[] = [];
  if (existsSync(join(dir, 'warehouses.csv')))
    await readCsv(join(dir, 'warehouses.csv'), (r) => {
      if (!r.code) return;
      warehouses.push(r.code.trim());
      if (r.region && !regionToWarehouse.has(r.region.trim())) regionToWarehouse.set(r.region.trim(), r.code.trim());
    });
  const fallbackWarehouse = warehouses[0] ?? 'MAIN';
  const customers = new Map<string, { warehouse: string; minRemaining?: number }>();
  if (existsSync(join(dir, 'customers.csv')))
    await readCsv(join(dir, 'customers.csv'), (r) => {
      if (!r.customer_id) return;
      const warehouse = r.warehouse?.trim() || regionToWarehouse.get((r.region ?? '').trim()) || fallbackWarehouse;
      const min = numOr(r.min_remaining_shelf_life_days, Number.NaN);
      customers.set(r.customer_id.trim(), { warehouse, minRemaining: Number.isFinite(min) ? min : undefined });
    });
  const bySku = new Map(products.map((p) => [p.sku, p]));
  const lines: ReplayLine[] = [];
  await readCsv(join(dir, 'orders.csv'), (r, row) => {
    if ((r.status ?? '').trim() === 'cancelled') return;
    const p = bySku.get(skuKey(r.sku ?? ''));
    const q = Number(r.quantity);
    if (!p || !(q > 0)) return;
    let day: number;
    try {
      day = toDay((r.order_date ?? '').trim());
    } catch {
      fail(`orders.csv row ${row}: bad order_date ${JSON.stringify(r.order_date)}`);
    }
    const c = customers.get((r.customer_id ?? '').trim());
    lines.push({
      day,
      sku: p.sku,
      warehouse: r.warehouse?.trim() || c?.warehouse || fallbackWarehouse,
      quantity: q,
      minRemainingDays: c?.minRemaining ?? p.minRemainingShelfLifeDays,
    });
  });
  const promotions = new Map<string, { startDate: string; endDate: string }[]>();
  if (existsSync(join(dir, 'promotions.csv')))
    await readCsv(join(dir, 'promotions.csv'), (r, row) => {
      const sku = skuKey(r.sku ?? '');
      if (!bySku.has(sku)) return;
      const startDate = (r.start_date ?? '').trim();
      const endDate = (r.end_date ?? '').trim();
      try {
        if (toDay(endDate) < toDay(startDate)) throw new RangeError('ends before it starts');
      } catch (e) {
        fail(`promotions.csv row ${row}: ${(e as Error).message}`);
      }
      promotions.set(sku, [...(promotions.get(sku) ?? []), { startDate, endDate }]);
    });
  const customerWarehouse = new Map([...customers].map(([id, c]) => [id, c.warehouse] as const));
  return { products, lines, promotions, customerWarehouse };
}

/** A plain demand CSV: one series per key, the same shelf life and lead time for all. */
export async function loadDemand(a: DemandCsvOptions): Promise<ReplayData> {
  const products = new Map<string, Product>();
  const lines: ReplayLine[] = [];
  const dayCache = new Map<string, number>();
  await readCsv(a.file, (r, row) => {
    const ds = r[a.dateCol.toLowerCase()];
    const qs = r[a.qtyCol.toLowerCase()];
    const parts = a.seriesCols.map((c) => r[c.toLowerCase()]);
    if (ds === undefined || qs === undefined || parts.some((x) => x === undefined))
      fail(`row ${row}: missing ${a.dateCol}, ${a.qtyCol} or ${a.seriesCols.join(',')}`);
    let day = dayCache.get(ds);
    if (day === undefined) {
      try {
        day = toDay(ds.trim());
      } catch {
        fail(`row ${row}: bad date ${JSON.stringify(ds)}`);
      }
      dayCache.set(ds, day);
    }
    const sku = parts.join('|');
    if (!products.has(sku))
      products.set(sku, {
        sku,
        shelfLifeDays: a.shelfLife,
        caseSize: a.caseSize,
        moq: a.moq,
        leadTimeDays: a.leadTime,
        leadTimeSdDays: a.leadTimeSd,
        unitCost: a.unitCost,
        unitPrice: a.unitCost,
        minRemainingShelfLifeDays: a.minRemaining,
      });
    const q = Number(qs);
    if (q > 0) lines.push({ day, sku, warehouse: 'ALL', quantity: q, minRemainingDays: a.minRemaining });
  });
  return { products: [...products.values()], lines, promotions: new Map(), customerWarehouse: new Map() };
}
