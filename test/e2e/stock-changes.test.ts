// After a stock change the planning lists still show the last plan's quantities until the next
// refresh publishes (about a minute later). The page says so: how many movements came after the
// plan was built, and when the last one was posted.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, apiToken, openBrowser, screenshot, signIn } from './browser';

const base = inject('baseUrl');
let page: Page;
openBrowser((p) => (page = p));

describe('stock changed since the plan', () => {
  it('the lots list says a movement came after its plan, until the refresh catches up', async () => {
    const staff = await apiToken(base, 'staff@demo.test');
    const lot = (await apiGet<{ ranked: { lotId: string; warehouse: string }[] }>(base, staff, '/api/fefo?sku=KR-NDL-002')).ranked[0];
    // The refresh a movement asks for runs when its minute is over: post early in a minute so the
    // page is read before that refresh can publish.
    while (new Date().getUTCSeconds() > 40) await new Promise((r) => setTimeout(r, 1000));
    const res = await fetch(`${base}/api/movements`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({
        type: 'ADJUST',
        sku: 'KR-NDL-002',
        lotId: lot.lotId,
        warehouse: lot.warehouse,
        quantity: 2,
        reason: 'cycle count',
      }),
    });
    expect(res.status).toBe(201);
    await signIn(page, base, 'planner@demo.test', '/lots');
    const notice = page.getByTestId('stock-changed');
    await expect.poll(() => notice.count(), { timeout: 15_000 }).toBe(1);
    const text = (await notice.textContent()) ?? '';
    expect(text).toMatch(/^\d[\d,]* stock movements? since this plan was built/);
    expect(text).toMatch(/\(the last at [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M\)/);
    await screenshot(page, 'stock-changed');
  });
});
