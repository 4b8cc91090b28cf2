// Warehouses, products and customers: plain single-row resources on the shared factory.
import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { crudRoutes } from './crud';
import { businessKey } from '../lib/keys';
import { customerReferenced, productReferenced, warehouseReferenced } from '../data/refs.repo';
import { customers, products, warehouses } from '../data/schema';

const name = z.string().trim().min(1).max(200);
const label = z.string().trim().max(200);
const money = z.number().finite().min(0).max(1e9);
const wholeNonNeg = z.number().int().min(0).max(1e9);
const code = businessKey;

const WarehouseFields = { name, region: label.default('') };
export const warehousesRoutes = crudRoutes({
  path: 'warehouses',
  label: 'Warehouse',
  keyField: 'code',
  write: 'catalog:write',
  spec: {
    table: warehouses,
    tenant: warehouses.tenantId,
    key: warehouses.code,
    archived: warehouses.archived,
    search: [warehouses.code, warehouses.name, warehouses.region],
    sort: { code: warehouses.code, name: warehouses.name, region: warehouses.region },
    defaultSort: 'code',
  },
  create: z.strictObject({ code, ...WarehouseFields }),
  patch: z.strictObject({ name: name.optional(), region: label.optional(), archived: z.boolean().optional() }),
  query: z.object({ region: z.string().max(200).optional() }),
  filters: (q) => [q.region ? eq(warehouses.region, q.region) : undefined],
  isReferenced: warehouseReferenced,
});

const ProductFields = {
  name,
  category: label.default(''),
  caseSize: z.number().int().min(1).max(1e6).default(1),
  shelfLifeDays: z.number().int().min(1).max(36500),
  unitCost: money.default(0),
  unitPrice: money.default(0),
  leadTimeDays: z.number().finite().min(0).max(365).default(7),
  leadTimeSdDays: z.number().finite().min(0).max(365).default(0),
  moq: wholeNonNeg.default(0),
  supplier: label.default(''),
  minRemainingShelfLifeDays: z.number().int().min(0).max(36500).default(0),
  safetyStock: z.number().finite().min(0).nullable().optional(),
  reorderPoint: z.number().finite().min(0).nullable().optional(),
};
const ProductPatch = z
  .strictObject(
    Object.fromEntries(Object.entries(ProductFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof ProductFields]: z.ZodOptional<(typeof ProductFields)[K]>;
    },
  )
  .extend({ archived: z.boolean().optional() });

export const productsRoutes = crudRoutes({
  path: 'products',
  label: 'Product',
  keyField: 'sku',
  write: 'catalog:write',
  spec: {
    table: products,
    tenant: products.tenantId,
    key: products.sku,
    archived: products.archived,
    search: [products.sku, products.name, products.supplier],
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
  },
  create: z.strictObject({ sku: code, ...ProductFields }).refine((p) => p.minRemainingShelfLifeDays < p.shelfLifeDays, {
    path: ['minRemainingShelfLifeDays'],
    message: 'Must be shorter than the shelf life.',
  }) as unknown as z.ZodObject<{ sku: typeof code } & typeof ProductFields>,
  patch: ProductPatch,
  query: z.object({ category: z.string().max(200).optional(), supplier: z.string().max(200).optional() }),
  filters: (q) => [q.category ? eq(products.category, q.category) : undefined, q.supplier ? eq(products.supplier, q.supplier) : undefined],
  isReferenced: productReferenced,
});

const CustomerFields = { name, region: label.default(''), channel: label.default('') };
export const customersRoutes = crudRoutes({
  path: 'customers',
  label: 'Customer',
  keyField: 'customerId',
  write: 'catalog:write',
  spec: {
    table: customers,
    tenant: customers.tenantId,
    key: customers.customerId,
    archived: customers.archived,
    search: [customers.customerId, customers.name],
    sort: { customerId: customers.customerId, name: customers.name, region: customers.region, channel: customers.channel },
    defaultSort: 'name',
  },
  create: z.strictObject({ customerId: code, ...CustomerFields }),
  patch: z.strictObject({ name: name.optional(), region: label.optional(), channel: label.optional(), archived: z.boolean().optional() }),
  query: z.object({ region: z.string().max(200).optional(), channel: z.string().max(200).optional() }),
  filters: (q) => [q.region ? eq(customers.region, q.region) : undefined, q.channel ? eq(customers.channel, q.channel) : undefined],
  isReferenced: customerReferenced,
});
