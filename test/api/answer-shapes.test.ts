// One field, one shape: a record's JSON-valued fields (an action's evidence and outcome, a job's
// result) are objects in every answer that carries them — list, detail, the answer to a change —
// and the OpenAPI document says so, so a client never parses a string in one place and reads an
// object in another.
import { beforeAll, describe, expect, it } from 'vitest';
import { call, fixtureLot, login, seedBasics } from '../helpers/api';
import { refreshDemo, sellingProduct } from '../helpers/actions';

const SKU = 'SHAPE-R1';
let planner: string;
let approver: string;

beforeAll(async () => {
  await seedBasics();
  await sellingProduct(SKU, 6);
  await fixtureLot('demo', 'SHAPE-L1', SKU, 10, 200);
  await refreshDemo();
  [planner, approver] = await Promise.all([login('planner@demo.test'), login('approver@demo.test')]);
});

const isPlainObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

describe("an action's evidence and outcome", () => {
  it('are objects in the list, the detail and every answer to a change, and the same in each', async () => {
    const created = await call('POST', '/api/actions', {
      token: planner,
      body: { kind: 'reorder', sku: SKU, quantity: 24, reason: 'A trade show needs stock.', confirmDuplicate: true },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(isPlainObject(created.body.evidence)).toBe(true);
    expect(created.body.outcome).toBeNull();
    const id = created.body.id as string;

    const listed = async () => {
      const r = await call('GET', `/api/actions?sku=${SKU}&pageSize=100&status=proposed,approved,executed`, { token: planner });
      expect(r.status).toBe(200);
      return r.body.items.find((a: { id: string }) => a.id === id);
    };
    const detail = async () => (await call('GET', `/api/actions/${id}`, { token: planner })).body;

    // Every item of the list, not only this one, carries evidence as an object.
    const page = await call('GET', `/api/actions?sku=${SKU}&pageSize=100`, { token: planner });
    expect(page.body.items.length).toBeGreaterThan(0);
    for (const a of page.body.items) expect(isPlainObject(a.evidence), `${a.id} evidence`).toBe(true);

    const before = await listed();
    expect(before.evidence).toEqual((await detail()).evidence);
    expect(before.evidence).toMatchObject({ source: 'manual' });
    expect(before.outcome).toBeNull();

    const approved = await call('POST', `/api/actions/${id}/approve`, { token: approver });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.evidence).toEqual(before.evidence);

    const executed = await call('POST', `/api/actions/${id}/execute`, { token: planner });
    expect(executed.status, JSON.stringify(executed.body)).toBe(200);
    expect(isPlainObject(executed.body.outcome)).toBe(true);
    expect(executed.body.outcome.shipmentId).toEqual(expect.stringMatching(/^PO-/));

    const after = await listed();
    const one = await detail();
    expect(after.outcome).toEqual(one.outcome);
    expect(after.outcome).toEqual(executed.body.outcome);
    expect(after.evidence).toEqual(one.evidence);
  });

  it('are declared as objects in the OpenAPI document for the list and the detail alike', async () => {
    const doc = (await call('GET', '/api/openapi.json')).body;
    type Schema = { $ref?: string; allOf?: Schema[]; properties?: Record<string, Schema>; type?: string | string[] };
    // A schema's properties, through references and `allOf` (ActionDetail extends Action).
    const properties = (s: Schema): Record<string, Schema> => {
      if (s.$ref) return properties(doc.components.schemas[s.$ref.split('/').pop()!]);
      return Object.assign({}, ...(s.allOf ?? []).map(properties), s.properties ?? {});
    };
    const types = (s: Schema) => [s.type ?? []].flat();
    for (const schema of [doc.components.schemas.ActionPage.properties.items.items, doc.components.schemas.ActionDetail]) {
      const p = properties(schema);
      expect(types(p.evidence)).toEqual(['object']);
      expect(types(p.outcome).sort()).toEqual(['null', 'object']);
    }
  });
});

describe("a refresh's recorded result on the status page", () => {
  it('is an object beside its text, not JSON inside a string the page has to parse', async () => {
    const admin = await login('admin@demo.test');
    await refreshDemo();
    const r = await call('GET', '/api/status', { token: admin });
    expect(r.status).toBe(200);
    const last = r.body.refresh.lastSuccess;
    expect(last).not.toBeNull();
    expect(isPlainObject(last.result)).toBe(true);
    expect(last.result.skus).toEqual(expect.any(Number));
    for (const j of r.body.jobs) expect(j.result === null || isPlainObject(j.result), j.job).toBe(true);
  });
});
