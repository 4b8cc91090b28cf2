import { and, asc, count, eq, like, or } from 'drizzle-orm';
import type { Db } from './db';
import { users } from './schema';
import type { Role } from '../lib/roles';

const publicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  active: users.active,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

export async function listUsers(db: Db, tenantId: string, q: string | undefined, page: number, pageSize: number) {
  const where = and(eq(users.tenantId, tenantId), q ? or(like(users.email, `%${q}%`), like(users.name, `%${q}%`)) : undefined);
  const [items, [{ total }]] = await Promise.all([
    db
      .select(publicColumns)
      .from(users)
      .where(where)
      .orderBy(asc(users.email))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { items, total, page, pageSize };
}

export async function getUser(db: Db, tenantId: string, id: string) {
  const [u] = await db
    .select(publicColumns)
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  return u;
}

export async function emailTaken(db: Db, email: string) {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return Boolean(u);
}

export async function createUser(
  db: Db,
  values: { id: string; tenantId: string; email: string; name: string; role: Role; passwordHash: string },
) {
  await db.insert(users).values(values);
}

export async function updateUser(
  db: Db,
  tenantId: string,
  id: string,
  patch: Partial<{ name: string; role: Role; active: boolean; passwordHash: string }>,
) {
  await db
    .update(users)
    .set({ ...patch, updatedAt: new Date().toISOString() })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
}
