// Turns a requested stock movement into ledger lines and commits it. OUT without a lot is split
// across one warehouse's lots FEFO by the planning engine (the named warehouse, else the
// customer's, else the only one holding the SKU; several → 422); a batch that loses a race is re-planned a few times.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { outboxInsert } from './audit-outbox.repo';
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
import { customers, products, warehouses } from './schema';
import { tenantToday } from './tenant-time';
import { allocateFefo } from '../domain/fefo';
import { conflict, invalid, notFound, ProblemError, type FieldError } from '../lib/problem';
import { sellableOn } from '../lib/dates';
import { isoDate } from '../lib/formats';
import { money, positiveUnits } from '../lib/numbers';
import { daysBetween } from '../domain/dates';
import { businessKey, sameKey } from '../lib/keys';

const qty = positiveUnits;
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
    unitCost: money.optional(),
    /** A new lot's status; an already-expired lot can only be received into quarantine. */
    status: z.enum(['available', 'quarantine']).optional(),
  }),
  z.strictObject({
    type: z.literal('OUT'),
    ...base,
    quantity: qty,
    lotId: businessKey.optional(),
    warehouse: businessKey.optional(),
    customerId: businessKey.optional(),
    /** Ship a named lot shorter-dated than the customer accepts; the reason is audited. */
    override: z.strictObject({ reason: z.string().trim().min(3, 'Say why the rule is overridden.').max(500) }).optional(),
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

/** The movement's audit extras: what a reader needs beyond the lines (an override, a customer). */
type Planned = MovementDraft & { audit?: Record<string, unknown> };

async function plan(db: Db, tenantId: string, userId: string, id: string, m: MovementInput): Promise<Planned> {
  const rules = await productRules(db, tenantId, m.sku);
  if (!rules) throw invalid('Unknown SKU.', [{ path: 'sku', value: m.sku, message: `Unknown sku "${m.sku}".` }]);
  // Stored as first seen: the ledger writes the product's own spelling of the SKU.
  const sku = rules.sku;
  if (rules.archived) throw conflict(`Product ${m.sku} is archived; restore it before posting stock.`);
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
      else if (!sellableOn(m.expirationDate, await tenantToday(db, tenantId)) && m.status !== 'quarantine')
        errors.push({
          path: 'expirationDate',
          value: m.expirationDate,
          message: 'The lot has already expired; receive it with status "quarantine" or do not receive it.',
        });
      if (errors.length) throw invalid('The new lot is invalid.', errors);
      const newLot: NewLot = {
        id: await lotApiId(db, tenantId, m.lotId, warehouse, sku),
        lotId: m.lotId,
        sku,
        warehouse,
        receivedDate,
        expirationDate: m.expirationDate!,
        unitCost: m.unitCost ?? 0,
        status: m.status ?? 'available',
      };
      return { ...draft, quantity: m.quantity, newLots: [newLot], lines: [{ lotId: m.lotId, warehouse, delta: m.quantity }] };
    }
    case 'OUT': {
      const asOf = await tenantToday(db, tenantId);
      // The customer's own rule wins; a customer without one (null) takes the product's.
      let minRemaining = rules.minRemaining;
      const customer = m.customerId ? await customerRule(db, tenantId, m.customerId) : undefined;
      if (m.customerId) {
        if (!customer)
          throw invalid('Unknown customer.', [{ path: 'customerId', value: m.customerId, message: `Unknown customer "${m.customerId}".` }]);
        minRemaining = customer.minRemaining ?? rules.minRemaining;
      }
      const out = { ...draft, customerId: m.customerId ?? null };
      if (m.lotId) {
        const lot = await resolveLot(db, tenantId, m.lotId, sku, m.warehouse);
        if (lot.status !== 'available') throw conflict(`Lot ${lot.lotId} is ${lot.status} and cannot ship.`);
        if (!sellableOn(lot.expirationDate, asOf))
          throw conflict(`Lot ${lot.lotId} expired on ${lot.expirationDate}; write it off instead.`);
        const left = daysBetween(asOf, lot.expirationDate);
        if (left < minRemaining && !m.override)
          throw conflict(
            `Lot ${lot.lotId} has ${left} days of shelf life left; ${m.customerId ? `customer ${m.customerId}` : 'the product'} requires ${minRemaining}. Send "override": {"reason": …} to ship it anyway.`,
            { daysLeft: left, required: minRemaining },
          );
        if (lot.quantityOnHand < m.quantity) throw shortage(sku, m.quantity, lot.quantityOnHand);
        const overridden =
          left < minRemaining && m.override ? { override: { reason: m.override.reason, daysLeft: left, required: minRemaining } } : {};
        return {
          ...out,
          quantity: m.quantity,
          lines: [{ lotId: lot.lotId, warehouse: lot.warehouse, delta: -m.quantity }],
          audit: overridden,
        };
      }
      // Stock in one warehouse does not serve another: ship from the named warehouse, else the
      // customer's, else the only warehouse holding the SKU — never from a network-wide ranking.
      const warehouse = m.warehouse ?? customer?.warehouse ?? undefined;
      // Archived lots are empty by construction; the planning engine never sees them.
      const lots = (await lotsForSku(db, tenantId, sku, warehouse)).filter(isLiveLot);
      if (!warehouse) {
        const stocked = [...new Set(lots.filter((l) => l.quantityOnHand > 0).map((l) => l.warehouse))].sort();
        if (stocked.length > 1)
          throw invalid('Name the warehouse to ship from.', [
            { path: 'warehouse', message: `${sku} is stocked in ${stocked.join(', ')}; an OUT ships from one warehouse.` },
          ]);
      }
      const allocation = allocateFefo(lots, m.quantity, asOf, { minRemainingDays: minRemaining });
      if (allocation.shortage > 0) throw shortage(sku, m.quantity, allocation.allocated);
      return {
        ...out,
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
    .select({ sku: products.sku, minRemaining: products.minRemainingShelfLifeDays, archived: products.archived })
    .from(products)
    .where(and(eq(products.tenantId, tenantId), eq(products.sku, sku)));
  return p;
}

async function customerRule(db: Db, tenantId: string, customerId: string) {
  const [c] = await db
    .select({ minRemaining: customers.minRemainingShelfLifeDays, warehouse: customers.warehouse })
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
 * stock first. The caller flushes the tenant's audit outbox (worker/audit) afterwards. A caller
 * that must write a movement at most once (executing an action) passes a stable id.
 */
export async function postMovement(db: Db, tenantId: string, actor: Actor, input: MovementInput, id: string = crypto.randomUUID()) {
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
