// Staging: each pipeline step writes its validated rows (one JSON chunk), its row errors and the
// import's new checkpoint in one db.batch(). The chunk's primary key (import, run, step) makes a
// redelivered or concurrently processed step fail as a whole instead of counting twice. Chunks
// carry the run, so a straggler of an earlier (failed) run can never mix into a retry.
import { and, eq, is, notInArray, or, ne, SQL, sql } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db } from '../data/db';
import { importChunks, imports } from '../data/schema';
import type { FieldError } from '../lib/problem';
import type { ImportRow } from './imports.repo';
import type { StagedRow } from './rows';

/** Errors kept per import (errors.csv); beyond this only the count grows. */
export const MAX_STORED_ERRORS = 100_000;
const ERRORS_PER_STATEMENT = 1000;
/** Chunk seq of the rows excluded by whole-file checks (skip-invalid). */
export const SKIP_SEQ = -2;

/** A statement of a batch: a drizzle query builder or an sql`` template. */
export type Stmt = SQL | { toSQL(): { sql: string; params: unknown[] } };
export type Batch = Stmt[];

const dialect = new SQLiteSyncDialect();

/**
 * One D1 batch (one transaction). Built on the D1 client because drizzle's batch cannot carry
 * raw sql`` statements with parameters, which the json_each loads are.
 */
export async function runBatch(db: Db, statements: Batch): Promise<void> {
  const d1 = db.$client;
  await d1.batch(
    statements.map((s) => {
      const q = is(s, SQL) ? dialect.sqlToQuery(s) : s.toSQL();
      return d1.prepare(q.sql).bind(...q.params);
    }),
  );
}

export interface StepWrite {
  rows?: StagedRow[];
  errors?: FieldError[];
  skipRows?: number[];
  set: Partial<typeof imports.$inferInsert>;
  /** Statements that must commit together with this step (the final load). */
  extra?: Batch;
  /** Chunks to drop in the same batch (everything but this step's marker). */
  cleanup?: boolean;
}

export function errorInserts(db: Db, imp: ImportRow, errors: FieldError[]): Batch {
  const room = Math.max(0, MAX_STORED_ERRORS - imp.errorCount);
  const kept = errors.slice(0, room).map((e) => [e.row ?? 0, e.column ?? '', String(e.value ?? '').slice(0, 200), e.message.slice(0, 500)]);
  const out: Batch = [];
  for (let i = 0; i < kept.length; i += ERRORS_PER_STATEMENT) {
    const part = JSON.stringify(kept.slice(i, i + ERRORS_PER_STATEMENT));
    out.push(
      sql`INSERT INTO import_errors (import_id, seq, tenant_id, "row", "column", value, message)
        SELECT ${imp.id}, ${imp.errorCount + i} + j.key, ${imp.tenantId}, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3
        FROM json_each(${part}) j`,
    );
  }
  return out;
}

/** Writes one step atomically; false when another delivery already wrote it. */
export async function writeStep(db: Db, imp: ImportRow, w: StepWrite): Promise<boolean> {
  const rows = w.rows ?? [];
  const statements: Batch = [
    db.insert(importChunks).values({
      importId: imp.id,
      run: imp.run,
      seq: imp.step,
      tenantId: imp.tenantId,
      rowCount: rows.length,
      rows: JSON.stringify(rows),
    }),
  ];
  if (w.skipRows?.length)
    statements.push(
      db
        .insert(importChunks)
        .values({
          importId: imp.id,
          run: imp.run,
          seq: SKIP_SEQ,
          tenantId: imp.tenantId,
          rowCount: w.skipRows.length,
          rows: JSON.stringify(w.skipRows),
        })
        .onConflictDoNothing(),
    );
  statements.push(...errorInserts(db, imp, w.errors ?? []));
  statements.push(...(w.extra ?? []));
  if (w.cleanup) statements.push(dropStaging(db, imp));
  statements.push(
    db
      .update(imports)
      .set({ ...w.set, step: imp.step + 1, updatedAt: new Date().toISOString() })
      .where(
        and(eq(imports.id, imp.id), eq(imports.run, imp.run), eq(imports.step, imp.step), notInArray(imports.status, ['done', 'failed'])),
      ),
  );
  try {
    await runBatch(db, statements);
    return true;
  } catch (e) {
    const message = String((e as Error)?.message ?? e) + String((e as { cause?: Error })?.cause?.message ?? '');
    if (/UNIQUE constraint failed: import_chunks\./i.test(message)) return false;
    throw e;
  }
}

/** Staged rows are dropped once loaded or failed; this step's marker stays and keeps refusing duplicates. */
export const dropStaging = (db: Db, imp: ImportRow) =>
  db.delete(importChunks).where(and(eq(importChunks.importId, imp.id), or(ne(importChunks.run, imp.run), ne(importChunks.seq, imp.step))));

/** Ends an import as failed with file-level errors; staged rows are dropped, nothing was loaded. */
export async function failImport(db: Db, imp: ImportRow, message: string, errors: FieldError[] = [], set: Partial<ImportRow> = {}) {
  // `errors` are the failure's own, numbered after those stored so far; a counter in `set` that
  // already includes them would count them twice (errorCount 2 with one error stored).
  const cur = { ...imp, ...set, errorCount: imp.errorCount };
  await runBatch(db, [
    db.insert(importChunks).values({ importId: imp.id, run: imp.run, seq: imp.step, tenantId: imp.tenantId }).onConflictDoNothing(),
    ...errorInserts(db, cur, errors),
    dropStaging(db, imp),
    db
      .update(imports)
      .set({
        ...set,
        status: 'failed',
        step: imp.step + 1,
        message: message.slice(0, 1000),
        errorCount: cur.errorCount + errors.length,
        updatedAt: new Date().toISOString(),
      })
      .where(and(eq(imports.id, imp.id), eq(imports.run, imp.run), notInArray(imports.status, ['done', 'failed']))),
  ]);
}
