import { createRoute, z } from '@hono/zod-openapi';
import { recordChange } from '../audit/record';
import { issueToken } from '../lib/auth';
import { isDevelopment } from '../lib/env';
import { KEY_PATTERN } from '../lib/formats';
import { verifyPassword } from '../lib/password';
import { ProblemError, unauthorized } from '../lib/problem';
import { createRouter, jsonBody, problemResponses } from '../lib/validate';
import { json, LoginResult } from './schemas';
import { clearFailures, lockedFor, recordFailure } from '../data/login-attempts.repo';
import { usersByEmail } from '../data/users.repo';

const MINUTE = 60_000;
/**
 * Throttling (docs/reliability.md): failures of one account from one client earn growing delays
 * (free for the first 3, then 5 s doubling up to 15 min), so a guesser slows down while the real
 * user signs in from a clean client. The per-account ceiling only stops guessing spread over many
 * clients; the per-client one stops one client trying many accounts.
 */
export const PAIR_FREE_FAILURES = 3;
export const ACCOUNT_CEILING = 100;
const CLIENT_CEILING = 30;
export const pairDelay = (failures: number) =>
  failures < PAIR_FREE_FAILURES ? 0 : Math.min(15 * MINUTE, 5_000 * 2 ** (failures - PAIR_FREE_FAILURES));
const ceiling = (max: number) => (failures: number) => (failures >= max ? 15 * MINUTE : 0);
// Demo accounts live under the reserved .test domain and only ever sign in on a development deployment.
const isDemoEmail = (email: string) => email.endsWith('.test');

const LoginBody = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
  /** Only needed when one email signs in to several organisations. */
  tenant: z.string().regex(KEY_PATTERN).optional(),
});

const login = createRoute({
  method: 'post',
  path: '/login',
  tags: ['auth'],
  summary: 'Sign in with email and password; returns a bearer token.',
  request: jsonBody(LoginBody),
  responses: {
    200: json(LoginResult, 'Signed in'),
    ...problemResponses,
    429: { description: 'Too many failed attempts' },
  },
});

export const authRoutes = createRouter().openapi(login, async (c) => {
  const { email, password, tenant } = c.req.valid('json');
  const db = c.get('db');
  const client = c.req.header('cf-connecting-ip') ?? 'local';
  const keys = { pair: `pair:${email}|${client}`, account: `acct:${email}`, client: `ip:${client}` };
  const wait = await lockedFor(db, Object.values(keys));
  if (wait > 0) {
    const seconds = String(Math.ceil(wait / 1000));
    throw new ProblemError(
      429,
      'too-many-attempts',
      'Too many failed sign-in attempts from here. Try again later.',
      undefined,
      {},
      { 'Retry-After': seconds },
    );
  }
  const candidates = (await usersByEmail(db, email)).filter((u) => !tenant || u.tenantId === tenant);
  const matches = [];
  // Always one hash check at least, so an unknown email takes as long as a wrong password.
  for (const u of candidates.length ? candidates : [undefined])
    if ((await verifyPassword(password, u?.passwordHash ?? null)) && u) matches.push(u);
  const usable = matches.filter((u) => u.active && !(isDemoEmail(email) && !isDevelopment(c.env)));
  if (!usable.length) {
    await recordFailure(db, [
      { key: keys.pair, lockMs: pairDelay },
      { key: keys.account, lockMs: ceiling(ACCOUNT_CEILING) },
      { key: keys.client, lockMs: ceiling(CLIENT_CEILING) },
    ]);
    await recordChange(
      c.env,
      db,
      [],
      candidates.map((u) => ({
        actor: email,
        tenantId: u.tenantId,
        entity: 'user',
        id: u.id,
        action: 'auth.login-failed',
        data: { client },
      })),
    );
    throw unauthorized('Email or password is incorrect.');
  }
  // Reachable only with the right password: it tells the user nothing they could not already find out.
  // It names none of them: the organisation ID is the user's to know (the web form asks for it).
  if (usable.length > 1)
    throw new ProblemError(
      409,
      'tenant-required',
      'This email and password sign in to several organisations; send "tenant" (the organisation ID) to choose one.',
    );
  const user = usable[0];
  await clearFailures(db, keys.pair);
  const token = await issueToken(c.env, {
    userId: user.id,
    email: user.email,
    role: user.role,
    tenantId: user.tenantId,
    tokenVersion: user.tokenVersion,
  });
  await recordChange(
    c.env,
    db,
    [],
    [{ actor: email, tenantId: user.tenantId, entity: 'user', id: user.id, action: 'auth.login', data: { client } }],
  );
  return c.json({ token, user: { id: user.id, email: user.email, role: user.role, tenantId: user.tenantId } }, 200);
});
