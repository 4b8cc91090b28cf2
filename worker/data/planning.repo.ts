// Loads a tenant's data into the planning engine's plain types. The engine never sees the database.
import { and, eq, gt, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import { chunk, type Db } from './db';
import { customers, inboundShipments, lots, movementLines, movements, orderLines, products, promotions, warehouses } from './schema';
import { addDays } from '../domain/dates';
import { keyFold } from '../lib/keys';
import { dailyDemandFrom, toInbound, toLot, toProduct, type StockLedger } from './planning.map';
import type {
  Customer,
  DailyDemand,
  InboundShipment,
  Lot,
  OrderLine,
  Product,
  Promotion,
  StockAdjustment,
  Warehouse,
} from '../domain/types';

/** Days of order history the forecasts learn from: three years covers yearly seasonality twice. */
export const HISTORY_DAYS = 3 * 365;

/** D1 binds at most 100 parameters a statement: a SKU list is queried in parts of this size. */
const SKUS_PER_QUERY = 90;

/** Runs a query once, or once per part of a SKU list, and concatenates the rows. */
async function perSkuPart<T>(skus: string[] | undefined, run: (part?: string[]) => Promise<T[]>): Promise<T[]> {
  if (!skus) return run();
  const out: T[] = [];
  for (const part of chunk([...new Set(skus)], SKUS_PER_QUERY)) out.push(...(await run(part)));
  return out;
}

// Each planning input has one query, narrowed by a condition on its own table (`where`): a SKU,
// a part of a SKU list, or a refresh chunk's SKU range (refresh.repo.ts). The loaders below and
// the chunked refresh read the same rows the same way.

/** Products not archived, narrowed by `where` (a condition on `products`). */
export async function selectProducts(db: Db, tenantId: string, where?: SQL): Promise<Product[]> {
  const rows = await db
    .select()
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.archived, false), where));
  return rows.map(toProduct);
}

/** Lots not archived, narrowed by `where` (a condition on `lots`). */
export async function selectLots(db: Db, tenantId: string, where?: SQL): Promise<Lot[]> {
  const rows = await db
    .select()
    .from(lots)
    .where(and(eq(lots.tenantId, tenantId), ne(lots.status, 'archived'), where));
  return rows.map(toLot);
}

/** Shipment lines not cancelled as the engine's inbound as of `asOf`, narrowed by `where` (on `inbound_shipments`). */
export async function selectInbound(db: Db, tenantId: string, asOf: string, where?: SQL): Promise<InboundShipment[]> {
  const rows = await db
    .select()
    .from(inboundShipments)
    .where(and(eq(inboundShipments.tenantId, tenantId), ne(inboundShipments.status, 'cancelled'), where));
  return rows.map((r) => toInbound(r, asOf));
}

/** Units ordered per SKU and day over the history window before `asOf` (rows for dailyDemandFrom), narrowed by `where`. */
export function selectDemandRows(db: Db, tenantId: string, asOf: string, where?: SQL) {
  return db
    .select({ sku: orderLines.sku, day: orderLines.orderDate, qty: sql<number>`sum(${orderLines.quantity})` })
    .from(orderLines)
    .where(
      and(
        eq(orderLines.tenantId, tenantId),
        ne(orderLines.status, 'cancelled'),
        gte(orderLines.orderDate, addDays(asOf, -HISTORY_DAYS)),
        sql`${orderLines.orderDate} < ${asOf}`,
        where,
      ),
    )
    .groupBy(orderLines.sku, orderLines.orderDate);
}

/**
 * Each SKU's stock ledger over the history window before `asOf`: units on hand now (lots not
 * archived, all warehouses) and the net movement per day (receipts +, shipments and write-offs −;
 * a MOVE nets to zero), which planning.map.ts: stockOutFlags reads backwards to find the days
 * that began without stock. Days are the UTC date of `movements.created_at` (as for
 * adjustments). Narrowed by `lotsWhere` (on `lots`) and `movementsWhere` (on `movements`).
 * A SKU with lots but no movement in the window has an empty ledger (never flagged).
 */
export async function selectLedgers(
  db: Db,
  tenantId: string,
  asOf: string,
  lotsWhere?: SQL,
  movementsWhere?: SQL,
): Promise<Map<string, StockLedger>> {
  const day = sql<string>`substr(${movements.createdAt}, 1, 10)`;
  const [stock, deltas] = await Promise.all([
    db
      .select({ sku: lots.sku, onHand: sql<number>`sum(${lots.quantityOnHand})` })
      .from(lots)
      .where(and(eq(lots.tenantId, tenantId), ne(lots.status, 'archived'), lotsWhere))
      .groupBy(lots.sku),
    db
      .select({ sku: movements.sku, day, delta: sql<number>`sum(${movementLines.delta})` })
      .from(movements)
      .innerJoin(movementLines, and(eq(movementLines.movementId, movements.id), eq(movementLines.tenantId, movements.tenantId)))
      .where(and(eq(movements.tenantId, tenantId), gte(movements.createdAt, addDays(asOf, -HISTORY_DAYS)), movementsWhere))
      .groupBy(movements.sku, day),
  ]);
  const out = new Map<string, { onHand: number; deltas: { day: string; delta: number }[] }>();
  const ledger = (sku: string) => {
    let l = out.get(sku);
    if (!l) out.set(sku, (l = { onHand: 0, deltas: [] }));
    return l;
  };
  for (const r of stock) ledger(r.sku).onHand = Number(r.onHand) || 0;
  for (const r of deltas) ledger(r.sku).deltas.push({ day: r.day, delta: Number(r.delta) || 0 });
  return out;
}

/** Order lines not cancelled from `since` on, narrowed by `where` (a condition on `order_lines`). */
export async function selectOrderLines(db: Db, tenantId: string, since: string, where?: SQL): Promise<OrderLine[]> {
  return await db
    .select({
      orderId: orderLines.orderId,
      customerId: orderLines.customerId,
      sku: orderLines.sku,
      orderDate: orderLines.orderDate,
      quantity: orderLines.quantity,
      warehouse: orderLines.warehouse,
    })
    .from(orderLines)
    .where(and(eq(orderLines.tenantId, tenantId), ne(orderLines.status, 'cancelled'), gte(orderLines.orderDate, since), where));
}

/** ADJUST and WRITE_OFF movements from `since` on (signed per line), narrowed by `where` (a condition on `movements`). */
export async function selectAdjustments(db: Db, tenantId: string, since: string, where?: SQL): Promise<StockAdjustment[]> {
  const rows = await db
    .select({
      id: movements.id,
      sku: movements.sku,
      at: movements.createdAt,
      reason: movements.reason,
      warehouse: movementLines.warehouse,
      delta: movementLines.delta,
    })
    .from(movements)
    .innerJoin(movementLines, eq(movementLines.movementId, movements.id))
    .where(and(eq(movements.tenantId, tenantId), inArray(movements.type, ['ADJUST', 'WRITE_OFF']), gte(movements.createdAt, since), where));
  return rows.map((r) => ({ id: r.id, sku: r.sku, warehouse: r.warehouse, date: r.at.slice(0, 10), quantity: r.delta, reason: r.reason }));
}

/**
 * Promotions that end within the history window before `asOf` or later (past ones teach the lift,
 * planned ones raise the forecast), narrowed by `where` (a condition on `promotions`).
 */
export async function selectPromotions(db: Db, tenantId: string, asOf: string, where?: SQL): Promise<Promotion[]> {
  return await db
    .select({ sku: promotions.sku, startDate: promotions.startDate, endDate: promotions.endDate })
    .from(promotions)
    .where(and(eq(promotions.tenantId, tenantId), gte(promotions.endDate, addDays(asOf, -HISTORY_DAYS)), where));
}

/** One SKU's promotions that overlap [from, to] (ISO dates), first first: what its forecast chart shows. */
export async function skuPromotions(db: Db, tenantId: string, sku: string, from: string, to: string) {
  return await db
    .select({
      promotionId: promotions.promotionId,
      name: promotions.name,
      startDate: promotions.startDate,
      endDate: promotions.endDate,
      discountPct: promotions.discountPct,
    })
    .from(promotions)
    .where(and(eq(promotions.tenantId, tenantId), eq(promotions.sku, sku), gte(promotions.endDate, from), lte(promotions.startDate, to)))
    .orderBy(promotions.startDate, promotions.promotionId);
}

/** The promotions of the given SKUs (all SKUs without a list) as selectPromotions reads them. */
export async function loadPromotions(db: Db, tenantId: string, asOf: string, skus?: string[]): Promise<Promotion[]> {
  return perSkuPart(skus, (part) => selectPromotions(db, tenantId, asOf, part ? inArray(promotions.sku, part) : undefined));
}

export async function loadProducts(db: Db, tenantId: string, skus?: string[]): Promise<Product[]> {
  return perSkuPart(skus, (part) => selectProducts(db, tenantId, part ? inArray(products.sku, part) : undefined));
}

export async function loadLots(db: Db, tenantId: string, filter: { sku?: string; warehouse?: string } = {}): Promise<Lot[]> {
  return selectLots(
    db,
    tenantId,
    and(filter.sku ? eq(lots.sku, filter.sku) : undefined, filter.warehouse ? eq(lots.warehouse, filter.warehouse) : undefined),
  );
}

export const loadInbound = (db: Db, tenantId: string, asOf: string): Promise<InboundShipment[]> => selectInbound(db, tenantId, asOf);

/**
 * Daily units ordered per SKU over the history window ending the day before `asOf` (missing
 * days are 0), each with its stock-out flags from the ledger (selectLedgers): a day that began
 * without stock and sold nothing is censored demand, not zero.
 */
export async function loadDailyDemand(db: Db, tenantId: string, asOf: string, skus?: string[]): Promise<DailyDemand[]> {
  const [rows, ledgers] = await Promise.all([
    perSkuPart(skus, (part) => selectDemandRows(db, tenantId, asOf, part ? inArray(orderLines.sku, part) : undefined)),
    perSkuPart(skus, async (part) => [
      ...(await selectLedgers(
        db,
        tenantId,
        asOf,
        part ? inArray(lots.sku, part) : undefined,
        part ? inArray(movements.sku, part) : undefined,
      )),
    ]),
  ]);
  return dailyDemandFrom(rows, asOf, new Map(ledgers));
}

export async function loadOrderLines(
  db: Db,
  tenantId: string,
  since: string,
  filter: { sku?: string; customerId?: string } = {},
): Promise<OrderLine[]> {
  return selectOrderLines(
    db,
    tenantId,
    since,
    and(
      filter.sku ? eq(orderLines.sku, filter.sku) : undefined,
      filter.customerId ? eq(orderLines.customerId, filter.customerId) : undefined,
    ),
  );
}

/**
 * Units ordered per SKU by every customer from `since` to `until` (inclusive; cancelled lines and
 * non-positive quantities left out, as the buying cadence counts them), for the given SKUs.
 */
export async function skuUnitsOrdered(
  db: Db,
  tenantId: string,
  since: string,
  until: string,
  skus: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunk([...new Set(skus)], 90)) {
    const rows = await db
      .select({ sku: orderLines.sku, units: sql<number>`sum(${orderLines.quantity})` })
      .from(orderLines)
      .where(
        and(
          eq(orderLines.tenantId, tenantId),
          ne(orderLines.status, 'cancelled'),
          gte(orderLines.orderDate, since),
          lte(orderLines.orderDate, until),
          gt(orderLines.quantity, 0),
          inArray(orderLines.sku, part),
        ),
      )
      .groupBy(orderLines.sku);
    for (const r of rows) out.set(keyFold(r.sku), (out.get(keyFold(r.sku)) ?? 0) + Number(r.units));
  }
  return out;
}

/** ADJUST and WRITE_OFF movements (signed per line), for the adjustment anomaly check. */
export const loadAdjustments = (db: Db, tenantId: string, since: string): Promise<StockAdjustment[]> =>
  selectAdjustments(db, tenantId, since);

/** Customers' own shelf-life rules, assigned warehouses and regions (archived ones included: their history still counts). */
export async function loadCustomers(db: Db, tenantId: string): Promise<Customer[]> {
  const rows = await db
    .select({
      customerId: customers.customerId,
      minRemainingShelfLifeDays: customers.minRemainingShelfLifeDays,
      warehouse: customers.warehouse,
      region: customers.region,
    })
    .from(customers)
    .where(eq(customers.tenantId, tenantId));
  return rows.map((r) => ({ ...r, region: r.region || undefined }));
}

export async function loadWarehouses(db: Db, tenantId: string): Promise<Warehouse[]> {
  const rows = await db
    .select({ code: warehouses.code, region: warehouses.region })
    .from(warehouses)
    .where(eq(warehouses.tenantId, tenantId));
  return rows.map((r) => ({ code: r.code, region: r.region || undefined }));
}
