import type { Env } from './env';
import type { AuditInput, TenantObject } from '../durable-objects/tenant-object';

/** The tenant's Durable Object: the one place its audit chain is appended, in order. */
export const tenantObject = (env: Env, tenantId: string) =>
  env.TENANT.get(env.TENANT.idFromName(tenantId)) as DurableObjectStub<TenantObject>;

/**
 * Appends after the D1 write has committed. A failed append is logged, not thrown: the write
 * already happened, and failing the request would invite a retry that repeats it.
 */
export async function audit(env: Env, tenantId: string, entry: AuditInput): Promise<void> {
  try {
    await tenantObject(env, tenantId).append(entry);
  } catch (e) {
    console.error('audit append failed', tenantId, entry.action, entry.subject, e);
  }
}
