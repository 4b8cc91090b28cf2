// Actions, decisions, ROI and the audit trail as the API returns them.
import { z } from '@hono/zod-openapi';
import { ACTION_KINDS, ACTION_STATES } from '../../data/schema';
import { Action, ActionNote } from './rows';

/** One action with its notes (evidence and outcome are objects here as in every answer with an action). */
export const ActionDetail = Action.extend({ notes: z.array(ActionNote) }).openapi('ActionDetail');

export const ActionPage = z
  .object({
    items: z.array(Action),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    totals: z.object({
      count: z.number().int(),
      value: z.number(),
      groups: z.array(z.object({ kind: z.enum(ACTION_KINDS), state: z.enum(ACTION_STATES), n: z.number().int(), value: z.number() })),
    }),
    approvalThreshold: z
      .number()
      .openapi({ description: "The tenant's approval threshold: approving an action worth more takes an admin (tenant currency)." }),
    maxDiscount: z
      .number()
      .openapi({ description: "The tenant's deepest markdown, as a fraction of the price: a proposed markdown may go no deeper." }),
  })
  .openapi('ActionPage');

/** Per id: 200 with the new state, or the status and reason it was refused. */
export const BulkDecision = z
  .object({
    results: z.array(
      z.object({
        id: z.string(),
        status: z.number().int(),
        state: z.string().optional(),
        detail: z.string().optional(),
        detailKo: z.string().optional().openapi({ description: 'The refusal in Korean, as a single decision’s problem carries it.' }),
      }),
    ),
  })
  .openapi('BulkDecision');

const RoiLine = z.object({
  actionId: z.string(),
  kind: z.string(),
  sku: z.string(),
  amount: z.number(),
  status: z.enum(['pending', 'counted', 'missed']),
  detail: z.string(),
  /** The detail in Korean (ADR 025). */
  detailKo: z.string().optional(),
});
const RoiFigure = z.object({ value: z.number(), actions: z.array(RoiLine) });

export const Roi = z
  .object({
    week: z.string(),
    /** The week's local Monday dates in the tenant's time zone (`to` is the next Monday, exclusive), and the UTC instants they start at. */
    from: z.string(),
    to: z.string(),
    /** The week's last day (its Sunday, inclusive): what a printed range "from – lastDay" ends on. */
    lastDay: z.string(),
    timeZone: z.string(),
    fromInstant: z.string(),
    toInstant: z.string(),
    wasteAvoided: RoiFigure,
    stockoutsAvoided: RoiFigure,
    capitalFreed: RoiFigure,
    valueWrittenOff: RoiFigure,
    counts: z.object(Object.fromEntries(['proposed', 'approved', 'dismissed', 'executed', 'expired'].map((k) => [k, z.number().int()]))),
    decisionLatencyHours: z.object({ decisions: z.number().int(), median: z.number().nullable(), mean: z.number().nullable() }),
  })
  .openapi('Roi');

export const AuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    subject: z.string(),
    data: z.unknown().openapi({ description: 'What changed (before/after, notes), as recorded.' }),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('AuditEntry');

export const AuditPage = z.object({ items: z.array(AuditEntry), next: z.number().int().nullable() }).openapi('AuditPage');

export const AuditVerification = z
  .discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), length: z.number().int(), head: z.string(), checkpoints: z.number().int() }),
    z.object({ ok: z.literal(false), length: z.number().int(), firstBadSeq: z.number().int(), reason: z.string() }),
  ])
  .openapi('AuditVerification');

export const AuditCheckpoint = z
  .object({
    tenantId: z.string(),
    seq: z.number().int(),
    head: z.string(),
    at: z.string(),
    alg: z.literal('HMAC-SHA256'),
    signature: z.string(),
    fromSeq: z.number().int().optional(),
    hashes: z.array(z.string()).optional(),
  })
  .openapi('AuditCheckpoint');

export const StoredCheckpoint = AuditCheckpoint.extend({ key: z.string(), valid: z.boolean() }).openapi('StoredCheckpoint');
