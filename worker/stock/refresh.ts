// The one way a stock change asks for a new plan: the plan refresh use-case's debounced request.
import { enqueueDebouncedRefresh } from '../planning/refresh/enqueue';
import type { Env } from '../lib/env';

/**
 * Asks for the tenant's plan and stock view to be recomputed after a stock change: at most one
 * refresh per tenant per minute, run once that minute is over. `reason` is logged with the job.
 */
export async function requestStockRefresh(env: Env, tenantId: string, reason: string): Promise<void> {
  await enqueueDebouncedRefresh(env, tenantId, reason);
}
