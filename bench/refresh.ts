// `npm run bench -- refresh [--runs N]`: the whole recompute for the sample tenant through the real
// path in local workerd — load products, lots, inbound and 2 years of order history from D1, run
// the planning engine, store per-SKU detail in D1 and the summary in KV — timed from the client
// around POST /api/plan/refresh (Workers freeze the clock during CPU work, so timing inside is
// meaningless). Side by side: the engine alone (planTenant in Node) on the same generated data,
// and a read of today's reorders from the snapshot.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSeedSql, DEMO_PASSWORD } from '../scripts/seed-sql';
import { ensureDevVars } from '../scripts/local';
import { loadSqlFile } from './lib/d1-local';
import { migrateLocal, signIn, startLocalWorker } from '../scripts/drop';
import { generateTenant } from '../sample_data/generator';
import { planTenant } from '../worker/domain/plan';
import { planInputFrom } from './lib/refresh-input';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const today = new Date().toISOString().slice(0, 10);

// A fresh clone has no .dev.vars until `npm start`: the local Worker needs its JWT_SECRET.
ensureDevVars();
const persist = mkdtempSync(join(tmpdir(), 'lotwise-bench-refresh-'));
try {
  migrateLocal(persist);
  const sqlFile = join(persist, 'seed.sql');
  writeFileSync(sqlFile, await buildSeedSql(today));
  await loadSqlFile(persist, sqlFile);
  const local = await startLocalWorker(persist);
  try {
    const token = await signIn(local, 'planner@demo.test', DEMO_PASSWORD);
    const auth = { authorization: `Bearer ${token}` };
    const refresh: number[] = [];
    const read: number[] = [];
    let skus = 0;
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      const r = await local.fetch('/api/plan/refresh', { method: 'POST', headers: auth });
      if (!r.ok) throw new Error(`refresh failed: ${r.status} ${await r.text()}`);
      skus = ((await r.json()) as { totals: { skus: number } }).totals.skus;
      refresh.push((performance.now() - t) / 1000);
      t = performance.now();
      await (await local.fetch('/api/reorders?action=all&pageSize=500', { headers: auth })).json();
      read.push((performance.now() - t) / 1000);
    }
    const data = generateTenant({ seed: 20261121, anchorDate: today, profile: 'demo' });
    const engine: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      planTenant(planInputFrom(data, today), today);
      engine.push((performance.now() - t) / 1000);
    }
    const f = (xs: number[]) => xs.map((x) => x.toFixed(3)).join('  ');
    console.log(
      `refresh benchmark — sample tenant "demo": ${skus} SKUs, ${data.lots.length} lots, ${data.orders.length.toLocaleString('en-US')} order lines; ${RUNS} runs`,
    );
    console.log(
      `  full recompute via API (D1 load + engine + store)  runs (s): ${f(refresh)}   median ${median(refresh).toFixed(3)} s  (goal < 2 s)`,
    );
    console.log(`  engine alone in Node (planTenant)                  runs (s): ${f(engine)}   median ${median(engine).toFixed(3)} s`);
    console.log(`  read of all reorders from the snapshot             runs (s): ${f(read)}   median ${median(read).toFixed(3)} s`);
    console.log(`  ratio full recompute / engine alone: ${(median(refresh) / median(engine)).toFixed(1)}×`);
  } finally {
    await local.dispose();
  }
} finally {
  rmSync(persist, { recursive: true, force: true });
}
