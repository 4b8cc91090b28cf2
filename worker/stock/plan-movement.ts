// Turns a requested movement into ledger lines: reads the lots, product and customer rules, checks
// them, and for an OUT without a lot lets the planning engine pick the lots FEFO
// (domain/shipping.ts). Nothing is written here.
import type { Db } from '../data/db';
import {
  customerRule,
  findLotByKey,
  isLiveLot,
  lotApiId,
  lotCandidates,
  lotNumberOfOtherSku,
  lotsForSku,
  productRules,
  warehouseCode,
  type LotRow,
  type MovementDraft,
  type NewLot,
} from '../data/movements.repo';
import { productUnitCost } from '../data/receiving.repo';
import { tenantToday } from '../data/tenant-time';
import { daysBetween } from '../domain/dates';
import { pickShipment, shortage } from '../domain/shipping';
import { lotLimitProblems, MAX_LOT_UNITS } from '../domain/record-limits';
import { sellableOn } from '../lib/dates';
import { invalidInput, stateConflict, type FieldError } from '../lib/errors';
import { sameKey } from '../lib/keys';
import type { Actor, MovementRequest } from './types';

/** A planned movement plus its audit extras: what a reader needs beyond the lines (an override). */
export type Planned = MovementDraft & { audit?: Record<string, unknown> };

/** Attributes a MOVE carries to the destination; a lot there with other values cannot take the units. */
const IDENTITY = ['expirationDate', 'receivedDate', 'unitCost', 'status'] as const;

/**
 * The one lot a request names: by API id, or by lot number within the SKU (and warehouse, if
 * given). Errors (invalid): the lot number is in several warehouses, holds another SKU, or is unknown.
 */
export async function resolveLot(db: Db, tenantId: string, ref: string, sku: string, warehouse?: string): Promise<LotRow> {
  const candidates = await lotCandidates(db, tenantId, ref);
  const inScope = (l: LotRow) => sameKey(l.sku, sku) && (!warehouse || sameKey(l.warehouse, warehouse));
  // A lot number stocked in several warehouses needs the warehouse, even when one of them has it as id.
  const matches = candidates.filter((l) => sameKey(l.lotId, ref) && inScope(l));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1)
    throw invalidInput('The lot number is stocked in several warehouses; name the warehouse.', [
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
    throw invalidInput('The lot holds another SKU.', [
      { path: 'lotId', value: ref, message: `Lot "${ref}" holds ${other.sku}, not ${sku}.` },
    ]);
  throw invalidInput('Unknown lot.', [
    { path: 'lotId', value: ref, message: `Lot "${ref}" of ${sku}${warehouse ? ` in ${warehouse}` : ''} does not exist.` },
  ]);
}

async function canonicalWarehouse(db: Db, tenantId: string, code: string, path: string): Promise<string> {
  const stored = await warehouseCode(db, tenantId, code);
  if (!stored) throw invalidInput('Unknown warehouse.', [{ path, value: code, message: `Unknown warehouse "${code}".` }]);
  return stored;
}

/**
 * Plans movement `id` for `m` as posted by `actor`. Errors: invalid (unknown SKU, lot, warehouse or
 * customer; bad dates), conflict (archived product or lot, expired or short-dated lot, shortage,
 * a MOVE into a lot that differs: code `lot-mismatch`).
 */
export async function planMovement(db: Db, tenantId: string, actor: Actor, id: string, m: MovementRequest): Promise<Planned> {
  const rules = await productRules(db, tenantId, m.sku);
  if (!rules) throw invalidInput('Unknown SKU.', [{ path: 'sku', value: m.sku, message: `Unknown sku "${m.sku}".` }]);
  // Stored as first seen: the ledger writes the product's own spelling of the SKU.
  const sku = rules.sku;
  if (rules.archived) throw stateConflict(`Product ${m.sku} is archived; restore it before posting stock.`);
  const draft = { id, type: m.type, sku, reason: m.reason, reference: m.reference, createdBy: actor.email, createdById: actor.userId };
  // A named warehouse must exist, whatever the movement: an unknown one is the user's typo, never
  // "not enough stock" or "unknown lot" (an OUT from "WH-X" has no stock there because there is no WH-X).
  if (m.type !== 'IN' && m.warehouse !== undefined)
    m = { ...m, warehouse: await canonicalWarehouse(db, tenantId, m.warehouse, 'warehouse') };
  switch (m.type) {
    case 'IN': {
      const warehouse = await canonicalWarehouse(db, tenantId, m.warehouse, 'warehouse');
      const existing = await findLotByKey(db, tenantId, sku, m.lotId, warehouse);
      if (existing) {
        if (m.quantity > MAX_LOT_UNITS - existing.quantityOnHand)
          throw invalidInput('The lot would hold too many units.', [
            { path: 'quantity', value: String(m.quantity), message: `A lot holds at most ${MAX_LOT_UNITS.toLocaleString('en-US')} units.` },
          ]);
        if (m.expirationDate && m.expirationDate !== existing.expirationDate)
          throw invalidInput('The lot exists with another expiration date.', [
            { path: 'expirationDate', value: m.expirationDate, message: `Lot "${m.lotId}" expires ${existing.expirationDate}.` },
          ]);
        return { ...draft, quantity: m.quantity, lines: [{ lotId: existing.lotId, warehouse: existing.warehouse, delta: m.quantity }] };
      }
      // A new lot may not take a lot number another SKU holds (a receipt of the wrong product or lot).
      const taken = await lotNumberOfOtherSku(db, tenantId, m.lotId, sku);
      if (taken)
        throw stateConflict(`Lot ${taken.lotId} already holds ${taken.sku} (in ${taken.warehouse}); it cannot be received as ${sku}.`, {
          lotId: taken.lotId,
          sku: taken.sku,
          warehouse: taken.warehouse,
        });
      const errors: FieldError[] = [];
      const today = await tenantToday(db, tenantId);
      const receivedDate = m.receivedDate ?? today;
      // Stock on hand was received by today: a later receipt date is a typo or an inbound shipment.
      if (receivedDate > today)
        errors.push({ path: 'receivedDate', value: receivedDate, message: `A lot cannot be received after today (${today}).` });
      if (!m.expirationDate) errors.push({ path: 'expirationDate', message: 'A new lot needs an expiration date.' });
      else if (m.expirationDate <= receivedDate)
        errors.push({ path: 'expirationDate', value: m.expirationDate, message: 'Expiration must be after receipt.' });
      else if (!sellableOn(m.expirationDate, today) && m.status !== 'quarantine')
        errors.push({
          path: 'expirationDate',
          value: m.expirationDate,
          message: 'The lot has already expired; receive it with status "quarantine" or do not receive it.',
        });
      // The limits every lot is held to, the importer's too (domain/record-limits).
      for (const p of lotLimitProblems(
        { receivedDate, expirationDate: m.expirationDate, quantity: m.quantity, shelfLifeDays: rules.shelfLifeDays },
        today,
      ))
        if (!errors.some((e) => e.path === p.field))
          errors.push({
            path: p.field,
            value: { receivedDate, expirationDate: m.expirationDate, quantity: String(m.quantity) }[p.field],
            message: p.message,
          });
      if (errors.length) throw invalidInput('The new lot is invalid.', errors);
      const newLot: NewLot = {
        id: await lotApiId(db, tenantId, m.lotId, warehouse, sku),
        lotId: m.lotId,
        sku,
        warehouse,
        receivedDate,
        expirationDate: m.expirationDate!,
        // Without a cost the lot is valued at the product's, as a receipt values it (not $0).
        unitCost: m.unitCost ?? (await productUnitCost(db, tenantId, sku)) ?? 0,
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
          throw invalidInput('Unknown customer.', [
            { path: 'customerId', value: m.customerId, message: `Unknown customer "${m.customerId}".` },
          ]);
        minRemaining = customer.minRemaining ?? rules.minRemaining;
      }
      const out = { ...draft, customerId: m.customerId ?? null };
      if (m.lotId) {
        const lot = await resolveLot(db, tenantId, m.lotId, sku, m.warehouse);
        if (lot.status !== 'available') throw stateConflict(`Lot ${lot.lotId} is ${lot.status} and cannot ship.`);
        if (!sellableOn(lot.expirationDate, asOf))
          throw stateConflict(`Lot ${lot.lotId} expired on ${lot.expirationDate}; write it off instead.`);
        const left = daysBetween(asOf, lot.expirationDate);
        if (left < minRemaining && !m.override)
          throw stateConflict(
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
      // Ship from the named warehouse, else the customer's, else the only warehouse holding the SKU.
      const warehouse = m.warehouse ?? customer?.warehouse ?? undefined;
      // Archived lots are empty by construction; the planning engine never sees them.
      const lots = (await lotsForSku(db, tenantId, sku, warehouse)).filter(isLiveLot);
      return { ...out, quantity: m.quantity, lines: pickShipment(lots, sku, m.quantity, asOf, minRemaining, warehouse) };
    }
    case 'MOVE': {
      const lot = await resolveLot(db, tenantId, m.lotId, sku, m.warehouse);
      const toWarehouse = await canonicalWarehouse(db, tenantId, m.toWarehouse, 'toWarehouse');
      if (sameKey(lot.warehouse, toWarehouse))
        throw invalidInput('The lot is already in that warehouse.', [
          { path: 'toWarehouse', value: m.toWarehouse, message: 'Same as the source warehouse.' },
        ]);
      if (lot.quantityOnHand < m.quantity) throw shortage(sku, m.quantity, lot.quantityOnHand);
      if (lot.status === 'archived') throw stateConflict(`Lot ${lot.lotId} is archived.`);
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
        throw stateConflict(
          `Lot ${lot.lotId} of ${lot.sku} in ${dest.warehouse} differs in ${differ.join(', ')}; the moved units cannot merge into it.`,
          { differences: differ.map((k) => ({ field: k, source: lot[k], destination: dest[k] })) },
          'lot-mismatch',
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
