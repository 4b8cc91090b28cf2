// Database rows → the planning engine's plain types. Pure, so the API's loaders and the
// benchmarks map data the same way.
import { addDays, toDay } from '../domain/dates';
import type { DailyDemand, InboundShipment, InboundStatus, Lot, Product } from '../domain/types';
import type { inboundShipments, lots, products } from './schema';
import { lotNumberOf } from '../domain/lot-number';

export { lotNumberOf };

type ProductRow = Pick<
  typeof products.$inferSelect,
  | 'sku'
  | 'name'
  | 'category'
  | 'shelfLifeDays'
  | 'caseSize'
  | 'moq'
  | 'leadTimeDays'
  | 'leadTimeSdDays'
  | 'unitCost'
  | 'unitPrice'
  | 'minRemainingShelfLifeDays'
  | 'safetyStock'
  | 'reorderPoint'
>;
type LotRow = Pick<
  typeof lots.$inferSelect,
  'id' | 'lotId' | 'sku' | 'warehouse' | 'quantityOnHand' | 'receivedDate' | 'expirationDate' | 'unitCost' | 'status'
>;
type InboundRow = Pick<typeof inboundShipments.$inferSelect, 'shipmentId' | 'sku' | 'quantity' | 'etaDate' | 'status'> &
  Partial<Pick<typeof inboundShipments.$inferSelect, 'quantityReceived' | 'warehouse'>>;

export const toProduct = (p: ProductRow): Product => ({
  sku: p.sku,
  name: p.name,
  category: p.category,
  shelfLifeDays: p.shelfLifeDays,
  caseSize: p.caseSize,
  moq: p.moq,
  leadTimeDays: p.leadTimeDays,
  leadTimeSdDays: p.leadTimeSdDays,
  unitCost: p.unitCost,
  unitPrice: p.unitPrice,
  minRemainingShelfLifeDays: p.minRemainingShelfLifeDays,
  ...(p.safetyStock !== null ? { safetyStock: p.safetyStock } : {}),
  ...(p.reorderPoint !== null ? { reorderPoint: p.reorderPoint } : {}),
});

// The engine names a lot by its API id: unique in the tenant, while a lot number may repeat across
// SKUs and warehouses (the id is the lot number itself unless that was taken).

/** An engine lot (or a row spread from one) as answers name lots: `lotId` the printed number, `id` the API id. */
export const shownLot = <T extends { lotId: string }>(l: T): Omit<T, 'lotId' | 'id'> & { lotId: string; id: string } => ({
  ...l,
  id: l.lotId,
  lotId: lotNumberOf(l.lotId),
});

/** `text` naming the lot by its printed number where it named it by its API id (the engine's reasons do). */
export const withLotNumber = (text: string, apiId: string | null | undefined): string =>
  apiId && apiId.includes('~') ? text.split(apiId).join(lotNumberOf(apiId)) : text;
export const toLot = (l: LotRow): Lot => ({
  lotId: l.id,
  sku: l.sku,
  warehouse: l.warehouse,
  quantityOnHand: l.quantityOnHand,
  receivedDate: l.receivedDate,
  expirationDate: l.expirationDate,
  unitCost: l.unitCost,
  status: l.status === 'archived' ? 'consumed' : l.status,
});

// The engine decides when inbound can count (worker/domain/inbound.ts): the original ETA is kept
// (a past ETA means "late, arrival unknown"), received units are subtracted, cancelled never counts.
const INBOUND_STATUS: Record<string, InboundStatus> = {
  planned: 'planned',
  in_transit: 'in_transit',
  delayed: 'delayed',
  arrived: 'arrived',
  received: 'received',
  cancelled: 'cancelled',
};

export const toInbound = (s: InboundRow, _asOf?: string): InboundShipment => ({
  id: s.shipmentId,
  sku: s.sku,
  quantity: s.quantity,
  ...(s.quantityReceived ? { quantityReceived: s.quantityReceived } : {}),
  ...(s.warehouse ? { warehouse: s.warehouse } : {}),
  status: INBOUND_STATUS[s.status] ?? 'planned',
  etaDate: s.etaDate,
});

/** A SKU's stock now and its ledger: what stockOutFlags reconstructs opening stock from. */
export interface StockLedger {
  /** Sellable units on hand now (all warehouses). */
  onHand: number;
  /** Net stock change per day (receipts +, shipments and write-offs −), any order. */
  deltas: readonly { day: string; delta: number }[];
}

/**
 * One flag per day from `startDate` to the day before `asOf`: true when the day began with no
 * stock. Opening stock of day d = on hand now − Σ ledger deltas on days ≥ d (the ledger read
 * backwards from today). Days before the first ledger entry are unknown and never flagged, so a
 * tenant whose ledger starts late (lots imported without movements) is not read as out of stock.
 */
export function stockOutFlags(ledger: StockLedger, startDate: string, asOf: string): boolean[] {
  const start = toDay(startDate);
  const end = toDay(asOf);
  const n = Math.max(0, end - start);
  const flags = new Array<boolean>(n).fill(false);
  if (ledger.deltas.length === 0) return flags;
  const byDay = new Map<number, number>();
  let first = Infinity;
  for (const d of ledger.deltas) {
    const day = toDay(d.day);
    byDay.set(day, (byDay.get(day) ?? 0) + Number(d.delta));
    if (day < first) first = day;
  }
  // Opening stock of `asOf` itself: today's movements happened after the day began.
  let opening = ledger.onHand - (byDay.get(end) ?? 0);
  for (let day = end - 1; day >= start; day--) {
    opening -= byDay.get(day) ?? 0;
    if (day < first) break;
    if (day - start < n) flags[day - start] = opening <= 0;
  }
  return flags;
}

/**
 * Units per SKU and day (any order, repeats summed) → one zero-filled series per SKU ending the
 * day before `asOf`. With `ledgers` (per SKU) each series also carries its stock-out flags.
 */
export function dailyDemandFrom(
  rows: Iterable<{ sku: string; day: string; qty: number }>,
  asOf: string,
  ledgers?: ReadonlyMap<string, StockLedger>,
): DailyDemand[] {
  const bySku = new Map<string, { day: number; qty: number }[]>();
  for (const r of rows) {
    const list = bySku.get(r.sku) ?? [];
    list.push({ day: toDay(r.day), qty: Number(r.qty) });
    bySku.set(r.sku, list);
  }
  const end = toDay(asOf);
  const out: DailyDemand[] = [];
  for (const [sku, list] of bySku) {
    const first = Math.min(...list.map((x) => x.day));
    const values = new Array<number>(Math.max(0, end - first)).fill(0);
    for (const x of list) if (x.day < end) values[x.day - first] += x.qty;
    const startDate = addDays(asOf, first - end);
    const ledger = ledgers?.get(sku);
    out.push(ledger ? { sku, startDate, values, stockedOut: stockOutFlags(ledger, startDate, asOf) } : { sku, startDate, values });
  }
  return out;
}
