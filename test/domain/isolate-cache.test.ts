// Per-isolate read caches: bounded age, one load per key at a time, and a tenant's change forgets
// what was read before it, even a read still in flight.
import { describe, expect, it } from 'vitest';
import { forgetTenant, isolateCache } from '../../worker/lib/isolate-cache';

describe('isolateCache', () => {
  it('loads once, serves the copy, and keeps tenants apart', async () => {
    const c = isolateCache<string>({ ttlMs: 5_000, max: 10 });
    let loads = 0;
    const load = (v: string) => async () => (loads++, v);
    expect(await c.get('t1', 'k', load('one'))).toBe('one');
    expect(await c.get('t1', 'k', load('two'))).toBe('one');
    expect(await c.get('t2', 'k', load('other'))).toBe('other');
    expect(loads).toBe(2);
  });

  it('reads again once the entry is older than its time-to-live', async () => {
    let clock = 1_000;
    const c = isolateCache<number>({ ttlMs: 5_000, max: 10, now: () => clock });
    let n = 0;
    const load = async () => ++n;
    expect(await c.get('t', 'k', load)).toBe(1);
    clock += 4_900;
    expect(await c.get('t', 'k', load)).toBe(1);
    clock += 200;
    expect(await c.get('t', 'k', load)).toBe(2);
  });

  it('forgets a tenant at once, including a load that started before the change', async () => {
    const c = isolateCache<string>({ ttlMs: 60_000, max: 10 });
    await c.get('t1', 'k', async () => 'before');
    await c.get('t2', 'k', async () => 'kept');
    let release!: () => void;
    const slow = c.get('t1', 'other', () => new Promise<string>((ok) => (release = () => ok('stale'))));
    forgetTenant('t1');
    release();
    expect(await slow).toBe('stale'); // the caller that asked before the change gets its read…
    expect(await c.get('t1', 'other', async () => 'fresh')).toBe('fresh'); // …but it is not kept
    expect(await c.get('t1', 'other', async () => 'later')).toBe('fresh');
    expect(await c.get('t1', 'k', async () => 'after')).toBe('after');
    expect(await c.get('t2', 'k', async () => 'reloaded')).toBe('kept');
  });

  it('caches nothing from a load that fails', async () => {
    const c = isolateCache<string>({ ttlMs: 60_000, max: 10 });
    await expect(c.get('t', 'k', async () => Promise.reject(new Error('D1 down')))).rejects.toThrow('D1 down');
    expect(await c.get('t', 'k', async () => 'ok')).toBe('ok');
  });

  it('keeps what an immutable cache holds when the tenant changes, and drops it on an explicit forget', async () => {
    const pages = isolateCache<string>({ ttlMs: 60_000, max: 10, immutable: true });
    const settings = isolateCache<string>({ ttlMs: 60_000, max: 10 });
    await pages.get('t', 'v1:block0', async () => 'rows');
    await settings.get('t', 'zone', async () => 'UTC');
    forgetTenant('t');
    expect(await pages.get('t', 'v1:block0', async () => 'read again')).toBe('rows');
    expect(await settings.get('t', 'zone', async () => 'Asia/Seoul')).toBe('Asia/Seoul');
    pages.forget('t', 'v1:block0');
    expect(await pages.get('t', 'v1:block0', async () => 'rewritten')).toBe('rewritten');
  });
});
