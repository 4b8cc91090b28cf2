import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, login, seedBasics } from '../helpers/api';
import { deliver } from '../helpers/runtime';

beforeAll(seedBasics);

describe('development landing drop', () => {
  it('puts the file under landing/<tenant>/ and its R2 event imports it', async () => {
    const admin = await login('admin@demo.test');
    const csv = 'customer_id,name,region,channel\nDROP-1,Drop Mart,East,grocery\n';
    const r = await call('PUT', '/api/dev/landing/customers/drop.csv', { token: admin, raw: csv });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ key: 'landing/demo/customers/drop.csv', bytes: csv.length });
    // The runtime may already have delivered the event; delivering it again must be harmless.
    const head = await env.FILES.head('landing/demo/customers/drop.csv');
    if (head)
      await deliver('lotwise-imports', [
        {
          id: 'drop-1',
          body: {
            account: 'local',
            action: 'PutObject',
            bucket: 'lotwise-files',
            object: { key: head.key, size: head.size, eTag: head.etag },
            eventTime: new Date().toISOString(),
          },
        },
      ]);
    for (let i = 0; i < 50; i++) {
      const list = await call('GET', '/api/imports?entity=customers', { token: admin });
      const done = list.body.items.find((x: { fileName: string; status: string }) => x.fileName === 'drop.csv' && x.status === 'done');
      if (done) break;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    expect((await call('GET', '/api/customers/DROP-1', { token: admin })).body).toMatchObject({ name: 'Drop Mart', region: 'East' });
  });

  it('needs import rights', async () => {
    const staff = await login('staff@demo.test');
    expect((await call('PUT', '/api/dev/landing/customers/x.csv', { token: staff, raw: 'a' })).status).toBe(403);
    expect((await call('PUT', '/api/dev/landing/customers/x.csv', { raw: 'a' })).status).toBe(401);
  });
});
