// The imports queue consumer, driven message by message: a file split across deliveries by byte
// offset, redelivered and concurrent duplicates, stale runs, malformed bodies, and R2 file drops.
// Continuations it sends also reach the runtime's own consumer; every assertion here holds
// whichever of the two gets a step first (that is the point of the step dedupe).
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { consumeImports } from '../../queues/imports.consumer';
import worker from '../../worker/index';
import { createDb } from '../../worker/data/db';
import { getImport, registerImport } from '../../worker/imports/imports.repo';
import type { Budget } from '../../worker/imports/pipeline';
import { sha256Hex, uploadKey } from '../../worker/imports/register';
import { csv, freshTenant, rowsOf, waitForImport } from '../fixtures/imports/helpers';

let t: Awaited<ReturnType<typeof freshTenant>>;
beforeAll(async () => {
  t = await freshTenant('q');
});

const ONE_STEP: Budget = { ms: 0, blockChars: 4096, commitRows: 500 };
let seq = 0;

/** Registers an import the way the upload route does, but sends no message: the test drives it. */
async function staged(entity: string, text: string, extra: Record<string, unknown> = {}) {
  const id = crypto.randomUUID();
  const objectKey = uploadKey('q', id, `${entity}.csv`);
  const bytes = new TextEncoder().encode(text);
  await env.FILES.put(objectKey, bytes);
  const { row } = await registerImport(createDb(env), {
    id,
    tenantId: 'q',
    entity,
    fileName: `${entity}.csv`,
    objectKey,
    sha256: await sha256Hex(bytes),
    bytesTotal: bytes.length,
    createdBy: 'planner@q.test',
    createdById: 'q-planner',
    ...extra,
  });
  return row;
}

async function deliver(body: unknown, budget?: Budget, attempts = 1) {
  const batch = createMessageBatch('lotwise-imports', [{ id: `m-${++seq}`, timestamp: new Date(), attempts, body }]);
  await consumeImports(batch, env, budget);
  return getQueueResult(batch, createExecutionContext());
}

const jobFor = async (id: string) => {
  const imp = (await getImport(createDb(env), 'q', id))!;
  return { type: 'import' as const, tenantId: 'q', importId: id, run: imp.run, step: imp.step };
};

const ordersFile = (prefix: string, n: number) =>
  csv(
    'order_id,customer_id,order_date,sku,quantity',
    ...Array.from(
      { length: n },
      (_, i) => `${prefix}-${i},CUST-0001,2026-02-${String(1 + (i % 28)).padStart(2, '0')},KR-NDL-001,${1 + (i % 9)}`,
    ),
  );
const countOf = async (prefix: string) =>
  (await rowsOf<{ n: number }>("SELECT count(*) AS n FROM order_lines WHERE tenant_id = 'q' AND order_id LIKE ?", `${prefix}-%`))[0].n;

describe('a large file across deliveries', () => {
  it('stops each delivery after its budget, resumes at the stored byte offset, and shows nothing until the commit', async () => {
    const imp = await staged('orders', ordersFile('SPLIT', 3000));
    await deliver(await jobFor(imp.id), ONE_STEP);
    const after1 = (await getImport(createDb(env), 'q', imp.id))!;
    expect(after1).toMatchObject({ status: 'parsing', step: 1 });
    expect(after1.bytesProcessed).toBeGreaterThan(0);
    expect(after1.bytesProcessed).toBeLessThan(after1.bytesTotal);
    expect(JSON.parse(after1.checkpoint)).toMatchObject({ offset: after1.bytesProcessed, phase: 'parse' });

    let deliveries = 1;
    for (;;) {
      const cur = (await getImport(createDb(env), 'q', imp.id))!;
      if (cur.status === 'done' || cur.status === 'failed') break;
      // Readers see the old state (none of these rows) until the whole file commits.
      expect(await countOf('SPLIT')).toBe(0);
      await deliver(await jobFor(imp.id), ONE_STEP);
      deliveries++;
    }
    const done = (await getImport(createDb(env), 'q', imp.id))!;
    expect(done).toMatchObject({ status: 'done', rowsOk: 3000, rowsFailed: 0, rowsTotal: 3000 });
    expect(done.step).toBeGreaterThan(20); // ~100 KB of CSV in 4 KB steps, then check and commit
    expect(deliveries).toBeGreaterThan(1);
    expect(await countOf('SPLIT')).toBe(3000);
    expect(await rowsOf('SELECT count(*) AS n FROM import_chunks WHERE import_id = ?', imp.id)).toEqual([{ n: 1 }]); // staging cleared
    // When the rows became visible is kept with the phase times (operators and the benchmark read it).
    const { timings } = JSON.parse(done.checkpoint) as { timings: Record<string, number> };
    expect(timings.done).toBeGreaterThanOrEqual(timings.start);
    expect(timings.done).toBeLessThanOrEqual(Date.now());
    expect(timings.parse).toBeGreaterThanOrEqual(0);
    expect(timings.commit).toBeGreaterThanOrEqual(0);
  });
});

describe('at-least-once delivery', () => {
  it('acknowledges a redelivered step without counting it twice', async () => {
    const imp = await staged('orders', ordersFile('REDO', 400));
    const first = await jobFor(imp.id);
    await deliver(first, ONE_STEP);
    const once = (await getImport(createDb(env), 'q', imp.id))!;
    const r = await deliver(first, ONE_STEP);
    expect(r.explicitAcks).toHaveLength(1);
    expect(r.retryMessages).toEqual([]);
    const twice = (await getImport(createDb(env), 'q', imp.id))!;
    expect(twice.rowsProcessed).toBeGreaterThanOrEqual(once.rowsProcessed);
    const done = await waitForImport(t.planner, imp.id);
    expect(done).toMatchObject({ status: 'done', rowsOk: 400, rowsProcessed: 400 });
    expect(await countOf('REDO')).toBe(400);
  });

  it('lets exactly one of two concurrent deliveries of a step write it', async () => {
    const imp = await staged(
      'inventory_lots',
      csv(
        'lot_id,sku,warehouse,quantity_on_hand,received_date,expiration_date',
        'QL-1,KR-NDL-001,NJ1,7,2026-01-01,2027-01-01',
        'QL-2,KR-NDL-001,NJ1,3,2026-01-01,2027-01-01',
      ),
    );
    const job = await jobFor(imp.id);
    await Promise.all([deliver(job), deliver(job), deliver(job)]);
    const done = await waitForImport(t.planner, imp.id);
    expect(done).toMatchObject({ status: 'done', rowsOk: 2 });
    // Stock and ledger written once: one IN movement, lines summing to the lot quantities.
    expect(await rowsOf("SELECT type, quantity FROM movements WHERE tenant_id = 'q' AND reference = ?", imp.id)).toEqual([
      { type: 'IN', quantity: 10 },
    ]);
    expect(await rowsOf("SELECT lot_id, quantity_on_hand FROM lots WHERE tenant_id = 'q' AND lot_id LIKE 'QL-%' ORDER BY lot_id")).toEqual([
      { lot_id: 'QL-1', quantity_on_hand: 7 },
      { lot_id: 'QL-2', quantity_on_hand: 3 },
    ]);
  });

  it('drops messages of an earlier run and of finished imports; acks malformed bodies', async () => {
    const imp = await staged('customers', csv('customer_id,name', 'QC-1,One'), { run: 2 });
    const stale = await deliver({ type: 'import', tenantId: 'q', importId: imp.id, run: 1, step: 0 });
    expect(stale.explicitAcks).toHaveLength(1);
    expect((await getImport(createDb(env), 'q', imp.id))!).toMatchObject({ status: 'queued', step: 0 });
    await deliver(await jobFor(imp.id));
    expect(await waitForImport(t.planner, imp.id)).toMatchObject({ status: 'done' });
    expect((await deliver({ type: 'import', tenantId: 'q', importId: imp.id, run: 2, step: 0 })).explicitAcks).toHaveLength(1);
    const bad = await deliver({ hello: 'world' });
    expect(bad.explicitAcks).toHaveLength(1);
    expect(bad.retryMessages).toEqual([]);
  });

  it('fails a job whose file is gone from storage, with the reason', async () => {
    const imp = await staged('customers', csv('customer_id,name', 'QC-2,Two'));
    await env.FILES.delete(imp.objectKey);
    await deliver(await jobFor(imp.id));
    expect(await waitForImport(t.planner, imp.id)).toMatchObject({
      status: 'failed',
      message: 'The uploaded file is missing from storage.',
    });
  });
});

describe('R2 file drops', () => {
  const event = (key: string, action = 'PutObject') => ({
    account: 'acc',
    action,
    bucket: 'lotwise-files',
    object: { key, size: 1, eTag: 'e' },
    eventTime: new Date().toISOString(),
  });
  const landingImports = () =>
    rowsOf<{ id: string; file_name: string; status: string; object_key: string }>(
      "SELECT id, file_name, status, object_key FROM imports WHERE tenant_id = 'q' AND source = 'landing' ORDER BY created_at",
    );

  it('takes a dropped file in: keeps it under uploads/, removes it from landing/, imports it', async () => {
    const file = csv('customer_id,name,region,channel', 'DROP-1,Dropped Mart,West,grocery');
    await env.FILES.put('landing/q/customers/erp-2026-11-20.csv', file);
    const r = await deliver(event('landing/q/customers/erp-2026-11-20.csv'));
    expect(r.explicitAcks).toHaveLength(1);
    const [imp] = await landingImports();
    expect(imp).toMatchObject({ file_name: 'erp-2026-11-20.csv', object_key: `uploads/q/${imp.id}/erp-2026-11-20.csv` });
    expect(await waitForImport(t.planner, imp.id)).toMatchObject({ status: 'done', rowsOk: 1, source: 'landing' });
    expect(await env.FILES.head('landing/q/customers/erp-2026-11-20.csv')).toBeNull();
    expect(await (await env.FILES.get(imp.object_key))!.text()).toBe(file);
    // The event again (redelivery), and the same bytes dropped again: no new import, no new rows.
    await deliver(event('landing/q/customers/erp-2026-11-20.csv'));
    await env.FILES.put('landing/q/customers/erp-again.csv', file);
    await deliver(event('landing/q/customers/erp-again.csv'));
    expect(await landingImports()).toHaveLength(1);
    expect(await env.FILES.head('landing/q/customers/erp-again.csv')).toBeNull();
  });

  it('records a drop for an unknown entity as a failed import with an alert', async () => {
    await env.FILES.put('landing/q/pallets/p.csv', 'a,b\n1,2\n');
    await deliver(event('landing/q/pallets/p.csv'));
    const imp = (await landingImports()).find((i) => i.file_name === 'p.csv')!;
    expect(await waitForImport(t.planner, imp.id)).toMatchObject({
      status: 'failed',
      entity: 'pallets',
      message: 'Unknown entity "pallets".',
    });
    expect(
      await rowsOf(
        "SELECT kind, severity, message, message_ko FROM alerts WHERE tenant_id = 'q' AND dedupe_key = ?",
        `import-failed:${imp.id}:1`,
      ),
    ).toEqual([
      {
        kind: 'import-failed',
        severity: 'warning',
        message: 'Dropped file p.csv (pallets) failed to import: Unknown entity "pallets".',
        // The alerts page's Korean; channels receive the English.
        message_ko: '연동 폴더에 들어온 파일 p.csv(pallets) 가져오기 실패: 알 수 없는 데이터 종류 "pallets".',
      },
    ]);
  });

  it('ignores deletions and keys outside landing/, and leaves files of unknown tenants in place', async () => {
    await env.FILES.put('landing/nobody/orders/x.csv', 'x');
    for (const e of [
      event('landing/q/orders/gone.csv', 'DeleteObject'),
      event('uploads/q/x/y.csv'),
      event('landing/nobody/orders/x.csv'),
    ]) {
      const r = await deliver(e);
      expect(r.explicitAcks).toHaveLength(1);
    }
    expect(await env.FILES.head('landing/nobody/orders/x.csv')).not.toBeNull();
  });

  it('is reached through the Worker’s queue handler', async () => {
    await env.FILES.put('landing/q/warehouses/wh.csv', csv('code,name', 'QW1,Queue Warehouse'));
    const batch = createMessageBatch('lotwise-imports', [
      { id: 'via-entry', timestamp: new Date(), attempts: 1, body: event('landing/q/warehouses/wh.csv') },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['via-entry']);
    const imp = (await landingImports()).find((i) => i.file_name === 'wh.csv')!;
    expect(await waitForImport(t.planner, imp.id)).toMatchObject({ status: 'done' });
  });
});
