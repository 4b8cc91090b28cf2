// Tenant settings, sign-in, alert channels, the status page and Ask's answers as the API returns them.
import { z } from '@hono/zod-openapi';
import { createSelectSchema } from 'drizzle-zod';
import { INTENTS } from '../../ask/intents';
import { HOLIDAY_CALENDAR_NAMES } from '../../domain/holidays';
import { alertChannels, imports, jobRuns, tenants } from '../../data/schema';
import { record } from './common';
import { User } from './rows';

/** A company's sign-in through its identity provider (OIDC authorization-code flow with PKCE). */
export const OidcSignIn = z
  .object({ tenant: z.string(), name: z.string(), issuer: z.string(), clientId: z.string(), authorizationEndpoint: z.string() })
  .openapi('OidcSignIn');

/** The signed-in user's id: the identity decisions go by (nobody approves their own proposal: an action's proposedById). */
const signedInId = z.string().openapi({ description: "The user's id as actions name their proposer (proposedById)." });

export const OidcToken = z
  .object({
    token: z.string(),
    expiresAt: z.number(),
    user: z.object({ id: signedInId, email: z.string(), role: z.string(), tenantId: z.string() }),
  })
  .openapi('OidcToken');

export const LoginResult = z
  .object({ token: z.string(), user: User.pick({ email: true, role: true }).extend({ id: signedInId, tenantId: z.string() }) })
  .openapi('LoginResult');

const Oidc = z.object({
  issuer: z.string(),
  jwksUrl: z.string().nullable(),
  audience: z.string().nullable(),
  roleClaim: z.string(),
  clientId: z.string().nullable(),
  /** Whether a client secret is stored; the secret itself is never shown back. */
  clientSecretSet: z.boolean(),
});

/** The tenant; secrets never: an admin sees the alert webhook masked, others not at all. */
export const Tenant = createSelectSchema(tenants)
  .pick({ id: true, name: true, timeZone: true, currency: true })
  .extend({
    settings: z.object({
      serviceLevels: z.record(z.string(), z.number()),
      alertWebhookUrl: z.string().nullable().optional(),
      holidayCalendar: z.enum(HOLIDAY_CALENDAR_NAMES),
      actions: z.object({ approvalThreshold: z.number(), maxDiscount: z.number() }),
    }),
    oidc: Oidc.nullable(),
  })
  .openapi('Tenant');

const channel = createSelectSchema(alertChannels);

/** An alert channel: the URL as scheme and host only, whether a secret is set, never the secret. */
export const AlertChannel = channel
  .pick({ id: true, name: true, type: true, minSeverity: true, active: true, createdAt: true, updatedAt: true })
  .extend({
    url: z.string().describe('Scheme and host only; the full URL is never shown back.'),
    hasSecret: z.boolean(),
    to: z.string().nullable(),
    from: z.string().nullable(),
    kinds: z.array(z.string()),
  })
  .openapi('AlertChannel');

/** The answer to creating a channel: a generated webhook signing secret is shown this once. */
export const NewAlertChannel = AlertChannel.extend({ signingSecret: z.string().optional() }).openapi('NewAlertChannel');

export const ChannelTest = z
  .object({ ok: z.boolean(), status: z.number().int().optional(), error: z.string().optional() })
  .openapi('ChannelTest');

const JobRun = createSelectSchema(jobRuns)
  .pick({ job: true, status: true })
  .extend({
    tenant: z.string().nullable(),
    scheduledTime: z.string(),
    durationMs: z.number().nullable(),
    outcome: z.string().openapi({ description: 'What the run recorded, as text (at most 300 characters).' }),
    result: record.nullable().openapi({
      description:
        "The run's recorded result as an object (a refresh: skus, ordersRecommended, newAlerts, actions …); null for a text outcome.",
    }),
  });
/** An object of whole-number counts with exactly these keys (typed, so clients see each key). */
const counts = <K extends string>(...names: K[]) =>
  z.object(Object.fromEntries(names.map((n) => [n, z.number().int()])) as Record<K, z.ZodNumber>);

export const TenantStatus = z
  .object({
    asOf: z.string(),
    refresh: z.object({ last: JobRun.nullable(), lastSuccess: JobRun.nullable(), ageSeconds: z.number().nullable() }),
    jobs: z.array(JobRun),
    imports: counts('backlog', 'failed').extend({
      recentFailures: z.array(
        createSelectSchema(imports)
          .pick({ id: true, entity: true, fileName: true, message: true, updatedAt: true })
          .extend({ messageKo: z.string().nullable().openapi({ description: 'The same message in Korean; null when it has none.' }) }),
      ),
    }),
    deadLetters: counts('last24h'),
    alerts: counts('open', 'unacknowledged', 'failedDeliveries24h'),
    /** This month's Ask model calls and spend (the tenant object's ledger). */
    model: counts('calls', 'ok', 'repaired', 'malformed', 'errors', 'timeouts', 'slow').extend({
      month: z.string(),
      /** US dollars, to the cent (not whole numbers). */
      spentUsd: z.number(),
      reservedUsd: z.number(),
    }),
    api: counts('windowMinutes', 'requests', 'errors4xx', 'errors5xx').extend({
      routes: z.array(
        counts('requests', 'errors4xx', 'errors5xx').extend({
          method: z.string(),
          route: z.string(),
          meanMs: z.number().nullable(),
          p95Ms: z.number().nullable(),
        }),
      ),
    }),
  })
  .openapi('TenantStatus');

const Citation = z.object({
  type: z.enum(['sku', 'lot', 'customer', 'warehouse', 'action', 'view', 'snapshot']),
  id: z.string(),
  label: z.string().optional(),
});

/** A bound a question named: "more than" / "at least" (min) or "less than" / "at most" (max). */
const AmountBound = z.union([z.object({ min: z.number(), inclusive: z.boolean() }), z.object({ max: z.number(), inclusive: z.boolean() })]);

/** Ask's answer: rows and citations come from the planning views; the model never computes a number. */
export const AskAnswer = z
  .object({
    question: z.string(),
    intent: z.enum(INTENTS).nullable(),
    parameters: z.object({
      sku: z.string().optional(),
      warehouse: z.string().optional(),
      customerId: z.string().optional(),
      days: z.number().optional(),
      kind: z.enum(['transfer', 'markdown']).optional(),
      week: z.string().optional().openapi({ description: 'ROI: "last" (default), "this" or an ISO week "YYYY-Www" the question named.' }),
      expired: z.boolean().optional().openapi({ description: 'Expiring: only lots already expired and still on hand.' }),
      status: z.enum(['critical', 'warning', 'healthy']).optional(),
      late: z.boolean().optional().openapi({ description: 'Inbound: late shipments instead of those due within `days`.' }),
      value: AmountBound.optional().openapi({
        description: "A money bound the question named (tenant currency), compared with the answer's figure (docs/ask.md, Amounts).",
      }),
      quantity: AmountBound.optional().openapi({ description: 'A bound on units the question named (docs/ask.md, Amounts).' }),
    }),
    answer: z.string(),
    rows: z.array(record),
    columns: z.array(z.object({ key: z.string(), label: z.string() })),
    citations: z.array(Citation),
    explanation: z.string(),
    /** The rules' own explanation, kept when a model wrote `explanation`. */
    ruleExplanation: z.string(),
    source: z.enum(['rules', 'model']),
    confidence: z.number(),
    suggestions: z.array(z.string()),
    candidates: z.array(z.object({ kind: z.enum(['product', 'customer']), id: z.string(), label: z.string() })),
    totalRows: z.number().int(),
    notice: z.object({ code: z.enum(['budget', 'rate', 'malformed', 'error', 'timeout']), message: z.string() }).nullable(),
    proposals: z.array(
      z.object({
        kind: z.string(),
        sku: z.string(),
        status: z.enum(['proposed', 'rejected']),
        actionId: z.string().optional(),
        reason: z.string(),
      }),
    ),
  })
  .openapi('AskAnswer');

export const Dropped = z.object({ key: z.string(), bytes: z.number().int() }).openapi('Dropped');
