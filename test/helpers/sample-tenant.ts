import { env } from 'cloudflare:workers';
import { chunk, createDb, rowsPerInsert } from '../../worker/data/db';
import { customers, inboundShipments, lots, orderLines, products, tenants, users, warehouses } from '../../worker/data/schema';
import { hashPassword } from '../../worker/lib/password';
import { generateTenant } from '../../sample_data/generator';
import { PASSWORD } from './api';

/** Loads the generator's small profile as tenant `tenantId` (dates relative to today) with a planner and an auditor. */
export async function seedSampleTenant(tenantId: string) {
  const today = new Date().toISOString().slice(0, 10);
  const d = generateTenant({ seed: 11, anchorDate: today, profile: 'acme' });
  const db = createDb(env);
  const insertAll = async <T extends Record<string, unknown>>(table: Parameters<typeof db.insert>[0], rows: T[]) => {
    if (!rows.length) return;
    for (const part of chunk(rows, rowsPerInsert(Object.keys(rows[0]).length + 2)))
      await db.insert(table).values(part).onConflictDoNothing();
  };
  await db
    .insert(tenants)
    .values({ id: tenantId, name: `Sample ${tenantId}` })
    .onConflictDoNothing();
  const passwordHash = await hashPassword(PASSWORD);
  await insertAll(
    users,
    ['planner', 'auditor'].map((role) => ({
      id: `${tenantId}-${role}`,
      tenantId,
      email: `${role}@${tenantId}.test`,
      role: role as 'planner',
      passwordHash,
    })),
  );
  await insertAll(
    warehouses,
    d.warehouses.map((w) => ({ tenantId, code: w.code, name: w.name, region: w.region })),
  );
  await insertAll(
    products,
    d.products.map((p) => ({
      tenantId,
      sku: p.sku,
      name: p.name,
      category: p.category,
      caseSize: p.case_size,
      shelfLifeDays: p.shelf_life_days,
      unitCost: p.unit_cost,
      unitPrice: p.unit_price,
      leadTimeDays: p.lead_time_days,
      leadTimeSdDays: p.lead_time_sd_days,
      moq: p.moq,
      supplier: p.supplier,
      minRemainingShelfLifeDays: p.min_remaining_shelf_life_days,
    })),
  );
  await insertAll(
    customers,
    d.customers.map((c) => ({ tenantId, customerId: c.customer_id, name: c.name, region: c.region, channel: c.channel })),
  );
  await insertAll(
    lots,
    d.lots.map((l) => ({
      tenantId,
      lotId: l.lot_id,
      sku: l.sku,
      warehouse: l.warehouse,
      quantityOnHand: l.quantity_on_hand,
      receivedDate: l.received_date,
      expirationDate: l.expiration_date,
      unitCost: l.unit_cost,
      status: l.status,
    })),
  );
  await insertAll(
    orderLines,
    d.orders.map((o) => ({
      tenantId,
      orderId: o.order_id,
      sku: o.sku,
      customerId: o.customer_id,
      orderDate: o.order_date,
      quantity: o.quantity,
    })),
  );
  await insertAll(
    inboundShipments,
    d.inboundShipments.map((s) => ({
      tenantId,
      shipmentId: s.shipment_id,
      sku: s.sku,
      quantity: s.quantity,
      etaDate: s.eta_date,
      origin: s.origin,
      status: s.status,
    })),
  );
  return d;
}
