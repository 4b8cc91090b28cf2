// The status page: is the data fresh, did jobs and imports work, is the API healthy.
import type { Env } from '../lib/env';
import { createDb } from '../data/db';
import { failedDeliveriesSince } from '../data/alert-channels.repo';
import { countOpenAlerts } from '../data/alerts.repo';
import { deadLettersSince, importCounts, lastJobRun, recentJobRuns, requestMetricsSince } from '../data/status.repo';
import { histogramQuantile } from '../domain/latency';
import { jsonObject } from '../lib/serialize';
import { flushRequestMetrics, METRIC_BUCKET_MS } from './request-metrics';
import { importTextKo } from '../imports/text-ko';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const jobView = (r: Awaited<ReturnType<typeof recentJobRuns>>[number]) => ({
  job: r.job,
  tenant: r.tenantId || null,
  scheduledTime: new Date(r.scheduledTime).toISOString(),
  status: r.status,
  durationMs: r.startedAt && r.status !== 'running' ? Math.max(0, r.heartbeatAt - r.startedAt) : null,
  outcome: r.outcome.slice(0, 300),
  // A job that records its result as JSON (a refresh: SKUs planned, orders, alerts, actions) gives
  // it whole as an object; the text above is cut to 300 characters and is not meant to be parsed.
  result: jsonObject(r.outcome),
});

/**
 * Status of one tenant as of `now`:
 * - refresh: the last refresh run (any outcome), the last successful one, and its age in seconds;
 * - jobs: the 20 newest job runs of the tenant and the cron;
 * - imports: backlog (not yet done) and failures in the last 24 h, with the 10 newest failures;
 * - deadLetters: jobs that exhausted their retries in the last 24 h;
 * - alerts: open and unacknowledged alerts, failed deliveries in the last 24 h;
 * - api: requests, 4xx and 5xx over the last hour, and per route the count, errors and p95 (ms),
 *   slowest first (p95 from 5-minute latency histograms).
 */
export async function tenantStatus(env: Env, tenantId: string, now = Date.now()) {
  await flushRequestMetrics(env);
  const db = createDb(env);
  const dayAgo = new Date(now - DAY).toISOString();
  const [lastRefresh, lastGood, jobs, importsNow, deadLetters, openAlerts, failedDeliveries, metrics] = await Promise.all([
    lastJobRun(db, tenantId, 'refresh'),
    lastJobRun(db, tenantId, 'refresh', 'done'),
    recentJobRuns(db, tenantId, 20),
    importCounts(db, tenantId, dayAgo),
    deadLettersSince(db, tenantId, dayAgo),
    countOpenAlerts(db, tenantId),
    failedDeliveriesSince(db, tenantId, dayAgo),
    requestMetricsSince(db, tenantId, Math.floor((now - HOUR) / METRIC_BUCKET_MS) * METRIC_BUCKET_MS),
  ]);
  const routes = new Map<
    string,
    { method: string; route: string; count: number; errors4xx: number; errors5xx: number; totalMs: number; h: number[] }
  >();
  for (const m of metrics) {
    const key = `${m.method} ${m.route}`;
    const r = routes.get(key) ?? {
      method: m.method,
      route: m.route,
      count: 0,
      errors4xx: 0,
      errors5xx: 0,
      totalMs: 0,
      h: Array(12).fill(0),
    };
    r.count += m.count;
    r.errors4xx += m.errors4xx;
    r.errors5xx += m.errors5xx;
    r.totalMs += m.totalMs;
    for (let i = 0; i < 12; i++) r.h[i] += m[`h${i}` as 'h0'];
    routes.set(key, r);
  }
  const perRoute = [...routes.values()]
    .map((r) => ({
      method: r.method,
      route: r.route,
      requests: r.count,
      errors4xx: r.errors4xx,
      errors5xx: r.errors5xx,
      meanMs: r.count ? Math.round((r.totalMs / r.count) * 10) / 10 : null,
      p95Ms: histogramQuantile(r.h, 0.95),
    }))
    .sort((a, b) => (b.p95Ms ?? 0) - (a.p95Ms ?? 0) || b.requests - a.requests);
  return {
    asOf: new Date(now).toISOString(),
    refresh: {
      last: lastRefresh ? jobView(lastRefresh) : null,
      lastSuccess: lastGood ? jobView(lastGood) : null,
      ageSeconds: lastGood ? Math.round((now - lastGood.heartbeatAt) / 1000) : null,
    },
    jobs: jobs.map(jobView),
    imports: { ...importsNow, recentFailures: importsNow.recentFailures.map((f) => ({ ...f, messageKo: importTextKo(f.message) })) },
    deadLetters: { last24h: deadLetters },
    alerts: { ...openAlerts, failedDeliveries24h: failedDeliveries },
    api: {
      windowMinutes: 60,
      requests: perRoute.reduce((a, r) => a + r.requests, 0),
      errors4xx: perRoute.reduce((a, r) => a + r.errors4xx, 0),
      errors5xx: perRoute.reduce((a, r) => a + r.errors5xx, 0),
      routes: perRoute,
    },
  };
}
