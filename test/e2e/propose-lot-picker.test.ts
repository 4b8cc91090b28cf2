// Proposing an action by hand: the lot is picked from the SKU's stocked lots (warehouse, units,
// expiry; earliest expiry first), which also fixes the warehouse, instead of a lot number typed
// from memory; an unknown SKU is said before submitting.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, apiToken, openBrowser, screenshot, seriousViolations, signIn } from './browser';

const base = inject('baseUrl');
let page: Page;
openBrowser((p) => (page = p));

interface Lot {
  lotId: string;
  sku: string;
  warehouse: string;
  quantityOnHand: number;
  expirationDate: string;
}
interface Action {
  id: string;
  kind: string;
  sku: string;
  lotId: string | null;
  warehouse: string | null;
  toWarehouse: string | null;
  reason: string;
}

describe('proposing a transfer by hand', () => {
  it('offers the SKU’s lots with warehouse, units and expiry, and sends the lot and its warehouse', async () => {
    const planner = await apiToken(base, 'planner@demo.test');
    // A SKU stocked in at least two warehouses, so the warehouse really comes from the lot.
    const lots = (await apiGet<{ items: Lot[] }>(base, planner, '/api/lots?pageSize=500&sort=expirationDate')).items.filter(
      (l) => l.quantityOnHand > 0,
    );
    const bySku = new Map<string, Lot[]>();
    for (const l of lots) bySku.set(l.sku, [...(bySku.get(l.sku) ?? []), l]);
    const [sku, skuLots] = [...bySku].find(([, ls]) => new Set(ls.map((l) => l.warehouse)).size > 1)!;
    expect(skuLots.length).toBeGreaterThan(1);

    await signIn(page, base, 'planner@demo.test', '/actions');
    const form = page.getByRole('form', { name: 'Propose an action' });
    await page.getByText('Propose an action', { exact: true }).click();
    await form.getByLabel('Kind').selectOption('transfer');
    await form.getByLabel('SKU').fill(sku);
    const lotSelect = form.getByRole('combobox', { name: 'Lot' });
    // Every stocked lot of the SKU, earliest expiry first, each naming its warehouse.
    await expect.poll(() => lotSelect.locator('option').count(), { timeout: 10_000 }).toBe(skuLots.length + 1);
    // An expired lot's option leads with its mark (propose-form.test.ts tests the marks).
    const labels = (await lotSelect.locator('option').allTextContents()).slice(1).map((s) => s.replace(/^⚠ [^·]+ · /, ''));
    const all = (
      await apiGet<{ items: Lot[] }>(base, planner, `/api/lots?sku=${encodeURIComponent(sku)}&pageSize=500&sort=expirationDate`)
    ).items.filter((l) => l.quantityOnHand > 0);
    expect(labels.map((s) => s.split(' · ').slice(0, 2).join(' · '))).toEqual(all.map((l) => `${l.lotId} · ${l.warehouse}`));
    const dates = all.map((l) => l.expirationDate);
    expect([...dates].sort()).toEqual(dates);

    // Picking the last lot sets the warehouse to the lot's own and keeps it out of the destinations.
    const pick = all[all.length - 1];
    await lotSelect.selectOption({ index: all.length });
    const from = form.locator('select[name=warehouse]');
    expect(await from.inputValue()).toBe(pick.warehouse);
    expect(await from.isDisabled()).toBe(true);
    expect(await form.locator('input[type=hidden][name=warehouse]').inputValue()).toBe(pick.warehouse);
    const destinations = await form.locator('select[name=toWarehouse] option').allTextContents();
    expect(destinations).not.toContain(pick.warehouse);
    expect(destinations.length).toBeGreaterThan(0);
    await form.getByLabel('Quantity').fill('1');
    const reason = `E2E lot picker ${Date.now()}`;
    await form.getByLabel('Reason').fill(reason);
    await screenshot(page, 'actions-propose-lot-picker');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Propose', exact: true }).click();
    await expect.poll(() => page.getByText('Your action was proposed; it waits for an approver.').count()).toBe(1);

    const mine = (await apiGet<{ items: Action[] }>(base, planner, `/api/actions?sku=${encodeURIComponent(sku)}&pageSize=100`)).items.find(
      (a) => a.reason === reason,
    );
    expect(mine).toMatchObject({ kind: 'transfer', sku, lotId: pick.lotId, warehouse: pick.warehouse });
    expect(mine!.toWarehouse).not.toBe(pick.warehouse);

    // A proposal made clears the form for the next one.
    expect(await form.getByLabel('SKU').inputValue()).toBe('');
    expect(await form.getByLabel('Quantity').inputValue()).toBe('');
    expect(await form.getByLabel('Reason').inputValue()).toBe('');
    expect(await form.getByLabel('Kind').inputValue()).toBe('reorder');

    // The same transfer again: the API refuses a second open one (409), the page names the open one
    // (a link to it, described, not its id) and offers to propose it anyway, which records a second.
    await form.getByLabel('Kind').selectOption('transfer');
    await form.getByLabel('SKU').fill(sku);
    await expect.poll(() => lotSelect.locator('option').count(), { timeout: 10_000 }).toBe(skuLots.length + 1);
    await lotSelect.selectOption({ index: all.length });
    await form.locator('select[name=toWarehouse]').selectOption(mine!.toWarehouse!);
    await form.getByLabel('Quantity').fill('1');
    await form.getByLabel('Reason').fill(reason);
    await form.getByRole('button', { name: 'Propose', exact: true }).click();
    const open = page.getByTestId('duplicate-of');
    await expect.poll(() => open.count()).toBe(1);
    expect(await open.getAttribute('href')).toBe(`/actions/${mine!.id}`);
    expect(await open.textContent()).toMatch(new RegExp(`^Transfer · ${sku} · 1 units · Lot ${pick.lotId} · ${pick.warehouse} → `));
    expect(await page.getByRole('alert').filter({ has: open }).textContent()).not.toContain(`(${mine!.id})`);
    // A refusal keeps what was entered.
    expect(await form.getByLabel('Reason').inputValue()).toBe(reason);
    await form.getByTestId('propose-anyway').click();
    await expect.poll(() => page.getByText('Your action was proposed; it waits for an approver.').count()).toBe(1);
    const both = (
      await apiGet<{ items: Action[] }>(base, planner, `/api/actions?sku=${encodeURIComponent(sku)}&pageSize=100`)
    ).items.filter((a) => a.reason === reason);
    expect(both).toHaveLength(2);
    expect(await form.getByTestId('propose-anyway').count()).toBe(0);
  });

  it('says an unknown SKU before submitting', async () => {
    await signIn(page, base, 'planner@demo.test', '/actions');
    const form = page.getByRole('form', { name: 'Propose an action' });
    await page.getByText('Propose an action', { exact: true }).click();
    await form.getByLabel('Kind').selectOption('write_off');
    await form.getByLabel('SKU').fill('NO-SUCH-SKU-42');
    await expect.poll(() => form.getByRole('alert').textContent(), { timeout: 10_000 }).toBe('No product NO-SUCH-SKU-42 in the catalogue.');
  });
});
