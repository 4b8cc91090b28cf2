// A list page's search finds what the API's q finds: the pages hand their search to the API
// (components/data-table.tsx `serverSearch`) instead of filtering the rows loaded by the columns
// shown. Searching a SKU on /inbound found nothing (the SKU is on a shipment's lines, not in its
// row), a supplier on /skus found nothing, and a lot past the first 500 of /lots was never found.
// The pages are read as the server renders them for `?q=` (what the search form submits, before
// JavaScript loads too): no browser is needed to see which rows they list.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { apiGet, apiToken, PASSWORD } from './browser';

const base = inject('baseUrl');
let token: string;
let cookie = '';

type Paged<T> = { items: T[]; total: number };

/** A web session for `email` through the sign-in form, as its cookie. */
async function webSession(email: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const form = await fetch(`${base}/login`);
  keep(form);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: header(), Origin: base },
    body: new URLSearchParams({ csrf, email, password: PASSWORD, next: '/' }),
  });
  expect(res.status, await res.text()).toBe(302);
  keep(res);
  return header();
}

/** The text of the first cell of every row marked `testId` on the page as the server renders it (25 rows a page). */
async function firstCells(path: string, testId: string): Promise<string[]> {
  const res = await fetch(`${base}${path}`, { headers: { Cookie: cookie } });
  expect(res.status, path).toBe(200);
  const html = await res.text();
  const rows = [...html.matchAll(new RegExp(`<tr[^>]*data-testid="${testId}"[^>]*>([\\s\\S]*?)</tr>`, 'g'))];
  return rows.map((r) => (/<td[^>]*>([\s\S]*?)<\/td>/.exec(r[1])?.[1] ?? '').replace(/<[^>]+>/g, '').trim());
}

beforeAll(async () => {
  token = await apiToken(base, 'planner@demo.test');
  cookie = await webSession('planner@demo.test');
});

describe('searching a list page', () => {
  it('/inbound lists the shipments that carry a SKU on a line, as GET /api/inbound-shipments?q= does', async () => {
    const all = await apiGet<Paged<{ shipmentId: string }>>(base, token, '/api/inbound-shipments?pageSize=500');
    const first = await apiGet<{ lines: { sku: string }[] }>(base, token, `/api/inbound-shipments/${all.items[0].shipmentId}`);
    const sku = first.lines[0].sku;
    const want = await apiGet<Paged<{ shipmentId: string }>>(base, token, `/api/inbound-shipments?q=${sku}&pageSize=500`);
    expect(want.total).toBeGreaterThan(0);
    const shown = await firstCells(`/inbound?q=${encodeURIComponent(sku)}`, 'shipment-row');
    expect(shown.sort()).toEqual(
      want.items
        .map((s) => s.shipmentId)
        .sort()
        .slice(0, 25),
    );
  });

  it('/skus lists the SKUs of a supplier, as GET /api/products?q= does', async () => {
    const products = await apiGet<Paged<{ sku: string; name: string; supplier: string }>>(base, token, '/api/products?pageSize=500');
    // A supplier whose name no product name or code holds: only the supplier can find its SKUs.
    const supplier = products.items
      .map((p) => p.supplier)
      .find((s) => s && products.items.every((p) => !`${p.sku} ${p.name}`.toLowerCase().includes(s.toLowerCase())));
    expect(supplier).toBeTruthy();
    const want = products.items.filter((p) => p.supplier === supplier).map((p) => p.sku);
    const shown = await firstCells(`/skus?q=${encodeURIComponent(supplier!)}`, 'sku-row');
    expect(shown.sort()).toEqual(want.sort().slice(0, 25));
  });

  it('/lots lists a lot past the first 500 of its window (an Ask citation links there with q)', async () => {
    const window = await apiGet<Paged<{ lotId: string }>>(base, token, '/api/expiring?days=730&pageSize=1');
    expect(window.total).toBeGreaterThan(500);
    const last = (await apiGet<Paged<{ lotId: string }>>(base, token, `/api/expiring?days=730&page=${window.total}&pageSize=1`)).items[0];
    const res = await fetch(`${base}/lots?q=${encodeURIComponent(last.lotId)}`, { headers: { Cookie: cookie } });
    const body = (/<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(await res.text())?.[1] ?? '').replace(/<[^>]+>/g, ' ');
    expect(body).toContain(last.lotId);
  });

  it('/customers lists the customers of a region, as GET /api/customers?q= does', async () => {
    const customers = await apiGet<Paged<{ region: string | null }>>(base, token, '/api/customers?pageSize=500');
    const region = customers.items.find((c) => c.region)!.region!;
    const want = await apiGet<Paged<{ customerId: string }>>(base, token, `/api/customers?q=${encodeURIComponent(region)}&pageSize=500`);
    expect(want.total).toBeGreaterThan(0);
    const shown = await firstCells(`/customers?q=${encodeURIComponent(region)}`, 'customer-row');
    expect(shown.sort()).toEqual(
      want.items
        .map((c) => c.customerId)
        .sort()
        .slice(0, 25),
    );
  });
});
