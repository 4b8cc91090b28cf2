// One chunk of a refresh: plan a SKU range with the engine, keep its per-SKU detail in D1 (written
// only where it changed) and stage what the publish step needs in KV under the job's key. Running
// a chunk twice stages the same bytes and writes no detail twice: the engine is deterministic.
import type { Env } from '../../lib/env';
import { createDb, type Db } from '../../data/db';
import { loadCustomers, loadWarehouses } from '../../data/planning.repo';
import { jobChunks, loadRangeInputs, type RefreshChunkRow, type RefreshJobRow } from '../../data/refresh.repo';
import { saveSkuDetail, summariseSku, type SkuSummary } from '../../data/plan.store';
import { getTenant, tenantSettings } from '../../data/tenants.repo';
import { adapterContext } from '../../actions/sync';
import { candidatesFromPlan, type ActionCandidate } from '../../actions/plan-adapter';
import { DEFAULT_CLASSIFICATION, type ClassificationSettings } from '../../domain/abc-xyz';
import { chunkClasses } from './classes';
import { planAlerts, type PlanAlert } from '../../domain/alerts';
import { planTenant, type TenantPlan } from '../../domain/plan';
import type { AbcXyz } from '../../domain/types';
import { holidaysOf } from '../holidays';
import { expiringRowsOf, type ExpiringRow } from '../expiring';

/** What a chunk hands to the publish step (KV, one key per chunk; a few hundred KB at 200 SKUs). */
export interface ChunkResult {
  idx: number;
  skus: SkuSummary[];
  transfers: TenantPlan['transfers'];
  overdueCustomers: TenantPlan['overdueCustomers'];
  lateInboundDelay: TenantPlan['lateInboundDelay'];
  warnings: string[];
  alerts: PlanAlert[];
  candidates: ActionCandidate[];
  /** Order value at product cost (the engine's totals), to add up across chunks. */
  orderValue: number;
  /** The expiring-view row of every lot of the range with stock, priced by this chunk's plan. */
  expiring: ExpiringRow[];
}

/** The tenant's classification settings: default cut-offs, its own service levels. */
export const classificationOf = (tenant: Awaited<ReturnType<typeof getTenant>>): ClassificationSettings => ({
  ...DEFAULT_CLASSIFICATION,
  serviceLevels: tenantSettings(tenant).serviceLevels as Record<AbcXyz, number>,
});

export const stageKey = (jobId: string, idx: number) => `stage:${jobId}:${idx}`;
// Staged chunks outlive any job that could still publish them, then go.
const STAGE_TTL_SECONDS = 2 * 86_400;

/** Plans one chunk of `job` and stages it. Returns the number of SKUs planned. */
export async function runChunk(env: Env, job: RefreshJobRow, c: RefreshChunkRow, db: Db = createDb(env)): Promise<number> {
  const [inputs, customers, warehouses, tenant, ctx] = await Promise.all([
    loadRangeInputs(db, job.tenantId, job.asOf, c),
    loadCustomers(db, job.tenantId),
    loadWarehouses(db, job.tenantId),
    getTenant(db, job.tenantId),
    adapterContext(db, job.tenantId),
  ]);
  const classification = classificationOf(tenant);
  const classes = await chunkClasses(env, db, job, c, () => jobChunks(db, job.id), classification);
  const plan = planTenant({ ...inputs, customers, warehouses }, job.asOf, {
    classification,
    classes,
    holidays: holidaysOf(tenant, job.asOf),
  });
  await saveSkuDetail(db, job.tenantId, job.version, plan);
  const result: ChunkResult = {
    idx: c.idx,
    skus: plan.skus.map(summariseSku),
    transfers: plan.transfers,
    overdueCustomers: plan.overdueCustomers,
    lateInboundDelay: plan.lateInboundDelay,
    warnings: plan.warnings,
    alerts: planAlerts(plan),
    candidates: candidatesFromPlan(plan, ctx),
    orderValue: plan.totals.orderValue,
    expiring: [],
  };
  result.expiring = expiringRowsOf(inputs.lots, result.skus, job.asOf);
  await env.SNAPSHOTS.put(stageKey(job.id, c.idx), JSON.stringify(result), { expirationTtl: STAGE_TTL_SECONDS });
  return plan.skus.length;
}
