// Runs a SQL file against a benchmark's own local D1 (its persist directory), offline. The shared
// `wrangler()` helper always targets the project's .wrangler/state, which a benchmark must not touch.
import { spawnSync } from 'node:child_process';
import { OFFLINE_ENV } from '../../scripts/local';

export function executeSqlFile(persist: string, file: string): void {
  const r = spawnSync(
    process.execPath,
    ['node_modules/wrangler/bin/wrangler.js', 'd1', 'execute', 'DB', '--local', '--persist-to', persist, '--file', file],
    { env: { ...OFFLINE_ENV, CI: 'true' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`seeding ${file} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}
