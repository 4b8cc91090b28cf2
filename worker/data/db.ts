import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

const build = (d1: D1Database) => drizzle(d1, { schema });
export type Db = ReturnType<typeof build>;

// drizzle() walks the whole schema to build its relational config: done once per binding per
// isolate, not on every request (it was a few percent of each request's CPU).
const byBinding = new WeakMap<D1Database, Db>();

/** The drizzle client over the env's D1 binding, built once per binding object. */
export function createDb(env: { DB: D1Database }): Db {
  let db = byBinding.get(env.DB);
  if (!db) byBinding.set(env.DB, (db = build(env.DB)));
  return db;
}

/** D1 allows at most 100 bound parameters per statement: rows per multi-row insert for a table. */
export const rowsPerInsert = (columns: number) => Math.max(1, Math.floor(100 / columns));

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
