// `npm start`: apply local migrations, load the sample tenants into an empty database, build the web
// app when its sources changed, then serve web and API together on http://localhost:8787 (PORT
// overrides): the web Worker answers pages and hands /api/* to the API Worker over the service
// binding, both in one wrangler dev process. Prints the demo logins.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS } from './seed-sql';
import { applyMigrations, ensureDevVars, loadSample, OFFLINE_ENV, STATE_DIR, tenantCount } from './local';

const port = Number(process.env.PORT ?? 8787);
const started = Date.now();
const say = (msg: string) => console.log(`[lotwise] ${msg}`);
const WEB_CONFIG = 'build/server/wrangler.json';

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

function buildWebIfStale(): void {
  const built = newest(WEB_CONFIG);
  const sources = Math.max(...['app', 'vite.config.ts', 'react-router.config.ts', 'wrangler.web.toml', 'package-lock.json'].map(newest));
  if (built > sources && !process.env.LOTWISE_REBUILD) return;
  say('building the web app…');
  const r = spawnSync(process.execPath, ['node_modules/@react-router/dev/bin.cjs', 'build'], { env: OFFLINE_ENV, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the web app did not build');
}

ensureDevVars();
say('applying local D1 migrations…');
applyMigrations();
if (tenantCount() === 0) {
  say('empty database: loading the sample tenants (demo, acme)…');
  await loadSample();
}
buildWebIfStale();

// The first config is the one that answers on the port: the web Worker.
const configs = ['-c', WEB_CONFIG, '-c', 'wrangler.toml'];
const dev = spawn(
  process.execPath,
  [
    'node_modules/wrangler/bin/wrangler.js',
    'dev',
    ...configs,
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
    '--persist-to',
    STATE_DIR,
    '--var',
    'ENVIRONMENT:development',
  ],
  {
    env: OFFLINE_ENV,
    stdio: ['inherit', 'inherit', 'inherit'],
  },
);
const stop = () => dev.kill('SIGINT');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
dev.on('exit', (code) => process.exit(code ?? 0));

const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 240; i++) {
  await new Promise((r) => setTimeout(r, 500));
  const ok = await fetch(`${base}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (!ok) continue;
  // Build each demo tenant's first plan snapshot now rather than on the first page view.
  for (const tenantId of new Set(DEMO_USERS.map((u) => u.tenantId))) {
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: `admin@${tenantId}.test`, password: DEMO_PASSWORD }),
    }).catch(() => null);
    const token = login?.ok ? ((await login.json()) as { token: string }).token : null;
    if (token) await fetch(`${base}/api/plan`, { headers: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
  }
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s at http://localhost:${port}`);
  say(`API reference: http://localhost:${port}/api/docs`);
  say(`demo logins (password "${DEMO_PASSWORD}"):`);
  for (const u of DEMO_USERS) say(`  ${u.role.padEnd(8)} ${u.role}@${u.tenantId}.test   (tenant ${u.tenantId})`);
  break;
}
