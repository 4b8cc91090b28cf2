// A refresh as a job (docs/refresh.md): the request creates one row per tenant and version, cut
// into SKU-range chunks; each chunk is a queue message planned in its own invocation; the chunk
// that finishes last sends the publish step. Every step is idempotent: the job row is unique per
// (tenant, version), a chunk is marked done once, and only the delivery that moves the job from
// running to publishing publishes. A job whose heartbeat goes stale is taken up again with backoff.
import type { Env } from '../../lib/env';
import { ProblemError } from '../../lib/problem';
import { createDb, type Db } from '../../data/db';
import {
  chunksLeft,
  getJob,
  insertJob,
  jobChunks,
  latestJob,
  markChunkDone,
  moveJob,
  olderRunningJobs,
  skuRanges,
  staleJobs,
  type RefreshJobRow,
} from '../../data/refresh.repo';
import { claimJob, finishJob } from '../../data/jobs.repo';
import { tenantToday } from '../../data/tenant-time';
import { raiseEventAlert } from '../../alerts/deliver';
import { classificationOf, runChunk } from './chunk';
import { stageClasses } from './classes';
import { getTenant } from '../../data/tenants.repo';
import type { RefreshChunkMessage, RefreshPublishMessage } from './messages';
import { publishJob, type PublishOutcome } from './publish';

/** SKUs per chunk: at 200, a chunk of 2-year histories plans in a few seconds and well under 128 MB (bench/refresh-large.ts). */
export const DEFAULT_CHUNK_SKUS = 200;
/** A running job untouched this long is presumed dead; each further attempt waits twice as long. */
export const STALE_MS = 5 * 60_000;
export const MAX_ATTEMPTS = 5;

export const chunkSize = (env: Env) => {
  const n = Number(env.REFRESH_CHUNK_SKUS);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_CHUNK_SKUS;
};
export const jobId = (tenantId: string, version: number) => `${tenantId}:${version}`;

/** The job as the API shows it (202 bodies, status). */
export const jobView = (j: RefreshJobRow) => ({
  id: j.id,
  version: String(j.version),
  asOf: j.asOf,
  status: j.status,
  chunks: j.chunks,
  attempts: j.attempts,
  createdAt: new Date(j.createdAt).toISOString(),
});

const chunkMessage = (j: RefreshJobRow, idx: number): RefreshChunkMessage => ({
  type: 'refresh-chunk',
  jobId: j.id,
  tenantId: j.tenantId,
  version: j.version,
  idx,
});
const publishMessage = (j: RefreshJobRow): RefreshPublishMessage => ({
  type: 'refresh-publish',
  jobId: j.id,
  tenantId: j.tenantId,
  version: j.version,
});

async function sendChunks(env: Env, j: RefreshJobRow, idxs: number[]) {
  for (let i = 0; i < idxs.length; i += 100)
    await env.REFRESH_QUEUE.sendBatch(idxs.slice(i, i + 100).map((idx) => ({ body: chunkMessage(j, idx) })));
}

/**
 * Creates the job for (tenant, version) with its chunks, or returns the one that exists (the same
 * requested time twice is one run). `send: false` leaves the chunks to the caller (inline runs).
 */
export async function createJob(
  env: Env,
  tenantId: string,
  version: number,
  reason: string,
  opts: { send?: boolean; now?: number } = {},
): Promise<{ job: RefreshJobRow; created: boolean }> {
  const db = createDb(env);
  const now = opts.now ?? Date.now();
  const id = jobId(tenantId, version);
  const existing = await getJob(db, id);
  if (existing) return { job: existing, created: false };
  const asOf = await tenantToday(db, tenantId, version);
  const ranges = await skuRanges(db, tenantId, chunkSize(env));
  // A tenant without products still publishes (an empty plan), through one empty chunk.
  const parts = ranges.length ? ranges : [{ firstSku: '', lastSku: '', skus: 0 }];
  const row = {
    id,
    tenantId,
    version,
    asOf,
    reason: reason.slice(0, 200),
    status: 'running' as const,
    chunks: parts.length,
    attempts: 1,
    heartbeatAt: now,
    createdAt: now,
  };
  if (!(await insertJob(db, row, parts))) return { job: (await getJob(db, id))!, created: false };
  const job = (await getJob(db, id))!;
  // Classes over the whole tenant before any chunk plans (chunks pick them up from KV).
  if (job.chunks > 1) await stageClasses(env, db, job, await jobChunks(db, job.id), classificationOf(await getTenant(db, tenantId)));
  // The run as /api/status lists it (job_runs: one row per job and scheduled time).
  await claimJob(db, 'refresh', version, tenantId, now);
  // An older job still running would only publish a version the new one replaces.
  for (const old of await olderRunningJobs(db, tenantId, version))
    await moveJob(db, old.id, ['running'], { status: 'superseded', finishedAt: now, outcome: `superseded by ${id}` });
  if (opts.send !== false)
    await sendChunks(
      env,
      job,
      parts.map((_, i) => i),
    );
  return { job, created: true };
}

/** One chunk delivery: plans it unless done before; the delivery that completes the job asks for the publish. */
export async function handleChunk(env: Env, m: RefreshChunkMessage, db: Db = createDb(env), now = Date.now()): Promise<string> {
  const job = await getJob(db, m.jobId);
  if (!job || job.tenantId !== m.tenantId || job.status !== 'running') return 'skipped: job not running';
  const chunk = (await jobChunks(db, job.id)).find((c) => c.idx === m.idx);
  if (!chunk) return 'skipped: no such chunk';
  if (chunk.doneAt !== null) return 'skipped: chunk already done';
  const skus = await runChunk(env, job, chunk, db);
  if (!(await markChunkDone(db, job.id, chunk.idx, now))) return 'skipped: chunk done by another delivery';
  if ((await chunksLeft(db, job.id)) === 0) await env.REFRESH_QUEUE.send(publishMessage(job));
  return `chunk ${chunk.idx}: ${skus} SKUs`;
}

/** The publish delivery: one publisher per job (running → publishing → done). */
export async function handlePublish(
  env: Env,
  m: RefreshPublishMessage,
  db: Db = createDb(env),
  now = Date.now(),
): Promise<PublishOutcome | null> {
  const job = await getJob(db, m.jobId);
  if (!job || job.tenantId !== m.tenantId || job.status !== 'running') return null;
  if ((await chunksLeft(db, job.id)) > 0) return null;
  if (!(await moveJob(db, job.id, ['running'], { status: 'publishing', heartbeatAt: now }))) return null;
  try {
    const outcome = await publishJob(env, job, db);
    await moveJob(db, job.id, ['publishing'], { status: 'done', finishedAt: Date.now(), outcome: JSON.stringify(outcome).slice(0, 2000) });
    await finishJob(db, 'refresh', job.version, job.tenantId, 'done', JSON.stringify(outcome));
    return outcome;
  } catch (e) {
    // Back to running so the retry (or the resume) can publish.
    await moveJob(db, job.id, ['publishing'], { status: 'running', outcome: String(e).slice(0, 2000) });
    await finishJob(db, 'refresh', job.version, job.tenantId, 'failed', String(e));
    throw e;
  }
}

/**
 * Runs a whole job in this invocation (chunk by chunk, then the publish): for tests, scripts, and a
 * tenant of one chunk, whose plan is one chunk's work anyway. Same rows and steps as the queue path.
 */
export async function refreshTenant(env: Env, tenantId: string, version: number, reason = 'inline') {
  const db = createDb(env);
  const { job } = await createJob(env, tenantId, version, reason, { send: false });
  for (const c of await jobChunks(db, job.id)) {
    if (c.doneAt !== null) continue;
    await runChunk(env, job, c, db);
    await markChunkDone(db, job.id, c.idx, Date.now());
  }
  const outcome = await handlePublish(env, publishMessage(job), db);
  return {
    job: job.id,
    skus: outcome?.skus ?? 0,
    wrotePlan: outcome?.wrotePlan ?? false,
    ordersRecommended: outcome?.ordersRecommended ?? 0,
    newAlerts: outcome?.newAlerts ?? 0,
    clearedAlerts: outcome?.clearedAlerts ?? 0,
    actions: outcome?.actions ?? null,
  };
}

/**
 * Takes up jobs whose heartbeat went stale: a job on attempt n waits STALE_MS·2^(n-1) before it is
 * taken up again; past MAX_ATTEMPTS it fails and says so (refresh-failed alert). Re-sends only the
 * chunks not done, or the publish when all are. Returns how many were resumed and failed.
 */
export async function resumeStaleJobs(env: Env, now = Date.now()): Promise<{ resumed: number; failed: number }> {
  const db = createDb(env);
  let resumed = 0;
  let failed = 0;
  for (const job of await staleJobs(db, now - STALE_MS)) {
    if (now - job.heartbeatAt < STALE_MS * 2 ** (job.attempts - 1)) continue;
    if (job.attempts >= MAX_ATTEMPTS) {
      if (await moveJob(db, job.id, ['running', 'publishing'], { status: 'failed', finishedAt: now, outcome: 'gave up: no progress' })) {
        failed++;
        await finishJob(db, 'refresh', job.version, job.tenantId, 'failed', 'gave up: no progress');
        await raiseEventAlert(env, job.tenantId, {
          dedupeKey: `refresh-failed:${job.version}`,
          kind: 'refresh-failed',
          severity: 'critical',
          message: `The plan refresh of ${job.asOf} made no progress after ${job.attempts} attempts; views still show the last good plan.`,
          messageKo: `${job.asOf} 계획 갱신이 ${job.attempts}번 시도하는 동안 진행되지 않았습니다. 화면은 마지막으로 성공한 계획을 계속 보여 줍니다.`,
        }).catch((e) => console.error('refresh-failed alert not raised', e));
      }
      continue;
    }
    if (!(await moveJob(db, job.id, [job.status], { status: 'running', attempts: job.attempts + 1, heartbeatAt: now }))) continue;
    resumed++;
    const open = (await jobChunks(db, job.id)).filter((c) => c.doneAt === null).map((c) => c.idx);
    if (open.length) await sendChunks(env, job, open);
    else await env.REFRESH_QUEUE.send(publishMessage(job));
  }
  return { resumed, failed };
}

/** The tenant's newest job, for the API (202 bodies, status pages). */
export async function newestJob(env: Env, tenantId: string) {
  const j = await latestJob(createDb(env), tenantId);
  return j ? jobView(j) : null;
}

/** The answer to a read with no snapshot to serve yet: 202 with the job to wait on. */
export const refreshPending = (j: RefreshJobRow) =>
  new ProblemError(202, 'refresh-pending', 'The plan is being computed; ask again shortly.', undefined, { job: jobView(j) });

/**
 * A refresh a request asked for: run in this invocation when the tenant is one chunk (its plan is
 * one chunk's work), otherwise fanned out on the queue. `done: false` means wait on `job`.
 */
export async function refreshNowOrQueue(env: Env, tenantId: string, version: number, reason: string, opts: { join?: boolean } = {}) {
  // A reader with nothing to serve waits on the job already under way rather than starting another.
  const running = opts.join ? await latestJob(createDb(env), tenantId) : undefined;
  if (running && (running.status === 'running' || running.status === 'publishing') && running.chunks > 1)
    return { done: false, job: running };
  const { job, created } = await createJob(env, tenantId, version, reason, { send: false });
  if (job.chunks <= 1) {
    await refreshTenant(env, tenantId, version, reason);
    return { done: true, job };
  }
  if (created)
    await sendChunks(
      env,
      job,
      Array.from({ length: job.chunks }, (_, i) => i),
    );
  return { done: false, job };
}
