// Cron: sign and store a checkpoint of every tenant's audit chain head in R2 (hourly, at :30).
import type { Env } from '../lib/env';
import { createDb } from '../data/db';
import { tenantIds } from '../data/stock.repo';
import { writeCheckpoint } from '../audit/checkpoints';

export async function auditCheckpoints(env: Env, scheduledTime: number): Promise<string> {
  let written = 0;
  const failed: string[] = [];
  for (const tenantId of await tenantIds(createDb(env))) {
    try {
      if (await writeCheckpoint(env, tenantId, new Date(scheduledTime))) written++;
    } catch (e) {
      // One tenant's failure must not stop the others; the next run covers it.
      console.error('audit checkpoint failed', tenantId, e);
      failed.push(tenantId);
    }
  }
  return `wrote ${written} audit checkpoints${failed.length ? `; failed: ${failed.join(', ')}` : ''}`;
}
