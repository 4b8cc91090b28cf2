/** Public surface of the planning engine (pure functions; no bindings, no I/O). */
export { planTenant, DEFAULT_PLAN_SETTINGS } from './plan';
export type { PlanInput, PlanSettings, SkuPlan, TenantPlan, ForecastSummary, FefoView } from './plan-types';
export {
  rankFefo,
  allocateFefo,
  type FefoOptions,
  type FefoRanking,
  type FefoAllocation,
  type LotPick,
  type RankedLot,
  type SkippedLot,
} from './fefo';
export { forecastDemand, forecastSeries, type DemandForecast, type ForecastOptions } from './forecast/forecast';
export { recommendReorder, type ReorderInput, type ReorderRecommendation } from './reorder';
export { roundOrder, type ReorderAction, type ReorderFlag } from './order-rounding';
export { simulateWasteRisk, type SkuWasteRisk, type LotWasteRisk, type WasteInput } from './waste';
export { rollUpWaste, type WasteRollUp } from './waste-rollup';
export { classifyAbcXyz, weeklyCv, DEFAULT_CLASSIFICATION, type ClassificationSettings } from './abc-xyz';
export { stockStatus, type StockStatus } from './status';
export { skuInsights, type SkuInsights } from './insights';
export { buyingCadence, type CustomerCadence } from './cadence';
export { salesAnomalies, adjustmentAnomalies, type Anomaly } from './anomalies';
export type * from './types';
export { isOpenInbound } from './types';
