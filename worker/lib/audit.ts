import type { Env } from './env';
import type { AuditInput, TenantObject } from '../durable-objects/tenant-object';

/** The tenant's Durable Object: the one place its audit chain is appended, in order. */
export const tenantObject = (env: Env, tenantId: string) =>
  env.TENANT.get(env.TENANT.idFromName(tenantId)) as DurableObjectStub<TenantObject>;

export async function audit(env: Env, tenantId: string, entry: AuditInput): Promise<void> {
  await tenantObject(env, tenantId).append(entry);
}
