import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlanSummary } from '../../worker/data/plan.store';
import { refreshTenant } from '../../worker/planning/refresh/job';
import type { Env } from '../../worker/lib/env';
import { seedBasics } from '../helpers/api';
import { sellingProduct } from '../helpers/actions';

// One SKU a chunk: planned alone, every selling SKU would hold 100 % of its chunk's value and be "A".
const split = { ...env, REFRESH_CHUNK_SKUS: '1' } as Env;
const whole = { ...env, REFRESH_CHUNK_SKUS: '1000' } as Env;

const classesOf = async () => {
  const plan = (await loadPlanSummary(env, 'demo'))!.payload;
  return Object.fromEntries(
    plan.skus.map((s) => [s.sku, { class: s.class, safetyStock: s.reorder.safetyStock, order: s.reorder.quantity }]),
  );
};

beforeAll(async () => {
  await seedBasics();
  // Pareto-shaped sales: one SKU carries most of the value, the others little; one sells in bursts.
  await sellingProduct('CL-BIG', 200, 200);
  await sellingProduct('CL-MID', 12, 200);
  await sellingProduct('CL-LOW', 2, 200);
  await sellingProduct('CL-TINY', 1, 30);
});

describe('ABC/XYZ classes of a chunked refresh', () => {
  it('gives every SKU the class and safety stock of a plan computed whole', async () => {
    const t = Date.now() - 120_000;
    const chunked = await refreshTenant(split, 'demo', t);
    expect(chunked.skus).toBeGreaterThanOrEqual(6);
    const fromChunks = await classesOf();

    const one = await refreshTenant(whole, 'demo', t + 60_000);
    expect(one.wrotePlan).toBe(true);
    const fromWhole = await classesOf();

    expect(fromChunks).toEqual(fromWhole);
    // The whole-tenant classes are not all "A": chunk-local classification would have differed.
    expect(Object.values(fromWhole).some((c) => !c.class.startsWith('A'))).toBe(true);
    expect(fromWhole['CL-BIG'].class).toMatch(/^A/);
  });
});
