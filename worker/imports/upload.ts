// Reading a multipart upload within the size limit, and presenting imports to the API.
import type { Context } from 'hono';
import type { AppEnv } from '../lib/auth';
import { config } from '../lib/env';
import { badRequest, invalid, ProblemError } from '../lib/problem';
import type { ImportRow } from './imports.repo';
import { UploadFields } from './options';
import { parseOr422 } from '../lib/validate';
import { boundaryOf, readMultipartStream } from './multipart-stream';
import { isZip } from './sniff';
import { toHex } from '../lib/hash';
import type { SkippedRow } from './layout';
import { importTextKo, withSkipKorean } from './text-ko';

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
    return typeof v === 'string' ? v : undefined;
  };
  const fields = uploadFields(text);
  return { name: file.name || 'upload.csv', bytes: new Uint8Array(await file.arrayBuffer()), fields };
}

const uploadFields = (text: (k: string) => string | undefined) => {
  const get = (k: string) => {
    const v = text(k);
    return v !== undefined && v !== '' ? v : undefined;
  };
  return parseOr422(
    UploadFields,
    {
      mapping: get('mapping'),
      mode: get('mode'),
      policy: get('policy'),
      dateOrder: get('dateOrder'),
      decimal: get('decimal'),
      delimiter: get('delimiter'),
      encoding: get('encoding'),
      headerRow: get('headerRow'),
    },
    'Upload fields',
  );
};

// R2 multipart parts: every part but the last has this same size (R2 requires equal parts, ≥ 5 MiB).
const PART_BYTES = 5 * 1024 * 1024;
const HEAD_BYTES = 256 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface StreamedUpload {
  name: string;
  objectKey: string;
  size: number;
  sha256: string;
  /** The first bytes of the file, for the format and header check. */
  head: Uint8Array;
  fields: UploadFields;
}

const joinChunks = (chunks: Uint8Array[], size: number) => {
  const out = new Uint8Array(size);
  let at = 0;
  for (const ch of chunks) {
    out.set(ch, at);
    at += ch.length;
  }
  return out;
};

/**
 * The upload path: the multipart body is read as a stream and the file part goes straight into R2
 * (a multipart upload of 5 MiB parts) while its sha256 is computed, so the isolate holds at most
 * about one part, whatever the file's size. 413 as soon as the file passes the limit.
 */
export async function streamUpload(
  c: Context<AppEnv>,
  keyFor: (fileName: string) => string,
  meta: Record<string, string>,
): Promise<StreamedUpload> {
  const limit = config(c.env).MAX_UPLOAD_BYTES;
  const length = Number(c.req.header('content-length') ?? '0');
  if (length > limit + MULTIPART_SLACK) throw tooLarge(limit);
  const boundary = boundaryOf(c.req.header('content-type') ?? '');
  if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '') || !boundary || !c.req.raw.body)
    throw new ProblemError(415, 'unsupported-media-type', 'Send the file as multipart/form-data with a part named "file".');
  const bucket = c.env.FILES;
  const digest = new crypto.DigestStream('SHA-256');
  const hasher = digest.getWriter();
  let name = 'upload.csv';
  let objectKey = '';
  let size = 0;
  let pending: Uint8Array[] = [];
  let pendingSize = 0;
  const headChunks: Uint8Array[] = [];
  let headSize = 0;
  let mpu: R2MultipartUpload | undefined;
  const parts: R2UploadedPart[] = [];
  const head = () => joinChunks(headChunks, headSize);
  const httpMetadata = () => ({ contentType: isZip(head()) ? XLSX_TYPE : 'text/csv' });
  const flushPart = async () => {
    const all = joinChunks(pending, pendingSize);
    const part = all.subarray(0, PART_BYTES);
    pending = [all.slice(PART_BYTES)];
    pendingSize = pending[0].length;
    mpu ??= await bucket.createMultipartUpload(objectKey, { httpMetadata: httpMetadata(), customMetadata: meta });
    parts.push(await mpu.uploadPart(parts.length + 1, part));
  };
  try {
    const { fields: raw, fileSeen } = await readMultipartStream(c.req.raw.body, boundary, {
      start: (fileName) => {
        name = fileName || name;
        objectKey = keyFor(name);
      },
      write: async (chunk) => {
        size += chunk.length;
        if (size > limit) throw tooLarge(limit);
        await hasher.write(chunk);
        if (headSize < HEAD_BYTES) {
          headChunks.push(chunk.slice(0, HEAD_BYTES - headSize));
          headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
        }
        pending.push(chunk);
        pendingSize += chunk.length;
        while (pendingSize >= PART_BYTES) await flushPart();
      },
    });
    if (!fileSeen) throw invalid('A file is required.', [{ path: 'file', message: 'Attach the file as the part "file".' }]);
    const fields = uploadFields((k) => raw[k]);
    await hasher.close();
    const sha256 = toHex(await digest.digest);
    if (mpu) {
      if (pendingSize > 0) parts.push(await mpu.uploadPart(parts.length + 1, joinChunks(pending, pendingSize)));
      await mpu.complete(parts);
    } else await bucket.put(objectKey, joinChunks(pending, pendingSize), { httpMetadata: httpMetadata(), customMetadata: meta });
    return { name, objectKey, size, sha256, head: head(), fields };
  } catch (e) {
    await mpu?.abort().catch(() => undefined);
    throw e;
  }
}

export const statusUrl = (id: string) => `/api/imports/${id}`;

/** The phase times the API declares (the checkpoint also keeps `done`, for operators and the benchmark). */
function publicTimings(checkpoint: string): Partial<Record<'start' | 'parse' | 'check' | 'commit', number>> {
  const t = (JSON.parse(checkpoint || '{}') as { timings?: Record<string, number> }).timings ?? {};
  return Object.fromEntries((['start', 'parse', 'check', 'commit'] as const).filter((k) => t[k] !== undefined).map((k) => [k, t[k]]));
}

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
    timings: publicTimings(r.checkpoint),
    skippedRows: ((JSON.parse(r.checkpoint || '{}') as { skipped?: SkippedRow[] }).skipped ?? []).map(withSkipKorean),
    message: r.message,
    messageKo: importTextKo(r.message),
    sha256: r.sha256,
    createdBy: r.createdBy,
    createdById: r.createdById,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    statusUrl: statusUrl(r.id),
    errorsUrl: `${statusUrl(r.id)}/errors.csv`,
  };
}
