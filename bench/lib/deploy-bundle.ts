// The API Worker as it ships, for load tests: the bundle `wrangler deploy --dry-run` writes, run in
// local workerd (Miniflare) with wrangler.toml's bindings and the same local state as `npm start`,
// and reached on the Worker's own socket.
//
// `startLocalWorker` (scripts/drop.ts) runs wrangler's dev runtime instead. Every request there
// passes Miniflare's entry worker and wrangler's dev middleware before the Worker sees it; measured
// on this project's two-core machine (workerd CPU per request, bench/lib/workerd-proc.ts):
// a Worker that only answers 200 costs 0.19 ms on its own socket, 0.58 ms through Miniflare's
// entry and 1.05 ms through wrangler's dev runtime; GET /api/health 0.37 / 0.78 / 1.3 ms.
// Production has neither (Cloudflare's edge hands the request to the Worker), so a benchmark of
// the API's own cost reads it here, beside the dev runtime's figure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import type { LocalWorker } from '../../scripts/drop';
import { wrangler } from '../../scripts/local';

// The Miniflare wrangler itself runs (its own pinned version), not whichever copy npm hoisted.
const { Miniflare, convertV4MiniflareOptions } = createRequire(createRequire(import.meta.url).resolve('wrangler'))(
  'miniflare',
) as typeof import('miniflare');

/**
 * Bundles the Worker for deploy and starts it on `persist` (a state directory migrated with
 * `migrateLocal`). `directUrl` is the Worker's own socket; `fetch` goes through Miniflare's entry.
 * Throws when the bundle fails (wrangler's output goes to stderr).
 */
export async function startDeployBundle(persist: string, config = 'wrangler.toml'): Promise<LocalWorker> {
  const out = mkdtempSync(join(tmpdir(), 'lotwise-bundle-'));
  wrangler(['deploy', '--dry-run', '--config', config, '--outdir', out], { capture: true });
  // Bindings, compatibility settings and .dev.vars as wrangler dev reads them. The bundle is one
  // ES module, so wrangler's module rules (v4 options Miniflare 5 will not convert) are not needed.
  const { workerOptions } = unstable_getMiniflareWorkerOptions(config);
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      // `--persist-to <dir>` keeps local state under <dir>/v3, as migrateLocal wrote it.
      resourcePersistencePath: join(persist, 'v3'),
      // INSPECTOR_PORT=N opens workerd's inspector (every isolate: profiles, heap usage) for a look.
      ...(process.env.INSPECTOR_PORT ? { inspectorPort: Number(process.env.INSPECTOR_PORT) } : {}),
      workers: [
        {
          ...workerOptions,
          modulesRules: undefined,
          name: 'lotwise-api',
          modules: true,
          scriptPath: resolve(out, 'index.js'),
          modulesRoot: out,
          unsafeDirectSockets: [{}],
        },
      ],
    } as never) as never,
  );
  const entry = await mf.ready;
  const directUrl = await mf.unsafeGetDirectURL();
  const env = (await mf.getBindings()) as LocalWorker['env'];
  return {
    env,
    directUrl,
    fetch: (url, init) => fetch(new URL(url, entry), init),
    dispose: async () => {
      await mf.dispose();
      rmSync(out, { recursive: true, force: true });
    },
  };
}
