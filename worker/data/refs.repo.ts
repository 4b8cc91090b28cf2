// Existence and reference checks shared by routes and importers.
import { and, eq, gt, inArray, notInArray, sql } from 'drizzle-orm';
import { chunk, type Db } from './db';
import { customers, inboundShipments, lots, movementLines, orderLines, products, warehouses } from './schema';
import type { FieldError } from '../lib/errors';
import { keyFold, type KeyIndex } from '../lib/keys';

/** The given keys that exist, by their comparison form → the stored spelling (keys ignore case). */
async function existing(db: Db, tenantId: string, kind: 'sku' | 'warehouse' | 'customer', keys: string[]): Promise<KeyIndex> {
  const found: KeyIndex = new Map();
  for (const part of chunk([...new Set(keys)], 90)) {
    const rows =
      kind === 'sku'
        ? await db
            .select({ k: products.sku })
            .from(products)
            .where(and(eq(products.tenantId, tenantId), inArray(products.sku, part)))
        : kind === 'warehouse'
          ? await db
              .select({ k: warehouses.code })
              .from(warehouses)
              .where(and(eq(warehouses.tenantId, tenantId), inArray(warehouses.code, part)))
          : await db
              .select({ k: customers.customerId })
              .from(customers)
              .where(and(eq(customers.tenantId, tenantId), inArray(customers.customerId, part)));
    rows.forEach((r) => found.set(keyFold(r.k), r.k));
  }
  return found;
}

export const existingSkus = (db: Db, tenantId: string, keys: string[]) => existing(db, tenantId, 'sku', keys);
export const existingWarehouses = (db: Db, tenantId: string, keys: string[]) => existing(db, tenantId, 'warehouse', keys);
export const existingCustomers = (db: Db, tenantId: string, keys: string[]) => existing(db, tenantId, 'customer', keys);

/** The stored spelling of a key that exists (keys ignore case), else undefined. */
export const storedKey = async (db: Db, tenantId: string, kind: 'sku' | 'warehouse' | 'customer', value: string) =>
  (await existing(db, tenantId, kind, [value])).get(keyFold(value));

/** The stored spelling of a lot number that exists in this tenant (keys ignore case), else undefined. */
export async function storedLotId(db: Db, tenantId: string, value: string): Promise<string | undefined> {
  const [r] = await db
    .select({ k: lots.lotId })
    .from(lots)
    .where(and(eq(lots.tenantId, tenantId), eq(lots.lotId, value)))
    .limit(1);
  return r?.k;
}

/** The stored spelling of a supplier the tenant has (a product's supplier or an inbound shipment's origin), compared as keys are. */
export async function storedSupplier(db: Db, tenantId: string, value: string): Promise<string | undefined> {
  const fold = keyFold(value);
  const [a, b] = await Promise.all([
    db.selectDistinct({ k: products.supplier }).from(products).where(eq(products.tenantId, tenantId)),
    db.selectDistinct({ k: inboundShipments.origin }).from(inboundShipments).where(eq(inboundShipments.tenantId, tenantId)),
  ]);
  return [...a, ...b].map((r) => r.k).find((k) => k && keyFold(k) === fold);
}

/** One 422 error per reference field whose value does not exist in this tenant. */
export async function missingRefs(
  db: Db,
  tenantId: string,
  refs: { sku?: unknown; warehouse?: unknown; customerId?: unknown },
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const check = async (field: string, value: unknown, kind: 'sku' | 'warehouse' | 'customer') => {
    if (typeof value !== 'string') return;
    if (!(await existing(db, tenantId, kind, [value])).has(keyFold(value)))
      errors.push({ path: field, value, message: `Unknown ${kind} "${value}".` });
  };
  await check('sku', refs.sku, 'sku');
  await check('warehouse', refs.warehouse, 'warehouse');
  await check('customerId', refs.customerId, 'customer');
  return errors;
}

const any = async (q: Promise<unknown[]>) => (await q).length > 0;

export const productReferenced = (db: Db, tenantId: string, sku: string) =>
  Promise.all([
    any(
      db
        .select({ x: lots.lotId })
        .from(lots)
        .where(and(eq(lots.tenantId, tenantId), eq(lots.sku, sku)))
        .limit(1),
    ),
    any(
      db
        .select({ x: orderLines.orderId })
        .from(orderLines)
        .where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.sku, sku)))
        .limit(1),
    ),
    any(
      db
        .select({ x: inboundShipments.shipmentId })
        .from(inboundShipments)
        .where(and(eq(inboundShipments.tenantId, tenantId), eq(inboundShipments.sku, sku)))
        .limit(1),
    ),
  ]).then((r) => r.some(Boolean));

export const warehouseReferenced = (db: Db, tenantId: string, code: string) =>
  any(
    db
      .select({ x: lots.lotId })
      .from(lots)
      .where(and(eq(lots.tenantId, tenantId), eq(lots.warehouse, code)))
      .limit(1),
  );

export const customerReferenced = (db: Db, tenantId: string, id: string) =>
  any(
    db
      .select({ x: orderLines.orderId })
      .from(orderLines)
      .where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.customerId, id)))
      .limit(1),
  );

export const lotHasMovements = (db: Db, tenantId: string, lotId: string) =>
  any(
    db
      .select({ x: movementLines.movementId })
      .from(movementLines)
      .where(and(eq(movementLines.tenantId, tenantId), eq(movementLines.lotId, lotId)))
      .limit(1),
  );

const count = async (q: Promise<{ n: number }[]>) => Number((await q)[0]?.n ?? 0);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What keeps a product from being deleted or archived: stock on hand, open orders, open inbound. */
export async function productBlockers(db: Db, tenantId: string, sku: string): Promise<string[]> {
  const [stock, openOrders, inbound] = await Promise.all([
    db
      .select({ n: sql<number>`coalesce(sum(${lots.quantityOnHand}), 0)` })
      .from(lots)
      .where(and(eq(lots.tenantId, tenantId), eq(lots.sku, sku), gt(lots.quantityOnHand, 0))),
    count(
      db
        .select({ n: sql<number>`count(distinct ${orderLines.orderId})` })
        .from(orderLines)
        .where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.sku, sku), eq(orderLines.status, 'open'))),
    ),
    count(
      db
        .select({ n: sql<number>`count(distinct ${inboundShipments.shipmentId})` })
        .from(inboundShipments)
        .where(
          and(
            eq(inboundShipments.tenantId, tenantId),
            eq(inboundShipments.sku, sku),
            notInArray(inboundShipments.status, ['arrived', 'cancelled']),
          ),
        ),
    ),
  ]);
  const units = Number(stock[0]?.n ?? 0);
  return [
    units > 0 ? `${plural(units, 'unit')} are in stock` : '',
    openOrders > 0 ? `${plural(openOrders, 'open order')} name it` : '',
    inbound > 0 ? `${plural(inbound, 'inbound shipment')} still bring it` : '',
  ].filter(Boolean);
}

/** A warehouse holding stock cannot be deleted or archived. */
export async function warehouseBlockers(db: Db, tenantId: string, code: string): Promise<string[]> {
  const [r] = await db
    .select({ n: sql<number>`coalesce(sum(${lots.quantityOnHand}), 0)` })
    .from(lots)
    .where(and(eq(lots.tenantId, tenantId), eq(lots.warehouse, code)));
  const units = Number(r?.n ?? 0);
  return units > 0 ? [`${plural(units, 'unit')} are in stock there`] : [];
}

/** A customer with open orders cannot be deleted or archived. */
export async function customerBlockers(db: Db, tenantId: string, id: string): Promise<string[]> {
  const open = await count(
    db
      .select({ n: sql<number>`count(distinct ${orderLines.orderId})` })
      .from(orderLines)
      .where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.customerId, id), eq(orderLines.status, 'open'))),
  );
  return open > 0 ? [`${plural(open, 'open order')} are theirs`] : [];
}
