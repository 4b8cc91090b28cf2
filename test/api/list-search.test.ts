// The web app's list pages hand their search box to the API's `q` (components/data-table.tsx,
// `serverSearch`): what a person types there is found through these answers, in every row of the
// list, including what a row does not show (a SKU on a shipment's line, a product's supplier).
import { beforeAll, describe, expect, it } from 'vitest';
import { call, fixtureLot, login, seedBasics } from '../helpers/api';

let planner: string;
beforeAll(async () => {
  await seedBasics();
  planner = await login('planner@demo.test');
  await fixtureLot('demo', 'LS-1', 'RAM-001', 40, 200);
  await fixtureLot('demo', 'LS-2', 'KIM-001', 10, 20);
  await fixtureLot('demo', 'LS-3', 'KIM-001', 7, 75, { warehouse: 'LA', unitCost: 3 });
  const r = await call('POST', '/api/inbound-shipments', {
    token: planner,
    body: {
      shipmentId: 'ASN-77',
      etaDate: new Date().toISOString().slice(0, 10),
      origin: 'Busan, KR',
      lines: [{ sku: 'KIM-001', quantity: 30 }],
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
});

const found = async (path: string, key: string) => {
  const r = await call('GET', path, { token: planner });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.items as Record<string, string>[]).map((i) => i[key]).sort();
};

describe('the search of a list page, as the API answers it', () => {
  it('inbound: a shipment by a SKU on its lines or by its origin', async () => {
    expect(await found('/api/inbound-shipments?q=kim-001', 'shipmentId')).toEqual(['ASN-77']);
    expect(await found('/api/inbound-shipments?q=busan', 'shipmentId')).toEqual(['ASN-77']);
  });

  it('customers: by region, channel and warehouse as well as id and name (the page searched those columns)', async () => {
    expect(await found('/api/customers?q=east', 'customerId')).toEqual(['C-001']);
    expect(await found('/api/customers?q=grocery', 'customerId')).toEqual(['C-001']);
    expect(await found('/api/customers?q=central', 'customerId')).toEqual([]);
  });

  it('SKUs: by category and supplier as well as code and name', async () => {
    expect(await found('/api/products?q=noodles', 'sku')).toEqual(['RAM-001']);
    expect(await found('/api/products?q=han%20river', 'sku')).toEqual(['KIM-001', 'RAM-001']);
  });

  it('lots: every lot of the window whose lot number, SKU or warehouse holds the text, with their totals', async () => {
    const r = await call('GET', '/api/expiring?days=730&q=kim-001', { token: planner });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.items.map((l: { lotId: string }) => l.lotId)).toEqual(['LS-2', 'LS-3']);
    expect(r.body.total).toBe(2);
    expect(r.body.totals).toMatchObject({ units: 17, value: 10 * 2 + 7 * 3 });
    expect(await found('/api/expiring?days=730&q=la', 'lotId')).toEqual(['LS-3']);
    expect(await found('/api/expiring?days=730&q=ls-1', 'lotId')).toEqual(['LS-1']);
    // Paged like the whole window: the second page of one row holds the second lot found.
    expect(await found('/api/expiring?days=730&q=kim-001&page=2&pageSize=1', 'lotId')).toEqual(['LS-3']);
  });
});
