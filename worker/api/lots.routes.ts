// Lots: quantities change only through the ledger, so create posts an IN and archive needs zero stock.
import { z } from '@hono/zod-openapi';
import { and, eq, gt, lte } from 'drizzle-orm';
import { crudRoutes } from './crud';
import { addDays } from '../lib/dates';
import { isoDate } from '../lib/formats';
import { businessKey } from '../lib/keys';
import { conflict, invalid } from '../lib/problem';
import { postMovement } from '../data/ledger';
import { findLot, findLotByKey } from '../data/movements.repo';
import { tenantToday } from '../data/tenant-time';
import { missingRefs } from '../data/refs.repo';
import { lots } from '../data/schema';

const key = businessKey;
// A lot's API id: a lot number, or "<lot>~<warehouse>~<sku>" for a lot number already taken.
const LOT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-:#@ ~]{0,199}$/;
const status = z.enum(['available', 'quarantine', 'hold']);

export const lotsRoutes = crudRoutes({
  path: 'lots',
  label: 'Lot',
  // The path names a lot by its API id (`id`: the lot number when it was free, else
  // "<lot>~<warehouse>~<sku>"); lots are unique by SKU, lot number and warehouse.
  keyField: 'lotId',
  keyPattern: LOT_ID_PATTERN,
  write: 'catalog:write',
  spec: {
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
  },
  create: z.strictObject({
    lotId: key,
    sku: key,
    warehouse: key,
    quantityOnHand: z.number().int('Whole units only.').positive().max(1e9),
    receivedDate: isoDate.optional(),
    expirationDate: isoDate,
    unitCost: z.number().finite().min(0).default(0),
    reason: z.string().trim().max(500).default('Lot created'),
  }),
  // Quantity is not patchable: post a movement. Dates may be corrected; status quarantines or releases.
  patch: z.strictObject({ status: status.optional(), expirationDate: isoDate.optional(), unitCost: z.number().finite().min(0).optional() }),
  query: z.object({
    sku: key.optional(),
    warehouse: key.optional(),
    status: z.enum(['available', 'quarantine', 'hold', 'archived']).optional(),
    expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
    includeEmpty: z.enum(['true', 'false']).optional(),
  }),
  filters: async (q, now, c) => {
    // "Expiring within n days": sellable today (expiry after the tenant's today) and expiring by today + n.
    const today = await tenantToday(c.get('db'), c.get('auth').tenantId, now);
    return [
      q.sku ? eq(lots.sku, q.sku) : undefined,
      q.warehouse ? eq(lots.warehouse, q.warehouse) : undefined,
      q.status ? eq(lots.status, q.status) : undefined,
      q.expiringWithinDays !== undefined
        ? and(gt(lots.expirationDate, today), lte(lots.expirationDate, addDays(today, q.expiringWithinDays)))
        : undefined,
      q.includeEmpty === 'true' || q.expiringWithinDays === undefined ? undefined : gt(lots.quantityOnHand, 0),
    ];
  },
  checkRefs: (db, tenantId, row) => missingRefs(db, tenantId, { sku: row.sku, warehouse: row.warehouse }),
  exists: async (db, tenantId, row) => !!(await findLotByKey(db, tenantId, String(row.sku), String(row.lotId), String(row.warehouse))),
  patchGuard: (existing, patch) => {
    const exp = patch.expirationDate as string | undefined;
    if (exp && exp <= String(existing.receivedDate))
      throw invalid('Expiration must be after receipt.', [
        { path: 'expirationDate', value: exp, message: `Received ${existing.receivedDate}.` },
      ]);
  },
  insert: async (c, row) => {
    const { tenantId, userId } = c.get('auth');
    const m = await postMovement(c.get('db'), tenantId, userId, {
      type: 'IN',
      lotId: String(row.lotId),
      sku: String(row.sku),
      warehouse: String(row.warehouse),
      quantity: Number(row.quantityOnHand),
      expirationDate: String(row.expirationDate),
      receivedDate: row.receivedDate as string | undefined,
      unitCost: Number(row.unitCost),
      reason: String(row.reason),
      reference: '',
    });
    const line = m.lines[0];
    return (await findLotByKey(c.get('db'), tenantId, m.sku, line.lotId, line.warehouse))!.id;
  },
  archive: async (c, lotId) => {
    const db = c.get('db');
    const { tenantId } = c.get('auth');
    const lot = (await findLot(db, tenantId, lotId))!;
    if (lot.quantityOnHand > 0) throw conflict(`Lot ${lotId} still holds ${lot.quantityOnHand} units; move, ship or write them off first.`);
    await db
      .update(lots)
      .set({ status: 'archived', updatedAt: new Date().toISOString() })
      .where(and(eq(lots.tenantId, tenantId), eq(lots.id, lot.id)));
    return { ...lot, tenantId: undefined, status: 'archived', archived: true };
  },
});
