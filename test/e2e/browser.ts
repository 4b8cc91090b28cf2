// Debian's Chromium through playwright-core (never a downloaded browser), a fresh profile per run,
// and helpers shared by the browser tests: sign in, call the API, check accessibility, screenshot.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SHOTS = '.tmp/screenshots';
export const PASSWORD = 'demo-pass-123';

export async function launch(): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'lotwise-e2e-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A test file's browser: a fresh Chromium profile and one page, opened before the file's first test
 * and closed after its last; `use` receives them once open (assign them to the file's variables).
 */
export function openBrowser(use: (page: Page, context: BrowserContext) => void): void {
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    context = await launch();
    use(await context.newPage(), context);
  });
  afterAll(async () => {
    await context?.close();
  });
}

/** Waits until React has hydrated the page (root.tsx's Layout marks `<html data-hydrated>`). */
export async function hydrated(page: Page): Promise<void> {
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/** `page.goto`, then waits for hydration: a page's forms and buttons are React's only from then on. */
export async function visit(page: Page, url: string) {
  const res = await page.goto(url);
  await hydrated(page);
  return res;
}

export async function signIn(page: Page, base: string, email: string, next = '/') {
  await page.context().clearCookies();
  for (let attempt = 1; ; attempt++) {
    // A form filled and clicked while React is still hydrating may lose the click on a busy machine.
    await visit(page, `${base}/login?next=${encodeURIComponent(next)}`);
    await page.getByLabel(/^(Email|이메일)$/).fill(email);
    await page.getByLabel(/^(Password|비밀번호)$/).fill(PASSWORD);
    const left = page
      .waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 })
      .then(
        () => true,
        () => false,
      );
    await page.getByRole('button', { name: /^(Sign in|로그인)$/ }).click();
    if (await left) break;
    // Still on the sign-in page: a refusal says why (never retried); no answer at all is retried once.
    const refusal = await page.getByRole('alert').allTextContents();
    if (refusal.length || attempt >= 2) throw new Error(`sign-in as ${email} stayed on ${page.url()}: ${refusal.join(' ') || 'no answer'}`);
  }
  // The URL changes before the signed-in page has loaded and hydrated: its forms (and their
  // token) belong to the new session only once it has settled.
  await page.waitForLoadState('networkidle');
  await hydrated(page);
}

export async function apiToken(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`API login ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export async function apiGet<T>(base: string, token: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A JSON request to the API as `token`'s user; throws with the answer's text on a non-2xx. */
export async function apiSend<T>(base: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical findings on the page as it stands. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: AxeViolation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}
