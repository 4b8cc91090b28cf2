// Lots: quantities change only through the ledger, so create posts an IN and archive needs zero stock.
import { z } from '@hono/zod-openapi';
import { crudRoutes } from './crud';
import { isoDate } from '../lib/formats';
import { businessKey, plainText } from '../lib/keys';
import { money, positiveUnits } from '../lib/numbers';
import { conflict, invalid, notFound } from '../lib/problem';
import { recordChange } from '../audit/record';
import { postStockMovement } from '../stock/post-movement';
import { archiveLotStatement, findLot, findLotByKey, lotsNamed, productRules } from '../data/movements.repo';
import { lotLimitProblems } from '../domain/record-limits';
import { LOT_CREATED_REASON } from '../domain/movement-reasons';
import { tenantToday } from '../data/tenant-time';
import { missingRefs } from '../data/refs.repo';
import { Lot } from './schemas';
import { LOT_SPEC, lotListFilters } from '../data/catalog.specs';

const key = businessKey;
// A lot's API id: a lot number, or "<lot>~<warehouse>~<sku>" for a lot number already taken.
const LOT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._\-:#@ ~]{0,199}$/;
const status = z.enum(['available', 'quarantine', 'hold']);

export const lotsRoutes = crudRoutes({
  path: 'lots',
  label: 'Lot',
  item: Lot,
  // The path names a lot by its API id (`id`: the lot number when it was free, else
  // "<lot>~<warehouse>~<sku>"); lots are unique by SKU, lot number and warehouse.
  keyField: 'lotId',
  keyPattern: LOT_ID_PATTERN,
  write: 'catalog:write',
  // Creating a lot posts its units as an IN movement: it needs the ledger's permission, as
  // POST /api/movements does (staff, admin); status and date corrections stay catalogue edits.
  createWrite: 'movements:write',
  spec: LOT_SPEC,
  create: z.strictObject({
    lotId: key,
    sku: key,
    warehouse: key,
    quantityOnHand: positiveUnits,
    receivedDate: isoDate.optional(),
    expirationDate: isoDate,
    // Omitted: the product's unit cost (a lot valued at $0 disagreed with actions valued at cost).
    unitCost: money.optional(),
    // An already-expired lot can only be created in quarantine.
    status: z.enum(['available', 'quarantine']).optional(),
    reason: plainText(500).default(LOT_CREATED_REASON),
  }),
  // Quantity is not patchable: post a movement. Dates may be corrected (with a reason, audited);
  // status quarantines or releases.
  patch: z.strictObject({
    status: status.optional(),
    expirationDate: isoDate.optional(),
    unitCost: money.optional(),
    reason: plainText(500).min(3, 'Say why.').optional(),
  }),
  auditOnly: ['reason'],
  // A lot number stocked in several warehouses, or on several SKUs, names several lots: the path
  // then needs ?sku= and/or ?warehouse= (409 lists the lots); an API id with "~" names one.
  itemQuery: z.object({ sku: key.optional(), warehouse: key.optional() }),
  resolveKey: async (db, tenantId, ref, q) => {
    const matches = await lotsNamed(db, tenantId, ref, q);
    if (matches.length === 1) return matches[0].id;
    if (!matches.length) throw notFound('Lot');
    throw conflict(
      `Lot ${ref} names ${matches.length} lots (${matches.map((l) => `${l.sku} in ${l.warehouse}`).join('; ')}); add ?sku= and/or ?warehouse= to choose one.`,
      { matches: matches.map((l) => ({ id: l.id, sku: l.sku, warehouse: l.warehouse })) },
    );
  },
  query: z.object({
    sku: key.optional(),
    warehouse: key.optional(),
    status: z.enum(['available', 'quarantine', 'hold', 'archived']).optional(),
    expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
    includeEmpty: z.enum(['true', 'false']).optional(),
  }),
  filters: async (q, now, c) => {
    // "Expiring within n days": sellable today (expiry after the tenant's today) and expiring by today + n.
    return lotListFilters(q, await tenantToday(c.get('db'), c.get('auth').tenantId, now));
  },
  checkRefs: (db, tenantId, row) => missingRefs(db, tenantId, { sku: row.sku, warehouse: row.warehouse }),
  // The limits of every lot (domain/record-limits, the importer's too): a new lot, and a corrected expiry.
  limits: async (db, tenantId, row, existing) => {
    if (existing && existing.expirationDate === row.expirationDate) return;
    const today = await tenantToday(db, tenantId);
    const receivedDate = (row.receivedDate as string | undefined) ?? today;
    const problems = lotLimitProblems(
      {
        receivedDate,
        expirationDate: String(row.expirationDate),
        quantity: Number(row.quantityOnHand),
        shelfLifeDays: (await productRules(db, tenantId, String(row.sku)))?.shelfLifeDays,
      },
      today,
    );
    const shown = { receivedDate, expirationDate: String(row.expirationDate), quantity: String(row.quantityOnHand) };
    // The ledger names the lot's units `quantityOnHand` here.
    if (problems.length)
      throw invalid(
        'The lot is not possible.',
        problems.map((p) => ({ path: p.field === 'quantity' ? 'quantityOnHand' : p.field, value: shown[p.field], message: p.message })),
      );
  },
  // On create the ledger checks the dates (receipt defaults to today); on a patch the merged lot.
  rules: (lot) =>
    lot.receivedDate === undefined || String(lot.expirationDate) > String(lot.receivedDate)
      ? []
      : [{ path: 'expirationDate', value: String(lot.expirationDate), message: `Expiration must be after receipt (${lot.receivedDate}).` }],
  exists: async (db, tenantId, row) => !!(await findLotByKey(db, tenantId, String(row.sku), String(row.lotId), String(row.warehouse))),
  patchGuard: (existing, patch) => {
    const exp = patch.expirationDate as string | undefined;
    // The expiry drives FEFO, waste and what a customer accepts: changing it is a decision someone signs.
    if (exp !== undefined && exp !== existing.expirationDate && !patch.reason)
      throw invalid('Say why the expiration date changes.', [
        { path: 'reason', message: `A reason is required to change the expiration date from ${existing.expirationDate} to ${exp}.` },
      ]);
  },
  insert: async (c, row) => {
    const { tenantId, userId, email } = c.get('auth');
    const m = await postStockMovement(
      c.env,
      c.get('db'),
      tenantId,
      { userId, email },
      {
        type: 'IN',
        lotId: String(row.lotId),
        sku: String(row.sku),
        warehouse: String(row.warehouse),
        quantity: Number(row.quantityOnHand),
        expirationDate: String(row.expirationDate),
        receivedDate: row.receivedDate as string | undefined,
        unitCost: row.unitCost === undefined || row.unitCost === null ? undefined : Number(row.unitCost),
        status: row.status as 'available' | 'quarantine' | undefined,
        reason: String(row.reason),
        reference: '',
      },
      'lot created',
    );
    const line = m.lines[0];
    return (await findLotByKey(c.get('db'), tenantId, m.sku, line.lotId, line.warehouse))!.id;
  },
  archive: async (c, lotId) => {
    const db = c.get('db');
    const { tenantId, email } = c.get('auth');
    const lot = (await findLot(db, tenantId, lotId))!;
    if (lot.quantityOnHand > 0) throw conflict(`Lot ${lotId} still holds ${lot.quantityOnHand} units; move, ship or write them off first.`);
    await recordChange(
      c.env,
      db,
      [archiveLotStatement(db, tenantId, lot.id)],
      [
        {
          actor: email,
          tenantId,
          entity: 'lot',
          id: lotId,
          action: 'lot.archive',
          before: { status: lot.status },
          after: { status: 'archived' },
        },
      ],
    );
    return { ...lot, tenantId: undefined, status: 'archived', archived: true };
  },
});
