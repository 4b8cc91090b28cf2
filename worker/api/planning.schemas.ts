// Response schemas of the planning views and the dashboard (OpenAPI documents them; the web app's
// typed client reads them). The rows it shares with the planning lists are in schemas/planning.ts.
import { z } from '@hono/zod-openapi';
import { ACTION_KINDS } from '../data/actions.repo';
import { InsightRow as InsightRowSchema, isoDate, StockoutRow as StockoutRowSchema } from './schemas/planning';

const roiFigure = z.object({
  value: z.number(),
  actions: z.array(
    z.object({
      actionId: z.string(),
      kind: z.string(),
      sku: z.string(),
      amount: z.number(),
      status: z.enum(['counted', 'pending', 'missed']),
      detail: z.string(),
      detailKo: z.string().optional(),
    }),
  ),
});

export const DashboardSchema = z
  .object({
    snapshot: z.object({
      version: z.string().openapi({ description: 'The plan snapshot version (ms since epoch of the refresh it came from).' }),
      computedAt: z.string().openapi({ description: 'When the snapshot was published (ISO 8601).' }),
      ageSeconds: z.number().int().min(0),
      asOf: isoDate.openapi({ description: "The plan's day (tenant's local date)." }),
    }),
    currency: z.string().openapi({ description: 'ISO 4217; every money figure is in this currency, to the cent.' }),
    kpis: z.object({
      inventoryValue: z.number().openapi({ description: 'On-hand stock at lot cost.' }),
      expiring: z.object({ d30: z.number(), d60: z.number(), d90: z.number() }).openapi({
        description:
          'Stock at lot cost expiring within 30/60/90 days, lots already expired included (cumulative; the same lots as /api/expiring?days=N).',
      }),
      certainLoss: z.number().openapi({ description: 'Value lost unless acted on: expired or too short-dated for every buyer.' }),
      projectedStockouts: z.number().int().openapi({
        description: 'SKUs projected to stock out within 30 days in any of their warehouses (the rows of /api/stockouts?days=30).',
      }),
      reorderValue: z.number().openapi({ description: 'Value of the recommended orders.' }),
      recoverableWaste: z
        .number()
        .openapi({ description: 'Expected waste value that can still be sold: capital at risk less certain loss.' }),
      capitalAtRisk: z.number().openapi({ description: 'Expected waste value + certain loss.' }),
    }),
    expiringByBucket: z.array(
      z.object({
        bucket: z.enum(['expired', 'within-30', 'within-60', 'within-90', 'later']),
        value: z.number(),
        units: z.number(),
        lots: z.number().int(),
      }),
    ),
    capitalAtRiskByWarehouse: z.array(
      z.object({
        warehouse: z.string(),
        value: z.number().openapi({ description: 'Capital at risk in the warehouse.' }),
        expiringValue: z.number().openapi({ description: 'Stock at lot cost expired or expiring within 30 days.' }),
      }),
    ),
    statusCounts: z.record(z.string(), z.number().int()),
    topStockouts: z.array(StockoutRowSchema).max(8),
    topWaste: z
      .array(
        InsightRowSchema.extend({
          expectedWasteUnits: z
            .number()
            .optional()
            .openapi({ description: 'Units expected to expire unsold (absent in dashboards stored before it was written).' }),
          probabilityAnyWaste: z.number().optional().openapi({ description: 'Probability that any unit expires unsold (0-1).' }),
        }),
      )
      .max(8),
    topActions: z
      .array(
        z.object({
          id: z.string(),
          kind: z.enum(ACTION_KINDS),
          sku: z.string(),
          warehouse: z.string().nullable(),
          value: z.number(),
          confidence: z.number().nullable(),
          confidenceLevel: z
            .enum(['high', 'medium', 'low'])
            .nullable()
            .openapi({ description: "The engine's confidence level; null for a person's proposal." }),
          state: z.string(),
          reason: z.string(),
          reasonKo: z.string().nullable().openapi({ description: "The same reason in Korean; null for a person's action and older ones." }),
          source: z.string(),
        }),
      )
      .max(5),
    roiWeek: z
      .object({
        weekStart: isoDate,
        weekEnd: isoDate,
        total: z.number().openapi({ description: 'Waste avoided + stock-outs avoided.' }),
        week: z.string(),
        from: isoDate,
        to: isoDate,
        wasteAvoided: roiFigure,
        stockoutsAvoided: roiFigure,
        capitalFreed: roiFigure,
        valueWrittenOff: roiFigure,
        counts: z.record(z.string(), z.number().int()),
        decisionLatencyHours: z.object({ decisions: z.number().int(), median: z.number().nullable(), mean: z.number().nullable() }),
      })
      .nullable(),
  })
  .openapi('Dashboard');
