// Shapes of the API's JSON as the web app reads them (the API documents them as open JSON).
export interface Snapshot {
  asOf: string;
  builtAt: string;
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface WasteTotals {
  onHandUnits: number;
  expectedWasteUnits: number;
  valueAtRisk: number;
}
export type Bucket = 'within-30' | 'within-60' | 'within-90' | 'later';
export interface PlanResponse extends Snapshot {
  totals: {
    skus: number;
    capitalLocked: number;
    capitalAtRisk: number;
    status: Record<'critical' | 'warning' | 'healthy', number>;
    ordersRecommended: number;
    orderValue: number;
  };
  waste: {
    total: WasteTotals & { unsellableUnits: number; unsellableValue: number };
    byWarehouse: Record<string, WasteTotals>;
    byBucket: Record<Bucket, WasteTotals>;
  };
  warnings: string[];
}
export interface ExpiringLot {
  lotId: string;
  sku: string;
  warehouse: string;
  quantityOnHand: number;
  receivedDate: string;
  expirationDate: string;
  unitCost: number;
  status: string;
  expired: boolean;
  expectedWasteUnits: number | null;
  probabilityOfWaste: number | null;
  valueAtRisk: number | null;
  sellByDate: string | null;
}
export interface ExpiringResponse extends Snapshot, Page<ExpiringLot> {
  days: number;
  totals: { units: number; value: number; valueAtRisk: number };
  buckets: Record<Bucket, WasteTotals>;
}
export interface StockoutRow {
  sku: string;
  name: string;
  status: string;
  projectedStockoutDate: string | null;
  stockoutProbability: number;
  usableOnHand: number;
  inboundUnits: number;
  nextArrivalDate: string | null;
  daysOfCover: number | null;
  recommendedOrder: number;
}
export interface InsightRow {
  sku: string;
  name: string;
  class: string;
  status: { status: 'critical' | 'warning' | 'healthy'; reason: string };
  capitalLocked: number;
  capitalAtRisk: number;
  daysOfCover: number | null;
  leadTimeDeficit: number;
  aging: { lotId: string; warehouse: string; daysToExpiry: number; probabilityOfWaste: number; level: string; reason: string }[];
}
export interface ReorderRow {
  sku: string;
  name: string;
  class: string;
  status: string;
  action: 'order' | 'none' | 'do-not-order';
  quantity: number;
  cases: number;
  rawQuantity: number;
  expiryCap: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  serviceLevel: number;
  z: number;
  meanDailyDemand: number;
  sdDailyDemand: number;
  usableOnHand: number;
  expiringUnsold: number;
  inboundUnits: number;
  inventoryPosition: number;
  arrivalDate: string;
  nextArrivalDate: string;
  stockoutProbability: number;
  projectedStockoutDate: string | null;
  flags: string[];
  explanation: string;
  confidence?: { level: string; note?: string; reasons?: string[] } | string;
}

/** GET /api/dashboard (worker/api/planning.schemas.ts DashboardSchema): one call for the whole page. */
export interface DashboardResponse {
  snapshot: { version: string; computedAt: string; ageSeconds: number; asOf: string };
  currency: string;
  kpis: {
    inventoryValue: number;
    expiring: { d30: number; d60: number; d90: number };
    certainLoss: number;
    projectedStockouts: number;
    reorderValue: number;
    recoverableWaste: number;
    capitalAtRisk: number;
  };
  expiringByBucket: { bucket: 'expired' | Bucket; value: number; units: number; lots: number }[];
  capitalAtRiskByWarehouse: { warehouse: string; value: number; expiringValue: number }[];
  statusCounts: Record<string, number>;
  topStockouts: StockoutRow[];
  topWaste: InsightRow[];
  topActions: {
    id: string;
    kind: string;
    sku: string;
    warehouse: string | null;
    value: number;
    confidenceLevel: 'high' | 'medium' | 'low';
    state: string;
    reason: string;
  }[];
  roiWeek: {
    weekStart: string;
    weekEnd: string;
    total: number;
    wasteAvoided: { value: number };
    stockoutsAvoided: { value: number };
  } | null;
}
