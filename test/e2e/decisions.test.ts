// Decisions in a real browser: a planner proposes and sees an approver's decision arrive without a
// reload; a stale page's approval is refused with a sentence; a bulk dismissal leaves one audit entry
// per action; Ask cites the lot it names; the ROI report prints to one PDF page; the audit chain
// verifies; an alert reaches a test receiver and shows with its delivery. Every new page is
// screenshotted and checked by axe-core.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { extractText, getDocumentProxy } from 'unpdf';
import { apiGet, apiSend, apiToken, launch, screenshot, seriousViolations, signIn } from './browser';

const base = inject('baseUrl');
let plannerCtx: BrowserContext;
let approverCtx: BrowserContext;
let planner: Page;
let approver: Page;

beforeAll(async () => {
  plannerCtx = await launch();
  approverCtx = await launch();
  planner = await plannerCtx.newPage();
  approver = await approverCtx.newPage();
});
afterAll(async () => {
  await plannerCtx?.close();
  await approverCtx?.close();
});

interface Action {
  id: string;
  sku: string;
  state: string;
  value: number;
  reason: string;
}

const send = <T>(token: string, method: string, path: string, body?: unknown) => apiSend<T>(base, token, method, path, body);

/** A planner's reorder proposal through the API, small enough for an approver's threshold. */
const propose = (token: string, sku: string, reason: string, quantity = 6) =>
  send<Action>(token, 'POST', '/api/actions', { kind: 'reorder', sku, quantity, reason, confirmDuplicate: true });

const row = (page: Page, id: string) => page.locator(`[data-testid=action-row][data-id="${id}"]`);

describe('the action queue', () => {
  it('shows a planner an approval made in another session without a reload, and no approve control', async () => {
    await signIn(planner, base, 'planner@demo.test', '/actions');
    await expect.poll(() => planner.locator('h1').textContent()).toBe('Actions');
    const reason = `E2E proposal ${Date.now()}`;
    await planner.getByText('Propose an action').click();
    const form = planner.getByRole('form', { name: 'Propose an action' });
    await form.getByLabel('SKU').fill('KR-KIM-003');
    await form.getByLabel('Quantity').fill('8');
    await form.getByLabel('Reason').fill(reason);
    await form.getByRole('button', { name: 'Propose', exact: true }).click();
    await expect.poll(() => planner.getByText('Your action was proposed').count()).toBe(1);
    const token = await apiToken(base, 'planner@demo.test');
    const mine = (await apiGet<{ items: Action[] }>(base, token, '/api/actions?status=proposed&sku=KR-KIM-003&pageSize=500')).items.find(
      (a) => a.reason === reason,
    )!;
    expect(mine.state).toBe('proposed');
    await planner.goto(`${base}/actions?sku=KR-KIM-003`);
    await expect.poll(() => row(planner, mine.id).count()).toBe(1);
    // A planner may dismiss and note, but never approve.
    expect(await planner.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
    expect(await row(planner, mine.id).getByRole('button', { name: 'Dismiss KR-KIM-003' }).count()).toBe(1);
    await row(planner, mine.id).getByRole('button', { name: 'Details' }).click();
    await expect.poll(() => planner.getByTestId('action-detail').textContent()).toContain(reason);
    await screenshot(planner, 'actions');
    expect(await seriousViolations(planner)).toEqual([]);
    // The page is marked: a reload would lose the mark.
    await planner.evaluate('window.__sameDocument = true');

    await signIn(approver, base, 'approver@demo.test', '/actions?sku=KR-KIM-003');
    await row(approver, mine.id).getByRole('button', { name: 'Approve KR-KIM-003' }).click();
    await expect.poll(() => approver.getByText('The action was approved.').count()).toBe(1);
    await screenshot(approver, 'actions-approver');

    await expect.poll(() => row(planner, mine.id).count()).toBe(0);
    expect(await planner.evaluate('window.__sameDocument')).toBe(true);
    await planner.goto(`${base}/actions?state=approved&sku=KR-KIM-003`);
    await expect.poll(() => row(planner, mine.id).count()).toBe(1);

    // Executing the approved reorder raises a purchase order, downloadable per supplier.
    await row(planner, mine.id).getByRole('button', { name: 'Execute KR-KIM-003' }).click();
    await expect.poll(() => planner.getByText('The action was executed.').count()).toBe(1);
    const executed = await apiGet<Action & { supplier: string }>(base, token, `/api/actions/${mine.id}`);
    expect(executed.state).toBe('executed');
    const po = planner.getByTestId('purchase-orders').locator('li').filter({ hasText: executed.supplier });
    const [download] = await Promise.all([planner.waitForEvent('download'), po.getByRole('link', { name: /^CSV/ }).click()]);
    const csv = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(csv).toString()).toContain('KR-KIM-003');
  });

  it('offers an approver no Approve above the approval threshold, and an admin one', async () => {
    const plannerToken = await apiToken(base, 'planner@demo.test');
    // KR-KIM-003 costs more than $10 a unit: 1,200 units are over the demo's $10,000 threshold.
    const big = await propose(plannerToken, 'KR-KIM-003', `E2E over threshold ${Date.now()}`, 1200);
    expect(big.value).toBeGreaterThan(10_000);
    await signIn(approver, base, 'approver@demo.test', '/actions?sku=KR-KIM-003');
    await expect.poll(() => row(approver, big.id).count()).toBe(1);
    expect(await row(approver, big.id).getByRole('button', { name: 'Approve KR-KIM-003' }).count()).toBe(0);
    expect(await row(approver, big.id).getByTestId('needs-admin').textContent()).toBe('Above $10,000: an admin approves');
    await signIn(approver, base, 'admin@demo.test', '/actions?sku=KR-KIM-003');
    await expect.poll(() => row(approver, big.id).getByRole('button', { name: 'Approve KR-KIM-003' }).count()).toBe(1);
    await send(plannerToken, 'POST', `/api/actions/${big.id}/dismiss`, { reason: 'E2E clean-up' });
  });

  it("labels the engine's numbers behind a reorder in words, with money and probabilities formatted", async () => {
    await signIn(approver, base, 'planner@demo.test', '/actions?kind=reorder');
    const first = approver.getByTestId('action-row').first();
    await first.getByRole('button', { name: 'Details' }).click();
    const detail = approver.getByTestId('action-detail');
    await expect.poll(() => detail.locator('dt').allTextContents()).toContain('Expected lost sales');
    for (const label of await detail.locator('dt').allTextContents()) expect(label).not.toMatch(/[a-z][A-Z]/);
    expect(await detail.textContent()).toMatch(/P\(stock-out before the next arrival\)\d+%/);
  });

  it('refuses an approval from a stale page with a sentence', async () => {
    const plannerToken = await apiToken(base, 'planner@demo.test');
    const action = await propose(plannerToken, 'KR-KIM-003', `E2E stale ${Date.now()}`);
    // The admin's page stops hearing about changes (its background refreshes are held), as a
    // page left open on a slow network would.
    let hold = true;
    const held: Route[] = [];
    await signIn(approver, base, 'admin@demo.test', '/actions?sku=KR-KIM-003');
    await expect.poll(() => row(approver, action.id).count()).toBe(1);
    await approver.route(
      (u) => u.pathname.endsWith('.data'),
      (r) => (hold && r.request().method() === 'GET' ? void held.push(r) : r.continue()),
    );
    await send(await apiToken(base, 'approver@demo.test'), 'POST', `/api/actions/${action.id}/approve`, {});
    hold = false;
    await row(approver, action.id).getByRole('button', { name: 'Approve KR-KIM-003' }).click();
    await expect
      .poll(() => approver.getByRole('alert').textContent())
      .toContain('Someone else decided this action while your page was open: it is now approved.');
    await approver.unrouteAll({ behavior: 'ignoreErrors' });
    for (const r of held) await r.abort().catch(() => undefined);
    await expect.poll(() => row(approver, action.id).count()).toBe(0);
  });

  it('dismisses three actions at once after a confirmation with their total, leaving three audit entries', async () => {
    const token = await apiToken(base, 'planner@demo.test');
    const tag = `E2E bulk ${Date.now()}`;
    // KR-KIM-003 is ordered by the unit (case of 1, MOQ 2), so any of these quantities is an order its supplier takes.
    const made = [await propose(token, 'KR-KIM-003', `${tag} a`, 5), await propose(token, 'KR-KIM-003', `${tag} b`, 7)];
    made.push(await propose(token, 'KR-KIM-003', `${tag} c`, 9));
    await planner.goto(`${base}/actions?sku=KR-KIM-003`);
    for (const a of made) await row(planner, a.id).getByRole('checkbox').check();
    const total = made.reduce((s, a) => s + a.value, 0);
    const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(total);
    expect(await planner.getByTestId('selection-totals').textContent()).toBe(`3 selected, worth ${money}`);
    await planner.getByRole('button', { name: 'Dismiss 3 selected' }).click();
    expect(await planner.getByTestId('bulk-confirm').textContent()).toContain(`3 actions worth ${money} in total`);
    await screenshot(planner, 'actions-bulk-confirm');
    await planner.getByRole('dialog').getByLabel('Reason').fill('Covered by a supplier promotion');
    await planner.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => planner.getByText('3 decisions recorded.').count()).toBe(1);
    for (const a of made) await expect.poll(() => row(planner, a.id).count()).toBe(0);

    await signIn(approver, base, 'auditor@demo.test', '/audit?action=action.dismissed');
    const ids = new Set(made.map((a) => a.id));
    await expect
      .poll(
        async () =>
          (await approver.getByTestId('audit-row').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-subject')))).filter((s) =>
            ids.has(s!),
          ).length,
      )
      .toBe(3);
    const auditor = await apiToken(base, 'auditor@demo.test');
    const entries = await apiGet<{ items: { subject: string; action: string; data: { from: string; to: string; reason?: string } }[] }>(
      base,
      auditor,
      '/api/audit?action=action.dismissed&limit=1000',
    );
    const ours = entries.items.filter((e) => ids.has(e.subject));
    expect(ours.map((e) => `${e.data.from}->${e.data.to}`)).toEqual(['proposed->dismissed', 'proposed->dismissed', 'proposed->dismissed']);
    await approver.locator(`[data-testid=audit-row][data-subject="${made[0].id}"]`).getByRole('button', { name: 'Details' }).click();
    await expect.poll(() => approver.getByTestId('audit-detail').textContent()).toContain('dismissed');
    await screenshot(approver, 'audit');
    expect(await seriousViolations(approver)).toEqual([]);
  });
});

describe('audit', () => {
  it('verifies the chain and says so', async () => {
    // The API's own answer first, so a failure names its entry and reason (firstBadSeq, reason).
    const first = await apiGet<{ ok: boolean }>(base, await apiToken(base, 'auditor@demo.test'), '/api/audit/verify');
    expect(first.ok, JSON.stringify(first)).toBe(true);
    await approver.goto(`${base}/audit`);
    await approver.getByRole('link', { name: 'Verify the chain' }).click();
    await expect.poll(() => approver.getByTestId('verify-result').getAttribute('data-ok')).toBe('true');
    const v = await apiGet<{ ok: boolean; length: number }>(base, await apiToken(base, 'auditor@demo.test'), '/api/audit/verify');
    expect(v.ok).toBe(true);
    expect(await approver.getByTestId('verify-result').textContent()).toMatch(/The chain is intact: [\d,]+ entries/);
    await screenshot(approver, 'audit-verified');
  });
});

describe('ask', () => {
  it('answers what expires in the next two weeks and its citation opens the lot', async () => {
    await planner.goto(`${base}/ask`);
    await planner.getByRole('textbox', { name: 'Your question' }).fill('what expires in the next two weeks');
    await planner.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => planner.getByTestId('answer-text').count()).toBe(1);
    expect(await planner.getByTestId('answer-text').textContent()).toMatch(/expire within 14 days/);
    const lot = planner.getByTestId('citations').locator('a[data-type=lot]').first();
    const href = (await lot.getAttribute('href'))!;
    const lotId = decodeURIComponent(href.split('q=')[1]);
    expect(await planner.getByTestId('ask-row').filter({ hasText: lotId }).count()).toBeGreaterThan(0);
    await screenshot(planner, 'ask');
    expect(await seriousViolations(planner)).toEqual([]);
    await lot.click();
    await planner.waitForURL((u) => u.pathname === '/lots');
    await expect.poll(() => planner.locator('table tbody tr').filter({ hasText: lotId }).count()).toBeGreaterThan(0);
    // The question is kept in this browser's history.
    await planner.goto(`${base}/ask`);
    await expect.poll(() => planner.getByTestId('ask-history').textContent()).toContain('what expires in the next two weeks');
  });
});

describe('ROI', () => {
  it('prints the weekly report to a one-page PDF with its figures', async () => {
    await planner.goto(`${base}/roi`);
    // The trend is a chart when a week in it counted something, a sentence when none did; this
    // week's figures counting anything means a chart.
    const chart = planner.locator('[data-testid=roi-trend] .recharts-surface');
    const empty = planner.getByTestId('roi-trend-empty');
    await expect.poll(async () => Number((await chart.count()) > 0) + (await empty.count())).toBe(1);
    const counted = await planner
      .locator('[data-testid^=roi-][data-value]')
      .evaluateAll((els) => els.some((e) => Number(e.getAttribute('data-value')) !== 0));
    if (counted) expect(await chart.count()).toBeGreaterThan(0);
    await screenshot(planner, 'roi');
    expect(await seriousViolations(planner)).toEqual([]);
    await planner.emulateMedia({ media: 'print' });
    const pdf = await planner.pdf({ format: 'A4', printBackground: true });
    await planner.emulateMedia({ media: 'screen' });
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    expect(doc.numPages).toBe(1);
    const { text } = await extractText(doc, { mergePages: true });
    expect(text).toContain('ROI report');
    expect(text).toContain('Waste avoided');
    expect(text).toContain('Counted from executed decisions only');
    expect(text).not.toContain('Sign out');
  });
});

describe('alerts', () => {
  let receiver: Server;
  const received: { body: string; signature?: string }[] = [];
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        received.push({ body, signature: req.headers['x-lotwise-signature'] as string | undefined });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

  it('adds a channel in settings, tests it, and shows a raised alert with its delivery', async () => {
    const port = (receiver.address() as AddressInfo).port;
    const name = `E2E receiver ${Date.now()}`;
    await signIn(approver, base, 'admin@demo.test', '/settings');
    const add = approver.getByRole('form', { name: 'Add channel' });
    await add.getByLabel('Name').fill(name);
    await add.getByLabel('URL').fill(`http://localhost:${port}/alerts`);
    await add.getByLabel('Import failed').check();
    await add.getByLabel('From severity').selectOption('info');
    await add.getByRole('button', { name: 'Add channel' }).click();
    await expect.poll(() => approver.getByTestId('signing-secret').count()).toBe(1);
    const channel = approver.locator(`[data-testid=channel][data-name="${name}"]`);
    await expect.poll(() => channel.count()).toBe(1);
    await channel.getByRole('button', { name: 'Send test' }).click();
    await expect.poll(() => channel.getByText('The receiver accepted the test alert.').count()).toBe(1);
    expect(received.some((r) => r.body.includes('"kind":"test"') && r.signature?.startsWith('v1='))).toBe(true);
    await screenshot(approver, 'settings-alert-channels');
    expect(await seriousViolations(approver)).toEqual([]);

    // A failed upload raises an import-failed alert (info), which the channel wants.
    const token = await apiToken(base, 'admin@demo.test');
    const file = `e2e-broken-${Date.now()}.csv`;
    const form = new FormData();
    form.set('file', new Blob([`customer_id,name,region,channel\n,${file},West,asian_grocer\n`], { type: 'text/csv' }), file);
    form.set('policy', 'all-or-nothing');
    const up = await fetch(`${base}/api/imports/customers`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    expect(up.status).toBeLessThan(300);
    await expect.poll(() => received.filter((r) => r.body.includes(file)).length, { timeout: 60_000 }).toBe(1);

    await approver.goto(`${base}/alerts?kind=import-failed`);
    const alert = approver.getByTestId('alert').filter({ hasText: file });
    await expect
      .poll(async () => {
        await approver.reload();
        return alert.locator(`[data-testid=delivery][data-status=sent]`).filter({ hasText: name }).count();
      })
      .toBe(1);
    expect(await alert.textContent()).toContain('HTTP 200');
    await screenshot(approver, 'alerts');
    expect(await seriousViolations(approver)).toEqual([]);
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => alert.getByTestId('acked').textContent()).toContain('admin@demo.test');
    // The receiver goes away with this test: so does its channel.
    await approver.goto(`${base}/settings`);
    await channel.getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => channel.count()).toBe(0);
  });
});

describe('status and the new pages in Korean', () => {
  it('shows the status page to an admin and hides it from a planner', async () => {
    await approver.goto(`${base}/status`);
    await expect.poll(() => approver.locator('h1').textContent()).toBe('Status');
    expect(await approver.getByTestId('model-calls').count()).toBe(1);
    await screenshot(approver, 'status');
    expect(await seriousViolations(approver)).toEqual([]);
    expect(await planner.getByRole('link', { name: 'Status' }).count()).toBe(0);
    expect(await planner.getByRole('link', { name: 'Audit' }).count()).toBe(0);
    await planner.goto(`${base}/status`);
    expect(await planner.getByRole('alert').textContent()).toContain('Only admins and auditors');
  });

  it('renders every new page in Korean without serious accessibility problems', async () => {
    await approver.getByRole('button', { name: '한국어' }).first().click();
    await expect.poll(() => approver.locator('h1').textContent()).toBe('상태');
    for (const [path, title] of [
      ['/actions', '조치'],
      ['/ask', '질문'],
      ['/alerts', '알림'],
      ['/status', '상태'],
      ['/audit', '감사'],
    ] as const) {
      await approver.goto(`${base}${path}`);
      await expect.poll(() => approver.locator('h1').textContent()).toBe(title);
      await screenshot(approver, `ko${path.replace(/\//g, '-')}`);
      expect(await seriousViolations(approver), path).toEqual([]);
    }
    // A refresh run's state is in Korean too, not the stored English word.
    await approver.goto(`${base}/status`);
    const run = (await approver.getByTestId('refresh-run').first().textContent()) ?? '';
    expect(run).toMatch(/완료|실행 중|실패/);
    expect(run).not.toMatch(/\b(done|running|failed)\b/);
    await approver.getByRole('button', { name: 'English' }).first().click();
  });
});
