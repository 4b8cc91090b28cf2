// Versioned view snapshots in KV. A snapshot is only replaced by a newer version, so a late,
// out-of-order refresh can never roll a dashboard back.
import type { Env } from '../lib/env';

export interface Snapshot<T> {
  version: number;
  builtAt: string;
  payload: T;
}

const key = (tenantId: string, view: string) => `snap:${tenantId}:${view}`;

export async function readSnapshot<T>(env: Env, tenantId: string, view: string): Promise<Snapshot<T> | null> {
  return env.SNAPSHOTS.get<Snapshot<T>>(key(tenantId, view), 'json');
}

/** Writes when `version` is newer than the stored one; returns whether it wrote. */
export async function writeSnapshot<T>(env: Env, tenantId: string, view: string, version: number, payload: T): Promise<boolean> {
  const current = await readSnapshot<T>(env, tenantId, view);
  if (current && current.version >= version) return false;
  await env.SNAPSHOTS.put(key(tenantId, view), JSON.stringify({ version, builtAt: new Date().toISOString(), payload }));
  return true;
}
