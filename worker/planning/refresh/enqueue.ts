// How the rest of the product asks for a refresh (imports, movements, receipts, executed actions,
// cron): one small message on the refresh queue; the consumer turns it into a job.
import type { Env } from '../../lib/env';
import type { RefreshMessage } from './messages';

/** Requests a refresh as of `requestedAt` (ms); the same tenant and time twice is one run. */
export async function enqueueRefresh(env: Env, tenantId: string, reason: string, requestedAt = Date.now()) {
  const body: RefreshMessage = { type: 'refresh', tenantId, reason: reason.slice(0, 200), requestedAt };
  await env.REFRESH_QUEUE.send(body);
}

/**
 * After a stock change: one refresh per tenant per minute, run once the minute is over so it
 * sees every change made in it (the consumer dedupes on tenant + requested time).
 */
export async function enqueueDebouncedRefresh(env: Env, tenantId: string, reason: string, now = Date.now()) {
  const minuteEnd = Math.ceil((now + 1) / 60_000) * 60_000;
  const body: RefreshMessage = { type: 'refresh', tenantId, reason: reason.slice(0, 200), requestedAt: minuteEnd };
  await env.REFRESH_QUEUE.send(body, { delaySeconds: Math.ceil((minuteEnd - now) / 1000) });
}
