import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSnapshot, writeSnapshot } from '../../worker/data/snapshots.repo';
import { loadPlanSummary } from '../../worker/data/plan.store';
import { createJob, refreshTenant, resumeStaleJobs, STALE_MS, MAX_ATTEMPTS } from '../../worker/planning/refresh/job';
import { stageKey } from '../../worker/planning/refresh/chunk';
import type { Env } from '../../worker/lib/env';
import { fixtureLot, seedBasics } from '../helpers/api';
import { deliver } from '../helpers/runtime';

type StockSnap = { asOf: string; totals: { onHand: number; expired: number; expiring30: number }; skus: { sku: string }[] };
const refresh = (tenantId: string, requestedAt: number, id = `m-${tenantId}-${requestedAt}`) =>
  deliver('lotwise-refresh', [{ id, body: { type: 'refresh', tenantId, reason: 'test', requestedAt } }]);
const chunk = (jobId: string, tenantId: string, version: number, idx: number, id = `c-${jobId}-${idx}-${Math.random()}`) =>
  deliver('lotwise-refresh', [{ id, body: { type: 'refresh-chunk', jobId, tenantId, version, idx } }]);
const publish = (jobId: string, tenantId: string, version: number, id = `p-${jobId}-${Math.random()}`) =>
  deliver('lotwise-refresh', [{ id, body: { type: 'refresh-publish', jobId, tenantId, version } }]);
// One SKU a chunk: the demo tenant's two products make a job of two chunks.
const small = { ...env, REFRESH_CHUNK_SKUS: '1' } as Env;
const jobRow = (id: string) => env.DB.prepare('SELECT * FROM refresh_jobs WHERE id = ?').bind(id).first<Record<string, number | string>>();

beforeAll(async () => {
  await seedBasics();
  await fixtureLot('demo', 'Q-FRESH', 'RAM-001', 40, 200);
  await fixtureLot('demo', 'Q-SOON', 'RAM-001', 5, 10);
  await fixtureLot('demo', 'Q-OLD', 'KIM-001', 7, -3);
});

describe('refresh jobs', () => {
  it('publishes a chunked refresh once, and only when every chunk is in', async () => {
    const v = Date.now() - 10_000;
    const { job } = await createJob(small, 'demo', v, 'test', { send: false });
    expect(job.chunks).toBe(2);
    const before = await readSnapshot(env, 'demo', 'plan');

    // Chunk 1 first (out of order), then an early publish: nothing may appear.
    expect((await chunk(job.id, 'demo', v, 1)).explicitAcks).toHaveLength(1);
    await publish(job.id, 'demo', v);
    expect(await readSnapshot(env, 'demo', 'plan')).toEqual(before);
    expect((await jobRow(job.id))?.status).toBe('running');

    await chunk(job.id, 'demo', v, 0);
    await publish(job.id, 'demo', v);
    const snap = await readSnapshot(env, 'demo', 'plan');
    expect(snap?.version).toBe(v);
    const whole = await loadPlanSummary(env, 'demo');
    expect(whole?.payload.skus.map((s) => s.sku).sort()).toEqual(['KIM-001', 'RAM-001']);
    expect(whole?.payload.totals.skus).toBe(2);
    const dash = await readSnapshot(env, 'demo', 'dashboard');
    expect(dash?.version).toBe(v);
    const stock = await readSnapshot<StockSnap>(env, 'demo', 'stock');
    expect(stock?.payload.totals).toMatchObject({ onHand: 52, expired: 7, expiring30: 5 });
    const row = await jobRow(job.id);
    expect(row?.status).toBe('done');
    // Staged chunks are gone once published.
    expect(await env.SNAPSHOTS.get(stageKey(job.id, 0))).toBeNull();

    // A second publish and redelivered chunks change nothing.
    await publish(job.id, 'demo', v);
    await chunk(job.id, 'demo', v, 0);
    await chunk(job.id, 'demo', v, 1);
    expect(await readSnapshot(env, 'demo', 'plan')).toEqual(snap);
    expect(await env.SNAPSHOTS.get(stageKey(job.id, 0))).toBeNull();
    expect((await jobRow(job.id))?.finished_at).toBe(row?.finished_at);
  });

  it('plans a chunk delivered twice once: the second delivery finds it done', async () => {
    const v = Date.now() - 5_000;
    const { job } = await createJob(small, 'acme', v, 'test', { send: false });
    await chunk(job.id, 'acme', v, 0, 'same-id');
    const done = await env.DB.prepare('SELECT done_at FROM refresh_chunks WHERE job_id = ? AND idx = 0')
      .bind(job.id)
      .first<{ done_at: number }>();
    await chunk(job.id, 'acme', v, 0, 'same-id');
    const again = await env.DB.prepare('SELECT done_at FROM refresh_chunks WHERE job_id = ? AND idx = 0')
      .bind(job.id)
      .first<{ done_at: number }>();
    expect(again?.done_at).toBe(done?.done_at);
  });

  it('never lets an older version overwrite a newer one', async () => {
    const newer = Date.now();
    const older = newer - 60_000;
    const { job: old } = await createJob(small, 'demo', older, 'test', { send: false });
    await refreshTenant(env, 'demo', newer);
    // The newer job superseded the older one while it ran; even completed, it publishes nothing.
    expect((await jobRow(old.id))?.status).toBe('superseded');
    await chunk(old.id, 'demo', older, 0);
    await chunk(old.id, 'demo', older, 1);
    await publish(old.id, 'demo', older);
    expect((await readSnapshot(env, 'demo', 'plan'))?.version).toBe(newer);
    expect((await readSnapshot(env, 'demo', 'dashboard'))?.version).toBe(newer);
  });

  it('runs the same requested time twice as one job, and keeps snapshots moving forward only', async () => {
    const t = Date.now() + 1000;
    await refresh('acme', t);
    await refresh('acme', t, 'redelivered');
    const jobs = await env.DB.prepare("SELECT count(*) AS n FROM refresh_jobs WHERE tenant_id = 'acme' AND version = ?")
      .bind(t)
      .first<{ n: number }>();
    expect(jobs?.n).toBe(1);
    await writeSnapshot(env, 'acme', 'stock', t + 5000, { marker: 'newer' });
    await refreshTenant(env, 'acme', t);
    const snap = await readSnapshot<{ marker?: string }>(env, 'acme', 'stock');
    expect(snap?.version).toBe(t + 5000);
    expect(snap?.payload.marker).toBe('newer');
  });

  it('takes up a job whose heartbeat went stale, with backoff, and gives up after the last attempt', async () => {
    const v = Date.now() - 3_600_000;
    const { job } = await createJob(small, 'demo', v - 1, 'test', { send: false });
    // A fresh job is left alone.
    expect((await resumeStaleJobs(env, job.heartbeatAt + 1000)).resumed).toBe(0);
    const at = job.heartbeatAt + STALE_MS + 1;
    const r = await resumeStaleJobs(env, at);
    expect(r.resumed).toBeGreaterThanOrEqual(1);
    expect(await jobRow(job.id)).toMatchObject({ status: 'running', attempts: 2, heartbeat_at: at });
    // Attempt 2 waits twice as long before it is taken up again.
    await resumeStaleJobs(env, at + STALE_MS + 1);
    expect((await jobRow(job.id))?.attempts).toBe(2);
    await resumeStaleJobs(env, at + 2 * STALE_MS + 1);
    expect((await jobRow(job.id))?.attempts).toBe(3);
    await env.DB.prepare('UPDATE refresh_jobs SET attempts = ? WHERE id = ?').bind(MAX_ATTEMPTS, job.id).run();
    await resumeStaleJobs(env, at + 1000 * STALE_MS);
    expect((await jobRow(job.id))?.status).toBe('failed');
  });

  it('acks and drops a malformed message instead of retrying it forever', async () => {
    const result = await deliver('lotwise-refresh', [{ id: 'bad', body: { hello: 'world' } }]);
    expect(result.explicitAcks).toEqual(['bad']);
  });
});
