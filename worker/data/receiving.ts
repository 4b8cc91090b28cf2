// Receiving an inbound shipment: the units counted at the dock become lots through IN movements
// (one per received line), and the shipment's received quantity grows in the same batch; a line
// received in full is `received` and never counts as inbound again. Partial receipts leave the
// rest inbound. Lot identity follows the ledger's rules (SKU, lot number, warehouse).
import { outboxInsert } from './audit-outbox.repo';
import { and, eq, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { z } from 'zod';
import type { Db } from './db';
import {
  commitMovements,
  findLotByKey,
  getMovement,
  lotApiId,
  StockConflict,
  type LedgerLine,
  type MovementDraft,
  type NewLot,
} from './movements.repo';
import { storedKey } from './refs.repo';
import { inboundShipments, products } from './schema';
import { tenantToday } from './tenant-time';
import { isoDate } from '../lib/formats';
import { businessKey, keyFold, sameKey } from '../lib/keys';
import { conflict, invalid, notFound, type FieldError } from '../lib/problem';

export const ReceiveInput = z.strictObject({
  lines: z
    .array(
      z.strictObject({
        sku: businessKey,
        lotId: businessKey,
        expirationDate: isoDate,
        quantity: z.number().int('Whole units only.').positive().max(1e9),
        /** Defaults to the shipment's destination warehouse. */
        warehouse: businessKey.optional(),
        receivedDate: isoDate.optional(),
        /** Defaults to the product's unit cost. */
        unitCost: z.number().finite().min(0).max(1e9).optional(),
      }),
    )
    .min(1)
    .max(100),
  reason: z.string().trim().max(500).default(''),
});
export type ReceiveInput = z.infer<typeof ReceiveInput>;

const shipmentLines = (db: Db, tenantId: string, shipmentId: string) =>
  db
    .select()
    .from(inboundShipments)
    .where(and(eq(inboundShipments.tenantId, tenantId), eq(inboundShipments.shipmentId, shipmentId)));

async function plan(db: Db, tenantId: string, userId: string, shipmentId: string, input: ReceiveInput) {
  const rows = await shipmentLines(db, tenantId, shipmentId);
  if (!rows.length) throw notFound('Inbound shipment');
  const today = await tenantToday(db, tenantId);
  const errors: FieldError[] = [];
  const drafts: MovementDraft[] = [];
  const received = new Map<string, number>();
  const ids = new Set<string>();
  for (const [i, l] of input.lines.entries()) {
    const at = (f: string) => `lines.${i}.${f}`;
    const row = rows.find((r) => sameKey(r.sku, l.sku));
    if (!row) {
      errors.push({ path: at('sku'), value: l.sku, message: `SKU ${l.sku} is not on shipment ${rows[0].shipmentId}.` });
      continue;
    }
    if (row.status === 'cancelled') throw conflict(`Shipment ${row.shipmentId} is cancelled; its ${row.sku} line cannot be received.`);
    const already = (received.get(row.sku) ?? 0) + l.quantity;
    const open = row.quantity - row.quantityReceived;
    if (already > open)
      throw conflict(`Shipment ${row.shipmentId} expects ${open} more of ${row.sku}; ${already} were to be received.`, {
        sku: row.sku,
        open,
        requested: already,
      });
    received.set(row.sku, already);
    const whInput = l.warehouse ?? row.warehouse;
    const warehouse = whInput ? await storedKey(db, tenantId, 'warehouse', whInput) : undefined;
    if (!warehouse) {
      errors.push({
        path: at('warehouse'),
        value: whInput ?? '',
        message: whInput ? `Unknown warehouse "${whInput}".` : 'The shipment names no warehouse; say where the units were received.',
      });
      continue;
    }
    const receivedDate = l.receivedDate ?? today;
    if (l.expirationDate <= receivedDate) {
      errors.push({ path: at('expirationDate'), value: l.expirationDate, message: `Expiration must be after receipt (${receivedDate}).` });
      continue;
    }
    const existing = await findLotByKey(db, tenantId, row.sku, l.lotId, warehouse);
    if (existing && existing.expirationDate !== l.expirationDate) {
      errors.push({ path: at('expirationDate'), value: l.expirationDate, message: `Lot ${l.lotId} expires ${existing.expirationDate}.` });
      continue;
    }
    const line: LedgerLine = { lotId: existing?.lotId ?? l.lotId, warehouse, delta: l.quantity };
    const draft: MovementDraft = {
      id: crypto.randomUUID(),
      type: 'IN',
      sku: row.sku,
      quantity: l.quantity,
      reason: input.reason || `Receipt of shipment ${row.shipmentId}`,
      reference: row.shipmentId,
      createdBy: userId,
      lines: [line],
    };
    if (!existing) {
      let id = await lotApiId(db, tenantId, l.lotId, warehouse, row.sku);
      if (ids.has(keyFold(id))) id = `${l.lotId}~${warehouse}~${row.sku}`;
      ids.add(keyFold(id));
      const [p] = await db
        .select({ unitCost: products.unitCost })
        .from(products)
        .where(and(eq(products.tenantId, tenantId), eq(products.sku, row.sku)));
      const lot: NewLot = {
        id,
        lotId: l.lotId,
        sku: row.sku,
        warehouse,
        receivedDate,
        expirationDate: l.expirationDate,
        unitCost: l.unitCost ?? p?.unitCost ?? 0,
      };
      draft.newLots = [lot];
    }
    drafts.push(draft);
  }
  if (errors.length) throw invalid('The receipt is invalid.', errors);
  const now = new Date().toISOString();
  const extra: BatchItem<'sqlite'>[] = [...received].map(([sku, qty]) =>
    db
      .update(inboundShipments)
      .set({
        quantityReceived: sql`${inboundShipments.quantityReceived} + ${qty}`,
        status: sql`CASE WHEN ${inboundShipments.quantityReceived} + ${qty} >= ${inboundShipments.quantity} THEN 'received' ELSE ${inboundShipments.status} END`,
        updatedAt: now,
      })
      .where(
        and(eq(inboundShipments.tenantId, tenantId), eq(inboundShipments.shipmentId, rows[0].shipmentId), eq(inboundShipments.sku, sku)),
      ),
  );
  return { drafts, extra, shipmentId: rows[0].shipmentId };
}

/** Receives lines of a shipment into lots; all lines or none. */
export async function receiveShipment(
  db: Db,
  tenantId: string,
  actor: { userId: string; email: string },
  shipmentId: string,
  input: ReceiveInput,
) {
  for (let attempt = 1; ; attempt++) {
    const p = await plan(db, tenantId, actor.userId, shipmentId, input);
    // The receipt and its audit entry commit together (the caller moves the entry to the chain).
    const entry = outboxInsert(db, {
      actor: actor.email,
      tenantId,
      entity: 'inbound-shipment',
      id: p.shipmentId,
      action: 'shipment.receive',
      data: { movements: p.drafts.map((d) => ({ id: d.id, sku: d.sku, quantity: d.quantity, lines: d.lines })) },
    });
    try {
      await commitMovements(db, tenantId, p.drafts, [...p.extra, entry]);
    } catch (e) {
      if (e instanceof StockConflict && attempt < 4) continue;
      throw e;
    }
    const lines = (await shipmentLines(db, tenantId, p.shipmentId)).map((r) => ({
      sku: r.sku,
      quantity: r.quantity,
      quantityReceived: r.quantityReceived,
      open: r.quantity - r.quantityReceived,
      status: r.status,
      warehouse: r.warehouse,
    }));
    const movements = await Promise.all(p.drafts.map(async (d) => (await getMovement(db, tenantId, d.id))!));
    return { shipmentId: p.shipmentId, lines, movements };
  }
}
