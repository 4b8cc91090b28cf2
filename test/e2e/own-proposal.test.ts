// One's own proposal in the action queue: the API refuses its approval ("nobody approves their own
// proposal"), so the page offers no Approve for it, says another approver signs it off (in English
// and Korean), and leaves it out of a bulk approval, saying how many were left out. Dismissal stays.
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { apiGet, apiSend, apiToken, openBrowser, screenshot, seriousViolations, signIn } from './browser';

const base = inject('baseUrl');
let page: Page;
openBrowser((p) => (page = p));

interface Action {
  id: string;
  state: string;
  proposedById: string;
}

/** A reorder of KR-KIM-003 (ordered by the unit), small enough for any approver's threshold. */
const propose = (token: string, reason: string, quantity: number) =>
  apiSend<Action>(base, token, 'POST', '/api/actions', { kind: 'reorder', sku: 'KR-KIM-003', quantity, reason, confirmDuplicate: true });

const row = (id: string) => page.locator(`[data-testid=action-row][data-id="${id}"]`);

describe("an admin's own proposal in the action queue", () => {
  it('offers no Approve on it, single or bulk, and says so in English and Korean', async () => {
    const admin = await apiToken(base, 'admin@demo.test');
    const planner = await apiToken(base, 'planner@demo.test');
    const tag = `E2E own proposal ${Date.now()}`;
    const mine = await propose(admin, `${tag} mine`, 6);
    const theirs = await propose(planner, `${tag} theirs`, 8);
    // What the page must not offer: the API refuses the admin's approval of their own proposal.
    const refused = await fetch(`${base}/api/actions/${mine.id}/approve`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toContain('own proposal');

    await signIn(page, base, 'admin@demo.test', '/actions?sku=KR-KIM-003');
    await expect.poll(() => row(mine.id).count()).toBe(1);
    // Their own: a note instead of Approve; dismissing it stays (the API allows it).
    expect(await row(mine.id).getByRole('button', { name: 'Approve KR-KIM-003' }).count()).toBe(0);
    expect(await row(mine.id).getByTestId('own-proposal').textContent()).toBe('Your proposal — another approver signs it off');
    expect(await row(mine.id).getByRole('button', { name: 'Dismiss KR-KIM-003' }).count()).toBe(1);
    // Someone else's: Approve as before.
    expect(await row(theirs.id).getByRole('button', { name: 'Approve KR-KIM-003' }).count()).toBe(1);
    expect(await row(theirs.id).getByTestId('own-proposal').count()).toBe(0);

    // Both selected: approval takes the other person's only and says one was left out; dismissal takes both.
    await row(mine.id).getByRole('checkbox').check();
    await row(theirs.id).getByRole('checkbox').check();
    const bar = page.getByRole('region', { name: 'Decide the selection' });
    await expect.poll(() => bar.getByRole('button', { name: 'Approve 1 selected' }).count()).toBe(1);
    expect(await bar.getByRole('button', { name: 'Dismiss 2 selected' }).count()).toBe(1);
    expect(await bar.getByTestId('own-left-out').textContent()).toBe(
      'Left out of approval: 1 of your own proposals (another approver signs them off).',
    );
    await screenshot(page, 'actions-own-proposal');
    expect(await seriousViolations(page)).toEqual([]);
    await bar.getByRole('button', { name: 'Approve 1 selected' }).click();
    expect(await page.getByTestId('bulk-confirm').textContent()).toContain('1 actions worth');
    expect(await page.getByTestId('bulk-confirm').textContent()).toContain('Left out of approval: 1 of your own proposals');
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    // Nothing refused: only the approvable one was sent.
    await expect.poll(() => page.getByText('1 decisions recorded.').count()).toBe(1);
    expect(await page.getByText(/decisions were refused/).count()).toBe(0);
    expect((await apiGet<Action>(base, admin, `/api/actions/${theirs.id}`)).state).toBe('approved');
    expect((await apiGet<Action>(base, admin, `/api/actions/${mine.id}`)).state).toBe('proposed');

    // Only their own left selected: no bulk Approve at all, the count said.
    await expect.poll(() => row(mine.id).count()).toBe(1);
    await row(mine.id).getByRole('checkbox').check();
    await expect.poll(() => bar.getByRole('button', { name: 'Dismiss 1 selected' }).count()).toBe(1);
    expect(await bar.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
    expect(await bar.getByTestId('own-left-out').textContent()).toContain('1 of your own proposals');

    // The same in Korean.
    await page.getByRole('button', { name: '한국어' }).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('조치');
    await expect.poll(() => row(mine.id).getByTestId('own-proposal').textContent()).toBe('내가 제안한 조치 — 다른 승인자가 승인합니다');
    await row(mine.id).getByRole('checkbox').check();
    await expect
      .poll(() => page.getByTestId('own-left-out').textContent())
      .toBe('승인에서 제외: 내가 제안한 조치 1건 (다른 승인자가 승인합니다).');
    expect(await page.getByRole('region', { name: '선택 항목 결정' }).getByRole('button', { name: /승인/ }).count()).toBe(0);

    await apiSend(base, admin, 'POST', `/api/actions/${mine.id}/dismiss`, { reason: 'E2E clean-up' });
  });
});
