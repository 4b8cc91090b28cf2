// Queries of actions, their notes and the records their execution writes (purchase orders,
// price changes). State columns here are the projection of the tenant object's state machine.
import { and, asc, count, desc, eq, getTableColumns, gte, inArray, lt, sql, sum, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { chunk, rowsPerInsert, type Db } from './db';
import { actionNotes, actions, customers, inboundShipments, lots, priceChanges, products, tenants } from './schema';

export type ActionRow = typeof actions.$inferSelect;
export type NewActionRow = typeof actions.$inferInsert;
export type ActionStateName = ActionRow['state'];
export type ActionKindName = ActionRow['kind'];

export interface ActionFilter {
  status?: ActionStateName[];
  kind?: ActionKindName[];
  sku?: string;
  warehouse?: string;
  ids?: string[];
  /** Actions worth at least this (tenant currency). */
  minValue?: number;
  /** The engine's confidence in its proposal (a person's proposal has none and never matches). */
  confidence?: ('high' | 'medium' | 'low')[];
}

export type ActionSort = 'createdAt' | '-createdAt' | 'value' | '-value' | 'orderByDate' | '-orderByDate' | 'sku' | '-sku';

const where = (tenantId: string, f: ActionFilter): SQL | undefined =>
  and(
    eq(actions.tenantId, tenantId),
    f.status?.length ? inArray(actions.state, f.status) : undefined,
    f.kind?.length ? inArray(actions.kind, f.kind) : undefined,
    f.sku ? eq(actions.sku, f.sku) : undefined,
    f.warehouse ? sql`(${actions.warehouse} = ${f.warehouse} OR ${actions.toWarehouse} = ${f.warehouse})` : undefined,
    f.ids?.length ? inArray(actions.id, f.ids) : undefined,
    f.minValue ? gte(actions.value, f.minValue) : undefined,
    f.confidence?.length ? inArray(actions.confidence, f.confidence) : undefined,
  );

const order = (s: ActionSort) => {
  const col = { createdAt: actions.createdAt, value: actions.value, orderByDate: actions.orderByDate, sku: actions.sku }[
    s.replace('-', '') as 'createdAt'
  ];
  return [s.startsWith('-') ? desc(col) : asc(col), asc(actions.id)];
};

export async function listActions(db: Db, tenantId: string, f: ActionFilter, sort: ActionSort, page: number, pageSize: number) {
  const w = where(tenantId, f);
  const [items, byKind] = await Promise.all([
    db
      .select()
      .from(actions)
      .where(w)
      .orderBy(...order(sort))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ kind: actions.kind, state: actions.state, n: count(), value: sum(actions.value) })
      .from(actions)
      .where(w)
      .groupBy(actions.kind, actions.state),
  ]);
  const total = byKind.reduce((t, r) => t + r.n, 0);
  const value = byKind.reduce((t, r) => t + Number(r.value ?? 0), 0);
  return {
    items,
    total,
    totals: { count: total, value: Math.round(value * 100) / 100, groups: byKind.map((r) => ({ ...r, value: Number(r.value ?? 0) })) },
  };
}

/**
 * The `n` largest proposed actions by value (ties by id), without the totals listActions adds: the
 * dashboard asks on every rebuild, and the (tenant, state, value) index answers it in `n` rows at
 * any number of open proposals.
 */
export async function topProposedActions(db: Db, tenantId: string, n: number) {
  return db
    .select()
    .from(actions)
    .where(and(eq(actions.tenantId, tenantId), eq(actions.state, 'proposed')))
    .orderBy(...order('-value'))
    .limit(n);
}

/** Every action matching the filter (exports), in pages of `size`. */
/** Every action the filter selects, `size` at a time, oldest first unless `sort` says otherwise. */
export async function* allActions(db: Db, tenantId: string, f: ActionFilter, size = 1000, sort: ActionSort = 'createdAt') {
  for (let page = 1; ; page++) {
    const rows = await db
      .select()
      .from(actions)
      .where(where(tenantId, f))
      .orderBy(...order(sort))
      .limit(size)
      .offset((page - 1) * size);
    yield rows;
    if (rows.length < size) return;
  }
}

export async function getAction(db: Db, tenantId: string, id: string): Promise<ActionRow | undefined> {
  const [row] = await db
    .select()
    .from(actions)
    .where(and(eq(actions.tenantId, tenantId), eq(actions.id, id)));
  return row;
}

export const openPlanActions = (db: Db, tenantId: string) =>
  db
    .select()
    .from(actions)
    .where(and(eq(actions.tenantId, tenantId), eq(actions.source, 'plan'), inArray(actions.state, ['proposed', 'approved'])));

// Drizzle binds every column of an insert (defaults included): one bound value per column a row.
const ACTION_COLUMNS = Object.keys(getTableColumns(actions)).length;

export function insertActionStatements(db: Db, rows: NewActionRow[]): BatchItem<'sqlite'>[] {
  return chunk(rows, rowsPerInsert(ACTION_COLUMNS)).map((part) => db.insert(actions).values(part).onConflictDoNothing());
}

export const insertAction = (db: Db, row: NewActionRow) => db.insert(actions).values(row);

/** What makes two actions the same proposal: kind, SKU, warehouse(s) and lot. */
export type SameActionKey = Pick<NewActionRow, 'kind' | 'sku' | 'warehouse' | 'toWarehouse' | 'lotId'>;

const openSame = (tenantId: string, k: SameActionKey) => sql`
  SELECT id FROM actions
  WHERE tenant_id = ${tenantId} AND kind = ${k.kind} AND sku = ${k.sku} COLLATE NOCASE
    AND warehouse IS ${k.warehouse ?? null} COLLATE NOCASE AND to_warehouse IS ${k.toWarehouse ?? null} COLLATE NOCASE
    AND lot_id IS ${k.lotId ?? null} COLLATE NOCASE AND state IN ('proposed', 'approved')`;

/** The open (proposed or approved) action the same as `k`, if any: the oldest. */
export async function openSameAction(db: Db, tenantId: string, k: SameActionKey): Promise<string | undefined> {
  const [row] = await db.all<{ id: string }>(sql`${openSame(tenantId, k)} ORDER BY created_at, id LIMIT 1`);
  return row?.id;
}

/** An open action that draws units from one lot (what it asks of the lot, and where it stands). */
export interface LotCommitment {
  id: string;
  kind: ActionKindName;
  quantity: number;
  state: ActionStateName;
  source: ActionRow['source'];
}

/**
 * The open actions (`states`, proposed and approved by default) that ask units of lot `lotId` of
 * `sku` in `warehouse`: transfers, sales, write-offs and markdowns (a markdown's units are to be
 * sold there), oldest first; `exceptId` is left out (the action being decided).
 */
export function openLotCommitments(
  db: Db,
  tenantId: string,
  lot: { sku: string; lotId: string; warehouse: string },
  exceptId?: string,
  states: ActionStateName[] = ['proposed', 'approved'],
): Promise<LotCommitment[]> {
  return db
    .select({ id: actions.id, kind: actions.kind, quantity: actions.quantity, state: actions.state, source: actions.source })
    .from(actions)
    .where(
      and(
        eq(actions.tenantId, tenantId),
        // Both in the product's own spelling (actions and lots store it so): the (tenant, sku) index answers.
        eq(actions.sku, lot.sku),
        sql`${actions.lotId} = ${lot.lotId} COLLATE NOCASE`,
        sql`${actions.warehouse} = ${lot.warehouse} COLLATE NOCASE`,
        inArray(actions.kind, ['transfer', 'sell', 'write_off', 'markdown']),
        inArray(actions.state, states),
        exceptId ? sql`${actions.id} <> ${exceptId}` : undefined,
      ),
    )
    .orderBy(asc(actions.createdAt), asc(actions.id));
}

/**
 * The open actions that ask units of lots and that a refresh does not rewrite: people's (proposed
 * or approved) and the plan's approved ones. The plan's new proposals are fitted around them.
 */
export const lotActionsKeptByRefresh = (db: Db, tenantId: string) =>
  db
    .select({
      id: actions.id,
      kind: actions.kind,
      sku: actions.sku,
      lotId: actions.lotId,
      warehouse: actions.warehouse,
      quantity: actions.quantity,
      stableKey: actions.stableKey,
    })
    .from(actions)
    .where(
      and(
        eq(actions.tenantId, tenantId),
        inArray(actions.kind, ['transfer', 'sell', 'write_off', 'markdown']),
        sql`(${actions.state} = 'approved' OR (${actions.state} = 'proposed' AND ${actions.source} = 'manual'))`,
      ),
    );

/**
 * Inserts `row` unless an open action the same as it exists, in one statement (INSERT … SELECT …
 * WHERE NOT EXISTS): D1 runs a statement alone, so of concurrent identical proposals exactly one
 * is written. Returns whether it was.
 */
export async function insertActionUnlessOpen(db: Db, row: NewActionRow): Promise<boolean> {
  const cols = getTableColumns(actions);
  const set = Object.entries(row).filter(([, v]) => v !== undefined) as [keyof typeof cols, unknown][];
  const names = sql.join(
    set.map(([k]) => sql.identifier(cols[k].name)),
    sql`, `,
  );
  const values = sql.join(
    set.map(([, v]) => sql`${v}`),
    sql`, `,
  );
  const r = await db.run(
    sql`INSERT INTO actions (${names}) SELECT ${values} WHERE NOT EXISTS (${openSame(row.tenantId, row as SameActionKey)})`,
  );
  return (r.meta?.changes ?? 0) > 0;
}

/** A refresh's new numbers for an action that is still proposed. */
export const updateProposedStatement = (db: Db, tenantId: string, id: string, patch: Partial<NewActionRow>) =>
  db
    .update(actions)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(and(eq(actions.tenantId, tenantId), eq(actions.id, id), eq(actions.state, 'proposed')));

export interface StateChange {
  id: string;
  state: ActionStateName;
  version: number;
  at: string;
  by?: string;
  note?: string;
  decided?: boolean;
  executed?: boolean;
  outcome?: unknown;
}

/** Writes the object's state into the projection; an older version never overwrites a newer one. */
export function projectStatement(db: Db, tenantId: string, c: StateChange) {
  return db
    .update(actions)
    .set({
      state: c.state,
      version: c.version,
      updatedAt: c.at,
      ...(c.decided ? { decidedBy: c.by ?? null, decidedAt: c.at, decisionNote: c.note ?? null } : {}),
      ...(c.executed ? { executedAt: c.at } : {}),
      ...(c.outcome !== undefined ? { outcome: JSON.stringify(c.outcome) } : {}),
    })
    .where(and(eq(actions.tenantId, tenantId), eq(actions.id, c.id), lt(actions.version, c.version)))
    .returning();
}

// The same update as one plain D1 statement, for the tenant object's group commit: hundreds of
// decisions a second go through it, and building each through the query builder cost more than
// writing it. Columns come back under their schema (camelCase) names, so the rows are ActionRows.
const RETURNING = Object.entries(getTableColumns(actions))
  .map(([key, col]) => `"${col.name}" AS "${key}"`)
  .join(', ');
const projectSql = new Map<string, string>();
function projectSqlFor(c: StateChange): { sql: string; args: (string | number | null)[] } {
  const decided = Boolean(c.decided);
  const executed = Boolean(c.executed);
  const outcome = c.outcome !== undefined;
  const shape = `${+decided}${+executed}${+outcome}`;
  let text = projectSql.get(shape);
  if (!text) {
    const sets = ['state = ?1', 'version = ?2', 'updated_at = ?3'];
    if (decided) sets.push('decided_by = ?4', 'decided_at = ?3', 'decision_note = ?5');
    if (executed) sets.push('executed_at = ?3');
    if (outcome) sets.push('outcome = ?6');
    text = `UPDATE actions SET ${sets.join(', ')} WHERE tenant_id = ?7 AND id = ?8 AND version < ?2 RETURNING ${RETURNING}`;
    projectSql.set(shape, text);
  }
  return { sql: text, args: [c.state, c.version, c.at, c.by ?? null, c.note ?? null, outcome ? JSON.stringify(c.outcome) : null] };
}

/**
 * `projectStatement` as a prepared D1 statement (same columns, same version guard); its first
 * result row, if any, is the projected ActionRow.
 */
export function projectPrepared(d1: D1Database, tenantId: string, c: StateChange): D1PreparedStatement {
  const { sql: text, args } = projectSqlFor(c);
  return d1.prepare(text).bind(...args, tenantId, c.id);
}

export async function project(db: Db, tenantId: string, c: StateChange): Promise<ActionRow | undefined> {
  const [row] = await projectStatement(db, tenantId, c);
  return row ?? getAction(db, tenantId, c.id);
}

/** Adds a note; `author` is the person's email, as every answer names people. */
export async function addNote(db: Db, tenantId: string, actionId: string, author: string, text: string) {
  const [row] = await db.insert(actionNotes).values({ id: crypto.randomUUID(), tenantId, actionId, author, text }).returning();
  return row;
}

export const notesOf = (db: Db, tenantId: string, actionId: string) =>
  db
    .select()
    .from(actionNotes)
    .where(and(eq(actionNotes.tenantId, tenantId), eq(actionNotes.actionId, actionId)))
    .orderBy(asc(actionNotes.createdAt));

/** What the plan adapter needs beside the plan: product facts, lot quantities, customers' shelf-life rules. */
export async function adapterFacts(db: Db, tenantId: string) {
  const [p, l, c] = await Promise.all([
    db
      .select({
        sku: products.sku,
        supplier: products.supplier,
        unitCost: products.unitCost,
        unitPrice: products.unitPrice,
        leadTimeDays: products.leadTimeDays,
        caseSize: products.caseSize,
      })
      .from(products)
      .where(eq(products.tenantId, tenantId)),
    db
      .select({
        lotId: lots.lotId,
        quantity: lots.quantityOnHand,
        unitCost: lots.unitCost,
        expirationDate: lots.expirationDate,
        warehouse: lots.warehouse,
      })
      .from(lots)
      .where(and(eq(lots.tenantId, tenantId), sql`${lots.quantityOnHand} > 0`)),
    db
      .select({ customerId: customers.customerId, minRemainingShelfLifeDays: customers.minRemainingShelfLifeDays })
      .from(customers)
      .where(and(eq(customers.tenantId, tenantId), eq(customers.archived, false))),
  ]);
  return { products: new Map(p.map((r) => [r.sku, r])), lots: new Map(l.map((r) => [r.lotId, r])), customers: c };
}

export interface ActionSettings {
  /** Approvals of actions worth more than this need an admin. */
  approvalThreshold: number;
  elasticity: number;
  maxDiscount: number;
}

export async function actionSettings(db: Db, tenantId: string): Promise<ActionSettings> {
  const [t] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId));
  let raw: { actions?: Partial<ActionSettings> } = {};
  try {
    raw = JSON.parse(t?.settings ?? '{}');
  } catch {
    raw = {};
  }
  const a = raw.actions ?? {};
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  return { approvalThreshold: num(a.approvalThreshold, 10_000), elasticity: num(a.elasticity, -2), maxDiscount: num(a.maxDiscount, 0.5) };
}

export const productOf = async (db: Db, tenantId: string, sku: string) =>
  (
    await db
      .select()
      .from(products)
      .where(and(eq(products.tenantId, tenantId), eq(products.sku, sku)))
  )[0];

/** The purchase order an executed reorder becomes: an inbound shipment from its supplier. */
export const insertPurchaseOrder = (db: Db, row: typeof inboundShipments.$inferInsert) =>
  db.insert(inboundShipments).values(row).onConflictDoNothing();

export const insertPriceChange = (db: Db, row: typeof priceChanges.$inferInsert) =>
  db.insert(priceChanges).values(row).onConflictDoNothing();

export const priceChangesOf = (db: Db, tenantId: string, actionId: string) =>
  db
    .select()
    .from(priceChanges)
    .where(and(eq(priceChanges.tenantId, tenantId), eq(priceChanges.actionId, actionId)));

/** Purchase orders raised by executed reorders, optionally for one supplier. */
export async function purchaseOrders(db: Db, tenantId: string, supplier?: string) {
  return db
    .select({
      shipmentId: inboundShipments.shipmentId,
      supplier: inboundShipments.origin,
      sku: inboundShipments.sku,
      name: products.name,
      quantity: inboundShipments.quantity,
      caseSize: products.caseSize,
      unitCost: products.unitCost,
      etaDate: inboundShipments.etaDate,
      warehouse: inboundShipments.warehouse,
      status: inboundShipments.status,
      actionId: actions.id,
      orderedAt: actions.executedAt,
    })
    .from(actions)
    .innerJoin(
      inboundShipments,
      and(
        eq(inboundShipments.tenantId, actions.tenantId),
        sql`${inboundShipments.shipmentId} = json_extract(${actions.outcome}, '$.shipmentId')`,
      ),
    )
    .leftJoin(products, and(eq(products.tenantId, actions.tenantId), eq(products.sku, actions.sku)))
    .where(
      and(
        eq(actions.tenantId, tenantId),
        eq(actions.kind, 'reorder'),
        eq(actions.state, 'executed'),
        supplier ? eq(inboundShipments.origin, supplier) : undefined,
      ),
    )
    .orderBy(asc(inboundShipments.origin), asc(inboundShipments.shipmentId));
}

export { ACTION_KINDS, ACTION_STATES } from './schema';
