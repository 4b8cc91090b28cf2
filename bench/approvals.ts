// `npm run bench -- approvals [--runs N] [--actions N] [--connections N]`: approvals of distinct
// actions through the API in local workerd (its own server on a free port, fresh state), driven by
// autocannon at 50 connections, then a data check: every 200 has its state change in D1 and its
// audit entry in the tenant object's chain, and the chain verifies. Prints each run and medians.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { hashPassword } from '../worker/lib/password';
import { migrateLocal, signIn, startLocalWorker, type LocalWorker } from '../scripts/drop';
import { ensureDevVars } from '../scripts/local';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const RUNS = arg('runs', 3);
const ACTIONS = arg('actions', 4000);
const CONNECTIONS = arg('connections', 50);
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

async function main() {
  // A fresh clone has no .dev.vars yet: the same JWT secret `npm start` would create.
  ensureDevVars();
  const persist = mkdtempSync(join(tmpdir(), 'lotwise-bench-approvals-'));
  migrateLocal(persist);
  const local = await startLocalWorker(persist);
  try {
    console.log(`local Worker at ${local.directUrl}`);
    const tokens = await seed(local);
    console.log(`approvals benchmark — ${ACTIONS} distinct actions per run, ${CONNECTIONS} connections, ${RUNS} runs (+1 warm-up of 500)`);
    await approve(local, tokens.approver, await propose(local, tokens.planner, 500));
    const rows: { rps: number; p50: number; p99: number; lost: number; non2xx: number }[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const ids = await propose(local, tokens.planner, ACTIONS);
      const { r, seconds } = await approve(local, tokens.approver, ids);
      const ok = r['2xx'];
      const c = await check(local, tokens.auditor, ids, ok);
      const rps = ok / seconds;
      rows.push({ rps, p50: r.latency.p50, p99: r.latency.p99, lost: c.lost, non2xx: r.non2xx });
      console.log(
        `run ${run}: ${ok} × 200 in ${seconds.toFixed(2)} s → ${rps.toFixed(0)} approvals/s; latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms; ` +
          `non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}; data check: ${c.d1} approved in D1, ${c.audited} audit entries, ` +
          `chain ${c.verify.ok ? 'verifies' : 'BROKEN'} (${c.verify.length} entries) → lost ${c.lost}`,
      );
    }
    const m = {
      rps: median(rows.map((x) => x.rps)),
      p99: median(rows.map((x) => x.p99)),
      p50: median(rows.map((x) => x.p50)),
      lost: Math.max(...rows.map((x) => x.lost)),
    };
    console.log(
      `\nmedian of ${RUNS} runs: ${m.rps.toFixed(0)} approvals/s (goal ≥ 500: ${m.rps >= 500 ? 'met' : 'missed'}), p50 ${m.p50} ms, ` +
        `p99 ${m.p99} ms (goal < 200: ${m.p99 < 200 ? 'met' : 'missed'}), lost ${m.lost} (goal 0: ${m.lost === 0 ? 'met' : 'missed'})`,
    );
  } finally {
    await local.dispose();
    rmSync(persist, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
