// Inbound shipment lines as receiving reads and updates them; the movements themselves are the
// ledger's (movements.repo.ts).
import { and, eq, gte, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Db } from './db';
import { inboundShipments, products } from './schema';

export type ShipmentLine = typeof inboundShipments.$inferSelect;

/** Every line (one per SKU) of a tenant's inbound shipment; empty when there is no such shipment. */
export const shipmentLines = (db: Db, tenantId: string, shipmentId: string): Promise<ShipmentLine[]> =>
  db
    .select()
    .from(inboundShipments)
    .where(and(eq(inboundShipments.tenantId, tenantId), eq(inboundShipments.shipmentId, shipmentId)));

/** A product's unit cost, or undefined for an unknown SKU. */
export async function productUnitCost(db: Db, tenantId: string, sku: string): Promise<number | undefined> {
  const [p] = await db
    .select({ unitCost: products.unitCost })
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.sku, sku)));
  return p?.unitCost;
}

/**
 * The statement that adds `qty` received units to a shipment line, closing it (`received`) once
 * all its units are in; it goes into the receipt's movement batch.
 */
export function receivedStatement(
  db: Db,
  tenantId: string,
  shipmentId: string,
  sku: string,
  qty: number,
  now: string,
): BatchItem<'sqlite'> {
  return db
    .update(inboundShipments)
    .set({
      quantityReceived: sql`${inboundShipments.quantityReceived} + ${qty}`,
      status: sql`CASE WHEN ${inboundShipments.quantityReceived} + ${qty} >= ${inboundShipments.quantity} THEN 'received' ELSE ${inboundShipments.status} END`,
      updatedAt: now,
    })
    .where(shipmentLine(tenantId, shipmentId, sku));
}

/** One SKU's line of one tenant's shipment: where a receipt and its reversal change the received count. */
const shipmentLine = (tenantId: string, shipmentId: string, sku: string) =>
  and(eq(inboundShipments.tenantId, tenantId), eq(inboundShipments.shipmentId, shipmentId), eq(inboundShipments.sku, sku));

/**
 * A receipt reversed: the shipment line's received units go back down by the receipt's quantity,
 * and a line the receipt had closed is open again at the dock (arrived). Only a receipt names a
 * shipment (`shipmentId`, written by the receive route and by receipts files alike); any other
 * movement, whatever its free-text reference says, changes no shipment. The line must still hold
 * the units (it cannot have fewer received than a receipt put in).
 */
export function unreceivedStatements(
  db: Db,
  tenantId: string,
  receipt: { type: string; sku: string; quantity: number; shipmentId: string | null },
  now = new Date().toISOString(),
): BatchItem<'sqlite'>[] {
  if (receipt.type !== 'IN' || !receipt.shipmentId) return [];
  const qty = receipt.quantity;
  return [
    db
      .update(inboundShipments)
      .set({
        quantityReceived: sql`${inboundShipments.quantityReceived} - ${qty}`,
        status: sql`CASE WHEN ${inboundShipments.status} = 'received' THEN 'arrived' ELSE ${inboundShipments.status} END`,
        updatedAt: now,
      })
      .where(and(shipmentLine(tenantId, receipt.shipmentId, receipt.sku), gte(inboundShipments.quantityReceived, qty))),
  ];
}
