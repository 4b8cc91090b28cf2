// The planner's workspace in a real browser: sign-in, the dashboard against the API's numbers, a
// SKU's forecast band and FEFO lots, role-aware controls and CSRF refusals, Korean, accessibility.
import { describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { apiGet, apiToken, openBrowser, screenshot, seriousViolations, signIn, visit } from './browser';

const base = inject('baseUrl');
let context: BrowserContext;
let page: Page;
openBrowser((p, c) => {
  page = p;
  context = c;
});

const money = (n: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(n);

interface Dashboard {
  kpis: {
    inventoryValue: number;
    expiring: { d30: number; d60: number; d90: number };
    certainLoss: number;
    projectedStockouts: number;
    reorderValue: number;
    capitalAtRisk: number;
  };
  topActions: { sku: string }[];
  roiWeek: { total: number } | null;
}

describe('signing in', () => {
  it('sends a visitor to /login and back to the page they asked for', async () => {
    await page.context().clearCookies();
    await visit(page, `${base}/skus`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login');
    expect(await seriousViolations(page)).toEqual([]);
    await signIn(page, base, 'planner@demo.test', '/skus');
    expect(new URL(page.url()).pathname).toBe('/skus');
  });

  it('refuses a wrong password with a sentence', async () => {
    await page.context().clearCookies();
    await visit(page, `${base}/login`);
    await page.getByLabel('Email').fill('planner@demo.test');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Email or password is incorrect.');
  });
});

describe('dashboard', () => {
  it("shows the API's KPI values", async () => {
    await signIn(page, base, 'planner@demo.test');
    const token = await apiToken(base, 'planner@demo.test');
    // The page reads GET /api/dashboard (one call); its figures are the API's.
    const dash = await apiGet<Dashboard>(base, token, '/api/dashboard');
    const expected: Record<string, number> = {
      'inventory-value': dash.kpis.inventoryValue,
      'expiring-30': dash.kpis.expiring.d30,
      'expiring-60': dash.kpis.expiring.d60,
      'expiring-90': dash.kpis.expiring.d90,
      'certain-loss': dash.kpis.certainLoss,
      'reorder-value': dash.kpis.reorderValue,
      'capital-at-risk': dash.kpis.capitalAtRisk,
    };
    for (const [id, value] of Object.entries(expected)) {
      const card = page.getByTestId(`kpi-${id}`);
      expect(Number(await card.getAttribute('data-value')), id).toBeCloseTo(value, 2);
      expect(await card.getByTestId('kpi-value').textContent(), id).toBe(money(value));
    }
    expect(await page.getByTestId('kpi-stockouts').getByTestId('kpi-value').textContent()).toBe(String(dash.kpis.projectedStockouts));
    // Issue #17: the top actions (to /actions) and the week's return (to /roi) come from the same call.
    expect(await page.getByTestId('top-actions').locator('li').count()).toBe(dash.topActions.length);
    expect(await page.getByRole('link', { name: 'All actions' }).getAttribute('href')).toBe('/actions');
    expect(await page.getByTestId('roi-week').getAttribute('href')).toBe('/roi');
    if (dash.roiWeek) expect(await page.getByTestId('roi-week').textContent()).toContain(money(dash.roiWeek.total));
    await expect.poll(() => page.locator('[data-testid=chart-bucket] .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Refresh plan' }).count()).toBe(1);
    await screenshot(page, 'dashboard');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('SKUs', () => {
  it('lists SKUs with search and sort kept in the URL', async () => {
    await visit(page, `${base}/skus`);
    await page.getByRole('searchbox').fill('kimchi');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('kimchi');
    await expect
      .poll(async () => (await page.getByTestId('sku-row').allTextContents()).every((n) => n.toLowerCase().includes('kimchi')))
      .toBe(true);
    const names = await page.getByTestId('sku-row').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    await page.reload();
    expect(await page.getByTestId('sku-row').count()).toBe(names.length);
    await visit(page, `${base}/skus`);
    await screenshot(page, 'skus');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a SKU with its forecast band and its lots in FEFO order', async () => {
    const token = await apiToken(base, 'planner@demo.test');
    const sku = 'KR-KIM-003';
    const fefo = await apiGet<{ ranked: { lotId: string; warehouse: string; expirationDate: string }[] }>(
      base,
      token,
      `/api/fefo?sku=${sku}`,
    );
    await visit(page, `${base}/skus/${sku}`);
    const band = page.locator('[data-testid=forecast-chart] .forecast-band path.recharts-curve');
    await expect.poll(() => band.count()).toBeGreaterThan(0);
    expect(await band.first().getAttribute('d')).toMatch(/^M/);
    for (const w of new Set(fefo.ranked.map((l) => l.warehouse))) {
      const shown = await page.locator(`[data-testid=fefo-${w}] [data-testid=fefo-lot] td:nth-child(2)`).allTextContents();
      expect(shown).toEqual(fefo.ranked.filter((l) => l.warehouse === w).map((l) => l.lotId));
    }
    await expect.poll(() => page.locator('[data-testid=projection-chart] .recharts-line').count()).toBeGreaterThan(0);
    // This SKU's reorder point and safety stock are close (about 20 units apart, and its own reorder
    // point may lie below the safety stock): their labels and the run-out label must still each be
    // readable, none drawn over another.
    const label = (text: string) => page.locator('[data-testid=projection-chart] text', { hasText: text }).first().boundingBox();
    const boxes = await Promise.all(['Reorder point', 'Safety stock', 'Runs out'].map(label));
    for (const b of boxes) expect(b).not.toBeNull();
    const overlap = (a: NonNullable<(typeof boxes)[number]>, b: NonNullable<(typeof boxes)[number]>) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!)).toBe(false);
    // The higher line is labelled above the lower one's label: usually the reorder point, but a
    // product's own reorder point may lie below the computed safety stock.
    const plan = (
      await apiGet<{ items: { sku: string; reorderPoint: number; safetyStock: number }[] }>(
        base,
        token,
        `/api/reorders?action=all&pageSize=500`,
      )
    ).items.find((r) => r.sku === sku)!;
    const [upper, lower] = plan.reorderPoint >= plan.safetyStock ? [boxes[0]!, boxes[1]!] : [boxes[1]!, boxes[0]!];
    expect(upper.y + upper.height).toBeLessThanOrEqual(lower.y);
    await screenshot(page, 'sku');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("shows a SKU's reorder by warehouse, adding up to the SKU's order, and names the warehouse that runs out first", async () => {
    const token = await apiToken(base, 'planner@demo.test');
    type Row = { sku: string; warehouse?: string; action: string; quantity: number; projectedStockoutDate: string | null };
    const rows = (await apiGet<{ items: Row[] }>(base, token, '/api/reorders?action=all&level=warehouse&pageSize=500')).items;
    const skus = (await apiGet<{ items: Row[] }>(base, token, '/api/reorders?action=all&pageSize=500')).items;
    // A SKU held in several warehouses that is projected to run out.
    const sku = skus.find((s) => s.projectedStockoutDate && rows.filter((r) => r.sku === s.sku).length > 1)!;
    expect(sku).toBeDefined();
    const mine = rows.filter((r) => r.sku === sku.sku);
    await visit(page, `${base}/skus/${sku.sku}`);
    const table = page.getByTestId('reorder-by-warehouse');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(mine.length);
    const ordered = mine.reduce((t, r) => t + (r.action === 'order' ? r.quantity : 0), 0);
    expect(ordered).toBe(sku.action === 'order' ? sku.quantity : 0);
    const first = mine.find((r) => r.projectedStockoutDate === sku.projectedStockoutDate)!;
    expect(await page.getByTestId('reorder').textContent()).toContain(`in ${first.warehouse}`);
    await expect
      .poll(() => page.locator('[data-testid=projection-chart] text', { hasText: `${first.warehouse} runs out` }).count())
      .toBe(1);
    await screenshot(page, 'sku-warehouses');
  });

  it("says 'Do not order' where the supplier's minimum order would expire unsold, not 'No order needed'", async () => {
    const token = await apiToken(base, 'planner@demo.test');
    type Row = { sku: string; warehouse?: string; action: string };
    const blocked = (await apiGet<{ items: Row[] }>(base, token, '/api/reorders?action=do-not-order&level=warehouse&pageSize=500')).items;
    expect(blocked.length).toBeGreaterThan(0);
    const sku = blocked[0].sku;
    const where = blocked
      .filter((r) => r.sku === sku)
      .map((r) => r.warehouse)
      .sort();
    await visit(page, `${base}/skus/${sku}`);
    await expect.poll(() => page.getByTestId('reorder').textContent()).toContain(`Do not order (${where.join(', ')})`);
    expect(await page.getByTestId('reorder-headline').textContent()).not.toBe('No order needed now');
  });

  it('shades an imported promotion on the SKU forecast and lists it', async () => {
    const token = await apiToken(base, 'planner@demo.test');
    const sku = 'KR-KIM-003';
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const file = new FormData();
    file.append(
      'file',
      new File(
        [`promotion_id,sku,start_date,end_date,discount_pct,name\nE2E-KIMCHI,${sku},${day(5)},${day(11)},15,Kimchi week\n`],
        'promotions.csv',
      ),
    );
    const up = await fetch(`${base}/api/imports/promotions`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: file });
    expect(up.status).toBe(202);
    const { id } = (await up.json()) as { id: string };
    await expect
      .poll(async () => (await apiGet<{ status: string }>(base, token, `/api/imports/${id}`)).status, { timeout: 30_000 })
      .toBe('done');
    await visit(page, `${base}/skus/${sku}`);
    await expect.poll(() => page.getByTestId('sku-promotions').textContent()).toContain('Kimchi week');
    await expect.poll(() => page.locator('[data-testid=forecast-chart] .promotion-area').count()).toBeGreaterThan(0);
    await screenshot(page, 'sku-promotion');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('roles and forged posts', () => {
  it('shows an auditor no write control and refuses their forged form post', async () => {
    await signIn(page, base, 'auditor@demo.test');
    expect(await page.getByRole('button', { name: 'Refresh plan' }).count()).toBe(0);
    // The token of the auditor's own session, as the server renders it for this cookie (a hidden
    // input read from the live page could still hold the value of a render before the sign-in).
    await page.waitForLoadState('networkidle');
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const html = await (await fetch(`${base}/`, { headers: { Cookie: cookie } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csrf).not.toBe('');
    const post = (origin: string, form: Record<string, string>, path = '/?index') =>
      fetch(`${base}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Cookie: cookie, Origin: origin },
        body: new URLSearchParams(form),
      });
    // A hand-made post with the session's token to every write action: refused with 403 (not a
    // 200 page that merely says so), with the reason in words.
    for (const path of ['/?index', '/imports', '/movements', '/inbound', '/settings']) {
      const forged = await post(base, { csrf, intent: 'upload', entity: 'customers', sku: 'KR-KIM-003', quantity: '1', type: 'OUT' }, path);
      expect(forged.status, path).toBe(403);
      expect(await forged.text(), path).toContain('Your role does not allow this');
    }
    // From another site, or without the token: refused before the API is asked.
    const crossSite = await post('https://evil.example', { csrf });
    expect([400, 403]).toContain(crossSite.status);
    expect(await crossSite.text()).not.toContain('Your role does not allow this');
    const noToken = await post(base, {});
    expect(noToken.status).toBe(403);
  });

  it('ends the session on sign-out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.waitForURL((u) => u.pathname === '/login');
    await visit(page, `${base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});

describe('languages', () => {
  it('switches to Korean and back', async () => {
    await signIn(page, base, 'planner@demo.test');
    await page.getByRole('button', { name: '한국어' }).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('대시보드');
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await page.getByTestId('kpi-inventory-value').textContent()).toContain('재고 금액');
    await screenshot(page, 'dashboard-ko');
    // The engine's reorder account and Ask answer in Korean on Korean pages.
    await visit(page, `${base}/skus/KR-NDL-001`);
    await page.getByTestId('reorder').locator('summary').click();
    expect(await page.getByTestId('reorder-explanation').textContent()).toMatch(/재고 포지션: 사용 가능 재고 [\d,]+개/);
    await visit(page, `${base}/ask`);
    const suggestion = page.getByRole('link', { name: '앞으로 30일 안에 품절될 것은?' });
    await suggestion.click();
    await expect
      .poll(() => page.getByTestId('ask-answer').textContent())
      .toMatch(/30일 안에 품절될 것으로 예상됩니다|품절이 예상되는 SKU가 없습니다/);
    await screenshot(page, 'ask-ko');
    // Engine reasons and sample codes read in Korean too (they were English as stored: "grocery_chain").
    await visit(page, `${base}/skus`);
    const reasons = await page
      .getByTestId('sku-row')
      .locator('[title]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''));
    expect(reasons.length).toBeGreaterThan(0);
    for (const r of reasons.slice(0, 20)) expect(r).toMatch(/[가-힣]/);
    await visit(page, `${base}/customers`);
    const channels = (await page.getByTestId('customer-row').allTextContents()).join(' ');
    expect(channels).toContain('식료품 체인');
    expect(channels).not.toMatch(/grocery_chain|asian_grocer|foodservice/);
    await page.getByRole('button', { name: 'English' }).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Customers');
    expect((await page.getByTestId('customer-row').allTextContents()).join(' ')).toContain('Grocery chain');
  });
});
