// Reading a multipart upload within the size limit, and presenting imports to the API.
import type { Context } from 'hono';
import type { AppEnv } from '../lib/auth';
import { config } from '../lib/env';
import { badRequest, invalid, ProblemError } from '../lib/problem';
import type { ImportRow } from './imports.repo';
import { UploadFields } from './options';
import { parseOr422 } from '../lib/validate';

// Multipart framing and the small text fields around the file.
const MULTIPART_SLACK = 64 * 1024;

const tooLarge = (limit: number) =>
  new ProblemError(413, 'too-large', `Files are limited to ${limit} bytes (${Math.round(limit / 1048576)} MB).`);

export interface Upload {
  name: string;
  bytes: Uint8Array;
  fields: UploadFields;
}

/** The `file` part and the option fields; 413 before reading anything that is too large. */
export async function readUpload(c: Context<AppEnv>): Promise<Upload> {
  const limit = config(c.env).MAX_UPLOAD_BYTES;
  const length = Number(c.req.header('content-length') ?? '0');
  if (length > limit + MULTIPART_SLACK) throw tooLarge(limit);
  if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? ''))
    throw new ProblemError(415, 'unsupported-media-type', 'Send the file as multipart/form-data with a part named "file".');
  let form: FormData;
  try {
    form = await c.req.raw.formData();
  } catch {
    throw badRequest('The multipart body is malformed.');
  }
  const file = form.get('file');
  if (!file || typeof file === 'string')
    throw invalid('A file is required.', [{ path: 'file', message: 'Attach the file as the part "file".' }]);
  if (file.size > limit) throw tooLarge(limit);
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  const fields = parseOr422(
    UploadFields,
    {
      mapping: text('mapping'),
      mode: text('mode'),
      policy: text('policy'),
      dateOrder: text('dateOrder'),
      decimal: text('decimal'),
      delimiter: text('delimiter'),
      encoding: text('encoding'),
      headerRow: text('headerRow'),
    },
    'Upload fields',
  );
  return { name: file.name || 'upload.csv', bytes: new Uint8Array(await file.arrayBuffer()), fields };
}

export const statusUrl = (id: string) => `/api/imports/${id}`;

export function presentImport(r: ImportRow) {
  return {
    id: r.id,
    entity: r.entity,
    fileName: r.fileName,
    source: r.source,
    format: r.format,
    mode: r.mode,
    policy: r.policy,
    status: r.status,
    rowsTotal: r.rowsTotal,
    rowsTotalIsEstimate: r.status === 'queued' || r.status === 'parsing',
    rowsProcessed: r.rowsProcessed,
    rowsOk: r.rowsOk,
    rowsFailed: r.rowsFailed,
    rowsSkipped: r.rowsSkipped,
    bytesTotal: r.bytesTotal,
    bytesProcessed: r.bytesProcessed,
    progress: r.status === 'done' ? 1 : r.bytesTotal ? Math.min(0.99, r.bytesProcessed / r.bytesTotal) : 0,
    errorCount: r.errorCount,
    timings: (JSON.parse(r.checkpoint || '{}') as { timings?: object }).timings ?? {},
    skippedRows: (JSON.parse(r.checkpoint || '{}') as { skipped?: object[] }).skipped ?? [],
    message: r.message,
    sha256: r.sha256,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    statusUrl: statusUrl(r.id),
    errorsUrl: `${statusUrl(r.id)}/errors.csv`,
  };
}
