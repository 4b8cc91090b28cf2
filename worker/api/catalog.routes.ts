// Warehouses, products and customers: plain single-row resources on the shared factory.
import { z } from '@hono/zod-openapi';
import { crudRoutes } from './crud';
import { businessKey, plainText } from '../lib/keys';
import { leadDays, money, packSize, stockLevel, units, wholeDays } from '../lib/numbers';
import type { FieldError } from '../lib/problem';
import { mergePatchShape } from '../lib/validate';
import {
  customerBlockers,
  customerReferenced,
  productBlockers,
  productReferenced,
  warehouseBlockers,
  warehouseReferenced,
} from '../data/refs.repo';
import { Customer, Product, Warehouse } from './schemas';
import { CUSTOMER_SPEC, PRODUCT_SPEC, WAREHOUSE_SPEC } from '../data/catalog.specs';

const name = plainText(200).min(1);
const label = plainText(200);
const code = businessKey;

const WarehouseFields = { name, region: label.default('') };
export const warehousesRoutes = crudRoutes({
  path: 'warehouses',
  label: 'Warehouse',
  item: Warehouse,
  keyField: 'code',
  write: 'catalog:write',
  spec: WAREHOUSE_SPEC,
  create: z.strictObject({ code, ...WarehouseFields }),
  patch: z.strictObject({ ...mergePatchShape(WarehouseFields), archived: z.boolean().optional() }),
  query: z.object({ region: z.string().max(200).optional() }),
  isReferenced: warehouseReferenced,
  blockers: warehouseBlockers,
});

const ProductFields = {
  name,
  category: label.default(''),
  caseSize: packSize.default(1),
  shelfLifeDays: wholeDays.min(1),
  unitCost: money.default(0),
  unitPrice: money.default(0),
  leadTimeDays: leadDays.default(7),
  leadTimeSdDays: leadDays.default(0),
  moq: units.default(0),
  supplier: label.default(''),
  minRemainingShelfLifeDays: wholeDays.default(0),
  safetyStock: stockLevel.nullable().optional(),
  reorderPoint: stockLevel.nullable().optional(),
};
const ProductPatch = z.strictObject({ ...mergePatchShape(ProductFields), archived: z.boolean().optional() });

/** Checked on a new product and on the merged record of a patch, so PATCH cannot do what create refuses. */
const productRules = (p: Record<string, unknown>): FieldError[] =>
  Number(p.minRemainingShelfLifeDays ?? 0) < Number(p.shelfLifeDays)
    ? []
    : [
        {
          path: 'minRemainingShelfLifeDays',
          value: String(p.minRemainingShelfLifeDays),
          message: `Must be shorter than the shelf life (${p.shelfLifeDays} days).`,
        },
      ];

export const productsRoutes = crudRoutes({
  path: 'products',
  label: 'Product',
  item: Product,
  keyField: 'sku',
  write: 'catalog:write',
  spec: PRODUCT_SPEC,
  create: z.strictObject({ sku: code, ...ProductFields }),
  patch: ProductPatch,
  rules: productRules,
  blockers: productBlockers,
  query: z.object({ category: z.string().max(200).optional(), supplier: z.string().max(200).optional() }),
  isReferenced: productReferenced,
});

const CustomerFields = {
  name,
  region: label.default(''),
  channel: label.default(''),
  // null: the product's own minimum remaining shelf life applies.
  minRemainingShelfLifeDays: wholeDays.nullable().optional(),
};
export const customersRoutes = crudRoutes({
  path: 'customers',
  label: 'Customer',
  item: Customer,
  keyField: 'customerId',
  write: 'catalog:write',
  spec: CUSTOMER_SPEC,
  create: z.strictObject({ customerId: code, ...CustomerFields }),
  patch: z.strictObject({ ...mergePatchShape(CustomerFields), archived: z.boolean().optional() }),
  query: z.object({ region: z.string().max(200).optional(), channel: z.string().max(200).optional() }),
  isReferenced: customerReferenced,
  blockers: customerBlockers,
});
