// Generic tenant-scoped list/get/insert/update/delete for single-row resources.
// Every statement built here starts from the tenant filter; there is no way to call it without one.
import { and, asc, count, desc, eq, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from './db';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- drizzle tables are heterogeneous here
export type AnyTable = SQLiteTable & Record<string, any>;

export interface TableSpec {
  table: AnyTable;
  tenant: SQLiteColumn;
  key: SQLiteColumn;
  archived?: SQLiteColumn;
  search: SQLiteColumn[];
  sort: Record<string, SQLiteColumn>;
  defaultSort: string;
  /** Equality filters of the list: query parameter → column (a parameter left out filters nothing). */
  equals?: Record<string, SQLiteColumn>;
}

export interface ListQuery {
  q?: string;
  page: number;
  pageSize: number;
  sort?: string;
  includeArchived?: boolean;
  /** Values of `spec.equals`' parameters, as the query string gave them. */
  values?: Record<string, unknown>;
  where: (SQL | undefined)[];
}

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export function tenantWhere(spec: TableSpec, tenantId: string, extra: (SQL | undefined)[] = []) {
  return and(eq(spec.tenant, tenantId), ...extra);
}

export function orderBy(spec: TableSpec, sort: string | undefined) {
  const raw = sort || spec.defaultSort;
  const descending = raw.startsWith('-');
  const name = raw.replace(/^-/, '');
  // Own fields only: spec.sort["constructor"] would otherwise be Object's constructor.
  const column = Object.hasOwn(spec.sort, name) ? spec.sort[name] : spec.sort[spec.defaultSort.replace(/^-/, '')];
  return [descending ? desc(column) : asc(column), asc(spec.key)];
}

export function searchWhere(spec: TableSpec, q: string | undefined) {
  return matchAny(spec.search, q);
}

/** A list's `q`: any of the columns contains the text (letter case ignored for ASCII, as LIKE does); undefined without q. */
export function matchAny(columns: readonly SQLWrapper[], q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const pattern = `%${escapeLike(q)}%`;
  // An explicit escape character so user input cannot smuggle wildcards.
  return or(...columns.map((col) => sql`${col} LIKE ${pattern} ESCAPE '\\'`));
}

export async function listRows(db: Db, spec: TableSpec, tenantId: string, query: ListQuery) {
  const where = tenantWhere(spec, tenantId, [
    searchWhere(spec, query.q),
    spec.archived && !query.includeArchived ? eq(spec.archived, false) : undefined,
    ...Object.entries(spec.equals ?? {}).map(([name, column]) => (query.values?.[name] ? eq(column, query.values[name]) : undefined)),
    ...query.where,
  ]);
  const [items, [{ total }]] = await Promise.all([
    db
      .select()
      .from(spec.table)
      .where(where)
      .orderBy(...orderBy(spec, query.sort))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(spec.table).where(where),
  ]);
  return { items: items.map(stripTenant), total, page: query.page, pageSize: query.pageSize };
}

export async function getRow(db: Db, spec: TableSpec, tenantId: string, key: string) {
  const [row] = await db
    .select()
    .from(spec.table)
    .where(tenantWhere(spec, tenantId, [eq(spec.key, key)]));
  return row ? stripTenant(row) : undefined;
}

export function stripTenant<T extends Record<string, unknown>>(row: T): Omit<T, 'tenantId'> {
  const { tenantId: _omit, ...rest } = row;
  return rest;
}

/** Insert statement for a new row of the tenant (`values` holds the key and the fields). */
export const insertRow = (db: Db, spec: TableSpec, tenantId: string, values: Record<string, unknown>) =>
  db.insert(spec.table).values({ ...values, tenantId });

/** Update statement for the row with `key`; `set` should carry updatedAt. */
export const updateRow = (db: Db, spec: TableSpec, tenantId: string, key: string, set: Record<string, unknown>) =>
  db
    .update(spec.table)
    .set(set)
    .where(tenantWhere(spec, tenantId, [eq(spec.key, key)]));

/** Delete statement for the row with `key`. */
export const deleteRow = (db: Db, spec: TableSpec, tenantId: string, key: string) =>
  db.delete(spec.table).where(tenantWhere(spec, tenantId, [eq(spec.key, key)]));
