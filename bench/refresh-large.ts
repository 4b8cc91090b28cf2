// `npm run bench -- refresh-large [--skus N] [--days D]`: a synthetic tenant (default 20,000 SKUs ×
// 730 days) seeded into a fresh local D1, refreshed end to end through local workerd — the request
// creates the job, the refresh queue plans the SKU-range chunks and publishes — timed from the
// client until the job is done. Side by side: the engine alone (planTenant in one Node process) on
// the same data. Peak memory: the local workerd process's peak RSS while the refresh ran (all
// invocations together, so an upper bound for one), against the engine's peak RSS in Node; and one
// chunk's engine run (the refresh chunk size, default 200 SKUs) in a Node process whose heap is
// capped at 128 MB like a Worker's, with its peak RSS: what one chunk invocation holds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevVars } from '../scripts/local';
import { loadSqlFile } from './lib/d1-local';
import { migrateLocal, signIn, startLocalWorker } from '../scripts/drop';
import { planTenant } from '../worker/domain/plan';
import { DEFAULT_CHUNK_SKUS } from '../worker/planning/refresh/job';
import { BENCH_PASSWORD, writeSyntheticSeed } from './lib/synthetic-seed';
import { workerdRssKb } from './lib/workerd-proc';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const SKUS = arg('skus', 20_000);
const DAYS = arg('days', 730);
const today = new Date().toISOString().slice(0, 10);

ensureDevVars();
const persist = mkdtempSync(join(tmpdir(), 'lotwise-bench-refresh-large-'));
try {
  migrateLocal(persist);
  const sqlFile = join(persist, 'seed.sql');
  let t = performance.now();
  const { input, orderRows } = await writeSyntheticSeed(sqlFile, { tenantId: 'big', skus: SKUS, days: DAYS, asOf: today });
  await loadSqlFile(persist, sqlFile);
  console.log(
    `seeded ${SKUS.toLocaleString('en-US')} SKUs, ${input.lots.length.toLocaleString('en-US')} lots, ${orderRows.toLocaleString('en-US')} order lines (${DAYS} days) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const local = await startLocalWorker(persist);
  try {
    const token = await signIn(local, 'planner@big.test', BENCH_PASSWORD);
    let peakKb = workerdRssKb();
    const sampler = setInterval(() => (peakKb = Math.max(peakKb, workerdRssKb())), 250);
    t = performance.now();
    const r = await local.fetch('/api/plan/refresh', { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    if (r.status !== 200 && r.status !== 202) throw new Error(`refresh failed: ${r.status} ${await r.text()}`);
    let chunks = 1;
    if (r.status === 202) {
      const { job } = (await r.json()) as { job: { id: string; chunks: number } };
      chunks = job.chunks;
      for (;;) {
        const row = await local.env.DB.prepare('SELECT status FROM refresh_jobs WHERE id = ?').bind(job.id).first<{ status: string }>();
        if (row?.status === 'done') break;
        if (row?.status === 'failed' || row?.status === 'superseded') throw new Error(`job ${job.id} ${row.status}`);
        await new Promise((ok) => setTimeout(ok, 500));
      }
    }
    const wall = (performance.now() - t) / 1000;
    clearInterval(sampler);
    const plan = await local.fetch('/api/plan', { headers: { authorization: `Bearer ${token}` } });
    const body = (await plan.json()) as { totals: { skus: number } };
    if (body.totals.skus !== SKUS) throw new Error(`published ${body.totals.skus} SKUs, expected ${SKUS}`);

    // One chunk alone, heap capped like a Worker's: the first chunk's SKUs of the same data.
    const chunkSkus = new Set(
      input.products
        .map((p) => p.sku)
        .sort()
        .slice(0, DEFAULT_CHUNK_SKUS),
    );
    const chunkFile = join(persist, 'chunk.json');
    writeFileSync(
      chunkFile,
      JSON.stringify({
        ...input,
        products: input.products.filter((p) => chunkSkus.has(p.sku)),
        lots: input.lots.filter((l) => chunkSkus.has(l.sku)),
        inbound: input.inbound.filter((s) => chunkSkus.has(s.sku)),
        demand: input.demand.filter((d) => chunkSkus.has(d.sku)),
        orders: input.orders?.filter((o) => chunkSkus.has(o.sku)),
        adjustments: input.adjustments?.filter((a) => chunkSkus.has(a.sku)),
      }),
    );
    const child = spawnSync(
      process.execPath,
      ['--max-old-space-size=128', '--import', 'tsx', join(import.meta.dirname, 'lib', 'chunk-memory.ts'), chunkFile, today],
      { encoding: 'utf8' },
    );
    const oneChunk =
      child.status === 0
        ? (JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { skus: number; seconds: number; maxRssMb: number; heapUsedMb: number })
        : null;

    const before = process.resourceUsage().maxRSS;
    t = performance.now();
    planTenant(input, today);
    const engine = (performance.now() - t) / 1000;
    const engineRss = process.resourceUsage().maxRSS;
    console.log(`refresh-large — ${SKUS.toLocaleString('en-US')} SKUs × ${DAYS} days, ${chunks} chunk(s)`);
    console.log(`  end to end in local workerd (job → chunks → publish)  ${wall.toFixed(2)} s   ${(SKUS / wall).toFixed(0)} SKUs/s`);
    console.log(`  engine alone in one Node process (planTenant)          ${engine.toFixed(2)} s   ${(SKUS / engine).toFixed(0)} SKUs/s`);
    console.log(
      `  peak RSS: local workerd ${(peakKb / 1024).toFixed(0)} MB (all invocations); Node engine ${(engineRss / 1024).toFixed(0)} MB (was ${(before / 1024).toFixed(0)} MB before)`,
    );
    console.log(
      oneChunk
        ? `  one chunk (${oneChunk.skus} SKUs) in Node with a 128 MB heap cap: ${oneChunk.seconds.toFixed(2)} s, peak RSS ${oneChunk.maxRssMb.toFixed(0)} MB, heap in use at the end ${oneChunk.heapUsedMb.toFixed(0)} MB`
        : `  one chunk (${chunkSkus.size} SKUs) with a 128 MB heap cap FAILED (exit ${child.status}): ${child.stderr.slice(-500)}`,
    );
  } finally {
    await local.dispose();
  }
} finally {
  rmSync(persist, { recursive: true, force: true });
}
