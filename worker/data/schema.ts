// The one source of truth for the data model. Every tenant-owned table carries tenant_id
// and leads its primary key and indexes with it, so every query is tenant-filtered and cheap.
import { sql } from 'drizzle-orm';
import { check, customType, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Business keys (SKU, lot, warehouse, customer, order and shipment ids) compare without regard to
// ASCII letter case, in every index, join and lookup: `kr-ndl-001` finds `KR-NDL-001`. The value
// is stored as first seen. Keys are trimmed and validated before they get here (lib/keys.ts).
const key = customType<{ data: string; driverData: string }>({ dataType: () => 'text COLLATE NOCASE' });

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
const timestamps = {
  createdAt: text('created_at').notNull().default(now),
  updatedAt: text('updated_at').notNull().default(now),
};

export const tenants = sqliteTable(
  'tenants',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    // JSON: service levels per ABC/XYZ class, planning options.
    settings: text('settings').notNull().default('{}'),
    // IANA time zone: "today", expiry checks and day buckets use the tenant's local date.
    timeZone: text('time_zone').notNull().default('UTC'),
    // ISO 4217 currency of every money figure the tenant sees.
    currency: text('currency').notNull().default('USD'),
    // Optional OIDC mode: tokens whose `iss` equals oidc_issuer are verified against oidc_jwks_url.
    oidcIssuer: text('oidc_issuer'),
    oidcJwksUrl: text('oidc_jwks_url'),
    oidcAudience: text('oidc_audience'),
    oidcRoleClaim: text('oidc_role_claim'),
    createdAt: timestamps.createdAt,
  },
  // Several tenants may trust one issuer (a shared IdP); the token's audience picks the tenant.
  (t) => [uniqueIndex('tenants_oidc_issuer_audience').on(t.oidcIssuer, t.oidcAudience)],
);

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    role: text('role', { enum: ['admin', 'approver', 'planner', 'staff', 'auditor'] }).notNull(),
    passwordHash: text('password_hash'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    // Bumped by a password change or a disable: tokens carrying an older version stop working,
    // and re-enabling the user does not bring them back.
    tokenVersion: integer('token_version').notNull().default(0),
    ...timestamps,
  },
  // An email is unique within a tenant only, so creating a user never reveals another tenant's users.
  (t) => [uniqueIndex('users_tenant_email').on(t.tenantId, t.email), index('users_email').on(t.email)],
);

// Failed-login counters, keyed by "acct:<email>" or "ip:<address>".
export const loginAttempts = sqliteTable('login_attempts', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: integer('window_start').notNull(),
  lockedUntil: integer('locked_until').notNull().default(0),
});

// Audit entries written in the same db.batch() as the change they describe, then appended to the
// tenant's hash chain and removed; an entry whose append failed stays here until the next flush.
export const auditOutbox = sqliteTable(
  'audit_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: text('tenant_id').notNull(),
    entry: text('entry').notNull(),
  },
  (t) => [index('audit_outbox_tenant').on(t.tenantId, t.id)],
);

export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    tenantId: text('tenant_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    state: text('state', { enum: ['pending', 'done'] }).notNull(),
    status: integer('status'),
    response: text('response'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

export const warehouses = sqliteTable(
  'warehouses',
  {
    tenantId: text('tenant_id').notNull(),
    code: key('code').notNull(),
    name: text('name').notNull(),
    region: text('region').notNull().default(''),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.code] })],
);

export const products = sqliteTable(
  'products',
  {
    tenantId: text('tenant_id').notNull(),
    sku: key('sku').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull().default(''),
    caseSize: integer('case_size').notNull().default(1),
    shelfLifeDays: integer('shelf_life_days').notNull(),
    unitCost: real('unit_cost').notNull().default(0),
    unitPrice: real('unit_price').notNull().default(0),
    leadTimeDays: real('lead_time_days').notNull().default(7),
    leadTimeSdDays: real('lead_time_sd_days').notNull().default(0),
    moq: integer('moq').notNull().default(0),
    supplier: text('supplier').notNull().default(''),
    minRemainingShelfLifeDays: integer('min_remaining_shelf_life_days').notNull().default(0),
    safetyStock: real('safety_stock'),
    reorderPoint: real('reorder_point'),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.sku] }),
    index('products_category').on(t.tenantId, t.category),
    index('products_name').on(t.tenantId, t.name),
  ],
);

export const lots = sqliteTable(
  'lots',
  {
    tenantId: text('tenant_id').notNull(),
    // The API's id of the lot: its lot number when that was free in the tenant, else
    // "<lot>~<warehouse>~<sku>" (docs/imports.md). Never changes.
    id: key('id')
      .notNull()
      .$defaultFn(() => crypto.randomUUID()),
    // The lot (batch) number as the supplier and the ERP write it; with SKU and warehouse it is the key.
    lotId: key('lot_id').notNull(),
    sku: key('sku').notNull(),
    warehouse: key('warehouse').notNull(),
    quantityOnHand: integer('quantity_on_hand').notNull().default(0),
    receivedDate: text('received_date').notNull(),
    expirationDate: text('expiration_date').notNull(),
    unitCost: real('unit_cost').notNull().default(0),
    status: text('status', { enum: ['available', 'quarantine', 'hold', 'archived'] })
      .notNull()
      .default('available'),
    ...timestamps,
  },
  (t) => [
    // As ERPs key lots: one lot number may exist on several SKUs and in several warehouses.
    primaryKey({ columns: [t.tenantId, t.sku, t.lotId, t.warehouse] }),
    uniqueIndex('lots_id').on(t.tenantId, t.id),
    // The database itself refuses negative stock: a racing batch fails as a whole.
    check('lots_qty_nonneg', sql`${t.quantityOnHand} >= 0`),
    index('lots_lot').on(t.tenantId, t.lotId),
    index('lots_sku').on(t.tenantId, t.sku, t.expirationDate),
    index('lots_wh').on(t.tenantId, t.warehouse, t.sku),
    index('lots_exp').on(t.tenantId, t.expirationDate),
  ],
);

// The stock ledger. A movement is one business event; its lines are the per-lot quantity deltas.
export const movements = sqliteTable(
  'movements',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    // REVERSAL: the opposite lines of the movement named by reversesId (history is never edited).
    type: text('type', { enum: ['IN', 'OUT', 'MOVE', 'ADJUST', 'WRITE_OFF', 'REVERSAL'] }).notNull(),
    sku: key('sku').notNull(),
    quantity: integer('quantity').notNull(),
    reason: text('reason').notNull().default(''),
    reference: text('reference').notNull().default(''),
    reversesId: text('reverses_id'),
    // A receipt: the inbound shipment whose line (this SKU) this IN received, written by both ways
    // of receiving (the receive route and a receipts file). Its reversal takes the units off that
    // line; no other movement touches a shipment, whatever its free-text reference says.
    shipmentId: key('shipment_id'),
    // The customer an OUT shipped to (their minimum remaining shelf life applied to the picks).
    customerId: text('customer_id'),
    // Who posted it, as people are named everywhere (docs/actions.md, "People"): their email, or a
    // system's name ('seed'); and the poster's identity (user id, 'oidc:<sub>'; '' for a system).
    createdBy: text('created_by').notNull(),
    createdById: text('created_by_id').notNull().default(''),
    createdAt: text('created_at').notNull().default(now),
  },
  (t) => [
    index('movements_tenant_time').on(t.tenantId, t.createdAt),
    index('movements_sku').on(t.tenantId, t.sku, t.createdAt),
    // A movement can be reversed once.
    uniqueIndex('movements_reverses').on(t.tenantId, t.reversesId),
  ],
);

export const movementLines = sqliteTable(
  'movement_lines',
  {
    movementId: text('movement_id').notNull(),
    line: integer('line').notNull(),
    tenantId: text('tenant_id').notNull(),
    // The lot number; with the movement's SKU and this warehouse it names one lot.
    lotId: key('lot_id').notNull(),
    warehouse: key('warehouse').notNull(),
    delta: integer('delta').notNull(),
  },
  (t) => [primaryKey({ columns: [t.movementId, t.line] }), index('movement_lines_lot').on(t.tenantId, t.lotId)],
);

export const customers = sqliteTable(
  'customers',
  {
    tenantId: text('tenant_id').notNull(),
    customerId: key('customer_id').notNull(),
    name: text('name').notNull(),
    region: text('region').notNull().default(''),
    channel: text('channel').notNull().default(''),
    // Minimum remaining shelf life (days) this customer accepts; null = the product's own rule.
    minRemainingShelfLifeDays: integer('min_remaining_shelf_life_days'),
    // Warehouse that usually ships to this customer (demand is planned there when an order names none).
    warehouse: key('warehouse'),
    archived: integer('archived', { mode: 'boolean' }).notNull().default(false),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.customerId] }), index('customers_name').on(t.tenantId, t.name)],
);

// Demand history: one row per order line, keyed (tenant, order_id, line); header fields repeat per
// line. The same SKU may appear on several lines of one order: each line is demand.
export const orderLines = sqliteTable(
  'order_lines',
  {
    tenantId: text('tenant_id').notNull(),
    orderId: key('order_id').notNull(),
    // Line number within the order (the file's line column, else the row's place in the order).
    line: integer('line').notNull().default(1),
    sku: key('sku').notNull(),
    customerId: key('customer_id').notNull(),
    orderDate: text('order_date').notNull(),
    // Shipping warehouse when the order file names one; else the customer's warehouse is used.
    warehouse: key('warehouse'),
    quantity: integer('quantity').notNull(),
    status: text('status', { enum: ['open', 'shipped', 'cancelled'] })
      .notNull()
      .default('open'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.orderId, t.line] }),
    index('order_lines_sku_date').on(t.tenantId, t.sku, t.orderDate),
    index('order_lines_customer').on(t.tenantId, t.customerId, t.orderDate),
    index('order_lines_date').on(t.tenantId, t.orderDate),
  ],
);

export const inboundShipments = sqliteTable(
  'inbound_shipments',
  {
    tenantId: text('tenant_id').notNull(),
    shipmentId: key('shipment_id').notNull(),
    sku: key('sku').notNull(),
    quantity: integer('quantity').notNull(),
    // Units already received into lots (partial receipts); what is left is still inbound.
    quantityReceived: integer('quantity_received').notNull().default(0),
    etaDate: text('eta_date').notNull(),
    origin: text('origin').notNull().default(''),
    // Destination warehouse; null = the tenant's network (planned against the first warehouse by code).
    warehouse: key('warehouse'),
    // received: every unit is in lots (POST …/receive or a receipts import); never inbound again.
    status: text('status', { enum: ['planned', 'in_transit', 'delayed', 'arrived', 'received', 'cancelled'] })
      .notNull()
      .default('planned'),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.shipmentId, t.sku] }),
    index('inbound_eta').on(t.tenantId, t.sku, t.etaDate),
    // Two receipts racing for the same open units: the second one's batch fails whole.
    check('inbound_received_within_quantity', sql`${t.quantityReceived} <= ${t.quantity}`),
  ],
);

// Promotions of a SKU (a promotions import): past ones teach the forecast their lift, planned ones
// raise it (domain/forecast/promotion-effect.ts). One row per promotion and SKU; dates inclusive.
export const promotions = sqliteTable(
  'promotions',
  {
    tenantId: text('tenant_id').notNull(),
    promotionId: key('promotion_id').notNull(),
    sku: key('sku').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    // Price cut in percent (shown to planners; the forecast learns the lift from the history).
    discountPct: real('discount_pct'),
    name: text('name').notNull().default(''),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.promotionId, t.sku] }),
    index('promotions_sku').on(t.tenantId, t.sku, t.endDate),
    check('promotions_dates', sql`${t.endDate} >= ${t.startDate}`),
  ],
);

export const imports = sqliteTable(
  'imports',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    entity: text('entity').notNull(),
    fileName: text('file_name').notNull(),
    objectKey: text('object_key').notNull(),
    sha256: text('sha256').notNull(),
    source: text('source', { enum: ['upload', 'landing'] })
      .notNull()
      .default('upload'),
    mode: text('mode', { enum: ['upsert', 'replace'] })
      .notNull()
      .default('upsert'),
    policy: text('policy', { enum: ['all-or-nothing', 'skip-invalid'] })
      .notNull()
      .default('all-or-nothing'),
    options: text('options').notNull().default('{}'),
    status: text('status', { enum: ['queued', 'parsing', 'validating', 'committing', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    rowsTotal: integer('rows_total').notNull().default(0),
    rowsProcessed: integer('rows_processed').notNull().default(0),
    rowsOk: integer('rows_ok').notNull().default(0),
    rowsFailed: integer('rows_failed').notNull().default(0),
    message: text('message').notNull().default(''),
    // The uploader's email ('landing' for a landing drop) and identity (user id, 'oidc:<sub>'; '' for
    // a drop): the identity's role decides what the queued import may change.
    createdBy: text('created_by').notNull().default(''),
    createdById: text('created_by_id').notNull().default(''),
    // Progress of the queue pipeline (docs/imports.md): csv|xlsx, the run (bumped when a failed
    // import is retried), the next step (= staging chunk seq, the dedupe key of deliveries) and
    // the parser checkpoint (byte offset, header mapping, counters) as JSON.
    format: text('format', { enum: ['csv', 'xlsx'] })
      .notNull()
      .default('csv'),
    run: integer('run').notNull().default(1),
    step: integer('step').notNull().default(0),
    checkpoint: text('checkpoint').notNull().default('{}'),
    bytesTotal: integer('bytes_total').notNull().default(0),
    bytesProcessed: integer('bytes_processed').notNull().default(0),
    rowsSkipped: integer('rows_skipped').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index('imports_tenant_time').on(t.tenantId, t.createdAt),
    uniqueIndex('imports_sha').on(t.tenantId, t.entity, t.sha256, t.mode, t.policy),
    // The landing scan looks for imports whose chain of queue messages broke.
    index('imports_active').on(t.status, t.updatedAt),
  ],
);

// Parsed, validated rows of an import waiting for the commit: one row per pipeline step (its
// key makes a redelivered step fail as a whole), the rows as one JSON array of arrays (one bound
// parameter, read back with json_each). seq -2 lists rows excluded by whole-file checks.
export const importChunks = sqliteTable(
  'import_chunks',
  {
    importId: text('import_id').notNull(),
    run: integer('run').notNull(),
    seq: integer('seq').notNull(),
    tenantId: text('tenant_id').notNull(),
    rowCount: integer('row_count').notNull().default(0),
    rows: text('rows').notNull().default('[]'),
  },
  (t) => [primaryKey({ columns: [t.importId, t.run, t.seq] })],
);

export const importErrors = sqliteTable(
  'import_errors',
  {
    importId: text('import_id').notNull(),
    seq: integer('seq').notNull(),
    tenantId: text('tenant_id').notNull(),
    row: integer('row').notNull(),
    column: text('column').notNull().default(''),
    value: text('value').notNull().default(''),
    message: text('message').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
);

export const forecasts = sqliteTable(
  'forecasts',
  {
    tenantId: text('tenant_id').notNull(),
    sku: text('sku').notNull(),
    model: text('model').notNull(),
    asOf: text('as_of').notNull(),
    // JSON: daily means and p10/p50/p90 for 30/60/90 days.
    payload: text('payload').notNull(),
    computedAt: text('computed_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sku] })],
);

export const backtests = sqliteTable(
  'backtests',
  {
    tenantId: text('tenant_id').notNull(),
    sku: text('sku').notNull(),
    model: text('model').notNull(),
    wape: real('wape'),
    smape: real('smape'),
    mase: real('mase'),
    rmsse: real('rmsse'),
    bias: real('bias'),
    computedAt: text('computed_at').notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sku, t.model] })],
);

// Actions: what the plan (or a planner) proposes. The tenant's Durable Object owns the state
// machine (docs/actions.md); `state` here is its projection for lists, filters and exports.
export const ACTION_KINDS = ['reorder', 'transfer', 'markdown', 'sell', 'write_off'] as const;
export const ACTION_STATES = ['proposed', 'approved', 'dismissed', 'executed', 'failed', 'expired'] as const;
export const actions = sqliteTable(
  'actions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    kind: text('kind', { enum: ACTION_KINDS }).notNull(),
    sku: text('sku').notNull(),
    lotId: text('lot_id'),
    quantity: integer('quantity').notNull(),
    value: real('value').notNull().default(0),
    reason: text('reason').notNull().default(''),
    // The plan's reason in Korean (the web app's Korean pages); null for a person's action and for
    // actions proposed before it was written (ADR 025).
    reasonKo: text('reason_ko'),
    state: text('state', { enum: ACTION_STATES }).notNull().default('proposed'),
    // The proposer as people are named: an email, 'system:refresh' (the plan) or 'model:<email>'
    // (a model's proposal for the person who asked); the decider's email. proposedById is the
    // proposer's identity (user id, 'oidc:<sub>', 'system:refresh', 'model:<user id>'): what "nobody
    // approves their own proposal" compares the approver with.
    proposedBy: text('proposed_by').notNull(),
    proposedById: text('proposed_by_id').notNull().default(''),
    decidedBy: text('decided_by'),
    // 'plan' (a refresh keeps it current) or 'manual' (a person's; a refresh never touches it).
    source: text('source', { enum: ['plan', 'manual'] })
      .notNull()
      .default('plan'),
    // The situation an action answers (kind + SKU + warehouse + lot …): a refresh updates the open
    // action with the same key instead of adding another.
    stableKey: text('stable_key').notNull().default(''),
    warehouse: text('warehouse'),
    toWarehouse: text('to_warehouse'),
    customerId: text('customer_id'),
    supplier: text('supplier'),
    cases: real('cases'),
    discountPct: real('discount_pct'),
    orderByDate: text('order_by_date'),
    // The engine's confidence in its own proposal; null for a person's (nothing computed it).
    confidence: text('confidence', { enum: ['high', 'medium', 'low'] }).default('medium'),
    validUntil: text('valid_until'),
    // JSON: the plan's figures when proposed / last refreshed (expected waste, stock-out risk …);
    // frozen at the decision, so ROI compares outcomes with what was expected then.
    evidence: text('evidence').notNull().default('{}'),
    decidedAt: text('decided_at'),
    decisionNote: text('decision_note'),
    executedAt: text('executed_at'),
    // JSON: what execution wrote (movement ids, shipment id, price change id) or why it failed.
    outcome: text('outcome'),
    // The Durable Object's version of the state; a projection never goes backwards.
    version: integer('version').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index('actions_state').on(t.tenantId, t.state, t.createdAt),
    index('actions_sku').on(t.tenantId, t.sku),
    // The dashboard's largest open proposals and the ROI week's decided / executed actions: a few
    // rows each however many proposals a refresh leaves open.
    index('actions_value').on(t.tenantId, t.state, t.value),
    index('actions_decided').on(t.tenantId, t.decidedAt),
    index('actions_executed').on(t.tenantId, t.executedAt),
    // At most one open action per situation.
    uniqueIndex('actions_open_key')
      .on(t.tenantId, t.stableKey)
      .where(sql`${t.state} IN ('proposed', 'approved') AND ${t.source} = 'plan'`),
  ],
);

export const actionNotes = sqliteTable(
  'action_notes',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    actionId: text('action_id').notNull(),
    author: text('author').notNull(),
    text: text('text').notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('action_notes_action').on(t.tenantId, t.actionId, t.createdAt)],
);

// Price changes (markdowns): the selling price of a lot from a date, with the action behind it.
export const priceChanges = sqliteTable(
  'price_changes',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    sku: text('sku').notNull(),
    lotId: text('lot_id'),
    warehouse: text('warehouse'),
    oldPrice: real('old_price').notNull(),
    newPrice: real('new_price').notNull(),
    discountPct: real('discount_pct').notNull(),
    validFrom: text('valid_from').notNull(),
    validUntil: text('valid_until'),
    actionId: text('action_id'),
    // The executor's email and identity, as on movements.
    createdBy: text('created_by').notNull(),
    createdById: text('created_by_id').notNull().default(''),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('price_changes_sku').on(t.tenantId, t.sku, t.validFrom), uniqueIndex('price_changes_action').on(t.tenantId, t.actionId)],
);

export const alerts = sqliteTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    // The condition an alert stands for (e.g. "stockout:KR-NDL-001@NJ1"). While an alert of a
    // condition is open (cleared_at null) the condition raises nothing new; once it clears, the
    // condition re-arms and alerts again if it returns.
    conditionKey: text('condition_key').notNull().default(''),
    kind: text('kind').notNull(),
    severity: text('severity', { enum: ['info', 'warning', 'critical'] }).notNull(),
    message: text('message').notNull(),
    // The plan's message in Korean (the alerts page on Korean pages); null for operational alerts
    // and alerts raised before it was written. Channels receive the English message.
    messageKo: text('message_ko'),
    deliveries: integer('deliveries').notNull().default(0),
    clearedAt: text('cleared_at'),
    acknowledgedAt: text('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('alerts_dedupe').on(t.tenantId, t.dedupeKey),
    // At most one open alert per condition, even when two refreshes race.
    uniqueIndex('alerts_open_condition')
      .on(t.tenantId, t.conditionKey)
      .where(sql`${t.clearedAt} IS NULL AND ${t.conditionKey} <> ''`),
    index('alerts_tenant_time').on(t.tenantId, t.createdAt),
  ],
);

// Where a tenant's alerts go: a signed JSON webhook, a Slack-compatible incoming webhook, the
// WhatsApp Cloud API, or an e-mail provider's HTTP API. `secret` is write-only.
export const alertChannels = sqliteTable(
  'alert_channels',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: ['webhook', 'slack', 'whatsapp', 'email'] }).notNull(),
    url: text('url').notNull(),
    secret: text('secret'),
    // JSON: { to?, from? } for WhatsApp and e-mail.
    config: text('config').notNull().default('{}'),
    // JSON array of alert kinds; empty = every kind.
    kinds: text('kinds').notNull().default('[]'),
    minSeverity: text('min_severity', { enum: ['info', 'warning', 'critical'] })
      .notNull()
      .default('warning'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    ...timestamps,
  },
  (t) => [index('alert_channels_tenant').on(t.tenantId)],
);

// One row per (alert, channel): what was sent, how often it was tried, how it ended.
export const alertDeliveries = sqliteTable(
  'alert_deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    alertId: text('alert_id').notNull(),
    channelId: text('channel_id').notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    responseStatus: integer('response_status'),
    error: text('error'),
    claimedAt: integer('claimed_at'),
    sentAt: text('sent_at'),
    ...timestamps,
  },
  (t) => [uniqueIndex('alert_deliveries_pair').on(t.alertId, t.channelId), index('alert_deliveries_tenant').on(t.tenantId, t.createdAt)],
);

// Per-tenant API request counters in 5-minute buckets with a latency histogram (for p95 per route).
export const requestMetrics = sqliteTable(
  'request_metrics',
  {
    tenantId: text('tenant_id').notNull(),
    bucket: integer('bucket').notNull(),
    method: text('method').notNull(),
    route: text('route').notNull(),
    count: integer('count').notNull().default(0),
    errors4xx: integer('errors_4xx').notNull().default(0),
    errors5xx: integer('errors_5xx').notNull().default(0),
    totalMs: real('total_ms').notNull().default(0),
    // Requests per latency bucket h0..h11 (upper bounds in worker/domain/latency.ts): additive, so
    // isolates can flush counts with a plain upsert and p95 is read from the merged histogram.
    h0: integer('h0').notNull().default(0),
    h1: integer('h1').notNull().default(0),
    h2: integer('h2').notNull().default(0),
    h3: integer('h3').notNull().default(0),
    h4: integer('h4').notNull().default(0),
    h5: integer('h5').notNull().default(0),
    h6: integer('h6').notNull().default(0),
    h7: integer('h7').notNull().default(0),
    h8: integer('h8').notNull().default(0),
    h9: integer('h9').notNull().default(0),
    h10: integer('h10').notNull().default(0),
    h11: integer('h11').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.bucket, t.method, t.route] })],
);

export const jobRuns = sqliteTable(
  'job_runs',
  {
    job: text('job').notNull(),
    scheduledTime: integer('scheduled_time').notNull(),
    tenantId: text('tenant_id').notNull().default(''),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    heartbeatAt: integer('heartbeat_at').notNull(),
    startedAt: integer('started_at'),
    outcome: text('outcome').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.job, t.scheduledTime, t.tenantId] })],
);

// A plan refresh as a job: one row per tenant and version (the requested time, ms), split into SKU
// chunks that queue messages compute; published once every chunk is in (docs/refresh.md).
export const refreshJobs = sqliteTable(
  'refresh_jobs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    version: integer('version').notNull(),
    asOf: text('as_of').notNull(),
    reason: text('reason').notNull().default(''),
    status: text('status', { enum: ['running', 'publishing', 'done', 'superseded', 'failed'] }).notNull(),
    chunks: integer('chunks').notNull(),
    attempts: integer('attempts').notNull().default(1),
    heartbeatAt: integer('heartbeat_at').notNull(),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at'),
    outcome: text('outcome').notNull().default(''),
  },
  (t) => [uniqueIndex('refresh_jobs_version').on(t.tenantId, t.version), index('refresh_jobs_status').on(t.status, t.heartbeatAt)],
);

// One row per chunk of a refresh job: the SKU range it plans and when it finished (null: not yet).
export const refreshChunks = sqliteTable(
  'refresh_chunks',
  {
    jobId: text('job_id').notNull(),
    idx: integer('idx').notNull(),
    firstSku: text('first_sku').notNull(),
    lastSku: text('last_sku').notNull(),
    skus: integer('skus').notNull(),
    doneAt: integer('done_at'),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.idx] })],
);
