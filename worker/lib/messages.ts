// One contract per queue message: the queue names wrangler.toml declares, the zod schema of each
// message, and the builders every producer sends through. Consumers parse with the same schemas;
// `Env` types each producer binding as `Queue<Message>`. Messages are delivered at least once and
// out of order (ARCHITECTURE.md, invariant 3); each carries what its consumer dedupes on.
import { z } from 'zod';

/** Queue names as wrangler.toml declares them (test/queues/queue-contracts.test.ts holds the two together). */
export const QUEUES = {
  imports: 'lotwise-imports',
  refresh: 'lotwise-refresh',
  alerts: 'lotwise-alerts',
  importsDeadLetter: 'lotwise-imports-dlq',
  refreshDeadLetter: 'lotwise-refresh-dlq',
  alertsDeadLetter: 'lotwise-alerts-dlq',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

// --- imports queue -------------------------------------------------------------------------------

/** One step of an import job; (import, run, step) is its dedupe key. */
export const ImportJobMessage = z.object({
  type: z.literal('import'),
  tenantId: z.string().min(1).max(64),
  importId: z.string().min(1).max(64),
  run: z.number().int().min(1),
  step: z.number().int().min(0),
});
export type ImportJobMessage = z.infer<typeof ImportJobMessage>;

/** The next step of an import, from its row (id, run, step). */
export const importJob = (imp: { tenantId: string; id: string; run: number; step: number }): ImportJobMessage =>
  ImportJobMessage.parse({ type: 'import', tenantId: imp.tenantId, importId: imp.id, run: imp.run, step: imp.step });

/**
 * An R2 event notification for an object put (wrangler r2 bucket notification create …
 * --event-type object-create); the landing scan and local drops send the same shape, so one
 * consumer path takes in every file under landing/.
 */
export const R2EventMessage = z.object({
  account: z.string(),
  action: z.string(),
  bucket: z.string(),
  object: z.object({ key: z.string().min(1).max(1024), size: z.number().int().min(0).optional(), eTag: z.string().optional() }),
  eventTime: z.string(),
});
export type R2EventMessage = z.infer<typeof R2EventMessage>;

/**
 * The event R2 would send for a put of `object` into the files bucket. `account` says who announced
 * it: "local" for a development drop, "landing-scan" for a file whose event never came.
 */
export const objectPutEvent = (
  object: { key: string; size: number; eTag: string },
  account = 'local',
  eventTime: Date = new Date(),
): R2EventMessage =>
  R2EventMessage.parse({ account, action: 'PutObject', bucket: 'lotwise-files', object, eventTime: eventTime.toISOString() });

export const ImportsMessage = z.union([ImportJobMessage, R2EventMessage]);
export type ImportsMessage = z.infer<typeof ImportsMessage>;

// --- alerts queue --------------------------------------------------------------------------------

/** Deliver one alert to the tenant's channels; each (alert, channel) is sent once. */
export const AlertMessage = z.object({ type: z.literal('alert'), tenantId: z.string().min(1), alertId: z.string().min(1) });
export type AlertMessage = z.infer<typeof AlertMessage>;

export const alertMessage = (tenantId: string, alertId: string): AlertMessage => AlertMessage.parse({ type: 'alert', tenantId, alertId });

// --- refresh queue -------------------------------------------------------------------------------

// The refresh queue's messages belong to the plan refresh use-case: their schemas live with it in
// worker/planning/refresh/messages.ts (a refresh request, a SKU chunk of a job, a job's publish step).
export { RefreshChunkMessage, RefreshMessage, RefreshPublishMessage, RefreshQueueMessage } from '../planning/refresh/messages';

// --- dead-letter queues --------------------------------------------------------------------------

/**
 * A message that exhausted its retries, exactly as its own queue carried it (any of the above, or
 * something malformed). Only the tenant is read, to raise the alert in the right tenant.
 */
export const DeadLetterMessage = z.looseObject({ tenantId: z.string().optional().catch(undefined) });
export type DeadLetterMessage = z.infer<typeof DeadLetterMessage>;
