import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedBasics } from '../helpers/api';
import { fireCron } from '../helpers/runtime';

beforeAll(seedBasics);

describe('cron', () => {
  it('runs the hourly refresh once per scheduled time, even when fired twice', async () => {
    const scheduledTime = Date.UTC(2026, 10, 21, 10, 0, 0);
    await fireCron('0 * * * *', scheduledTime);
    await fireCron('0 * * * *', scheduledTime);
    const row = await env.DB.prepare("SELECT status, outcome FROM job_runs WHERE job = 'cron:0 * * * *' AND scheduled_time = ?")
      .bind(scheduledTime)
      .first<{ status: string; outcome: string }>();
    expect(row).toEqual({ status: 'done', outcome: 'enqueued 2 tenant refreshes' });
    const count = await env.DB.prepare("SELECT count(*) AS n FROM job_runs WHERE job = 'cron:0 * * * *'").first<{ n: number }>();
    expect(count?.n).toBe(1);
  });
});
