import type { Env } from './env';
import type { AuditInput, TenantObject } from '../durable-objects/tenant-object';

/** The tenant's Durable Object: the one place its audit chain is appended, in order. */
export const tenantObject = (env: Env, tenantId: string) =>
  env.TENANT.get(env.TENANT.idFromName(tenantId)) as DurableObjectStub<TenantObject>;

/** What an audit entry says: who did what to which record, and the before/after of changed fields. */
export interface AuditRecord {
  actor: string;
  action: string;
  entity: string;
  /** The record's id (the chain entry's subject). */
  id: string;
  tenantId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Anything else a reader needs: a reason, counts, an override. */
  data?: Record<string, unknown>;
}

// Field names whose values never enter the chain: the chain is readable by auditors and approvers
// and cannot be edited afterwards, so a secret written there could never be taken back.
const SECRET = /password|secret|token|webhook|credential|api[_-]?key/i;
const NOISE = new Set(['updatedAt', 'createdAt', 'tenantId', 'passwordHash']);

/** A URL reduced to its scheme and host: enough to recognise it, useless to call. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}/…`;
  } catch {
    return '…';
  }
}

/** Replaces secret-looking fields at any depth; a URL keeps its host so a reader can tell which one. */
export function redact(value: unknown, key = ''): unknown {
  if (SECRET.test(key) && value !== null && value !== undefined && typeof value !== 'boolean')
    return typeof value === 'string' && /^https?:\/\//.test(value) ? maskUrl(value) : '[redacted]';
  if (Array.isArray(value)) return value.map((v) => redact(v));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  return value;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields that differ between two versions of a record, as {field: {before, after}}. */
export function changedFields(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined) {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of keys) {
    if (NOISE.has(k)) continue;
    const b = before?.[k];
    const a = after?.[k];
    if (!same(a, b)) out[k] = { before: b ?? null, after: a ?? null };
  }
  return out;
}

/** The one shape of a chain entry: actor, tenant, entity, id, changed fields; secrets redacted. */
export function auditEntry(r: AuditRecord): AuditInput {
  return {
    actor: r.actor,
    action: r.action,
    subject: r.id,
    data: redact({
      tenant: r.tenantId,
      entity: r.entity,
      id: r.id,
      changes: changedFields(r.before, r.after),
      ...(r.data ?? {}),
    }) as object,
  };
}
