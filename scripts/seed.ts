// `npm run seed [-- --reset]`: (re)load the sample tenants into the local D1.
// --reset wipes all local state (D1, R2, KV, queues, Durable Objects) first.
import { rmSync } from 'node:fs';
import { applyMigrations, ensureDevVars, loadSample, tenantCount } from './local';

if (process.argv.includes('--reset')) rmSync('.wrangler/state', { recursive: true, force: true });
ensureDevVars();
applyMigrations();
if (tenantCount() > 0) {
  console.log('The local database already has tenants; run `npm run seed -- --reset` to start over.');
} else {
  await loadSample();
  console.log('Loaded the sample tenants demo and acme.');
}
