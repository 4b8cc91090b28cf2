// The rows the generator writes and the ground truth behind them. Column names are the import
// templates' own (worker/imports/entities.ts); sample_data/check.ts holds every file's header
// against them.
import { ENTITIES } from '../worker/imports/entities';
import type { CustomerChannel, DemandPattern, SeasonTags } from './catalog';

export type { CustomerChannel, DemandPattern, SeasonTags };

/* ============================================================================================ */
/* Public types                                                                                 */
/* ============================================================================================ */

export type Profile = 'demo' | 'acme';

export interface GenerateOptions {
  /** Any integer; the same seed gives the same data. */
  seed: number;
  /** "Today" for the data set, yyyy-mm-dd. Order history ends the day before. */
  anchorDate: string;
  profile: Profile;
}

/** The entities (= file base names) in the order the sample files are written and checked. */
export const ENTITY_NAMES = ['warehouses', 'products', 'inventory_lots', 'customers', 'orders', 'inbound_shipments'] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

/** Template columns the sample leaves out: every history order line is shipped, one line per SKU. */
const LEFT_OUT: Partial<Record<EntityName, readonly string[]>> = { orders: ['status', 'line'] };

/** Column order of every CSV file: the import template's (worker/imports/entities.ts), keyed by entity. */
export const ENTITY_COLUMNS = Object.fromEntries(
  ENTITY_NAMES.map((e) => [e, ENTITIES[e].fields.map((f) => f.name).filter((n) => !LEFT_OUT[e]?.includes(n))]),
) as unknown as { readonly [E in EntityName]: readonly (keyof EntityRowMap[E] & string)[] };

export interface WarehouseRow {
  code: string;
  name: string;
  region: string;
}

export interface ProductRow {
  sku: string;
  name: string;
  category: string;
  /** Sellable units per case. */
  case_size: number;
  shelf_life_days: number;
  /** USD per unit. */
  unit_cost: number;
  /** USD per unit. */
  unit_price: number;
  lead_time_days: number;
  /** Minimum order quantity in units (a whole number of cases). */
  moq: number;
  supplier: string;
  lead_time_sd_days: number;
  /** Minimum remaining shelf life (days) a customer accepts at shipment. */
  min_remaining_shelf_life_days: number;
  /** Optional override in units; '' = let the planner compute it. */
  safety_stock: number | '';
  /** Optional override in units; '' = let the planner compute it. */
  reorder_point: number | '';
}

export type LotStatus = 'available' | 'quarantine';

export interface InventoryLotRow {
  lot_id: string;
  sku: string;
  /** Warehouse code. */
  warehouse: string;
  quantity_on_hand: number;
  received_date: string;
  expiration_date: string;
  /** USD per unit (landed cost of this lot). */
  unit_cost: number;
  status: LotStatus;
}

export interface CustomerRow {
  customer_id: string;
  name: string;
  region: string;
  channel: CustomerChannel;
}

/** One order line; (order_id, sku) is unique. */
export interface OrderLineRow {
  order_id: string;
  customer_id: string;
  order_date: string;
  sku: string;
  /** Units. */
  quantity: number;
}

export type ShipmentStatus = 'planned' | 'in_transit' | 'arrived' | 'delayed';

export interface InboundShipmentRow {
  shipment_id: string;
  sku: string;
  quantity: number;
  eta_date: string;
  origin: string;
  status: ShipmentStatus;
}

export interface TenantData {
  warehouses: WarehouseRow[];
  products: ProductRow[];
  lots: InventoryLotRow[];
  customers: CustomerRow[];
  orders: OrderLineRow[];
  inboundShipments: InboundShipmentRow[];
}

/** Which entity (template / file name) each TenantData key holds. */
export const TENANT_DATA_ENTITIES: { readonly [K in keyof TenantData]: EntityName } = {
  warehouses: 'warehouses',
  products: 'products',
  lots: 'inventory_lots',
  customers: 'customers',
  orders: 'orders',
  inboundShipments: 'inbound_shipments',
};

/** The row type of each entity. */
export interface EntityRowMap {
  warehouses: WarehouseRow;
  products: ProductRow;
  inventory_lots: InventoryLotRow;
  customers: CustomerRow;
  orders: OrderLineRow;
  inbound_shipments: InboundShipmentRow;
}

export type StockScenario = 'healthy' | 'overstock' | 'low' | 'stockout';

/** Ground truth behind the generated data — handy for tests of the planning engine. */
export interface SkuTruth {
  sku: string;
  pattern: DemandPattern;
  /** Tenant-wide base demand at the anchor date before seasonality / promotions, units/day. */
  baseDailyUnits: number;
  /** Relative change per year (0.6 = +60 %/year). */
  trendPerYear: number;
  /** First day with demand (new launches only). */
  launchDate?: string;
  season: SeasonTags;
  promotions: { start: string; end: string; lift: number }[];
  stockScenario: StockScenario;
  /** Customers buying the SKU. */
  customerIds: string[];
}

export interface CustomerTruth {
  customer_id: string;
  cadence: string;
  /** 0 = Sunday … 6 = Saturday. */
  orderWeekdays: number[];
  periodWeeks: 1 | 2;
  lifecycle: 'active' | 'onboarded' | 'churned' | 'lapsing';
  firstOrderDate: string | null;
  lastOrderDate: string | null;
  buysFullCases: boolean;
  skus: string[];
}

export interface GenerationTruth {
  profile: Profile;
  seed: number;
  anchorDate: string;
  historyStart: string;
  historyEnd: string;
  skus: SkuTruth[];
  customers: CustomerTruth[];
  /** Order lines whose quantity was deliberately multiplied (sales anomalies). */
  anomalies: { order_id: string; sku: string; order_date: string; factor: number }[];
  /**
   * The generating process's expected units per day, from historyStart (index 0) to historyEnd:
   * Σ over the day's order lines of E[quantity] = rate × accumulated demand multiplier × E[order
   * scale] — what a forecaster that knew the true model (and the order days) would forecast.
   * Anomalies are not in it.
   */
  expectedDailyUnits: number[];
  /**
   * Each customer's expected consumption of each SKU per day while it is a customer (rate ×
   * demand multiplier × weekday factor × E[order scale]), keyed `sku + "\u0000" + customer_id`,
   * one entry per day of the history (index 0 = historyStart). What its orders accumulate, on
   * whichever days they fall (skipped and moved order days are not in it): the known-demand bound
   * of the replay (scripts/replay-oracle.ts). Anomalies are not in it.
   */
  expectedBySkuCustomer: Map<string, Float64Array>;
}
