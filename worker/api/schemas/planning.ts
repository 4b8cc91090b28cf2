// The planning views as the API returns them: the engine's own records (worker/domain) written as
// zod, each checked against its domain type at compile time (the `Same` lines at the end), so a
// field added to or dropped from a domain type fails `npm run typecheck` until the schema follows.
// Rows of the lists match worker/planning/lists.ts and worker/planning/views.ts.
import { z } from '@hono/zod-openapi';
import type { Anomaly as AnomalyT } from '../../domain/anomalies';
import type { CustomerCadence as CustomerCadenceT, OverdueCustomer as OverdueCustomerT } from '../../domain/cadence';
import type { Confidence as ConfidenceT } from '../../domain/confidence';
import type { SkipCode } from '../../domain/fefo';
import type { ModelScore as ModelScoreT } from '../../domain/forecast/backtest';
import type { DemandClass } from '../../domain/forecast/demand-class';
import type { HoldoutResult as HoldoutResultT } from '../../domain/forecast/holdout';
import type { ModelName } from '../../domain/forecast/model';
import type { HorizonSummary as HorizonSummaryT } from '../../domain/forecast/summary';
import type { SkuInsights as SkuInsightsT } from '../../domain/insights';
import type { TransferRecommendation as TransferT } from '../../domain/network';
import type { TenantPlan } from '../../domain/plan-types';
import type { ReorderRecommendation as ReorderT } from '../../domain/reorder';
import type { StatusResult as StatusResultT } from '../../domain/status';
import type { Lot as LotT } from '../../domain/types';
import type { LossOption as LossOptionT, LotWasteRisk as LotWasteRiskT, SkuWasteRisk as SkuWasteRiskT } from '../../domain/waste';
import type { WasteRollUp as WasteRollUpT } from '../../domain/waste-rollup';
import { page } from './common';

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const stockStatus = z.enum(['critical', 'warning', 'healthy']);
const expiryBucket = z.enum(['within-30', 'within-60', 'within-90', 'later']);

/** Which plan answered: its day (the tenant's local date) and when it was built (ISO 8601). */
const planMeta = { asOf: isoDate, builtAt: z.string() };

/** An engine reason in Korean (the web app's Korean pages), written with the English from the same numbers; absent in older plans. */
const reasonKo = z
  .string()
  .optional()
  .openapi({ description: 'The same reason in Korean (absent in plans stored before it was written).' });

export const Confidence = z
  .object({
    level: z.enum(['high', 'medium', 'low']),
    note: z.string(),
    noteKo: z.string().optional().openapi({ description: 'The same note in Korean.' }),
  })
  .openapi('Confidence');
export const StatusResult = z.object({ status: stockStatus, reason: z.string(), reasonKo });

export const ReorderRecommendation = z
  .object({
    sku: z.string(),
    warehouse: z.string().optional(),
    action: z.enum(['order', 'none', 'do-not-order']),
    quantity: z.number(),
    cases: z.number(),
    rawQuantity: z.number(),
    expiryCap: z.number(),
    safetyStock: z.number(),
    reorderPoint: z.number(),
    orderUpTo: z.number(),
    serviceLevel: z.number(),
    z: z.number(),
    leadTimeDays: z.number(),
    reviewPeriodDays: z.number(),
    protectionIntervalDays: z.number(),
    meanDailyDemand: z.number(),
    sdDailyDemand: z.number(),
    usableOnHand: z.number(),
    expiringUnsold: z.number(),
    inboundUnits: z.number(),
    lateInboundUnits: z.number(),
    inventoryPosition: z.number(),
    transferInUnits: z.number().optional().openapi({
      description: "Units the plan's transfers bring to this warehouse, counted in inventoryPosition (the order is net of them).",
    }),
    transferOutUnits: z.number().optional().openapi({
      description:
        "Units the plan's transfers take from this warehouse that inventoryPosition counted (beyond those expected to expire unsold).",
    }),
    arrivalDate: isoDate,
    nextArrivalDate: isoDate,
    stockoutProbability: z.number(),
    projectedStockoutDate: isoDate.nullable(),
    flags: z.array(
      z.enum([
        'moq-exceeds-expiry-cap',
        'capped-by-expiry',
        'raised-to-moq',
        'no-demand',
        'late-inbound',
        'safety-stock-override',
        'reorder-point-override',
      ]),
    ),
    explanation: z.string(),
    explanationKo: z.string().optional().openapi({ description: 'The same account in Korean.' }),
    confidence: Confidence.optional(),
  })
  .openapi('ReorderRecommendation');

/** A reorder row: the recommendation with the SKU's name, class and status (and its warehouse at warehouse level). */
export const ReorderRow = ReorderRecommendation.extend({ name: z.string().optional(), class: z.string(), status: stockStatus }).openapi(
  'ReorderRow',
);

const LotAging = z.object({
  lotId: z.string(),
  warehouse: z.string(),
  ageDays: z.number(),
  lifeUsed: z.number(),
  daysToExpiry: z.number(),
  probabilityOfWaste: z.number(),
  level: z.enum(['none', 'watch', 'high', 'critical', 'expired']),
  reason: z.string(),
  reasonKo,
});

export const SkuInsights = z.object({
  capitalLocked: z.number(),
  capitalAtRisk: z.number(),
  daysOfCover: z.number().nullable(),
  leadTimeDeficit: z.number(),
  aging: z.array(LotAging),
});

export const StockoutRow = z
  .object({
    sku: z.string(),
    name: z.string().optional(),
    status: stockStatus,
    projectedStockoutDate: isoDate.nullable(),
    runsOutIn: z.string().nullable().openapi({
      description:
        'The warehouse that runs out on projectedStockoutDate (its P(stock-out) is stockoutProbability); usableOnHand, daysOfCover and the order are the whole network’s.',
    }),
    stockoutProbability: z.number(),
    usableOnHand: z.number(),
    inboundUnits: z.number(),
    nextArrivalDate: isoDate.nullable(),
    daysOfCover: z.number().nullable(),
    recommendedOrder: z.number(),
    warehouses: z.array(
      z.object({
        warehouse: z.string(),
        projectedStockoutDate: isoDate.nullable(),
        stockoutProbability: z.number(),
        usableOnHand: z.number(),
        recommendedOrder: z.number(),
      }),
    ),
  })
  .openapi('StockoutRow');

export const InsightRow = SkuInsights.extend({
  sku: z.string(),
  name: z.string().optional(),
  class: z.string(),
  status: StatusResult,
}).openapi('InsightRow');

export const LossOption = z.object({
  action: z.enum(['markdown', 'sell-to-customer', 'transfer', 'write-off']),
  detail: z.string(),
  detailKo: z.string().optional().openapi({ description: 'The same detail in Korean (absent in plans stored before it was written).' }),
  customers: z.array(z.string()).optional(),
  warehouse: z.string().optional(),
});

export const LotWasteRisk = z.object({
  lotId: z.string(),
  warehouse: z.string(),
  quantity: z.number(),
  expirationDate: isoDate,
  sellByDate: isoDate,
  daysToExpiry: z.number(),
  expiryBucket,
  expectedWasteUnits: z.number(),
  probabilityOfWaste: z.number(),
  valueAtRisk: z.number(),
  certainLoss: z.boolean(),
  reason: z.string(),
  reasonKo,
  options: z.array(LossOption),
  transferUnits: z.number().optional().openapi({
    description: "Units of the lot the plan's transfers send to another warehouse; a markdown or sale takes only the rest (absent: none).",
  }),
});

export const SkuWasteRisk = z.object({
  sku: z.string(),
  expectedWasteUnits: z.number(),
  probabilityAnyWaste: z.number(),
  valueAtRisk: z.number(),
  unsellableUnits: z.number(),
  unsellableValue: z.number(),
  lots: z.array(LotWasteRisk),
});

const WasteTotals = z.object({
  onHandUnits: z.number(),
  expectedWasteUnits: z.number(),
  valueAtRisk: z.number(),
  certainLossValue: z.number(),
});
const WasteByBucket = z.record(expiryBucket, WasteTotals);

export const WasteRollUp = z
  .object({
    total: WasteTotals.extend({ unsellableUnits: z.number(), unsellableValue: z.number() }),
    byWarehouse: z.record(z.string(), WasteTotals),
    byBucket: WasteByBucket,
  })
  .openapi('WasteRollUp');

export const PlanTotals = z
  .object({
    skus: z.number(),
    capitalLocked: z.number(),
    capitalAtRisk: z.number(),
    status: z.record(stockStatus, z.number()),
    ordersRecommended: z.number(),
    orderValue: z.number(),
  })
  .openapi('PlanTotals');

export const Anomaly = z
  .object({
    kind: z.enum(['sales', 'order-line', 'adjustment']),
    sku: z.string(),
    date: isoDate,
    value: z.number(),
    expected: z.number(),
    robustZ: z.number(),
    direction: z.enum(['spike', 'drop']),
    reason: z.string(),
    reasonKo,
    id: z.string().optional(),
    customerId: z.string().optional(),
  })
  .openapi('Anomaly');

export const Transfer = z
  .object({
    sku: z.string(),
    lotId: z.string(),
    fromWarehouse: z.string(),
    toWarehouse: z.string(),
    quantity: z.number(),
    expirationDate: isoDate,
    transferLeadTimeDays: z.number(),
    arrivalDate: isoDate,
    value: z.number(),
    senderWasteUnits: z.number().openapi({
      description:
        "Whole units of the lot the sending warehouse is expected to waste that no earlier transfer takes (the reason's figure); `quantity` is what this transfer moves.",
    }),
    reason: z.string(),
    reasonKo,
  })
  .openapi('Transfer');

export const OverdueCustomer = z
  .object({
    customerId: z.string(),
    maxOverdueDays: z.number(),
    skus: z.array(
      z.object({
        sku: z.string(),
        lastOrderDate: isoDate,
        nextExpectedDate: isoDate,
        overdueDays: z.number(),
        medianIntervalDays: z.number(),
        units: z.number(),
      }),
    ),
  })
  .openapi('OverdueCustomer');

export const CustomerCadence = z
  .object({
    customerId: z.string(),
    orders: z.number(),
    units: z.number(),
    share: z.number(),
    lastOrderDate: isoDate,
    medianIntervalDays: z.number().nullable(),
    nextExpectedDate: isoDate.nullable(),
    overdueDays: z.number(),
    overdue: z.boolean(),
    lapsed: z.boolean(),
  })
  .openapi('CustomerCadence');

const modelName = z.enum(['moving-average', 'ses', 'holt-winters', 'linear-trend', 'seasonal-naive', 'croston', 'sba', 'tsb', 'profile']);
const demandClass = z.enum(['smooth', 'erratic', 'intermittent', 'lumpy', 'no-demand']);

/** A model's backtest scores (worker/domain/forecast/backtest.ts), percentages and fractions as there. */
export const ModelScore = z
  .object({
    model: modelName,
    score: z.number(),
    rmsse: z.number(),
    biasPct: z.number(),
    cumErrorPct: z.number(),
    protectionErrorPct: z.number(),
    wape: z.number(),
    dispersion: z.number(),
    levelSd: z.number(),
  })
  .openapi('ModelScore');

const Quantiles = z.object({ mean: z.number(), p10: z.number(), p50: z.number(), p90: z.number() });
export const HorizonSummary = z.object({ days: z.number(), cumulative: Quantiles, daily: Quantiles }).openapi('HorizonSummary');

/** The holdout check (worker/domain/forecast/holdout.ts); the daily series only when one SKU is asked for. */
export const HoldoutResult = z.object({
  model: modelName,
  holdoutDays: z.number(),
  startDate: isoDate,
  actualTotal: z.number(),
  forecastTotal: z.number(),
  wape: z.number().nullable(),
  smape: z.number(),
  biasPct: z.number().nullable(),
  mase: z.number().nullable(),
  rmsse: z.number().nullable(),
  actual: z.array(z.number()).optional(),
  forecast: z.array(z.number()).optional(),
});

/** A lot as the planning engine reads it (worker/domain/types.ts): `lotId` is the lot's API id. */
export const PlanLot = z.object({
  lotId: z.string(),
  sku: z.string(),
  warehouse: z.string(),
  quantityOnHand: z.number(),
  receivedDate: isoDate,
  expirationDate: isoDate,
  unitCost: z.number(),
  status: z.enum(['available', 'quarantine', 'hold', 'damaged', 'expired', 'consumed']),
});

/** A lot as answers name it: `lotId` its printed lot number, `id` its API id (GET /api/lots/{id}). */
const ShownLot = PlanLot.extend({
  lotId: z.string().openapi({ description: 'The printed lot number (the same in every warehouse the lot is moved to).' }),
  id: z.string().openapi({ description: 'The lot\'s API id: the lot number, or "<lot>~<warehouse>~<sku>" when that was taken.' }),
});

/** A lot expiring within the window, priced by the plan (null: held, not priced). */
export const ExpiringLot = ShownLot.extend({
  expired: z.boolean(),
  certainLoss: z.boolean(),
  expectedWasteUnits: z.number().nullable(),
  probabilityOfWaste: z.number().nullable(),
  valueAtRisk: z.number().nullable(),
  sellByDate: isoDate.nullable(),
  reason: z.string(),
  reasonKo,
  options: z.array(LossOption),
}).openapi('ExpiringLot');

// ---- The answers, one per route ----

export const PlanOverview = z
  .object({
    ...planMeta,
    totals: PlanTotals,
    waste: WasteRollUp,
    transfers: z.number().int().openapi({ description: 'How many transfers are recommended (GET /api/transfers lists them).' }),
    lateInboundDelay: z.object({ days: z.number(), basis: z.enum(['history', 'default']) }),
    warnings: z.array(z.string()),
  })
  .openapi('PlanOverview');

export const PlanRefreshed = z.object({ ...planMeta, totals: PlanTotals, warnings: z.array(z.string()) }).openapi('PlanRefreshed');

export const ReorderPage = page(ReorderRow).extend(planMeta).openapi('ReorderPage');
export const StockoutPage = page(StockoutRow)
  .extend({ ...planMeta, days: z.number().int() })
  .openapi('StockoutPage');
export const ExpiringPage = page(ExpiringLot)
  .extend({
    ...planMeta,
    days: z.number().int(),
    totals: z.object({ units: z.number(), value: z.number(), valueAtRisk: z.number(), certainLossValue: z.number() }),
    /**
     * Stock on hand by expiry window (every lot with stock, held ones included) in the warehouse
     * asked for, or the tenant: the dashboard's windows, from the same computation. Not limited to
     * `days`; `totals` are.
     */
    buckets: z
      .record(
        z.enum(['expired', 'within-30', 'within-60', 'within-90', 'later']),
        z.object({
          lots: z.number().int(),
          onHandUnits: z.number(),
          value: z.number(),
          expectedWasteUnits: z.number(),
          valueAtRisk: z.number(),
          certainLossValue: z.number(),
        }),
      )
      .describe(
        'Stock on hand by expiry window in the warehouse asked for (or the tenant), as the dashboard counts it; not limited to `days`.',
      ),
  })
  .openapi('ExpiringPage');
export const InsightPage = page(InsightRow)
  .extend({ ...planMeta, totals: PlanTotals })
  .openapi('InsightPage');
export const AnomalyPage = page(Anomaly).extend(planMeta).openapi('AnomalyPage');
export const TransferPage = page(Transfer).extend(planMeta).openapi('TransferPage');
export const OverdueCustomerPage = page(OverdueCustomer).extend(planMeta).openapi('OverdueCustomerPage');

const series = z.object({ startDate: isoDate, values: z.array(z.number()) });
export const SkuForecast = z
  .object({
    ...planMeta,
    sku: z.string(),
    name: z.string().optional(),
    model: modelName,
    demandClass,
    reason: z.string(),
    reasonKo,
    confidence: Confidence,
    backtest: ModelScore.nullable(),
    history: series,
    forecast: z.object({
      startDate: isoDate,
      mean: z.array(z.number()),
      p10: z.array(z.number()),
      p50: z.array(z.number()),
      p90: z.array(z.number()),
    }),
    horizon: HorizonSummary.nullable(),
    horizons: z.array(HorizonSummary),
    promotions: z
      .array(
        z.object({
          promotionId: z.string(),
          name: z.string(),
          startDate: isoDate,
          endDate: isoDate,
          discountPct: z.number().nullable(),
        }),
      )
      .openapi({ description: 'Promotions of the SKU (promotions import) that overlap the history and forecast shown; dates inclusive.' }),
  })
  .openapi('SkuForecast');

const shareOfSkuUnits = z
  .number()
  .openapi({ description: "This customer's part of the SKU's units ordered by all customers over the last 365 days (0–1)." });

/** A buyer of a SKU: the cadence, with its share named for what it divides. */
export const SkuCustomer = CustomerCadence.omit({ share: true }).extend({ shareOfSkuUnits }).openapi('SkuCustomer');

export const SkuCustomerPage = page(SkuCustomer)
  .extend({ ...planMeta, sku: z.string() })
  .openapi('SkuCustomerPage');

export const CustomerCadenceView = z
  .object({
    asOf: isoDate,
    customerId: z.string(),
    name: z.string(),
    overdue: z.number().int().openapi({ description: 'How many of its SKUs the customer is overdue on.' }),
    skus: z.array(
      CustomerCadence.omit({ share: true }).extend({
        sku: z.string(),
        shareOfSkuUnits,
        shareOfCustomerUnits: z.number().openapi({
          description: "This SKU's part of the units the customer ordered over the last 365 days (0–1); the rows add up to 1.",
        }),
      }),
    ),
  })
  .openapi('CustomerCadenceView');

export const FefoOrder = z
  .object({
    asOf: isoDate,
    sku: z.string(),
    warehouse: z.string().nullable(),
    customerId: z.string().nullable(),
    minRemainingDays: z.number(),
    sellableUnits: z.number(),
    ranked: z.array(ShownLot.extend({ rank: z.number().int(), daysToExpiry: z.number(), reason: z.string(), reasonKo })),
    skipped: z.array(
      ShownLot.extend({ code: z.enum(['expired', 'quarantine', 'not-available', 'short-life', 'empty']), reason: z.string(), reasonKo }),
    ),
  })
  .openapi('FefoOrder');

export const ForecastValidationPage = page(
  z.object({
    sku: z.string(),
    name: z.string().optional(),
    planModel: modelName,
    backtest: ModelScore.nullable(),
    holdout: HoldoutResult.nullable(),
  }),
)
  .extend({ ...planMeta, holdoutDays: z.number().int() })
  .openapi('ForecastValidationPage');

// ---- Compile-time checks: each schema says exactly what its domain type says ----

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;
type Out<S extends z.ZodType> = z.output<S>;

export type DomainChecks = [
  Holds<Same<Out<typeof Confidence>, ConfidenceT>>,
  Holds<Same<Out<typeof StatusResult>, StatusResultT>>,
  Holds<Same<Out<typeof ReorderRecommendation>, ReorderT>>,
  Holds<Same<Out<typeof SkuInsights>, SkuInsightsT>>,
  Holds<Same<Out<typeof LossOption>, LossOptionT>>,
  Holds<Same<Out<typeof LotWasteRisk>, LotWasteRiskT>>,
  Holds<Same<Out<typeof SkuWasteRisk>, SkuWasteRiskT>>,
  Holds<Same<Out<typeof WasteRollUp>, WasteRollUpT>>,
  Holds<Same<Out<typeof PlanTotals>, TenantPlan['totals']>>,
  Holds<Same<Out<typeof Anomaly>, AnomalyT>>,
  Holds<Same<Out<typeof Transfer>, TransferT>>,
  Holds<Same<Out<typeof OverdueCustomer>, OverdueCustomerT>>,
  Holds<Same<Out<typeof CustomerCadence>, CustomerCadenceT>>,
  Holds<Same<Out<typeof ModelScore>, ModelScoreT>>,
  Holds<Same<Out<typeof HorizonSummary>, HorizonSummaryT>>,
  Holds<
    Same<Out<typeof HoldoutResult>, Omit<HoldoutResultT, 'actual' | 'forecast'> & Partial<Pick<HoldoutResultT, 'actual' | 'forecast'>>>
  >,
  Holds<Same<Out<typeof PlanLot>, LotT>>,
  Holds<Same<Out<typeof PlanOverview>['lateInboundDelay'], TenantPlan['lateInboundDelay']>>,
  Holds<Same<z.output<typeof modelName>, ModelName>>,
  Holds<Same<z.output<typeof demandClass>, DemandClass>>,
  Holds<Same<Out<typeof FefoOrder>['skipped'][number]['code'], SkipCode>>,
];
