// `npm run bench -- ask [--runs N] [--requests N] [--concurrency N]`: rule answers of POST /api/ask at 20 concurrent
// questions against a local Worker started here on a free port (fresh database, demo tenant seeded,
// plan refreshed once so every question reads today's snapshot). A bounded fetch loop timed from
// the client; p50/p99 per run and their medians. Goal: p99 < 100 ms.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSeedSql, DEMO_PASSWORD } from '../scripts/seed-sql';
import { spawnSync } from 'node:child_process';
import { ensureDevVars, OFFLINE_ENV } from '../scripts/local';
import { migrateLocal, signIn, startLocalWorker } from '../scripts/drop';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};
const RUNS = arg('--runs', 3);
const REQUESTS = arg('--requests', 400);
const CONCURRENCY = arg('--concurrency', 20);
const today = new Date().toISOString().slice(0, 10);

/** One phrasing per intent (and an unmappable one), in the demo catalogue's words. */
const QUESTIONS = [
  'Which lots of shin ramyun ship first?',
  'what expires within two weeks and what is it worth',
  'what will stock out in the next 30 days',
  'What should we reorder this week and why?',
  'Which transfers and markdowns are proposed?',
  'who buys 신라면 and how often',
  'Which customers are overdue?',
  'capital at risk by warehouse',
  'summary of KR-SAU-001',
  'forecast for napa cabbage kimchi 500g next quarter',
  'what actions are awaiting approval',
  "What was last week's ROI?",
  "What's the weather in Seoul?",
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const median = (xs: number[]) => pct(xs, 50);

// A fresh clone has no .dev.vars yet: the local Worker needs its signing secret.
ensureDevVars();
const persist = mkdtempSync(join(tmpdir(), 'lotwise-bench-ask-'));
try {
  migrateLocal(persist);
  const sqlFile = join(persist, 'seed.sql');
  writeFileSync(sqlFile, await buildSeedSql(today));
  // Straight to this run's own state (scripts/local's wrangler() would add the default --persist-to).
  const seeded = spawnSync(
    process.execPath,
    ['node_modules/wrangler/bin/wrangler.js', 'd1', 'execute', 'DB', '--local', '--persist-to', persist, '--file', sqlFile],
    { env: { ...OFFLINE_ENV, CI: 'true' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (seeded.status !== 0) throw new Error(`seeding failed:\n${seeded.stdout}\n${seeded.stderr}`);
  const local = await startLocalWorker(persist);
  try {
    const token = await signIn(local, 'planner@demo.test', DEMO_PASSWORD);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const refreshed = await local.fetch('/api/plan/refresh', { method: 'POST', headers });
    if (!refreshed.ok) throw new Error(`refresh failed: ${refreshed.status}`);
    const askOnce = async (question: string) => {
      const t = performance.now();
      // Straight to the Worker's own port, as a browser or the web app would (no dev proxy in between).
      const r = await fetch(new URL('/api/ask', local.directUrl), { method: 'POST', headers, body: JSON.stringify({ question }) });
      const body = (await r.json()) as { source?: string; intent?: string | null };
      const ms = performance.now() - t;
      if (r.status !== 200 || body.source !== 'rules') throw new Error(`ask failed: ${r.status} ${JSON.stringify(body).slice(0, 200)}`);
      return { ms, intent: body.intent ?? 'unmatched' };
    };
    for (const q of QUESTIONS) await askOnce(q); // warm-up: isolate, caches, first reads
    const p50s: number[] = [];
    const p99s: number[] = [];
    const byIntent = new Map<string, number[]>();
    for (let run = 0; run < RUNS; run++) {
      let next = 0;
      const times: number[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < REQUESTS) {
            const q = QUESTIONS[next++ % QUESTIONS.length];
            const r = await askOnce(q);
            times.push(r.ms);
            byIntent.set(r.intent, [...(byIntent.get(r.intent) ?? []), r.ms]);
          }
        }),
      );
      const secs = (performance.now() - started) / 1000;
      p50s.push(pct(times, 50));
      p99s.push(pct(times, 99));
      console.log(
        `  run ${run + 1}: ${times.length} questions in ${secs.toFixed(2)} s (${(times.length / secs).toFixed(0)}/s)  p50 ${pct(times, 50).toFixed(1)} ms  p99 ${pct(times, 99).toFixed(1)} ms`,
      );
    }
    console.log(`ask benchmark — demo tenant, ${CONCURRENCY} concurrent, ${REQUESTS} questions a run, ${RUNS} runs, rules only`);
    console.log(`  median p50 ${median(p50s).toFixed(1)} ms   median p99 ${median(p99s).toFixed(1)} ms   (goal p99 < 100 ms)`);
    console.log('  per intent (all runs): p50 / p99 ms');
    for (const [intent, xs] of [...byIntent.entries()].sort())
      console.log(`    ${intent.padEnd(20)} ${pct(xs, 50).toFixed(1).padStart(7)} / ${pct(xs, 99).toFixed(1).padStart(7)}`);
  } finally {
    await local.dispose();
  }
} finally {
  rmSync(persist, { recursive: true, force: true });
}
