import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSnapshot, writeSnapshot } from '../../worker/data/snapshots.repo';
import { fixtureLot, seedBasics } from '../helpers/api';
import { deliver } from '../helpers/runtime';

type StockSnap = { asOf: string; totals: { onHand: number; expired: number; expiring30: number }; skus: { sku: string }[] };
const refresh = (tenantId: string, requestedAt: number, id = `m-${tenantId}-${requestedAt}`) =>
  deliver('lotwise-refresh', [{ id, body: { type: 'refresh', tenantId, reason: 'test', requestedAt } }]);

beforeAll(async () => {
  await seedBasics();
  await fixtureLot('demo', 'Q-FRESH', 'RAM-001', 40, 200);
  await fixtureLot('demo', 'Q-SOON', 'RAM-001', 5, 10);
  await fixtureLot('demo', 'Q-OLD', 'KIM-001', 7, -3);
});

describe('refresh consumer', () => {
  it('builds a stock snapshot for the tenant and acks', async () => {
    const t = Date.now();
    const result = await refresh('demo', t);
    expect(result.explicitAcks).toEqual([`m-demo-${t}`]);
    const snap = await readSnapshot<StockSnap>(env, 'demo', 'stock');
    expect(snap?.version).toBe(t);
    expect(snap?.payload.totals).toMatchObject({ onHand: 52, expired: 7, expiring30: 5 });
    expect(snap?.payload.skus.map((s) => s.sku)).toEqual(['KIM-001', 'RAM-001']);
  });

  it('treats a redelivered message as done and never rolls a snapshot back', async () => {
    const t = Date.now() + 1000;
    await refresh('acme', t);
    await writeSnapshot(env, 'acme', 'stock', t + 5000, { marker: 'newer' });
    await refresh('acme', t, 'redelivered');
    await refresh('acme', t - 60_000, 'older');
    const snap = await readSnapshot<{ marker?: string }>(env, 'acme', 'stock');
    expect(snap?.version).toBe(t + 5000);
    expect(snap?.payload.marker).toBe('newer');
    const runs = await env.DB.prepare(
      "SELECT count(*) AS n FROM job_runs WHERE job = 'refresh' AND tenant_id = 'acme' AND scheduled_time = ?",
    )
      .bind(t)
      .first<{ n: number }>();
    expect(runs?.n).toBe(1);
  });

  it('acks and drops a malformed message instead of retrying it forever', async () => {
    const result = await deliver('lotwise-refresh', [{ id: 'bad', body: { hello: 'world' } }]);
    expect(result.explicitAcks).toEqual(['bad']);
  });
});
