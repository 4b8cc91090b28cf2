// ABC/XYZ classes for a whole tenant, once per refresh job: a SKU's class (and so its service level
// and safety stock) must not depend on which chunk plans it. The pass reads D1 aggregates range by
// range (at most 53 rows per SKU), classifies every SKU together with the engine's own function,
// and stages each chunk's part in KV beside the job, where the chunk picks it up.
import type { Env } from '../../lib/env';
import type { Db } from '../../data/db';
import { rangeDemandStats, rangePrices, type RefreshChunkRow, type RefreshJobRow, type SkuRange } from '../../data/refresh.repo';
import { classifyAbcXyz, cvOfWeeklyTotals, type ClassificationSettings, type ClassifiedSku } from '../../domain/abc-xyz';
import { toDay } from '../../domain/dates';

export const classesKey = (jobId: string, idx: number) => `stage:${jobId}:classes:${idx}`;
const STAGE_TTL_SECONDS = 2 * 86_400;

/**
 * Classes of every SKU in `ranges` as the engine would give them planning the whole tenant on
 * `asOf`: ABC by share of the last 365 days' units × unit price, XYZ by the CV of the last
 * min(52, ⌊history days / 7⌋) weekly totals (abc-xyz.ts).
 */
export async function tenantClasses(
  db: Db,
  tenantId: string,
  asOf: string,
  ranges: readonly SkuRange[],
  settings: ClassificationSettings,
): Promise<Map<string, ClassifiedSku>> {
  const today = toDay(asOf);
  const items: { sku: string; annualValue: number; cv: number }[] = [];
  for (const r of ranges) {
    if (!r.skus) continue;
    const [stats, prices] = await Promise.all([rangeDemandStats(db, tenantId, asOf, r), rangePrices(db, tenantId, r)]);
    const bySku = new Map(stats.map((s) => [s.sku, s]));
    for (const p of prices) {
      const s = bySku.get(p.sku);
      if (!s) {
        items.push({ sku: p.sku, annualValue: 0, cv: Infinity });
        continue;
      }
      const weeks = Math.min(52, Math.floor((today - toDay(s.firstDay)) / 7));
      const totals = Array.from({ length: Math.max(0, weeks) }, (_, k) => s.weeks.get(k) ?? 0);
      items.push({ sku: p.sku, annualValue: s.annualUnits * p.unitPrice, cv: cvOfWeeklyTotals(totals) });
    }
  }
  return classifyAbcXyz(items, settings);
}

// JSON has no Infinity: a CV of "no demand" is stored as null and read back as Infinity.
const encode = (list: ClassifiedSku[]) => JSON.stringify(list.map((c) => ({ ...c, cv: Number.isFinite(c.cv) ? c.cv : null })));
const decode = (list: (Omit<ClassifiedSku, 'cv'> & { cv: number | null })[]) =>
  new Map(list.map((c) => [c.sku, { ...c, cv: c.cv === null ? Infinity : c.cv }] as const));

/** Computes the tenant's classes and stages each chunk's part (`stage:<job>:classes:<idx>`). */
export async function stageClasses(
  env: Env,
  db: Db,
  job: RefreshJobRow,
  chunks: readonly (SkuRange & { idx: number })[],
  settings: ClassificationSettings,
) {
  const all = await tenantClasses(db, job.tenantId, job.asOf, chunks, settings);
  await Promise.all(
    chunks.map((c) => {
      const part = [...all.values()].filter((x) => x.sku >= c.firstSku && x.sku <= c.lastSku);
      return env.SNAPSHOTS.put(classesKey(job.id, c.idx), encode(part), { expirationTtl: STAGE_TTL_SECONDS });
    }),
  );
  return all;
}

/**
 * The whole-tenant classes of one chunk's SKUs (undefined for a one-chunk job). When the pass did not stage them (the invocation
 * that created the job died first), the first chunk to notice runs it for every chunk.
 */
export async function chunkClasses(
  env: Env,
  db: Db,
  job: RefreshJobRow,
  chunk: RefreshChunkRow,
  allChunks: () => Promise<RefreshChunkRow[]>,
  settings: ClassificationSettings,
): Promise<ReadonlyMap<string, ClassifiedSku> | undefined> {
  // One chunk is the whole tenant: the engine's own classification is the tenant's.
  if (job.chunks <= 1) return undefined;
  const staged = await env.SNAPSHOTS.get<(Omit<ClassifiedSku, 'cv'> & { cv: number | null })[]>(classesKey(job.id, chunk.idx), 'json');
  if (staged) return decode(staged);
  const all = await stageClasses(env, db, job, await allChunks(), settings);
  return new Map([...all].filter(([sku]) => sku >= chunk.firstSku && sku <= chunk.lastSku));
}
