// The queue contracts of lib/messages.ts hold to wrangler.toml: the same queue names, each producer
// binding on its queue, a consumer for every queue consumed; the builders producers send through
// make messages their consumers accept, and refuse what no consumer could read.
import { describe, expect, it } from 'vitest';
import wranglerToml from '../../wrangler.toml?raw';
import { CONSUMERS } from '../../queues';
import {
  AlertMessage,
  alertMessage,
  DeadLetterMessage,
  importJob,
  ImportsMessage,
  objectPutEvent,
  QUEUES,
} from '../../worker/lib/messages';

/** The [[queues.producers]] and [[queues.consumers]] tables of wrangler.toml, each as its key = "value" pairs. */
function queueTables(kind: 'producers' | 'consumers'): Record<string, string>[] {
  return wranglerToml
    .split(/^\[\[/m)
    .filter((block) => block.startsWith(`queues.${kind}]]`))
    .map((block) => Object.fromEntries([...block.matchAll(/^(\w+)\s*=\s*"([^"]*)"/gm)].map((m) => [m[1], m[2]])));
}

describe('queue names and bindings', () => {
  it('names exactly the queues wrangler.toml declares, dead-letter queues included', () => {
    const declared = new Set([
      ...queueTables('producers').map((t) => t.queue),
      ...queueTables('consumers').flatMap((t) => [t.queue, t.dead_letter_queue].filter(Boolean)),
    ]);
    expect([...declared].sort()).toEqual(Object.values(QUEUES).sort());
  });

  it('binds each producer to its queue', () => {
    const bindings = Object.fromEntries(queueTables('producers').map((t) => [t.binding, t.queue]));
    expect(bindings).toEqual({ IMPORTS_QUEUE: QUEUES.imports, REFRESH_QUEUE: QUEUES.refresh, ALERTS_QUEUE: QUEUES.alerts });
  });

  it('has a consumer for every queue wrangler.toml consumes', () => {
    const consumed = queueTables('consumers').map((t) => t.queue);
    expect(consumed.length).toBe(6);
    for (const q of consumed) expect(CONSUMERS[q as keyof typeof CONSUMERS], q).toBeTypeOf('function');
  });
});

describe('message builders', () => {
  it('build what the consumers parse', () => {
    const job = importJob({ tenantId: 'demo', id: 'imp-1', run: 2, step: 5 });
    expect(ImportsMessage.parse(job)).toEqual({ type: 'import', tenantId: 'demo', importId: 'imp-1', run: 2, step: 5 });
    const event = objectPutEvent({ key: 'landing/demo/products/p.csv', size: 10, eTag: 'e1' }, 'landing-scan', new Date(0));
    expect(ImportsMessage.parse(event)).toEqual({
      account: 'landing-scan',
      action: 'PutObject',
      bucket: 'lotwise-files',
      object: { key: 'landing/demo/products/p.csv', size: 10, eTag: 'e1' },
      eventTime: '1970-01-01T00:00:00.000Z',
    });
    expect(AlertMessage.parse(alertMessage('demo', 'a-1'))).toEqual({ type: 'alert', tenantId: 'demo', alertId: 'a-1' });
  });

  it('refuse a message no consumer could read', () => {
    expect(() => importJob({ tenantId: '', id: 'imp-1', run: 1, step: 0 })).toThrow();
    expect(() => importJob({ tenantId: 'demo', id: 'imp-1', run: 0, step: 0 })).toThrow();
    expect(() => objectPutEvent({ key: '', size: 1, eTag: 'e' })).toThrow();
    expect(() => alertMessage('demo', '')).toThrow();
  });

  it('read the tenant of any dead letter, and nothing else', () => {
    expect(DeadLetterMessage.parse(alertMessage('demo', 'a-1')).tenantId).toBe('demo');
    expect(DeadLetterMessage.parse({ tenantId: 42 }).tenantId).toBeUndefined();
    expect(DeadLetterMessage.safeParse('not an object').success).toBe(false);
  });
});
