import { z } from 'zod';
import type { AlertMessage, ImportsMessage, RefreshQueueMessage } from './messages';

/** Bindings and variables of the API Worker, as declared in wrangler.toml. */
export interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  SNAPSHOTS: KVNamespace;
  // Producers: each queue carries one message contract (lib/messages.ts).
  IMPORTS_QUEUE: Queue<ImportsMessage>;
  REFRESH_QUEUE: Queue<RefreshQueueMessage>;
  ALERTS_QUEUE: Queue<AlertMessage>;
  TENANT: DurableObjectNamespace;
  ENVIRONMENT: string;
  JWT_SECRET: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  JWT_TTL_SECONDS: string;
  MAX_UPLOAD_BYTES: string;
  /** SKUs a refresh chunk plans in one queue message (default 200; docs/refresh.md). */
  REFRESH_CHUNK_SKUS?: string;
  /** HMAC key of audit checkpoints (a secret); derived from JWT_SECRET when unset. */
  AUDIT_CHECKPOINT_KEY?: string;
  // Ask's optional model (docs/ask.md): off unless ASK_MODEL is "openai" (with ASK_MODEL_URL and the
  // secret ASK_MODEL_KEY) or "workers-ai" (with the AI binding).
  ASK_MODEL?: string;
  ASK_MODEL_URL?: string;
  ASK_MODEL_KEY?: string;
  ASK_MODEL_NAME?: string;
  ASK_MODEL_TIMEOUT_MS?: string;
  ASK_MODEL_SLOW_MS?: string;
  ASK_MONTHLY_BUDGET_USD?: string;
  ASK_RATE_PER_MINUTE?: string;
  ASK_USD_PER_1K_INPUT_TOKENS?: string;
  ASK_USD_PER_1K_OUTPUT_TOKENS?: string;
  ASK_MAX_PROMPT_CHARS?: string;
  ASK_MAX_OUTPUT_TOKENS?: string;
  AI?: { run(model: string, input: unknown, options?: unknown): Promise<unknown> };
}

const configSchema = z.object({
  ENVIRONMENT: z.string().min(1),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters'),
  JWT_ISSUER: z.string().min(1),
  JWT_AUDIENCE: z.string().min(1),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .max(7 * 24 * 3600),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive(),
});

export type Config = z.infer<typeof configSchema>;

const cache = new WeakMap<object, Config>();

/** Validated configuration; a misconfigured deployment fails loudly instead of signing with a weak key. */
export function config(env: Env): Config {
  let c = cache.get(env);
  if (!c) {
    c = configSchema.parse(env);
    cache.set(env, c);
  }
  return c;
}

export const isDevelopment = (env: Env) => env.ENVIRONMENT === 'development';
