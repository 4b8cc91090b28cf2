import { exports } from 'cloudflare:workers';
import { env } from 'cloudflare:workers';
import { createDb } from '../../worker/data/db';
import { customers, lots, products, tenants, users, warehouses } from '../../worker/data/schema';
import { hashPassword } from '../../worker/lib/password';

export const PASSWORD = 'demo-pass-123';

export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the API Worker's real fetch handler. */
export async function call<T = any>(
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: BodyInit; headers?: Record<string, string> } = {},
): Promise<CallResult<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: BodyInit | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await exports.default.fetch(new Request(`http://lotwise.test${path}`, { method, headers, body }));
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

let hash: Promise<string> | undefined;

/** Two tenants with their users, warehouses, a few products and lots; safe to call again. */
export async function seedBasics() {
  hash ??= hashPassword(PASSWORD);
  const passwordHash = await hash;
  const db = createDb(env);
  await db
    .insert(tenants)
    .values([
      { id: 'demo', name: 'Demo Foods' },
      { id: 'acme', name: 'Acme Provisions' },
    ])
    .onConflictDoNothing();
  const people = [
    ...['admin', 'approver', 'planner', 'staff', 'auditor'].map((role) => ({ tenantId: 'demo', role })),
    ...['admin', 'planner'].map((role) => ({ tenantId: 'acme', role })),
  ].map(({ tenantId, role }) => ({
    id: `${tenantId}-${role}`,
    tenantId,
    email: `${role}@${tenantId}.test`,
    name: role,
    role: role as 'admin',
    passwordHash,
  }));
  await db.insert(users).values(people).onConflictDoNothing();
  await db
    .insert(warehouses)
    .values([
      { tenantId: 'demo', code: 'NJ', name: 'Newark', region: 'East' },
      { tenantId: 'demo', code: 'LA', name: 'Los Angeles', region: 'West' },
      { tenantId: 'acme', code: 'CHI', name: 'Chicago', region: 'Central' },
    ])
    .onConflictDoNothing();
  const product = (tenantId: string, sku: string, name: string, shelfLifeDays: number, extra = {}) => ({
    tenantId,
    sku,
    name,
    category: 'noodles',
    caseSize: 12,
    shelfLifeDays,
    unitCost: 2,
    unitPrice: 3.5,
    leadTimeDays: 14,
    moq: 24,
    supplier: 'Han River',
    ...extra,
  });
  await db
    .insert(products)
    .values([
      product('demo', 'RAM-001', 'Shin Ramyun 120g', 365),
      product('demo', 'KIM-001', 'Napa Cabbage Kimchi 1kg', 90, { category: 'kimchi', minRemainingShelfLifeDays: 10 }),
      product('acme', 'ACM-001', 'Acme Oats 1kg', 540, { category: 'dry' }),
    ])
    .onConflictDoNothing();
  await db
    .insert(customers)
    .values([
      { tenantId: 'demo', customerId: 'C-001', name: 'H Mart Fort Lee', region: 'East', channel: 'grocery' },
      { tenantId: 'acme', customerId: 'AC-01', name: 'Acme Diner', region: 'Central', channel: 'food service' },
    ])
    .onConflictDoNothing();
}

export const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Inserts a lot directly (fixture only; product code creates lots through the ledger). */
export async function fixtureLot(tenantId: string, lotId: string, sku: string, qty: number, expiresInDays: number, extra = {}) {
  await createDb(env)
    .insert(lots)
    .values({
      tenantId,
      id: lotId,
      lotId,
      sku,
      warehouse: tenantId === 'acme' ? 'CHI' : 'NJ',
      quantityOnHand: qty,
      receivedDate: daysFromToday(-30),
      expirationDate: daysFromToday(expiresInDays),
      unitCost: 2,
      ...extra,
    })
    .onConflictDoNothing();
}

const tokens = new Map<string, string>();
export async function login(email: string): Promise<string> {
  const cached = tokens.get(email);
  if (cached) return cached;
  const r = await call('POST', '/api/auth/login', { body: { email, password: PASSWORD } });
  if (r.status !== 200) throw new Error(`login ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
  tokens.set(email, r.body.token);
  return r.body.token;
}
