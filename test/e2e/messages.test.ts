// A refused field says why in the page's language, next to the field (ADR 029): a Korean
// administrator who saves a service level of 150 % reads the Korean sentence under that field,
// with the bound as a percentage — not zod's "Too big: expected number to be <=0.9999" and a
// path like `serviceLevels`; a movement of -3 units says so under the quantity. The English page
// says the same in English.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launch, screenshot, signIn, visit } from './browser';

const base = inject('baseUrl');
let context: BrowserContext;
let page: Page;

/** zod's own words, which no person should read. */
const ZOD_WORDS = /Too big|Too small|Invalid input|expected number|serviceLevels/;

/** The browser's own range check would stop 150 before the server sees it: the server's answer is what is tested. */
const skipBrowserChecks = () => page.evaluate("document.querySelectorAll('form').forEach((f) => (f.noValidate = true))");

/** The sentence under the input named `name`. */
const messageUnder = (name: string) => page.locator('label', { has: page.locator(`[name="${name}"]`) }).getByTestId('field-error');

async function saveServiceLevel(value: string, save: RegExp) {
  await visit(page, `${base}/settings`);
  await page.waitForLoadState('networkidle');
  await page.locator('input[name="sl_AX"]').fill(value);
  await skipBrowserChecks();
  await page
    .locator('form', { has: page.locator('input[name="sl_AX"]') })
    .getByRole('button', { name: save })
    .click();
  await messageUnder('sl_AX').waitFor();
}

beforeAll(async () => {
  context = await launch();
  page = await context.newPage();
  await signIn(page, base, 'admin@demo.test');
});
afterAll(async () => {
  await context?.close();
});

describe('field messages in the page language', () => {
  it('an English page shows the English sentence under the service level', async () => {
    await saveServiceLevel('150', /^Save$/);
    expect(await messageUnder('sl_AX').textContent()).toBe('Service level AX must be at most 99.99%.');
    expect(await page.locator('input[name="sl_AX"]').getAttribute('aria-invalid')).toBe('true');
  });

  it('a Korean page shows the Korean sentence under the service level, and nothing of zod', async () => {
    await page.getByRole('button', { name: '한국어' }).first().click();
    await page
      .locator('h1', { hasText: '대시보드' })
      .or(page.locator('h1', { hasText: '설정' }))
      .first()
      .waitFor();
    await saveServiceLevel('150', /^저장$/);
    expect(await messageUnder('sl_AX').textContent()).toBe('AX 등급 서비스 수준은 99.99% 이하여야 합니다.');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('요청 내용이 올바르지 않습니다.');
    expect(main).not.toMatch(ZOD_WORDS);
    await screenshot(page, 'ko-settings-field-message');
    // Nothing was saved: the stored level is still shown once the page loads again.
    await visit(page, `${base}/settings`);
    expect(Number(await page.locator('input[name="sl_AX"]').inputValue())).toBeLessThan(100);
  });

  it('a Korean movement of -3 units says so under the quantity', async () => {
    await visit(page, `${base}/movements`);
    await page.waitForLoadState('networkidle');
    const post = page.locator('form', { has: page.locator('input[name="quantity"]') });
    await post.locator('input[name="sku"]').fill('KR-NDL-001');
    await post.locator('input[name="quantity"]').fill('-3');
    await skipBrowserChecks();
    await post.getByRole('button', { name: /^등록$/ }).click();
    await messageUnder('quantity').waitFor();
    expect(await messageUnder('quantity').textContent()).toBe('수량은 0보다 커야 합니다.');
    expect((await page.locator('main').textContent()) ?? '').not.toMatch(ZOD_WORDS);
  });

  /** The movement form with its type chosen and `fields` filled, posted past the browser's own checks. */
  async function postMovement(type: string, fields: Record<string, string>) {
    await visit(page, `${base}/movements`);
    await page.waitForLoadState('networkidle');
    const post = page.locator('form', { has: page.locator('input[name="quantity"]') });
    await post.locator('select[name="type"]').selectOption(type);
    for (const [name, value] of Object.entries(fields)) await post.locator(`input[name="${name}"]`).fill(value);
    await skipBrowserChecks();
    await post.getByRole('button', { name: /^등록$/ }).click();
  }

  it('a Korean new lot that expires before its receipt says so in Korean under the expiry, naming no field by its key', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await postMovement('IN', {
      sku: 'KR-NDL-001',
      quantity: '5',
      lotId: `LT-KO-EXP-${Date.now()}`,
      warehouse: 'NJ1',
      expirationDate: yesterday,
    });
    await messageUnder('expirationDate').waitFor();
    expect(await messageUnder('expirationDate').textContent()).toBe('유통기한은 입고일보다 뒤여야 합니다.');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('새 로트가 올바르지 않습니다.');
    expect(main).not.toMatch(/Expiration must be after receipt|expirationDate|The new lot/);
    await screenshot(page, 'ko-movement-lot-expiry');
  });

  it('a Korean write-off of a lot that does not exist says so under the lot, without "lotId:"', async () => {
    await postMovement('WRITE_OFF', { sku: 'KR-NDL-001', quantity: '1', lotId: 'NO-SUCH-LOT', reason: '파손된 상자' });
    await messageUnder('lotId').waitFor();
    expect(await messageUnder('lotId').textContent()).toMatch(/^KR-NDL-001 로트 "NO-SUCH-LOT"(이|가) 없습니다\.$/);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('알 수 없는 로트입니다.');
    expect(main).not.toMatch(/lotId|Unknown lot|does not exist/);
  });
});
