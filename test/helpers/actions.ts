import { env } from 'cloudflare:workers';
import { chunk, createDb, rowsPerInsert } from '../../worker/data/db';
import { orderLines, products } from '../../worker/data/schema';
import { call, daysFromToday, login } from './api';
import { deliver } from './runtime';

/** A product of the demo tenant that sells `perDay` units every day of the last `days` days. */
export async function sellingProduct(sku: string, perDay: number, days = 120, extra: Partial<typeof products.$inferInsert> = {}) {
  const db = createDb(env);
  await db
    .insert(products)
    .values({
      tenantId: 'demo',
      sku,
      name: `Test ${sku}`,
      caseSize: 12,
      shelfLifeDays: 365,
      unitCost: 2,
      unitPrice: 3.5,
      leadTimeDays: 14,
      moq: 24,
      supplier: 'Han River',
      ...extra,
    })
    .onConflictDoNothing();
  const rows = Array.from({ length: days }, (_, i) => ({
    tenantId: 'demo',
    orderId: `SO-${sku}-${i}`,
    sku,
    customerId: 'C-001',
    orderDate: daysFromToday(-days + i),
    quantity: perDay,
    status: 'shipped' as const,
  }));
  for (const part of chunk(rows, rowsPerInsert(8))) await db.insert(orderLines).values(part).onConflictDoNothing();
}

let clock = Date.now();
/** Runs the tenant refresh through the queue consumer, each call a newer version. */
export async function refreshDemo() {
  clock = Math.max(clock + 1000, Date.now());
  await deliver('lotwise-refresh', [{ id: `r-${clock}`, body: { type: 'refresh', tenantId: 'demo', reason: 'test', requestedAt: clock } }]);
}

export async function actionsOf(sku: string, status = 'proposed,approved') {
  const token = await login('planner@demo.test');
  const r = await call('GET', `/api/actions?sku=${sku}&status=${status}&pageSize=500`, { token });
  if (r.status !== 200) throw new Error(`list ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.items as any[];
}

export async function auditEntries(subject: string) {
  const token = await login('auditor@demo.test');
  const r = await call('GET', `/api/audit?entity=${encodeURIComponent(subject)}&limit=1000`, { token });
  if (r.status !== 200) throw new Error(`audit ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.items as any[];
}
