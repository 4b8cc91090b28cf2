import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { issueToken } from '../lib/auth';
import { isDevelopment } from '../lib/env';
import { verifyPassword } from '../lib/password';
import { ProblemError, unauthorized } from '../lib/problem';
import { createRouter, jsonBody, problemResponses } from '../lib/validate';
import { clearFailures, lockedFor, recordFailure } from '../data/login-attempts.repo';
import { users } from '../data/schema';

const PER_ACCOUNT = 5;
const PER_CLIENT = 30;
// Demo accounts live under the reserved .test domain and only ever sign in on a development deployment.
const isDemoEmail = (email: string) => email.endsWith('.test');

const LoginBody = z.strictObject({ email: z.string().trim().toLowerCase().email().max(254), password: z.string().min(1).max(1024) });
const LoginResult = z.object({
  token: z.string(),
  user: z.object({ email: z.string(), role: z.string(), tenantId: z.string() }),
});

const login = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Sign in with email and password; returns a bearer token.',
  request: jsonBody(LoginBody),
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: LoginResult } } },
    ...problemResponses,
    429: { description: 'Too many failed attempts' },
  },
});

export const authRoutes = createRouter().openapi(login, async (c) => {
  const { email, password } = c.req.valid('json');
  const db = c.get('db');
  const client = c.req.header('cf-connecting-ip') ?? 'local';
  const keys = [`acct:${email}`, `ip:${client}`];
  const wait = await lockedFor(db, keys);
  if (wait > 0) {
    const seconds = String(Math.ceil(wait / 1000));
    throw new ProblemError(
      429,
      'too-many-attempts',
      'Too many failed sign-in attempts. Try again later.',
      undefined,
      {},
      { 'Retry-After': seconds },
    );
  }
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const ok = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user || !ok || !user.active || (isDemoEmail(email) && !isDevelopment(c.env))) {
    await recordFailure(db, [
      { key: keys[0], maxFailures: PER_ACCOUNT },
      { key: keys[1], maxFailures: PER_CLIENT },
    ]);
    throw unauthorized('Email or password is incorrect.');
  }
  await clearFailures(db, keys[0]);
  const token = await issueToken(c.env, { userId: user.id, email: user.email, role: user.role, tenantId: user.tenantId });
  return c.json({ token, user: { email: user.email, role: user.role, tenantId: user.tenantId } }, 200);
});
