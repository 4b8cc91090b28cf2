// The API Worker: HTTP (Hono), queue consumers and cron, plus the per-tenant Durable Object class.
import { createApp } from './api/app';
import { runScheduled } from './cron/schedule';
import type { Env } from './lib/env';
import { handleQueueBatch } from '../queues';

export { TenantObject } from './durable-objects/tenant-object';

const app = createApp();

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  queue: (batch, env) => handleQueueBatch(batch, env),
  scheduled: (controller, env, ctx) => ctx.waitUntil(runScheduled(controller.cron, controller.scheduledTime, env)),
} satisfies ExportedHandler<Env>;
