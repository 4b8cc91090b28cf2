// `npm start`: apply local migrations, load the sample tenants into an empty database, then serve
// the product on http://localhost:8787 (PORT overrides) and print the demo logins.
import { spawn } from 'node:child_process';
import { DEMO_PASSWORD, DEMO_USERS } from './seed-sql';
import { applyMigrations, ensureDevVars, loadSample, OFFLINE_ENV, tenantCount } from './local';

const port = Number(process.env.PORT ?? 8787);
const started = Date.now();
const say = (msg: string) => console.log(`[lotwise] ${msg}`);

ensureDevVars();
say('applying local D1 migrations…');
applyMigrations();
if (tenantCount() === 0) {
  say('empty database: loading the sample tenants (demo, acme)…');
  await loadSample();
}

const configs = ['-c', 'wrangler.toml'];
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
  // Build the first dashboard snapshots right away instead of waiting for the hourly cron.
  await fetch(`${base}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent('0 * * * *')}`).catch(() => undefined);
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s at http://localhost:${port}`);
  say(`API reference: http://localhost:${port}/api/docs`);
  say(`demo logins (password "${DEMO_PASSWORD}"):`);
  for (const u of DEMO_USERS) say(`  ${u.role.padEnd(8)} ${u.role}@${u.tenantId}.test   (tenant ${u.tenantId})`);
  break;
}
