// `npm run drop -- <tenant> <entity> <file>`: what an ERP or SFTP bridge does in production,
// locally. Puts the file into local R2 under landing/<tenant>/<entity>/<file> and sends the R2
// event notification message to the imports queue of a local Worker (the same code and local
// state as `npm run dev`), then follows the import until it is done or failed.
//   --persist <dir>   local state directory (default .wrangler/state, as wrangler dev)
//   --no-wait         leave after sending the message
// With `npm start` running it drops through that server (one runtime per state directory);
// otherwise it starts the Worker on the local state itself.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unstable_startWorker } from 'wrangler';
import { OFFLINE_ENV } from './local';

export interface LocalWorker {
  env: Record<string, unknown> & { DB: D1Database; FILES: R2Bucket; IMPORTS_QUEUE: Queue };
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** The Worker's own address in local workerd (no dev proxy in between), for load tests. */
  directUrl: URL;
  /** The DevTools endpoint of the Worker's isolate, when started with `inspector`. */
  inspectorUrl?: URL;
  dispose: () => Promise<void>;
}

/** Signs in to a local Worker; returns the bearer token, or throws with the status and answer. */
export async function signIn(local: Pick<LocalWorker, 'fetch'>, email: string, password: string): Promise<string> {
  const r = await local.fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!r.ok) throw new Error(`signing in as ${email} failed: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}

/** Applies the D1 migrations to a local state directory (idempotent). */
export function migrateLocal(persist: string) {
  const r = spawnSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], {
    encoding: 'utf8',
    env: { ...OFFLINE_ENV, CI: 'true' },
  });
  if (r.status !== 0) throw new Error(`migrations failed:\n${r.stdout}\n${r.stderr}`);
}

/** Starts the API Worker (with its queue consumers) in local workerd and hands out its bindings. */
export async function startLocalWorker(persist: string, opts: { inspector?: boolean; config?: string } = {}): Promise<LocalWorker> {
  process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
  const worker = await unstable_startWorker({
    config: opts.config ?? 'wrangler.toml',
    dev: { persist, server: { port: 0 }, inspector: opts.inspector ? { port: 0 } : false, watch: false, logLevel: 'warn' },
  } as Parameters<typeof unstable_startWorker>[0]);
  await worker.ready;
  // The local runtime's Miniflare (a public getter of wrangler's LocalRuntimeController) gives
  // the real bindings; worker.queue() cannot be used, it looks the Worker up in the proxy.
  const runtime = (worker.raw as unknown as { runtimes: { mf?: { getBindings(): Promise<unknown> } }[] }).runtimes[0];
  for (let i = 0; i < 100 && !runtime.mf; i++) await new Promise((ok) => setTimeout(ok, 100));
  if (!runtime.mf) throw new Error('The local runtime did not start.');
  const env = (await runtime.mf.getBindings()) as LocalWorker['env'];
  return {
    env,
    directUrl: await (runtime.mf as unknown as { ready: Promise<URL> }).ready,
    inspectorUrl: opts.inspector ? await worker.inspectorUrl : undefined,
    fetch: (url, init) => worker.fetch(new URL(url, 'http://localhost').toString(), init as never) as unknown as Promise<Response>,
    dispose: () => worker.dispose(),
  };
}

import { objectPutEvent } from '../worker/lib/messages';

export { objectPutEvent };

interface ImportStatusRow {
  id: string;
  status: string;
  rows_total: number;
  rows_ok: number;
  rows_failed: number;
  message: string;
}

interface ImportView {
  id: string;
  status: string;
  sha256: string;
  rowsTotal: number;
  rowsOk: number;
  rowsFailed: number;
  message: string;
  errorsUrl: string;
}

/**
 * With `npm start` running, drop through it: sign in (the tenant's demo admin unless
 * LOTWISE_EMAIL / LOTWISE_PASSWORD say otherwise), PUT the file to the development landing
 * endpoint — which puts it under landing/ and sends the R2 event — then follow the import.
 */
async function dropViaServer(base: string, tenant: string, entity: string, file: string, bytes: Buffer, wait: boolean) {
  const email = process.env.LOTWISE_EMAIL ?? `admin@${tenant}.test`;
  const password = process.env.LOTWISE_PASSWORD ?? 'demo-pass-123';
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`Signing in as ${email} failed (${login.status}); set LOTWISE_EMAIL and LOTWISE_PASSWORD.`);
  const auth = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
  const put = await fetch(`${base}/api/dev/landing/${entity}/${encodeURIComponent(basename(file))}`, {
    method: 'PUT',
    headers: auth,
    body: bytes,
  });
  if (!put.ok) throw new Error(`The drop was refused (${put.status}): ${await put.text()}`);
  const { key } = (await put.json()) as { key: string };
  console.log(`dropped ${bytes.length} bytes at r2://lotwise-files/${key} through ${base} and sent its R2 event`);
  if (!wait) return;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let last = '';
  for (let i = 0; i < 2400; i++) {
    await new Promise((ok) => setTimeout(ok, 250));
    const list = await fetch(`${base}/api/imports?entity=${entity}&pageSize=50`, { headers: auth });
    const row = ((await list.json()) as { items: ImportView[] }).items.find((x) => x.sha256 === sha256);
    const line = row ? `import ${row.id}: ${row.status} ${row.rowsOk} ok / ${row.rowsFailed} failed of ${row.rowsTotal}` : 'waiting…';
    if (line !== last) console.log((last = line));
    if (row && (row.status === 'done' || row.status === 'failed')) {
      if (row.message) console.log(row.message);
      if (row.status === 'failed') {
        console.log(`errors: ${base}${row.errorsUrl}`);
        process.exitCode = 1;
      }
      return;
    }
  }
  throw new Error('The import did not finish within 10 minutes.');
}

async function main(argv: string[]) {
  const flags = new Set(argv.filter((a) => a.startsWith('--') && a !== '--persist'));
  const persistAt = argv.indexOf('--persist');
  const persist = resolve(persistAt >= 0 ? argv[persistAt + 1] : '.wrangler/state');
  const [tenant, entity, file] = argv.filter((a, i) => !a.startsWith('--') && (persistAt < 0 || i !== persistAt + 1));
  if (!tenant || !entity || !file) {
    console.error('usage: npm run drop -- <tenant> <entity> <file> [--persist <dir>] [--no-wait]');
    process.exit(2);
  }
  const bytes = readFileSync(file);
  const base = `http://127.0.0.1:${process.env.PORT ?? 8787}`;
  if (
    persistAt < 0 &&
    (await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    ))
  )
    return dropViaServer(base, tenant, entity, file, bytes, !flags.has('--no-wait'));
  const key = `landing/${tenant}/${entity}/${basename(file)}`;
  migrateLocal(persist);
  const local = await startLocalWorker(persist);
  try {
    const known = await local.env.DB.prepare('SELECT id FROM tenants WHERE id = ?').bind(tenant).first();
    if (!known) throw new Error(`Tenant "${tenant}" does not exist in ${persist}; seed it first (npm run seed).`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const put = await local.env.FILES.put(key, bytes);
    await local.env.IMPORTS_QUEUE.send(objectPutEvent({ key, size: bytes.length, eTag: put!.etag }));
    console.log(`dropped ${bytes.length} bytes at r2://lotwise-files/${key} and sent its R2 event`);
    if (flags.has('--no-wait')) return;
    let last = '';
    for (;;) {
      await new Promise((ok) => setTimeout(ok, 250));
      // The import of this file (a new one, a retried one, or the earlier import of the same bytes).
      const row = await local.env.DB.prepare(
        `SELECT id, status, rows_total, rows_ok, rows_failed, message FROM imports
         WHERE tenant_id = ? AND sha256 = ? ORDER BY updated_at DESC LIMIT 1`,
      )
        .bind(tenant, sha256)
        .first<ImportStatusRow>();
      const takenIn = !(await local.env.FILES.head(key));
      const line =
        row && takenIn ? `import ${row.id}: ${row.status} ${row.rows_ok} ok / ${row.rows_failed} failed of ${row.rows_total}` : 'waiting…';
      if (line !== last) console.log((last = line));
      if (row && takenIn && (row.status === 'done' || row.status === 'failed')) {
        if (row.message) console.log(row.message);
        if (row.status === 'failed') {
          const errors = await local.env.DB.prepare(
            'SELECT "row", "column", value, message FROM import_errors WHERE import_id = ? ORDER BY seq LIMIT 10',
          )
            .bind(row.id)
            .all();
          console.table(errors.results);
          process.exitCode = 1;
        }
        return;
      }
    }
  } finally {
    await local.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
