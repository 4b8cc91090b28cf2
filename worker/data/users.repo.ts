import { and, asc, count, eq, or, sql } from 'drizzle-orm';
import { escapeLike } from './crud.repo';
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
  const pattern = `%${escapeLike(q ?? '')}%`;
  // An explicit escape character: "%" or "_" in a search are literal characters, not wildcards.
  const where = and(
    eq(users.tenantId, tenantId),
    q ? or(sql`${users.email} LIKE ${pattern} ESCAPE '\\'`, sql`${users.name} LIKE ${pattern} ESCAPE '\\'`) : undefined,
  );
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

/** Emails are unique per tenant: whether another tenant has this email is never asked. */
export async function emailTaken(db: Db, tenantId: string, email: string) {
  const [u] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.email, email)));
  return Boolean(u);
}

export const userInsert = (
  db: Db,
  values: { id: string; tenantId: string; email: string; name: string; role: Role; passwordHash: string },
) => db.insert(users).values(values);

/** The update statement; revoking bumps the token version so every earlier token stops working. */
export const userUpdate = (
  db: Db,
  tenantId: string,
  id: string,
  patch: Partial<{ name: string; role: Role; active: boolean; passwordHash: string }>,
  revokeTokens: boolean,
) =>
  db
    .update(users)
    .set({
      ...patch,
      ...(revokeTokens ? { tokenVersion: sql`${users.tokenVersion} + 1` } : {}),
      updatedAt: new Date().toISOString(),
    })
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));

/** An active user by id across tenants (a token names its user; the tenant comes from this row). */
export async function activeUser(db: Db, id: string) {
  const [u] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), eq(users.active, true)));
  return u;
}

/** Every user with this email, in any tenant (sign-in picks the tenant after the password check). */
export const usersByEmail = (db: Db, email: string) => db.select().from(users).where(eq(users.email, email));

/**
 * Every spelling under which the audit trail may name `actor` in this tenant: itself, and the
 * user's id or email (entries written before actors were named by email recorded some user ids).
 */
export async function actorSpellings(db: Db, tenantId: string, actor: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), or(eq(users.id, actor), sql`${users.email} = ${actor} COLLATE NOCASE`)));
  return [...new Set([actor, ...rows.flatMap((u) => [u.id, u.email])])];
}

/** A user's role in the tenant, or undefined (an import's uploader, to hold the file to that role's rules). */
export async function userRole(db: Db, tenantId: string, id: string): Promise<Role | undefined> {
  const [u] = await db
    .select({ role: users.role })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, id)));
  return u?.role;
}
