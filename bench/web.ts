// `npm run bench -- web`: the web app's budgets. JavaScript each route loads on first visit
// (module preloads and scripts in its server-rendered HTML, gzipped; budget 150 KB), and the
// dashboard's server render time from today's snapshot (p95 over sequential requests; budget 100 ms).
// Uses BENCH_BASE_URL when given, otherwise starts the product on a free port with its own state.
import { spawn } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROUTES = [
  '/login',
  '/',
  '/skus',
  '/skus/KR-KIM-003',
  '/lots',
  '/movements',
  '/inbound',
  '/imports',
  '/customers',
  '/customers/CUST-0005',
  '/validation',
  '/settings',
  '/actions',
  '/ask',
  '/roi',
  '/audit',
  '/alerts',
  '/status',
];
const JS_BUDGET = 150 * 1024;
const P95_BUDGET = 100;
const RENDERS = Number(process.env.BENCH_RENDERS ?? 60);
/** Cumulative layout shift allowed per page while its data arrives (web.dev calls < 0.1 "good"; we allow none visible). */
const CLS_BUDGET = 0.01;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startStack(): Promise<{ base: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
    env: { ...process.env, PORT: String(port), LOTWISE_STATE: `.tmp/bench-state-${port}` },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  while (!log.includes('[lotwise] ready in')) {
    if (child.exitCode !== null) throw new Error(`the stack did not start:\n${log.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return { base: `http://localhost:${port}`, stop: () => process.kill(-child.pid!, 'SIGINT') };
}

async function signIn(base: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: cookie, Origin: base, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, email: 'admin@demo.test', password: 'demo-pass-123', next: '/' }),
  });
  const session = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (res.status !== 302 || !session) throw new Error(`sign-in failed: ${res.status}`);
  return session;
}

const gz = new Map<string, number>();
function gzSize(path: string): number {
  if (!gz.has(path)) {
    const file = `build/client${path}`;
    gz.set(path, existsSync(file) ? gzipSync(readFileSync(file)).length : 0);
  }
  return gz.get(path)!;
}

/**
 * Cumulative layout shift of each route in Debian's Chromium (never a downloaded browser): the sum
 * of `layout-shift` entries without recent input (the Layout Instability API), from navigation until
 * the network is idle and one more second has passed — that is, while the page's data arrives.
 */
async function layoutShifts(base: string, cookie: string) {
  if (!existsSync(CHROMIUM)) {
    console.log(`layout shift: skipped (no browser at ${CHROMIUM})`);
    return;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value: cookie.slice(name.length + 1) || value, url: base }]);
    // Runs in the page (a string: this script is typed for Node, not the DOM).
    await context.addInitScript(`
      window.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    `);
    console.log(`layout shift per route while data arrives (budget ${CLS_BUDGET}):`);
    let over = 0;
    for (const route of ROUTES.filter((r) => r !== '/login')) {
      const page = await context.newPage();
      await page.goto(`${base}${route}`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(1000);
      if (new URL(page.url()).pathname === '/login') throw new Error(`${route}: not signed in (redirected to /login)`);
      const cls = Number(await page.evaluate('window.__cls'));
      if (cls > CLS_BUDGET) over++;
      console.log(`  ${route.padEnd(24)} ${cls.toFixed(4).padStart(8)}  ${cls > CLS_BUDGET ? 'OVER' : 'ok'}`);
      await page.close();
    }
    console.log(`routes over the layout-shift budget: ${over}`);
  } finally {
    await browser.close();
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const given = process.env.BENCH_BASE_URL;
const stack = given ? { base: given, stop: () => undefined } : await startStack();
try {
  const cookie = await signIn(stack.base);
  console.log(`JavaScript per route (first visit, gzipped; budget ${kb(JS_BUDGET)}):`);
  let over = 0;
  for (const route of ROUTES) {
    const html = await (await fetch(`${stack.base}${route}`, { headers: { Cookie: cookie } })).text();
    const assets = new Set([...html.matchAll(/(?:href="|src="|from "|import\(")(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]));
    const total = [...assets].reduce((s, a) => s + gzSize(a), 0);
    if (total > JS_BUDGET) over++;
    console.log(`  ${route.padEnd(24)} ${kb(total).padStart(9)}  ${assets.size} files  ${total > JS_BUDGET ? 'OVER' : 'ok'}`);
  }
  const times: number[] = [];
  for (let i = 0; i < RENDERS + 5; i++) {
    const t0 = performance.now();
    const res = await fetch(`${stack.base}/`, { headers: { Cookie: cookie } });
    await res.text();
    if (i >= 5) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
  console.log(
    `dashboard server render over ${times.length} requests: p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms (budget ${P95_BUDGET} ms) ${pct(95) <= P95_BUDGET ? 'ok' : 'OVER'}`,
  );
  console.log(`routes over the JS budget: ${over}`);
  await layoutShifts(stack.base, cookie);
} finally {
  stack.stop();
}
