// The signed-in user's tenant: its name, time zone, currency, planning settings (service level per
// ABC/XYZ class, the approval threshold) and the optional OIDC mode that lets the tenant sign in
// with its own identity provider (client id and an optional client secret, which is write-only).
import { plainText } from '../lib/keys';
import { createRoute, z } from '@hono/zod-openapi';
import { flushAudit, recordChange } from '../audit/record';
import { maskUrl } from '../lib/audit';
import { guard, tokenIssuer } from '../lib/auth';
import { isTimeZone } from '../lib/dates';
import { HOLIDAY_CALENDAR_NAMES } from '../domain/holidays';
import { allowedProviderUrl } from '../lib/oidc-login';
import { conflict, invalid } from '../lib/problem';
import { createRouter, jsonBody, problemResponses } from '../lib/validate';
import { json, Tenant } from './schemas';
import { getTenant, tenantSettings, tenantUpdate, type TenantRow } from '../data/tenants.repo';

const CLASSES = ['AX', 'AY', 'AZ', 'BX', 'BY', 'BZ', 'CX', 'CY', 'CZ'] as const;
const serviceLevel = z.number().min(0.5).max(0.9999);
const https = (message: string) =>
  z
    .string()
    .url()
    .max(500)
    .refine((u) => u.startsWith('https://'), message);
const TenantPatch = z.strictObject({
  name: plainText(200).min(1).optional(),
  // IANA name: "today", expiry checks and day buckets use the tenant's local date (lib/dates.ts).
  timeZone: z.string().trim().max(64).refine(isTimeZone, 'Use an IANA time zone name, such as America/New_York or UTC.').optional(),
  // ISO 4217: every money figure the tenant sees is in this currency.
  currency: z.string().trim().toUpperCase().refine(isCurrency, 'Use an ISO 4217 currency code, such as USD, EUR or KRW.').optional(),
  settings: z
    .strictObject({
      serviceLevels: z.strictObject(Object.fromEntries(CLASSES.map((k) => [k, serviceLevel.optional()]))).optional(),
      alertWebhookUrl: https('The alert webhook must use https.').nullable().optional(),
      // Holidays the forecasts learn weekly effects for (kept per SKU only where they backtest better).
      holidayCalendar: z.enum(HOLIDAY_CALENDAR_NAMES).optional(),
      // Thresholds of the action workflow (worker/data/actions.repo.ts actionSettings).
      actions: z
        .strictObject({
          /** Actions worth more than this (tenant currency) need an administrator's approval. */
          approvalThreshold: z.number().finite().min(0).max(1e9).optional(),
          /** The deepest markdown an action may propose, as a fraction of the price. */
          // A markdown is at least 1 % (POST /api/actions): a deepest markdown below it would refuse them all.
          maxDiscount: z.number().min(0.01).max(0.9).optional(),
        })
        .optional(),
    })
    .optional(),
  oidc: z
    .strictObject({
      issuer: z.string().url().max(500),
      // https to a public host (checked in the handler: a development deployment also allows a local stub provider).
      jwksUrl: z.string().max(500),
      audience: z.string().min(1).max(500),
      roleClaim: z.string().min(1).max(100).default('role'),
      /** The client registered for Lotwise at the provider; defaults to the audience. */
      clientId: z.string().trim().min(1).max(500).optional(),
      /** Write-only; omitted or "" keeps the stored one, null removes it (a public client using PKCE alone). */
      clientSecret: z.string().max(1000).nullable().optional(),
    })
    .nullable()
    .optional(),
});

function isCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  const known = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('currency');
  return known ? known.includes(code) : true;
}

type Raw = Record<string, unknown>;
const rawSettings = (t: Pick<TenantRow, 'settings'>): Raw => {
  try {
    const v = JSON.parse(t.settings || '{}') as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {};
  } catch {
    return {};
  }
};

/** The tenant's OIDC client (client id, optional secret): kept in the settings JSON, the secret never presented. */
export function oidcClientOf(t: TenantRow): { clientId: string; clientSecret?: string } | null {
  if (!t.oidcIssuer || !t.oidcAudience) return null;
  const c = (rawSettings(t).oidcClient ?? {}) as { clientId?: unknown; clientSecret?: unknown };
  return {
    clientId: typeof c.clientId === 'string' && c.clientId ? c.clientId : t.oidcAudience,
    ...(typeof c.clientSecret === 'string' && c.clientSecret ? { clientSecret: c.clientSecret } : {}),
  };
}

type Patch = z.infer<typeof TenantPatch>;

/**
 * The stored settings JSON after a patch. Keys this route does not manage (and the action
 * thresholds and OIDC client it merges) are kept: a service-level change must not drop them.
 */
function mergeSettings(t: TenantRow, patch: Patch['settings'], oidc: Patch['oidc']): Raw {
  const raw = rawSettings(t);
  const current = tenantSettings(t);
  const next: Raw = { ...raw };
  if (patch) {
    // A form that echoes back the masked URL it was shown means "unchanged", not "store the mask".
    const echoed = patch.alertWebhookUrl && current.alertWebhookUrl && patch.alertWebhookUrl === maskUrl(current.alertWebhookUrl);
    const webhook = patch.alertWebhookUrl === undefined || echoed ? current.alertWebhookUrl : (patch.alertWebhookUrl ?? undefined);
    const levels = Object.entries(patch.serviceLevels ?? {}).filter((e): e is [string, number] => e[1] !== undefined);
    next.serviceLevels = { ...current.serviceLevels, ...Object.fromEntries(levels) };
    if (patch.holidayCalendar) next.holidayCalendar = patch.holidayCalendar;
    if (webhook) next.alertWebhookUrl = webhook;
    else delete next.alertWebhookUrl;
    if (patch.actions) {
      const set = Object.entries(patch.actions).filter((e) => e[1] !== undefined);
      next.actions = { ...((raw.actions as Raw | undefined) ?? {}), ...Object.fromEntries(set) };
    }
  }
  if (oidc === null) delete next.oidcClient;
  else if (oidc) {
    const stored = (raw.oidcClient ?? {}) as { clientSecret?: string };
    const secret = oidc.clientSecret === undefined || oidc.clientSecret === '' ? stored.clientSecret : (oidc.clientSecret ?? undefined);
    next.oidcClient = { clientId: oidc.clientId ?? oidc.audience, ...(secret ? { clientSecret: secret } : {}) };
  }
  return next;
}

// Secrets are write-only: an admin sees that a webhook is set and where it points, nobody sees it whole.
const present = (t: TenantRow, isAdmin: boolean) => {
  const { alertWebhookUrl, ...settings } = tenantSettings(t);
  const { approvalThreshold, maxDiscount } = actionsOf(t);
  const withActions = { ...settings, actions: { approvalThreshold, maxDiscount } };
  return {
    id: t.id,
    name: t.name,
    timeZone: t.timeZone,
    currency: t.currency,
    settings: isAdmin ? { ...withActions, alertWebhookUrl: alertWebhookUrl ? maskUrl(alertWebhookUrl) : null } : withActions,
    oidc: oidcOf(t),
  };
};
const actionsOf = (t: TenantRow) => {
  const a = (rawSettings(t).actions ?? {}) as Raw;
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  // The same defaults as actionSettings (worker/data/actions.repo.ts).
  return { approvalThreshold: num(a.approvalThreshold, 10_000), maxDiscount: num(a.maxDiscount, 0.5) };
};
const oidcOf = (t: TenantRow) => {
  const client = oidcClientOf(t);
  return t.oidcIssuer
    ? {
        issuer: t.oidcIssuer,
        jwksUrl: t.oidcJwksUrl,
        audience: t.oidcAudience,
        roleClaim: t.oidcRoleClaim ?? 'role',
        clientId: client?.clientId ?? t.oidcAudience,
        clientSecretSet: !!client?.clientSecret,
      }
    : null;
};

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
  summary:
    'Change the tenant name, time zone, currency, service levels, approval threshold or OIDC mode (admin). The OIDC client secret is write-only.',
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
    const settings =
      body.settings || body.oidc !== undefined ? JSON.stringify(mergeSettings(current, body.settings, body.oidc)) : undefined;
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
    if (body.oidc && !allowedProviderUrl(c.env, body.oidc.jwksUrl))
      throw invalid('The JWKS URL must be https to a public host name (no IP address, no private or local name).', [
        { path: 'oidc.jwksUrl', value: body.oidc.jwksUrl, message: 'Use an https URL on a public host name.' },
      ]);
    if (body.oidc?.issuer === c.env.JWT_ISSUER || body.oidc?.issuer === tokenIssuer(c.env))
      throw conflict('The OIDC issuer cannot be Lotwise itself.');
    const patch = {
      ...(body.name ? { name: body.name } : {}),
      ...(body.timeZone ? { timeZone: body.timeZone } : {}),
      ...(body.currency ? { currency: body.currency } : {}),
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
const auditView = (t: TenantRow) => ({
  name: t.name,
  timeZone: t.timeZone,
  currency: t.currency,
  settings: { ...tenantSettings(t), actions: actionsOf(t) },
  oidc: oidcOf(t),
});
