/**
 * Plain inputs of the planning engine. Dates are ISO yyyy-mm-dd strings; quantities are units.
 * The API maps database rows to these; nothing here knows about storage.
 */
export type IsoDate = string;

export type LotStatus = 'available' | 'quarantine' | 'hold' | 'damaged' | 'expired' | 'consumed';

export interface Lot {
  lotId: string;
  sku: string;
  warehouse: string;
  quantityOnHand: number;
  receivedDate: IsoDate;
  expirationDate: IsoDate;
  unitCost: number;
  status: LotStatus;
}

export interface Product {
  sku: string;
  name?: string;
  category?: string;
  shelfLifeDays: number;
  caseSize: number;
  moq: number;
  leadTimeDays: number;
  leadTimeSdDays: number;
  unitCost: number;
  unitPrice: number;
  /** Days of shelf life a customer requires left at delivery. */
  minRemainingShelfLifeDays: number;
  /** Planner overrides; when set they replace the computed values. */
  safetyStock?: number;
  reorderPoint?: number;
}

/** `arrived`: at the dock, not yet received into lots. */
export type InboundStatus = 'planned' | 'ordered' | 'in_transit' | 'delayed' | 'arrived' | 'received' | 'cancelled';

export interface InboundShipment {
  id?: string;
  sku: string;
  /** Destination warehouse; absent = the network (planned at the SKU's first warehouse by code). */
  warehouse?: string;
  quantity: number;
  /** Units already received into lots (partial receipts); only the rest is still inbound. */
  quantityReceived?: number;
  /** The supplier's expected arrival; may be in the past for a late shipment. */
  etaDate: IsoDate;
  status: InboundStatus;
}

/** A customer as planning sees it: its own shelf-life rule and the warehouse that serves it. */
export interface Customer {
  customerId: string;
  /** Minimum remaining shelf life (days) the customer accepts; null = the product's rule. */
  minRemainingShelfLifeDays: number | null;
  /** Warehouse that usually ships to this customer; null = unknown. */
  warehouse: string | null;
  region?: string;
}

export interface Warehouse {
  code: string;
  region?: string;
}

/**
 * A promotion of one SKU (price cut, feature, display) from a promotions import: its first and last
 * day, inclusive. The forecasts take promotions as a regressor (forecast/promotion-effect.ts).
 */
export interface Promotion {
  sku: string;
  startDate: IsoDate;
  endDate: IsoDate;
}

/** Daily units sold, one value per day starting at startDate (missing days are 0). */
export interface DailyDemand {
  sku: string;
  startDate: IsoDate;
  values: number[];
  /**
   * Optional, one flag per value: the day began with no sellable stock of the SKU (from the
   * stock ledger, planning.map.ts: stockOutFlags). Such a day without sales is censored —
   * missing, not zero demand (forecast/censored.ts).
   */
  stockedOut?: boolean[];
}

export interface OrderLine {
  orderId?: string;
  customerId: string;
  sku: string;
  orderDate: IsoDate;
  quantity: number;
  /** Shipping warehouse when the order names one. */
  warehouse?: string | null;
}

/** A manual stock correction (ADJUST / WRITE_OFF movement), signed. */
export interface StockAdjustment {
  id?: string;
  sku: string;
  warehouse?: string;
  date: IsoDate;
  quantity: number;
  reason?: string;
}

export type AbcClass = 'A' | 'B' | 'C';
export type XyzClass = 'X' | 'Y' | 'Z';
export type AbcXyz = `${AbcClass}${XyzClass}`;

/** Inbound that will still arrive (received shipments are already lots; cancelled never come). */
export function isOpenInbound(s: InboundShipment): boolean {
  return openInboundQuantity(s) > 0;
}

/** Units still to arrive: ordered minus received, 0 for received and cancelled shipments. */
export function openInboundQuantity(s: InboundShipment): number {
  if (s.status === 'received' || s.status === 'cancelled') return 0;
  const left = s.quantity - Math.max(0, s.quantityReceived ?? 0);
  return Number.isFinite(left) && left > 0 ? left : 0;
}
