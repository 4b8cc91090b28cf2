// Registering a file as an import: its raw bytes stay in R2 under uploads/<tenant>/<import>/,
// the import row is keyed by (tenant, entity, sha256, mode, policy), and the job is enqueued.
// The same file again returns the existing import; a failed one runs again with the new options.
import type { Db } from '../data/db';
import type { Env } from '../lib/env';
import { importActor, registerImport, resetForRetry, type ImportRow, type NewImport } from './imports.repo';
import { sendJob } from './pipeline';
import { recordChange } from '../audit/record';

export const uploadKey = (tenantId: string, importId: string, fileName: string) => `uploads/${tenantId}/${importId}/${fileName}`;

/** A file name safe as an R2 key segment and in a Content-Disposition header. */
export function safeFileName(name: string, fallback = 'upload.csv'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[^A-Za-z0-9._ -]/g, '_')
    .replace(/^[.\s]+/, '')
    .slice(-120);
  return clean || fallback;
}

export { sha256Hex } from '../lib/hash';

export interface Registered {
  row: ImportRow;
  created: boolean;
  retried: boolean;
}

/** `row.objectKey` must already hold the file; a duplicate's copy is deleted again. */
/** Audits a step of an import's life (its row as it stands after the step). */
const auditImport = async (
  env: Env,
  db: Db,
  r: ImportRow,
  action: string,
  fields: { after?: Record<string, unknown>; data?: Record<string, unknown> },
) => recordChange(env, db, [], [{ actor: importActor(r), tenantId: r.tenantId, entity: 'import', id: r.id, action, ...fields }]);

export async function registerFile(env: Env, db: Db, row: NewImport): Promise<Registered> {
  let result: Awaited<ReturnType<typeof registerImport>>;
  try {
    result = await registerImport(db, row);
  } catch (e) {
    await env.FILES.delete(row.objectKey);
    throw e;
  }
  if (result.created) {
    const r = result.row;
    await auditImport(env, db, r, 'import.register', {
      after: { entity: r.entity, file: r.fileName, sha256: r.sha256, mode: r.mode, policy: r.policy, source: r.source },
    });
    await sendJob(env, result.row);
    return { row: result.row, created: true, retried: false };
  }
  // The first copy of this file is the one kept with the import.
  if (result.row.objectKey !== row.objectKey) await env.FILES.delete(row.objectKey);
  if (result.row.status !== 'failed') return { row: result.row, created: false, retried: false };
  const reset = await resetForRetry(db, result.row, row.options ?? '{}', {
    createdBy: row.createdBy ?? '',
    createdById: row.createdById ?? '',
  });
  await auditImport(env, db, reset, 'import.retry', {
    data: { run: reset.run, previousRun: result.row.run, previousMessage: (result.row.message ?? '').slice(0, 1000) },
  });
  await sendJob(env, reset);
  return { row: reset, created: false, retried: true };
}
