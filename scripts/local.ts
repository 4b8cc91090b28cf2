// Local environment plumbing shared by `npm start` and `npm run seed`: wrangler runs offline,
// D1/R2/KV/Queues/Durable Objects persist under .wrangler/state.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { buildSeedSql } from './seed-sql';

export const OFFLINE_ENV = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
};

/** Where local state lives; LOTWISE_STATE points a run (e.g. the browser tests) at its own copy. */
export const STATE_DIR = process.env.LOTWISE_STATE || '.wrangler/state';

export function wrangler(args: string[], opts: { capture?: boolean } = {}): string {
  const persist = args[0] === 'd1' ? ['--persist-to', STATE_DIR] : [];
  const r = spawnSync(process.execPath, ['node_modules/wrangler/bin/wrangler.js', ...args, ...persist], {
    env: { ...OFFLINE_ENV, CI: 'true' },
    encoding: 'utf8',
    stdio: opts.capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    if (opts.capture) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    throw new Error(`wrangler ${args.slice(0, 3).join(' ')} failed (exit ${r.status})`);
  }
  return r.stdout ?? '';
}

/** A local signing secret, generated once; production reads JWT_SECRET from `wrangler secret`. */
export function ensureDevVars(): void {
  const file = '.dev.vars';
  let current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const add = (line: string) => (current = `${current}${current && !current.endsWith('\n') ? '\n' : ''}${line}\n`);
  // wrangler.toml defaults to production; local work runs as development (demo logins, /api/dev).
  if (!/^ENVIRONMENT=/m.test(current)) add('ENVIRONMENT=development');
  if (!/^JWT_SECRET=/m.test(current)) add(`JWT_SECRET=${randomBytes(32).toString('hex')}`);
  writeFileSync(file, current);
}

export function applyMigrations(): void {
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local'], { capture: true });
}

export function tenantCount(): number {
  const out = wrangler(['d1', 'execute', 'DB', '--local', '--json', '--command', 'SELECT count(*) AS n FROM tenants'], { capture: true });
  const parsed = JSON.parse(out) as { results: { n: number }[] }[];
  return parsed[0]?.results[0]?.n ?? 0;
}

export async function loadSample(anchorDate = new Date().toISOString().slice(0, 10)): Promise<void> {
  mkdirSync('.wrangler', { recursive: true });
  const file = '.wrangler/seed.sql';
  writeFileSync(file, await buildSeedSql(anchorDate));
  wrangler(['d1', 'execute', 'DB', '--local', '--file', file], { capture: true });
}
