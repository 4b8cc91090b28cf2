// Read-shaped plan snapshots in KV: every list view is stored pre-sorted and pre-serialised in
// blocks of BLOCK_ROWS rows under the snapshot's version (`v:<tenant>:<version>:<list>:<block>`),
// with a small index per list (`v:<tenant>:<version>:<list>`: row count, the sort key of each
// block's last row, running sums at each block's end). A page reads the index and the one or two
// blocks it overlaps, so it costs the same at 100 and at 20,000 SKUs, and no value approaches KV's
// 25 MiB limit. Versioned keys are written before the head (`snap:<tenant>:plan`) names their
// version, so a half-written snapshot is never read.
//
// Reads are kept per isolate (isolate-cache.ts): a key of a published version never changes, so an
// isolate may keep what it read as long as memory allows (the TTL only bounds how long a deleted
// version lingers). Each request that misses reads KV itself: loads are never shared between requests.
import { chunk } from './db';
import { isolateCache } from '../lib/isolate-cache';

/** Rows per stored block: a block of the widest rows (reorders with explanations) stays far below 1 MB. */
export const BLOCK_ROWS = 100;

export type SortKey = string | number | null;

/** The index of one stored list. `sums[b]` are the running totals of every row up to the end of block b. */
export interface ListIndex {
  total: number;
  blocks: number;
  last: SortKey[];
  sums?: Record<string, number>[];
}

export const versionPrefix = (tenantId: string, version: number) => `v:${tenantId}:${version}:`;
const indexKey = (tenantId: string, version: number, list: string) => `${versionPrefix(tenantId, version)}${list}`;
const blockKey = (tenantId: string, version: number, list: string, b: number) => `${indexKey(tenantId, version, list)}:${b}`;

/** Options of a stored list: the sort key recorded per block (for prefix searches) and running sums. */
export interface ListOptions<T> {
  key?: (row: T) => SortKey;
  sums?: (row: T) => Record<string, number>;
}

/**
 * Writes `rows` (already in their served order) as list `list` of snapshot `version`: blocks
 * first, then the index. Returns the index. Writes run 25 at a time (KV puts are independent).
 */
export async function writeList<T>(
  kv: KVNamespace,
  tenantId: string,
  version: number,
  list: string,
  rows: readonly T[],
  opts: ListOptions<T> = {},
) {
  const blocks = chunk(rows, BLOCK_ROWS);
  const puts = blocks.map((b, i) => () => {
    pages.forget(tenantId, blockKey(tenantId, version, list, i));
    return kv.put(blockKey(tenantId, version, list, i), JSON.stringify(b));
  });
  for (let i = 0; i < puts.length; i += 25) await Promise.all(puts.slice(i, i + 25).map((p) => p()));
  const index: ListIndex = {
    total: rows.length,
    blocks: blocks.length,
    last: blocks.map((b) => (opts.key ? opts.key(b[b.length - 1]) : null)),
  };
  if (opts.sums) {
    const running: Record<string, number> = {};
    index.sums = blocks.map((b) => {
      for (const r of b) for (const [k, v] of Object.entries(opts.sums!(r))) running[k] = (running[k] ?? 0) + v;
      return { ...running };
    });
  }
  pages.forget(tenantId, indexKey(tenantId, version, list));
  await kv.put(indexKey(tenantId, version, list), JSON.stringify(index));
  return index;
}

/** How long an isolate keeps a read index or block (ms): keys of a version never change, so this only bounds memory churn. */
export const PAGE_CACHE_TTL_MS = 5 * 60_000;

/** Parsed indexes and blocks per isolate, at most 48 MB of their JSON text in all; frozen so no reader changes the next one's rows. */
const pages = isolateCache<{ value: unknown; size: number }>({
  ttlMs: PAGE_CACHE_TTL_MS,
  max: 5_000,
  maxSize: 48 * 1024 * 1024,
  sizeOf: (v) => v.size,
  immutable: true,
});

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/** One stored value of a version, parsed and frozen, through the isolate's cache; null when absent (not kept). */
async function readKept<T>(kv: KVNamespace, tenantId: string, key: string): Promise<T | null> {
  const { value } = await pages.get(tenantId, key, async () => {
    const text = await kv.get(key, 'text');
    return { value: text === null ? null : deepFreeze(JSON.parse(text) as unknown), size: text?.length ?? 0 };
  });
  if (value === null) pages.forget(tenantId, key);
  return value as T | null;
}

/** The index of a stored list (read-only), or null when the snapshot has no such list. */
export const readListIndex = (kv: KVNamespace, tenantId: string, version: number, list: string) =>
  readKept<ListIndex>(kv, tenantId, indexKey(tenantId, version, list));

/** Thrown when a version's block is gone (a reader still on a deleted version): the caller re-reads the head. */
export class MissingBlockError extends Error {}

async function readBlock<T>(kv: KVNamespace, tenantId: string, version: number, list: string, b: number): Promise<readonly T[]> {
  const rows = await readKept<T[]>(kv, tenantId, blockKey(tenantId, version, list, b));
  if (!rows) throw new MissingBlockError(`snapshot ${tenantId}:${version}: block ${b} of ${list} is missing`);
  return rows;
}

/** Rows [from, to) of a stored list (clamped to its length): reads only the blocks they lie in. */
export async function readRows<T>(
  kv: KVNamespace,
  tenantId: string,
  version: number,
  list: string,
  index: ListIndex,
  from: number,
  to: number,
): Promise<T[]> {
  const end = Math.min(to, index.total);
  if (from >= end) return [];
  const first = Math.floor(from / BLOCK_ROWS);
  const lastBlock = Math.floor((end - 1) / BLOCK_ROWS);
  const parts = await Promise.all(
    Array.from({ length: lastBlock - first + 1 }, (_, i) => readBlock<T>(kv, tenantId, version, list, first + i)),
  );
  return parts.flat().slice(from - first * BLOCK_ROWS, end - first * BLOCK_ROWS);
}

/** Every row of a stored list (a scan: for filters no stored list answers, and for whole-plan readers). */
export async function readAllRows<T>(kv: KVNamespace, tenantId: string, version: number, list: string, index: ListIndex): Promise<T[]> {
  return readRows<T>(kv, tenantId, version, list, index, 0, index.total);
}

/**
 * The length of the longest prefix of a list whose rows satisfy `inPrefix` (which must hold for a
 * prefix of the list: e.g. "expires by D" on a list sorted by expiry), found from the per-block
 * last keys and one block read; with the running sums of the rows in that prefix when the list
 * keeps sums. `keyInPrefix` decides on a block's last key, `rowInPrefix` on a row.
 */
export async function prefixOf<T>(
  kv: KVNamespace,
  tenantId: string,
  version: number,
  list: string,
  index: ListIndex,
  keyInPrefix: (key: SortKey) => boolean,
  rowInPrefix: (row: T) => boolean,
  rowSums?: (row: T) => Record<string, number>,
): Promise<{ count: number; sums: Record<string, number> }> {
  let lo = 0;
  let hi = index.blocks;
  // First block whose last row is outside the prefix.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyInPrefix(index.last[mid])) lo = mid + 1;
    else hi = mid;
  }
  const sums = { ...(lo > 0 && index.sums ? index.sums[lo - 1] : {}) };
  let count = lo * BLOCK_ROWS;
  if (lo < index.blocks) {
    for (const r of await readBlock<T>(kv, tenantId, version, list, lo)) {
      if (!rowInPrefix(r)) break;
      count++;
      if (rowSums) for (const [k, v] of Object.entries(rowSums(r))) sums[k] = (sums[k] ?? 0) + v;
    }
  } else count = index.total;
  return { count, sums };
}

/** Deletes every key of snapshot `version` (an old version once no reader can still be on it). */
export async function deleteVersion(kv: KVNamespace, tenantId: string, version: number): Promise<number> {
  let cursor: string | undefined;
  let deleted = 0;
  do {
    const page: KVNamespaceListResult<unknown, string> = await kv.list({ prefix: versionPrefix(tenantId, version), cursor });
    await Promise.all(
      page.keys.map((k) => {
        pages.forget(tenantId, k.name);
        return kv.delete(k.name);
      }),
    );
    deleted += page.keys.length;
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return deleted;
}
