// Builds the SQL that loads the sample tenants (demo, acme) and their demo users into a local D1.
// Dates are generated for "today", so expiries and order history stay realistic whenever you start.
import { generateTenant } from '../sample_data/generator';
import { tenants, users } from '../worker/data/schema';
import { hashPassword } from '../worker/lib/password';
import type { Role } from '../worker/lib/roles';
import { insertSql, sampleRows } from './sample-rows';

export const DEMO_PASSWORD = 'demo-pass-123';
export const DEMO_USERS: { tenantId: string; role: Role }[] = [
  ...(['admin', 'approver', 'planner', 'staff', 'auditor'] as const).map((role) => ({ tenantId: 'demo', role })),
  ...(['admin', 'planner'] as const).map((role) => ({ tenantId: 'acme', role })),
];
const TENANTS = [
  { id: 'demo', name: 'Hanbit Foods Distribution (demo)', seed: 20261121 },
  { id: 'acme', name: 'Acme Provisions (demo)', seed: 7 },
];

/** The whole seed as one SQL script. */
export async function buildSeedSql(anchorDate: string): Promise<string> {
  const openedAt = `${anchorDate}T00:00:00.000Z`;
  const parts: string[] = [];
  for (const t of TENANTS) {
    parts.push(...insertSql(tenants, [{ id: t.id, name: t.name }]));
    for (const { table, rows } of sampleRows(
      t.id,
      generateTenant({ seed: t.seed, anchorDate, profile: t.id as 'demo' | 'acme' }),
      openedAt,
    ))
      parts.push(...insertSql(table, rows, 1000));
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const demoUsers = DEMO_USERS.map((u) => ({
    id: `${u.tenantId}-${u.role}`,
    tenantId: u.tenantId,
    email: `${u.role}@${u.tenantId}.test`,
    name: `Demo ${u.role}`,
    role: u.role,
    passwordHash,
  }));
  parts.push(...insertSql(users, demoUsers));
  return parts.join('\n');
}
