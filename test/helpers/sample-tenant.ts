import { env } from 'cloudflare:workers';
import { chunk, createDb, rowsPerInsert } from '../../worker/data/db';
import { tenants, users } from '../../worker/data/schema';
import { hashPassword } from '../../worker/lib/password';
import { generateTenant } from '../../sample_data/generator';
import { sampleRows } from '../../scripts/sample-rows';
import { PASSWORD } from './api';

/** Loads the generator's small profile (or `profile: 'demo'`, the demo tenant's) as tenant `tenantId` (dates relative to today) with a planner and an auditor. */
export async function seedSampleTenant(tenantId: string, opts: { profile?: 'acme' | 'demo'; seed?: number } = {}) {
  const today = new Date().toISOString().slice(0, 10);
  const d = generateTenant({ seed: opts.seed ?? 11, anchorDate: today, profile: opts.profile ?? 'acme' });
  const db = createDb(env);
  await db
    .insert(tenants)
    .values({ id: tenantId, name: `Sample ${tenantId}` })
    .onConflictDoNothing();
  const passwordHash = await hashPassword(PASSWORD);
  await db
    .insert(users)
    .values(
      (['planner', 'auditor', 'approver', 'staff'] as const).map((role) => ({
        id: `${tenantId}-${role}`,
        tenantId,
        email: `${role}@${tenantId}.test`,
        role,
        passwordHash,
      })),
    )
    .onConflictDoNothing();
  for (const { table, rows } of sampleRows(tenantId, d, `${today}T00:00:00.000Z`)) {
    if (!rows.length) continue;
    for (const part of chunk(rows, rowsPerInsert(Object.keys(rows[0]).length + 2)))
      await db.insert(table).values(part).onConflictDoNothing();
  }
  return d;
}
