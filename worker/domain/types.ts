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

export type InboundStatus = 'planned' | 'ordered' | 'in_transit' | 'delayed' | 'received' | 'cancelled';

export interface InboundShipment {
  id?: string;
  sku: string;
  warehouse?: string;
  quantity: number;
  etaDate: IsoDate;
  status: InboundStatus;
}

/** Daily units sold, one value per day starting at startDate (missing days are 0). */
export interface DailyDemand {
  sku: string;
  startDate: IsoDate;
  values: number[];
}

export interface OrderLine {
  orderId?: string;
  customerId: string;
  sku: string;
  orderDate: IsoDate;
  quantity: number;
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
  return s.status === 'planned' || s.status === 'ordered' || s.status === 'in_transit' || s.status === 'delayed';
}
