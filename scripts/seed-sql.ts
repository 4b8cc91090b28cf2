// Builds the SQL that loads the sample tenants (demo, acme) and their demo users into a local D1.
// Dates are generated for "today", so expiries and order history stay realistic whenever you start.
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { generateTenant, type TenantData } from '../sample_data/generator';

export const DEMO_PASSWORD = 'demo-pass-123';
export const DEMO_USERS: { tenantId: string; role: string }[] = [
  ...['admin', 'approver', 'planner', 'staff', 'auditor'].map((role) => ({ tenantId: 'demo', role })),
  ...['admin', 'planner'].map((role) => ({ tenantId: 'acme', role })),
];
const TENANTS = [
  { id: 'demo', name: 'Hanbit Foods Distribution (demo)', seed: 20261121 },
  { id: 'acme', name: 'Acme Provisions (demo)', seed: 7 },
];

/** Same format as worker/lib/password.ts (PBKDF2-SHA256, 100k iterations, 16-byte salt). */
export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, 100_000, 32, 'sha256');
  return `pbkdf2-sha256$100000$${salt.toString('base64')}$${hash.toString('base64')}`;
}

const lit = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return 'NULL';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  return `'${String(v).replace(/'/g, "''")}'`;
};

function inserts(table: string, columns: string[], rows: unknown[][], perStatement = 400): string[] {
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const values = rows.slice(i, i + perStatement).map((r) => `(${r.map(lit).join(',')})`);
    out.push(`INSERT INTO ${table} (${columns.join(',')}) VALUES\n${values.join(',\n')};`);
  }
  return out;
}

function tenantSql(tenantId: string, d: TenantData, openedAt: string): string[] {
  const t = (rows: unknown[][]) => rows.map((r) => [tenantId, ...r]);
  const lotMovements = d.lots.filter((l) => l.quantity_on_hand > 0);
  const movementId = (lotId: string) => `seed-${tenantId}-${lotId}`;
  return [
    ...inserts('warehouses', ['tenant_id', 'code', 'name', 'region'], t(d.warehouses.map((w) => [w.code, w.name, w.region]))),
    ...inserts(
      'products',
      [
        'tenant_id',
        'sku',
        'name',
        'category',
        'case_size',
        'shelf_life_days',
        'unit_cost',
        'unit_price',
        'lead_time_days',
        'lead_time_sd_days',
        'moq',
        'supplier',
        'min_remaining_shelf_life_days',
        'safety_stock',
        'reorder_point',
      ],
      t(
        d.products.map((p) => [
          p.sku,
          p.name,
          p.category,
          p.case_size,
          p.shelf_life_days,
          p.unit_cost,
          p.unit_price,
          p.lead_time_days,
          p.lead_time_sd_days,
          p.moq,
          p.supplier,
          p.min_remaining_shelf_life_days,
          p.safety_stock,
          p.reorder_point,
        ]),
      ),
    ),
    ...inserts(
      'customers',
      ['tenant_id', 'customer_id', 'name', 'region', 'channel'],
      t(d.customers.map((c) => [c.customer_id, c.name, c.region, c.channel])),
    ),
    ...inserts(
      'lots',
      ['tenant_id', 'lot_id', 'sku', 'warehouse', 'quantity_on_hand', 'received_date', 'expiration_date', 'unit_cost', 'status'],
      t(d.lots.map((l) => [l.lot_id, l.sku, l.warehouse, l.quantity_on_hand, l.received_date, l.expiration_date, l.unit_cost, l.status])),
    ),
    // Opening balances go through the ledger too: every unit on hand is explained by a movement.
    ...inserts(
      'movements',
      ['tenant_id', 'id', 'type', 'sku', 'quantity', 'reason', 'reference', 'created_by', 'created_at'],
      t(
        lotMovements.map((l) => [
          movementId(l.lot_id),
          'IN',
          l.sku,
          l.quantity_on_hand,
          'Opening balance (sample data)',
          l.lot_id,
          'seed',
          openedAt,
        ]),
      ),
    ),
    ...inserts(
      'movement_lines',
      ['tenant_id', 'movement_id', 'line', 'lot_id', 'warehouse', 'delta'],
      t(lotMovements.map((l) => [movementId(l.lot_id), 1, l.lot_id, l.warehouse, l.quantity_on_hand])),
    ),
    ...inserts(
      'order_lines',
      ['tenant_id', 'order_id', 'sku', 'customer_id', 'order_date', 'quantity', 'status'],
      t(d.orders.map((o) => [o.order_id, o.sku, o.customer_id, o.order_date, o.quantity, 'shipped'])),
      1000,
    ),
    ...inserts(
      'inbound_shipments',
      ['tenant_id', 'shipment_id', 'sku', 'quantity', 'eta_date', 'origin', 'status'],
      t(d.inboundShipments.map((s) => [s.shipment_id, s.sku, s.quantity, s.eta_date, s.origin, s.status])),
    ),
  ];
}

/** The whole seed as one SQL script. */
export function buildSeedSql(anchorDate: string): string {
  const openedAt = `${anchorDate}T00:00:00.000Z`;
  const parts: string[] = [];
  for (const t of TENANTS) {
    parts.push(`INSERT INTO tenants (id, name) VALUES (${lit(t.id)}, ${lit(t.name)});`);
    parts.push(...tenantSql(t.id, generateTenant({ seed: t.seed, anchorDate, profile: t.id as 'demo' | 'acme' }), openedAt));
  }
  const hash = hashPassword(DEMO_PASSWORD);
  const users = DEMO_USERS.map((u) => [
    `${u.tenantId}-${u.role}`,
    u.tenantId,
    `${u.role}@${u.tenantId}.test`,
    `Demo ${u.role}`,
    u.role,
    hash,
  ]);
  parts.push(...inserts('users', ['id', 'tenant_id', 'email', 'name', 'role', 'password_hash'], users));
  return parts.join('\n');
}
