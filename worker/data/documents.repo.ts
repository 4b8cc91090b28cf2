// Orders and inbound shipments are documents: a header over SKU lines, stored one row per line
// and keyed (tenant, document id, line or sku), as the import files are. The queries of the
// document routes (api/documents.ts); every one starts from the tenant filter.
import { and, asc, desc, eq, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { matchAny, type AnyTable } from './crud.repo';
import { chunk, rowsPerInsert, type Db } from './db';
import { inboundShipments, orderLines } from './schema';

type Row = Record<string, unknown>;

/** How a document kind is stored: its line table and the columns the routes read. */
export interface DocumentTable {
  table: AnyTable;
  tenant: SQLiteColumn;
  id: SQLiteColumn;
  sku: SQLiteColumn;
  quantity: SQLiteColumn;
  /** Line number column: lines are keyed (document, line) and a SKU may repeat; else (document, sku). */
  line?: SQLiteColumn;
  status: SQLiteColumn;
  /** Header columns by body field name (status included). */
  header: Record<string, SQLiteColumn>;
  /** List filters by query parameter: equal to, on or after (`gte`), on or before (`lte`). */
  filters: Record<string, [op: 'eq' | 'gte' | 'lte', column: SQLiteColumn]>;
  /** Columns the list's `q` searches: a document matches when any of its lines does. */
  search: SQLiteColumn[];
}

export const ORDER_TABLE: DocumentTable = {
  table: orderLines,
  tenant: orderLines.tenantId,
  id: orderLines.orderId,
  sku: orderLines.sku,
  quantity: orderLines.quantity,
  line: orderLines.line,
  status: orderLines.status,
  header: { customerId: orderLines.customerId, orderDate: orderLines.orderDate, status: orderLines.status },
  search: [orderLines.orderId, orderLines.customerId, orderLines.sku],
  filters: {
    customer: ['eq', orderLines.customerId],
    status: ['eq', orderLines.status],
    from: ['gte', orderLines.orderDate],
    to: ['lte', orderLines.orderDate],
  },
};

export const SHIPMENT_TABLE: DocumentTable = {
  table: inboundShipments,
  tenant: inboundShipments.tenantId,
  id: inboundShipments.shipmentId,
  sku: inboundShipments.sku,
  quantity: inboundShipments.quantity,
  status: inboundShipments.status,
  header: { etaDate: inboundShipments.etaDate, origin: inboundShipments.origin, status: inboundShipments.status },
  search: [inboundShipments.shipmentId, inboundShipments.origin, inboundShipments.sku],
  filters: {
    status: ['eq', inboundShipments.status],
    from: ['gte', inboundShipments.etaDate],
    to: ['lte', inboundShipments.etaDate],
  },
};

const OPS = { eq, gte, lte } as const;
const docWhere = (t: DocumentTable, tenantId: string, id: string) => and(eq(t.tenant, tenantId), eq(t.id, id));

/** A document's stored rows, in line (or SKU) order; empty when there is no such document. */
export async function documentRows(db: Db, t: DocumentTable, tenantId: string, id: string): Promise<Row[]> {
  return (await db
    .select()
    .from(t.table)
    .where(docWhere(t, tenantId, id))
    .orderBy(asc(t.line ?? t.sku))) as Row[];
}

/** True when the tenant has a document with this id. */
export async function documentExists(db: Db, t: DocumentTable, tenantId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: t.id })
    .from(t.table)
    .where(docWhere(t, tenantId, id))
    .limit(1);
  return !!row;
}

export interface DocumentQuery {
  /** Text in the document's id, its customer or origin, or a line's SKU (DocumentTable.search). */
  q?: string;
  sku?: string;
  /** Query parameters named in `t.filters`; others are ignored. */
  filters: Row;
  /** A header field or the id field, `-` prefixed for descending. */
  sort: string;
  idField: string;
  page: number;
  pageSize: number;
}

/** One item per document (header, line count, units), filtered, sorted and paged, with the total. */
export async function listDocuments(db: Db, t: DocumentTable, tenantId: string, q: DocumentQuery) {
  // A document matches when any of its lines does (a SKU, the text of `q`).
  const anyLine = (line: SQL | undefined) =>
    line &&
    inArray(
      t.id,
      db
        .select({ id: t.id })
        .from(t.table)
        .where(and(eq(t.tenant, tenantId), line)),
    );
  const where = and(
    eq(t.tenant, tenantId),
    anyLine(q.sku ? eq(t.sku, q.sku) : undefined),
    anyLine(matchAny(t.search, q.q)),
    ...Object.entries(t.filters).map(([name, [op, column]]): SQL | undefined =>
      q.filters[name] === undefined ? undefined : OPS[op](column, q.filters[name]),
    ),
  );
  const sortField = q.sort.replace(/^-/, '');
  const sortCol = sortField === q.idField ? t.id : t.header[sortField];
  const order = q.sort.startsWith('-') ? desc(sortCol) : asc(sortCol);
  const [items, [{ total }]] = await Promise.all([
    db
      .select({ [q.idField]: t.id, ...t.header, lineCount: sql<number>`count(*)`, units: sql<number>`sum(${t.quantity})` })
      .from(t.table)
      .where(where)
      .groupBy(t.id)
      .orderBy(order, asc(t.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ total: sql<number>`count(distinct ${t.id})` })
      .from(t.table)
      .where(where),
  ]);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** Insert statements for line rows, chunked under D1's 100 bound parameters. */
export function insertDocumentRows(db: Db, t: DocumentTable, rows: Row[]): BatchItem<'sqlite'>[] {
  const perRow = Object.keys(rows[0]).length + 2;
  return chunk(rows, rowsPerInsert(perRow)).map((part) => db.insert(t.table).values(part));
}

/** Deletes every line of a document (before its lines are written anew). */
export const deleteDocument = (db: Db, t: DocumentTable, tenantId: string, id: string): BatchItem<'sqlite'> =>
  db.delete(t.table).where(docWhere(t, tenantId, id));

/** Sets header fields (and updatedAt) on every line of a document. */
export const updateDocument = (db: Db, t: DocumentTable, tenantId: string, id: string, set: Row): BatchItem<'sqlite'> =>
  db
    .update(t.table)
    .set(set)
    .where(docWhere(t, tenantId, id));

/** Sets the status (and updatedAt) on the lines of a document not yet received: a received line stays received. */
export const updateOpenLinesStatus = (
  db: Db,
  t: DocumentTable,
  tenantId: string,
  id: string,
  status: string,
  now: string,
): BatchItem<'sqlite'> =>
  db
    .update(t.table)
    .set({ status, updatedAt: now })
    .where(and(docWhere(t, tenantId, id), ne(t.status, 'received')));
