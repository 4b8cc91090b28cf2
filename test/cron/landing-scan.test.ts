// The 15-minute landing scan: files whose R2 event never came are announced again (and imported
// by the real consumer), fresh ones are left to their event, and imports whose message chain
// broke are resumed. Time is passed in, as the cron handler does.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import { landingScan, LANDING_GRACE_MS, STALLED_MS } from '../../worker/cron/landing-scan';
import { createDb } from '../../worker/data/db';
import { imports } from '../../worker/data/schema';
import { sha256Hex, uploadKey } from '../../worker/imports/register';
import { csv, freshTenant, rowsOf, waitForImport } from '../fixtures/imports/helpers';

let t: Awaited<ReturnType<typeof freshTenant>>;
beforeAll(async () => {
  t = await freshTenant('scan');
});

const until = async (check: () => Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((ok) => setTimeout(ok, 50));
  }
};

describe('landing scan', () => {
  it('leaves a file younger than the grace period to its own event', async () => {
    await env.FILES.put('landing/scan/warehouses/fresh.csv', csv('code,name', 'FR1,Fresh'));
    expect(await landingScan(env, Date.now())).toMatch(/^landing: 0 file\(s\) re-announced/);
    expect(await env.FILES.head('landing/scan/warehouses/fresh.csv')).not.toBeNull();
  });

  it('announces a file whose event was missed, and the consumer takes it in', async () => {
    await env.FILES.put('landing/scan/customers/missed.csv', csv('customer_id,name', 'MISS-1,Missed Mart'));
    const summary = await landingScan(env, Date.now() + LANDING_GRACE_MS + 1000);
    expect(summary).toMatch(/re-announced/);
    await until(async () => !(await env.FILES.head('landing/scan/customers/missed.csv')));
    const [imp] = await rowsOf<{ id: string }>("SELECT id FROM imports WHERE tenant_id = 'scan' AND file_name = 'missed.csv'");
    expect(await waitForImport(t.planner, imp.id)).toMatchObject({ status: 'done', source: 'landing', rowsOk: 1 });
  });

  it('resumes an import whose chain of queue messages broke', async () => {
    const id = crypto.randomUUID();
    const objectKey = uploadKey('scan', id, 'stuck.csv');
    const text = csv('code,name', 'ST1,Stuck');
    await env.FILES.put(objectKey, text);
    const long = new Date(Date.now() - STALLED_MS - 60_000).toISOString();
    await createDb(env)
      .insert(imports)
      .values({
        id,
        tenantId: 'scan',
        entity: 'warehouses',
        fileName: 'stuck.csv',
        objectKey,
        sha256: await sha256Hex(new TextEncoder().encode(text)),
        bytesTotal: text.length,
        status: 'queued',
        createdAt: long,
        updatedAt: long,
      });
    expect(await landingScan(env, Date.now())).toMatch(/1 stalled import\(s\) resumed/);
    expect(await waitForImport(t.planner, id)).toMatchObject({ status: 'done', rowsOk: 1 });
  });

  it('runs from the cron trigger once per scheduled time', async () => {
    const scheduledTime = Date.now();
    for (let i = 0; i < 2; i++) {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ cron: '*/15 * * * *', scheduledTime }), env, ctx);
      await waitOnExecutionContext(ctx);
    }
    expect(
      await rowsOf("SELECT status, outcome FROM job_runs WHERE job = 'cron:*/15 * * * *' AND scheduled_time = ?", scheduledTime),
    ).toEqual([{ status: 'done', outcome: expect.stringMatching(/^landing: /) }]);
  });
});
