// The action queue's propose form and export, as a new user met them: a refused proposal keeps
// what was typed (its sentence beside the field) and a proposal made clears the form; a duplicate
// names the open action by a link to it, not its UUID; the markdown's limit is the tenant's deepest
// markdown, not 95 %; expired lots are marked in the lot picker and cannot be picked for what only a
// write-off may do; and "Export CSV" downloads exactly the queue's view.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, apiSend, apiToken, openBrowser, screenshot, seriousViolations, signIn, visit } from './browser';

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
  quantity: number;
  value: number;
}

const form = () => page.getByRole('form', { name: 'Propose an action' });
const messageUnder = (name: string) =>
  form()
    .locator('label', { has: page.locator(`[name="${name}"]`) })
    .getByTestId('field-error');
async function openForm(path = '/actions') {
  await signIn(page, base, 'planner@demo.test', path);
  await page.getByText('Propose an action', { exact: true }).click();
}

describe('proposing by hand', () => {
  it('keeps a refused proposal, names a duplicate by a link to it, and clears the form once proposed', async () => {
    const planner = await apiToken(base, 'planner@demo.test');
    const sku = 'KR-NDL-001';
    // One open reorder of the SKU for the page's proposal to repeat.
    await apiSend(base, planner, 'POST', '/api/actions', {
      kind: 'reorder',
      sku,
      quantity: 400,
      reason: 'E2E open reorder to repeat',
      confirmDuplicate: true,
    });
    await openForm();
    const reason = `E2E propose form ${Date.now()}`;
    await form().getByLabel('SKU').fill(sku);
    await form().getByLabel('Quantity').fill('1');
    await form().getByLabel('Reason').fill(reason);
    await form().getByRole('button', { name: 'Propose', exact: true }).click();
    // Refused (not whole cases): the sentence beside the quantity, everything typed still there.
    await messageUnder('quantity').waitFor();
    expect(await messageUnder('quantity').textContent()).toContain('Order whole cases of 8');
    expect(await form().getByLabel('SKU').inputValue()).toBe(sku);
    expect(await form().getByLabel('Quantity').inputValue()).toBe('1');
    expect(await form().getByLabel('Reason').inputValue()).toBe(reason);

    await form().getByLabel('Quantity').fill('400');
    await form().getByRole('button', { name: 'Propose', exact: true }).click();
    const link = page.getByTestId('duplicate-of');
    await expect.poll(() => link.count()).toBe(1);
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/actions\/[0-9a-f-]{36}$/);
    const open = await apiGet<Action>(base, planner, `/api/actions/${href.split('/')[2]}`);
    expect(await link.textContent()).toMatch(new RegExp(`^Reorder · ${sku} · ${open.quantity} units · .*proposed by .* · Proposed$`));
    const notice = (await page.getByRole('alert').filter({ has: link }).textContent()) ?? '';
    expect(notice).not.toContain(open.id);
    expect(await form().getByLabel('Reason').inputValue()).toBe(reason);
    await screenshot(page, 'actions-propose-duplicate');
    expect(await seriousViolations(page)).toEqual([]);

    await form().getByTestId('propose-anyway').click();
    await expect.poll(() => page.getByText('Your action was proposed; it waits for an approver.').count()).toBe(1);
    expect(await form().getByLabel('SKU').inputValue()).toBe('');
    expect(await form().getByLabel('Quantity').inputValue()).toBe('');
    expect(await form().getByLabel('Reason').inputValue()).toBe('');

    // The open action's own address shows it in the queue, its row open.
    await visit(page, `${base}${href}`);
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).searchParams.get('open')).toBe(open.id);
    expect(await page.locator(`[data-testid=action-row][data-id="${open.id}"] [aria-expanded=true]`).count()).toBe(1);
  });

  it("limits the markdown to the tenant's deepest markdown", async () => {
    const admin = await apiToken(base, 'admin@demo.test');
    const before = (await apiGet<{ settings: { actions: { maxDiscount: number } } }>(base, admin, '/api/tenant')).settings.actions;
    await apiSend(base, admin, 'PATCH', '/api/tenant', { settings: { actions: { maxDiscount: 0.3 } } });
    try {
      await openForm();
      await form().getByLabel('Kind').selectOption('markdown');
      const discount = form().locator('input[name=discountPct]');
      expect(await discount.getAttribute('max')).toBe('30');
      expect(await form().getByText('At most 30 % (the deepest markdown in the settings).').count()).toBe(1);
    } finally {
      await apiSend(base, admin, 'PATCH', '/api/tenant', { settings: { actions: { maxDiscount: before.maxDiscount } } });
    }
  });

  it('marks expired lots, keeps them from a transfer, offers them to a write-off, and preselects none', async () => {
    const admin = await apiToken(base, 'admin@demo.test');
    const { asOf } = await apiGet<{ asOf: string }>(base, admin, '/api/fefo?sku=KR-NDL-002');
    // A lot on or past its expiration date that still holds units (the sample data has some; else one is received).
    const lots = (await apiGet<{ items: Lot[] }>(base, admin, '/api/lots?pageSize=500&sort=expirationDate')).items;
    let expired = lots.find((l) => l.quantityOnHand > 0 && l.expirationDate <= asOf);
    if (!expired) {
      const day = (n: number) => new Date(Date.parse(asOf) + n * 86_400_000).toISOString().slice(0, 10);
      const lot = { lotId: `E2E-EXP-${Date.now()}`, sku: 'KR-NDL-002', warehouse: 'NJ1', quantityOnHand: 5, expirationDate: day(-1) };
      // An expired lot is received into quarantine only.
      await apiSend(base, admin, 'POST', '/api/movements', {
        type: 'IN',
        sku: lot.sku,
        lotId: lot.lotId,
        warehouse: lot.warehouse,
        quantity: lot.quantityOnHand,
        receivedDate: day(-30),
        expirationDate: lot.expirationDate,
        status: 'quarantine',
        reason: 'E2E expired lot',
      });
      expired = lot;
    }
    const sku = expired.sku;
    await openForm();
    await form().getByLabel('Kind').selectOption('transfer');
    await form().getByLabel('SKU').fill(sku);
    const lotSelect = form().getByRole('combobox', { name: 'Lot' });
    const option = lotSelect.locator('option', { hasText: `${expired.lotId} · ${expired.warehouse}` });
    await expect.poll(() => option.count(), { timeout: 10_000 }).toBe(1);
    expect(await option.textContent()).toMatch(/^⚠ EXPIRED · /);
    expect(await option.isDisabled()).toBe(true);
    expect(await form().getByTestId('lot-marks').textContent()).toContain('can only be written off');
    expect(await lotSelect.inputValue()).toBe('');
    await screenshot(page, 'actions-propose-expired-lot');

    await form().getByLabel('Kind').selectOption('write_off');
    expect(await option.isDisabled()).toBe(false);
    await lotSelect.selectOption({ label: (await option.textContent())! });
    expect(await lotSelect.inputValue()).not.toBe('');
    // Back to a transfer: the expired lot is no longer the choice.
    await form().getByLabel('Kind').selectOption('transfer');
    expect(await lotSelect.inputValue()).toBe('');
  });
});

describe('a lot the open actions already ask for', () => {
  it('names each of them by a link, and proposes it anyway only when asked to', async () => {
    const planner = await apiToken(base, 'planner@demo.test');
    const { asOf } = await apiGet<{ asOf: string }>(base, planner, '/api/fefo?sku=KR-NDL-002');
    const lots = (await apiGet<{ items: Lot[] }>(base, planner, '/api/lots?pageSize=500&sort=-expirationDate')).items;
    const lot = lots.find((l) => l.quantityOnHand >= 2 && l.expirationDate > asOf)!;
    // A markdown of every unit of the lot, open (confirmed past any plan action that asks it too).
    const markdown = await apiSend<Action>(base, planner, 'POST', '/api/actions', {
      kind: 'markdown',
      sku: lot.sku,
      lotId: lot.lotId,
      warehouse: lot.warehouse,
      quantity: lot.quantityOnHand,
      discountPct: 10,
      reason: 'E2E markdown of the whole lot',
      confirmOverCommit: true,
      confirmDuplicate: true,
    });
    await openForm();
    await form().getByLabel('Kind').selectOption('write_off');
    await form().getByLabel('SKU').fill(lot.sku);
    const lotSelect = form().getByRole('combobox', { name: 'Lot' });
    const option = lotSelect.locator('option', { hasText: `${lot.lotId} · ${lot.warehouse}` });
    await expect.poll(() => option.count(), { timeout: 10_000 }).toBe(1);
    await lotSelect.selectOption({ label: (await option.textContent())! });
    await form().getByLabel('Quantity').fill('1');
    await form().getByLabel('Reason').fill('E2E write-off beside an open markdown');
    await form().getByRole('button', { name: 'Propose', exact: true }).click();
    const lead = page.getByTestId('over-committed');
    await expect.poll(() => lead.count()).toBe(1);
    expect(await lead.textContent()).toMatch(/^Open actions already ask this lot for its units: 0 of its [\d,]+ are left\.$/);
    const links = page.getByTestId('committed-action');
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain(`/actions/${markdown.id}`);
    const notice = (await page.getByRole('alert').filter({ has: lead }).textContent()) ?? '';
    expect(notice).toContain(`Markdown · ${lot.sku}`);
    expect(notice).not.toContain(markdown.id);
    expect(await form().getByLabel('Quantity').inputValue()).toBe('1');
    await screenshot(page, 'actions-propose-over-committed');
    expect(await seriousViolations(page)).toEqual([]);

    await form().getByTestId('propose-anyway').click();
    await expect.poll(() => page.getByText('Your action was proposed; it waits for an approver.').count()).toBe(1);
    const mine = await apiGet<{ items: Action[] }>(base, planner, `/api/actions?sku=${lot.sku}&kind=write_off&state=proposed&pageSize=500`);
    expect(mine.items.some((a) => a.quantity === 1)).toBe(true);
  });
});

describe("the queue's export", () => {
  it("downloads exactly the view: its tab, filters and order, with the user's session", async () => {
    const planner = await apiToken(base, 'planner@demo.test');
    await signIn(page, base, 'planner@demo.test', '/actions?kind=reorder&minValue=100');
    const link = page.getByTestId('export-actions');
    expect(await link.textContent()).toBe('Export CSV');
    const href = (await link.getAttribute('href'))!;
    expect(href).toBe('/actions.csv?state=proposed&kind=reorder&minValue=100&sort=-value');
    const res = await page.request.get(`${base}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/csv');
    const ids = (await res.text())
      .trim()
      .split('\r\n')
      .slice(1)
      .map((r) => r.split(',')[0]);
    const view = await apiGet<{ items: Action[] }>(
      base,
      planner,
      '/api/actions?state=proposed&kind=reorder&minValue=100&sort=-value&pageSize=500',
    );
    expect(ids).toEqual(view.items.map((a) => a.id));
    expect(view.items.every((a) => a.kind === 'reorder' && a.value >= 100)).toBe(true);
    const shown = await page.getByTestId('action-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    expect(shown.length).toBeGreaterThan(0);
    expect(ids.slice(0, shown.length)).toEqual(shown);
  });
});
