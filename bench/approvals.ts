// `npm run bench -- approvals [--runs N] [--actions N] [--connections N] [--runtime dev|deploy|both]`:
// approvals of distinct actions through the API in local workerd (its own server on a free port,
// fresh state), driven by autocannon at 50 connections, then a data check: every 200 has its state
// change in D1 and its audit entry in the tenant object's chain, and the chain verifies. Runs on
// wrangler's dev runtime (what `npm start` serves) and on the deploy bundle reached on its own
// socket (what ships, without the dev runtime's per-request cost: bench/lib/deploy-bundle.ts);
// prints each run, the medians of both side by side, and their ratio.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { hashPassword } from '../worker/lib/password';
import { migrateLocal, signIn, startLocalWorker, type LocalWorker } from '../scripts/drop';
import { ensureDevVars } from '../scripts/local';
import { startDeployBundle } from './lib/deploy-bundle';
import { workerdCpuSeconds } from './lib/workerd-proc';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('runs', 3);
// Approvals per run. The deploy bundle's runs are long enough (about 15 s) to hold the isolate's
// major garbage collections in their share: one stop-the-world pause every ~9,000 approvals delays
// the 50 answers in flight, which is 1.25 % of a 4,000-approval run (so such a run's p99 is that one
// pause) and 0.25 % of a 20,000-approval one. p99.9 and the maximum show the pauses themselves.
const actionsArg = process.argv.includes('--actions') ? arg('actions', 0) : undefined;
const ACTIONS_BY_RUNTIME = { dev: 4000, deploy: 20_000 } as const;
const CONNECTIONS = arg('connections', 50);
const runtimeArg = process.argv.indexOf('--runtime');
const RUNTIME = (runtimeArg >= 0 ? process.argv[runtimeArg + 1] : 'both') as 'dev' | 'deploy' | 'both';
if (!['dev', 'deploy', 'both'].includes(RUNTIME)) throw new Error('--runtime is dev, deploy or both');
const PASSWORD = 'bench-pass-123';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function seed(local: LocalWorker) {
  const db = local.env.DB;
  const hash = await hashPassword(PASSWORD);
  await db.batch([
    db.prepare("INSERT INTO tenants (id, name) VALUES ('bench', 'Bench Foods')"),
    ...['approver', 'planner', 'auditor'].map((role) =>
      db
        .prepare("INSERT INTO users (id, tenant_id, email, name, role, password_hash) VALUES (?, 'bench', ?, ?, ?, ?)")
        .bind(`bench-${role}`, `${role}@bench.test`, role, role, hash),
    ),
    db.prepare(
      "INSERT INTO products (tenant_id, sku, name, shelf_life_days, unit_cost, case_size, supplier) VALUES ('bench', 'B-1', 'Bench noodles', 365, 2, 12, 'Han River')",
    ),
  ]);
  const token = (role: string) => signIn(local, `${role}@bench.test`, PASSWORD);
  return { approver: await token('approver'), planner: await token('planner'), auditor: await token('auditor') };
}

/** Proposes n actions through the API (as the planner) and returns their ids. */
async function propose(local: LocalWorker, planner: string, n: number): Promise<string[]> {
  const before = await local.env.DB.prepare("SELECT id FROM actions WHERE tenant_id = 'bench'").all<{ id: string }>();
  const known = new Set(before.results.map((r) => r.id));
  const r = await autocannon({
    url: local.directUrl.toString().replace(/\/$/, '') + '/api/actions',
    connections: CONNECTIONS,
    amount: n,
    timeout: 30,
    method: 'POST',
    headers: { authorization: `Bearer ${planner}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'reorder', sku: 'B-1', quantity: 24, reason: 'bench proposal' }),
  });
  if (r.non2xx || r.errors) throw new Error(`${r.non2xx} proposals answered non-2xx, ${r.errors} failed`);
  const after = await local.env.DB.prepare("SELECT id FROM actions WHERE tenant_id = 'bench' AND state = 'proposed'").all<{ id: string }>();
  return after.results.map((x) => x.id).filter((id) => !known.has(id));
}

async function approve(local: LocalWorker, approver: string, ids: string[]) {
  let next = 0;
  // Timed from the first request sent to the last response received: autocannon ends a run with an
  // `amount` on its one-second ticker, so its own duration (and any timer around it) reads whole
  // seconds, and every rate came out as the count divided by a whole number.
  let first = Infinity;
  let last = 0;
  const r = await autocannon({
    url: local.directUrl.toString().replace(/\/$/, ''),
    connections: CONNECTIONS,
    amount: ids.length,
    timeout: 30,
    headers: { authorization: `Bearer ${approver}` },
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          first = Math.min(first, performance.now());
          return { ...req, path: `/api/actions/${ids[next++]}/approve` };
        },
        onResponse: () => {
          last = performance.now();
        },
      },
    ],
  });
  return { r, seconds: (last - first) / 1000 };
}

async function approvedInD1(local: LocalWorker, ids: string[]): Promise<number> {
  const db = local.env.DB;
  const statements = [];
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    statements.push(
      db.prepare(`SELECT count(*) AS n FROM actions WHERE state = 'approved' AND id IN (${chunk.map(() => '?').join(',')})`).bind(...chunk),
    );
  }
  const results = await db.batch<{ n: number }>(statements);
  return results.reduce((sum, r) => sum + (r.results[0]?.n ?? 0), 0);
}

async function check(local: LocalWorker, auditor: string, ids: string[], ok: number) {
  const d1 = { n: await approvedInD1(local, ids) };
  const wanted = new Set(ids);
  let audited = 0;
  for (let after = 0; ;) {
    const page = (await (
      await fetch(new URL(`/api/audit?action=action.approved&after=${after}&limit=1000`, local.directUrl), {
        headers: { authorization: `Bearer ${auditor}` },
      })
    ).json()) as { items: { seq: number; subject: string }[]; next: number | null };
    audited += page.items.filter((e) => wanted.has(e.subject)).length;
    if (page.next === null) break;
    after = page.next;
  }
  const verify = (await (
    await fetch(new URL('/api/audit/verify', local.directUrl), { headers: { authorization: `Bearer ${auditor}` } })
  ).json()) as { ok: boolean; length: number };
  return { d1: d1.n, audited, verify, lost: Math.max(ok - d1.n, ok - audited) };
}

interface Medians {
  rps: number;
  p50: number;
  p99: number;
  lost: number;
  cpuMs: number;
}

/** Runs the warm-up and RUNS runs on one runtime (fresh state); prints each run and its medians. */
async function measure(label: string, start: (persist: string) => Promise<LocalWorker>, actions: number): Promise<Medians> {
  const persist = mkdtempSync(join(tmpdir(), 'lotwise-bench-approvals-'));
  migrateLocal(persist);
  const local = await start(persist);
  try {
    console.log(`\n${label}: Worker at ${local.directUrl}`);
    const tokens = await seed(local);
    console.log(`${actions} distinct actions per run, ${CONNECTIONS} connections, ${RUNS} runs (+1 warm-up of 500)`);
    await approve(local, tokens.approver, await propose(local, tokens.planner, 500));
    const rows: { rps: number; p50: number; p99: number; lost: number; non2xx: number; cpuMs: number }[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const ids = await propose(local, tokens.planner, actions);
      const cpu0 = workerdCpuSeconds();
      const { r, seconds } = await approve(local, tokens.approver, ids);
      const ok = r['2xx'];
      // workerd's own CPU per approval (API, tenant object and local D1 together): what the server
      // spent, apart from autocannon on the same cores.
      const cpuMs = ((workerdCpuSeconds() - cpu0) * 1000) / Math.max(1, ok);
      const c = await check(local, tokens.auditor, ids, ok);
      const rps = ok / seconds;
      rows.push({ rps, p50: r.latency.p50, p99: r.latency.p99, lost: c.lost, non2xx: r.non2xx, cpuMs });
      const tail = r.latency as unknown as { p99_9: number; max: number };
      console.log(
        `run ${run}: ${ok} × 200 in ${seconds.toFixed(2)} s → ${rps.toFixed(0)} approvals/s; latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, p99.9 ${tail.p99_9} ms, max ${tail.max} ms; workerd CPU ${cpuMs.toFixed(2)} ms/approval; ` +
          `non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}; data check: ${c.d1} approved in D1, ${c.audited} audit entries, ` +
          `chain ${c.verify.ok ? 'verifies' : 'BROKEN'} (${c.verify.length} entries) → lost ${c.lost}`,
      );
    }
    return {
      rps: median(rows.map((x) => x.rps)),
      p99: median(rows.map((x) => x.p99)),
      p50: median(rows.map((x) => x.p50)),
      lost: Math.max(...rows.map((x) => x.lost)),
      cpuMs: median(rows.map((x) => x.cpuMs)),
    };
  } finally {
    await local.dispose();
    rmSync(persist, { recursive: true, force: true });
  }
}

const RUNTIMES = {
  // What `npm start` serves: wrangler's dev runtime, every request through Miniflare's entry worker
  // and wrangler's dev middleware.
  dev: { label: 'wrangler dev runtime (entry worker + dev middleware)', start: (persist: string) => startLocalWorker(persist) },
  // What ships: the deploy bundle on the Worker's own socket (bench/lib/deploy-bundle.ts).
  deploy: { label: 'deploy bundle on its own socket', start: (persist: string) => startDeployBundle(persist) },
} as const;

async function main() {
  // A fresh clone has no .dev.vars yet: the same JWT secret `npm start` would create.
  ensureDevVars();
  const which = RUNTIME === 'both' ? (['dev', 'deploy'] as const) : [RUNTIME];
  console.log(`approvals benchmark — runtimes: ${which.join(', ')}`);
  const results: [keyof typeof RUNTIMES, Medians][] = [];
  for (const name of which)
    results.push([name, await measure(RUNTIMES[name].label, RUNTIMES[name].start, actionsArg ?? ACTIONS_BY_RUNTIME[name])]);
  console.log(`\nmedians of ${RUNS} runs each (goals: ≥ 500 approvals/s, p99 < 200 ms, 0 lost)`);
  console.log('runtime   approvals/s   p50 ms   p99 ms   workerd CPU ms/approval   lost');
  for (const [name, m] of results)
    console.log(
      `${name.padEnd(9)} ${m.rps.toFixed(0).padStart(11)} ${String(m.p50).padStart(8)} ${String(m.p99).padStart(8)} ${m.cpuMs.toFixed(2).padStart(25)} ${String(m.lost).padStart(6)}` +
        `   (rate ${m.rps >= 500 ? 'met' : 'missed'}, p99 ${m.p99 < 200 ? 'met' : 'missed'}, lost ${m.lost === 0 ? 'met' : 'missed'})`,
    );
  if (results.length === 2) {
    const [[, dev], [, deploy]] = results;
    console.log(
      `deploy / dev: ${(deploy.rps / dev.rps).toFixed(2)}× approvals/s, ${(deploy.p99 / dev.p99).toFixed(2)}× p99, ${(deploy.cpuMs / dev.cpuMs).toFixed(2)}× CPU per approval`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
