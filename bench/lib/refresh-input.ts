// Generated sample data → the planning engine's input, through the same row mapping the seed uses
// and the same row → engine mapping the API's loaders use, so the engine-alone figure plans
// exactly what the full recompute plans.
import type { TenantData } from '../../sample_data/generator';
import { sampleRows } from '../../scripts/sample-rows';
import { dailyDemandFrom, toInbound, toLot, toProduct } from '../../worker/data/planning.map';
import { customers, inboundShipments, lots, orderLines, products, warehouses } from '../../worker/data/schema';
import type { PlanInput } from '../../worker/domain/plan-types';
import { addDays } from '../../worker/domain/dates';

export function planInputFrom(d: TenantData, asOf: string): PlanInput {
  const sets = sampleRows('bench', d, `${asOf}T00:00:00.000Z`);
  const rowsOf = <T>(table: unknown) => (sets.find((s) => s.table === table)?.rows ?? []) as T[];
  const orders = rowsOf<typeof orderLines.$inferSelect>(orderLines);
  return {
    products: rowsOf<typeof products.$inferSelect>(products).map(toProduct),
    lots: rowsOf<typeof lots.$inferSelect>(lots).map(toLot),
    inbound: rowsOf<typeof inboundShipments.$inferSelect>(inboundShipments).map((s) => toInbound(s, asOf)),
    demand: dailyDemandFrom(
      orders.map((o) => ({ sku: o.sku, day: o.orderDate, qty: o.quantity })),
      asOf,
    ),
    orders: orders
      .filter((o) => o.orderDate >= addDays(asOf, -365))
      .map((o) => ({
        orderId: o.orderId,
        customerId: o.customerId,
        sku: o.sku,
        orderDate: o.orderDate,
        quantity: o.quantity,
        warehouse: o.warehouse ?? null,
      })),
    customers: rowsOf<typeof customers.$inferSelect>(customers).map((c) => ({
      customerId: c.customerId,
      minRemainingShelfLifeDays: c.minRemainingShelfLifeDays ?? null,
      warehouse: c.warehouse ?? null,
      region: c.region || undefined,
    })),
    warehouses: rowsOf<typeof warehouses.$inferSelect>(warehouses).map((w) => ({ code: w.code, region: w.region || undefined })),
  };
}
