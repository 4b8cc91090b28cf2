// Small per-isolate read caches for the hot request path (token checks, tenant settings, Ask's
// catalogue). Each is an LRU with a time-to-live (lru-cache), so what an isolate holds is at most
// `ttlMs` old. Entries are keyed by tenant: every change committed through the audited path
// (`recordChange`) forgets the tenant's entries in the isolate that made it, at once; other
// isolates see the change when their copy expires. Concurrent misses of one key each load their own
// (a Worker may not await I/O started by another request). `immutable` caches hold values keyed by a
// snapshot version, which a change never alters, and are not forgotten by it.
// Nothing here is shared between isolates or written anywhere.
import { LRUCache } from 'lru-cache';

export interface IsolateCache<V> {
  /** The cached value for (tenant, key), or `load()`'s when absent or older than the TTL (each caller loads its own). */
  get(tenantId: string, key: string, load: () => Promise<V>): Promise<V>;
  /** Drops one entry. */
  forget(tenantId: string, key: string): void;
  /** Drops every entry of the tenant. */
  forgetTenant(tenantId: string): void;
  /** Drops every entry. */
  clear(): void;
}

const SEP = '\u0000';
const every = new Set<IsolateCache<never>>();
/** The caches a committed change forgets (all but the `immutable` ones). */
const changeable = new Set<IsolateCache<never>>();
const scopes = new Map<string, Set<IsolateCache<never>>>();

/** Forgets a tenant's entries in every isolate cache; call after committing a change of the tenant's. */
export function forgetTenant(tenantId: string): void {
  changeable.forEach((c) => c.forgetTenant(tenantId));
}

/** The scope of caches holding a tenant's actions (what Ask reads of them). */
export const ACTIONS_SCOPE = 'actions';

/**
 * Forgets a tenant's entries in the caches of one scope only (e.g. `actions`): for changes that do
 * not go through recordChange and touch nothing else an isolate caches (an action decided in the
 * tenant object), so the tenant's users and settings stay cached.
 */
export function forgetScope(tenantId: string, scope: string): void {
  scopes.get(scope)?.forEach((c) => c.forgetTenant(tenantId));
}

/** Empties every isolate cache (tests: storage is reset between them, module state is not). */
export function clearIsolateCaches(): void {
  every.forEach((c) => c.clear());
}

/**
 * A cache of at most `max` entries, each kept `ttlMs` milliseconds.
 * A load that throws caches nothing; a load that overlaps a forget of its tenant is not kept.
 */
export function isolateCache<V extends NonNullable<unknown>>(opts: {
  ttlMs: number;
  max: number;
  /** A scope that forgetScope(tenant, scope) forgets besides forgetTenant. */
  scope?: string;
  /** The clock, in ms (tests); the platform's `performance.now()` by default. */
  now?: () => number;
  /** Bounds the entries' total size (units of `sizeOf`); a value larger than this is served but not kept. */
  maxSize?: number;
  sizeOf?: (v: V) => number;
  /**
   * Keys name content that never changes (a snapshot version's pages): a committed change of the
   * tenant (forgetTenant) does not drop them, since a change makes a new version, not a new value
   * under an old key. `forget` and `clear` still drop them.
   */
  immutable?: boolean;
}): IsolateCache<V> {
  const cache = new LRUCache<string, V>({
    max: opts.max,
    ttl: opts.ttlMs,
    // Read the clock on every get (no timer-cached "now"): an isolate's clock only moves between I/O anyway.
    ttlResolution: 0,
    ...(opts.now ? { perf: { now: opts.now } } : {}),
    ...(opts.maxSize && opts.sizeOf
      ? { maxSize: opts.maxSize, maxEntrySize: opts.maxSize, sizeCalculation: (v: V) => Math.max(1, opts.sizeOf!(v)) }
      : {}),
  });
  // Bumped by every forget: a load that started before it must not store what it read. (Loads are
  // never shared between callers: a Worker may not await another request's I/O.)
  const generation = new Map<string, number>();
  let epoch = 0;
  let counter = 0;
  const genOf = (tenantId: string) => `${epoch}:${generation.get(tenantId) ?? 0}`;
  const bump = (tenantId: string) => {
    // Past many tenants, start a new epoch instead of growing: loads in flight then just aren't kept.
    if (generation.size >= 10_000) {
      epoch++;
      generation.clear();
    }
    generation.set(tenantId, ++counter);
  };
  const self: IsolateCache<V> = {
    async get(tenantId, key, load) {
      const k = tenantId + SEP + key;
      const hit = cache.get(k);
      if (hit !== undefined) return hit;
      const before = genOf(tenantId);
      const v = await load();
      if (opts.immutable || genOf(tenantId) === before) cache.set(k, v);
      return v;
    },
    forget(tenantId, key) {
      bump(tenantId);
      cache.delete(tenantId + SEP + key);
    },
    forgetTenant(tenantId) {
      bump(tenantId);
      const prefix = tenantId + SEP;
      for (const k of [...cache.keys()]) if (k.startsWith(prefix)) cache.delete(k);
    },
    clear() {
      epoch++;
      generation.clear();
      cache.clear();
    },
  };
  every.add(self as unknown as IsolateCache<never>);
  if (!opts.immutable) changeable.add(self as unknown as IsolateCache<never>);
  if (opts.scope) {
    if (!scopes.has(opts.scope)) scopes.set(opts.scope, new Set());
    scopes.get(opts.scope)!.add(self as unknown as IsolateCache<never>);
  }
  return self;
}
