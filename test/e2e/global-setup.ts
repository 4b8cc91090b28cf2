// Starts the product once for the browser tests: `npm start` on a free port with its own local
// state (migrations and the sample tenants are loaded into it), stopped when the run ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

let child: ChildProcess | undefined;

export async function setup(project: TestProject) {
  // A stack that is already running (e.g. `npm start` while developing) can be reused.
  if (process.env.E2E_BASE_URL) return void project.provide('baseUrl', process.env.E2E_BASE_URL);
  const port = Number(process.env.E2E_PORT ?? (await freePort()));
  const state = `.tmp/e2e-state-${port}`;
  rmSync(state, { recursive: true, force: true });
  mkdirSync(state, { recursive: true });
  child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
    env: { ...process.env, PORT: String(port), LOTWISE_STATE: state, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 280_000;
  while (!log.includes('[lotwise] ready in')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the local stack did not start:\n${log.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  // localhost, not 127.0.0.1: the session cookie is Secure, which browsers allow on http://localhost.
  project.provide('baseUrl', `http://localhost:${port}`);
}

export async function teardown() {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGINT');
    } catch {
      /* already gone */
    }
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
