import type { ClassificationSettings, ClassifiedSku } from './abc-xyz';
import type { Anomaly } from './anomalies';
import type { CustomerCadence } from './cadence';
import type { Confidence } from './confidence';
import type { SkipCode } from './fefo';
import type { DemandForecast } from './forecast/forecast';
import type { SkuInsights } from './insights';
import type { ReorderRecommendation } from './reorder';
import type { StatusResult } from './status';
import type { DailyDemand, InboundShipment, IsoDate, Lot, OrderLine, Product, StockAdjustment } from './types';
import type { SkuWasteRisk } from './waste';
import type { WasteRollUp } from './waste-rollup';

/** Everything planTenant reads: one tenant's master data, stock and history. */
export interface PlanInput {
  products: readonly Product[];
  lots: readonly Lot[];
  inbound: readonly InboundShipment[];
  /** Daily sales per SKU up to the day before asOf; days after the series ends count as 0. */
  demand: readonly DailyDemand[];
  orders?: readonly OrderLine[];
  adjustments?: readonly StockAdjustment[];
}

export interface PlanSettings {
  classification: ClassificationSettings;
  reviewPeriodDays: number;
  wastePaths: number;
  seed: number;
  backtestOrigins: number;
  anomalyLookbackDays: number;
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
  }[];
  skipped: { lotId: string; warehouse: string; quantity: number; code: SkipCode; reason: string }[];
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
}

export interface TenantPlan {
  asOf: IsoDate;
  skus: SkuPlan[];
  waste: WasteRollUp;
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
