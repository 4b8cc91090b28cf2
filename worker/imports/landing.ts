// File drops: an object put under landing/<tenant>/<entity>/<file> (an ERP export, an SFTP
// bridge) arrives here as an R2 event notification — or from the landing scan when the event
// was missed. The file is moved to uploads/<tenant>/<import>/<file> while its sha256 is computed
// in the same streaming pass (bounded memory at any size), registered like an upload, and
// removed from landing/, so landing/ only ever holds files not yet taken in.
import { eq } from 'drizzle-orm';
import { createDb } from '../data/db';
import { tenants } from '../data/schema';
import type { Env } from '../lib/env';
import { importJob } from '../lib/messages';
import { entityByName } from './entities';
import { registerFile, safeFileName, uploadKey } from './register';
import type { ImportJob } from './pipeline';
import { isZip } from './sniff';
import { toHex } from '../lib/hash';

export const LANDING_PREFIX = 'landing/';

export interface LandingKey {
  tenantId: string;
  entity: string;
  fileName: string;
}

export function parseLandingKey(key: string): LandingKey | undefined {
  const m = /^landing\/([^/]+)\/([^/]+)\/(.+)$/.exec(key);
  if (!m || m[3].endsWith('/')) return undefined;
  return { tenantId: m[1], entity: m[2], fileName: safeFileName(m[3]) };
}

/** Copies an object while hashing it; backpressure keeps only a few chunks in memory. */
async function copyHashed(env: Env, from: R2ObjectBody, to: string): Promise<string> {
  const digest = new crypto.DigestStream('SHA-256');
  const writer = digest.getWriter();
  const hashing = new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      await writer.write(chunk);
      controller.enqueue(chunk);
    },
    async flush() {
      await writer.close();
    },
  });
  await env.FILES.put(to, from.body.pipeThrough(hashing).pipeThrough(new FixedLengthStream(from.size)), {
    httpMetadata: from.httpMetadata,
  });
  return toHex(await digest.digest);
}

export interface TakenIn {
  message: string;
  /** The job to run when a new (or retried) import was registered. */
  job?: ImportJob;
}

/** Takes in one landing object; a missing object was already taken in (redelivery). */
export async function takeInLanding(env: Env, key: string): Promise<TakenIn> {
  const where = parseLandingKey(key);
  if (!where) return { message: `ignored ${key}: not landing/<tenant>/<entity>/<file>` };
  const db = createDb(env);
  const [tenant] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, where.tenantId));
  // Left in place (and logged on every scan) so a misnamed tenant folder is noticed, never deleted.
  if (!tenant) return { message: `ignored ${key}: unknown tenant` };
  const obj = await env.FILES.get(key);
  if (!obj) return { message: `gone ${key}` };
  const entity = entityByName(where.entity);
  const id = crypto.randomUUID();
  const objectKey = uploadKey(where.tenantId, id, where.fileName);
  const head = await env.FILES.get(key, { range: { offset: 0, length: 4 } });
  const zip = head ? isZip(new Uint8Array(await head.arrayBuffer())) : false;
  const sha256 = await copyHashed(env, obj, objectKey);
  const { row, created, retried } = await registerFile(env, db, {
    id,
    tenantId: where.tenantId,
    // An unknown entity is recorded as it was named, and fails with that message.
    entity: entity?.name ?? where.entity.slice(0, 64),
    fileName: where.fileName,
    objectKey,
    sha256,
    source: 'landing',
    format: zip ? 'xlsx' : 'csv',
    bytesTotal: obj.size,
    // No person: the drop is named by its source and has no identity whose role applies.
    createdBy: 'landing',
    createdById: '',
  });
  // Only the version we copied: an ERP that re-put the key meanwhile keeps its new file.
  if ((await env.FILES.head(key))?.etag === obj.etag) await env.FILES.delete(key);
  const message = `${created ? 'registered' : retried ? 'retried' : 'duplicate of'} import ${row.id} from ${key}`;
  return created || retried ? { message, job: importJob(row) } : { message };
}
