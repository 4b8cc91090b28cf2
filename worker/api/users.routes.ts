import { createRoute, z } from '@hono/zod-openapi';
import { plainText } from '../lib/keys';
import { recordChange } from '../audit/record';
import { guard } from '../lib/auth';
import { hashPassword } from '../lib/password';
import { conflict, forbidden, notFound } from '../lib/problem';
import { ROLES } from '../lib/roles';
import { createRouter, jsonBody, pagination, problemResponses } from '../lib/validate';
import { json, page, User } from './schemas';
import { emailTaken, getUser, listUsers, userInsert, userUpdate } from '../data/users.repo';

const UserCreate = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(254),
  name: plainText(200).default(''),
  role: z.enum(ROLES),
  password: z.string().min(12, 'Use at least 12 characters.').max(1024),
});
const UserPatch = z.strictObject({
  name: plainText(200).optional(),
  role: z.enum(ROLES).optional(),
  active: z.boolean().optional(),
  password: z.string().min(12).max(1024).optional(),
});
const IdParam = z.object({ id: z.string().min(1).max(100) });
const tags = ['users'];

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'List users of your tenant (admin).',
  request: { query: pagination.extend({ q: z.string().max(200).optional() }) },
  responses: { 200: json(page(User), 'Users page'), ...problemResponses },
});
const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One user (admin).',
  request: { params: IdParam },
  responses: { 200: json(User, 'User'), ...problemResponses },
});
const create = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Create a user (admin).',
  request: jsonBody(UserCreate),
  responses: { 201: json(User, 'Created user'), ...problemResponses },
});
const patch = createRoute({
  method: 'patch',
  path: '/{id}',
  tags,
  summary: "Change a user's name, role, password or active flag (admin).",
  request: { params: IdParam, ...jsonBody(UserPatch) },
  responses: { 200: json(User, 'Updated user'), ...problemResponses },
});

const router = createRouter();
// Reading the user list is an admin matter too: it exposes who can sign in.
router.use('*', guard('users:manage'), async (c, next) => {
  if (c.get('auth').role !== 'admin') throw forbidden();
  await next();
});

export const usersRoutes = router
  .openapi(list, async (c) => {
    const { q, page, pageSize } = c.req.valid('query');
    return c.json(await listUsers(c.get('db'), c.get('auth').tenantId, q, page, pageSize), 200);
  })
  .openapi(get, async (c) => {
    const u = await getUser(c.get('db'), c.get('auth').tenantId, c.req.valid('param').id);
    if (!u) throw notFound('User');
    return c.json(u, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid('json');
    const db = c.get('db');
    const { tenantId, email: actor } = c.get('auth');
    // Only this tenant's users are checked: the answer never depends on another tenant's data.
    if (await emailTaken(db, tenantId, body.email)) throw conflict('A user with this email already exists in your organisation.');
    const id = crypto.randomUUID();
    const row = { id, tenantId, email: body.email, name: body.name, role: body.role };
    await recordChange(
      c.env,
      db,
      [userInsert(db, { ...row, passwordHash: await hashPassword(body.password) })],
      [{ actor, tenantId, entity: 'user', id, action: 'user.create', after: row }],
    );
    return c.json(await getUser(db, tenantId, id), 201);
  })
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const db = c.get('db');
    const { tenantId, userId, email: actor } = c.get('auth');
    const before = await getUser(db, tenantId, id);
    if (!before) throw notFound('User');
    if (id === userId && ((body.role && body.role !== 'admin') || body.active === false))
      throw conflict('You cannot demote or disable yourself; ask another admin.');
    const { password, ...rest } = body;
    // A new password or a disable ends every session; re-enabling later does not revive them.
    const revoke = Boolean(password) || (body.active === false && before.active);
    await recordChange(
      c.env,
      db,
      [userUpdate(db, tenantId, id, { ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) }, revoke)],
      [
        {
          actor,
          tenantId,
          entity: 'user',
          id,
          action: 'user.update',
          before,
          after: { ...before, ...rest },
          data: { passwordChanged: Boolean(password), tokensRevoked: revoke },
        },
      ],
    );
    return c.json(await getUser(db, tenantId, id), 200);
  });
