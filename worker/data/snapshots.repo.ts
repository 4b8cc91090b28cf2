// Versioned view snapshots in KV. A snapshot is only replaced by a newer version, so a late,
// out-of-order refresh can never roll a dashboard back.
import type { Env } from '../lib/env';
import { isolateCache } from '../lib/isolate-cache';

export interface Snapshot<T> {
  version: number;
  builtAt: string;
  payload: T;
}

const key = (tenantId: string, view: string) => `snap:${tenantId}:${view}`;

export async function readSnapshot<T>(env: Env, tenantId: string, view: string): Promise<Snapshot<T> | null> {
  return env.SNAPSHOTS.get<Snapshot<T>>(key(tenantId, view), 'json');
}

// Snapshots as the views serve them: read and parsed once per isolate, then kept a few seconds (KV
// itself may lag a write by up to 60 s elsewhere), at most 32 MB of JSON text in all, and frozen so
// no reader can change what the next one is served. A write through this isolate forgets its copy.
const SERVING_TTL_MS = 5_000;
const serving = isolateCache<{ snap: Snapshot<unknown> | null; size: number }>({
  ttlMs: SERVING_TTL_MS,
  max: 500,
  maxSize: 32 * 1024 * 1024,
  sizeOf: (v) => v.size,
});

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/**
 * The snapshot as views serve it (read-only, possibly up to 5 s old in this isolate). Never use it
 * to decide a write: `readSnapshot` reads the stored version.
 */
export async function readSnapshotForServing<T>(env: Env, tenantId: string, view: string): Promise<Snapshot<T> | null> {
  const { snap } = await serving.get(tenantId, view, async () => {
    const text = await env.SNAPSHOTS.get(key(tenantId, view), 'text');
    return { snap: text === null ? null : deepFreeze(JSON.parse(text) as Snapshot<unknown>), size: text?.length ?? 0 };
  });
  // "No snapshot yet" is not kept: the first refresh's result must show as soon as it lands.
  if (!snap) serving.forget(tenantId, view);
  return snap as Snapshot<T> | null;
}

/** Writes when `version` is newer than the stored one; returns whether it wrote. */
export async function writeSnapshot<T>(env: Env, tenantId: string, view: string, version: number, payload: T): Promise<boolean> {
  const current = await readSnapshot<T>(env, tenantId, view);
  if (current && current.version >= version) return false;
  await env.SNAPSHOTS.put(key(tenantId, view), JSON.stringify({ version, builtAt: new Date().toISOString(), payload }));
  serving.forget(tenantId, view);
  return true;
}
