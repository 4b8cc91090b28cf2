// Which lots an OUT without a named lot ships from: one warehouse's sellable lots, split first-
// expired-first-out (fefo.ts). Stock in one warehouse does not serve another, so when no warehouse
// is named (by the request or the customer) the SKU must be stocked in exactly one.
import { allocateFefo } from './fefo';
import type { IsoDate, Lot } from './types';
import { invalidInput, stateConflict } from '../lib/errors';

/** The 409 of a movement that asks for more sellable units than there are; carries both figures. */
export const shortage = (sku: string, wanted: number, available: number) =>
  stateConflict(`Not enough sellable stock of ${sku}: ${wanted} requested, ${available} available.`, { requested: wanted, available });

/** One ledger line of a shipment: units leave lot `lotId` in `warehouse` (delta < 0). */
export interface ShipLine {
  lotId: string;
  warehouse: string;
  delta: number;
}

/**
 * Splits `quantity` units of `sku` over `lots` (live lots of that SKU, in `warehouse` when one is
 * named) FEFO as of `asOf`, keeping at least `minRemainingDays` of shelf life.
 * Errors: invalid when no warehouse is named and the SKU is stocked in several; conflict
 * (`shortage`) when the sellable units do not cover the quantity.
 */
export function pickShipment(
  lots: readonly Lot[],
  sku: string,
  quantity: number,
  asOf: IsoDate,
  minRemainingDays: number,
  warehouse?: string,
): ShipLine[] {
  if (!warehouse) {
    const stocked = [...new Set(lots.filter((l) => l.quantityOnHand > 0).map((l) => l.warehouse))].sort();
    if (stocked.length > 1)
      throw invalidInput('Name the warehouse to ship from.', [
        { path: 'warehouse', message: `${sku} is stocked in ${stocked.join(', ')}; an OUT ships from one warehouse.` },
      ]);
  }
  const allocation = allocateFefo(lots, quantity, asOf, { minRemainingDays });
  if (allocation.shortage > 0) throw shortage(sku, quantity, allocation.allocated);
  return allocation.picks.map((p) => ({ lotId: p.lotId, warehouse: p.warehouse, delta: -p.quantity }));
}
