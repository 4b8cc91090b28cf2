// `npm run bench -- reads [--sizes demo,1000,20000] [--seconds S] [--days D]`: 50 connections with
// autocannon against local workerd, for each tenant size in one run (a fresh local D1, KV and
// worker per size; nothing from `npm start` is needed). Each read (the dashboard, stock-outs,
// insights and expiring pages) is served from the stored snapshot (its product route) and computed
// from D1 on every request (/api/dev/d1/…, development only), after checking both give the same
// answer; /api/health is the floor. Every response under load is checked against the answer
// checked first (autocannon `verifyBody`; a mismatch is reported). Beside req/s and latency, each
// case shows workerd's own CPU time per request (from /proc): autocannon shares this machine, and a
// large body costs it more to read than it costs the server to send. Sizes: `demo` is the sample
// tenant (`npm run seed`); a number is a synthetic tenant of that many SKUs, with 730 days of
// history up to 1,000 SKUs and 90 days above (reads do not depend on the history's length; the
// refresh does: `refresh-large`), or --days for all. Any non-2xx, error or mismatch is reported.
import autocannon from 'autocannon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevVars } from '../scripts/local';
import { loadSqlFile } from './lib/d1-local';
import { migrateLocal, signIn, startLocalWorker, type LocalWorker } from '../scripts/drop';
import { buildSeedSql, DEMO_PASSWORD } from '../scripts/seed-sql';
import { BENCH_PASSWORD, writeSyntheticSeed } from './lib/synthetic-seed';
import { workerdCpuSeconds } from './lib/workerd-proc';

const argOf = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SIZES = (argOf('sizes') ?? argOf('skus') ?? 'demo,1000,20000').split(',').map((x) => x.trim());
const SECONDS = Number(argOf('seconds') ?? 10);
const DAYS_ARG = argOf('days');
const CONNECTIONS = 50;
/** Above this many SKUs the D1 path runs with few connections: each of its requests holds every SKU's plan in memory. */
const D1_FULL_CONCURRENCY_MAX_SKUS = 1_000;
const D1_LARGE_CONNECTIONS = 4;
const today = new Date().toISOString().slice(0, 10);
/** The SKU count of the tenant being compared (the dashboard's reorder value may differ by a cent per refresh chunk). */
let comparedSkus = 0;

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
  if (Math.abs(a.kpis.reorderValue - b.kpis.reorderValue) > 0.01 * Math.ceil(comparedSkus / 200)) return 'reorderValue differs';
  for (const k of ['expiringByBucket', 'statusCounts', 'topStockouts', 'topWaste', 'capitalAtRiskByWarehouse'])
    if (json(a[k]) !== json(b[k])) return `${k} differs`;
  return null;
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  errors: number;
  non2xx: number;
  mismatches: number;
  connections: number;
  /** workerd's CPU time (user + system) per completed request, ms: the server's own cost, apart from autocannon's on the same machine. */
  cpuMs: number | null;
}
interface SizeResult {
  size: string;
  skus: number;
  days: number | null;
  floor: Run;
  alone: { cold: number; snapshot: number; d1: number }[];
  snaps: Run[];
  d1s: Run[];
}

/** The body a response under load must carry: lists exactly; the dashboard but for its snapshot's age. */
const stableText = (name: string, text: string) => (name === 'dashboard' ? text.replace(/"ageSeconds":\d+/, '') : text);

async function seed(persist: string, size: string): Promise<{ email: string; password: string; days: number | null }> {
  const sqlFile = join(persist, 'seed.sql');
  if (size === 'demo') {
    writeFileSync(sqlFile, await buildSeedSql(today));
    await loadSqlFile(persist, sqlFile);
    return { email: 'planner@demo.test', password: DEMO_PASSWORD, days: null };
  }
  const skus = Number(size);
  if (!Number.isInteger(skus) || skus < 1) throw new Error(`--sizes: "${size}" is neither "demo" nor a number of SKUs`);
  const days = DAYS_ARG ? Number(DAYS_ARG) : skus <= 1_000 ? 730 : 90;
  await writeSyntheticSeed(sqlFile, { tenantId: 'big', skus, days, asOf: today });
  await loadSqlFile(persist, sqlFile);
  return { email: 'planner@big.test', password: BENCH_PASSWORD, days };
}

async function refreshed(local: LocalWorker, headers: Record<string, string>) {
  const r = await local.fetch('/api/plan/refresh', { method: 'POST', headers });
  if (r.status === 202) {
    const { job } = (await r.json()) as { job: { id: string } };
    for (;;) {
      const row = await local.env.DB.prepare('SELECT status FROM refresh_jobs WHERE id = ?').bind(job.id).first<{ status: string }>();
      if (row?.status === 'done') break;
      if (row?.status === 'failed' || row?.status === 'superseded') throw new Error(`refresh job ${job.id} ${row.status}`);
      await new Promise((ok) => setTimeout(ok, 500));
    }
  } else if (r.status !== 200) throw new Error(`refresh failed: ${r.status} ${await r.text()}`);
}

async function benchSize(size: string): Promise<SizeResult> {
  const persist = mkdtempSync(join(tmpdir(), 'lotwise-bench-reads-'));
  try {
    migrateLocal(persist);
    const t0 = performance.now();
    const who = await seed(persist, size);
    const local = await startLocalWorker(persist);
    try {
      const token = await signIn(local, who.email, who.password);
      const headers = { authorization: `Bearer ${token}` };
      await refreshed(local, headers);
      const base = local.directUrl.toString().replace(/\/$/, '');
      const get = async (path: string, timeoutMs = 600_000) => {
        const res = await fetch(base + path, { headers, signal: AbortSignal.timeout(timeoutMs) });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
        return { body: JSON.parse(text) as Body, text };
      };
      const skus = (await get('/api/plan')).body.totals.skus as number;
      comparedSkus = skus;
      console.log(
        `\n${size === 'demo' ? 'demo tenant' : 'synthetic tenant'}: ${skus.toLocaleString('en-US')} SKUs${who.days ? ` × ${who.days} days` : ''}, seeded and refreshed in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
      );
      if ((await get('/api/health')).body.status !== 'ok') throw new Error('/api/health: unexpected body');
      // A refresh is followed by work in the same workerd: one alert message per condition found (1,417 at
      // 1,000 SKUs, tens of thousands at 20,000), each a few D1 queries. Every signed-in read needs D1 now
      // and then (its user and time zone every 5 s), so wait until D1 itself answers a query alone in
      // under 20 ms 5 times running (at most 30 minutes).
      const settleStart = performance.now();
      for (let quiet = 0; quiet < 5 && performance.now() - settleStart < 1_800_000;) {
        const t = performance.now();
        await local.env.DB.prepare('SELECT 1').first();
        quiet = performance.now() - t < 20 ? quiet + 1 : 0;
        await new Promise((ok) => setTimeout(ok, 1000));
      }
      console.log(
        `  waited ${((performance.now() - settleStart) / 1000).toFixed(0)} s for the refresh's follow-up work (alert deliveries) to finish`,
      );
      // Answers first: both paths must agree; one request of each alone (the snapshot's twice: first and kept) shows its cost.
      const expected: string[] = [];
      const alone: SizeResult['alone'] = [];
      for (const p of PAIRS) {
        let t = performance.now();
        await get(p.snapshot);
        const coldMs = performance.now() - t;
        t = performance.now();
        const fromSnapshot = await get(p.snapshot);
        const snapMs = performance.now() - t;
        t = performance.now();
        const fromD1 = await get(p.d1);
        const d1Ms = performance.now() - t;
        const differs = p.same(fromSnapshot.body, fromD1.body);
        if (differs) throw new Error(`${p.name}: the snapshot and D1 answers differ (${differs})`);
        expected.push(stableText(p.name, fromSnapshot.text));
        const bytes = fromSnapshot.text.length;
        alone.push({ cold: coldMs, snapshot: snapMs, d1: d1Ms });
        console.log(
          `  ${p.name}: same answer; one request alone from the snapshot ${coldMs.toFixed(1)} ms first (KV pages), ${snapMs.toFixed(1)} ms kept in the isolate; ${d1Ms.toFixed(0)} ms from D1; ${(bytes / 1024).toFixed(0)} KB`,
        );
      }
      const run = async (name: string, kind: string, path: string, expect?: string, connections = CONNECTIONS): Promise<Run> => {
        const cpu0 = workerdCpuSeconds();
        const out = await autocannon({
          url: base + path,
          connections,
          duration: SECONDS,
          headers,
          timeout: 60,
          ...(expect === undefined ? {} : { verifyBody: (b: string) => stableText(name, b) === expect }),
        } as autocannon.Options);
        const r: Run = {
          rps: out.requests.average,
          p50: out.latency.p50,
          p99: out.latency.p99,
          total: out.requests.total,
          errors: out.errors,
          non2xx: out.non2xx,
          mismatches: (out as unknown as { mismatches: number }).mismatches ?? 0,
          connections,
          cpuMs: out.requests.total ? (1000 * (workerdCpuSeconds() - cpu0)) / out.requests.total : null,
        };
        console.log(
          `  ${name.padEnd(16)} ${kind.padEnd(9)} ${String(connections).padStart(5)} ${r.rps.toFixed(0).padStart(7)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.errors).padStart(6)} ${String(r.non2xx).padStart(7)} ${String(r.mismatches).padStart(10)} ${r.cpuMs === null ? '     —' : r.cpuMs.toFixed(2).padStart(6)}`,
        );
        return r;
      };
      console.log(`  ${'case'.padEnd(16)} ${'path'.padEnd(9)} conns   req/s  p50 ms  p99 ms errors non-2xx mismatches cpu ms`);
      await autocannon({ url: `${base}/api/health`, connections: CONNECTIONS, duration: 2, timeout: 60 });
      const floor = await run('health', 'floor', '/api/health', '{"status":"ok"}');
      // Every snapshot run before any D1 run: a D1 run leaves requests running in workerd after its window.
      const snaps: Run[] = [];
      for (const [i, p] of PAIRS.entries()) {
        // 2 s of the same load first, not counted: what a reader meets once the page is kept in the isolate.
        await autocannon({ url: base + p.snapshot, connections: CONNECTIONS, duration: 2, headers, timeout: 60 });
        snaps.push(await run(p.name, 'snapshot', p.snapshot, expected[i]));
      }
      const d1Connections = skus > D1_FULL_CONCURRENCY_MAX_SKUS ? D1_LARGE_CONNECTIONS : CONNECTIONS;
      const d1s: Run[] = [];
      for (const p of PAIRS) d1s.push(await run(p.name, 'D1', p.d1, undefined, d1Connections));
      return { size, skus, days: who.days, floor, alone, snaps, d1s };
    } finally {
      await local.dispose();
    }
  } finally {
    rmSync(persist, { recursive: true, force: true });
  }
}

ensureDevVars();
console.log(
  `reads — sizes ${SIZES.join(', ')}; ${CONNECTIONS} connections (the D1 path: ${D1_LARGE_CONNECTIONS} above ${D1_FULL_CONCURRENCY_MAX_SKUS.toLocaleString('en-US')} SKUs), ${SECONDS} s per case; under load: others share this machine`,
);
const results: SizeResult[] = [];
for (const size of SIZES) results.push(await benchSize(size));

console.log('\nsummary (req/s and p99 ms under load; goal: snapshot ≥ 10× D1, within 2× of the floor, 0 errors and mismatches)');
for (const r of results) {
  console.log(`  ${r.skus.toLocaleString('en-US')} SKUs (${r.size}): floor ${r.floor.rps.toFixed(0)} req/s, p99 ${r.floor.p99} ms`);
  PAIRS.forEach((p, i) => {
    const s = r.snaps[i];
    const d = r.d1s[i];
    const vsD1 = d.rps > 0 ? `${(s.rps / d.rps).toFixed(0)}× D1 req/s` : `D1 completed no request in ${SECONDS} s`;
    const bad = s.errors + s.non2xx + s.mismatches;
    const cpu =
      s.cpuMs !== null && r.floor.cpuMs
        ? `; workerd CPU ${s.cpuMs.toFixed(2)} ms a request (${(s.cpuMs / r.floor.cpuMs).toFixed(2)}× the floor's)`
        : '';
    console.log(
      `    ${p.name.padEnd(16)} snapshot ${s.rps.toFixed(0).padStart(5)} req/s p99 ${String(s.p99).padStart(5)} ms | ${vsD1}; floor/snapshot ${(r.floor.rps / Math.max(1, s.rps)).toFixed(2)}× req/s, snapshot/floor p99 ${(s.p99 / Math.max(1, r.floor.p99)).toFixed(2)}×${cpu} | ${s.total === 0 ? 'NO REQUEST COMPLETED' : bad ? `${bad} BAD` : 'all answers checked'}`,
    );
  });
}
if (results.length > 1) {
  console.log('  one request alone from the snapshot by tenant size (ms: first read of its KV pages / kept in the isolate; D1 path):');
  PAIRS.forEach((p, i) =>
    console.log(
      `    ${p.name.padEnd(16)} ${results.map((r) => `${r.skus.toLocaleString('en-US')} SKUs ${r.alone[i].cold.toFixed(1)} / ${r.alone[i].snapshot.toFixed(1)}; D1 ${r.alone[i].d1.toFixed(0)}`).join(' | ')}`,
    ),
  );
}
