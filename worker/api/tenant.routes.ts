// The signed-in user's tenant: its name, planning settings (service level per ABC/XYZ class) and
// the optional OIDC mode that lets the tenant sign in with its own identity provider.
import { createRoute, z } from '@hono/zod-openapi';
import { audit } from '../lib/audit';
import { guard } from '../lib/auth';
import { isTimeZone } from '../lib/dates';
import { conflict } from '../lib/problem';
import { anyJson, createRouter, jsonBody, problemResponses } from '../lib/validate';
import { getTenant, tenantSettings, updateTenant, type TenantRow, type TenantSettings } from '../data/tenants.repo';

const CLASSES = ['AX', 'AY', 'AZ', 'BX', 'BY', 'BZ', 'CX', 'CY', 'CZ'] as const;
const serviceLevel = z.number().min(0.5).max(0.9999);
const https = (message: string) =>
  z
    .string()
    .url()
    .max(500)
    .refine((u) => u.startsWith('https://'), message);
const TenantPatch = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  // IANA name: "today", expiry checks and day buckets use the tenant's local date (lib/dates.ts).
  timeZone: z.string().trim().max(64).refine(isTimeZone, 'Use an IANA time zone name, such as America/New_York or UTC.').optional(),
  settings: z
    .strictObject({
      serviceLevels: z.strictObject(Object.fromEntries(CLASSES.map((k) => [k, serviceLevel.optional()]))).optional(),
      alertWebhookUrl: https('The alert webhook must use https.').nullable().optional(),
    })
    .optional(),
  oidc: z
    .strictObject({
      issuer: z.string().url().max(500),
      jwksUrl: https('The JWKS URL must use https.'),
      audience: z.string().min(1).max(500),
      roleClaim: z.string().min(1).max(100).default('role'),
    })
    .nullable()
    .optional(),
});

function mergeSettings(current: TenantSettings, patch: NonNullable<z.infer<typeof TenantPatch>['settings']>): TenantSettings {
  const webhook = patch.alertWebhookUrl === undefined ? current.alertWebhookUrl : (patch.alertWebhookUrl ?? undefined);
  const levels = Object.entries(patch.serviceLevels ?? {}).filter((e): e is [string, number] => e[1] !== undefined);
  return { serviceLevels: { ...current.serviceLevels, ...Object.fromEntries(levels) }, ...(webhook ? { alertWebhookUrl: webhook } : {}) };
}

const present = (t: TenantRow) => ({
  id: t.id,
  name: t.name,
  timeZone: t.timeZone,
  settings: tenantSettings(t),
  oidc: t.oidcIssuer
    ? { issuer: t.oidcIssuer, jwksUrl: t.oidcJwksUrl, audience: t.oidcAudience, roleClaim: t.oidcRoleClaim ?? 'role' }
    : null,
});

const tags = ['tenant'];
const get = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Your tenant, its planning settings and sign-in mode.',
  responses: { 200: anyJson('Tenant'), ...problemResponses },
});
const patch = createRoute({
  method: 'patch',
  path: '/',
  tags,
  summary: 'Change the tenant name, time zone, service levels or OIDC mode (admin).',
  request: jsonBody(TenantPatch),
  responses: { 200: anyJson('Tenant'), ...problemResponses },
});

export const tenantRoutes = createRouter();
tenantRoutes.use('*', guard('users:manage'));
tenantRoutes
  .openapi(get, async (c) => c.json(present((await getTenant(c.get('db'), c.get('auth').tenantId))!), 200))
  .openapi(patch, async (c) => {
    const body = c.req.valid('json');
    const db = c.get('db');
    const { tenantId, email } = c.get('auth');
    const current = (await getTenant(db, tenantId))!;
    const settings = body.settings ? JSON.stringify(mergeSettings(tenantSettings(current), body.settings)) : undefined;
    const oidc =
      body.oidc === undefined
        ? {}
        : body.oidc === null
          ? { oidcIssuer: null, oidcJwksUrl: null, oidcAudience: null, oidcRoleClaim: null }
          : {
              oidcIssuer: body.oidc.issuer,
              oidcJwksUrl: body.oidc.jwksUrl,
              oidcAudience: body.oidc.audience,
              oidcRoleClaim: body.oidc.roleClaim,
            };
    if (body.oidc?.issuer === c.env.JWT_ISSUER) throw conflict('The OIDC issuer cannot be Lotwise itself.');
    try {
      await updateTenant(db, tenantId, {
        ...(body.name ? { name: body.name } : {}),
        ...(body.timeZone ? { timeZone: body.timeZone } : {}),
        ...(settings ? { settings } : {}),
        ...oidc,
      });
    } catch (e) {
      if (
        /UNIQUE constraint failed: tenants\.oidc_issuer/.test(
          String((e as Error)?.message) + String((e as { cause?: Error }).cause?.message),
        )
      )
        throw conflict('Another tenant already uses this OIDC issuer.');
      throw e;
    }
    await audit(c.env, tenantId, { actor: email, action: 'tenant.update', subject: tenantId, data: body });
    return c.json(present((await getTenant(db, tenantId))!), 200);
  });
