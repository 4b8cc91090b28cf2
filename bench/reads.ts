// `npm run bench -- reads [--skus N] [--seconds S]`: 50 connections with autocannon against local
// workerd. Each read (the dashboard, stock-outs, insights and expiring pages) is served from the
// stored snapshot (its product route, read-shaped pages through the Cache API) and computed from D1
// on every request (/api/dev/d1/…, development only), in the same run, after checking that both
// give the same answer; /api/health is the floor. The tenant is synthetic (default 1,000 SKUs × 730
// days); run again with --skus 20000 for the large case. Any non-2xx or error is reported.
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevVars } from '../scripts/local';
import { loadSqlFile } from './lib/d1-local';
import { migrateLocal, signIn, startLocalWorker } from '../scripts/drop';
import { BENCH_PASSWORD, writeSyntheticSeed } from './lib/synthetic-seed';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const SKUS = arg('skus', 1000);
const SECONDS = arg('seconds', 10);
const CONNECTIONS = 50;
const today = new Date().toISOString().slice(0, 10);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies of several routes, checked by shape
type Body = any;
/** One read served two ways in the same run: from the stored snapshot (the product's route) and computed from D1 on every request (the development-only /api/dev/d1 path), which must give the same answer. */
const PAIRS: { name: string; snapshot: string; d1: string; same: (a: Body, b: Body) => string | null }[] = [
  { name: 'dashboard', snapshot: '/api/dashboard', d1: '/api/dev/d1/dashboard', same: sameDashboard },
  {
    name: 'stock-outs page',
    snapshot: '/api/stockouts?days=30&pageSize=50',
    d1: '/api/dev/d1/stockouts?days=30&pageSize=50',
    same: samePage,
  },
  { name: 'insights page', snapshot: '/api/insights?pageSize=50', d1: '/api/dev/d1/insights?pageSize=50', same: samePage },
  { name: 'expiring page', snapshot: '/api/expiring?days=30&pageSize=50', d1: '/api/dev/d1/expiring?days=30&pageSize=50', same: samePage },
];

const json = (x: unknown) => JSON.stringify(x);
function samePage(a: Body, b: Body): string | null {
  if (!Array.isArray(a.items) || !a.items.length) return 'empty page: nothing compared';
  if (a.total !== b.total) return `total ${a.total} vs ${b.total}`;
  if (json(a.items) !== json(b.items)) return 'items differ';
  if (a.totals && json(a.totals) !== json(b.totals)) return 'totals differ';
  return null;
}
function sameDashboard(a: Body, b: Body): string | null {
  if (typeof a.kpis?.inventoryValue !== 'number') return 'no KPIs';
  for (const k of ['inventoryValue', 'expiring', 'certainLoss', 'projectedStockouts', 'recoverableWaste', 'capitalAtRisk'])
    if (json(a.kpis[k]) !== json(b.kpis[k])) return `kpis.${k} ${json(a.kpis[k])} vs ${json(b.kpis[k])}`;
  // Summed per chunk at refresh, at once from D1: rounding to the cent may differ by a cent per chunk.
  if (Math.abs(a.kpis.reorderValue - b.kpis.reorderValue) > 0.01 * Math.ceil(SKUS / 200)) return 'reorderValue differs';
  for (const k of ['expiringByBucket', 'statusCounts', 'topStockouts', 'topWaste', 'capitalAtRiskByWarehouse'])
    if (json(a[k]) !== json(b[k])) return `${k} differs`;
  return null;
}

ensureDevVars();
const persist = mkdtempSync(join(tmpdir(), 'lotwise-bench-reads-'));
try {
  migrateLocal(persist);
  const sqlFile = join(persist, 'seed.sql');
  await writeSyntheticSeed(sqlFile, { tenantId: 'big', skus: SKUS, days: 730, asOf: today });
  await loadSqlFile(persist, sqlFile);
  const local = await startLocalWorker(persist);
  try {
    const token = await signIn(local, 'planner@big.test', BENCH_PASSWORD);
    const headers = { authorization: `Bearer ${token}` };
    // The snapshot first: one refresh (fanned out for more than one chunk), waited on until published.
    const r = await local.fetch('/api/plan/refresh', { method: 'POST', headers });
    if (r.status === 202) {
      const { job } = (await r.json()) as { job: { id: string } };
      for (;;) {
        const row = await local.env.DB.prepare('SELECT status FROM refresh_jobs WHERE id = ?').bind(job.id).first<{ status: string }>();
        if (row?.status === 'done') break;
        await new Promise((ok) => setTimeout(ok, 500));
      }
    } else if (r.status !== 200) throw new Error(`refresh failed: ${r.status} ${await r.text()}`);
    const base = local.directUrl.toString().replace(/\/$/, '');
    console.log(
      `reads — ${SKUS.toLocaleString('en-US')} SKUs, ${CONNECTIONS} connections, ${SECONDS} s each (under load: others share this machine)`,
    );
    const run = async (name: string, kind: string, path: string) => {
      const out = await autocannon({ url: base + path, connections: CONNECTIONS, duration: SECONDS, headers, timeout: 60 });
      console.log(
        `  ${name.padEnd(24)} ${kind.padEnd(9)} ${out.requests.average.toFixed(0).padStart(7)}  ${String(out.latency.p50).padStart(7)} ${String(out.latency.p99).padStart(7)}  ${String(out.errors).padStart(6)}  ${String(out.non2xx).padStart(7)}`,
      );
      return out;
    };
    const get = async (path: string) => {
      const res = await fetch(base + path, { headers });
      const body = (await res.json()) as Body;
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      return body;
    };
    if ((await get('/api/health')).status !== 'ok') throw new Error('/api/health: unexpected body');
    // Answers first: both paths must agree; one request of each alone shows its cost.
    for (const p of PAIRS) {
      let t = performance.now();
      const fromSnapshot = await get(p.snapshot);
      const snapMs = performance.now() - t;
      t = performance.now();
      const fromD1 = await get(p.d1);
      const d1Ms = performance.now() - t;
      const differs = p.same(fromSnapshot, fromD1);
      if (differs) throw new Error(`${p.name}: the snapshot and D1 answers differ (${differs})`);
      console.log(`  ${p.name}: same answer; one request alone ${snapMs.toFixed(0)} ms from the snapshot, ${d1Ms.toFixed(0)} ms from D1`);
    }
    // Every snapshot run before any D1 run: a D1 run leaves work queued in workerd after its window.
    console.log('  case                     path        req/s    p50 ms  p99 ms  errors  non-2xx');
    const floor = await run('health', 'floor', '/api/health');
    const snaps: autocannon.Result[] = [];
    for (const p of PAIRS) snaps.push(await run(p.name, 'snapshot', p.snapshot));
    const d1s: autocannon.Result[] = [];
    for (const p of PAIRS) d1s.push(await run(p.name, 'D1', p.d1));
    PAIRS.forEach((p, i) => {
      const snap = snaps[i];
      const d1 = d1s[i];
      const ratio = d1.requests.total
        ? `${(snap.requests.total / d1.requests.total).toFixed(1)}×`
        : `> ${snap.requests.total}× (D1 completed no request in ${SECONDS} s)`;
      console.log(
        `  ${p.name.padEnd(24)} snapshot/D1 ${ratio} requests; snapshot/floor ${(snap.requests.average / floor.requests.average).toFixed(2)}× req/s, p99 ${(snap.latency.p99 / Math.max(1, floor.latency.p99)).toFixed(2)}×`,
      );
    });
  } finally {
    await local.dispose();
  }
} finally {
  rmSync(persist, { recursive: true, force: true });
}
