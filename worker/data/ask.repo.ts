// What Ask reads besides the planning views: the tenant's names (for the matcher) and its actions.
// Every query is tenant-filtered and row-limited; Ask never runs SQL of its own.
import { and, count, desc, eq, gt, gte, inArray, lt, lte, notInArray, sum, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from './db';
import { actions, customers, inboundShipments, products, tenants, warehouses } from './schema';

export async function loadAskCatalog(db: Db, tenantId: string) {
  const [p, c, w, t] = await db.batch([
    db
      .select({ sku: products.sku, name: products.name })
      .from(products)
      .where(and(eq(products.tenantId, tenantId), eq(products.archived, false))),
    db
      .select({ customerId: customers.customerId, name: customers.name, minRemainingShelfLifeDays: customers.minRemainingShelfLifeDays })
      .from(customers)
      .where(and(eq(customers.tenantId, tenantId), eq(customers.archived, false))),
    db
      .select({ code: warehouses.code, name: warehouses.name, region: warehouses.region })
      .from(warehouses)
      .where(and(eq(warehouses.tenantId, tenantId), eq(warehouses.archived, false))),
    db.select({ currency: tenants.currency }).from(tenants).where(eq(tenants.id, tenantId)),
  ]);
  return { products: p, customers: c, warehouses: w, currency: t[0]?.currency ?? 'USD' };
}

export type ActionKind = (typeof actions.$inferSelect)['kind'];
export type ActionState = (typeof actions.$inferSelect)['state'];

/** A bound on a number, as Ask reads one from a question ("over 5,000", "50개 미만"). */
export type NumberBound = { min: number; inclusive: boolean } | { max: number; inclusive: boolean };

const bounded = (col: SQLiteColumn, b: NumberBound | undefined): SQL | undefined =>
  !b ? undefined : 'min' in b ? (b.inclusive ? gte(col, b.min) : gt(col, b.min)) : b.inclusive ? lte(col, b.max) : lt(col, b.max);

/**
 * Actions in one state (newest first), optionally of some kinds, within a value and a quantity
 * bound, at most `limit`, with the full count and value.
 */
export async function listActions(
  db: Db,
  tenantId: string,
  q: { state: ActionState; kinds?: ActionKind[]; limit: number; value?: NumberBound; quantity?: NumberBound },
) {
  const where = and(
    eq(actions.tenantId, tenantId),
    eq(actions.state, q.state),
    q.kinds ? inArray(actions.kind, q.kinds) : undefined,
    bounded(actions.value, q.value),
    bounded(actions.quantity, q.quantity),
  );
  const [rows, [totals]] = await db.batch([
    db.select().from(actions).where(where).orderBy(desc(actions.createdAt), actions.id).limit(q.limit),
    db
      .select({ n: count(), value: sum(actions.value) })
      .from(actions)
      .where(where),
  ]);
  return { rows, total: totals?.n ?? 0, value: Number(totals?.value ?? 0) };
}

/** Every product's unit cost and price, by SKU: what Ask values stock, orders and purchases at when a question names an amount. */
export async function productMoney(db: Db, tenantId: string): Promise<Map<string, { unitCost: number; unitPrice: number }>> {
  const rows = await db
    .select({ sku: products.sku, unitCost: products.unitCost, unitPrice: products.unitPrice })
    .from(products)
    .where(eq(products.tenantId, tenantId));
  return new Map(rows.map((r) => [r.sku, { unitCost: r.unitCost, unitPrice: r.unitPrice }]));
}

/** Actions created or last changed in [from, to): count and value per state and kind. */
export async function actionsChangedBetween(db: Db, tenantId: string, from: string, to: string) {
  return db
    .select({ state: actions.state, kind: actions.kind, n: count(), value: sum(actions.value) })
    .from(actions)
    .where(and(eq(actions.tenantId, tenantId), gte(actions.updatedAt, from), lt(actions.updatedAt, to)))
    .groupBy(actions.state, actions.kind);
}

/**
 * Open inbound shipments (not received in full, not cancelled) as the inbound page lists them, by
 * ETA: late ones (ETA before `asOf`, not at the dock) or those due between `asOf` and `until`.
 */
export async function openInbound(
  db: Db,
  tenantId: string,
  q: { asOf: string; late: boolean; until: string; warehouse?: string; sku?: string },
) {
  const rows = await db
    .select({
      shipmentId: inboundShipments.shipmentId,
      sku: inboundShipments.sku,
      warehouse: inboundShipments.warehouse,
      quantity: inboundShipments.quantity,
      quantityReceived: inboundShipments.quantityReceived,
      etaDate: inboundShipments.etaDate,
      status: inboundShipments.status,
      origin: inboundShipments.origin,
    })
    .from(inboundShipments)
    .where(
      and(
        eq(inboundShipments.tenantId, tenantId),
        notInArray(inboundShipments.status, q.late ? ['received', 'cancelled', 'arrived'] : ['received', 'cancelled']),
        q.late ? lt(inboundShipments.etaDate, q.asOf) : and(gte(inboundShipments.etaDate, q.asOf), lte(inboundShipments.etaDate, q.until)),
        q.warehouse ? eq(inboundShipments.warehouse, q.warehouse) : undefined,
        q.sku ? eq(inboundShipments.sku, q.sku) : undefined,
      ),
    )
    .orderBy(inboundShipments.etaDate, inboundShipments.shipmentId);
  return rows.filter((r) => r.quantity - r.quantityReceived > 0);
}
