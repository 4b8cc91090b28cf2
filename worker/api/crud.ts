// One route factory for the single-row resources (warehouses, products, customers, lots):
// list with search/filter/sort/pagination, get, create, patch, delete-or-archive.
import { createRoute, z } from '@hono/zod-openapi';
import type { SQL } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../lib/auth';
import { guard } from '../lib/auth';
import { conflict, invalid, notFound, type FieldError } from '../lib/problem';
import { recordChange } from '../audit/record';
import type { Permission } from '../lib/roles';
import { createRouter, jsonBody, pagination, problemResponses } from '../lib/validate';
import { json, page } from './schemas';
import type { Db } from '../data/db';
import { businessKey } from '../lib/keys';
import { deleteRow, getRow, insertRow, listRows, updateRow, type TableSpec } from '../data/crud.repo';

type Row = Record<string, unknown>;

export interface ResourceDef<C extends z.ZodObject, P extends z.ZodObject, Q extends z.ZodObject, I extends z.ZodObject> {
  path: string; // e.g. 'products'
  label: string; // e.g. 'Product'
  /** The record as answered (worker/api/schemas/rows.ts). */
  item: I;
  keyField: string; // body field and path parameter, e.g. 'sku'
  keyPattern?: RegExp;
  spec: TableSpec;
  write: Permission;
  /** Creating needs this instead of `write` (creating a lot posts stock: the ledger's permission). */
  createWrite?: Permission;
  create: C;
  patch: P;
  /** Extra query parameters; `spec.equals` and `filters` turn them into conditions. */
  query: Q;
  filters?: (q: z.infer<Q>, now: Date, c: Context<AppEnv>) => (SQL | undefined)[] | Promise<(SQL | undefined)[]>;
  /** Unknown SKUs, warehouses, customers: 422 with one error per field. */
  checkRefs?: (db: Db, tenantId: string, row: Row) => Promise<FieldError[]>;
  /** True when other rows point here, so DELETE archives instead of deleting. */
  isReferenced?: (db: Db, tenantId: string, key: string) => Promise<boolean>;
  /** What still holds the record (stock, open documents): DELETE answers 409 naming each. */
  blockers?: (db: Db, tenantId: string, key: string) => Promise<string[]>;
  /** Cross-field rules, checked on the new record and on the merged record of a patch. */
  rules?: (row: Row) => FieldError[];
  /** Patch fields that are not columns (a reason): kept for the audit entry only. */
  auditOnly?: string[];
  /** Replaces the plain insert (lots are created through the ledger); returns the new row's key. */
  insert?: (c: Context<AppEnv>, row: Row) => Promise<string | void>;
  /** Replaces the "already exists" lookup by key (lots are unique by SKU, lot number and warehouse). */
  exists?: (db: Db, tenantId: string, row: Row) => Promise<boolean>;
  /** Replaces the plain archive (lots with stock cannot be archived). */
  archive?: (c: Context<AppEnv>, key: string) => Promise<Row>;
  /**
   * Limits a record is held to beyond its own fields (a lot's expiry against its product's shelf
   * life): the new record on create, the merged one with the stored one on a patch. Throws.
   */
  limits?: (db: Db, tenantId: string, row: Row, existing?: Row) => Promise<void>;
  /** Query parameters of the one-record routes (GET, PATCH, DELETE), read by `resolveKey`. */
  itemQuery?: z.ZodObject;
  /**
   * The stored key a path key names (lots: a lot number may name several lots, `itemQuery`
   * narrows it); throws 404 for none and 409 listing them for several.
   */
  resolveKey?: (db: Db, tenantId: string, key: string, query: Record<string, string | undefined>) => Promise<string>;
  /** Checks a patch against the stored record (a reason a change needs). */
  patchGuard?: (existing: Row, patch: Row) => void;
}

/**
 * The routes of one single-row resource: list (search, filter, sort, page), get, create, patch,
 * delete-or-archive, answering `def.item`.
 * @internal Its generic router type is longer than tsc writes into declarations
 * (tsconfig.api-types.json strips it); the routers it builds carry their types into AppType.
 */
export function crudRoutes<C extends z.ZodObject, P extends z.ZodObject, Q extends z.ZodObject, I extends z.ZodObject>(
  def: ResourceDef<C, P, Q, I>,
) {
  const { spec, label, keyField } = def;
  const tags = [def.path];
  // The path parameter is named after the key (sku, lotId, code…) so the API reference reads naturally.
  const Key = z.object({
    [keyField]: def.keyPattern ? z.string().trim().regex(def.keyPattern, `Not a valid ${keyField}.`) : businessKey,
  });
  const keyPath = `/{${keyField}}`;
  // The body schemas are type parameters here, which the route's input types cannot resolve through.
  const validJson = (c: Context<AppEnv>) => (c.req.valid as (t: 'json') => z.output<C> | z.output<P>)('json');
  const pathKey = (c: Context<AppEnv>) => (c.req.valid as (t: 'param') => Record<string, string>)('param')[keyField];
  const keyOf = async (c: Context<AppEnv>) =>
    def.resolveKey
      ? def.resolveKey(
          c.get('db'),
          c.get('auth').tenantId,
          pathKey(c),
          (c.req.valid as (t: 'query') => Record<string, string | undefined>)('query'),
        )
      : pathKey(c);
  const ItemQuery = def.itemQuery ? { query: def.itemQuery } : {};
  const sortKeys = Object.keys(spec.sort);
  const ListQuery = pagination
    .extend({
      q: z.string().max(200).optional(),
      // Only the resource's own sortable fields: a name like "constructor" must not reach a lookup.
      sort: z
        .string()
        .max(64)
        .refine((s) => Object.hasOwn(spec.sort, s.replace(/^-/, '')), `Sort by one of ${sortKeys.join(', ')} (prefix - for descending).`)
        .optional(),
      includeArchived: z.enum(['true', 'false']).optional(),
    })
    .extend(def.query.shape);

  const list = createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: `Search, filter, sort and page ${def.path}.`,
    request: { query: ListQuery },
    responses: { 200: json(page(def.item), `A page of ${def.path}`), ...problemResponses },
  });
  const get = createRoute({
    method: 'get',
    path: keyPath,
    tags,
    summary: `One ${label.toLowerCase()} by ${keyField}.`,
    request: { params: Key, ...ItemQuery },
    responses: { 200: json(def.item, label), ...problemResponses },
  });
  const create = createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: `Create a ${label.toLowerCase()}.`,
    request: jsonBody(def.create),
    responses: { 201: json(def.item, `Created ${label.toLowerCase()}`), ...problemResponses },
  });
  const patch = createRoute({
    method: 'patch',
    path: keyPath,
    tags,
    summary: `Change a ${label.toLowerCase()}.`,
    request: { params: Key, ...ItemQuery, ...jsonBody(def.patch) },
    responses: { 200: json(def.item, `Updated ${label.toLowerCase()}`), ...problemResponses },
  });
  const remove = createRoute({
    method: 'delete',
    path: keyPath,
    tags,
    summary: `Delete a ${label.toLowerCase()}, or archive it when other records refer to it.`,
    request: { params: Key, ...ItemQuery },
    responses: { 200: json(def.item, 'Archived'), 204: { description: 'Deleted' }, ...problemResponses },
  });

  const app = createRouter();
  app.use('*', (c, next) => guard(c.req.method === 'POST' && def.createWrite ? def.createWrite : def.write)(c, next));

  const load = async (db: Db, tenantId: string, key: string) => {
    const row = await getRow(db, spec, tenantId, key);
    if (!row) throw notFound(label);
    return row as Row;
  };
  const refs = async (db: Db, tenantId: string, row: Row) => {
    const broken = def.rules?.(row) ?? [];
    if (broken.length) throw invalid(`The ${label.toLowerCase()} is invalid.`, broken);
    const errors = (await def.checkRefs?.(db, tenantId, row)) ?? [];
    if (errors.length) throw invalid(`The ${label.toLowerCase()} refers to records that do not exist.`, errors);
  };
  // The rows are the table's (less the tenant), which `def.item` describes; test/api/response-schemas checks it.
  const asItem = (row: Row) => row as z.infer<I>;
  const who = (c: Context<AppEnv>) => ({
    actor: c.get('auth').email,
    tenantId: c.get('auth').tenantId,
    entity: def.path.replace(/s$/, ''),
  });

  // Each step names the router so far: route types accumulate into the returned router (AppType)
  // while every handler keeps its own statement.
  const listed = app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const where = (await def.filters?.(q as z.infer<Q>, new Date(), c)) ?? [];
    const result = await listRows(c.get('db'), spec, c.get('auth').tenantId, {
      q: q.q as string | undefined,
      page: q.page as number,
      pageSize: q.pageSize as number,
      sort: q.sort as string | undefined,
      includeArchived: q.includeArchived === 'true',
      values: q,
      where,
    });
    return c.json({ ...result, items: result.items.map(asItem) }, 200);
  });

  const withGet = listed.openapi(get, async (c) => c.json(asItem(await load(c.get('db'), c.get('auth').tenantId, await keyOf(c))), 200));

  const created = withGet.openapi(create, async (c) => {
    const body: Row = validJson(c);
    const db = c.get('db');
    const { tenantId } = c.get('auth');
    const key = String(body[keyField]);
    if (def.exists ? await def.exists(db, tenantId, body) : await getRow(db, spec, tenantId, key))
      throw conflict(`${label} ${key} already exists.`);
    await refs(db, tenantId, body);
    await def.limits?.(db, tenantId, body);
    let created: string | void = key;
    if (def.insert) created = await def.insert(c, body);
    else
      await recordChange(
        c.env,
        db,
        [insertRow(db, spec, tenantId, body)],
        [{ ...who(c), action: `${who(c).entity}.create`, id: key, after: body }],
      );
    return c.json(asItem(await load(db, tenantId, created || key)), 201);
  });

  const patched = created.openapi(patch, async (c) => {
    const key = await keyOf(c);
    const body: Row = validJson(c);
    const db = c.get('db');
    const { tenantId } = c.get('auth');
    const existing = await load(db, tenantId, key);
    def.patchGuard?.(existing, body);
    // RFC 7396: the body names only what changes; the rules hold for the record as merged.
    const fields = Object.fromEntries(Object.entries(body).filter(([k]) => !def.auditOnly?.includes(k)));
    const notes = Object.fromEntries(Object.entries(body).filter(([k]) => def.auditOnly?.includes(k)));
    const merged = { ...existing, ...fields };
    await refs(db, tenantId, merged);
    await def.limits?.(db, tenantId, merged, existing);
    const holds = fields.archived === true && !existing.archived ? ((await def.blockers?.(db, tenantId, key)) ?? []) : [];
    if (holds.length) throw conflict(`${label} ${key} cannot be archived while ${holds.join('; ')}.`, { heldBy: holds });
    if (Object.keys(fields).length) {
      await recordChange(
        c.env,
        db,
        [updateRow(db, spec, tenantId, key, { ...fields, updatedAt: new Date().toISOString() })],
        [{ ...who(c), action: `${who(c).entity}.update`, id: key, before: existing, after: merged, data: notes }],
      );
    }
    return c.json(asItem(await load(db, tenantId, key)), 200);
  });

  return patched.openapi(remove, async (c) => {
    const key = await keyOf(c);
    const db = c.get('db');
    const { tenantId } = c.get('auth');
    const existing = await load(db, tenantId, key);
    const holds = (await def.blockers?.(db, tenantId, key)) ?? [];
    if (holds.length) throw conflict(`${label} ${key} cannot be deleted while ${holds.join('; ')}.`, { heldBy: holds });
    if (def.archive) return c.json(asItem(await def.archive(c, key)), 200);
    if (spec.archived && (await def.isReferenced?.(db, tenantId, key))) {
      await recordChange(
        c.env,
        db,
        [updateRow(db, spec, tenantId, key, { archived: true, updatedAt: new Date().toISOString() })],
        [{ ...who(c), action: `${who(c).entity}.archive`, id: key, before: { archived: existing.archived }, after: { archived: true } }],
      );
      return c.json(asItem({ ...(await load(db, tenantId, key)), archived: true }), 200);
    }
    await recordChange(
      c.env,
      db,
      [deleteRow(db, spec, tenantId, key)],
      [{ ...who(c), action: `${who(c).entity}.delete`, id: key, before: existing }],
    );
    return c.body(null, 204);
  });
}
