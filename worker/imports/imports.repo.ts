// The imports table and its error rows: registration (deduplicated by file sha256), history,
// status, errors, and the reset that lets a failed file be imported again.
import { and, asc, count, desc, eq, gt, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../data/db';
import { importChunks, importErrors, imports } from '../data/schema';

export type ImportRow = typeof imports.$inferSelect;
export type NewImport = typeof imports.$inferInsert;
export type ImportStatus = ImportRow['status'];

export const TERMINAL: ReadonlySet<ImportStatus> = new Set(['done', 'failed']);
export const ACTIVE: ImportStatus[] = ['queued', 'parsing', 'validating', 'committing'];

export async function getImport(db: Db, tenantId: string, id: string): Promise<ImportRow | undefined> {
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.tenantId, tenantId), eq(imports.id, id)));
  return row;
}

export async function findSameFile(db: Db, r: Pick<ImportRow, 'tenantId' | 'entity' | 'sha256' | 'mode' | 'policy'>) {
  const [row] = await db
    .select()
    .from(imports)
    .where(
      and(
        eq(imports.tenantId, r.tenantId),
        eq(imports.entity, r.entity),
        eq(imports.sha256, r.sha256),
        eq(imports.mode, r.mode),
        eq(imports.policy, r.policy),
      ),
    );
  return row;
}

/** Inserts the import unless the same file (tenant, entity, sha256, mode, policy) is known; then returns that one. */
export async function registerImport(db: Db, input: NewImport): Promise<{ created: boolean; row: ImportRow }> {
  const row = { ...input, mode: input.mode ?? 'upsert', policy: input.policy ?? 'all-or-nothing' } as const;
  const [inserted] = await db.insert(imports).values(row).onConflictDoNothing().returning();
  if (inserted) return { created: true, row: inserted };
  const existing = await findSameFile(db, row);
  if (!existing) throw new Error('import vanished between insert and select');
  return { created: false, row: existing };
}

/** A failed import of the same file runs again under the same id with the new options; `run` retires old messages. */
/** `by` is who sent the file again (their email and id), now the import's author. */
export async function resetForRetry(
  db: Db,
  row: ImportRow,
  options: string,
  by: Pick<ImportRow, 'createdBy' | 'createdById'>,
): Promise<ImportRow> {
  const now = new Date().toISOString();
  const [updated] = await db.batch([
    db
      .update(imports)
      .set({
        run: row.run + 1,
        step: 0,
        status: 'queued',
        options,
        createdBy: by.createdBy,
        createdById: by.createdById,
        checkpoint: '{}',
        rowsTotal: 0,
        rowsProcessed: 0,
        rowsOk: 0,
        rowsFailed: 0,
        rowsSkipped: 0,
        errorCount: 0,
        bytesProcessed: 0,
        message: '',
        updatedAt: now,
      })
      .where(and(eq(imports.id, row.id), eq(imports.status, 'failed')))
      .returning(),
    db.delete(importErrors).where(eq(importErrors.importId, row.id)),
    db.delete(importChunks).where(eq(importChunks.importId, row.id)),
  ]);
  return updated[0] ?? row;
}

export async function listImports(db: Db, tenantId: string, q: { page: number; pageSize: number; entity?: string; status?: ImportStatus }) {
  const where = and(
    eq(imports.tenantId, tenantId),
    q.entity ? eq(imports.entity, q.entity) : undefined,
    q.status ? eq(imports.status, q.status) : undefined,
  );
  const [items, [{ total }]] = await Promise.all([
    db
      .select()
      .from(imports)
      .where(where)
      .orderBy(desc(imports.createdAt), desc(imports.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(imports).where(where),
  ]);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** Errors in file order; `after` pages by seq for the streamed errors.csv. */
export async function importErrorsPage(db: Db, tenantId: string, importId: string, limit: number, afterSeq = -1) {
  return db
    .select()
    .from(importErrors)
    .where(and(eq(importErrors.tenantId, tenantId), eq(importErrors.importId, importId), gt(importErrors.seq, afterSeq)))
    .orderBy(asc(importErrors.seq))
    .limit(limit);
}

export async function firstErrors(db: Db, tenantId: string, importId: string, limit: number) {
  return db
    .select({ row: importErrors.row, column: importErrors.column, value: importErrors.value, message: importErrors.message })
    .from(importErrors)
    .where(and(eq(importErrors.tenantId, tenantId), eq(importErrors.importId, importId)))
    .orderBy(asc(importErrors.row), asc(importErrors.seq))
    .limit(limit);
}

/** Active imports not touched since `before`: their chain of queue messages broke. */
export async function stalledImports(db: Db, before: string, limit = 100) {
  return db
    .select()
    .from(imports)
    .where(and(inArray(imports.status, ACTIVE), lt(imports.updatedAt, before)))
    .limit(limit);
}

export const importWhere = (id: string, extra?: SQL) => and(eq(imports.id, id), extra);

/** Overwrites an import's checkpoint (stored as JSON) outside any step's batch. */
export async function saveCheckpoint(db: Db, id: string, checkpoint: unknown): Promise<void> {
  await db
    .update(imports)
    .set({ checkpoint: JSON.stringify(checkpoint) })
    .where(eq(imports.id, id));
}

/** The audit actor of an import: its uploader's email (as every entry names people), else its source ('landing'). */
export const importActor = (imp: Pick<ImportRow, 'createdBy' | 'source'>) => imp.createdBy || imp.source;
