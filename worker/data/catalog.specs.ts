// How the single-row resources (api/crud.ts) are stored: table, tenant and key columns, what a
// list searches, sorts and filters by. The routes name a spec; only data/ names columns.
import { and, gt, lte, type SQL } from 'drizzle-orm';
import type { TableSpec } from './crud.repo';
import { customers, lots, products, warehouses } from './schema';
import { addDays } from '../domain/dates';

export const WAREHOUSE_SPEC: TableSpec = {
  table: warehouses,
  tenant: warehouses.tenantId,
  key: warehouses.code,
  archived: warehouses.archived,
  search: [warehouses.code, warehouses.name, warehouses.region],
  sort: { code: warehouses.code, name: warehouses.name, region: warehouses.region },
  defaultSort: 'code',
  equals: { region: warehouses.region },
};

export const PRODUCT_SPEC: TableSpec = {
  table: products,
  tenant: products.tenantId,
  key: products.sku,
  archived: products.archived,
  search: [products.sku, products.name, products.category, products.supplier],
  sort: {
    sku: products.sku,
    name: products.name,
    category: products.category,
    shelfLifeDays: products.shelfLifeDays,
    unitCost: products.unitCost,
    leadTimeDays: products.leadTimeDays,
    updatedAt: products.updatedAt,
  },
  defaultSort: 'sku',
  equals: { category: products.category, supplier: products.supplier },
};

export const CUSTOMER_SPEC: TableSpec = {
  table: customers,
  tenant: customers.tenantId,
  key: customers.customerId,
  archived: customers.archived,
  search: [customers.customerId, customers.name, customers.region, customers.channel, customers.warehouse],
  sort: { customerId: customers.customerId, name: customers.name, region: customers.region, channel: customers.channel },
  defaultSort: 'name',
  equals: { region: customers.region, channel: customers.channel },
};

/** Lots by their API id (`id`); lots are unique by SKU, lot number and warehouse. */
export const LOT_SPEC: TableSpec = {
  table: lots,
  tenant: lots.tenantId,
  key: lots.id,
  search: [lots.lotId, lots.sku],
  sort: {
    lotId: lots.lotId,
    id: lots.id,
    sku: lots.sku,
    warehouse: lots.warehouse,
    expirationDate: lots.expirationDate,
    receivedDate: lots.receivedDate,
    quantityOnHand: lots.quantityOnHand,
  },
  defaultSort: 'expirationDate',
  equals: { sku: lots.sku, warehouse: lots.warehouse, status: lots.status },
};

/**
 * The lot list's own filters. "Expiring within n days": sellable on `today` (the tenant's date;
 * expiry after it) and expiring by today + n. Empty lots are left out of an expiring list unless
 * `includeEmpty` is 'true'.
 */
export function lotListFilters(q: { expiringWithinDays?: number; includeEmpty?: 'true' | 'false' }, today: string): (SQL | undefined)[] {
  return [
    q.expiringWithinDays !== undefined
      ? and(gt(lots.expirationDate, today), lte(lots.expirationDate, addDays(today, q.expiringWithinDays)))
      : undefined,
    q.includeEmpty === 'true' || q.expiringWithinDays === undefined ? undefined : gt(lots.quantityOnHand, 0),
  ];
}
