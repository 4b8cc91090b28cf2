import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

export const createDb = (env: { DB: D1Database }) => drizzle(env.DB, { schema });
export type Db = ReturnType<typeof createDb>;

/** D1 allows at most 100 bound parameters per statement: rows per multi-row insert for a table. */
export const rowsPerInsert = (columns: number) => Math.max(1, Math.floor(100 / columns));

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
