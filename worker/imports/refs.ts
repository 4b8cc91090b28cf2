// The tenant's keys that import rows may refer to, loaded once per delivery (not per row), by
// comparison form (keys ignore case) → the stored spelling, which the staged row then carries.
import { eq } from 'drizzle-orm';
import type { Db } from '../data/db';
import { customers, products, warehouses } from '../data/schema';
import { keyIndex } from '../lib/keys';
import type { Refs } from './block';
import type { EntityDef } from './entities';

const keys = async (rows: Promise<{ k: string }[]>) => keyIndex((await rows).map((r) => r.k));

export const existingSkusAll = (db: Db, tenantId: string) =>
  keys(db.select({ k: products.sku }).from(products).where(eq(products.tenantId, tenantId)));
export const existingWarehousesAll = (db: Db, tenantId: string) =>
  keys(db.select({ k: warehouses.code }).from(warehouses).where(eq(warehouses.tenantId, tenantId)));
export const existingCustomersAll = (db: Db, tenantId: string) =>
  keys(db.select({ k: customers.customerId }).from(customers).where(eq(customers.tenantId, tenantId)));

/** Shelf life in days by stored SKU (the lot limits of lot and receipt files). */
export const shelfLivesAll = async (db: Db, tenantId: string) =>
  new Map(
    (await db.select({ k: products.sku, d: products.shelfLifeDays }).from(products).where(eq(products.tenantId, tenantId))).map(
      (r) => [r.k, r.d] as const,
    ),
  );

/** Whether a file of `entity` is held to the lot limits (domain/record-limits.ts). */
export const hasLotLimits = (entity: string) => entity === 'inventory_lots' || entity === 'receipts';

/** Everything a file of `entity` may refer to, loaded once: the import's deliveries and the preview read the same. */
export async function loadRefs(db: Db, tenantId: string, entity: EntityDef): Promise<Refs> {
  const { refs } = entity;
  const [sku, warehouse, customer, shelfLife] = await Promise.all([
    refs.sku ? existingSkusAll(db, tenantId) : undefined,
    refs.warehouse ? existingWarehousesAll(db, tenantId) : undefined,
    refs.customer ? existingCustomersAll(db, tenantId) : undefined,
    hasLotLimits(entity.name) ? shelfLivesAll(db, tenantId) : undefined,
  ]);
  return { sku, warehouse, customer, shelfLife };
}
