// What a new user found trying the web app: grids that answered 500 for a sort or hidden column the
// table does not have, form refusals that came back as 200, dialogs that stayed open after their
// action was done, query parameters that broke a page or were silently swapped for another value,
// and a dashboard waste list without the waste risk itself.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, apiSend, apiToken, openBrowser, screenshot, signIn, visit } from './browser';

const base = inject('baseUrl');
let page: Page;
openBrowser((p) => (page = p));

interface Action {
  id: string;
  state: string;
}
interface Movement {
  id: string;
  sku: string;
  type: string;
  reversesId: string | null;
}

/** A POST of a page's form as the signed-in browser sends it (same origin, the session's CSRF token). */
async function post(path: string, fields: Record<string, string>) {
  const csrf = await page.locator('input[name=csrf]').first().inputValue();
  return page.request.post(`${base}${path}`, { form: { csrf, ...fields }, headers: { Origin: base }, maxRedirects: 0 });
}

/** The notice a page shows (its error state or an action's answer). */
const alertText = () => page.getByRole('alert').first().textContent();

describe('grids read their view from the URL without failing on names they do not have', () => {
  it('ignores prototype names and unknown columns in sort and hide', async () => {
    await signIn(page, base, 'planner@demo.test', '/skus');
    const rows = page.locator('table[aria-label] tbody tr');
    for (const query of [
      'sort=__proto__.asc',
      'sort=constructor.desc,toString.asc',
      'sort=nosuchcolumn.desc',
      'hide=constructor',
      'hide=__proto__,toString,hasOwnProperty',
      'sort=__proto__.asc&hide=constructor&f___proto__=x',
    ]) {
      const res = await visit(page, `${base}/skus?${query}`);
      expect(res?.status(), query).toBe(200);
      expect(await page.locator('h1').textContent(), query).toBe('SKUs');
      await expect.poll(() => rows.count(), { message: query }).toBeGreaterThan(0);
    }
    // A known column still sorts, next to an unknown one.
    const res = await visit(page, `${base}/skus?sort=__proto__.asc,sku.desc`);
    expect(res?.status()).toBe(200);
    const header = page.getByRole('columnheader', { name: /^SKU/ });
    await expect.poll(() => header.first().getAttribute('aria-sort')).toBe('descending');
  });
});

describe('a refused form answers with the API status and its sentence', () => {
  it("a staff user's decision on /actions answers 403 with the refusal; a stale one 409", async () => {
    const planner = await apiToken(base, 'planner@demo.test');
    const action = await apiSend<Action>(base, planner, 'POST', '/api/actions', {
      kind: 'reorder',
      sku: 'KR-KIM-003',
      quantity: 6,
      reason: `E2E refused form ${Date.now()}`,
      // Other browser tests propose the same reorder; this one is meant as another.
      confirmDuplicate: true,
    });
    await signIn(page, base, 'staff@demo.test', '/movements');
    const refused = await post('/actions', { intent: 'dismiss', id: action.id, reason: 'not mine to dismiss' });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('Your role does not allow this.');
    expect((await apiGet<Action>(base, planner, `/api/actions/${action.id}`)).state).toBe('proposed');

    // An approver approving what was dismissed meanwhile: 409 with what happened.
    await apiSend(base, planner, 'POST', `/api/actions/${action.id}/dismiss`, { reason: 'E2E dismissed elsewhere' });
    await signIn(page, base, 'approver@demo.test', '/actions');
    const stale = await post('/actions', { intent: 'approve', id: action.id });
    expect(stale.status()).toBe(409);
    expect(await stale.text()).toMatch(/dismissed/i);
    // A request the page does not know: 400, not 200.
    expect((await post('/actions', { intent: 'nonsense', id: action.id })).status()).toBe(400);
  });

  it('a refused sign-in answers 401', async () => {
    await page.context().clearCookies();
    await visit(page, `${base}/login`);
    const res = await post('/login', { email: 'planner@demo.test', password: 'wrong-password' });
    expect(res.status()).toBe(401);
  });
});

describe('dialogs close when their action is done and stay open on a refusal', () => {
  it('Note on the action queue: a refused note keeps the dialog with its reason; a saved one closes it', async () => {
    const planner = await apiToken(base, 'planner@demo.test');
    const action = await apiSend<Action>(base, planner, 'POST', '/api/actions', {
      kind: 'reorder',
      sku: 'KR-KIM-003',
      quantity: 7,
      reason: `E2E dialog ${Date.now()}`,
      // Other browser tests propose the same reorder; this one is meant as another.
      confirmDuplicate: true,
    });
    await signIn(page, base, 'planner@demo.test', '/actions?sku=KR-KIM-003');
    const row = page.locator(`[data-testid=action-row][data-id="${action.id}"]`);
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('button', { name: 'Note KR-KIM-003' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.count()).toBe(1);
    // Only spaces: the API refuses an empty note (422).
    await dialog.getByRole('textbox').fill('   ');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/actions')),
      dialog.getByRole('button', { name: 'Note' }).click(),
    ]);
    expect(refused.status()).toBe(422);
    await expect.poll(() => dialog.getByTestId('dialog-error').count()).toBe(1);
    expect(await dialog.count()).toBe(1);

    await dialog.getByRole('textbox').fill('Checked with the supplier');
    await dialog.getByRole('button', { name: 'Note' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.getByText('The note was added.').count()).toBe(1);

    // Dismiss: the dialog closes and the row leaves the proposed tab.
    await row.getByRole('button', { name: 'Dismiss KR-KIM-003' }).click();
    await page.getByRole('dialog').getByRole('textbox').fill('E2E no longer needed');
    await page.getByRole('dialog').getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.getByText('The action was dismissed.').count()).toBe(1);
    expect((await apiGet<Action>(base, planner, `/api/actions/${action.id}`)).state).toBe('dismissed');
  });

  it('Reverse on the ledger: closes once reversed, stays open saying why when the movement was already reversed', async () => {
    const staff = await apiToken(base, 'staff@demo.test');
    const stamp = Date.now();
    const receive = async (lotId: string) => {
      const r = await fetch(`${base}/api/movements`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${staff}`, 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({
          type: 'IN',
          sku: 'KR-NDL-002',
          lotId,
          warehouse: 'NJ1',
          quantity: 3,
          expirationDate: '2027-06-30',
          reason: 'E2E dialog receipt',
        }),
      });
      expect(r.status, await r.clone().text()).toBe(201);
      return { ...((await r.json()) as Movement), lotId };
    };
    const first = await receive(`E2E-DLG-${stamp}-A`);
    const second = await receive(`E2E-DLG-${stamp}-B`);
    await signIn(page, base, 'staff@demo.test', '/movements?sku=KR-NDL-002');
    const reverseIn = async (m: { lotId: string }) => {
      const row = page.locator('tbody tr').filter({ hasText: `${m.lotId}@NJ1 +3` });
      await expect.poll(() => row.count()).toBe(1);
      await row.getByRole('button', { name: 'Reverse' }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.count()).toBe(1);
      return dialog;
    };
    // Reversed elsewhere while the dialog is open: refused, the dialog stays with the reason.
    let dialog = await reverseIn(first);
    await apiSend(base, staff, 'POST', `/api/movements/${first.id}/reverse`, { reason: 'E2E reversed elsewhere' });
    await dialog.getByRole('textbox').fill('E2E wrong receipt');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/movements')),
      dialog.getByRole('button', { name: 'Reverse' }).click(),
    ]);
    expect(refused.status()).toBeGreaterThanOrEqual(400);
    await expect.poll(() => dialog.getByTestId('dialog-error').count()).toBe(1);
    expect(await dialog.count()).toBe(1);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    // Reversed here: the dialog closes and the page says so.
    dialog = await reverseIn(second);
    await dialog.getByRole('textbox').fill('E2E wrong receipt');
    await dialog.getByRole('button', { name: 'Reverse' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.getByText('The movement was reversed.').count()).toBe(1);
    await screenshot(page, 'movements-reversed-dialog-closed');
  });
});

describe('query parameters a page cannot use answer 422 with a notice', () => {
  const cases: [string, RegExp][] = [
    ['/roi?week=garbage', /week “garbage”, which is not an ISO week/],
    ['/roi?week=2025-W53', /week “2025-W53”, which is not an ISO week/],
    ['/lots?days=abc', /days “abc”, which is not a whole number from 1 to 730/],
    ['/actions?state=bogus', /state “bogus”, which is not one of: proposed, approved/],
    ['/actions?minValue=-5', /minValue “-5”/],
    ['/movements?type=BOGUS', /type “BOGUS”, which is not one of: OUT, IN/],
    ['/movements?batch=-1', /batch “-1”, which is not a whole number of at least 1/],
    ['/audit?from=notadate', /from “notadate”, which is not a date/],
    ['/audit?to=2026-13-01', /to “2026-13-01”, which is not a date/],
    ['/audit?before=abc', /before “abc”/],
    ['/alerts?page=-1', /page “-1”/],
    ['/alerts?severity=zzz', /severity “zzz”/],
    ['/customers?batch=x', /batch “x”/],
  ];

  it('names the parameter and value, in English and Korean, and offers the page without it', async () => {
    await signIn(page, base, 'admin@demo.test', '/');
    for (const [path, sentence] of cases) {
      const res = await visit(page, `${base}${path}`);
      expect(res?.status(), path).toBe(422);
      expect(await alertText(), path).toMatch(sentence);
    }
    await visit(page, `${base}/roi?week=garbage`);
    await page.getByRole('link', { name: 'Open the page without it' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^ROI report · \d{4}-W\d{2}$/);
    // A good week still opens its report.
    expect((await visit(page, `${base}/roi?week=2026-W49`))?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('ROI report · 2026-W49');

    await page.getByRole('button', { name: '한국어' }).first().click();
    await page.waitForLoadState('networkidle');
    const res = await visit(page, `${base}/roi?week=garbage`);
    expect(res?.status()).toBe(422);
    expect(await alertText()).toBe('주소의 주 “garbage”는 ISO 주(yyyy-Www, 예: 2026-W49)가 아닙니다.');
    await page.getByRole('button', { name: 'English' }).first().click();
    await page.waitForLoadState('networkidle');
  });
});

describe('the dashboard says the waste risk of its most-at-risk SKUs', () => {
  it('shows units expected to expire unsold and the chance of any waste beside the value at risk', async () => {
    await signIn(page, base, 'planner@demo.test', '/');
    const table = page.getByRole('table', { name: 'Most at risk of waste' });
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(0);
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers.map((h) => h.trim())).toContain('Waste risk');
    expect(headers.findIndex((h) => h.includes('Waste risk'))).toBeLessThan(headers.findIndex((h) => h.includes('At risk')));
    const column = headers.findIndex((h) => h.includes('Waste risk'));
    const cells = await table
      .locator('tbody tr')
      .locator(`td:nth-child(${column + 1})`)
      .allTextContents();
    for (const c of cells) expect(c).toMatch(/^[\d,.]+ units · [\d.]+%$/);
    // The same units the API's dashboard holds for the first row.
    const token = await apiToken(base, 'planner@demo.test');
    const d = await apiGet<{ topWaste: { sku: string; expectedWasteUnits: number }[] }>(base, token, '/api/dashboard');
    expect(d.topWaste[0].expectedWasteUnits).toBeGreaterThan(0);

    await page.getByRole('button', { name: '한국어' }).first().click();
    const ko = page.getByRole('table', { name: '폐기 위험 상위 품목' });
    await expect.poll(() => ko.getByRole('columnheader', { name: '폐기 위험' }).count()).toBe(1);
    await expect
      .poll(() =>
        ko
          .locator('tbody tr')
          .first()
          .locator(`td:nth-child(${column + 1})`)
          .textContent(),
      )
      .toMatch(/^[\d,.]+개 · [\d.]+%$/);
    await page.getByRole('button', { name: 'English' }).first().click();
    await page.waitForLoadState('networkidle');
  });
});
