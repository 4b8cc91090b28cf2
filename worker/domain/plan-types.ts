import type { ClassificationSettings, ClassifiedSku } from './abc-xyz';
import type { Anomaly } from './anomalies';
import type { CustomerCadence } from './cadence';
import type { Confidence } from './confidence';
import type { SkipCode } from './fefo';
import type { DemandForecast } from './forecast/forecast';
import type { HolidayWindow } from './forecast/holiday-effect';
import type { SkuInsights } from './insights';
import type { ReorderRecommendation } from './reorder';
import type { StatusResult } from './status';
import type {
  Customer,
  DailyDemand,
  InboundShipment,
  IsoDate,
  Lot,
  OrderLine,
  Product,
  Promotion,
  StockAdjustment,
  Warehouse,
} from './types';
import type { ShelfLifeSegment } from './shelf-life';
import type { TransferRecommendation } from './network';
import type { OverdueCustomer } from './cadence';
import type { SkuWasteRisk } from './waste';
import type { WasteRollUp } from './waste-rollup';

/** Everything planTenant reads: one tenant's master data, stock and history. */
export interface PlanInput {
  products: readonly Product[];
  lots: readonly Lot[];
  inbound: readonly InboundShipment[];
  /** Daily sales per SKU up to the day before asOf; days after the series ends count as 0. */
  demand: readonly DailyDemand[];
  /** Order lines of the last year (demand per warehouse, customers' shelf-life rules, cadence). */
  orders?: readonly OrderLine[];
  adjustments?: readonly StockAdjustment[];
  /** Customers' own shelf-life rules and warehouses. */
  customers?: readonly Customer[];
  /** The tenant's warehouses (codes and regions). */
  warehouses?: readonly Warehouse[];
  /** Observed delays (days past ETA) of the tenant's late shipments; their median sets the late delay. */
  lateShipmentDelays?: readonly number[];
  /** Past and planned promotions: each SKU's profile forecast keeps promotion factors where they lower its backtest score. */
  promotions?: readonly Promotion[];
}

export interface PlanSettings {
  classification: ClassificationSettings;
  reviewPeriodDays: number;
  wastePaths: number;
  seed: number;
  backtestOrigins: number;
  anomalyLookbackDays: number;
  /** Days a late shipment (past ETA, not received) is expected from today without history. */
  lateInboundDelayDays: number;
  /** Days a transfer between warehouses takes. */
  transferLeadTimeDays: number;
  /** Anomalies kept per tenant, most surprising first. */
  anomalyLimit: number;
  /**
   * The tenant's holidays (first day of each, domain/holidays.ts holidayWindows): each SKU's
   * profile forecast keeps holiday-week factors where they lower its backtest score. None: no
   * holiday factors.
   */
  holidays?: readonly HolidayWindow[];
  /**
   * ABC/XYZ classes computed over the whole tenant (a refresh split into chunks passes them so a
   * SKU's class does not depend on its chunk); SKUs missing here are classified among this input.
   */
  classes?: ReadonlyMap<string, ClassifiedSku>;
}

/** The automatic forecast as the plan keeps it: the candidates' scores dropped, a confidence note added. */
export type ForecastSummary = Omit<DemandForecast, 'family' | 'candidates'> & { confidence: Confidence };

export interface FefoView {
  ranked: {
    rank: number;
    lotId: string;
    warehouse: string;
    quantity: number;
    expirationDate: IsoDate;
    daysToExpiry: number;
    reason: string;
    /** The same reason in Korean; absent in plans stored before it was written. */
    reasonKo?: string;
  }[];
  skipped: { lotId: string; warehouse: string; quantity: number; code: SkipCode; reason: string; reasonKo?: string }[];
}

/** One SKU in one warehouse: its share of demand, the rules of its buyers there, and its own plan. */
export interface WarehousePlan {
  warehouse: string;
  /** Share of the SKU's demand shipped from here (0-1). */
  demandShare: number;
  demandBasis: 'orders' | 'stock' | 'even';
  shelfLifeRules: ShelfLifeSegment[];
  status: StatusResult;
  reorder: ReorderRecommendation;
  waste: SkuWasteRisk;
  fefo: FefoView;
}

export interface SkuPlan {
  sku: string;
  name?: string;
  forecast: ForecastSummary;
  classification: ClassifiedSku;
  status: StatusResult;
  reorder: ReorderRecommendation;
  waste: SkuWasteRisk;
  insights: SkuInsights;
  fefo: FefoView;
  customers: CustomerCadence[];
  anomalies: Anomaly[];
  /** Per-warehouse plans; the SKU's status, reorder and waste above are their network roll-up. */
  warehouses: WarehousePlan[];
  transfers: TransferRecommendation[];
}

export interface TenantPlan {
  asOf: IsoDate;
  skus: SkuPlan[];
  waste: WasteRollUp;
  transfers: TransferRecommendation[];
  /** Customers overdue on their buying cadence, most overdue first. */
  overdueCustomers: OverdueCustomer[];
  /** The late delay used (days from today), and where it came from. */
  lateInboundDelay: { days: number; basis: 'history' | 'default' };
  totals: {
    skus: number;
    capitalLocked: number;
    capitalAtRisk: number;
    status: Record<'critical' | 'warning' | 'healthy', number>;
    ordersRecommended: number;
    orderValue: number;
  };
  /** Inputs that were ignored, e.g. lots of SKUs without a product. */
  warnings: string[];
}
