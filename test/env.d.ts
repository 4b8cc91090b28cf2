import type { D1Migration } from 'cloudflare:test';
import type { Env as WorkerEnv } from '../worker/lib/env';

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import('../worker/index');
      durableNamespaces: 'TenantObject';
    }
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
export {};
