// Receiving an inbound shipment: the units counted at the dock become lots through IN movements
// (one per received line), and the shipment's received quantity grows in the same batch; a line
// received in full is `received` and never counts as inbound again. Partial receipts leave the
// rest inbound. Lot identity follows the ledger's rules (SKU, lot number, warehouse).
import type { BatchItem } from 'drizzle-orm/batch';
import { flushAudit } from '../audit/record';
import { outboxInsert } from '../data/audit-outbox.repo';
import type { Db } from '../data/db';
import {
  commitMovements,
  findLotByKey,
  getMovement,
  lotApiId,
  lotNumberOfOtherSku,
  productRules,
  StockConflict,
  type LedgerLine,
  type MovementDraft,
  type NewLot,
} from '../data/movements.repo';
import { productUnitCost, receivedStatement, shipmentLines } from '../data/receiving.repo';
import { storedKey } from '../data/refs.repo';
import { tenantToday } from '../data/tenant-time';
import { invalidInput, missing, stateConflict, type FieldError } from '../lib/errors';
import type { Env } from '../lib/env';
import { keyFold, sameKey } from '../lib/keys';
import { requestStockRefresh } from './refresh';
import { lotLimitProblems } from '../domain/record-limits';
import { receiptReason } from '../domain/movement-reasons';
import type { Actor, ReceiveRequest } from './types';

async function plan(db: Db, tenantId: string, actor: Actor, shipmentId: string, input: ReceiveRequest) {
  const rows = await shipmentLines(db, tenantId, shipmentId);
  if (!rows.length) throw missing('Inbound shipment');
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
    if (row.status === 'cancelled') throw stateConflict(`Shipment ${row.shipmentId} is cancelled; its ${row.sku} line cannot be received.`);
    const already = (received.get(row.sku) ?? 0) + l.quantity;
    const open = row.quantity - row.quantityReceived;
    if (already > open)
      throw stateConflict(`Shipment ${row.shipmentId} expects ${open} more of ${row.sku}; ${already} were to be received.`, {
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
    if (receivedDate > today) {
      errors.push({ path: at('receivedDate'), value: receivedDate, message: `Units cannot be received after today (${today}).` });
      continue;
    }
    if (l.expirationDate <= receivedDate) {
      errors.push({ path: at('expirationDate'), value: l.expirationDate, message: `Expiration must be after receipt (${receivedDate}).` });
      continue;
    }
    const limits = lotLimitProblems(
      {
        receivedDate,
        expirationDate: l.expirationDate,
        quantity: l.quantity,
        shelfLifeDays: (await productRules(db, tenantId, row.sku))?.shelfLifeDays,
      },
      today,
    );
    if (limits.length) {
      errors.push(
        ...limits.map((p) => ({
          path: at(p.field),
          value: { receivedDate, expirationDate: l.expirationDate, quantity: String(l.quantity) }[p.field],
          message: p.message,
        })),
      );
      continue;
    }
    const existing = await findLotByKey(db, tenantId, row.sku, l.lotId, warehouse);
    // A lot number names one product's batch: receiving it under another SKU is a mistyped lot or SKU.
    const taken = existing ? undefined : await lotNumberOfOtherSku(db, tenantId, l.lotId, row.sku);
    if (taken)
      throw stateConflict(`Lot ${taken.lotId} already holds ${taken.sku} (in ${taken.warehouse}); it cannot be received as ${row.sku}.`, {
        lotId: taken.lotId,
        sku: taken.sku,
        warehouse: taken.warehouse,
      });
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
      reason: input.reason || receiptReason(row.shipmentId),
      reference: row.shipmentId,
      shipmentId: row.shipmentId,
      createdBy: actor.email,
      createdById: actor.userId,
      lines: [line],
    };
    if (!existing) {
      let id = await lotApiId(db, tenantId, l.lotId, warehouse, row.sku);
      if (ids.has(keyFold(id))) id = `${l.lotId}~${warehouse}~${row.sku}`;
      ids.add(keyFold(id));
      const lot: NewLot = {
        id,
        lotId: l.lotId,
        sku: row.sku,
        warehouse,
        receivedDate,
        expirationDate: l.expirationDate,
        unitCost: l.unitCost ?? (await productUnitCost(db, tenantId, row.sku)) ?? 0,
      };
      draft.newLots = [lot];
    }
    drafts.push(draft);
  }
  if (errors.length) throw invalidInput('The receipt is invalid.', errors);
  const now = new Date().toISOString();
  const extra: BatchItem<'sqlite'>[] = [...received].map(([sku, qty]) =>
    receivedStatement(db, tenantId, rows[0].shipmentId, sku, qty, now),
  );
  return { drafts, extra, shipmentId: rows[0].shipmentId };
}

/**
 * Receives lines of a shipment into lots, all lines or none, with one audit entry
 * (`shipment.receive`), then requests a plan refresh. Returns the shipment's lines after the
 * receipt and the IN movements written. Errors: not-found (shipment), invalid (lines), conflict
 * (cancelled shipment, more than is open).
 */
export async function receiveStock(env: Env, db: Db, tenantId: string, actor: Actor, shipmentId: string, input: ReceiveRequest) {
  for (let attempt = 1; ; attempt++) {
    const p = await plan(db, tenantId, actor, shipmentId, input);
    // The receipt and its audit entry commit together.
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
    await flushAudit(env, db, tenantId);
    await requestStockRefresh(env, tenantId, 'receipt');
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
