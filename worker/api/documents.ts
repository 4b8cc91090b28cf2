// Orders and inbound shipments are documents: a header (customer/date or ETA/origin) over SKU lines.
// They are stored one row per line, keyed (tenant, document id, sku), as the import files are.
import { createRoute, z } from '@hono/zod-openapi';
import { guard, type AppEnv } from '../lib/auth';
import type { Context } from 'hono';
import { businessKey, keyFold } from '../lib/keys';
import { conflict, forbidden, invalid, notFound, type FieldError } from '../lib/problem';
import { can, type Permission, type Role } from '../lib/roles';
import { positiveUnits } from '../lib/numbers';
import { createRouter, jsonBody, mergePatchShape, pagination, problemResponses } from '../lib/validate';
import { json, page } from './schemas';
import { recordChange } from '../audit/record';
import type { Db } from '../data/db';
import {
  deleteDocument,
  documentExists,
  documentRows,
  insertDocumentRows,
  listDocuments,
  updateDocument,
  updateOpenLinesStatus,
  type DocumentTable,
} from '../data/documents.repo';
import { existingSkus } from '../data/refs.repo';

type Row = Record<string, unknown>;

export interface DocumentDef<H extends z.ZodRawShape, Q extends z.ZodObject, D extends z.ZodObject, S extends z.ZodObject> {
  path: string;
  label: string;
  /** The document with its lines, and one list item (header, line count, units): worker/api/schemas/rows.ts. */
  document: D;
  summary: S;
  idField: string;
  /** Where the lines are stored (data/documents.repo.ts); its filters name `query`'s parameters. */
  store: DocumentTable;
  headerShape: H;
  dateField: string;
  query: Q;
  /** Unknown references as errors; known ones are rewritten to their stored spelling. */
  checkHeader?: (db: Db, tenantId: string, header: Row) => Promise<FieldError[]>;
  /**
   * Status changes the document allows (inbound shipments: domain/inbound.ts): throws a 409 naming
   * the current status, or a 403 when the role may not make this change. Lines already received
   * keep their status.
   */
  statusChange?: (rows: Row[], to: string, role: Role) => void;
  /** A role with this permission may change only the status (the dock's movements:write for shipments). */
  statusWrite?: Permission;
}

const Line = z.strictObject({ sku: businessKey, quantity: positiveUnits });
const LineList = z.array(Line).min(1).max(1000);
const UniqueSkuLines = LineList.refine(
  (ls) => new Set(ls.map((l) => keyFold(l.sku))).size === ls.length,
  'Each SKU may appear once per document.',
);

/**
 * The routes of one kind of document (a header over SKU lines): list, get, create, patch, cancel,
 * answering `def.document` and `def.summary`.
 * @internal Its generic router type is longer than tsc writes into declarations
 * (tsconfig.api-types.json strips it); the routers it builds carry their types into AppType.
 */
export function documentRoutes<H extends z.ZodRawShape, Q extends z.ZodObject, D extends z.ZodObject, S extends z.ZodObject>(
  def: DocumentDef<H, Q, D, S>,
) {
  const tags = [def.path];
  // Orders number their lines (the same SKU may appear on several); shipments hold one line per SKU.
  const Lines = def.store.line ? LineList : UniqueSkuLines;
  const Id = z.object({ id: businessKey });
  const Create = z.strictObject({ [def.idField]: businessKey, ...def.headerShape, lines: Lines });
  // Merge patch: an omitted header field keeps its value (a status default must not reset it).
  const Patch = z.strictObject({ ...mergePatchShape(def.headerShape), lines: Lines.optional() });
  const entity = def.label.toLowerCase().replace(/ /g, '-');
  const ListBase = pagination.extend({
    q: z.string().max(200).optional(),
    sku: businessKey.optional(),
    sort: z.enum([def.dateField, `-${def.dateField}`, def.idField, `-${def.idField}`]).optional(),
  });
  const ListQuery = ListBase.extend(def.query.shape);
  // The query schema is a type parameter here, which the route's input types cannot resolve through.
  const validQuery = (c: Context<AppEnv>) => (c.req.valid as (t: 'query') => z.output<typeof ListBase> & z.output<Q>)('query');
  const store = def.store;

  const load = async (db: Db, tenantId: string, id: string): Promise<Row & { createdAt: unknown }> => {
    const rows = await documentRows(db, store, tenantId, id);
    if (!rows.length) throw notFound(def.label);
    const header = Object.fromEntries(Object.keys(store.header).map((k) => [k, rows[0][k]]));
    return {
      [def.idField]: rows[0][def.idField],
      ...header,
      lines: rows.map((r) => ({
        ...(store.line ? { line: r.line, sku: r.sku, quantity: r.quantity } : { sku: r.sku, quantity: r.quantity }),
        // Shipment lines: what is already received and where, so a receipt can offer what is open.
        ...(typeof r.quantityReceived === 'number'
          ? { quantityReceived: r.quantityReceived, warehouse: r.warehouse ?? null, status: r.status }
          : {}),
      })),
      createdAt: rows[0].createdAt,
      updatedAt: rows[0].updatedAt,
    };
  };
  // A document as load() builds it, which `def.document` describes; test/api/response-schemas checks it.
  const asDocument = (doc: Row) => doc as z.infer<D>;
  const check = async (db: Db, tenantId: string, header: Row, lines?: { sku: string }[]) => {
    const errors = (await def.checkHeader?.(db, tenantId, header)) ?? [];
    if (lines) {
      const known = await existingSkus(
        db,
        tenantId,
        lines.map((l) => l.sku),
      );
      lines.forEach((l, i) => {
        const stored = known.get(keyFold(l.sku));
        if (stored === undefined) errors.push({ path: `lines.${i}.sku`, value: l.sku, message: `Unknown sku "${l.sku}".` });
        else l.sku = stored;
      });
    }
    if (errors.length) throw invalid(`The ${def.label.toLowerCase()} refers to records that do not exist.`, errors);
  };
  const insertRows = (db: Db, rows: Row[]) => insertDocumentRows(db, store, rows);
  const insertLines = (db: Db, tenantId: string, id: string, header: Row, lines: { sku: string; quantity: number }[]) =>
    insertRows(
      db,
      lines.map((l, i) => ({
        ...header,
        tenantId,
        [def.idField]: id,
        ...(store.line ? { line: i + 1 } : {}),
        sku: l.sku,
        quantity: l.quantity,
      })),
    );

  const app = createRouter();
  app.use('*', (c, next) => {
    // A status-only change may come from the roles that receive; the handler holds them to it.
    const statusOnly = def.statusWrite && ['PATCH', 'DELETE'].includes(c.req.method) && can(c.get('auth').role, def.statusWrite);
    return statusOnly ? next() : guard('catalog:write')(c, next);
  });
  /** Applies the document's status rule when `to` is a change; other edits need catalog:write. */
  const statusGuard = async (c: Context<AppEnv>, id: string, to: unknown, editsMore: boolean) => {
    const { role, tenantId } = c.get('auth');
    if (editsMore && !can(role, 'catalog:write')) throw forbidden('Your role may change only the status of this document.');
    if (to === undefined || !def.statusChange) return;
    def.statusChange(await documentRows(c.get('db'), store, tenantId, id), String(to), role);
  };

  // Each step names the router so far: route types accumulate into the returned router (AppType)
  // while every handler keeps its own statement.
  const listed = app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: `Search and page ${def.path} (one item per document, with line count and units).`,
      request: { query: ListQuery },
      responses: { 200: json(page(def.summary), `A page of ${def.path}`), ...problemResponses },
    }),
    async (c) => {
      const q = validQuery(c);
      const db = c.get('db');
      const tenantId = c.get('auth').tenantId;
      const found = await listDocuments(db, store, tenantId, {
        q: q.q,
        sku: q.sku,
        filters: q as Row,
        sort: q.sort ?? `-${def.dateField}`,
        idField: def.idField,
        page: q.page,
        pageSize: q.pageSize,
      });
      return c.json({ ...found, items: found.items as z.infer<S>[] }, 200);
    },
  );

  const withGet = listed.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: `One ${def.label.toLowerCase()} with its lines.`,
      request: { params: Id },
      responses: { 200: json(def.document, def.label), ...problemResponses },
    }),
    async (c) => c.json(asDocument(await load(c.get('db'), c.get('auth').tenantId, c.req.valid('param').id)), 200),
  );

  const created = withGet.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: `Create a ${def.label.toLowerCase()} with its lines.`,
      request: jsonBody(Create),
      responses: { 201: json(def.document, def.label), ...problemResponses },
    }),
    async (c) => {
      const { lines, [def.idField]: id, ...header } = c.req.valid('json') as Row & { lines: { sku: string; quantity: number }[] };
      const db = c.get('db');
      const tenantId = c.get('auth').tenantId;
      if (await documentExists(db, store, tenantId, String(id))) throw conflict(`${def.label} ${id} already exists.`);
      await check(db, tenantId, header, lines);
      const { email } = c.get('auth');
      await recordChange(c.env, db, insertLines(db, tenantId, String(id), header, lines), [
        {
          actor: email,
          tenantId,
          entity,
          id: String(id),
          action: `${entity}.create`,
          after: { ...header, lines: lines.map((l, i) => (store.line ? { line: i + 1, sku: l.sku, quantity: l.quantity } : l)) },
        },
      ]);
      return c.json(asDocument(await load(db, tenantId, String(id))), 201);
    },
  );

  const patched = created.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: `Change the header and/or replace the lines of a ${def.label.toLowerCase()}.`,
      request: { params: Id, ...jsonBody(Patch) },
      responses: { 200: json(def.document, def.label), ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { lines, ...patch } = c.req.valid('json') as Row & { lines?: { sku: string; quantity: number }[] };
      const db = c.get('db');
      const tenantId = c.get('auth').tenantId;
      const current = await load(db, tenantId, id);
      await statusGuard(c, id, patch.status, !!lines || Object.keys(patch).some((k) => k !== 'status'));
      if (!lines && !Object.keys(patch).length) return c.json(asDocument(current), 200);
      const header = { ...Object.fromEntries(Object.keys(store.header).map((k) => [k, current[k]])), ...patch };
      await check(db, tenantId, header, lines);
      const now = new Date().toISOString();
      let statements;
      if (lines) {
        // Replacing lines keeps every stored column the request does not name (a line's warehouse,
        // what it already received): a line for a SKU kept carries its row over.
        const stored = await documentRows(db, store, tenantId, id);
        // Orders match a kept line by its number (a SKU may repeat), shipments by SKU.
        const keyOf = (r: Row, i: number) => (store.line ? `#${i + 1}` : keyFold(String(r.sku)));
        const byKey = new Map(stored.map((r) => [store.line ? `#${String(r.line)}` : keyFold(String(r.sku)), r]));
        const { quantityReceived: _perLine, ...shared } = stored[0];
        const rows = lines.map((l, i) => {
          const kept = byKey.get(keyOf(l, i));
          const received = typeof kept?.quantityReceived === 'number' ? kept.quantityReceived : 0;
          if (l.quantity < received)
            throw conflict(`${received} units of ${l.sku} were already received; the line cannot ask for fewer (${l.quantity}).`, {
              sku: l.sku,
              quantityReceived: received,
            });
          return {
            ...(kept ?? shared),
            ...header,
            // A line whose units are all received is received (a line reduced to what arrived closes short).
            ...(received > 0 && received >= l.quantity ? { status: 'received' } : {}),
            ...(store.line ? { line: i + 1 } : {}),
            sku: l.sku,
            quantity: l.quantity,
            updatedAt: now,
          };
        });
        statements = [deleteDocument(db, store, tenantId, id), ...insertRows(db, rows)];
      } else {
        const { status, ...rest } = patch;
        statements = [
          ...(Object.keys(rest).length ? [updateDocument(db, store, tenantId, id, { ...rest, updatedAt: now })] : []),
          ...(status !== undefined ? [updateOpenLinesStatus(db, store, tenantId, id, String(status), now)] : []),
        ];
      }
      const before = { ...current, createdAt: undefined, updatedAt: undefined };
      // Lines as the document shows them (orders number theirs), so before and after compare alike.
      const shown = lines?.map((l, i) =>
        store.line ? { line: i + 1, sku: l.sku, quantity: l.quantity } : { sku: l.sku, quantity: l.quantity },
      );
      const after = { ...before, ...header, ...(shown ? { lines: shown } : {}) };
      await recordChange(c.env, db, statements, [
        { actor: c.get('auth').email, tenantId, entity, id, action: `${entity}.update`, before, after },
      ]);
      return c.json(asDocument(await load(db, tenantId, id)), 200);
    },
  );

  return patched.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      summary: `Cancel a ${def.label.toLowerCase()} (kept as history with status cancelled).`,
      request: { params: Id },
      responses: { 200: json(def.document, def.label), ...problemResponses },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const db = c.get('db');
      const tenantId = c.get('auth').tenantId;
      const current = await load(db, tenantId, id);
      await statusGuard(c, id, 'cancelled', false);
      await recordChange(
        c.env,
        db,
        [updateOpenLinesStatus(db, store, tenantId, id, 'cancelled', new Date().toISOString())],
        [
          {
            actor: c.get('auth').email,
            tenantId,
            entity,
            id,
            action: `${entity}.cancel`,
            before: { status: current.status },
            after: { status: 'cancelled' },
          },
        ],
      );
      return c.json(asDocument({ ...(await load(db, tenantId, id)), archived: true }), 200);
    },
  );
}
