// The Korean interface on the demo tenant shows Korean where the API speaks: reasons the system
// writes on its own movements, an import's row errors and outcome, a failed import's alert, the
// forecast model's words on the SKU and accuracy pages, the status page's failed imports and the
// audit trail's actions. Each page is checked for the English it used to show and for the Korean
// that replaces it; the English pages are checked to be as they were.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { apiGet, apiSend, apiToken, launch, screenshot, signIn, visit } from './browser';

const base = inject('baseUrl');
const FILES = '.tmp/e2e-files';
let context: BrowserContext;
let page: Page;
let admin: string;

const send = <T>(method: string, path: string, body?: unknown) => apiSend<T>(base, admin, method, path, body);

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Every text of the page's main content, as one string. */
const mainText = async () => (await page.locator('main').textContent()) ?? '';

/** Names of forecast models and demand classes as the API sends them. */
const MODEL_WORDS =
  /\b(moving-average|ses|holt-winters|linear-trend|seasonal-naive|croston|sba|tsb|profile|smooth|erratic|intermittent|lumpy|no-demand)\b/;

beforeAll(async () => {
  context = await launch();
  page = await context.newPage();
  mkdirSync(FILES, { recursive: true });
  admin = await apiToken(base, 'admin@demo.test');
  // What the system writes itself: an executed transfer (a MOVE) and a shipment's receipt (an IN).
  const transfer = (await apiGet<{ items: { id: string }[] }>(base, admin, '/api/actions?status=proposed&kind=transfer&pageSize=1'))
    .items[0];
  await send('POST', `/api/actions/${transfer.id}/approve`, {});
  await send('POST', `/api/actions/${transfer.id}/execute`, {});
  const shipments = await apiGet<{ items: { shipmentId: string; status: string }[] }>(base, admin, '/api/inbound-shipments?pageSize=200');
  // The last open one: operations.test.ts receives INB-0011 itself.
  const open = shipments.items
    .filter((s) => ['planned', 'in_transit', 'delayed', 'arrived'].includes(s.status) && s.shipmentId !== 'INB-0011')
    .at(-1)!;
  const lines = (
    await apiGet<{ lines: { sku: string; quantity: number; quantityReceived: number }[] }>(
      base,
      admin,
      `/api/inbound-shipments/${open.shipmentId}`,
    )
  ).lines;
  await send('POST', `/api/inbound-shipments/${open.shipmentId}/receive`, {
    // Four days from today: after the receipt and within any product's shelf life (the shortest is 6 days).
    lines: [{ sku: lines[0].sku, lotId: `LT-KO-${Date.now()}`, expirationDate: inDays(4), quantity: 1, warehouse: 'NJ1' }],
  });
  // Korean from here on: the language is a cookie of this browser.
  await signIn(page, base, 'admin@demo.test');
  await page.getByRole('button', { name: '한국어' }).first().click();
  await page.locator('h1', { hasText: '대시보드' }).waitFor();
});
afterAll(async () => {
  await context?.close();
});

describe('the Korean interface on the demo tenant', () => {
  it("reads the ledger's system reasons in Korean, and a person's as typed", async () => {
    await visit(page, `${base}/movements`);
    await expect.poll(() => page.getByTestId('movement-row').count()).toBeGreaterThan(0);
    expect(await page.title()).toBe('입출고 · Lotwise');
    const rows = (await page.getByTestId('movement-row').allTextContents()).join('\n');
    expect(rows).toContain('조치 실행: 이동');
    expect(rows).toContain('입고 건');
    expect(rows).not.toMatch(/Receipt of shipment|Action transfer|Action write_off|Opening balance/);
    await screenshot(page, 'ko-movements');
    await visit(page, `${base}/movements?type=IN&q=sample`);
    // The sample data's opening balances (found by their stored English) read in Korean.
    await expect
      .poll(async () => (await page.getByTestId('movement-row').allTextContents()).join('\n'))
      .toContain('기초 재고 (샘플 데이터)');
    expect((await page.getByTestId('movement-row').allTextContents()).join('\n')).not.toContain('Opening balance');
  });

  it("shows a file's row errors, its outcome and its alert in Korean", async () => {
    await visit(page, `${base}/imports`);
    const name = 'lots-ko-bad.csv';
    writeFileSync(
      `${FILES}/${name}`,
      'lot_id,sku,warehouse,quantity_on_hand,received_date,expiration_date,unit_cost\nLT-KO-1,NOPE-404,CA1,5,2026-11-01,2027-01-01,3\nLT-KO-2,KR-KIM-003,CA1,abc,2026-11-01,not-a-date,3\n',
    );
    const form = page.locator('form').filter({ has: page.getByTestId('dropzone') });
    await form.getByLabel('데이터').selectOption('inventory_lots');
    await form.getByLabel('파일', { exact: true }).setInputFiles(`${FILES}/${name}`);
    await expect.poll(() => page.getByTestId('preview-errors').textContent()).toContain('등록되지 않은 SKU "NOPE-404"');
    const preview = (await page.getByTestId('preview-errors').textContent()) ?? '';
    expect(preview).not.toMatch(/Unknown sku|is not a number|is not a date/);
    await page.getByRole('button', { name: '가져오기', exact: true }).click();
    await expect.poll(() => page.getByTestId('import-progress').getAttribute('data-status'), { timeout: 60_000 }).toBe('failed');
    await expect.poll(async () => (await page.getByTestId('import-error').allTextContents()).join('|')).toContain('숫자가 아닙니다');
    const errors = (await page.getByTestId('import-error').allTextContents()).join('|');
    expect(errors).toContain('등록되지 않은 SKU "NOPE-404"');
    expect(errors).toContain('날짜가 아닙니다');
    expect(errors).not.toMatch(/Unknown sku|is not a number|is not a date|must be/i);
    const counts = (await page.getByTestId('import-counts').textContent()) ?? '';
    expect(counts).toContain('아무것도 가져오지 않았습니다');
    expect(counts).not.toMatch(/rows have errors|nothing was imported/);
    await screenshot(page, 'ko-imports-errors');
    // The failed import's alert, and the status page's list of failed imports.
    await visit(page, `${base}/alerts?kind=import-failed`);
    await expect.poll(() => page.getByTestId('alert').count()).toBeGreaterThan(0);
    const alert = (await page.getByTestId('alert').first().textContent()) ?? '';
    expect(alert).toContain(`업로드한 파일 ${name}`);
    expect(alert).toContain('가져오기 실패');
    expect(alert).not.toMatch(/Uploaded file|failed to import|rows have errors/);
    await screenshot(page, 'ko-alerts');
    await visit(page, `${base}/status`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('상태');
    const status = await mainText();
    expect(status).toContain(`${name} (재고 로트)`);
    expect(status).not.toMatch(/\(inventory_lots\)|rows have errors; nothing was imported/);
  });

  it("names the forecast model, its demand class and the backtest's bias in Korean", async () => {
    await visit(page, `${base}/skus/KR-NDL-001`);
    const model = (await page.getByTestId('forecast-model').textContent()) ?? '';
    expect(model).toMatch(/[가-힣]/);
    expect(model).not.toMatch(MODEL_WORDS);
    const accuracy = (await page.getByTestId('forecast-accuracy').textContent()) ?? '';
    expect(accuracy).toContain('편향');
    expect(accuracy).not.toContain('bias');
    // Both charts drawn (they load after the page): a Korean page shows the projection as the English one does.
    await expect.poll(() => page.locator('[data-testid=projection-chart] .recharts-line').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid=forecast-chart] .recharts-line').count()).toBeGreaterThan(0);
    await screenshot(page, 'ko-sku');
    await visit(page, `${base}/validation`);
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(0);
    const models = (await page.locator('tbody tr').allTextContents()).join('\n');
    expect(models).toMatch(/수요 프로필|TSB|홀트-윈터스|크로스턴|이동평균|지수평활/);
    expect(models).not.toMatch(MODEL_WORDS);
  });

  it("names the audit trail's actions in Korean", async () => {
    await visit(page, `${base}/audit?action=shipment.receive`);
    const row = page.locator('[data-testid=audit-row][data-action="shipment.receive"]').first();
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('입고 건 입고');
    expect(await row.textContent()).not.toContain('shipment.receive');
    await visit(page, `${base}/audit?action=movement.move`);
    await expect.poll(() => page.locator('[data-testid=audit-row]').first().textContent()).toContain('창고 이동 등록');
  });

  it('names a query parameter the page cannot use, and the values it can, in Korean', async () => {
    let res = await visit(page, `${base}/actions?minValue=abc`);
    expect(res?.status()).toBe(422);
    expect(await page.getByRole('alert').first().textContent()).toBe('주소의 최소 금액 값 “abc”는 0 이상의 정수가 아닙니다.');
    res = await visit(page, `${base}/actions?state=bogus`);
    expect(res?.status()).toBe(422);
    const notice = (await page.getByRole('alert').first().textContent()) ?? '';
    expect(notice).toContain('주소의 상태 값 “bogus”는 사용할 수 없습니다.');
    expect(notice).toContain('제안됨(proposed)');
    expect(notice).not.toMatch(/minValue|은\(는\)|\bstate\b/);
  });

  it('exports the ledger with the Korean words the page shows for movement types', async () => {
    await visit(page, `${base}/movements?type=IN`);
    await expect.poll(() => page.getByTestId('movement-row').count()).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV 내보내기' }).click()]);
    const text: string = Buffer.concat(await (await download.createReadStream()).toArray()).toString();
    const rows = text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toContain('유형');
    const type = rows[0].split(',').indexOf('유형');
    expect(new Set(rows.slice(1).map((r) => r.split(',')[type]))).toEqual(new Set(['입고 (IN)']));
  });

  it('downloads the audit trail with each action named in Korean beside its code', async () => {
    const res = await page.request.get(`${base}/audit.csv?action=shipment.receive`);
    expect(res.status()).toBe(200);
    const lines = (await res.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('순번,시각,사용자,작업 코드,작업,대상,데이터,이전 해시,해시');
    expect(lines[1]).toContain('shipment.receive,입고 건 입고');
  });

  it('keeps the English interface as it was', async () => {
    await page.getByRole('button', { name: 'English' }).first().click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await visit(page, `${base}/skus/KR-NDL-001`);
    expect(await page.getByTestId('forecast-model').textContent()).toMatch(MODEL_WORDS);
    expect(await page.getByTestId('forecast-accuracy').textContent()).toMatch(/^RMSSE [\d.]+ · WAPE \d+ % · bias -?[\d.]+ %$/);
    await visit(page, `${base}/movements`);
    expect(await page.title()).toBe('Movements · Lotwise');
    const rows = (await page.getByTestId('movement-row').allTextContents()).join('\n');
    expect(rows).toMatch(/Action transfer/);
    expect(rows).toMatch(/Receipt of shipment/);
    expect(rows).not.toMatch(/조치 실행|입고 건|기초 재고/);
  });
});
