// `npm run bench -- reads [--skus N] [--seconds S]`: 50 connections with autocannon against local
// workerd, for the dashboard and two list views served from the snapshot, against reads computed
// from D1 on every request (expiring lots, a page of products) and /api/health as the floor. The
// tenant is synthetic (default 1,000 SKUs × 730 days); run again with --skus 20000 for the large
// case. Every body is checked once before its run; any non-2xx or error is reported.
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevVars } from '../scripts/local';
import { executeSqlFile } from './lib/d1-local';
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
const CASES: { name: string; path: string; path_kind: string; check: (b: Body) => boolean }[] = [
  { name: 'health (floor)', path: '/api/health', path_kind: 'floor', check: (b) => b.status === 'ok' },
  { name: 'dashboard', path: '/api/dashboard', path_kind: 'snapshot', check: (b) => typeof b.kpis?.inventoryValue === 'number' },
  { name: 'stock-outs page', path: '/api/stockouts?days=30&pageSize=50', path_kind: 'snapshot', check: (b) => Array.isArray(b.items) },
  { name: 'insights page', path: '/api/insights?pageSize=50', path_kind: 'snapshot', check: (b) => Array.isArray(b.items) },
  {
    name: 'expiring lots (D1 each request)',
    path: '/api/expiring?days=30&pageSize=50',
    path_kind: 'D1',
    check: (b) => Array.isArray(b.items),
  },
  { name: 'products page (D1)', path: '/api/products?pageSize=50', path_kind: 'D1', check: (b) => Array.isArray(b.items) },
];

ensureDevVars();
const persist = mkdtempSync(join(tmpdir(), 'lotwise-bench-reads-'));
try {
  migrateLocal(persist);
  const sqlFile = join(persist, 'seed.sql');
  await writeSyntheticSeed(sqlFile, { tenantId: 'big', skus: SKUS, days: 730, asOf: today });
  executeSqlFile(persist, sqlFile);
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
    console.log('  case                               source     req/s    p50 ms  p99 ms  errors  non-2xx');
    for (const c of CASES) {
      const res = await fetch(base + c.path, { headers });
      const body = await res.json();
      if (res.status !== 200 || !c.check(body)) throw new Error(`${c.path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      const out = await autocannon({ url: base + c.path, connections: CONNECTIONS, duration: SECONDS, headers, timeout: 30 });
      console.log(
        `  ${c.name.padEnd(34)} ${c.path_kind.padEnd(9)} ${out.requests.average.toFixed(0).padStart(6)}  ${String(out.latency.p50).padStart(7)} ${String(out.latency.p99).padStart(7)}  ${String(out.errors).padStart(6)}  ${String(out.non2xx).padStart(7)}`,
      );
    }
  } finally {
    await local.dispose();
  }
} finally {
  rmSync(persist, { recursive: true, force: true });
}
