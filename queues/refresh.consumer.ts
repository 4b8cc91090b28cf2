// The refresh queue: requests become jobs, chunks are planned, complete jobs are published
// (worker/planning/refresh). At-least-once and out of order: every step is idempotent, and
// snapshots only move forward in version.
import type { Env } from '../worker/lib/env';
import { raiseEventAlert } from '../worker/alerts/deliver';
import { retryDelaySeconds } from '../worker/domain/alert-payloads';
import { RefreshQueueMessage } from '../worker/planning/refresh/messages';
import { handleChunk, handlePublish, refreshNowOrQueue } from '../worker/planning/refresh/job';

export { RefreshMessage } from '../worker/planning/refresh/messages';

export async function consumeRefresh(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const msg of batch.messages) {
    const parsed = RefreshQueueMessage.safeParse(msg.body);
    if (!parsed.success) {
      console.error('refresh: dropping malformed message', msg.id);
      msg.ack();
      continue;
    }
    const m = parsed.data;
    try {
      // A tenant of one chunk is planned in this delivery; a larger one fans out into chunk messages.
      if (m.type === 'refresh') await refreshNowOrQueue(env, m.tenantId, m.requestedAt, m.reason);
      else if (m.type === 'refresh-chunk') await handleChunk(env, m);
      else await handlePublish(env, m);
      msg.ack();
    } catch (e) {
      const version = m.type === 'refresh' ? m.requestedAt : m.version;
      // The views stay at their last good version; say so once per failed run.
      await raiseEventAlert(env, m.tenantId, {
        dedupeKey: `refresh-failed:${version}`,
        kind: 'refresh-failed',
        severity: msg.attempts >= 3 ? 'critical' : 'warning',
        message:
          `The plan refresh requested at ${new Date(version).toISOString()} failed (${m.type}, attempt ${msg.attempts}); views still show the last good plan. ${String(e)}`.slice(
            0,
            1000,
          ),
        // The error itself stays as the runtime wrote it.
        messageKo:
          `${new Date(version).toISOString()}에 요청한 계획 갱신이 실패했습니다(${m.type}, ${msg.attempts}번째 시도). 화면은 마지막으로 성공한 계획을 계속 보여 줍니다. ${String(e)}`.slice(
            0,
            1000,
          ),
      }).catch((alertError) => console.error('refresh-failed alert not raised', alertError));
      msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts) });
    }
  }
}
