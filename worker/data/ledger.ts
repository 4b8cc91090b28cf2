// Turns a requested stock movement into ledger lines and commits it. OUT without a lot is split
// across lots FEFO by the planning engine; a batch that loses a race is re-planned a few times.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from './db';
import { commitMovement, findLot, getMovement, isLiveLot, lotsForSku, StockConflict, type MovementDraft } from './movements.repo';
import { missingRefs } from './refs.repo';
import { products } from './schema';
import { allocateFefo } from '../domain/fefo';
import { conflict, invalid, notFound, ProblemError } from '../lib/problem';
import { KEY_PATTERN, isoDate } from '../lib/formats';

const qty = z.number().int('Whole units only.').positive().max(1e9);
const text = z.string().trim().max(500).default('');
const base = { sku: z.string().regex(KEY_PATTERN), reason: text, reference: text };

export const MovementInput = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('IN'),
    ...base,
    lotId: z.string().regex(KEY_PATTERN),
    warehouse: z.string().regex(KEY_PATTERN),
    quantity: qty,
    expirationDate: isoDate.optional(),
    receivedDate: isoDate.optional(),
    unitCost: z.number().finite().min(0).optional(),
  }),
  z.strictObject({
    type: z.literal('OUT'),
    ...base,
    quantity: qty,
    lotId: z.string().regex(KEY_PATTERN).optional(),
    warehouse: z.string().regex(KEY_PATTERN).optional(),
    customerId: z.string().max(64).optional(),
  }),
  z.strictObject({
    type: z.literal('MOVE'),
    ...base,
    lotId: z.string().regex(KEY_PATTERN),
    toWarehouse: z.string().regex(KEY_PATTERN),
    quantity: qty,
  }),
  z.strictObject({
    type: z.literal('ADJUST'),
    ...base,
    lotId: z.string().regex(KEY_PATTERN),
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
    lotId: z.string().regex(KEY_PATTERN),
    quantity: qty,
    reason: z.string().trim().min(3, 'Say why the stock is written off.').max(500),
  }),
]);
export type MovementInput = z.infer<typeof MovementInput>;

const today = () => new Date().toISOString().slice(0, 10);
const MAX_ATTEMPTS = 8;

async function requireLot(db: Db, tenantId: string, lotId: string, sku: string) {
  const lot = await findLot(db, tenantId, lotId);
  if (!lot) throw invalid('Unknown lot.', [{ path: 'lotId', value: lotId, message: `Lot "${lotId}" does not exist.` }]);
  if (lot.sku !== sku)
    throw invalid('The lot holds another SKU.', [{ path: 'lotId', value: lotId, message: `Lot "${lotId}" holds ${lot.sku}, not ${sku}.` }]);
  return lot;
}

const shortage = (sku: string, wanted: number, available: number) =>
  conflict(`Not enough sellable stock of ${sku}: ${wanted} requested, ${available} available.`, { requested: wanted, available });

async function plan(db: Db, tenantId: string, userId: string, id: string, m: MovementInput): Promise<MovementDraft> {
  const draft = { id, type: m.type, sku: m.sku, reason: m.reason, reference: m.reference, createdBy: userId };
  const productErrors = await missingRefs(db, tenantId, { sku: m.sku });
  if (productErrors.length) throw invalid('Unknown SKU.', productErrors);
  switch (m.type) {
    case 'IN': {
      const existing = await findLot(db, tenantId, m.lotId);
      if (existing) {
        if (existing.sku !== m.sku || existing.warehouse !== m.warehouse)
          throw invalid('The lot exists with another SKU or warehouse.', [
            { path: 'lotId', value: m.lotId, message: `Lot "${m.lotId}" is ${existing.sku} in ${existing.warehouse}.` },
          ]);
        if (m.expirationDate && m.expirationDate !== existing.expirationDate)
          throw invalid('The lot exists with another expiration date.', [
            { path: 'expirationDate', value: m.expirationDate, message: `Lot "${m.lotId}" expires ${existing.expirationDate}.` },
          ]);
        return { ...draft, quantity: m.quantity, lines: [{ lotId: m.lotId, warehouse: m.warehouse, delta: m.quantity }] };
      }
      const errors = await missingRefs(db, tenantId, { warehouse: m.warehouse });
      const receivedDate = m.receivedDate ?? today();
      if (!m.expirationDate) errors.push({ path: 'expirationDate', message: 'A new lot needs an expiration date.' });
      else if (m.expirationDate <= receivedDate)
        errors.push({ path: 'expirationDate', value: m.expirationDate, message: 'Expiration must be after receipt.' });
      if (errors.length) throw invalid('The new lot is invalid.', errors);
      const newLot = {
        lotId: m.lotId,
        sku: m.sku,
        warehouse: m.warehouse,
        receivedDate,
        expirationDate: m.expirationDate!,
        unitCost: m.unitCost ?? 0,
      };
      return { ...draft, quantity: m.quantity, newLots: [newLot], lines: [{ lotId: m.lotId, warehouse: m.warehouse, delta: m.quantity }] };
    }
    case 'OUT': {
      const asOf = today();
      if (m.lotId) {
        const lot = await requireLot(db, tenantId, m.lotId, m.sku);
        if (lot.status !== 'available') throw conflict(`Lot ${lot.lotId} is ${lot.status} and cannot ship.`);
        if (lot.expirationDate <= asOf) throw conflict(`Lot ${lot.lotId} expired on ${lot.expirationDate}; write it off instead.`);
        if (lot.quantityOnHand < m.quantity) throw shortage(m.sku, m.quantity, lot.quantityOnHand);
        return { ...draft, quantity: m.quantity, lines: [{ lotId: lot.lotId, warehouse: lot.warehouse, delta: -m.quantity }] };
      }
      // Archived lots are empty by construction; the planning engine never sees them.
      const lots = (await lotsForSku(db, tenantId, m.sku, m.warehouse)).filter(isLiveLot);
      const { minRemaining } = await productRules(db, tenantId, m.sku);
      const allocation = allocateFefo(lots, m.quantity, asOf, { minRemainingDays: minRemaining });
      if (allocation.shortage > 0) throw shortage(m.sku, m.quantity, allocation.allocated);
      return {
        ...draft,
        quantity: m.quantity,
        lines: allocation.picks.map((p) => ({ lotId: p.lotId, warehouse: p.warehouse, delta: -p.quantity })),
      };
    }
    case 'MOVE': {
      const lot = await requireLot(db, tenantId, m.lotId, m.sku);
      const errors = await missingRefs(db, tenantId, { warehouse: m.toWarehouse });
      if (errors.length)
        throw invalid(
          'Unknown destination warehouse.',
          errors.map((e) => ({ ...e, path: 'toWarehouse' })),
        );
      if (lot.warehouse === m.toWarehouse)
        throw invalid('The lot is already in that warehouse.', [
          { path: 'toWarehouse', value: m.toWarehouse, message: 'Same as the source warehouse.' },
        ]);
      if (lot.quantityOnHand < m.quantity) throw shortage(m.sku, m.quantity, lot.quantityOnHand);
      // A lot split across warehouses keeps its supplier lot number: the part elsewhere is "<lot>@<warehouse>".
      const baseId = lot.lotId.split('@')[0];
      const baseLot = baseId === lot.lotId ? lot : await findLot(db, tenantId, baseId);
      const targetId = baseLot && baseLot.warehouse === m.toWarehouse ? baseId : `${baseId}@${m.toWarehouse}`;
      const target = {
        lotId: targetId,
        sku: lot.sku,
        warehouse: m.toWarehouse,
        receivedDate: lot.receivedDate,
        expirationDate: lot.expirationDate,
        unitCost: lot.unitCost,
      };
      return {
        ...draft,
        quantity: m.quantity,
        newLots: [target],
        lines: [
          { lotId: lot.lotId, warehouse: lot.warehouse, delta: -m.quantity },
          { lotId: targetId, warehouse: m.toWarehouse, delta: m.quantity },
        ],
      };
    }
    case 'ADJUST':
    case 'WRITE_OFF': {
      const lot = await requireLot(db, tenantId, m.lotId, m.sku);
      const delta = m.type === 'ADJUST' ? m.quantity : -m.quantity;
      if (lot.quantityOnHand + delta < 0) throw shortage(m.sku, -delta, lot.quantityOnHand);
      return { ...draft, quantity: Math.abs(m.quantity), lines: [{ lotId: lot.lotId, warehouse: lot.warehouse, delta }] };
    }
  }
}

async function productRules(db: Db, tenantId: string, sku: string) {
  const [p] = await db
    .select({ minRemaining: products.minRemainingShelfLifeDays })
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.sku, sku)));
  return { minRemaining: p?.minRemaining ?? 0 };
}

/**
 * Plans and commits a movement; re-plans when a concurrent writer took the stock first. A caller
 * that must write a movement at most once (executing an action) passes a stable id.
 */
export async function postMovement(db: Db, tenantId: string, userId: string, input: MovementInput, id: string = crypto.randomUUID()) {
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
