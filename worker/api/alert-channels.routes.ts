// Alert channels (admin): where alerts go, which kinds, from which severity. Secrets are
// write-only; URLs are shown masked because webhook paths often carry tokens.
import { plainText } from '../lib/keys';
import { createRoute, z } from '@hono/zod-openapi';
import { requirePermission } from '../lib/auth';
import { recordChange } from '../audit/record';
import { isDevelopment } from '../lib/env';
import { invalid, notFound } from '../lib/problem';
import { isAllowedOutboundUrl, maskUrl } from '../lib/urls';
import { createRouter, jsonBody, problemResponses } from '../lib/validate';
import { AlertChannel, ChannelTest, items, json, NewAlertChannel } from './schemas';
import { channelDelete, channelInsert, channelUpdate, getChannel, listChannels, type ChannelRow } from '../data/alert-channels.repo';
import { ALERT_KINDS } from '../domain/alert-payloads';
import { sendTestAlert } from '../alerts/deliver';
import { toHex } from '../lib/hash';

const tags = ['alerts'];
const severity = z.enum(['info', 'warning', 'critical']);
const kind = z.enum(ALERT_KINDS);

// Field rules without defaults: a PATCH must never fill in what it does not name.
const channelFields = {
  name: plainText(100).min(1),
  url: z.string().max(2000),
  secret: z.string().min(16).max(500).describe('Webhook: HMAC key (generated when omitted). WhatsApp / e-mail: bearer token.'),
  to: plainText(320).min(3).describe('WhatsApp: recipient phone number; e-mail: recipient address.'),
  from: z.string().trim().email().max(320).describe('E-mail: sender address.'),
  kinds: z.array(kind).max(ALERT_KINDS.length).describe('Alert kinds to send; empty = all.'),
  minSeverity: severity,
  active: z.boolean(),
};

const ChannelIn = z
  .object({
    ...channelFields,
    type: z.enum(['webhook', 'slack', 'whatsapp', 'email']),
    secret: channelFields.secret.optional(),
    to: channelFields.to.optional(),
    from: channelFields.from.optional(),
    kinds: channelFields.kinds.default([]),
    minSeverity: severity.default('warning'),
    active: z.boolean().default(true),
  })
  .strict();

const ChannelPatch = z.object(channelFields).partial().strict();

const show = (c: ChannelRow): z.infer<typeof AlertChannel> => {
  const config = JSON.parse(c.config) as { to?: string; from?: string };
  return {
    id: c.id,
    name: c.name,
    type: c.type,
    url: maskUrl(c.url),
    hasSecret: Boolean(c.secret),
    to: config.to ?? null,
    from: config.from ?? null,
    kinds: JSON.parse(c.kinds) as string[],
    minSeverity: c.minSeverity,
    active: c.active,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
};

function checkChannel(type: ChannelRow['type'], v: { url: string; to?: string; from?: string; secret?: string }, development: boolean) {
  const errors: { path: string; message: string }[] = [];
  if (!isAllowedOutboundUrl(v.url, { development }))
    errors.push({
      path: 'url',
      message: development
        ? 'Use an https URL to a public host name (or http://localhost in development).'
        : 'Use an https URL to a public host name (no IP addresses or internal names).',
    });
  if (type === 'whatsapp' && !/^\+?\d{6,15}$/.test(v.to ?? ''))
    errors.push({ path: 'to', message: 'A WhatsApp recipient is a phone number in international format.' });
  if (
    type === 'email' &&
    !z
      .string()
      .email()
      .safeParse(v.to ?? '').success
  )
    errors.push({ path: 'to', message: 'An e-mail channel needs a recipient address.' });
  if (type === 'email' && !v.from) errors.push({ path: 'from', message: 'An e-mail channel needs a sender address.' });
  if ((type === 'whatsapp' || type === 'email') && !v.secret)
    errors.push({ path: 'secret', message: 'This channel needs the provider API token.' });
  if (errors.length) throw invalid('The alert channel is invalid.', errors);
}

/** What the audit chain keeps of a channel: never the secret, the URL as scheme and host only. */
const auditView = (c: Pick<ChannelRow, 'name' | 'type' | 'url' | 'kinds' | 'minSeverity' | 'active' | 'config'>) => ({
  name: c.name,
  type: c.type,
  url: maskUrl(c.url),
  kinds: c.kinds,
  minSeverity: c.minSeverity,
  active: c.active,
  config: c.config,
});

const randomSecret = () => toHex(crypto.getRandomValues(new Uint8Array(32)));

const idParam = z.object({ id: z.string().min(1).max(100) });

const router = createRouter();
// Reads included: channel targets are configuration that only admins see and manage.
router.use('*', requirePermission('users:manage'));

// Each step names the router so far: route types accumulate into the export (AppType) while every
// handler keeps its own statement.
const listed = router.openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: "The tenant's alert channels (admin).",
    responses: { 200: json(items(AlertChannel), 'Channels'), ...problemResponses },
  }),
  async (c) => c.json({ items: (await listChannels(c.get('db'), c.get('auth').tenantId)).map(show) }, 200),
);

const created = listed.openapi(
  createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: 'Add an alert channel (admin). A generated webhook signing secret is shown once, in this answer.',
    request: jsonBody(ChannelIn),
    responses: { 201: json(NewAlertChannel, 'The channel'), ...problemResponses },
  }),
  async (c) => {
    const body = c.req.valid('json');
    checkChannel(body.type, body, isDevelopment(c.env));
    const generated = body.type === 'webhook' && !body.secret ? randomSecret() : undefined;
    const { tenantId, email: actor } = c.get('auth');
    const db = c.get('db');
    const id = crypto.randomUUID();
    const values = {
      name: body.name,
      type: body.type,
      url: body.url,
      secret: body.secret ?? generated ?? null,
      config: JSON.stringify({ ...(body.to ? { to: body.to } : {}), ...(body.from ? { from: body.from } : {}) }),
      kinds: JSON.stringify(body.kinds),
      minSeverity: body.minSeverity,
      active: body.active,
    };
    await recordChange(
      c.env,
      db,
      [channelInsert(db, tenantId, id, values)],
      [{ actor, tenantId, entity: 'alert-channel', id, action: 'alert-channel.create', after: auditView(values) }],
    );
    const row = (await getChannel(db, tenantId, id))!;
    return c.json({ ...show(row), ...(generated ? { signingSecret: generated } : {}) }, 201);
  },
);

const patched = created.openapi(
  createRoute({
    method: 'patch',
    path: '/{id}',
    tags,
    summary: 'Change an alert channel (admin); omitted fields keep their values.',
    request: { params: idParam, ...jsonBody(ChannelPatch) },
    responses: { 200: json(AlertChannel, 'The channel'), ...problemResponses },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const { tenantId, email: actor } = c.get('auth');
    const db = c.get('db');
    const current = await getChannel(db, tenantId, id);
    if (!current) throw notFound('Alert channel');
    const config = {
      ...(JSON.parse(current.config) as { to?: string; from?: string }),
      ...(patch.to ? { to: patch.to } : {}),
      ...(patch.from ? { from: patch.from } : {}),
    };
    const merged = { url: patch.url ?? current.url, secret: patch.secret ?? current.secret ?? undefined, ...config };
    checkChannel(current.type, merged, isDevelopment(c.env));
    const set = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.secret !== undefined ? { secret: patch.secret } : {}),
      ...(patch.kinds !== undefined ? { kinds: JSON.stringify(patch.kinds) } : {}),
      ...(patch.minSeverity !== undefined ? { minSeverity: patch.minSeverity } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      config: JSON.stringify(config),
    };
    await recordChange(
      c.env,
      db,
      [channelUpdate(db, tenantId, id, set)],
      [
        {
          actor,
          tenantId,
          entity: 'alert-channel',
          id,
          action: 'alert-channel.update',
          before: auditView(current),
          after: auditView({ ...current, ...set }),
          data: { secretChanged: patch.secret !== undefined },
        },
      ],
    );
    const row = (await getChannel(db, tenantId, id))!;
    return c.json(show(row), 200);
  },
);

const deleted = patched.openapi(
  createRoute({
    method: 'delete',
    path: '/{id}',
    tags,
    summary: 'Remove an alert channel (admin). Its delivery history stays.',
    request: { params: idParam },
    responses: { 204: { description: 'Removed' }, ...problemResponses },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { tenantId, email: actor } = c.get('auth');
    const db = c.get('db');
    const current = await getChannel(db, tenantId, id);
    if (!current) throw notFound('Alert channel');
    await recordChange(
      c.env,
      db,
      [channelDelete(db, tenantId, id)],
      [{ actor, tenantId, entity: 'alert-channel', id, action: 'alert-channel.delete', before: auditView(current) }],
    );
    return c.body(null, 204);
  },
);

export const alertChannelsRoutes = deleted.openapi(
  createRoute({
    method: 'post',
    path: '/{id}/test',
    tags,
    summary: 'Send a test alert to the channel now and report how its receiver answered (admin).',
    request: { params: idParam },
    responses: {
      200: json(ChannelTest, 'Outcome'),
      ...problemResponses,
    },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { tenantId, email: actor } = c.get('auth');
    const outcome = await sendTestAlert(c.env, tenantId, id);
    await recordChange(
      c.env,
      c.get('db'),
      [],
      [
        {
          actor,
          tenantId,
          entity: 'alert-channel',
          id,
          action: 'alert-channel.test',
          data: { ok: outcome.ok, status: outcome.status ?? null },
        },
      ],
    );
    return c.json(outcome, 200);
  },
);
