// The per-tenant refresh: recompute what dashboards read and store it as a versioned snapshot.
import type { Env } from '../lib/env';
import { createDb } from '../data/db';
import { writeSnapshot } from '../data/snapshots.repo';
import { stockBySku } from '../data/stock.repo';

export async function refreshTenant(env: Env, tenantId: string, version: number) {
  const db = createDb(env);
  const today = new Date(version).toISOString().slice(0, 10);
  const stock = await stockBySku(db, tenantId, today);
  const totals = stock.reduce(
    (t, s) => ({
      onHand: t.onHand + s.onHand,
      sellable: t.sellable + s.sellable,
      expired: t.expired + s.expired,
      expiring30: t.expiring30 + s.expiring30,
      value: t.value + s.value,
    }),
    { onHand: 0, sellable: 0, expired: 0, expiring30: 0, value: 0 },
  );
  const wrote = await writeSnapshot(env, tenantId, 'stock', version, { asOf: today, totals, skus: stock });
  return { skus: stock.length, wrote };
}

export async function enqueueRefresh(env: Env, tenantId: string, reason: string, requestedAt = Date.now()) {
  await env.REFRESH_QUEUE.send({ type: 'refresh', tenantId, reason, requestedAt });
}
