// The signed-in user's tenant: its name, planning settings (service level per ABC/XYZ class) and
// the optional OIDC mode that lets the tenant sign in with its own identity provider.
import { createRoute, z } from '@hono/zod-openapi';
import { flushAudit, recordChange } from '../audit/record';
import { maskUrl } from '../lib/audit';
import { guard, tokenIssuer } from '../lib/auth';
import { isTimeZone } from '../lib/dates';
import { isPublicHttpsUrl } from '../lib/formats';
import { conflict } from '../lib/problem';
import { createRouter, jsonBody, problemResponses } from '../lib/validate';
import { json, Tenant } from './schemas';
import { getTenant, tenantSettings, tenantUpdate, type TenantRow, type TenantSettings } from '../data/tenants.repo';

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
      jwksUrl: z
        .string()
        .max(500)
        .refine(isPublicHttpsUrl, 'The JWKS URL must be https to a public host name (no IP address, no private or local name).'),
      audience: z.string().min(1).max(500),
      roleClaim: z.string().min(1).max(100).default('role'),
    })
    .nullable()
    .optional(),
});

function mergeSettings(current: TenantSettings, patch: NonNullable<z.infer<typeof TenantPatch>['settings']>): TenantSettings {
  // A form that echoes back the masked URL it was shown means "unchanged", not "store the mask".
  const echoed = patch.alertWebhookUrl && current.alertWebhookUrl && patch.alertWebhookUrl === maskUrl(current.alertWebhookUrl);
  const webhook = patch.alertWebhookUrl === undefined || echoed ? current.alertWebhookUrl : (patch.alertWebhookUrl ?? undefined);
  const levels = Object.entries(patch.serviceLevels ?? {}).filter((e): e is [string, number] => e[1] !== undefined);
  return { serviceLevels: { ...current.serviceLevels, ...Object.fromEntries(levels) }, ...(webhook ? { alertWebhookUrl: webhook } : {}) };
}

// Secrets are write-only: an admin sees that a webhook is set and where it points, nobody sees it whole.
const present = (t: TenantRow, isAdmin: boolean) => {
  const { alertWebhookUrl, ...settings } = tenantSettings(t);
  return {
    id: t.id,
    name: t.name,
    timeZone: t.timeZone,
    settings: isAdmin ? { ...settings, alertWebhookUrl: alertWebhookUrl ? maskUrl(alertWebhookUrl) : null } : settings,
    oidc: oidcOf(t),
  };
};
const oidcOf = (t: TenantRow) =>
  t.oidcIssuer ? { issuer: t.oidcIssuer, jwksUrl: t.oidcJwksUrl, audience: t.oidcAudience, roleClaim: t.oidcRoleClaim ?? 'role' } : null;

const tags = ['tenant'];
const get = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Your tenant, its planning settings and sign-in mode.',
  responses: { 200: json(Tenant, 'Tenant'), ...problemResponses },
});
const patch = createRoute({
  method: 'patch',
  path: '/',
  tags,
  summary: 'Change the tenant name, service levels or OIDC mode (admin).',
  request: jsonBody(TenantPatch),
  responses: { 200: json(Tenant, 'Tenant'), ...problemResponses },
});

const router = createRouter();
router.use('*', guard('users:manage'));
const isAdmin = (role: string) => role === 'admin';

export const tenantRoutes = router
  .openapi(get, async (c) => c.json(present((await getTenant(c.get('db'), c.get('auth').tenantId))!, isAdmin(c.get('auth').role)), 200))
  .openapi(patch, async (c) => {
    const body = c.req.valid('json');
    const db = c.get('db');
    const { tenantId, email, role } = c.get('auth');
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
    if (body.oidc?.issuer === c.env.JWT_ISSUER || body.oidc?.issuer === tokenIssuer(c.env))
      throw conflict('The OIDC issuer cannot be Lotwise itself.');
    const patch = {
      ...(body.name ? { name: body.name } : {}),
      ...(body.timeZone ? { timeZone: body.timeZone } : {}),
      ...(settings ? { settings } : {}),
      ...oidc,
    };
    const changed = Object.entries(patch).filter(([k, v]) => current[k as keyof TenantRow] !== v);
    // An empty or unchanged patch is a no-op: nothing written, nothing audited.
    if (changed.length) {
      const after = { ...current, ...patch };
      try {
        await recordChange(
          c.env,
          db,
          [tenantUpdate(db, tenantId, Object.fromEntries(changed))],
          [
            {
              actor: email,
              tenantId,
              entity: 'tenant',
              id: tenantId,
              action: 'tenant.update',
              before: auditView(current),
              after: auditView(after),
            },
          ],
        );
      } catch (e) {
        if (
          /UNIQUE constraint failed: tenants\.oidc_issuer/.test(
            String((e as Error)?.message) + String((e as { cause?: Error }).cause?.message),
          )
        )
          // Says nothing about who else uses the issuer: another tenant's configuration is not ours to reveal.
          throw conflict(
            'This issuer and audience cannot be used. Register a separate client (audience) for Lotwise at your identity provider.',
          );
        throw e;
      }
    }
    await flushAudit(c.env, db, tenantId);
    return c.json(present((await getTenant(db, tenantId))!, isAdmin(role)), 200);
  });

/** The tenant as the audit chain sees it: settings parsed so each changed field shows (secrets redacted there). */
const auditView = (t: TenantRow) => ({ name: t.name, settings: tenantSettings(t), oidc: oidcOf(t) });
