// The tenant's keys that import rows may refer to, loaded once per delivery (not per row), by
// comparison form (keys ignore case) → the stored spelling, which the staged row then carries.
import { eq } from 'drizzle-orm';
import type { Db } from '../data/db';
import { customers, products, warehouses } from '../data/schema';
import { keyIndex } from '../lib/keys';

const keys = async (rows: Promise<{ k: string }[]>) => keyIndex((await rows).map((r) => r.k));

export const existingSkusAll = (db: Db, tenantId: string) =>
  keys(db.select({ k: products.sku }).from(products).where(eq(products.tenantId, tenantId)));
export const existingWarehousesAll = (db: Db, tenantId: string) =>
  keys(db.select({ k: warehouses.code }).from(warehouses).where(eq(warehouses.tenantId, tenantId)));
export const existingCustomersAll = (db: Db, tenantId: string) =>
  keys(db.select({ k: customers.customerId }).from(customers).where(eq(customers.tenantId, tenantId)));
