// Turns a requested stock movement into ledger lines and commits it. OUT without a lot is split
// across lots FEFO by the planning engine; a batch that loses a race is re-planned a few times.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { outboxInsert } from './audit-outbox.repo';
import type { Db } from './db';
import { commitMovement, findLot, getMovement, isLiveLot, lotsForSku, StockConflict, type MovementDraft } from './movements.repo';
import { missingRefs } from './refs.repo';
import { customers, products } from './schema';
import { daysBetween } from '../domain/dates';
import { allocateFefo } from '../domain/fefo';
import { conflict, invalid, notFound, ProblemError } from '../lib/problem';
import { KEY_PATTERN, isoDate } from '../lib/formats';
import { money, positiveUnits } from '../lib/numbers';

const qty = positiveUnits;
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
    unitCost: money.optional(),
    /** A new lot's status; an already-expired lot can only be received into quarantine. */
    status: z.enum(['available', 'quarantine']).optional(),
  }),
  z.strictObject({
    type: z.literal('OUT'),
    ...base,
    quantity: qty,
    lotId: z.string().regex(KEY_PATTERN).optional(),
    warehouse: z.string().regex(KEY_PATTERN).optional(),
    customerId: z.string().regex(KEY_PATTERN).optional(),
    /** Ship a named lot shorter-dated than the customer accepts; the reason is audited. */
    override: z.strictObject({ reason: z.string().trim().min(3, 'Say why the rule is overridden.').max(500) }).optional(),
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

/** The movement's audit extras: what a reader needs beyond the lines (an override, a customer). */
type Planned = MovementDraft & { audit?: Record<string, unknown> };

async function plan(db: Db, tenantId: string, userId: string, id: string, m: MovementInput): Promise<Planned> {
  const draft = { id, type: m.type, sku: m.sku, reason: m.reason, reference: m.reference, createdBy: userId };
  const productErrors = await missingRefs(db, tenantId, { sku: m.sku });
  if (productErrors.length) throw invalid('Unknown SKU.', productErrors);
  const rules = await productRules(db, tenantId, m.sku);
  if (rules.archived) throw conflict(`Product ${m.sku} is archived; restore it before posting stock.`);
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
      else if (m.expirationDate <= today() && m.status !== 'quarantine')
        errors.push({
          path: 'expirationDate',
          value: m.expirationDate,
          message: 'The lot has already expired; receive it with status "quarantine" or do not receive it.',
        });
      if (errors.length) throw invalid('The new lot is invalid.', errors);
      const newLot = {
        lotId: m.lotId,
        sku: m.sku,
        warehouse: m.warehouse,
        receivedDate,
        expirationDate: m.expirationDate!,
        unitCost: m.unitCost ?? 0,
        status: m.status ?? 'available',
      };
      return { ...draft, quantity: m.quantity, newLots: [newLot], lines: [{ lotId: m.lotId, warehouse: m.warehouse, delta: m.quantity }] };
    }
    case 'OUT': {
      const asOf = today();
      // The customer's own rule wins; a customer without one (null) takes the product's.
      let minRemaining = rules.minRemaining;
      if (m.customerId) {
        const customer = await customerRule(db, tenantId, m.customerId);
        if (!customer)
          throw invalid('Unknown customer.', [{ path: 'customerId', value: m.customerId, message: `Unknown customer "${m.customerId}".` }]);
        minRemaining = customer.minRemaining ?? rules.minRemaining;
      }
      const out = { ...draft, customerId: m.customerId ?? null };
      if (m.lotId) {
        const lot = await requireLot(db, tenantId, m.lotId, m.sku);
        if (lot.status !== 'available') throw conflict(`Lot ${lot.lotId} is ${lot.status} and cannot ship.`);
        if (lot.expirationDate <= asOf) throw conflict(`Lot ${lot.lotId} expired on ${lot.expirationDate}; write it off instead.`);
        const left = daysBetween(asOf, lot.expirationDate);
        if (left < minRemaining && !m.override)
          throw conflict(
            `Lot ${lot.lotId} has ${left} days of shelf life left; ${m.customerId ? `customer ${m.customerId}` : 'the product'} requires ${minRemaining}. Send "override": {"reason": …} to ship it anyway.`,
            { daysLeft: left, required: minRemaining },
          );
        if (lot.quantityOnHand < m.quantity) throw shortage(m.sku, m.quantity, lot.quantityOnHand);
        const overridden =
          left < minRemaining && m.override ? { override: { reason: m.override.reason, daysLeft: left, required: minRemaining } } : {};
        return {
          ...out,
          quantity: m.quantity,
          lines: [{ lotId: lot.lotId, warehouse: lot.warehouse, delta: -m.quantity }],
          audit: overridden,
        };
      }
      // Archived lots are empty by construction; the planning engine never sees them.
      const lots = (await lotsForSku(db, tenantId, m.sku, m.warehouse)).filter(isLiveLot);
      const allocation = allocateFefo(lots, m.quantity, asOf, { minRemainingDays: minRemaining });
      if (allocation.shortage > 0) throw shortage(m.sku, m.quantity, allocation.allocated);
      return {
        ...out,
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
    .select({ minRemaining: products.minRemainingShelfLifeDays, archived: products.archived })
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.sku, sku)));
  return { minRemaining: p?.minRemaining ?? 0, archived: p?.archived ?? false };
}

async function customerRule(db: Db, tenantId: string, customerId: string) {
  const [c] = await db
    .select({ minRemaining: customers.minRemainingShelfLifeDays })
    .from(customers)
    .where(and(eq(customers.tenantId, tenantId), eq(customers.customerId, customerId)));
  return c;
}

/** Who posts a movement: the ledger writes its audit entry in the movement's own batch. */
export interface Actor {
  userId: string;
  email: string;
}

const movementAudit = (db: Db, tenantId: string, actor: Actor, d: Planned, action: string, data: Record<string, unknown> = {}) =>
  outboxInsert(db, {
    actor: actor.email,
    action,
    entity: 'movement',
    id: d.id,
    tenantId,
    // A movement is an event, not an edit: its fields are the entry's data, never a before/after.
    data: {
      type: d.type,
      sku: d.sku,
      quantity: d.quantity,
      customerId: d.customerId ?? null,
      reason: d.reason,
      lines: d.lines,
      ...data,
      ...(d.newLots?.length ? { lotsCreated: d.newLots } : {}),
      ...(d.audit ?? {}),
    },
  });

/**
 * Plans and commits a movement with its audit entry; re-plans when a concurrent writer took the
 * stock first. The caller flushes the tenant's audit outbox (worker/audit) afterwards.
 */
export async function postMovement(db: Db, tenantId: string, actor: Actor, input: MovementInput) {
  const id = crypto.randomUUID();
  for (let attempt = 1; ; attempt++) {
    const draft = await plan(db, tenantId, actor.userId, id, input);
    try {
      await commitMovement(db, tenantId, draft, [movementAudit(db, tenantId, actor, draft, `movement.${draft.type.toLowerCase()}`)]);
      return (await getMovement(db, tenantId, id))!;
    } catch (e) {
      if (!(e instanceof StockConflict)) throw e;
      if (attempt >= MAX_ATTEMPTS) throw conflict(`Stock of ${input.sku} changed while posting; not enough remains.`);
    }
  }
}

/** Writes the reversing movement: the same lines with the opposite sign. History is never edited. */
export async function reverseMovement(db: Db, tenantId: string, actor: Actor, id: string, reason: string) {
  const original = await getMovement(db, tenantId, id);
  if (!original) throw notFound('Movement');
  if (original.reversesId) throw conflict('A reversal cannot itself be reversed; post a new movement instead.');
  if (original.reversedBy)
    throw new ProblemError(409, 'already-reversed', 'This movement has already been reversed.', undefined, {
      reversedBy: original.reversedBy,
    });
  const newId = crypto.randomUUID();
  const draft: MovementDraft = {
    id: newId,
    type: original.type,
    sku: original.sku,
    quantity: original.quantity,
    reason: reason || `Reversal of ${id}`,
    reference: original.reference,
    reversesId: id,
    customerId: original.customerId,
    createdBy: actor.userId,
    lines: original.lines.map((l) => ({ ...l, delta: -l.delta })),
  };
  try {
    await commitMovement(db, tenantId, draft, [movementAudit(db, tenantId, actor, draft, 'movement.reverse', { reverses: id })]);
  } catch (e) {
    if (e instanceof StockConflict) throw conflict('The stock this movement added has already been used; it cannot be reversed.');
    throw e;
  }
  return (await getMovement(db, tenantId, newId))!;
}
