// Turns a requested stock movement into ledger lines and commits it. OUT without a lot is split
// across lots FEFO by the planning engine; a batch that loses a race is re-planned a few times.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './db';
import {
  commitMovement,
  findLotByKey,
  getMovement,
  isLiveLot,
  lotApiId,
  lotCandidates,
  lotsForSku,
  StockConflict,
  type LotRow,
  type MovementDraft,
  type NewLot,
} from './movements.repo';
import { products, warehouses } from './schema';
import { tenantToday } from './tenant-time';
import { allocateFefo } from '../domain/fefo';
import { conflict, invalid, notFound, ProblemError, type FieldError } from '../lib/problem';
import { sellableOn } from '../lib/dates';
import { isoDate } from '../lib/formats';
import { businessKey, sameKey } from '../lib/keys';

const qty = z.number().int('Whole units only.').positive().max(1e9);
const text = z.string().trim().max(500).default('');
const base = { sku: businessKey, reason: text, reference: text };

// A lot is named by its lot number (or its API id) within the SKU; `warehouse` picks one when the
// same lot number is stocked in several warehouses (lots are keyed as ERPs key them).
export const MovementInput = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('IN'),
    ...base,
    lotId: businessKey,
    warehouse: businessKey,
    quantity: qty,
    expirationDate: isoDate.optional(),
    receivedDate: isoDate.optional(),
    unitCost: z.number().finite().min(0).optional(),
  }),
  z.strictObject({
    type: z.literal('OUT'),
    ...base,
    quantity: qty,
    lotId: businessKey.optional(),
    warehouse: businessKey.optional(),
    customerId: z.string().max(64).optional(),
  }),
  z.strictObject({
    type: z.literal('MOVE'),
    ...base,
    lotId: businessKey,
    warehouse: businessKey.optional(),
    toWarehouse: businessKey,
    quantity: qty,
  }),
  z.strictObject({
    type: z.literal('ADJUST'),
    ...base,
    lotId: businessKey,
    warehouse: businessKey.optional(),
    quantity: z
      .number()
      .int('Whole units only.')
      .min(-1e9)
      .max(1e9)
      .refine((n) => n !== 0, 'An adjustment cannot be zero.'),
    reason: z.string().trim().min(3, 'Say why the stock is adjusted.').max(500),
  }),
  z.strictObject({
    type: z.literal('WRITE_OFF'),
    ...base,
    lotId: businessKey,
    warehouse: businessKey.optional(),
    quantity: qty,
    reason: z.string().trim().min(3, 'Say why the stock is written off.').max(500),
  }),
]);
export type MovementInput = z.infer<typeof MovementInput>;

const MAX_ATTEMPTS = 8;

/** The one lot a request names: by API id, or by lot number within the SKU (and warehouse, if given). */
export async function resolveLot(db: Db, tenantId: string, ref: string, sku: string, warehouse?: string) {
  const candidates = await lotCandidates(db, tenantId, ref);
  const inScope = (l: LotRow) => sameKey(l.sku, sku) && (!warehouse || sameKey(l.warehouse, warehouse));
  // A lot number stocked in several warehouses needs the warehouse, even when one of them has it as id.
  const matches = candidates.filter((l) => sameKey(l.lotId, ref) && inScope(l));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1)
    throw invalid('The lot number is stocked in several warehouses; name the warehouse.', [
      {
        path: 'warehouse',
        value: ref,
        message: `Lot "${ref}" of ${sku} is in ${matches.map((l) => l.warehouse).join(', ')}.`,
      },
    ]);
  const byId = candidates.find((l) => sameKey(l.id, ref) && inScope(l));
  if (byId) return byId;
  const other = candidates.find((l) => !sameKey(l.sku, sku));
  if (other && !warehouse)
    throw invalid('The lot holds another SKU.', [{ path: 'lotId', value: ref, message: `Lot "${ref}" holds ${other.sku}, not ${sku}.` }]);
  throw invalid('Unknown lot.', [
    { path: 'lotId', value: ref, message: `Lot "${ref}" of ${sku}${warehouse ? ` in ${warehouse}` : ''} does not exist.` },
  ]);
}

const shortage = (sku: string, wanted: number, available: number) =>
  conflict(`Not enough sellable stock of ${sku}: ${wanted} requested, ${available} available.`, { requested: wanted, available });

/** Attributes a MOVE carries to the destination; a lot there with other values cannot take the units. */
const IDENTITY = ['expirationDate', 'receivedDate', 'unitCost', 'status'] as const;

async function plan(db: Db, tenantId: string, userId: string, id: string, m: MovementInput): Promise<MovementDraft> {
  const rules = await productRules(db, tenantId, m.sku);
  if (!rules) throw invalid('Unknown SKU.', [{ path: 'sku', value: m.sku, message: `Unknown sku "${m.sku}".` }]);
  // Stored as first seen: the ledger writes the product's own spelling of the SKU.
  const sku = rules.sku;
  const draft = { id, type: m.type, sku, reason: m.reason, reference: m.reference, createdBy: userId };
  switch (m.type) {
    case 'IN': {
      const warehouse = await canonicalWarehouse(db, tenantId, m.warehouse, 'warehouse');
      const existing = await findLotByKey(db, tenantId, sku, m.lotId, warehouse);
      if (existing) {
        if (m.expirationDate && m.expirationDate !== existing.expirationDate)
          throw invalid('The lot exists with another expiration date.', [
            { path: 'expirationDate', value: m.expirationDate, message: `Lot "${m.lotId}" expires ${existing.expirationDate}.` },
          ]);
        return { ...draft, quantity: m.quantity, lines: [{ lotId: existing.lotId, warehouse: existing.warehouse, delta: m.quantity }] };
      }
      const errors: FieldError[] = [];
      const receivedDate = m.receivedDate ?? (await tenantToday(db, tenantId));
      if (!m.expirationDate) errors.push({ path: 'expirationDate', message: 'A new lot needs an expiration date.' });
      else if (m.expirationDate <= receivedDate)
        errors.push({ path: 'expirationDate', value: m.expirationDate, message: 'Expiration must be after receipt.' });
      if (errors.length) throw invalid('The new lot is invalid.', errors);
      const newLot: NewLot = {
        id: await lotApiId(db, tenantId, m.lotId, warehouse, sku),
        lotId: m.lotId,
        sku,
        warehouse,
        receivedDate,
        expirationDate: m.expirationDate!,
        unitCost: m.unitCost ?? 0,
      };
      return { ...draft, quantity: m.quantity, newLots: [newLot], lines: [{ lotId: m.lotId, warehouse, delta: m.quantity }] };
    }
    case 'OUT': {
      const asOf = await tenantToday(db, tenantId);
      if (m.lotId) {
        const lot = await resolveLot(db, tenantId, m.lotId, sku, m.warehouse);
        if (lot.status !== 'available') throw conflict(`Lot ${lot.lotId} is ${lot.status} and cannot ship.`);
        if (!sellableOn(lot.expirationDate, asOf))
          throw conflict(`Lot ${lot.lotId} expired on ${lot.expirationDate}; write it off instead.`);
        if (lot.quantityOnHand < m.quantity) throw shortage(sku, m.quantity, lot.quantityOnHand);
        return { ...draft, quantity: m.quantity, lines: [{ lotId: lot.lotId, warehouse: lot.warehouse, delta: -m.quantity }] };
      }
      // Archived lots are empty by construction; the planning engine never sees them.
      const lots = (await lotsForSku(db, tenantId, sku, m.warehouse)).filter(isLiveLot);
      const allocation = allocateFefo(lots, m.quantity, asOf, { minRemainingDays: rules.minRemaining });
      if (allocation.shortage > 0) throw shortage(sku, m.quantity, allocation.allocated);
      return {
        ...draft,
        quantity: m.quantity,
        lines: allocation.picks.map((p) => ({ lotId: p.lotId, warehouse: p.warehouse, delta: -p.quantity })),
      };
    }
    case 'MOVE': {
      const lot = await resolveLot(db, tenantId, m.lotId, sku, m.warehouse);
      const toWarehouse = await canonicalWarehouse(db, tenantId, m.toWarehouse, 'toWarehouse');
      if (sameKey(lot.warehouse, toWarehouse))
        throw invalid('The lot is already in that warehouse.', [
          { path: 'toWarehouse', value: m.toWarehouse, message: 'Same as the source warehouse.' },
        ]);
      if (lot.quantityOnHand < m.quantity) throw shortage(sku, m.quantity, lot.quantityOnHand);
      if (lot.status === 'archived') throw conflict(`Lot ${lot.lotId} is archived.`);
      // The moved units stay the same lot: same number, SKU, expiry, receipt, cost and status.
      const target: NewLot = {
        id: '',
        lotId: lot.lotId,
        sku: lot.sku,
        warehouse: toWarehouse,
        receivedDate: lot.receivedDate,
        expirationDate: lot.expirationDate,
        unitCost: lot.unitCost,
        status: lot.status,
      };
      const dest = await findLotByKey(db, tenantId, lot.sku, lot.lotId, toWarehouse);
      const lines = [
        { lotId: lot.lotId, warehouse: lot.warehouse, delta: -m.quantity },
        { lotId: dest?.lotId ?? lot.lotId, warehouse: dest?.warehouse ?? toWarehouse, delta: m.quantity },
      ];
      if (!dest) {
        target.id = await lotApiId(db, tenantId, lot.lotId, toWarehouse, lot.sku);
        return { ...draft, quantity: m.quantity, newLots: [target], lines };
      }
      if (dest.status === 'archived' && dest.quantityOnHand === 0) return { ...draft, quantity: m.quantity, revive: [target], lines };
      const differ = IDENTITY.filter((k) => dest[k] !== lot[k]);
      if (differ.length)
        throw new ProblemError(
          409,
          'lot-mismatch',
          `Lot ${lot.lotId} of ${lot.sku} in ${dest.warehouse} differs in ${differ.join(', ')}; the moved units cannot merge into it.`,
          undefined,
          { differences: differ.map((k) => ({ field: k, source: lot[k], destination: dest[k] })) },
        );
      return { ...draft, quantity: m.quantity, lines };
    }
    case 'ADJUST':
    case 'WRITE_OFF': {
      const lot = await resolveLot(db, tenantId, m.lotId, sku, m.warehouse);
      const delta = m.type === 'ADJUST' ? m.quantity : -m.quantity;
      if (lot.quantityOnHand + delta < 0) throw shortage(sku, -delta, lot.quantityOnHand);
      return { ...draft, quantity: Math.abs(m.quantity), lines: [{ lotId: lot.lotId, warehouse: lot.warehouse, delta }] };
    }
  }
}

async function canonicalWarehouse(db: Db, tenantId: string, code: string, path: string): Promise<string> {
  const [w] = await db
    .select({ code: warehouses.code })
    .from(warehouses)
    .where(and(eq(warehouses.tenantId, tenantId), eq(warehouses.code, code)));
  if (!w) throw invalid('Unknown warehouse.', [{ path, value: code, message: `Unknown warehouse "${code}".` }]);
  return w.code;
}

async function productRules(db: Db, tenantId: string, sku: string) {
  const [p] = await db
    .select({ sku: products.sku, minRemaining: products.minRemainingShelfLifeDays })
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.sku, sku)));
  return p;
}

/** Plans and commits a movement; re-plans when a concurrent writer took the stock first. */
export async function postMovement(db: Db, tenantId: string, userId: string, input: MovementInput) {
  const id = crypto.randomUUID();
  for (let attempt = 1; ; attempt++) {
    const draft = await plan(db, tenantId, userId, id, input);
    try {
      await commitMovement(db, tenantId, draft);
      return (await getMovement(db, tenantId, id))!;
    } catch (e) {
      if (!(e instanceof StockConflict)) throw e;
      if (attempt >= MAX_ATTEMPTS) throw conflict(`Stock of ${input.sku} changed while posting; not enough remains.`);
    }
  }
}

/** Writes the reversing movement: the same lines with the opposite sign. History is never edited. */
export async function reverseMovement(db: Db, tenantId: string, userId: string, id: string, reason: string) {
  const original = await getMovement(db, tenantId, id);
  if (!original) throw notFound('Movement');
  if (original.reversesId) throw conflict('A reversal cannot itself be reversed; post a new movement instead.');
  if (original.reversedBy)
    throw new ProblemError(409, 'already-reversed', 'This movement has already been reversed.', undefined, {
      reversedBy: original.reversedBy,
    });
  const newId = crypto.randomUUID();
  try {
    await commitMovement(db, tenantId, {
      id: newId,
      type: original.type,
      sku: original.sku,
      quantity: original.quantity,
      reason: reason || `Reversal of ${id}`,
      reference: original.reference,
      reversesId: id,
      createdBy: userId,
      lines: original.lines.map((l) => ({ ...l, delta: -l.delta })),
    });
  } catch (e) {
    if (e instanceof StockConflict) throw conflict('The stock this movement added has already been used; it cannot be reversed.');
    throw e;
  }
  return (await getMovement(db, tenantId, newId))!;
}
