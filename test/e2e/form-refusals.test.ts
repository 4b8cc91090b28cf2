// A form never says "saved" for what it did not save. A cleared organisation name, and an approval
// threshold of 1e309 (which Chromium, its own checks bypassed, posts as a blank field), used to be
// left out of the settings PATCH: the old values stayed and the page said "Saved.". Now each is
// refused by the API naming the field, and its sentence shows under that field; 1e309 posted as
// typed (a script, an input turned to text) is "too large", not null. A movement likewise.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, apiToken, openBrowser, screenshot, signIn, visit } from './browser';

const base = inject('baseUrl');
let page: Page;
openBrowser((p) => (page = p));

interface Tenant {
  name: string;
  settings: { actions: { approvalThreshold: number; maxDiscount: number } };
}

/** What a user gets past the browser's own checks (novalidate, or a number field turned to text). */
const skipBrowserChecks = () => page.evaluate("document.querySelectorAll('form').forEach((f) => (f.noValidate = true))");
/**
 * Posts the form holding `name` with `value` in it as typed (the field turned to text, the form's
 * checks off): in one task, since React sets a re-rendered input's type back.
 */
const postAsTyped = (name: string, value: string) =>
  page.evaluate(`(() => {
    const input = document.querySelector('input[name=${JSON.stringify(name)}]');
    input.type = 'text';
    input.value = ${JSON.stringify(value)};
    input.form.noValidate = true;
    input.form.requestSubmit();
  })()`);
/** The sentence under the input named `name`. */
const messageUnder = (name: string) => page.locator('label', { has: page.locator(`[name="${name}"]`) }).getByTestId('field-error');
const tenantForm = () => page.locator('form').filter({ has: page.locator('input[name=intent][value=tenant]') });

async function saveSettings(fill: () => Promise<void>) {
  await visit(page, `${base}/settings`);
  await page.waitForLoadState('networkidle');
  await fill();
  await skipBrowserChecks();
  await tenantForm().getByRole('button', { name: 'Save' }).click();
}

describe('the settings form refuses what it cannot save', () => {
  it('a blank organisation name: its sentence under the field, no "Saved.", the name kept', async () => {
    const admin = await apiToken(base, 'admin@demo.test');
    const before = await apiGet<Tenant>(base, admin, '/api/tenant');
    await signIn(page, base, 'admin@demo.test', '/settings');
    await saveSettings(() => tenantForm().locator('input[name="name"]').fill('   '));
    await messageUnder('name').waitFor();
    expect(await messageUnder('name').textContent()).toBe('Name cannot be empty.');
    expect(await tenantForm().locator('input[name="name"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(0);
    await screenshot(page, 'settings-blank-name-refused');
    expect((await apiGet<Tenant>(base, admin, '/api/tenant')).name).toBe(before.name);
  });

  it('a threshold of 1e309 (sent blank by the browser) is refused under the field; nothing is saved', async () => {
    const admin = await apiToken(base, 'admin@demo.test');
    const before = await apiGet<Tenant>(base, admin, '/api/tenant');
    await signIn(page, base, 'admin@demo.test', '/settings');
    await saveSettings(async () => {
      await tenantForm().locator('input[name="approvalThreshold"]').fill('1e309');
      // Chromium keeps 1e309 out of a number field's value: the form posts it blank.
      expect(await tenantForm().locator('input[name="approvalThreshold"]').inputValue()).toBe('');
    });
    await messageUnder('approvalThreshold').waitFor();
    expect(await messageUnder('approvalThreshold').textContent()).toBe('Approval threshold cannot be empty.');
    expect(await page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(0);
    expect((await apiGet<Tenant>(base, admin, '/api/tenant')).settings.actions).toEqual(before.settings.actions);
  });

  it('1e309 posted as typed is "too large" under the field, not saved as null', async () => {
    const admin = await apiToken(base, 'admin@demo.test');
    const before = await apiGet<Tenant>(base, admin, '/api/tenant');
    await signIn(page, base, 'admin@demo.test', '/settings');
    await postAsTyped('approvalThreshold', '1e309');
    await messageUnder('approvalThreshold').waitFor();
    expect(await messageUnder('approvalThreshold').textContent()).toBe('Approval threshold is too large.');
    expect((await apiGet<Tenant>(base, admin, '/api/tenant')).settings.actions).toEqual(before.settings.actions);
  });
});

describe('other forms read numbers the same way', () => {
  it('a movement of 1e309 units posted as typed is too large under the quantity', async () => {
    await signIn(page, base, 'admin@demo.test', '/movements');
    const post = page.locator('form', { has: page.locator('input[name="quantity"]') });
    await post.locator('input[name="sku"]').fill('KR-NDL-001');
    await postAsTyped('quantity', '1e309');
    await messageUnder('quantity').waitFor();
    expect(await messageUnder('quantity').textContent()).toBe('Quantity is too large.');
  });
});
