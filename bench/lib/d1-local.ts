// Runs a SQL file against a benchmark's own local D1 (its persist directory), offline. The shared
// `wrangler()` helper always targets the project's .wrangler/state, which a benchmark must not touch.
import { spawnSync } from 'node:child_process';
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { OFFLINE_ENV } from '../../scripts/local';

export function executeSqlFile(persist: string, file: string): void {
  const r = spawnSync(
    process.execPath,
    ['node_modules/wrangler/bin/wrangler.js', 'd1', 'execute', 'DB', '--local', '--persist-to', persist, '--file', file],
    { env: { ...OFFLINE_ENV, CI: 'true' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.status !== 0) throw new Error(`seeding ${file} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/**
 * Loads a seed file (statements ending in `;` at a line end, as writeSyntheticSeed writes them)
 * straight into the local D1's SQLite file in one transaction, while no workerd has it open: the
 * same rows as `wrangler d1 execute`, minutes faster for millions of order lines. Falls back to
 * wrangler when this Node has no `node:sqlite` or the database file is not there yet.
 */
export async function loadSqlFile(persist: string, file: string): Promise<void> {
  const dir = join(persist, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const dbFile = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  let sqlite: typeof import('node:sqlite') | undefined;
  try {
    sqlite = await import('node:sqlite');
  } catch {
    sqlite = undefined;
  }
  if (!dbFile || !sqlite) return executeSqlFile(persist, file);
  const db = new sqlite.DatabaseSync(join(dir, dbFile));
  try {
    db.exec('BEGIN');
    let statement = '';
    for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
      statement += `${line}\n`;
      if (line.endsWith(';')) {
        db.exec(statement);
        statement = '';
      }
    }
    if (statement.trim()) db.exec(statement);
    db.exec('COMMIT');
  } finally {
    db.close();
  }
}
