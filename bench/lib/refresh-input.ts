// Maps generated sample rows to the planning engine's input, as the API's loaders do from D1.
import type { TenantData } from '../../sample_data/generator';
import type { PlanInput } from '../../worker/domain/plan-types';
import type { DailyDemand } from '../../worker/domain/types';

export function planInputFrom(d: TenantData): PlanInput {
  const bySku = new Map<string, Map<string, number>>();
  for (const o of d.orders) {
    const days = bySku.get(o.sku) ?? new Map<string, number>();
    days.set(o.order_date, (days.get(o.order_date) ?? 0) + o.quantity);
    bySku.set(o.sku, days);
  }
  const demand: DailyDemand[] = [...bySku].map(([sku, days]) => {
    const dates = [...days.keys()].sort();
    const start = Date.parse(`${dates[0]}T00:00:00Z`);
    const end = Date.parse(`${dates[dates.length - 1]}T00:00:00Z`);
    const values = new Array<number>((end - start) / 86_400_000 + 1).fill(0);
    for (const [day, q] of days) values[(Date.parse(`${day}T00:00:00Z`) - start) / 86_400_000] = q;
    return { sku, startDate: dates[0], values };
  });
  return {
    products: d.products.map((p) => ({
      sku: p.sku,
      name: p.name,
      category: p.category,
      shelfLifeDays: p.shelf_life_days,
      caseSize: p.case_size,
      moq: p.moq,
      leadTimeDays: p.lead_time_days,
      leadTimeSdDays: p.lead_time_sd_days,
      unitCost: p.unit_cost,
      unitPrice: p.unit_price,
      minRemainingShelfLifeDays: p.min_remaining_shelf_life_days,
    })),
    lots: d.lots.map((l) => ({
      lotId: l.lot_id,
      sku: l.sku,
      warehouse: l.warehouse,
      quantityOnHand: l.quantity_on_hand,
      receivedDate: l.received_date,
      expirationDate: l.expiration_date,
      unitCost: l.unit_cost,
      status: l.status,
    })),
    inbound: d.inboundShipments.map((s) => ({
      id: s.shipment_id,
      sku: s.sku,
      quantity: s.quantity,
      etaDate: s.eta_date,
      status: s.status === 'arrived' || s.status === 'delayed' ? 'in_transit' : s.status,
    })),
    demand,
    orders: d.orders.map((o) => ({
      orderId: o.order_id,
      customerId: o.customer_id,
      sku: o.sku,
      orderDate: o.order_date,
      quantity: o.quantity,
    })),
  };
}
